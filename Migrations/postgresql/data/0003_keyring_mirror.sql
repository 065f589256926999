-- What the data store knows of the keyring's erasures (session 23's attack review, S23-1c):
-- the last erasure recorded, by the keyring's tags for it (`erasure.customer_tag`,
-- `erasure.handle_tag`) and its time, written by each shred's audit-entry transaction after
-- the keyring committed the erasure. A keyring without that erasure (nor a later one of the
-- same customer) was put back from before it (a restore, a failover to a standby that had not
-- received it): every daemon checks on each new session of its keyring connections and
-- refuses such a keyring. Tags, not ids: keyed hashes, as in the keyring's `erasure` table.
CREATE TABLE keyring_mirror (
    id            bigint  PRIMARY KEY CHECK (id = 1),
    customer_tag  bytea   NOT NULL,
    handle_tag    bytea   NOT NULL,
    shredded_at   bigint  NOT NULL  -- ms since the Unix epoch
);
