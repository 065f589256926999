@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// A keys database put back from a copy under the same name while the daemon runs (an
/// operator restoring "the keyring" without stopping the daemons, or a copy made with
/// `CREATE DATABASE … TEMPLATE` renamed into place). The keyring's connection reconnects by
/// name; before session 21 it served the copy at once: a customer erased after the copy was
/// taken had her keys back, and the start's check of a restored keyring against the erasure
/// ledger never ran. Now its new session must be on the database the daemon started on.
///
/// Red without the check (`PostgresEngine.refuseAnotherDatabaseAfterAReconnect`):
/// docs/evidence/session21-keyring-database-swap-red.txt.
final class KeyringDatabaseSwapTests: PostgresStoreTestCase {
    private var databases: [String] = []

    override func tearDown() {
        if let admin = try? PostgresConnection(uri: superuserURI()) {
            for name in databases { try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        super.tearDown()
    }

    private func superuserURI(database: String? = nil) throws -> String {
        let uri = try XCTUnwrap(ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_SUPERUSER_URI"], "needed to copy and rename databases")
        guard let database else { return uri }
        return uri.replacingOccurrences(of: "/confide_test?", with: "/\(database)?")
    }

    /// Ends every session on `database` (the daemon's included), then runs `statement`, which
    /// needs the database to itself; again while the daemon's reconnect beats it to it.
    private func alone(_ database: String, _ statement: String) throws {
        let admin = try PostgresConnection(uri: superuserURI())
        for attempt in 1...20 {
            _ = try admin.result("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1", [.text(database)])
            do { return try admin.execute(statement) } catch let e as PostgresError where e.sqlState == "55006" && attempt < 20 { usleep(50_000) }
        }
    }

    func testAKeyringDatabaseSwappedForAnOlderCopyIsNotServed() throws {
        try swapTheKeyringDatabaseUnderARunningStore()
    }

    /// Where an administrator revoked `pg_control_system()` from PUBLIC, the daemon still
    /// starts (the cluster is "unknown") and still tells the copy apart by the database's OID.
    func testWithPgControlSystemRevokedTheStartWorksAndTheCopyIsStillRefused() throws {
        let admin = try PostgresConnection(uri: superuserURI())
        try admin.execute("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC")
        defer { try? admin.execute("GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO PUBLIC") }
        XCTAssertTrue(try PostgresConnection(uri: ownerURI).databaseIdentity().hasPrefix("cluster unknown "))
        try swapTheKeyringDatabaseUnderARunningStore()
    }

    private func swapTheKeyringDatabaseUnderARunningStore() throws {
        let admin = try PostgresConnection(uri: superuserURI())
        let owner = try admin.queryOne("SELECT datdba::regrole::text FROM pg_database WHERE datname = current_database()") { try $0.text(0) } ?? nil
        let keys = "keys_swap_" + UUID().uuidString.prefix(8).lowercased()
        databases += [keys, keys + "_copy", keys + "_old"]
        try admin.execute("CREATE DATABASE \(keys) OWNER \(try XCTUnwrap(owner)) STRATEGY = FILE_COPY")
        let keysURI = ownerURI.replacingOccurrences(of: "/confide_test?", with: "/\(keys)?")
        XCTAssertNotEqual(keysURI, ownerURI)

        var settings = PostgresEngine.Settings()
        settings.storeLockWaitSeconds = 2
        let engine = PostgresEngine(keysURI: keysURI, dataURI: try schemaURI("data").uri, settings: settings)
        let store = try TranscriptStore(state: state, engine: engine, masterKey: masterKey, options: options())
        defer { store.close() }
        try append(store, "xena", "s1", "my card is 4111 1111 1111 1111")

        // The copy: xena alive in it.
        try alone(keys, "CREATE DATABASE \(keys)_copy TEMPLATE \(keys) STRATEGY = FILE_COPY")
        _ = try store.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        XCTAssertNil(try store.keyring.lookup(CustomerID("xena")), "erased")

        // The copy put in the keyring's place, under its name.
        try alone(keys, "ALTER DATABASE \(keys) RENAME TO \(keys)_old")
        try admin.execute("ALTER DATABASE \(keys)_copy RENAME TO \(keys)")

        XCTAssertThrowsError(try store.keyring.lookup(CustomerID("xena")), "the keyring's connection on the copy") { error in
            XCTAssertTrue("\(error)".contains("another database than the one this daemon started on"), "\(error)")
        }
        XCTAssertThrowsError(try append(store, "xena", "s1", "after the erasure"), "no write on keys from the copy")
        XCTAssertThrowsError(try append(store, "yann", "s1", "a new customer"), "nothing at all: refused until restarted")
        XCTAssertTrue(store.lostTheStore, "health says unavailable, with the reason")
    }
}
