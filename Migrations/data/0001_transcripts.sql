-- data.db: sessions and their encrypted messages. No customer id, session id or text is
-- stored in the clear: customers are named by a random handle (kept in keys.db), sessions
-- by a keyed hash, and everything else lives inside XChaCha20-Poly1305 ciphertext.

CREATE TABLE session (
    id              INTEGER PRIMARY KEY,
    customer_handle BLOB    NOT NULL,
    blind_index     BLOB    NOT NULL,  -- keyed BLAKE2b of (customer handle, session id)
    header          BLOB    NOT NULL,  -- sealed: customer id, session id, metadata, placeholder numbering
    generation      INTEGER NOT NULL,  -- DEK generation that sealed the header
    message_count   INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,  -- ms since the Unix epoch
    updated_at      INTEGER NOT NULL,
    retention_days  INTEGER,
    expires_at      INTEGER,
    UNIQUE (customer_handle, blind_index)
);
CREATE INDEX session_by_expiry ON session(expires_at) WHERE expires_at IS NOT NULL;

-- One message per chunk, sealed with the customer's DEK; the associated data binds it to
-- its customer, session, position and key generation.
CREATE TABLE chunk (
    session_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    sealed     BLOB    NOT NULL,
    PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;

-- Customers whose keys were destroyed but whose ciphertext rows are still being removed
-- (a shred's background step; resumed at start-up after a crash).
CREATE TABLE pending_purge (
    customer_handle BLOB    PRIMARY KEY,
    requested_at    INTEGER NOT NULL
) WITHOUT ROWID;
