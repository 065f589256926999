-- keys.db: the keyring only. Kept apart from data.db so that a copy of data.db is
-- protected by shredding for ever. Every key here is wrapped (AEAD) by the key above it.

-- One row: how the master key is obtained and checked, and the keys it wraps directly.
CREATE TABLE keyring (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    master_source     TEXT    NOT NULL CHECK (master_source IN ('key-file', 'passphrase', 'dev')),
    kdf_salt          BLOB,             -- Argon2id salt (passphrase mode)
    kdf_ops_limit     INTEGER,
    kdf_mem_limit     INTEGER,
    key_check         BLOB    NOT NULL, -- a constant sealed under the master key: wrong key => clear error
    index_key         BLOB    NOT NULL, -- blind-index key, wrapped by the master key
    audit_signing_key BLOB    NOT NULL, -- Ed25519 secret key, wrapped by the master key
    audit_public_key  BLOB    NOT NULL,
    created_at        INTEGER NOT NULL  -- ms since the Unix epoch
);

-- Key-encryption keys, wrapped by the master key. One is active; retiring ones still wrap
-- some DEKs until re-wrap finishes; destroyed ones keep only their history (wrapped = NULL).
CREATE TABLE kek (
    version      INTEGER PRIMARY KEY,
    state        TEXT    NOT NULL CHECK (state IN ('active', 'retiring', 'destroyed')),
    wrapped      BLOB,
    created_at   INTEGER NOT NULL,
    destroyed_at INTEGER
);
CREATE UNIQUE INDEX kek_one_active ON kek(state) WHERE state = 'active';

-- A customer, known only by the keyed hash of its id. `handle` (random) names its rows in
-- data.db; `audit_ref` (random) is its pseudonym in the audit chain. Both die with a shred.
CREATE TABLE customer (
    blind_index BLOB    PRIMARY KEY,
    handle      BLOB    NOT NULL UNIQUE,
    audit_ref   BLOB    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    held_since  INTEGER               -- legal hold (GDPR Art. 17(3)(e)); NULL when not held
) WITHOUT ROWID;

-- Data-encryption key generations of a customer, each wrapped by one KEK version.
CREATE TABLE dek (
    customer_handle BLOB    NOT NULL REFERENCES customer(handle) ON DELETE CASCADE,
    generation      INTEGER NOT NULL,
    kek_version     INTEGER NOT NULL REFERENCES kek(version),
    wrapped         BLOB    NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (customer_handle, generation)
) WITHOUT ROWID;
CREATE INDEX dek_by_kek ON dek(kek_version);

-- Every KEK version that ever wrapped a DEK of the customer (for the erasure receipt).
CREATE TABLE dek_kek_history (
    customer_handle BLOB    NOT NULL REFERENCES customer(handle) ON DELETE CASCADE,
    kek_version     INTEGER NOT NULL,
    PRIMARY KEY (customer_handle, kek_version)
) WITHOUT ROWID;
