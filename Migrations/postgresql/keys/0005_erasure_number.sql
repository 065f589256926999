-- Which erasure of the customer id a row records: 1 for her first, one more for each
-- erasure after she was created again (see Migrations/keys/0008_erasure_number.sql): "a
-- later erasure of this customer" is decided by this number, never by the erasing
-- daemons' wall clocks. Rows recorded before this migration count as first erasures.
ALTER TABLE erasure ADD COLUMN number bigint NOT NULL DEFAULT 1;

-- The erasures still without their receipt, which every daemon's scheduler makes sure the
-- data store's record (`keyring_mirror`) holds: a partial index, so that asking each run
-- reads only them.
CREATE INDEX erasure_without_receipt ON erasure (customer_tag) WHERE receipt IS NULL;
