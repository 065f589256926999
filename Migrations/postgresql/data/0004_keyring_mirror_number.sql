-- The number of the erasure a `keyring_mirror` row records (the keyring's `erasure.number`:
-- her first erasure is 1, the next after she was created again 2, …). A keyring holds the
-- recorded erasure when its row has the same handle tag or a higher number; a completion of
-- an older erasure written late never replaces a newer one's row. Rows written before this
-- migration count as first erasures.
ALTER TABLE keyring_mirror ADD COLUMN number bigint NOT NULL DEFAULT 1;
