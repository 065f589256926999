-- Chunks move from a WITHOUT ROWID table to a rowid table with a unique index.
--
-- A WITHOUT ROWID table keeps its rows in an index b-tree, where SQLite stores at most
-- about 2 KB of a row on the page and the rest on an overflow page of its own. A sealed
-- 2 KiB message is just over that, so every chunk took a whole 8 KiB overflow page:
-- 4.4x the bytes on disk and in the WAL, and half the durable append rate. A rowid
-- table keeps rows of up to ~8 KB on the leaf page (three 2 KiB messages per page);
-- the (session_id, seq) index holds only the small key.
CREATE TABLE chunk_rowid (
    session_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    sealed     BLOB    NOT NULL,
    UNIQUE (session_id, seq)
);
INSERT INTO chunk_rowid (session_id, seq, generation, sealed)
    SELECT session_id, seq, generation, sealed FROM chunk ORDER BY session_id, seq;
DROP TABLE chunk;
ALTER TABLE chunk_rowid RENAME TO chunk;
