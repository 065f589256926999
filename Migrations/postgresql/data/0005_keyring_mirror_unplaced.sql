-- The record's rows of erasures without a number (made before keys migration 0005) have no
-- ordinal: they rank after every numbered erasure, among themselves in the order they
-- reached the record (`recorded`). The erasure-mirror job of two development commits
-- (4636865, 640912a) copied onto them the keyring's ordinals, which follow `shredded_at`,
-- stamped by daemons' clocks that may have been apart (session 24's third attack review,
-- S24C-3): this takes them off again. A no-op on every other store.
UPDATE keyring_mirror SET ordinal = NULL WHERE number IS NULL AND ordinal IS NOT NULL;
