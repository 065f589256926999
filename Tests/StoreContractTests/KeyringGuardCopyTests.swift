@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// The keyring guard's sessions must be on the database the keyring took its lock in, not
/// on a copy of it (session 20's attack review, T2). A `CREATE DATABASE … TEMPLATE` copy of
/// the keys database keeps every schema's OID, so where another daemon holds the keyring's
/// lock key in the copy, the guard's table check alone passes after a reconnect that lands
/// there (a pooler or a DNS change), and the guard locks rows no erasure waits for.
///
/// Red without the database check (`PostgresKeyringGuard.keyringDatabase`):
/// docs/evidence/session21-guard-on-a-copy-red.txt.
final class KeyringGuardCopyTests: KeyringElsewhereTestCase {
    /// A copy of the keys database, as it is now (nothing may be connected to it meanwhile);
    /// its URI for the keys' owner, on `schema`.
    private func copyOfTheKeysDatabase(schema: String) throws -> String {
        let name = "keys_copy_" + UUID().uuidString.prefix(8).lowercased()
        // FILE_COPY: the default strategy copies through the WAL (PostgresDiskFullTests' small WAL volume).
        try alone("confide_test_keys", "CREATE DATABASE \(name) TEMPLATE confide_test_keys STRATEGY = FILE_COPY")
        scratchDatabases.append(name)
        let uri = keysOwnerURI.replacingOccurrences(of: "/confide_test_keys?", with: "/\(name)?")
        XCTAssertNotEqual(uri, keysOwnerURI, "the keys URI names confide_test_keys")
        return uri + "&options=-csearch_path%3D\(schema)"
    }

    /// A's guard is sent, after its session ended, to a copy of the keys database in which
    /// another process holds the keyring's lock key; B then erases carol in the real keyring.
    /// A's append on carol's cached keys must fail closed, and nothing may land under the
    /// destroyed handle. (Without the check: the guard found carol's row in the copy at the
    /// version A had cached, and the append was answered ok under keys B had destroyed.)
    func testAGuardSessionOnACopyOfTheKeysDatabaseFailsClosed() throws {
        let layout = try layout()
        do {
            let (a, _) = try daemon(layout, "a")
            try append(a, "carol", "s1", "before the copy")
            a.close()
        }
        let schemaOID = try XCTUnwrap(try PostgresConnection(uri: layout.keys).queryOne(
            "SELECT oid::int8 FROM pg_namespace WHERE nspname = current_schema()") { try $0.int64(0) })
        let copy = try copyOfTheKeysDatabase(schema: layout.keysSchema)
        // Another daemon's keyring lock in the copy: the same key (same tag, same schema OID).
        let other = try PostgresConnection(uri: copy)
        XCTAssertEqual(try other.queryOne("SELECT pg_try_advisory_lock_shared($1)", [.int8(PostgresEngine.keyringLockTag << 32 | schemaOID)]) {
            try $0.bool(0)
        }, true)
        XCTAssertEqual(try other.queryOne("SELECT COUNT(*) FROM customer") { try $0.int64(0) }, 1, "carol's row is in the copy")

        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "carol", "s1", "A has her keys cached")
        let (b, _) = try otherDaemonsKeyring(layout)
        let keys = try XCTUnwrap(b.lookup(CustomerID("carol")))
        hooks.nextSessionURI.withLock { $0 = copy }
        try terminateTheGuard(hooks)
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))

        XCTAssertThrowsError(try append(a, "carol", "s1", "after the shred"), "A's append with its guard on the copy") { error in
            // The relying job fails unrun, as for a guard that cannot lock (-32005, "retry").
            guard case .unavailable? = error as? StoreError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try chunkCount(layout, handle: keys.handle), 2, "nothing landed under the destroyed handle")
        XCTAssertEqual(try pendingPurges(layout, handle: keys.handle), 0)
    }
}

/// Session 21's attack review, P1: after a lapse, `recheck` found the keyring's table again,
/// then its deferred `BEGIN` met a session that had ended meanwhile and made a new one
/// (`reconnectIfLost`) that nothing checked: where the keys database had just been swapped for
/// an older copy, the recheck read the erased customer's row there, took her for not erased,
/// and answered the write as committed under keys another daemon had destroyed.
final class KeyringGuardRecheckTests: KeyringElsewhereTestCase {
    func testARecheckOnASessionOpenedAfterItsChecksDoesNotReadACopy() throws {
        let keysDB = try freshDatabase("keys_recheck_")
        let layout = Layout(keys: keysDB.uri, data: try schemaURI("data").uri, keysSchema: "public")
        do {
            let (a, _) = try daemon(layout, "a")
            try append(a, "carol", "s1", "before the copy")
            a.close()
        }
        // The copy, carol alive in it at the version A will cache.
        try alone(keysDB.name, "CREATE DATABASE \(keysDB.name)_copy TEMPLATE \(keysDB.name) STRATEGY = FILE_COPY")

        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "carol", "s1", "A has her keys cached")
        let (b, _) = try otherDaemonsKeyring(layout)
        let keys = try XCTUnwrap(b.lookup(CustomerID("carol")))

        // Parked in the recheck, its table found again on a new session: the copy is renamed into
        // the keys database's place (which ends every session there, the guard's new one too).
        let result = try appendThroughALapse(a, hooks, erasedBy: b, keys, inTheRecheck: { [self] in
            try alone(keysDB.name, "ALTER DATABASE \(keysDB.name) RENAME TO \(keysDB.name)_old")
            try superuser().execute("ALTER DATABASE \(keysDB.name)_copy RENAME TO \(keysDB.name)")
        })
        switch result {
        case .success?: XCTFail("a write answered as committed after its customer was erased, on a recheck read from the copy")
        case .failure(let error)?: XCTAssertEqual(error as? StoreError, .writeCommittedCustomerMayBeErased, "\(error)")
        case nil: XCTFail("A's append did not return")
        }
    }
}
