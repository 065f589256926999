-- Which erasure of the customer id a row records (`number`: 1 for her first, one more each
-- time she is erased again; NULL on a row recorded before this migration, compared by time
-- as before) and where it stands among the keyring's erasures (`ordinal`: one more than the
-- highest so far, each time a row is written; rows recorded before this migration numbered
-- in `shredded_at` order). See Migrations/keys/0008_erasure_number.sql.
ALTER TABLE erasure ADD COLUMN number bigint;
ALTER TABLE erasure ADD COLUMN ordinal bigint NOT NULL DEFAULT 0;
UPDATE erasure SET ordinal = s.o
  FROM (SELECT customer_tag, row_number() OVER (ORDER BY shredded_at, customer_tag) AS o FROM erasure) AS s
 WHERE erasure.customer_tag = s.customer_tag;
CREATE INDEX erasure_ordinal ON erasure (ordinal);

-- The erasures still without their receipt, newest first, which every daemon's scheduler
-- makes sure the data store's record (`keyring_mirror`) holds: a partial index, so that
-- asking each run reads only them, the newest first.
CREATE INDEX erasure_without_receipt ON erasure (ordinal) WHERE receipt IS NULL;
