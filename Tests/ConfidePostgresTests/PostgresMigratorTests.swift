import Foundation
import Synchronization
import XCTest

import ConfidePostgres
@_spi(Testing) import ConfideCore
import ConfideStorage
import TestSupport

/// The PostgreSQL schema and its advisory-locked migrator, against a real server.
final class PostgresMigratorTests: PostgresTestCase {
    private let components: [PostgresSchema] = [.keys, .data]

    /// Table → column names in this test's schema (without the migrator's own table).
    private func columns(_ db: PostgresConnection) throws -> [String: Set<String>] {
        let rows = try db.query("""
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'confide_schema'
            """) { (try $0.text(0)!, try $0.text(1)!) }
        return Dictionary(grouping: rows, by: \.0).mapValues { Set($0.map(\.1)) }
    }

    func testMigratingAppliesEveryStepAndThenNothing() throws {
        let db = try connect()
        for name in components {
            let migrator = try PostgresMigrator.embedded(name)
            XCTAssertEqual(try migrator.currentVersion(db), 0)
            var told: [Int] = []
            XCTAssertEqual(try migrator.migrate(db, willApply: { step, _ in told.append(step.version) }), Array(1...migrator.latestVersion))
            XCTAssertEqual(told, Array(1...migrator.latestVersion))
            XCTAssertEqual(try migrator.currentVersion(db), migrator.latestVersion)
            XCTAssertEqual(try migrator.migrate(db), [], "a second run applies nothing")
        }
        XCTAssertEqual(try db.query("SELECT component, version FROM confide_schema ORDER BY component", row: { "\(try $0.text(0)!)=\(try $0.int(1))" }),
                       ["data=\(try PostgresMigrator.embedded(.data).latestVersion)", "keys=\(try PostgresMigrator.embedded(.keys).latestVersion)"])
        // The migration lock is released after each run (by this session: other sessions of the
        // shared test cluster may hold advisory locks of their own).
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
                                       row: { try $0.int(0) }), 0)
    }

    func testTheSchemaHasTheSameTablesAndColumnsAsOnSQLite() throws {
        let directory = try TemporaryDirectory(prefix: "confide-pg-parity")
        defer { directory.remove() }
        let db = try connect()
        for name in components { try PostgresMigrator.embedded(name).migrate(db) }
        var sqliteColumns: [String: Set<String>] = [:]
        for name in components {
            let sqlite = try Database(path: directory.path + "/\(name.rawValue).db")
            try Migrator(StoreSchema(rawValue: name.rawValue)!.migrations).migrate(sqlite)
            let tables = try sqlite.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") { $0.text(0)! }
            for table in tables {
                sqliteColumns[table] = Set(try sqlite.query("SELECT name FROM pragma_table_info(?)", [.text(table)]) { $0.text(0)! })
            }
        }
        // What only PostgreSQL has, on purpose: one audit chain per daemon (data 0002, keys
        // 0004). The embedded store has one daemon and one chain, and no column for it.
        sqliteColumns["audit_entry"]?.insert("chain")
        sqliteColumns["audit_checkpoint"]?.insert("chain")
        sqliteColumns["audit_anchor"]?.remove("id")
        sqliteColumns["audit_anchor"]?.formUnion(["chain", "name", "chains"])
        // And the data's record of the keyring's erasures (data 0003, 0004): a keyring put back
        // under running daemons is a PostgreSQL matter (the embedded store's keys.db is the
        // daemon's own file).
        sqliteColumns["keyring_mirror"] = ["customer_tag", "handle_tag", "shredded_at", "recorded", "number", "ordinal"]
        XCTAssertEqual(try columns(db), sqliteColumns)
    }

    func testBlobsAreByteaAndNoColumnHoldsAnIdInTheClear() throws {
        let db = try connect()
        for name in components { try PostgresMigrator.embedded(name).migrate(db) }
        let types = try db.query("""
            SELECT table_name || '.' || column_name, data_type::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'confide_schema'
            """) { (try $0.text(0)!, try $0.text(1)!) }
        for (column, type) in types {
            XCTAssertTrue(["bytea", "bigint", "text"].contains(type), "\(column) is \(type)")
            XCTAssertFalse(column.hasSuffix(".customer_id") || column.hasSuffix(".session_id_text"), column)
        }
        for sealed in ["session.header", "chunk.sealed", "customer.blind_index", "customer.handle", "dek.wrapped", "kek.wrapped", "audit_entry.customer_ref"] {
            XCTAssertEqual(types.first { $0.0 == sealed }?.1, "bytea", sealed)
        }
    }

    func testTwoMigratorsStartingAtOnceApplyEachStepOnce() throws {
        let migrator = try PostgresMigrator.embedded(.keys)
        // A third connection holds the lock until both migrators are waiting for it, so the
        // two really start together.
        let holder = try connect()
        XCTAssertEqual(try holder.queryOne("SELECT pg_try_advisory_lock($1)", [.int8(PostgresMigrator.advisoryLockKey)], row: { try $0.bool(0) }), true)
        let waiting = DispatchSemaphore(value: 0)
        let results = Mutex<[Result<[Int], any Error>]>([])
        let connections = try (0..<2).map { _ in try connect() }
        let group = DispatchGroup()
        for c in connections {
            let box = UncheckedBox(c)
            DispatchQueue.global().async(group: group) {
                let r = Result { try migrator.migrate(box.value, willWait: { waiting.signal() }) }
                results.withLock { $0.append(r) }
            }
        }
        for _ in 0..<2 { XCTAssertEqual(waiting.wait(timeout: .now() + 30), .success, "both migrators wait for the lock") }
        _ = try holder.result("SELECT pg_advisory_unlock($1)", [.int8(PostgresMigrator.advisoryLockKey)])
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        let applied = try results.withLock { try $0.map { try $0.get() } }.sorted { $0.count < $1.count }
        XCTAssertEqual(applied, [[], Array(1...migrator.latestVersion)])
        XCTAssertEqual(try holder.queryOne("SELECT version FROM confide_schema WHERE component = 'keys'", row: { try $0.int(0) }), migrator.latestVersion)
    }

    func testADatabaseNewerThanTheBinaryIsRefused() throws {
        let db = try connect()
        let migrator = try PostgresMigrator.embedded(.data)
        try migrator.migrate(db)
        try db.run("UPDATE confide_schema SET version = $1 WHERE component = 'data'", .int(migrator.latestVersion + 1))
        XCTAssertThrowsError(try migrator.migrate(db)) {
            guard case PostgresMigrationError.databaseNewerThanBinary(component: "data", _, let v, let latest) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(v, migrator.latestVersion + 1)
            XCTAssertEqual(latest, migrator.latestVersion)
        }
    }

    func testTheLeastPrivilegeRoleWritesRowsButCannotCreateAlterOrDropTables() throws {
        guard let appURI = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_APP_URI"] else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_APP_URI is not set (scripts/pg-cluster sets it)")
        }
        let owner = try connect()
        for name in components { try PostgresMigrator.embedded(name).migrate(owner) }
        try owner.execute("GRANT USAGE ON SCHEMA \(schema!) TO confide_app")
        let app = try connect(appURI)
        try app.run("INSERT INTO customer (blind_index, handle, audit_ref, created_at) VALUES ($1, $2, $3, 1)",
                    .bytea([1]), .bytea([2]), .bytea([3]))
        let id = try app.queryOne("INSERT INTO session (customer_handle, blind_index, header, generation, message_count, created_at, updated_at) VALUES ($1, $2, $3, 1, 0, 0, 0) RETURNING id",
                                  [.bytea([2]), .bytea([4]), .bytea([5])]) { try $0.int(0) }
        XCTAssertNotNil(id)
        XCTAssertEqual(try app.run("DELETE FROM customer WHERE blind_index = $1", .bytea([1])), 1)
        XCTAssertEqual(try PostgresMigrator.embedded(.data).currentVersion(app), try PostgresMigrator.embedded(.data).latestVersion,
                       "the app role can check the schema version")
        for ddl in ["DROP TABLE chunk", "ALTER TABLE chunk ADD COLUMN x int", "CREATE TABLE x (a int)", "TRUNCATE audit_entry"] {
            XCTAssertEqual(postgresError { try app.execute(ddl) }?.sqlState, "42501", ddl)
        }
    }

    /// A new binary's step met by the least-privilege role (which may not alter tables) is
    /// refused with what to do, naming the step and the role, and changes nothing. (Before:
    /// the start failed with the server's bare "must be owner of table customer".)
    func testAStepTheLeastPrivilegeRoleMayNotApplyIsRefusedWithWhatToDo() throws {
        guard let appURI = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_APP_URI"] else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_APP_URI is not set (scripts/pg-cluster sets it)")
        }
        let migrator = try PostgresMigrator.embedded(.keys)
        XCTAssertGreaterThanOrEqual(migrator.latestVersion, 2)
        let owner = try connect()
        try migrator.migrate(owner, upTo: 1)
        try owner.execute("GRANT USAGE ON SCHEMA \(schema!) TO confide_app")
        let app = try connect(appURI)
        XCTAssertThrowsError(try migrator.migrate(app)) { error in
            guard case let PostgresMigrationError.notAllowed(component, _, step, name, role, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([component, name, role], ["keys", "hold_changes", "confide_app"])
            XCTAssertEqual(step, 2)
            XCTAssertTrue("\(error)".contains("start confide once with the URI of the role that owns the tables"), "\(error)")
        }
        XCTAssertEqual(try migrator.currentVersion(owner), 1, "nothing was applied")
        XCTAssertEqual(try migrator.migrate(owner), Array(2...migrator.latestVersion), "the owner applies it")
        XCTAssertEqual(try migrator.migrate(app), [], "then the app role starts")
    }

    /// Keys step 3 (`release_pending`, a release's first step; issue 21, F3) over a keyring
    /// with a held customer: the least-privilege role is refused naming the step, the owner
    /// applies it, and the customer stays held with no release pending.
    func testTheReleasePendingStepKeepsEveryHoldAndMarksNoReleasePending() throws {
        guard let appURI = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_APP_URI"] else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_APP_URI is not set (scripts/pg-cluster sets it)")
        }
        let migrator = try PostgresMigrator.embedded(.keys)
        XCTAssertGreaterThanOrEqual(migrator.latestVersion, 3)
        let owner = try connect()
        try migrator.migrate(owner, upTo: 2)
        try owner.execute("INSERT INTO customer (blind_index, handle, audit_ref, created_at, held_since, hold_changes) VALUES ('\\x01', '\\x02', '\\x03', 5, 7, 1)")
        try owner.execute("GRANT USAGE ON SCHEMA \(schema!) TO confide_app")
        let app = try connect(appURI)
        XCTAssertThrowsError(try migrator.migrate(app)) { error in
            guard case let PostgresMigrationError.notAllowed(component, _, step, name, role, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([component, name, role], ["keys", "release_pending", "confide_app"])
            XCTAssertEqual(step, 3)
        }
        XCTAssertEqual(try migrator.currentVersion(owner), 2, "nothing was applied")
        XCTAssertEqual(try migrator.migrate(owner), Array(3...migrator.latestVersion), "the owner applies it")
        let row = try owner.queryOne("SELECT held_since, hold_changes, release_pending IS NULL FROM customer WHERE blind_index = '\\x01'") {
            "\(try $0.int64(0)) \(try $0.int64(1)) \(try $0.bool(2) ?? false)"
        }
        XCTAssertEqual(row, "7 1 true", "the customer keeps its hold, with no release pending")
        XCTAssertEqual(try migrator.migrate(app), [], "then the app role starts")
    }

    /// Data step 5 (`keyring_mirror_unplaced`, session 25, S24C-3 and S25B-2): the record's
    /// rows of erasures without a number that carry an ordinal (the erasure-mirror job of
    /// 4636865/640912a copied the keyring's onto them, or wrote them late with it) move to the
    /// late set, `recorded` below the sequence in that ordinal's order, with no ordinal; an
    /// unnumbered row without one and a numbered erasure stay as they are.
    func testTheUnplacedStepTakesTheCopiedOrdinalsOffUnnumberedRecordRowsOnly() throws {
        let migrator = try PostgresMigrator.embedded(.data)
        XCTAssertGreaterThanOrEqual(migrator.latestVersion, 5)
        let owner = try connect()
        try migrator.migrate(owner, upTo: 4)
        try owner.execute("""
            INSERT INTO keyring_mirror (customer_tag, handle_tag, shredded_at, number, ordinal) VALUES
                ('\\x01', '\\x11', 5, NULL, 9), ('\\x02', '\\x12', 6, NULL, NULL), ('\\x03', '\\x13', 7, 2, 12)
            """)
        XCTAssertEqual(try migrator.migrate(owner), Array(5...migrator.latestVersion))
        let rows = try owner.query("SELECT number, ordinal, recorded FROM keyring_mirror ORDER BY customer_tag") {
            "\(try $0.optionalInt64(0).map(String.init) ?? "NULL") \(try $0.optionalInt64(1).map(String.init) ?? "NULL") \(try $0.int64(2))"
        }
        XCTAssertEqual(rows, ["NULL NULL \(9 - Int64.max)", "NULL NULL 2", "2 12 3"])
    }
}

/// Hands a non-Sendable connection to the one thread that uses it.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// What the build embeds, checked without a server.
final class PostgresEmbeddedMigrationsTests: XCTestCase {
    func testEachEngineEmbedsItsOwnMigrationsNumberedFromOne() throws {
        XCTAssertEqual(PostgresSchema.allCases.map(\.rawValue), StoreSchema.allCases.map(\.rawValue), "the same databases on both engines")
        for name in PostgresSchema.allCases {
            let migrations = name.migrations
            XCTAssertFalse(migrations.isEmpty, "no PostgreSQL migrations embedded for \(name)")
            XCTAssertEqual(migrations.map(\.version), Array(1...migrations.count), "\(name)")
            XCTAssertNotEqual(migrations.first?.sql, StoreSchema(rawValue: name.rawValue)?.migrations.first?.sql, "\(name): the SQLite file was embedded")
        }
        XCTAssertEqual(PostgresSchema.keys.migrations.first?.name, "keyring")
        XCTAssertThrowsError(try PostgresMigrator(component: "x", [PostgresMigration(version: 2, name: "gap", sql: "")]))
    }
}
