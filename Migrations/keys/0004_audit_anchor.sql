-- What keys.db knows of data.db's audit chain, so that data.db alone cannot be rewritten,
-- wiped or rolled back unseen. `keyed_from`: the first seq written with commit MACs (older
-- entries predate the keyed chain); `seq`, `head`: the newest signed checkpoint the daemon
-- recorded; `pruned_to`: the last seq the audit-prune job removed (0: none).
CREATE TABLE audit_anchor (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    keyed_from INTEGER NOT NULL,
    seq        INTEGER,
    head       BLOB,
    pruned_to  INTEGER NOT NULL DEFAULT 0
);
