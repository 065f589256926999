import ConfideCrypto
import ConfideCore
import ConfideStorage
import ConfideSystem
import Foundation

/// The ceiling for durable appends on this machine: SQLite writing the same rows straight
/// from this process (data.db's own schema from its migrations, WAL, synchronous=FULL,
/// 8 KiB pages, background-free), spread over as many sessions as the daemon run had clients
/// and committed in groups of the size the daemon used. Measured seconds apart from the
/// daemon run, so the ratio holds on a shared machine where absolutes drift.
enum SQLiteBaseline {
    /// Which rows one append writes.
    enum Rows: String {
        /// What the daemon writes for an append: the chunk (linked to the session's previous
        /// one), the session row's update (count, newest chunk, times), and the audit entry. The ratio to this is the daemon's overhead.
        case sameAsDaemon = "same rows as the daemon: chunk insert, session update, audit entry"
        /// The chunk alone: a stricter ceiling, which also charges the daemon for its
        /// session bookkeeping and audit trail.
        case chunksOnly = "chunk rows only"
    }

    struct Result {
        let rowsPerSecond: Double
        let groupSize: Int
        let rowBytes: Int
    }

    static func run(directory: String, rows kind: Rows, rowBytes: Int, groupSize: Int, sessions: Int, seconds: Double) throws -> Result {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = try Database(path: directory + "/baseline.db")
        try db.configureDurable(pageSize: 8192)
        try db.execute("PRAGMA wal_autocheckpoint=0")
        try Migrator(StoreSchema.data.migrations).migrate(db)
        let payload = SecureRandom.bytes(rowBytes)
        let group = max(1, groupSize), sessions = max(1, sessions)
        try db.transaction {
            for id in 0..<sessions {
                try db.run("""
                    INSERT INTO session (id, customer_handle, blind_index, header, generation, message_count, created_at, updated_at)
                    VALUES (?, ?, ?, ?, 1, 0, 0, 0)
                    """, .int(id), .blob(SecureRandom.bytes(16)), .blob(SecureRandom.bytes(32)), .blob(SecureRandom.bytes(160)))
            }
        }
        let (customerRef, hash) = (SecureRandom.bytes(16), SecureRandom.bytes(32))
        var counts = [Int](repeating: 0, count: sessions)
        var lastChunk = [SQLValue](repeating: .null, count: sessions)
        let deadline = MonotonicClock.seconds() + seconds
        let started = MonotonicClock.seconds()
        var rows = 0
        while MonotonicClock.seconds() < deadline {
            try db.transaction {
                for _ in 0..<group {
                    let session = rows % sessions
                    rows += 1
                    counts[session] += 1
                    try db.run("INSERT INTO chunk (session_id, seq, generation, prev, sealed) VALUES (?, ?, 1, ?, ?)",
                               .int(session), .int(counts[session]), lastChunk[session], .blob(payload))
                    lastChunk[session] = .integer(db.lastInsertRowID)
                    guard kind == .sameAsDaemon else { continue }
                    let now = Int64(Date().timeIntervalSince1970 * 1000)
                    try db.run("""
                        UPDATE session SET message_count = ?, last_chunk = ?, updated_at = ?,
                               expires_at = CASE WHEN retention_days > 0 THEN ? + retention_days * 86400000 ELSE expires_at END WHERE id = ?
                        """, .int(counts[session]), lastChunk[session], .integer(now), .integer(now), .int(session))
                    try db.run("""
                        INSERT INTO audit_entry (seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash)
                        VALUES (?, ?, 1000, 4242, 'support', 'session.append', NULL, ?, 'ok', ?)
                        """, .int(rows), .integer(now), .blob(customerRef), .blob(hash))
                }
            }
            if rows % (group * 256) < group { _ = try? db.checkpoint(truncate: false) }
        }
        return Result(rowsPerSecond: Double(rows) / (MonotonicClock.seconds() - started), groupSize: group, rowBytes: rowBytes)
    }
}
