-- Migrations/keys/0007 on PostgreSQL. A release of a legal hold takes effect in two steps
-- (issue 21, finding F3): first this mark, committed with `held_since` still set, so a
-- shred or retention of any daemon over this keyring still finds the customer held; then,
-- once the release's audit entry has committed, `held_since` and the mark are cleared
-- together. If the audit entry fails the mark is dropped and the customer stays held; a
-- crash between the steps leaves it held with the mark, and the next release completes it.
-- The value is the `hold_changes` count of the release that set it (NULL: no release
-- pending), so a release completes only the mark it set or confirmed. A column without a
-- default: instant, no rewrite.
ALTER TABLE customer ADD COLUMN release_pending bigint;
