import Foundation
import XCTest

import ConfideStorage
import TestSupport

/// A test case with a fresh temporary folder per test, removed afterwards.
class StorageTestCase: XCTestCase {
    private(set) var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = try TemporaryDirectory(prefix: "confide-storage-test")
    }

    override func tearDown() {
        directory?.remove()
        directory = nil
        super.tearDown()
    }

    /// The path of `name` inside this test's folder.
    func path(_ name: String) -> String {
        directory.url.appendingPathComponent(name).path
    }

    /// Opens (creating) `name` inside this test's folder.
    func openDatabase(_ name: String = "test.db", mode: Database.Mode = .readWrite) throws -> Database {
        try Database(path: path(name), mode: mode)
    }

    /// The names of the tables in `db`.
    func tableNames(_ db: Database) throws -> Set<String> {
        Set(try db.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.text(0) ?? "" })
    }

    /// An integer pragma's value.
    func pragma(_ name: String, _ db: Database) throws -> Int? {
        try db.queryOne("PRAGMA \(name)") { $0.int(0) }
    }

    /// Fails unless `db` is outside any transaction (BEGIN would fail inside one).
    func assertNoOpenTransaction(_ db: Database, file: StaticString = #filePath, line: UInt = #line) {
        do {
            try db.execute("BEGIN")
            try db.execute("ROLLBACK")
        } catch {
            XCTFail("a transaction was left open: \(error)", file: file, line: line)
        }
    }

    /// The `SQLiteError` that `body` throws, or nil (with a failure) if it threw nothing or another error.
    func sqliteError<T>(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) -> SQLiteError? {
        do {
            let value = try body()
            XCTFail("expected an SQLiteError, got \(value)", file: file, line: line)
        } catch let error as SQLiteError {
            return error
        } catch {
            XCTFail("expected an SQLiteError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
