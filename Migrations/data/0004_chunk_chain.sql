-- A session's chunks are linked backwards from the session row, and the (session_id, seq)
-- index goes.
--
-- The index put one 8 KiB page of its own into every commit for every session written:
-- each session's entries sit at a different place in it, so an append to 8 sessions
-- rewrote 8 index pages for 8 small keys, over half of the bytes each commit wrote and
-- flushed. Now each chunk names the chunk before it in its session (`prev`) and the session
-- row names the newest (`last_chunk`): an append writes the chunk at the end of the table
-- and the session row it updates anyway. A read walks the links from the newest chunk;
-- each link is checked (same session, seq one lower) and each chunk authenticated with its
-- seq, so a broken or spliced link reads as tampering.
--
-- Chunk ids are kept: the links are built from the old table's rowids.
CREATE TABLE chunk_chain (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    prev       INTEGER,             -- id of the session's chunk seq - 1; NULL for its first
    sealed     BLOB    NOT NULL
);
INSERT INTO chunk_chain (id, session_id, seq, generation, prev, sealed)
    SELECT c.rowid, c.session_id, c.seq, c.generation,
           (SELECT p.rowid FROM chunk p WHERE p.session_id = c.session_id AND p.seq = c.seq - 1),
           c.sealed
    FROM chunk c ORDER BY c.rowid;
ALTER TABLE session ADD COLUMN last_chunk INTEGER;  -- id of the session's newest chunk
UPDATE session SET last_chunk = (SELECT c.rowid FROM chunk c WHERE c.session_id = session.id ORDER BY c.seq DESC LIMIT 1);
DROP TABLE chunk;
ALTER TABLE chunk_chain RENAME TO chunk;
