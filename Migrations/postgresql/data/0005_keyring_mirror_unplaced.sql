-- The record's rows of erasures without a number (made before keys migration 0005) carry no
-- ordinal: those the data recorded in time rank after every numbered erasure, in the order
-- they reached the record (`recorded`); those written late (the erasure-mirror job, a
-- repeated shred) take a `recorded` below the sequence, `keyring ordinal - 2^63 + 1`, and are
-- checked as a set of their own in the keyring's order. The erasure-mirror job of two
-- development commits (4636865, 640912a) instead copied the keyring's ordinals onto such rows
-- (time order, stamped by daemons' clocks that may have been apart: session 24's third attack
-- review, S24C-3) and wrote its late rows with a fresh `recorded`; in a table those rows
-- cannot be told apart, so they all move to the late set, in the keyring's order as that job
-- ranked them, and stay checked (session 25's second review, S25B-2: clearing their ordinals
-- alone ranked that job's late rows above the rows recorded in time). A no-op on every
-- other store.
UPDATE keyring_mirror SET recorded = ordinal - 9223372036854775807, ordinal = NULL
 WHERE number IS NULL AND ordinal IS NOT NULL;
