-- Migrations/keys/0006 on PostgreSQL. How many holds and releases the customer has had,
-- confirmations of a hold in force included. A hold or release whose audit entry could not
-- be written is undone only while this is still the count it left (`Keyring.undoHold`): a
-- hold confirmed meanwhile, through this daemon or another, was answered and audited and
-- must stay. Kept apart from `version`, which holds no longer bump: no request relies on a
-- cached hold state (a shred and retention read it afresh), so a hold through one daemon
-- must not fail another daemon's reads and writes of the customer (their version check).
ALTER TABLE customer ADD COLUMN hold_changes bigint NOT NULL DEFAULT 0;
