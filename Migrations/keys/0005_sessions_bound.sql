-- Whether every session of data.db has been bound to its history (data.db migration 0007
-- and the start-up upgrade that re-seals older sessions). Kept here, not in data.db: once
-- set, a data.db row without a seal is tampering, not a row still to upgrade, so someone who
-- can write data.db cannot clear a seal and have an edited old-format session re-sealed.
ALTER TABLE audit_anchor ADD COLUMN sessions_bound INTEGER NOT NULL DEFAULT 0;
-- A MAC over the anchor's fields under a key derived from the audit key (which only the
-- master key unwraps): someone who can write keys.db cannot move, raise `keyed_from` in, or
-- delete the anchor to let a rewritten data.db start. NULL only on an anchor written before
-- this step; the first start after it writes one.
ALTER TABLE audit_anchor ADD COLUMN mac BLOB;
