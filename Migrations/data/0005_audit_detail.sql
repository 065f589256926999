-- What an audit entry records beyond its fixed fields: today the reason (ticket) a
-- customer.shred was given. NULL for every other entry. An entry with a detail is hashed
-- in the chain's v2 encoding (the v1 fields, then the detail), so older entries keep
-- their hashes.
ALTER TABLE audit_entry ADD COLUMN detail TEXT;
