import Foundation
import XCTest

import ConfideStorage
import TestSupport

/// `Database.backup(to:)`: a consistent copy made with SQLite's backup API.
final class DatabaseBackupTests: StorageTestCase {
    /// A WAL database with `rows` rows, as the daemon keeps its files.
    private func walDatabase(rows: Int) throws -> Database {
        let db = try openDatabase("live.db")
        try db.configureDurable()
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
        try db.transaction { for i in 0..<rows { try db.run("INSERT INTO t (id, v) VALUES (?, ?)", .int(i), .text("row \(i)")) } }
        return db
    }

    func testCopyOfAWALDatabaseIsOneSelfContainedPrivateFileWithEveryCommittedRow() throws {
        let live = try walDatabase(rows: 500)
        // The rows are still in the WAL (no checkpoint): the copy must include them.
        try live.transaction { try live.run("INSERT INTO t (id, v) VALUES (?, ?)", .int(1000), .text("last")) }
        try Database(path: path("live.db"), mode: .readOnly).backup(to: path("copy.db"))

        var st = stat()
        XCTAssertEqual(stat(path("copy.db"), &st), 0)
        XCTAssertEqual(Int(st.st_mode) & 0o777, 0o600)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("copy.db-wal")), "the copy has no WAL of its own")
        let copy = try Database(path: path("copy.db"), mode: .readOnly)
        XCTAssertEqual(try copy.queryOne("PRAGMA journal_mode") { $0.text(0) }, "delete")
        XCTAssertEqual(try copy.queryOne("SELECT count(*) FROM t") { $0.int(0) }, 501)
        XCTAssertEqual(try copy.queryOne("SELECT v FROM t WHERE id = 1000") { $0.text(0) }, "last")
        XCTAssertEqual(try copy.queryOne("PRAGMA integrity_check") { $0.text(0) }, "ok")
    }

    func testBackupNeverOverwritesAnExistingFile() throws {
        _ = try walDatabase(rows: 3)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path("existing.db")))
        XCTAssertThrowsError(try Database(path: path("live.db"), mode: .readOnly).backup(to: path("existing.db"))) { error in
            XCTAssertTrue("\(error)".contains("cannot create"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: path("existing.db"), encoding: .utf8), "precious")
    }
}
