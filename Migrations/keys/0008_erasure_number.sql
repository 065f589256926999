-- Which erasure of the customer id a row records, and where it stands among the keyring's
-- erasures (session 24; session 23's attack review, S23B-2/3, and session 24's, S24-1..4).
--
-- `number`: 1 for her first erasure, one more each time she is created again and erased
-- again. "A later erasure of this customer" is decided by it, not by `shredded_at`, the
-- erasing daemon's wall clock (daemons of a shared store whose clocks disagree let a restored
-- keyring holding her first erasure pass for her second). NULL on a row recorded before this
-- migration (how many erasures came before it is not known): a comparison with such a row
-- falls back to the times, as every comparison did before.
--
-- `ordinal`: the erasure's place in the order the keyring recorded erasures (one more than
-- the highest so far, each time a row is written). The data store's record of erasures
-- (PostgreSQL's `keyring_mirror`) keeps it, and a check of the newest erasures takes them in
-- this order, so an older erasure written to the record late never pushes a newer one out of
-- the rows checked. Rows recorded before this migration are numbered in `shredded_at` order.
ALTER TABLE erasure ADD COLUMN number INTEGER;
ALTER TABLE erasure ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
UPDATE erasure SET ordinal = s.o
  FROM (SELECT customer_tag, row_number() OVER (ORDER BY shredded_at, customer_tag) AS o FROM erasure) AS s
 WHERE erasure.customer_tag = s.customer_tag;
CREATE INDEX erasure_ordinal ON erasure (ordinal);
