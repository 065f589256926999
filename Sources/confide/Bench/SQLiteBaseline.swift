import ConfideCrypto
import ConfideStorage
import Foundation

/// The ceiling for durable appends on this machine: the same chunk rows inserted straight
/// into SQLite from this process (data.db's own schema from its migrations, WAL,
/// synchronous=FULL, 8 KiB pages, background-free), spread over as many sessions as the
/// daemon run had clients and committed in groups of the size the daemon used. Measured
/// seconds apart from the daemon run, so the ratio holds on a shared machine where
/// absolutes drift.
enum SQLiteBaseline {
    struct Result {
        let rowsPerSecond: Double
        let groupSize: Int
        let rowBytes: Int
    }

    static func run(directory: String, rowBytes: Int, groupSize: Int, sessions: Int, seconds: Double) throws -> Result {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = try Database(path: directory + "/baseline.db")
        try db.configureDurable(pageSize: 8192)
        try db.execute("PRAGMA wal_autocheckpoint=0")
        try Migrator(EmbeddedMigrations.migrations(for: "data")).migrate(db)
        let payload = SecureRandom.bytes(rowBytes)
        let group = max(1, groupSize), sessions = max(1, sessions)
        let deadline = LoadDriver.monotonic() + seconds
        let started = LoadDriver.monotonic()
        var rows = 0
        var seq = 0
        while LoadDriver.monotonic() < deadline {
            try db.transaction {
                for _ in 0..<group {
                    seq += 1
                    try db.run("INSERT INTO chunk (session_id, seq, generation, sealed) VALUES (?, ?, 1, ?)", .int(seq % sessions), .int(seq), .blob(payload))
                }
            }
            rows += group
            if rows % (group * 256) == 0 { _ = try? db.checkpoint(truncate: false) }
        }
        return Result(rowsPerSecond: Double(rows) / (LoadDriver.monotonic() - started), groupSize: group, rowBytes: rowBytes)
    }
}
