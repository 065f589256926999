-- Which erasure of the customer id a row records: 1 for her first, one more for each
-- erasure after she was created again (session 24; session 23's attack review, S23B-2/3).
-- "A later erasure of this customer" is decided by this number, never by `shredded_at`:
-- that is the erasing daemon's wall clock, and daemons of a shared store whose clocks
-- disagree would let a restored keyring holding her first erasure pass for her second (or
-- refuse a keyring nobody restored). The erasure ledger carries the number too, so a
-- ledger entry re-applied to an older keyring is told from the older erasure it holds.
-- Rows recorded before this migration count as first erasures.
ALTER TABLE erasure ADD COLUMN number INTEGER NOT NULL DEFAULT 1;
