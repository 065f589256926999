-- Sessions bound to their history (issue 16). Each version of a session (a new session,
-- or one replaced by session.put) draws a random epoch; the header and every chunk are
-- sealed with it in their associated data, and each chunk also with the tag of the chunk
-- before it. The row keeps the newest chunk's tag (to chain the next append without
-- reading that chunk) and a seal: an AEAD tag under the customer's DEK over the epoch,
-- generation, count, newest tag, times and retention. So chunks spliced in from another
-- version, dropped, reordered, or cut off together with the count, read as tampering.
--
-- Rows written before this migration have no epoch: the daemon re-seals them at start-up
-- (TranscriptStore's session-binding upgrade), and a row it cannot authenticate keeps a
-- NULL epoch and reads as tampering.
ALTER TABLE session ADD COLUMN epoch BLOB;     -- 16 random bytes per version of the session
ALTER TABLE session ADD COLUMN last_tag BLOB;  -- Poly1305 tag of the newest chunk (empty while none)
ALTER TABLE session ADD COLUMN seal BLOB;      -- nonce ‖ tag over the row's fields (see above)
