-- The keyring on PostgreSQL: the tables of Migrations/keys (SQLite steps 0001-0004) in
-- their current shape. Kept apart from the data schema (its own component in
-- confide_schema, and it may live in a different database or cluster: --keys-store), so
-- that a copy of the transcripts is protected by shredding for ever, and the keyring's
-- shorter-lived backups bound an erasure's backup horizon. Every key here is wrapped
-- (AEAD) by the key above it; PostgreSQL never sees a key, a customer id or a session id
-- in the clear. Every blob is bytea, sent and read in binary.

-- One row: how the master key is obtained and checked, and the keys it wraps directly.
CREATE TABLE keyring (
    id                bigint  PRIMARY KEY CHECK (id = 1),
    master_source     text    NOT NULL CHECK (master_source IN ('key-file', 'passphrase', 'dev')),
    kdf_salt          bytea,            -- Argon2id salt (passphrase mode)
    kdf_ops_limit     bigint,
    kdf_mem_limit     bigint,
    key_check         bytea   NOT NULL, -- a constant sealed under the master key: wrong key => clear error
    index_key         bytea   NOT NULL, -- blind-index key, wrapped by the master key
    audit_signing_key bytea   NOT NULL, -- Ed25519 secret key, wrapped by the master key
    audit_public_key  bytea   NOT NULL,
    created_at        bigint  NOT NULL  -- ms since the Unix epoch
);

-- Key-encryption keys, wrapped by the master key. One is active; retiring ones still wrap
-- some DEKs until re-wrap finishes; destroyed ones keep only their history (wrapped = NULL).
CREATE TABLE kek (
    version      bigint  PRIMARY KEY,
    state        text    NOT NULL CHECK (state IN ('active', 'retiring', 'destroyed')),
    wrapped      bytea,
    created_at   bigint  NOT NULL,
    destroyed_at bigint
);
CREATE UNIQUE INDEX kek_one_active ON kek (state) WHERE state = 'active';

-- A customer, known only by the keyed hash of its id. `handle` (random) names its rows in
-- the data schema; `audit_ref` (random) is its pseudonym in the audit chain. Both die with
-- a shred. `version` is bumped by every change to its keys (and, until step 0002, its
-- hold state), so no daemon trusts a cached DEK past a change another daemon committed.
CREATE TABLE customer (
    blind_index bytea   PRIMARY KEY,
    handle      bytea   NOT NULL UNIQUE,
    audit_ref   bytea   NOT NULL UNIQUE,
    created_at  bigint  NOT NULL,
    held_since  bigint,               -- legal hold (GDPR Art. 17(3)(e)); NULL when not held
    version     bigint  NOT NULL DEFAULT 1
);

-- Data-encryption key generations of a customer, each wrapped by one KEK version.
CREATE TABLE dek (
    customer_handle bytea   NOT NULL REFERENCES customer (handle) ON DELETE CASCADE,
    generation      bigint  NOT NULL,
    kek_version     bigint  NOT NULL REFERENCES kek (version),
    wrapped         bytea   NOT NULL,
    created_at      bigint  NOT NULL,
    PRIMARY KEY (customer_handle, generation)
);
CREATE INDEX dek_by_kek ON dek (kek_version);

-- Every KEK version that ever wrapped a DEK of the customer (for the erasure receipt).
CREATE TABLE dek_kek_history (
    customer_handle bytea   NOT NULL REFERENCES customer (handle) ON DELETE CASCADE,
    kek_version     bigint  NOT NULL,
    PRIMARY KEY (customer_handle, kek_version)
);

-- Erasures: one row per erased customer (the newest erasure of that id). Neither the
-- customer's blind index nor its handle is kept: `customer_tag` is a keyed hash of the
-- blind index, `handle_tag` a keyed hash of the erased handle. `draft` is the receipt
-- without its audit fields and signature; `receipt` the signed receipt once its audit
-- entry committed (see Migrations/keys/0003_erasure.sql).
CREATE TABLE erasure (
    customer_tag bytea   PRIMARY KEY,
    handle_tag   bytea   NOT NULL,
    shredded_at  bigint  NOT NULL,  -- ms since the Unix epoch
    draft        bytea   NOT NULL,  -- compact JSON
    receipt      bytea              -- compact JSON, with "signature"; NULL until completed
);

-- What the keyring knows of the data schema's audit chain, so that the data alone cannot
-- be rewritten, wiped or rolled back unseen (see Migrations/keys/0004_audit_anchor.sql).
CREATE TABLE audit_anchor (
    id         bigint  PRIMARY KEY CHECK (id = 1),
    keyed_from bigint  NOT NULL,
    seq        bigint,
    head       bytea,
    pruned_to  bigint  NOT NULL DEFAULT 0,
    sessions_bound bigint NOT NULL DEFAULT 0,  -- see Migrations/keys/0005_sessions_bound.sql
    mac            bytea                       -- the anchor's MAC under the audit key (same file)
);
