-- Erasures: one row per erased customer (the newest erasure of that id), so a repeated
-- customer.shred answers with the original receipt and customer.receipt can return it.
-- Neither the customer's blind index nor its handle is kept (both die with a shred, as
-- the customer table says): `customer_tag` is a keyed hash of the blind index (so the id
-- still finds its erasure) and `handle_tag` a keyed hash of the erased customer's handle
-- (so a customer brought back by an older keys.db, same handle, is told from a new one
-- with the same id). `draft` is the receipt without its audit fields and signature,
-- written in the erasure's own transaction; `receipt` is the signed receipt once its
-- audit entry committed.
CREATE TABLE erasure (
    customer_tag BLOB    PRIMARY KEY,
    handle_tag   BLOB    NOT NULL,
    shredded_at  INTEGER NOT NULL,  -- ms since the Unix epoch
    draft        BLOB    NOT NULL,  -- compact JSON
    receipt      BLOB               -- compact JSON, with "signature"; NULL until completed
) WITHOUT ROWID;
