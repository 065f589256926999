import ConfideCrypto
import ConfideStorage
import Foundation

/// The ceiling for durable appends on this machine: the same chunk rows inserted straight
/// into SQLite from this process (same table shape, WAL, synchronous=FULL, 8 KiB pages,
/// background-free), committed in groups of the size the daemon used. Measured seconds
/// apart from the daemon run, so the ratio holds on a shared machine where absolutes drift.
enum SQLiteBaseline {
    struct Result {
        let rowsPerSecond: Double
        let groupSize: Int
        let rowBytes: Int
    }

    static func run(directory: String, rowBytes: Int, groupSize: Int, seconds: Double) throws -> Result {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = try Database(path: directory + "/baseline.db")
        try db.configureDurable(pageSize: 8192)
        try db.execute("PRAGMA wal_autocheckpoint=0")
        try db.execute("CREATE TABLE chunk (session_id INTEGER NOT NULL, seq INTEGER NOT NULL, generation INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY (session_id, seq)) WITHOUT ROWID")
        let payload = SecureRandom.bytes(rowBytes)
        let group = max(1, groupSize)
        let deadline = LoadDriver.monotonic() + seconds
        let started = LoadDriver.monotonic()
        var rows = 0
        var seq = 0
        while LoadDriver.monotonic() < deadline {
            try db.transaction {
                for _ in 0..<group {
                    seq += 1
                    try db.run("INSERT INTO chunk (session_id, seq, generation, sealed) VALUES (?, ?, 1, ?)", .int(seq % 64), .int(seq), .blob(payload))
                }
            }
            rows += group
            if rows % (group * 256) == 0 { _ = try? db.checkpoint(truncate: false) }
        }
        return Result(rowsPerSecond: Double(rows) / (LoadDriver.monotonic() - started), groupSize: group, rowBytes: rowBytes)
    }
}
