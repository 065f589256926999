-- The number of the erasure a `keyring_mirror` row records and its place in the keyring's
-- order of erasures (the keyring's `erasure.number` and `erasure.ordinal`, keys migration
-- 0005). A keyring holds the recorded erasure when its row has the same handle tag or a
-- later erasure of the customer (a higher number; where either row has none, a time not
-- before it). A row is replaced only by a later erasure of the customer. The rows checked
-- are the newest by `ordinal`, so an erasure recorded here late (the erasure-mirror job)
-- never pushes a newer one out of them. Rows written before this migration have neither
-- (NULL): compared by time, checked after every row that has an ordinal.
ALTER TABLE keyring_mirror ADD COLUMN number bigint;
ALTER TABLE keyring_mirror ADD COLUMN ordinal bigint;
CREATE INDEX keyring_mirror_ordinal ON keyring_mirror (ordinal DESC NULLS LAST, recorded DESC);
