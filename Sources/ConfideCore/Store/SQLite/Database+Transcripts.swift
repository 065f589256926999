import ConfideStorage

/// The transcript rows in data.db (`session`, `chunk`, `pending_purge`; Migrations/data):
/// the SQLite side of `TranscriptRecords`. Statements are built once and found again in the
/// connection's statement cache by their text, on every append.
extension Database: TranscriptRecords {
    private static let findSessionSQL = "SELECT \(SessionRow.columns) FROM session WHERE customer_handle = ? AND blind_index = ?"
    /// The sealed fields, in the order `updateSession` binds them, then `last_chunk`.
    private static let updateSessionSQL = "UPDATE session SET epoch = ?, generation = ?, message_count = ?, last_tag = ?, created_at = ?, "
        + "updated_at = ?, retention_days = ?, expires_at = ?, seal = ?, last_chunk = ? WHERE id = ?"
    private static let insertChunkSQL = "INSERT INTO chunk (session_id, seq, generation, prev, sealed) VALUES (?, ?, ?, ?, ?)"
    private static let chunkSQL = "SELECT session_id, seq, prev, generation, sealed FROM chunk WHERE id = ?"
    private static let chunkLinkSQL = "SELECT session_id, seq, prev FROM chunk WHERE id = ?"

    package func session(handle: [UInt8], index: [UInt8]) throws -> SessionRow? {
        try queryOne(Self.findSessionSQL, [.blob(handle), .blob(index)], row: SessionRow.init)
    }

    package func insertSession(handle: [UInt8], index: [UInt8], header: [UInt8], generation: Int, fields: SessionRowFields) throws -> Int64 {
        try run("""
            INSERT INTO session (customer_handle, blind_index, header, generation, message_count, created_at, updated_at,
                                 retention_days, expires_at, epoch, last_tag) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
            """, .blob(handle), .blob(index), .blob(header), .int(generation),
            .integer(fields.createdAt), .integer(fields.updatedAt), fields.retentionDays.map(SQLValue.int) ?? .null,
            fields.expiresAt.map(SQLValue.integer) ?? .null, .blob(fields.epoch), .blob(fields.lastTag))
        return lastInsertRowID
    }

    package func updateSessionHeader(id: Int64, header: [UInt8], generation: Int) throws {
        try run("UPDATE session SET header = ?, generation = ? WHERE id = ?", .blob(header), .int(generation), .integer(id))
    }

    package func updateSession(id: Int64, fields: SessionRowFields, seal: [UInt8], lastChunk: Int64?) throws {
        var values: [SQLValue] = [.blob(fields.epoch), .int(fields.generation), .int(fields.count), .blob(fields.lastTag),
                                  .integer(fields.createdAt), .integer(fields.updatedAt), fields.retentionDays.map(SQLValue.int) ?? .null,
                                  fields.expiresAt.map(SQLValue.integer) ?? .null, .blob(seal)]
        values.append(lastChunk.map(SQLValue.integer) ?? .null)
        values.append(.integer(id))
        try run(Self.updateSessionSQL, values)
    }

    package func deleteSession(id: Int64) throws {
        try run("DELETE FROM session WHERE id = ?", .integer(id))
    }

    package func sessions(handle: [UInt8], afterID: Int64, limit: Int) throws -> [(row: SessionRow, index: [UInt8])] {
        try query("SELECT \(SessionRow.columns), blind_index FROM session WHERE customer_handle = ? AND id > ? ORDER BY id LIMIT ?",
                  [.blob(handle), .integer(afterID), .integer(limit == .max ? -1 : Int64(limit))]) {
            (try SessionRow($0), $0.blob(Int32(SessionRow.columnCount)))
        }
    }

    package func sessionChains(handle: [UInt8]) throws -> [(id: Int64, lastChunk: Int64?, count: Int)] {
        try query("SELECT id, last_chunk, message_count FROM session WHERE customer_handle = ?", [.blob(handle)]) {
            (id: $0.int64(0), lastChunk: $0.isNull(1) ? nil : $0.int64(1), count: $0.int(2))
        }
    }

    package func setSessionChain(id: Int64, lastChunk: Int64, count: Int) throws {
        try run("UPDATE session SET last_chunk = ?, message_count = ? WHERE id = ?", .integer(lastChunk), .int(count), .integer(id))
    }

    package func customersWithSessionsAndNoPurge() throws -> [[UInt8]] {
        try query("SELECT DISTINCT customer_handle FROM session WHERE customer_handle NOT IN (SELECT customer_handle FROM pending_purge)") { $0.blob(0) }
    }

    package func dueSessions(at now: Timestamp, after: (expiresAt: Int64, id: Int64), limit: Int) throws
        -> [(id: Int64, handle: [UInt8], expiresAt: Int64, messages: Int)] {
        try query("""
            SELECT id, customer_handle, expires_at, message_count FROM session WHERE expires_at IS NOT NULL AND expires_at <= ?
            AND (expires_at > ? OR (expires_at = ? AND id > ?)) ORDER BY expires_at, id LIMIT ?
            """, [.integer(now.milliseconds), .integer(after.expiresAt), .integer(after.expiresAt), .integer(after.id), .int(limit)]) {
            (id: $0.int64(0), handle: $0.blob(1), expiresAt: $0.int64(2), messages: $0.int(3))
        }
    }

    package func dueSessionLastChunk(id: Int64, at now: Timestamp) throws -> Int64?? {
        try queryOne("SELECT last_chunk FROM session WHERE id = ? AND expires_at <= ?", [.integer(id), .integer(now.milliseconds)]) {
            $0.isNull(0) ? nil : $0.int64(0)
        }
    }

    package func dueSessionCount(at now: Timestamp) throws -> Int {
        try queryOne("SELECT COUNT(*) FROM session WHERE expires_at IS NOT NULL AND expires_at <= ?", [.integer(now.milliseconds)]) { $0.int(0) } ?? 0
    }

    package func sessionRetention(at now: Timestamp) throws -> (count: Int, withRetention: Int, expired: [(handle: [UInt8], expiresAt: Timestamp)]) {
        let total = try queryOne("SELECT COUNT(*), COUNT(expires_at) FROM session") { ($0.int(0), $0.int(1)) } ?? (0, 0)
        let expired = try query("SELECT customer_handle, expires_at FROM session WHERE expires_at IS NOT NULL AND expires_at < ?",
                                [.integer(now.milliseconds)]) { (handle: $0.blob(0), expiresAt: Timestamp(milliseconds: $0.int64(1))) }
        return (total.0, total.1, expired)
    }

    package func unsealedSessionCount() throws -> Int {
        try queryOne("SELECT COUNT(*) FROM session WHERE seal IS NULL") { $0.int(0) } ?? 0
    }

    package func unsealedSessions(afterID: Int64, limit: Int) throws -> [(row: SessionRow?, id: Int64, handle: [UInt8], index: [UInt8])] {
        try query("SELECT \(SessionRow.columns), customer_handle, blind_index FROM session WHERE seal IS NULL AND id > ? ORDER BY id LIMIT ?",
                  [.integer(afterID), .int(limit)]) { s in
            (try? SessionRow(s), s.int64(0), s.blob(Int32(SessionRow.columnCount)), s.blob(Int32(SessionRow.columnCount + 1)))
        }
    }

    package func markSessionUnbound(id: Int64) throws {
        try run("UPDATE session SET epoch = NULL, seal = X'' WHERE id = ?", .integer(id))
    }

    package func rewriteChunk(id: Int64, sealed: [UInt8], generation: Int) throws {
        try run("UPDATE chunk SET sealed = ?, generation = ? WHERE id = ?", .blob(sealed), .int(generation), .integer(id))
    }

    package func rewriteSessionHeader(id: Int64, header: [UInt8]) throws {
        try run("UPDATE session SET header = ? WHERE id = ?", .blob(header), .integer(id))
    }

    package func insertChunk(session: Int64, seq: Int, generation: Int, prev: Int64?, sealed: [UInt8]) throws -> Int64 {
        try run(Self.insertChunkSQL, .integer(session), .int(seq), .int(generation), prev.map(SQLValue.integer) ?? .null, .blob(sealed))
        return lastInsertRowID
    }

    package func chunk(id: Int64, withContent: Bool) throws -> ChunkChain.Row? {
        try queryOne(withContent ? Self.chunkSQL : Self.chunkLinkSQL, [.integer(id)]) { s in
            ChunkChain.Row(session: s.int64(0), seq: s.int(1), prev: s.isNull(2) ? nil : s.int64(2),
                           generation: withContent ? s.int(3) : 0, sealed: withContent ? s.blob(4) : [])
        }
    }

    package func chunks(ofSession session: Int64) throws -> [ChunkChain.Chunk] {
        try query("SELECT seq, generation, sealed FROM chunk WHERE session_id = ?", [.integer(session)]) {
            ChunkChain.Chunk(seq: $0.int(0), generation: $0.int(1), sealed: $0.blob(2))
        }
    }

    package func deleteChunk(id: Int64) throws {
        try run("DELETE FROM chunk WHERE id = ?", .integer(id))
    }

    package func deleteChunks(ofSession session: Int64) throws {
        try run("DELETE FROM chunk WHERE session_id = ?", .integer(session))
    }

    package func recordPurge(handle: [UInt8], at time: Timestamp) throws {
        try run("INSERT INTO pending_purge (customer_handle, requested_at) VALUES (?, ?) "
                + "ON CONFLICT (customer_handle) DO UPDATE SET requested_at = excluded.requested_at", .blob(handle), .integer(time.milliseconds))
    }

    package func deletePurge(handle: [UInt8]) throws {
        try run("DELETE FROM pending_purge WHERE customer_handle = ?", .blob(handle))
    }

    package func pendingPurges() throws -> [(handle: [UInt8], requestedAt: Timestamp)] {
        try query("SELECT customer_handle, requested_at FROM pending_purge") { ($0.blob(0), Timestamp(milliseconds: $0.int64(1))) }
    }
}

extension Database: Transactional {
    package func inTransaction<T>(_ body: () throws -> T) throws -> T { try transaction(body) }
    package func emptyLog() throws { _ = try checkpoint(truncate: true) }
    /// secure_delete zeroes freed pages, and a TRUNCATE checkpoint leaves the WAL empty.
    package var emptyLogScrubsDeletedRows: Bool { true }
}

extension SessionRow {
    /// The columns `init(_:)` reads, in its order.
    static let columns = "id, header, generation, message_count, created_at, updated_at, last_chunk, retention_days, expires_at, "
        + "epoch, last_tag, seal"
    /// Columns in `columns`: a query selecting more puts them after these.
    static let columnCount = 12

    /// Reads a row selecting `columns` (checked by `checked`).
    init(_ s: Statement) throws(StoreError) {
        try self.init(id: s.int64(0), sealedHeader: s.blob(1), generation: s.int(2), count: s.int(3),
                      createdAt: s.int64(4), updatedAt: s.int64(5), lastChunk: s.isNull(6) ? nil : s.int64(6),
                      retentionDays: s.isNull(7) ? nil : s.int(7), expiresAt: s.isNull(8) ? nil : s.int64(8),
                      epoch: s.isNull(9) ? nil : s.blob(9), lastTag: s.blob(10), seal: s.isNull(11) ? nil : s.blob(11))
    }
}
