/// A session's chunks, linked backwards: each chunk row names the one before it in its
/// session (`prev`), and the session row names the newest (`last_chunk`).
///
/// Why a chain and not an index on (session, seq): concurrent sessions each have their own
/// place in such an index, so every commit rewrote one whole index page per session it
/// appended to — over half of what a commit wrote and flushed (see migration 0004). With the
/// chain, an append writes its chunk at the end of the table and the session row it updates
/// anyway. Reads and deletes follow the links, one primary-key lookup per message.
///
/// Every link is checked as it is followed: the chunk must belong to the session and carry
/// the seq one below the last. A walk therefore ends (seqs fall strictly), never crosses
/// into another session, and a deleted, duplicated or spliced chunk reads as tampering.
package enum ChunkChain {
    /// One stored chunk, still sealed.
    package struct Chunk {
        /// The row's id (0 where the caller did not ask for it).
        package var id: Int64 = 0
        package let seq: Int
        package let generation: Int
        package let sealed: [UInt8]

        package init(id: Int64 = 0, seq: Int, generation: Int, sealed: [UInt8]) {
            (self.id, self.seq, self.generation, self.sealed) = (id, seq, generation, sealed)
        }
    }

    /// A chunk row as the store returns it: its links (`session_id, seq, prev`), and its
    /// generation and ciphertext when asked for.
    package struct Row {
        package let session: Int64
        package let seq: Int
        package let prev: Int64?
        package let generation: Int
        package let sealed: [UInt8]

        package init(session: Int64, seq: Int, prev: Int64?, generation: Int, sealed: [UInt8]) {
            (self.session, self.seq, self.prev, self.generation, self.sealed) = (session, seq, prev, generation, sealed)
        }
    }

    /// Inserts sealed chunks numbered from `firstSeq` after the session's newest chunk
    /// `last` (nil when it has none); returns the id of the new newest chunk.
    static func append(_ chunks: [(sealed: [UInt8], generation: Int)], firstSeq: Int, after last: Int64?,
                       session: Int64, in db: any TranscriptRecords) throws -> Int64? {
        var prev = last
        for (i, chunk) in chunks.enumerated() {
            prev = try db.insertChunk(session: session, seq: firstSeq + i, generation: chunk.generation, prev: prev, sealed: chunk.sealed)
        }
        return prev
    }

    /// Every chunk of the session, oldest first. Throws `integrity` unless the links lead
    /// from `last` through seqs `count`, `count - 1`, … 1 of this session and end there.
    static func read(session: Int64, last: Int64?, count: Int, in db: any TranscriptRecords) throws -> [Chunk] {
        var chunks: [Chunk] = []
        // `count` comes from the row: bounded here so an edited count reads as tampering
        // below, not as an allocation that brings the daemon down.
        chunks.reserveCapacity(min(max(count, 0), 4096))
        var next = last
        while let id = next {
            let expected = count - chunks.count
            guard expected >= 1, let row = try db.chunk(id: id, withContent: true), row.session == session, row.seq == expected
            else { throw tampered }
            chunks.append(Chunk(id: id, seq: row.seq, generation: row.generation, sealed: row.sealed))
            next = row.prev
        }
        guard chunks.count == count else { throw tampered }
        return chunks.reversed()
    }

    /// The ids of up to `limit` of the session's newest chunks, newest first, and the id the
    /// chain goes on with after them (nil when they were all). Stops early, as if the chain
    /// ended, at a link that does not belong to the session: a delete never crosses over.
    static func newest(_ limit: Int, session: Int64, last: Int64?, in db: any TranscriptRecords) throws -> (ids: [Int64], rest: Int64?) {
        let (ids, rest) = try follow(limit, session: session, last: last, withContent: false, in: db) { id, _ in id }
        return (ids, rest)
    }

    /// Every chunk reachable from the session's newest, newest first, with no check of the
    /// count: for counting what authenticates (a shred's receipt), where a damaged chain
    /// must not stop the erasure. Stops, like `newest`, at a link that leaves the session.
    static func walk(session: Int64, last: Int64?, in db: any TranscriptRecords) throws -> [Chunk] {
        try follow(.max, session: session, last: last, withContent: true, in: db) { _, row in
            Chunk(seq: row.seq, generation: row.generation, sealed: row.sealed)
        }.items
    }

    /// Every chunk row that names the session, whatever the links say: a scan of the chunk
    /// table (it has no index on the session), for sessions whose chain was edited.
    static func scan(session: Int64, in db: any TranscriptRecords) throws -> [Chunk] {
        try db.chunks(ofSession: session)
    }

    /// Follows the links from `last` while they stay in the session with falling seqs, up
    /// to `limit` chunks (with their ciphertext when `withContent`).
    private static func follow<T>(_ limit: Int, session: Int64, last: Int64?, withContent: Bool, in db: any TranscriptRecords,
                                  _ make: (Int64, Row) -> T) throws -> (items: [T], rest: Int64?) {
        var items: [T] = []
        var next = last, previousSeq = Int.max
        while let id = next, items.count < limit {
            guard let row = try db.chunk(id: id, withContent: withContent), row.session == session, row.seq < previousSeq
            else { return (items, nil) }
            items.append(make(id, row))
            previousSeq = row.seq
            next = row.prev
        }
        return (items, next)
    }

    /// Deletes every chunk reachable from the session's newest, `last`.
    static func deleteAll(session: Int64, last: Int64?, in db: any TranscriptRecords) throws {
        let (ids, _) = try newest(.max, session: session, last: last, in: db)
        for id in ids { try db.deleteChunk(id: id) }
    }

    private static var tampered: StoreError {
        .integrity("session has missing or extra messages (rows deleted or inserted outside confide)")
    }
}
