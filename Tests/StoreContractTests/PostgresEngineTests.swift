import ConfideCrypto
@_spi(Testing) import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// A `TranscriptStore` opened on `PostgresEngine`, against the real PostgreSQL of
/// `CONFIDE_TEST_POSTGRES_URI`: the keyring in one schema and the data in another (as
/// `--keys-store` allows), each test with schemas of its own. What must hold is what holds
/// on the embedded engine: writes read back after a restart, the audit chain verifies, a
/// shred leaves nothing readable and a hold refuses it, PostgreSQL sees no plaintext and
/// no identifier, and a dropped connection answers -32005 and then serves again.
final class PostgresEngineTests: PostgresStoreTestCase {
    private func makeEngine() throws -> (engine: PostgresEngine, keys: String, data: String) {
        let keys = try schemaURI("eng_keys"), data = try schemaURI("eng_data")
        return (PostgresEngine(keysURI: keys.uri, dataURI: data.uri), keys.uri, data.uri)
    }

    private func open(_ engine: PostgresEngine) throws -> TranscriptStore {
        var options = TranscriptStore.Options()
        options.runsScheduler = false
        options.readerCount = 2
        return try TranscriptStore(state: state, engine: engine, masterKey: masterKey, options: options)
    }

    func testWritesReadBackAfterARestartAndTheAuditChainVerifies() throws {
        let (engine, _, dataURI) = try makeEngine()
        var store = try open(engine)
        for i in 1...5 { _ = try append(store, "cust-pg-1", "sess-a", "message \(i)") }
        _ = try append(store, "cust-pg-2", "sess-b", "another customer")
        store.close()

        store = try open(engine)
        defer { store.close() }
        XCTAssertEqual(try texts(store, "cust-pg-1", "sess-a"), (1...5).map { "message \($0)" })
        XCTAssertEqual(try texts(store, "cust-pg-2", "sess-b"), ["another customer"])
        _ = try append(store, "cust-pg-1", "sess-a", "after the restart")
        XCTAssertEqual(try texts(store, "cust-pg-1", "sess-a").last, "after the restart")

        let report = try AuditVerifier.verify(log: PostgresConnection(uri: dataURI).auditLog(chain: 0), publicKey: store.auditPublicKey)
        XCTAssertTrue(report.ok, report.problem ?? "")
        XCTAssertGreaterThanOrEqual(report.entries, 9, "every append and read is in the chain")
        XCTAssertGreaterThan(report.checkpoints, 0, "the close signed a checkpoint")
    }

    func testAShredLeavesNothingReadableAndAHoldRefusesIt() throws {
        let (engine, keysURI, _) = try makeEngine()
        let store = try open(engine)
        defer { store.close() }
        _ = try append(store, "cust-held", "sess-1", "kept for the lawyers")
        _ = try append(store, "cust-gone", "sess-1", "to be erased")

        _ = try store.setHold(customer: CustomerID("cust-held"), held: true, context: context("customer.hold"))
        XCTAssertThrowsError(try store.shred(customer: CustomerID("cust-held"), reason: "T-1", context: context("customer.shred"))) {
            XCTAssertEqual(($0 as? StoreError)?.code, -32007, "\($0)")
        }
        XCTAssertEqual(try texts(store, "cust-held", "sess-1"), ["kept for the lawyers"])

        let receipt = try store.shred(customer: CustomerID("cust-gone"), reason: "T-2", context: context("customer.shred"))
        // Not `verified` on PostgreSQL: the deleted key rows stay as dead tuples and in the
        // WAL, out of a client's reach (SQLite's receipt says true after its TRUNCATE checkpoint).
        XCTAssertEqual(receipt.body["verified"], .bool(false), "\(receipt.body)")
        XCTAssertThrowsError(try texts(store, "cust-gone", "sess-1")) { XCTAssertEqual(($0 as? StoreError)?.code, -32004, "\($0)") }
        // The keyring's database holds one customer (the held one) and its DEK.
        let keys = try PostgresConnection(uri: keysURI)
        XCTAssertEqual(try keys.queryOne("SELECT COUNT(*) FROM customer") { try $0.int(0) }, 1)
        XCTAssertEqual(try keys.queryOne("SELECT COUNT(*) FROM erasure") { try $0.int(0) }, 1)

        // The privacy report reads the same stores on PostgreSQL (no master key).
        let report = try PrivacyReport.build(engine: engine, policy: .init(), since: nil, now: Timestamp.now()).json
        XCTAssertEqual(report["erasures"]?["count"], .int(1), "\(report)")
        XCTAssertEqual(report["erasures"]?["receipts_valid"], .int(1), "\(report)")
        XCTAssertEqual(report["holds"]?["active"], .int(1), "\(report)")
        XCTAssertEqual(report["retention"]?["sessions"], .int(1), "the erased customer's session was purged with the receipt: \(report)")
    }

    func testPostgresSeesNoPlaintextAndNoIdentifier() throws {
        let (engine, _, _) = try makeEngine()
        let store = try open(engine)
        let secrets = ["card 4111 1111 1111 1111 for Ana Souza", "cust-identifier-7731", "sess-identifier-4410"]
        _ = try append(store, secrets[1], secrets[2], secrets[0])
        _ = try store.setHold(customer: CustomerID(secrets[1]), held: true, context: context("customer.hold"))
        store.close()

        let owner = try PostgresConnection(uri: ownerURI)
        for schema in schemas {
            let tables = try owner.query("SELECT tablename FROM pg_tables WHERE schemaname = $1", [.text(schema)]) { try $0.text(0) ?? "" }
            XCTAssertFalse(tables.isEmpty)
            for table in tables {
                // Every row as text: bytea columns come out as hex, so look for both forms.
                let dump = try owner.query("SELECT t::text FROM \(schema).\(table) t") { try $0.text(0) ?? "" }.joined(separator: "\n")
                for secret in secrets {
                    let hex = Array(secret.utf8).map { String(format: "%02x", $0) }.joined()
                    XCTAssertFalse(dump.contains(secret) || dump.contains(hex), "\(schema).\(table) holds \(secret)")
                }
            }
        }
    }

    func testConnectionsDroppedWhileIdleReconnectBeforeTheirNextRequestAndServeIt() throws {
        let (engine, _, _) = try makeEngine()
        let store = try open(engine)
        defer { store.close() }
        _ = try append(store, "cust-drop", "sess-1", "before")

        // Every server process of the test's schemas' connections, ended as a restart would
        // (waiting until each has exited: they end between two requests).
        let owner = try PostgresConnection(uri: ownerURI)
        let ended = try owner.query("""
            SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND usename = current_user
            """) { try $0.bool(0) ?? false }.filter { $0 }.count
        XCTAssertGreaterThanOrEqual(ended, 3, "the keyring's, the writer's and the readers' connections")

        var acknowledged = ["before"], failures: [Int] = []
        for i in 1...6 {
            do {
                _ = try append(store, "cust-drop", "sess-1", "after \(i)")
                acknowledged.append("after \(i)")
            } catch let e as StoreError {
                failures.append(e.code)
                Thread.sleep(forTimeInterval: 0.2)  // past the first reconnect backoff
            }
        }
        // The connections were idle when their sessions ended: each finds out before its next
        // statement and reconnects there, so no request fails. (A request in flight fails
        // -32005: PostgresReconnectTests, PostgresFailureTests.)
        XCTAssertEqual(failures, [], "the store reconnects before serving: \(failures)")
        var read: [String]?
        for _ in 0..<5 where read == nil {
            read = try? texts(store, "cust-drop", "sess-1")
            if read == nil { Thread.sleep(forTimeInterval: 0.2) }
        }
        XCTAssertEqual(read, acknowledged, "every acknowledged append is there, and nothing else")
    }

    func testMigrateCopiesAnEmbeddedStoreAsItIsAndRefusesANonEmptyTarget() throws {
        // An embedded store with sessions, a hold, a shred and a rotated KEK.
        let embedded = try TranscriptStore(state: state, masterKey: masterKey, options: {
            var o = TranscriptStore.Options(); o.runsScheduler = false; return o }())
        for i in 1...3 { _ = try append(embedded, "cust-m1", "sess-\(i)", "migrated message \(i)") }
        _ = try append(embedded, "cust-m2", "sess-1", "held")
        _ = try append(embedded, "cust-m3", "sess-1", "erased before the move")
        _ = try embedded.setHold(customer: CustomerID("cust-m2"), held: true, context: context("customer.hold"))
        let receipt = try embedded.shred(customer: CustomerID("cust-m3"), reason: "T-9", context: context("customer.shred"))
        _ = try embedded.rotateKEK(context: context("keys.rotate"))
        embedded.close()

        let (engine, keysURI, dataURI) = try makeEngine()
        var progressed: Set<String> = []
        let outcome = try EmbeddedStoreCopy.copy(from: state, keysURI: keysURI, dataURI: dataURI) { table, _, _ in progressed.insert(table) }
        XCTAssertTrue(outcome.audit.ok, outcome.audit.problem ?? "")
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: outcome.rows.map { ($0.table, $0.count) })["kek"], 2)
        XCTAssertEqual(progressed, Set(outcome.rows.map(\.table)))

        // The same master key opens it on PostgreSQL; everything reads as it did.
        let store = try open(engine)
        XCTAssertEqual(try (1...3).map { try texts(store, "cust-m1", "sess-\($0)").first }, (1...3).map { "migrated message \($0)" })
        XCTAssertThrowsError(try store.shred(customer: CustomerID("cust-m2"), reason: "T-10", context: context("customer.shred"))) {
            XCTAssertEqual(($0 as? StoreError)?.code, -32007, "the hold came along: \($0)")
        }
        XCTAssertThrowsError(try texts(store, "cust-m3", "sess-1")) { XCTAssertEqual(($0 as? StoreError)?.code, -32004, "\($0)") }
        let again = try store.receipt(customer: CustomerID("cust-m3"), context: context("customer.receipt"))
        XCTAssertEqual(again.signature, receipt.signature, "the erasure's signed receipt came along")
        _ = try append(store, "cust-m1", "sess-1", "written on PostgreSQL")
        XCTAssertEqual(try texts(store, "cust-m1", "sess-1"), ["migrated message 1", "written on PostgreSQL"])
        store.close()

        // A second copy into the now non-empty target is refused, and changes nothing.
        let before = try PostgresConnection(uri: dataURI).queryOne("SELECT COUNT(*) FROM audit_entry") { try $0.int(0) }
        XCTAssertThrowsError(try EmbeddedStoreCopy.copy(from: state, keysURI: keysURI, dataURI: dataURI)) {
            XCTAssertTrue("\($0)".contains("already holds rows"), "\($0)")
        }
        XCTAssertEqual(try PostgresConnection(uri: dataURI).queryOne("SELECT COUNT(*) FROM audit_entry") { try $0.int(0) }, before)
    }

    /// The set-up docs/postgresql.md recommends: the owner creates and migrates the schemas
    /// (here by a first start), and the daemon then runs as `confide_app`, which reads and
    /// writes rows but cannot create, alter or drop a table.
    func testTheStoreRunsAsTheLeastPrivilegeRoleOnceTheOwnerHasMigrated() throws {
        guard let appURI = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_APP_URI"], !appURI.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_APP_URI is not set (scripts/pg-cluster exports it)")
        }
        let (ownerEngine, keysURI, dataURI) = try makeEngine()
        var store = try open(ownerEngine)  // the owner's first start creates both schemas
        _ = try append(store, "cust-lp", "sess-1", "written as the owner")
        store.close()

        func asApp(_ ownerURI: String) -> String {
            let options = ownerURI[ownerURI.range(of: "options=")!.lowerBound...]
            return appURI + (appURI.contains("?") ? "&" : "?") + options
        }
        let owner = try PostgresConnection(uri: ownerURI)
        for schema in schemas { try owner.execute("GRANT USAGE ON SCHEMA \(schema) TO confide_app") }
        let appEngine = PostgresEngine(keysURI: asApp(keysURI), dataURI: asApp(dataURI))
        store = try open(appEngine)
        defer { store.close() }
        _ = try append(store, "cust-lp", "sess-1", "written as confide_app")
        XCTAssertEqual(try texts(store, "cust-lp", "sess-1"), ["written as the owner", "written as confide_app"])
        _ = try store.shred(customer: CustomerID("cust-lp"), reason: "T-LP", context: context("customer.shred"))

        let app = try PostgresConnection(uri: asApp(dataURI))
        for statement in ["DROP TABLE audit_entry", "TRUNCATE audit_entry", "ALTER TABLE chunk ADD COLUMN x int", "CREATE TABLE planted (x int)"] {
            XCTAssertThrowsError(try app.execute(statement), statement) {
                XCTAssertEqual(($0 as? PostgresError)?.sqlState, "42501", "\(statement): \($0)")
            }
        }
    }
}
