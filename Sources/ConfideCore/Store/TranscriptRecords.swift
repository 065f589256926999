/// What the transcript store needs from the data store: its session, chunk and purge rows,
/// in Core's terms. The rules — sealing, the chain of chunks, what reads as tampering, the
/// erasure's order — stay in `TranscriptStore`, `SessionSealer` and `ChunkChain`; an
/// implementation only stores and returns rows, inside whatever transaction its caller
/// opened (the group-commit writer's, or a reader's snapshot).
///
/// SQLite implements it on a `Database` (`Store/SQLite/Database+Transcripts.swift`). Still
/// outside it (issue 19, see docs/architecture.md): retention's queries (`Scheduler`), the
/// start-up upgrade (`SessionBindingUpgrade`), the gauges, backups and audit pruning.
protocol TranscriptRecords: AuditLogStorage {
    // MARK: Sessions

    /// The session of `handle` whose blind index is `index`.
    func session(handle: [UInt8], index: [UInt8]) throws -> SessionRow?
    /// Inserts a new, empty session row for the version `fields` (its seal comes with its
    /// first `updateSession`); returns the row id.
    func insertSession(handle: [UInt8], index: [UInt8], header: [UInt8], generation: Int, fields: SessionRowFields) throws -> Int64
    /// Replaces the sealed header (and the generation that sealed it).
    func updateSessionHeader(id: Int64, header: [UInt8], generation: Int) throws
    /// Writes `fields`, their `seal` and the newest chunk over the row `id`.
    func updateSession(id: Int64, fields: SessionRowFields, seal: [UInt8], lastChunk: Int64?) throws
    func deleteSession(id: Int64) throws
    /// The customer's sessions with their blind indexes, by row id, after `afterID`, at most
    /// `limit` (`Int.max`: all).
    func sessions(handle: [UInt8], afterID: Int64, limit: Int) throws -> [(row: SessionRow, index: [UInt8])]
    /// The customer's sessions' chain heads and counts, for the purge.
    func sessionChains(handle: [UInt8]) throws -> [(id: Int64, lastChunk: Int64?, count: Int)]
    /// Moves a session's chain head and count (a purge that removed its newest chunks).
    func setSessionChain(id: Int64, lastChunk: Int64, count: Int) throws
    /// Customers that have sessions but no purge record.
    func customersWithSessionsAndNoPurge() throws -> [[UInt8]]

    // MARK: Chunks

    /// Inserts a sealed chunk linked to `prev`; returns its id.
    func insertChunk(session: Int64, seq: Int, generation: Int, prev: Int64?, sealed: [UInt8]) throws -> Int64
    /// The chunk row `id`: its links, and its ciphertext when `withContent`.
    func chunk(id: Int64, withContent: Bool) throws -> ChunkChain.Row?
    /// Every chunk row that names the session, whatever the links say (a scan).
    func chunks(ofSession session: Int64) throws -> [ChunkChain.Chunk]
    func deleteChunk(id: Int64) throws
    /// Deletes every chunk row that names the session (a scan).
    func deleteChunks(ofSession session: Int64) throws

    // MARK: Purges

    /// Records that `handle`'s rows are to be removed (kept if already there).
    func recordPurge(handle: [UInt8], at time: Timestamp) throws
    func deletePurge(handle: [UInt8]) throws
    func pendingPurges() throws -> [[UInt8]]
}
