import Foundation
import XCTest

@_spi(Testing) import ConfideCore
import ConfideStorage
import TestSupport

/// The embedded migrations and the migrator, on real SQLite files.
final class MigrationTests: StorageTestCase {
    /// Table names a migration's SQL creates.
    private func tablesCreated(by migration: Migration) throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: #"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)"#, options: [.caseInsensitive])
        let sql = migration.sql
        let matches = regex.matches(in: sql, range: NSRange(sql.startIndex..., in: sql))
        return Set(matches.compactMap { Range($0.range(at: 1), in: sql).map { String(sql[$0]) } })
    }

    /// The tables `migrations` leave behind: what they create, less what they drop, with
    /// renames applied (a step that rebuilds a table creates it under a temporary name).
    private func tablesLeft(by migrations: some Sequence<Migration>) throws -> Set<String> {
        let drop = try NSRegularExpression(pattern: #"DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\w+)"#, options: [.caseInsensitive])
        let rename = try NSRegularExpression(pattern: #"ALTER\s+TABLE\s+(\w+)\s+RENAME\s+TO\s+(\w+)"#, options: [.caseInsensitive])
        var tables = Set<String>()
        for m in migrations {
            let sql = m.sql, all = NSRange(sql.startIndex..., in: sql)
            let name = { (r: NSTextCheckingResult, i: Int) in String(sql[Range(r.range(at: i), in: sql)!]) }
            tables.formUnion(try tablesCreated(by: m))
            for r in drop.matches(in: sql, range: all) { tables.remove(name(r, 1)) }
            for r in rename.matches(in: sql, range: all) { tables.remove(name(r, 1)); tables.insert(name(r, 2)) }
        }
        return tables
    }

    func testEmbeddedMigrationsAreNumberedFromOneForBothDatabases() throws {
        XCTAssertEqual(StoreSchema.allCases, [.data, .keys], "exactly the two databases; the engine folder is not one")
        for name in StoreSchema.allCases {
            let migrations = name.migrations
            XCTAssertFalse(migrations.isEmpty, "no migrations embedded for \(name)")
            XCTAssertEqual(migrations.map(\.version), Array(1...migrations.count), name.rawValue)
            XCTAssertNoThrow(try Migrator(migrations), name.rawValue)
        }
        XCTAssertEqual(StoreSchema.data.migrations.first?.name, "transcripts")
        XCTAssertEqual(StoreSchema.keys.migrations.first?.name, "keyring")
    }

    func testDataDatabaseUpgradesFromVersionOneKeepingRows() throws {
        let migrator = try Migrator(StoreSchema.data.migrations)
        XCTAssertGreaterThanOrEqual(migrator.latestVersion, 2, "data has at least the transcripts and audit steps")
        let laterTables = try migrator.migrations.dropFirst().reduce(into: Set<String>()) { $0.formUnion(try tablesCreated(by: $1)) }
        XCTAssertTrue(laterTables.contains("audit_entry"), "\(laterTables)")
        let finalTables = try tablesLeft(by: migrator.migrations)
        XCTAssertTrue(finalTables.isSuperset(of: ["session", "chunk", "pending_purge", "audit_entry"]), "\(finalTables)")
        let sealed = (0..<2200).map { UInt8(truncatingIfNeeded: $0 &* 31) }

        let handle: [UInt8] = [0, 1, 2, 0xFF], blind: [UInt8] = [9, 9], header: [UInt8] = [0, 0, 7]
        do {
            let db = try openDatabase("data.db")
            XCTAssertEqual(try migrator.migrate(db, upTo: 1), [1])
            XCTAssertEqual(try db.userVersion, 1)
            let tables = try tableNames(db)
            XCTAssertTrue(tables.isSuperset(of: ["session", "chunk", "pending_purge"]), "\(tables)")
            XCTAssertTrue(tables.isDisjoint(with: laterTables), "version 1 must not have later tables: \(tables)")
            try db.run("""
                INSERT INTO session (id, customer_handle, blind_index, header, generation, message_count,
                                     created_at, updated_at, retention_days, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, .integer(5), .blob(handle), .blob(blind), .blob(header), .integer(1), .integer(3),
                   .integer(1_700_000_000_000), .integer(1_700_000_000_500), .integer(30), .null)
            for seq in 1...3 {
                try db.run("INSERT INTO chunk (session_id, seq, generation, sealed) VALUES (5, ?, 1, ?)", .int(seq), .blob(sealed + [UInt8(seq)]))
                // Another session's chunks in between, and an empty session.
                if seq < 3 { try db.run("INSERT INTO chunk (session_id, seq, generation, sealed) VALUES (6, ?, 1, x'00')", .int(seq)) }
            }
            for (id, count) in [(6, 2), (7, 0)] {
                try db.run("""
                    INSERT INTO session (id, customer_handle, blind_index, header, generation, message_count, created_at, updated_at)
                    VALUES (?, ?, ?, x'00', 1, ?, 0, 0)
                    """, .int(id), .blob(handle), .blob([UInt8(id)]), .int(count))
            }
        }

        let db = try openDatabase("data.db")
        XCTAssertEqual(try db.userVersion, 1, "the version must survive closing")
        XCTAssertEqual(try migrator.migrate(db), Array(2...migrator.latestVersion))
        XCTAssertEqual(try db.userVersion, migrator.latestVersion)
        XCTAssertEqual(try tableNames(db).subtracting(["sqlite_sequence"]), finalTables)
        // The chunks survive the table rebuild of step 3, in order and byte for byte.
        let chunks = try db.query("SELECT seq, generation, sealed FROM chunk WHERE session_id = 5 ORDER BY seq") { [$0.int(0), $0.int(1)] + $0.blob(2).map(Int.init) }
        XCTAssertEqual(chunks, (1...3).map { [$0, 1] + (sealed + [UInt8($0)]).map(Int.init) })
        // Step 4 links each session's chunks backwards from its row, by the old row ids.
        let links = try db.query("""
            SELECT c.session_id, c.seq, p.session_id, p.seq FROM chunk c LEFT JOIN chunk p ON p.id = c.prev ORDER BY c.session_id, c.seq
            """) { "\($0.int(0))/\($0.int(1)) <- " + ($0.isNull(2) ? "none" : "\($0.int(2))/\($0.int(3))") }
        XCTAssertEqual(links, ["5/1 <- none", "5/2 <- 5/1", "5/3 <- 5/2", "6/1 <- none", "6/2 <- 6/1"])
        let newest = try db.query("SELECT s.id, c.session_id, c.seq FROM session s LEFT JOIN chunk c ON c.id = s.last_chunk ORDER BY s.id") {
            "\($0.int(0)): " + ($0.isNull(1) ? "none" : "\($0.int(1))/\($0.int(2))")
        }
        XCTAssertEqual(newest, ["5: 5/3", "6: 6/2", "7: none"])

        struct Row: Equatable { let handle, blind, header: [UInt8]; let generation, count, created, updated: Int; let retention, expires: Int? }
        let rows = try db.query("""
            SELECT customer_handle, blind_index, header, generation, message_count, created_at, updated_at,
                   retention_days, expires_at FROM session WHERE id = 5
            """) { s in
            Row(handle: s.blob(0), blind: s.blob(1), header: s.blob(2), generation: s.int(3), count: s.int(4),
                created: s.int(5), updated: s.int(6), retention: s.optionalInt(7), expires: s.optionalInt(8))
        }
        XCTAssertEqual(rows, [Row(handle: handle, blind: blind, header: header, generation: 1, count: 3,
                                  created: 1_700_000_000_000, updated: 1_700_000_000_500, retention: 30, expires: nil)])

        XCTAssertEqual(try migrator.migrate(db), [], "an up-to-date database applies nothing")
        // The version-2 tables are usable.
        try db.run("INSERT INTO audit_entry (seq, ts, method, outcome, hash) VALUES (1, 2, 'm', 'ok', x'00')")
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM audit_entry") { $0.int(0) }, 1)
    }

    /// A sealed 2 KiB message stays on its table page: with 8 KiB pages the chunks take
    /// little more room than their bytes. (The first schema's WITHOUT ROWID table sent every
    /// such row's tail to an overflow page of its own: over 4x the room, and the WAL bytes.)
    func testTwoKilobyteChunksAreStoredWithoutOverflowPages() throws {
        let db = try openDatabase("dense.db")
        try db.configureDurable(pageSize: 8192)
        try Migrator(StoreSchema.data.migrations).migrate(db)
        let pagesBefore = try db.queryOne("PRAGMA page_count") { $0.int(0) } ?? 0
        let rows = 600, rowBytes = 2133
        try db.transaction {
            for i in 0..<rows {
                try db.run("INSERT INTO chunk (session_id, seq, generation, sealed) VALUES (?, ?, 1, ?)",
                           .int(i % 16), .int(i / 16 + 1), .blob([UInt8](repeating: UInt8(i % 251), count: rowBytes)))
            }
        }
        let pages = (try db.queryOne("PRAGMA page_count") { $0.int(0) } ?? 0) - pagesBefore
        let ratio = Double(pages * 8192) / Double(rows * rowBytes)
        XCTAssertLessThan(ratio, 1.6, "\(pages) pages of 8 KiB for \(rows) rows of \(rowBytes) bytes")
    }

    func testKeysDatabaseMigratesAndSecondRunAppliesNothing() throws {
        let migrator = try Migrator(StoreSchema.keys.migrations)
        let expectedTables = try migrator.migrations.reduce(into: Set<String>()) { $0.formUnion(try tablesCreated(by: $1)) }
        XCTAssertTrue(expectedTables.isSuperset(of: ["keyring", "kek", "customer", "dek", "dek_kek_history"]), "\(expectedTables)")

        do {
            let db = try openDatabase("keys.db")
            XCTAssertEqual(try db.userVersion, 0)
            XCTAssertEqual(try migrator.migrate(db), Array(1...migrator.latestVersion))
            XCTAssertEqual(try db.userVersion, migrator.latestVersion)
            XCTAssertEqual(try migrator.migrate(db), [], "second run on the same connection")
        }
        let db = try openDatabase("keys.db")
        XCTAssertEqual(try migrator.migrate(db), [], "second run after reopening")
        XCTAssertEqual(try db.userVersion, migrator.latestVersion)
        XCTAssertTrue(try tableNames(db).isSuperset(of: expectedTables))
        // The schema's constraints came with it: only one keyring row, and only known sources.
        try db.run("INSERT INTO keyring (id, master_source, key_check, index_key, audit_signing_key, audit_public_key, created_at) VALUES (1, 'dev', x'01', x'02', x'03', x'04', 0)")
        XCTAssertEqual(sqliteError { try db.run("INSERT INTO keyring (id, master_source, key_check, index_key, audit_signing_key, audit_public_key, created_at) VALUES (2, 'dev', x'01', x'02', x'03', x'04', 0)") }?.code, 19)
        XCTAssertEqual(sqliteError { try db.run("UPDATE keyring SET master_source = 'guess'") }?.code, 19)
    }

    func testKeysDatabaseUpgradesFromVersionOneGivingEveryCustomerVersionOne() throws {
        let migrator = try Migrator(StoreSchema.keys.migrations)
        let db = try openDatabase("keys.db")
        XCTAssertEqual(try migrator.migrate(db, upTo: 1), [1])
        try db.run("INSERT INTO customer (blind_index, handle, audit_ref, created_at, held_since) VALUES (x'01', x'02', x'03', 5, 7)")
        XCTAssertEqual(try migrator.migrate(db), Array(2...migrator.latestVersion))
        let row = try db.queryOne("SELECT version, held_since FROM customer WHERE blind_index = x'01'") { [$0.int(0), $0.int(1)] }
        XCTAssertEqual(row, [1, 7], "an existing customer keeps its hold and starts at version 1")
        try db.run("INSERT INTO customer (blind_index, handle, audit_ref, created_at) VALUES (x'11', x'12', x'13', 5)")
        XCTAssertEqual(try db.queryOne("SELECT version FROM customer WHERE blind_index = x'11'") { $0.int(0) }, 1)
    }

    /// Keys step 7 (`release_pending`, a release's first step; issue 21, F3) over a keyring
    /// with a held customer: it stays held, with no release pending.
    func testKeysDatabaseUpgradesFromVersionSixKeepingEveryHoldWithNoReleasePending() throws {
        let migrator = try Migrator(StoreSchema.keys.migrations)
        let db = try openDatabase("keys.db")
        XCTAssertEqual(try migrator.migrate(db, upTo: 6), Array(1...6))
        try db.run("INSERT INTO customer (blind_index, handle, audit_ref, created_at, held_since, hold_changes) VALUES (x'01', x'02', x'03', 5, 7, 1)")
        XCTAssertEqual(try migrator.migrate(db), Array(7...migrator.latestVersion))
        let row = try db.queryOne("SELECT held_since, hold_changes, release_pending IS NULL FROM customer WHERE blind_index = x'01'") {
            [$0.int(0), $0.int(1), $0.int(2)]
        }
        XCTAssertEqual(row, [7, 1, 1], "the customer keeps its hold, with no release pending")
    }

    func testDatabaseNewerThanTheBinaryIsRefused() throws {
        let migrator = try Migrator(StoreSchema.data.migrations)
        let db = try openDatabase("future.db")
        try db.execute("CREATE TABLE from_the_future (x); PRAGMA user_version = \(migrator.latestVersion + 1)")
        XCTAssertThrowsError(try migrator.migrate(db)) { error in
            XCTAssertEqual(error as? MigrationError,
                           .databaseNewerThanBinary(path: db.path, databaseVersion: migrator.latestVersion + 1,
                                                    latestKnown: migrator.latestVersion))
        }
        XCTAssertEqual(try db.userVersion, migrator.latestVersion + 1, "a refused database is left alone")
        XCTAssertEqual(try tableNames(db), ["from_the_future"])
    }

    func testFailingMigrationRollsBackToThePreviousVersion() throws {
        let good1 = Migration(version: 1, name: "one", sql: "CREATE TABLE one (x INTEGER); INSERT INTO one VALUES (1);")
        let bad2 = Migration(version: 2, name: "two", sql: """
            CREATE TABLE two (y INTEGER);
            INSERT INTO one VALUES (2);
            INSERT INTO no_such_table VALUES (3);
            """)
        let db = try openDatabase("rollback.db")
        let error = sqliteError { try Migrator([good1, bad2]).migrate(db) }
        XCTAssertEqual(error?.code, 1, "SQLITE_ERROR")
        XCTAssertTrue(error?.message.contains("no_such_table") ?? false, "\(String(describing: error))")

        XCTAssertEqual(try db.userVersion, 1, "the failed step must not bump user_version")
        XCTAssertEqual(try tableNames(db), ["one"], "the failed step's table must be rolled back")
        XCTAssertEqual(try db.query("SELECT x FROM one ORDER BY x") { $0.int(0) }, [1], "the failed step's insert must be rolled back")
        assertNoOpenTransaction(db)

        // A corrected step then applies on top of version 1.
        let fixed2 = Migration(version: 2, name: "two", sql: "CREATE TABLE two (y INTEGER);")
        XCTAssertEqual(try Migrator([good1, fixed2]).migrate(db), [2])
        XCTAssertEqual(try db.userVersion, 2)
    }

    func testMigrateUpToStopsAtTheTarget() throws {
        let steps = (1...3).map { Migration(version: $0, name: "s\($0)", sql: "CREATE TABLE t\($0) (x);") }
        let migrator = try Migrator(steps)
        let db = try openDatabase()
        XCTAssertEqual(try migrator.migrate(db, upTo: 2), [1, 2])
        XCTAssertEqual(try tableNames(db), ["t1", "t2"])
        XCTAssertEqual(try migrator.migrate(db, upTo: 1), [], "migrating down is not a thing")
        XCTAssertEqual(try migrator.migrate(db), [3])
        XCTAssertEqual(try db.userVersion, 3)
    }

    func testMigrationsMustBeNumberedWithoutGaps() {
        let m = { (v: Int) in Migration(version: v, name: "m\(v)", sql: "SELECT 1;") }
        for versions in [[2], [1, 3], [2, 1], [1, 1], [0, 1]] {
            XCTAssertThrowsError(try Migrator(versions.map(m)), "\(versions)") { error in
                XCTAssertEqual(error as? MigrationError, .nonConsecutiveVersions(found: versions))
            }
        }
        XCTAssertEqual(try Migrator([]).latestVersion, 0)
        XCTAssertEqual(try Migrator([m(1), m(2)]).latestVersion, 2)
    }
}

/// The numbering is checked when the schema is embedded, so a gap or a number used twice
/// fails the build rather than a daemon's start. Runs the build tool itself.
final class MigrationEmbedderTests: XCTestCase {
    private func embedder() throws -> String {
        let debug = TestEnvironment.packageRoot.appendingPathComponent(".build/debug")
        for name in ["MigrationEmbedder-tool", "MigrationEmbedder"] where FileManager.default.isExecutableFile(atPath: debug.appendingPathComponent(name).path) {
            return debug.appendingPathComponent(name).path
        }
        XCTFail("the MigrationEmbedder build tool is missing under \(debug.path): run `swift build` first")
        throw CocoaError(.fileNoSuchFile)
    }

    /// Runs the embedder on a folder holding `files` (path → SQL); returns its exit status,
    /// stderr and the generated Swift.
    private func embed(_ files: [String: String]) throws -> (status: Int32, stderr: String, output: String) {
        let dir = try TemporaryDirectory(prefix: "cfemb")
        defer { dir.remove() }
        for (path, sql) in files {
            let url = URL(fileURLWithPath: dir.path + "/migrations/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(sql.utf8).write(to: url)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try embedder())
        p.arguments = [dir.path + "/out.swift", dir.path + "/migrations"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (p.terminationStatus, stderr, (try? String(contentsOfFile: dir.path + "/out.swift", encoding: .utf8)) ?? "")
    }

    func testAGapInTheNumberingFailsTheBuild() throws {
        let r = try embed(["data/0001_a.sql": "CREATE TABLE a (x);", "data/0003_c.sql": "CREATE TABLE c (x);"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("0003_c.sql") && r.stderr.contains("without gaps") && r.stderr.contains("expected 0002"), r.stderr)
    }

    func testANumberUsedTwiceFailsTheBuild() throws {
        let r = try embed(["keys/0001_a.sql": "", "keys/0001_b.sql": "", "keys/0002_c.sql": ""])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("version 1 of keys is used twice"), r.stderr)
    }

    func testABadFileNameFailsTheBuild() throws {
        let r = try embed(["data/1_a.sql": ""])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("NNNN_name.sql"), r.stderr)
    }

    func testConsecutiveStepsBecomeOneCasePerDatabase() throws {
        let r = try embed(["data/0001_a.sql": "CREATE TABLE a (x);", "data/0002_b.sql": "CREATE TABLE b (x);", "keys/0001_k.sql": "CREATE TABLE k (x);"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.output.contains("public enum StoreSchema: String, CaseIterable, Sendable"), r.output)
        XCTAssertTrue(r.output.contains("case data\n") && r.output.contains("case keys\n"), r.output)
        XCTAssertTrue(r.output.contains(#"Migration(version: 2, name: "b""#), r.output)
    }
}
