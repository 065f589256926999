-- A customer's version: bumped by every change to its keys or hold state (hold, release,
-- new DEK generation; a shred deletes the row). A cached copy of the customer is served
-- only while its version is current, so no process trusts a hold state or a DEK past a
-- change another request (or, on a shared database, another daemon) committed.
ALTER TABLE customer ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
