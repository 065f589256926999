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
    func testAKeyringDatabaseSwappedForAnOlderCopyIsNotServed() throws {
        try swapTheKeyringDatabaseUnderARunningStore()
    }

    /// Where an administrator revoked `pg_control_system()` from PUBLIC (in the keys database:
    /// function privileges are per database), the daemon still starts (the cluster is
    /// "unknown") and still tells the copy apart by the database's OID.
    func testWithPgControlSystemRevokedTheStartWorksAndTheCopyIsStillRefused() throws {
        try swapTheKeyringDatabaseUnderARunningStore { keys in
            try PostgresConnection(uri: self.superuserURI(database: keys.name)).execute("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC")
            XCTAssertTrue(try PostgresConnection(uri: keys.uri).databaseIdentity().hasPrefix("cluster unknown "))
        }
    }

    /// Starts a store whose keyring is alone in a fresh database (after `prepare` ran on it),
    /// copies that database, erases xena, and renames the copy into the keyring's place.
    private func swapTheKeyringDatabaseUnderARunningStore(prepare: ((name: String, uri: String)) throws -> Void = { _ in }) throws {
        let keys = try freshDatabase("keys_swap_")
        try prepare(keys)
        let admin = try PostgresConnection(uri: superuserURI())
        let keysURI = keys.uri
        var settings = PostgresEngine.Settings()
        settings.storeLockWaitSeconds = 2
        let engine = PostgresEngine(keysURI: keysURI, dataURI: try schemaURI("data").uri, settings: settings)
        let store = try TranscriptStore(state: state, engine: engine, masterKey: masterKey, options: options())
        defer { store.close() }
        try append(store, "xena", "s1", "my card is 4111 1111 1111 1111")

        // The copy: xena alive in it.
        try alone(keys.name, "CREATE DATABASE \(keys.name)_copy TEMPLATE \(keys.name) STRATEGY = FILE_COPY")
        _ = try store.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        XCTAssertNil(try store.keyring.lookup(CustomerID("xena")), "erased")

        // The copy put in the keyring's place, under its name.
        try alone(keys.name, "ALTER DATABASE \(keys.name) RENAME TO \(keys.name)_old")
        try admin.execute("ALTER DATABASE \(keys.name)_copy RENAME TO \(keys.name)")

        XCTAssertThrowsError(try store.keyring.lookup(CustomerID("xena")), "the keyring's connection on the copy") { error in
            XCTAssertTrue("\(error)".contains("another database than the one this daemon started on"), "\(error)")
        }
        XCTAssertThrowsError(try append(store, "xena", "s1", "after the erasure"), "no write on keys from the copy")
        XCTAssertThrowsError(try append(store, "yann", "s1", "a new customer"), "nothing at all: refused until restarted")
        XCTAssertTrue(store.lostTheStore, "health says unavailable, with the reason")

        // The refused sessions are ended, not left open on the copy holding the store's lock
        // (session 21's review, P4: until the daemon stopped, no other daemon could take the
        // copy, and each held a connection slot there).
        // The server ends a session whose socket was shut a moment later: asked for up to 5 s.
        var inTheCopy: Int64?, locksInTheCopy: Int64?
        for _ in 0..<50 {
            inTheCopy = try admin.queryOne("""
                SELECT COUNT(*) FROM pg_stat_activity a JOIN pg_database d ON d.oid = a.datid
                WHERE d.datname = $1 AND a.pid <> pg_backend_pid()
                """, [.text(keys.name)]) { try $0.int64(0) }
            locksInTheCopy = try admin.queryOne("""
                SELECT COUNT(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                WHERE l.locktype = 'advisory' AND d.datname = $1
                """, [.text(keys.name)]) { try $0.int64(0) }
            if inTheCopy == 0 && locksInTheCopy == 0 { break }
            usleep(100_000)
        }
        XCTAssertEqual(locksInTheCopy, 0, "no advisory lock of this daemon's is held in the copy")
        XCTAssertEqual(inTheCopy, 0, "no session of this daemon's is left open on the copy")
    }
}
