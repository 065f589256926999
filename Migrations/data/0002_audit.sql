-- The tamper-evident audit chain: hash = BLAKE2b(prev_hash || canonical entry).
-- Committed in the same transaction as the write it records. Holds no raw ids or text:
-- customer_ref is the customer's random pseudonym from keys.db.
CREATE TABLE audit_entry (
    seq          INTEGER PRIMARY KEY,
    ts           INTEGER NOT NULL,  -- ms since the Unix epoch
    peer_uid     INTEGER,
    peer_pid     INTEGER,
    role         TEXT,
    method       TEXT    NOT NULL,
    purpose      TEXT,
    customer_ref BLOB,
    outcome      TEXT    NOT NULL,  -- "ok" or the JSON-RPC error code
    hash         BLOB    NOT NULL
);

-- Signed heads: every N entries and at shutdown the audit key signs (seq, hash).
CREATE TABLE audit_checkpoint (
    seq       INTEGER PRIMARY KEY,
    head      BLOB    NOT NULL,
    ts        INTEGER NOT NULL,
    signature BLOB    NOT NULL
);

-- The audit public key, so the chain verifies offline from a copy of data.db alone.
CREATE TABLE audit_meta (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    public_key BLOB    NOT NULL
);
