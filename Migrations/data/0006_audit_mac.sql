-- The keyed audit chain: the last entry of every commit carries a MAC over (seq, hash)
-- under a key derived from the audit key, which lives only in keys.db (wrapped by the
-- master key). NULL on every other entry, and on entries written before this step.
ALTER TABLE audit_entry ADD COLUMN mac BLOB;
