-- One audit chain per daemon (issue 21, docs/scaling.md "One audit chain, or one per
-- daemon"): several daemons over one data schema each append to a chain of their own, so
-- no group of one daemon waits for another's commit on a shared head. Every entry and
-- checkpoint belongs to a chain, numbered by the keyring's registry (`audit_anchor.chain`);
-- chain 0 is the store's first chain, which every existing entry is on. Seqs count per chain.
-- Rebuilding the primary keys locks and rewrites the indexes of both tables once.
ALTER TABLE audit_entry ADD COLUMN chain bigint NOT NULL DEFAULT 0;
ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_pkey, ADD PRIMARY KEY (chain, seq);
ALTER TABLE audit_checkpoint ADD COLUMN chain bigint NOT NULL DEFAULT 0;
ALTER TABLE audit_checkpoint DROP CONSTRAINT audit_checkpoint_pkey, ADD PRIMARY KEY (chain, seq);
