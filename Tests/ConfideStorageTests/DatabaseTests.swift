import Foundation
import XCTest

import ConfideStorage
import TestSupport

/// The SQLite wrapper: binding, statement cache, transactions, errors, durability.
final class DatabaseTests: StorageTestCase {
    private struct Boom: Error {}

    /// A table whose column has no type, so every value keeps its own storage class.
    private func valuesTable() throws -> Database {
        let db = try openDatabase()
        try db.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, value)")
        return db
    }

    /// Stores `value` in a fresh row and returns its id.
    private func store(_ value: SQLValue, in db: Database) throws -> Int64 {
        try db.run("INSERT INTO v (value) VALUES (?)", value)
        return db.lastInsertRowID
    }

    // MARK: Binding

    func testBindingRoundTripsEveryValueKind() throws {
        let db = try valuesTable()
        let texts = ["", "plain", "héllo wörld 😀 — ☃︎", "nul\u{0}inside", "\u{0}", "trailing\u{0}"]
        let blobs: [[UInt8]] = [[], [0], [0, 0, 0], [0, 1, 0, 0xFF], Array("nul\u{0}".utf8), (0..<70_000).map { UInt8(truncatingIfNeeded: $0) }]
        let integers: [Int64] = [0, 1, -1, Int64.max, Int64.min, 1 << 53 + 1]
        let reals: [Double] = [0.0, -2.5, 3.141592653589793, 1e-300, -1e300, .infinity]

        for t in texts {
            let id = try store(.text(t), in: db)
            let row = try db.queryOne("SELECT typeof(value), value, hex(CAST(value AS BLOB)) FROM v WHERE id = ?", [.integer(id)]) {
                ($0.text(0), $0.text(1), $0.text(2))
            }
            XCTAssertEqual(row?.0, "text", "text \(t.debugDescription) stored with the wrong type")
            XCTAssertEqual(row?.2, Array(t.utf8).map { String(format: "%02X", $0) }.joined(), "stored bytes of \(t.debugDescription)")
            XCTAssertEqual(row?.1, t, "text \(t.debugDescription) read back differently")
        }
        for b in blobs {
            let id = try store(.blob(b), in: db)
            let row = try db.queryOne("SELECT typeof(value), value, length(value) FROM v WHERE id = ?", [.integer(id)]) {
                ($0.text(0), $0.blob(1), $0.int(2))
            }
            XCTAssertEqual(row?.0, "blob", "\(b.count)-byte blob stored with the wrong type (an empty blob is not NULL)")
            XCTAssertEqual(row?.2, b.count)
            XCTAssertEqual(row?.1, b, "\(b.count)-byte blob read back differently")
        }
        for i in integers {
            let id = try store(.integer(i), in: db)
            let row = try db.queryOne("SELECT typeof(value), value FROM v WHERE id = ?", [.integer(id)]) { ($0.text(0), $0.int64(1)) }
            XCTAssertEqual(row?.0, "integer")
            XCTAssertEqual(row?.1, i)
        }
        for r in reals {
            let id = try store(.real(r), in: db)
            // Statement has no Double reader; compare inside SQLite against the same bound value.
            let row = try db.queryOne("SELECT typeof(value), value = ?, printf('%!.17g', value) FROM v WHERE id = ?",
                                      [.real(r), .integer(id)]) { ($0.text(0), $0.int(1), $0.text(2)) }
            XCTAssertEqual(row?.0, "real")
            XCTAssertEqual(row?.1, 1, "\(r) read back differently")
            XCTAssertEqual(row?.2.flatMap(Double.init), r, "\(r) read back as \(String(describing: row?.2))")
        }
        let nullID = try store(.null, in: db)
        let nullRow = try db.queryOne("SELECT typeof(value), value FROM v WHERE id = ?", [.integer(nullID)]) { ($0.text(0), $0.isNull(1), $0.text(1), $0.optionalInt(1), $0.blob(1)) }
        XCTAssertEqual(nullRow?.0, "null")
        XCTAssertEqual(nullRow?.1, true)
        XCTAssertNil(nullRow?.2 ?? nil)
        XCTAssertNil(nullRow?.3 ?? nil)
        XCTAssertEqual(nullRow?.4, [])

        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM v") { $0.int(0) }, texts.count + blobs.count + integers.count + reals.count + 1)
    }

    func testConvenienceValuesBindAsIntegersOrNull() throws {
        XCTAssertEqual(SQLValue.int(7), .integer(7))
        XCTAssertEqual(SQLValue.optionalInt(nil), .null)
        XCTAssertEqual(SQLValue.optionalInt(-3), .integer(-3))
        let db = try openDatabase()
        XCTAssertEqual(try db.queryOne("SELECT ? + 1, ? IS NULL", [.int(41), .optionalInt(nil)]) { [$0.int(0), $0.int(1)] }, [42, 1])
    }

    func testBindingTooManyValuesIsAnError() throws {
        let db = try openDatabase()
        let error = sqliteError { try db.queryOne("SELECT ?", [.integer(1), .integer(2)]) { $0.int(0) } }
        XCTAssertEqual(error?.code, 25, "SQLITE_RANGE")
    }

    // MARK: Statement cache

    func testCachedStatementIsReusedAndResetWithBindingsCleared() throws {
        let db = try openDatabase()
        let first = try db.cachedStatement("SELECT ?")
        try first.bind([.integer(5)])
        XCTAssertTrue(try first.step())
        XCTAssertEqual(first.int(0), 5)

        let again = try db.cachedStatement("SELECT ?")
        XCTAssertTrue(again === first, "the same SQL must give the same prepared statement")
        XCTAssertTrue(try again.step(), "a reused statement must start from the first row")
        XCTAssertTrue(again.isNull(0), "a reused statement must not keep the old bindings")
        XCTAssertFalse(try again.step())

        XCTAssertFalse(try db.cachedStatement("SELECT ? ") === first, "different SQL, different statement")
    }

    func testRunAndQueryReuseTheirStatementAcrossCalls() throws {
        let db = try valuesTable()
        for i in 0..<100 { try db.run("INSERT INTO v (value) VALUES (?)", .int(i)) }
        XCTAssertEqual(db.changes, 1)
        XCTAssertEqual(db.lastInsertRowID, 100)
        for i in [3, 50, 99] {
            XCTAssertEqual(try db.query("SELECT value FROM v WHERE value >= ? ORDER BY value LIMIT 2", [.int(i)]) { $0.int(0) },
                           Array([i, i + 1].prefix(100 - i)))
        }
        XCTAssertNil(try db.queryOne("SELECT value FROM v WHERE value = ?", [.int(1000)]) { $0.int(0) })
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM v") { $0.int(0) }, 100)
        try db.run("DELETE FROM v WHERE value < ?", .int(10))
        XCTAssertEqual(db.changes, 10)
    }

    // MARK: Transactions

    func testTransactionCommitsAndReturnsTheBodysValue() throws {
        let db = try valuesTable()
        let result = try db.transaction { () throws -> Int in
            try db.run("INSERT INTO v (value) VALUES (1)")
            return 42
        }
        XCTAssertEqual(result, 42)
        assertNoOpenTransaction(db)
        // Visible from another connection: it really committed.
        let other = try openDatabase()
        XCTAssertEqual(try other.queryOne("SELECT count(*) FROM v") { $0.int(0) }, 1)
    }

    func testTransactionRollsBackWhenTheBodyThrows() throws {
        let db = try valuesTable()
        try db.run("INSERT INTO v (value) VALUES ('before')")
        XCTAssertThrowsError(try db.transaction {
            try db.run("INSERT INTO v (value) VALUES ('inside')")
            try db.run("DELETE FROM v WHERE value = 'before'")
            throw Boom()
        }) { XCTAssertTrue($0 is Boom, "the body's own error must come out: \($0)") }
        assertNoOpenTransaction(db)
        XCTAssertEqual(try db.query("SELECT value FROM v") { $0.text(0) }, ["before"])
    }

    func testTransactionRollsBackWhenAStatementFails() throws {
        let db = try openDatabase()
        try db.execute("CREATE TABLE u (k TEXT UNIQUE)")
        let error = sqliteError {
            try db.transaction {
                try db.run("INSERT INTO u VALUES ('a')")
                try db.run("INSERT INTO u VALUES ('a')")
            }
        }
        XCTAssertEqual(error?.code, 19)
        assertNoOpenTransaction(db)
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM u") { $0.int(0) }, 0)
    }

    func testSavepointUndoesOnlyItselfInsideATransaction() throws {
        let db = try valuesTable()
        try db.transaction {
            try db.run("INSERT INTO v (value) VALUES ('a')")
            XCTAssertThrowsError(try db.savepoint {
                try db.run("INSERT INTO v (value) VALUES ('b')")
                throw Boom()
            }) { XCTAssertTrue($0 is Boom, "\($0)") }
            let kept = try db.savepoint { () throws -> String in
                try db.run("INSERT INTO v (value) VALUES ('c')")
                return "c"
            }
            XCTAssertEqual(kept, "c")
            try db.run("INSERT INTO v (value) VALUES ('d')")
        }
        assertNoOpenTransaction(db)
        XCTAssertEqual(try db.query("SELECT value FROM v ORDER BY id") { $0.text(0) }, ["a", "c", "d"])
    }

    func testSavepointFailureThenOuterFailureRollsBackEverything() throws {
        let db = try valuesTable()
        XCTAssertThrowsError(try db.transaction {
            try db.run("INSERT INTO v (value) VALUES ('a')")
            try? db.savepoint { try db.run("INSERT INTO v (value) VALUES ('b')"); throw Boom() }
            try db.savepoint { try db.run("INSERT INTO v (value) VALUES ('c')") }
            throw Boom()
        })
        assertNoOpenTransaction(db)
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM v") { $0.int(0) }, 0)
    }

    // MARK: Errors

    func testUniqueViolationCarriesSQLitesCodeAndMessage() throws {
        let db = try openDatabase()
        try db.execute("CREATE TABLE customer (handle BLOB NOT NULL UNIQUE)")
        try db.run("INSERT INTO customer (handle) VALUES (?)", .blob([1, 2]))
        let sql = "INSERT INTO customer (handle) VALUES (?)"
        let error = sqliteError { try db.run(sql, .blob([1, 2])) }
        XCTAssertEqual(error?.code, 19, "SQLITE_CONSTRAINT")
        XCTAssertEqual(error?.extendedCode, 2067, "SQLITE_CONSTRAINT_UNIQUE")
        XCTAssertTrue(error?.message.contains("UNIQUE constraint failed: customer.handle") ?? false, "\(String(describing: error))")
        XCTAssertEqual(error?.sql, sql)
        XCTAssertEqual(error?.isUnavailable, false)
        XCTAssertEqual(error?.isCorruption, false)
        XCTAssertTrue(error?.description.contains("SQLite error 19 (extended 2067)") ?? false, "\(String(describing: error))")
        XCTAssertFalse(error?.description.contains("0102") ?? true, "bound values must not appear in errors")

        // The statement recovers: the next insert through the same cached statement works.
        try db.run(sql, .blob([3]))
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM customer") { $0.int(0) }, 2)
    }

    func testExecuteErrorsCarryCodeMessageAndSQL() throws {
        let db = try openDatabase()
        try db.execute("CREATE TABLE t (x NOT NULL)")
        let notNull = sqliteError { try db.execute("INSERT INTO t VALUES (NULL)") }
        XCTAssertEqual(notNull?.code, 19)
        XCTAssertEqual(notNull?.extendedCode, 1299, "SQLITE_CONSTRAINT_NOTNULL")
        XCTAssertTrue(notNull?.message.contains("NOT NULL constraint failed: t.x") ?? false, "\(String(describing: notNull))")
        XCTAssertEqual(notNull?.sql, "INSERT INTO t VALUES (NULL)")

        let syntax = sqliteError { try db.execute("CREAT TABLE nope (x)") }
        XCTAssertEqual(syntax?.code, 1, "SQLITE_ERROR")
        XCTAssertTrue(syntax?.message.contains("syntax error") ?? false, "\(String(describing: syntax))")

        let prepare = sqliteError { try db.cachedStatement("SELECT * FROM missing_table") }
        XCTAssertEqual(prepare?.code, 1)
        XCTAssertTrue(prepare?.message.contains("no such table: missing_table") ?? false, "\(String(describing: prepare))")
        XCTAssertEqual(prepare?.sql, "SELECT * FROM missing_table")
    }

    func testWritingToAReadOnlyConnectionIsUnavailable() throws {
        do {
            let db = try openDatabase("ro.db")
            try db.execute("CREATE TABLE t (x)")
        }
        let ro = try openDatabase("ro.db", mode: .readOnly)
        XCTAssertEqual(try ro.queryOne("SELECT count(*) FROM t") { $0.int(0) }, 0)
        let error = sqliteError { try ro.execute("INSERT INTO t VALUES (1)") }
        XCTAssertEqual(error?.code, 8, "SQLITE_READONLY")
        XCTAssertEqual(error?.isUnavailable, true)
    }

    func testOpeningAnImpossiblePathFailsWithCantOpen() throws {
        let missing = path("no/such/folder/x.db")
        let error = sqliteError { try Database(path: missing) }
        XCTAssertEqual(error?.code, 14, "SQLITE_CANTOPEN")
        XCTAssertTrue(error?.message.contains(missing) ?? false, "\(String(describing: error))")
        XCTAssertEqual(error?.isUnavailable, true)
        XCTAssertNotNil(sqliteError { try Database(path: path("absent.db"), mode: .readOnly) }, "read-only must not create")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("absent.db")))
    }

    func testNonDatabaseFileIsReportedAsCorruption() throws {
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path("junk.db")))
        let db = try openDatabase("junk.db")
        let error = sqliteError { try db.userVersion }
        XCTAssertEqual(error?.code, 26, "SQLITE_NOTADB")
        XCTAssertEqual(error?.isCorruption, true)
    }

    func testErrorCodeIsThePrimaryCodeOfAnExtendedCode() {
        let e = SQLiteError(code: 2067, message: "m")
        XCTAssertEqual(e.code, 19)
        XCTAssertEqual(e.extendedCode, 2067)
        let fsync = SQLiteError(code: 10, extendedCode: 10 | (4 << 8), message: "disk I/O error")
        XCTAssertTrue(fsync.isUnavailable)
        XCTAssertTrue(fsync.isFsyncFailure)
        XCTAssertFalse(SQLiteError(code: 10, extendedCode: 10 | (3 << 8), message: "write").isFsyncFailure)
        XCTAssertEqual(SQLiteError(code: 5, message: "busy").description, "SQLite error 5: busy")
    }

    // MARK: Durability

    func testConfigureDurableGivesWALAndSynchronousFull() throws {
        let db = try openDatabase()
        try db.configureDurable()
        XCTAssertEqual(try db.queryOne("PRAGMA journal_mode") { $0.text(0) }, "wal")
        XCTAssertEqual(try pragma("synchronous", db), 2, "FULL")
        XCTAssertEqual(try pragma("foreign_keys", db), 1)

        let keys = try openDatabase("keys.db")
        try keys.execute("PRAGMA secure_delete=OFF")  // some builds default to ON
        try keys.configureDurable(secureDelete: true)
        XCTAssertEqual(try pragma("secure_delete", keys), 1)
        XCTAssertEqual(try keys.queryOne("PRAGMA journal_mode") { $0.text(0) }, "wal")

        // WAL is a property of the file: a new connection sees it too.
        let reopened = try openDatabase()
        XCTAssertEqual(try reopened.queryOne("PRAGMA journal_mode") { $0.text(0) }, "wal")
    }

    func testConfigureDurableSetsThePageSizeOfANewFile() throws {
        let db = try openDatabase()
        try db.configureDurable(pageSize: 8192)
        XCTAssertEqual(try pragma("page_size", db), 8192)
    }

    func testTruncatingCheckpointLeavesAnEmptyWALFile() throws {
        let db = try valuesTable()
        try db.configureDurable()
        let wal = path("test.db") + "-wal"
        let filler = SQLValue.blob([UInt8](repeating: 0xCD, count: 10_000))
        for _ in 0..<20 { try db.run("INSERT INTO v (value) VALUES (?)", filler) }

        let passive = try db.checkpoint(truncate: false)
        XCTAssertGreaterThan(passive.walFrames, 0)
        XCTAssertEqual(passive.checkpointed, passive.walFrames, "no reader holds frames back")
        let sizeAfterPassive = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber).intValue
        XCTAssertGreaterThan(sizeAfterPassive, 0, "a passive checkpoint leaves the WAL file as it was")

        try db.checkpoint(truncate: true)
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber).intValue
        XCTAssertEqual(size, 0, "TRUNCATE must leave the -wal file at 0 bytes")
        // Nothing was lost: the rows are in the main file.
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM v") { $0.int(0) }, 20)
    }

    func testCheckpointOutsideWALModeReportsNoFrames() throws {
        let db = try openDatabase()
        try db.execute("CREATE TABLE t (x)")
        // In rollback-journal mode sqlite3_wal_checkpoint_v2 succeeds doing nothing,
        // with -1 frames; it must not pretend to have checkpointed anything.
        let result = try db.checkpoint(truncate: true)
        XCTAssertEqual(result.walFrames, -1)
        XCTAssertEqual(result.checkpointed, -1)
    }

    func testUserVersionReadsThePragma() throws {
        let db = try openDatabase()
        XCTAssertEqual(try db.userVersion, 0)
        try db.execute("PRAGMA user_version = 17")
        XCTAssertEqual(try db.userVersion, 17)
    }
}
