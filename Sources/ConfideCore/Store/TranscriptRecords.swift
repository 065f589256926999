/// What the transcript store needs from the data store: its session, chunk and purge rows,
/// in Core's terms. The rules — sealing, the chain of chunks, what reads as tampering, the
/// erasure's order — stay in `TranscriptStore`, `SessionSealer` and `ChunkChain`; an
/// implementation only stores and returns rows, inside whatever transaction its caller
/// opened (the group-commit writer's, or a reader's snapshot).
///
/// SQLite implements it on a `Database` (`Store/SQLite/Database+Transcripts.swift`).
package protocol TranscriptRecords {
    // MARK: Audit chains

    /// The audit chain `chain` of this data store: 0 is the store's first chain, the only
    /// one on SQLite; on PostgreSQL every daemon appends to its own (`Keyring.registerAuditChain`).
    func auditLog(chain: Int) -> any AuditLogStorage
    /// The chains that hold entries or checkpoints, by number (for `audit verify`, which
    /// compares them with the keyring's registry).
    func storedAuditChains() throws -> [Int]

    // MARK: Sessions

    /// The session of `handle` whose blind index is `index`.
    func session(handle: [UInt8], index: [UInt8]) throws -> SessionRow?
    /// At the start of the writer's group: its jobs are about to look up these sessions,
    /// and rely on these customers' keys (by handle). An engine whose lookups cost a round
    /// trip each may read the sessions all at once and answer `session(handle:index:)` from
    /// what it read, as long as the transaction lasts and no write changed the row since.
    /// `customers` is not empty only on an engine whose writer checks customer versions
    /// (`GroupCommitConnection.checksCustomerVersions`): it locks those customers' rows
    /// until the group commits (`FOR SHARE`: a shred, hold or new generation of another
    /// daemon waits for the group or is seen by it) and answers `lockedCustomerVersion`.
    /// SQLite ignores it (a lookup is a B-tree search in the process; one daemon).
    func readAhead(sessions: [SessionKey], customers: [[UInt8]]) throws
    /// The version of the customer with `handle` as `readAhead` locked it in this
    /// transaction: `.some(nil)` when no customer has the handle (erased), nil when it was
    /// not read (an engine that does not check).
    func lockedCustomerVersion(handle: [UInt8]) -> Int64??
    /// The `hold_changes` of the customer with `handle` as `readAhead` locked it, with the
    /// same nils as `lockedCustomerVersion`. A write that acts on a hold state read with
    /// holds frozen (retention, a session delete, a replacing put) compares it: a hold or
    /// release committed since (another daemon's, once the keyring's session holding the
    /// freeze was lost) counts here, and the write must not act on the old state.
    func lockedCustomerHoldChanges(handle: [UInt8]) -> Int64??
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

    // MARK: Retention

    /// Up to `limit` sessions due at `now`, by (expiry, id) after `after`.
    func dueSessions(at now: Timestamp, after: (expiresAt: Int64, id: Int64), limit: Int) throws
        -> [(id: Int64, handle: [UInt8], expiresAt: Int64, messages: Int)]
    /// The session `id`'s newest chunk if it is still due at `now` (`.some(nil)`: due and
    /// empty); nil when it is gone or no longer due.
    func dueSessionLastChunk(id: Int64, at now: Timestamp) throws -> Int64??
    /// Sessions past their expiry at `now` and still stored.
    func dueSessionCount(at now: Timestamp) throws -> Int
    /// How many sessions are stored, how many have an expiry, and those past it at `now`
    /// (for the privacy report).
    func sessionRetention(at now: Timestamp) throws -> (count: Int, withRetention: Int, expired: [(handle: [UInt8], expiresAt: Timestamp)])

    // MARK: The start-up upgrade (sessions written before migration 0007)

    func unsealedSessionCount() throws -> Int
    /// Up to `limit` unsealed sessions after row `afterID`: the row (nil when it holds
    /// impossible values), its id, customer handle and blind index.
    func unsealedSessions(afterID: Int64, limit: Int) throws -> [(row: SessionRow?, id: Int64, handle: [UInt8], index: [UInt8])]
    /// Marks a session the upgrade could not authenticate: no epoch, an empty seal (reads as tampering).
    func markSessionUnbound(id: Int64) throws
    func rewriteChunk(id: Int64, sealed: [UInt8], generation: Int) throws
    /// Replaces the sealed header only (same generation).
    func rewriteSessionHeader(id: Int64, header: [UInt8]) throws

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

    /// Records that `handle`'s rows are to be removed: one record per customer, dated by its
    /// newest request (the purge job tells a stale record by its age).
    func recordPurge(handle: [UInt8], at time: Timestamp) throws
    func deletePurge(handle: [UInt8]) throws
    /// Every purge record: the customer's handle and when the purge was recorded.
    func pendingPurges() throws -> [(handle: [UInt8], requestedAt: Timestamp)]
    /// Records in the data store an erasure the keyring committed (by its tags, number and
    /// time; the shred's audit-entry transaction, or the erasure-mirror job for one whose
    /// audit entry failed), where a keyring can be put back under running daemons
    /// (PostgreSQL: `keyring_mirror`, one row per erased customer, never replaced by an
    /// erasure of hers with a lower number). Returns whether the row changed. Nothing by
    /// default.
    @discardableResult
    func mirrorErasure(customerTag: [UInt8], handleTag: [UInt8], number: Int?, ordinal: Int64, shreddedAt: Timestamp) throws -> Bool
    /// Which of `erasures` the data store's record lacks (its row for the customer has
    /// neither the same handle tag nor a later erasure of hers). None by default (no record
    /// kept).
    func erasuresNotMirrored(_ erasures: [ErasureRecord]) throws -> [ErasureRecord]
}

extension TranscriptRecords {
    package func mirrorErasure(customerTag: [UInt8], handleTag: [UInt8], number: Int?, ordinal: Int64, shreddedAt: Timestamp) throws -> Bool {
        false
    }
    package func erasuresNotMirrored(_ erasures: [ErasureRecord]) throws -> [ErasureRecord] { [] }
}

/// A connection that runs work in one transaction of its own, for the few callers that own
/// their transactions (the start-up upgrade); everything else runs in the writer's group.
package protocol Transactional {
    func inTransaction<T>(_ body: () throws -> T) throws -> T
    /// Writes the log back into the store and empties it (SQLite: a TRUNCATE checkpoint of
    /// the WAL), so a long rewrite does not grow it to the size of everything rewritten.
    func emptyLog() throws
    /// Whether a successful `emptyLog` leaves no copy of deleted rows in the store's files
    /// (SQLite with secure_delete: yes). False where deleted rows linger out of a client's
    /// reach (PostgreSQL: dead tuples until VACUUM, and the WAL): an erasure receipt then
    /// cannot say `verified`.
    var emptyLogScrubsDeletedRows: Bool { get }
}

/// A session as the data store finds it: its customer's handle and its blind index.
package struct SessionKey: Hashable, Sendable {
    package let handle: [UInt8]
    package let index: [UInt8]
    package init(handle: [UInt8], index: [UInt8]) {
        self.handle = handle
        self.index = index
    }

    /// The bytes in two calls: `[UInt8]`'s own hashing feeds the hasher a byte at a time,
    /// which the writer paid for every lookup of its group's sessions.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(handle.count)
        handle.withUnsafeBytes { hasher.combine(bytes: $0) }
        index.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

extension TranscriptRecords {
    package func readAhead(sessions: [SessionKey], customers: [[UInt8]]) throws {}
    package func lockedCustomerVersion(handle: [UInt8]) -> Int64?? { nil }
    package func lockedCustomerHoldChanges(handle: [UInt8]) -> Int64?? { nil }
    /// `readAhead` of sessions only.
    package func readAheadSessions(_ keys: [SessionKey]) throws { try readAhead(sessions: keys, customers: []) }
}
