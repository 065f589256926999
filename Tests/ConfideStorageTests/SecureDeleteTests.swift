import ConfideStorage
import Foundation
import XCTest

/// Issue 15: "delete means gone" must not depend on how SQLite was compiled. Debian builds
/// it with `SQLITE_SECURE_DELETE` (deleted content zeroed by default); other builds do not.
/// Each test first sets the pragma off, as such a build would have it, then configures the
/// connection the way the daemon does.
final class SecureDeleteTests: StorageTestCase {
    /// A row's worth of bytes no page would hold by chance.
    private let marker = Array("deleted-content-must-not-survive-".utf8) + (0..<64).map { _ in UInt8.random(in: 0...255) }

    /// Inserts the marker, deletes it, checkpoints with TRUNCATE; returns the file's bytes.
    private func deleteAndReadBack(_ db: Database, _ path: String) throws -> [UInt8] {
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)")
        try db.run("INSERT INTO t (b) VALUES (?)", .blob(marker))
        try db.run("INSERT INTO t (b) VALUES (?)", .blob(Array(repeating: 7, count: 100)))
        try db.run("DELETE FROM t WHERE id = 1")
        try db.checkpoint(truncate: true)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func testWithoutSecureDeleteADeletedRowStaysInTheFile() throws {
        // The control: proves the scan below can see a deleted row that was not zeroed.
        let db = try openDatabase("plain.db")
        try db.execute("PRAGMA secure_delete=OFF")
        try db.configureDurable()
        XCTAssertTrue(contains(try deleteAndReadBack(db, path("plain.db")), marker), "the control did not keep the deleted row")
    }

    func testConfigureDurableWithSecureDeleteZeroesDeletedRowsEvenWhereTheBuildDefaultIsOff() throws {
        let db = try openDatabase("secure.db")
        try db.execute("PRAGMA secure_delete=OFF")
        try db.configureDurable(secureDelete: true)
        XCTAssertEqual(try pragma("secure_delete", db), 1)
        XCTAssertFalse(contains(try deleteAndReadBack(db, path("secure.db")), marker), "a deleted row survived in the file")
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }
}

/// A row mapping that throws must not leave its statement mid-step: that keeps the
/// connection's read snapshot, so the WAL can never be emptied (found with a session row
/// whose edited `created_at` made the mapping throw: the next TRUNCATE waited 5 s).
final class StatementResetTests: StorageTestCase {
    private struct Refused: Error {}

    func testAQueryWhoseRowMappingThrowsReleasesItsSnapshot() throws {
        let writer = try openDatabase("w.db")
        try writer.configureDurable()
        try writer.execute("CREATE TABLE t (v INTEGER)")
        try writer.run("INSERT INTO t (v) VALUES (1)")
        try writer.run("INSERT INTO t (v) VALUES (2)")
        let reader = try openDatabase("w.db", mode: .readOnly)
        try reader.begin(immediate: false)
        XCTAssertThrowsError(try reader.query("SELECT v FROM t") { _ -> Int in throw Refused() })
        try reader.commit()
        try writer.run("INSERT INTO t (v) VALUES (3)")
        writer.setBusyTimeout(milliseconds: 50)
        XCTAssertNoThrow(try writer.checkpoint(truncate: true), "the reader still pins the WAL")
    }
}
