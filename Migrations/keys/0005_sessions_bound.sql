-- Whether every session of data.db has been bound to its history (data.db migration 0007
-- and the start-up upgrade that re-seals older sessions). Kept here, not in data.db: once
-- set, a data.db row without a seal is tampering, not a row still to upgrade, so someone who
-- can write data.db cannot clear a seal and have an edited old-format session re-sealed.
ALTER TABLE audit_anchor ADD COLUMN sessions_bound INTEGER NOT NULL DEFAULT 0;
