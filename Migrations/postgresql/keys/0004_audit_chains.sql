-- One audit chain per daemon (see Migrations/postgresql/data/0002_audit_chains.sql): the
-- anchor becomes one row per chain, and its rows are the registry of chains. `chain` 0 is
-- the store's first chain (the row that was `id = 1`); a daemon given an audit chain name
-- registers chain 1, 2, … under that `name` (chain 0 has none). `chains`, on chain 0's row,
-- counts the chains registered: it is covered by that row's MAC, so a chain deleted whole
-- together with its anchor row is still noticed (`audit verify`). Each row's MAC covers its
-- chain number and name too, so rows cannot be swapped between chains.
ALTER TABLE audit_anchor DROP COLUMN id;
ALTER TABLE audit_anchor ADD COLUMN chain bigint NOT NULL DEFAULT 0 PRIMARY KEY;
ALTER TABLE audit_anchor ADD COLUMN name text UNIQUE;
ALTER TABLE audit_anchor ADD COLUMN chains bigint;
