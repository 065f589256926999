@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// What the keyring guard costs the keyring's server per relying group, counted with libpq's
/// trace: `BEGIN` and the lock statement in one round trip, the confirming `ROLLBACK` in
/// another (session 21; before, `BEGIN` was a round trip of its own: three per group).
final class KeyringGuardRoundTripTests: KeyringElsewhereTestCase {
    func testTheGuardLocksInOneRoundTripAndConfirmsInOne() throws {
        let layout = try layout()
        do {
            let (a, _) = try daemon(layout, "a")
            try append(a, "alice", "s1", "hello")
            a.close()
        }
        // The keyring's store lock, as a daemon's keyring connection holds it.
        let keyring = try PostgresConnection(uri: layout.keys)
        let schemaOID = try XCTUnwrap(try keyring.queryOne("SELECT oid::int8 FROM pg_namespace WHERE nspname = current_schema()") { try $0.int64(0) })
        try keyring.holdSessionLock(PostgresEngine.keyringLockTag << 32 | schemaOID, shared: true, heldElsewhere: "held by this test")
        let handle = try XCTUnwrap(try keyring.queryOne("SELECT handle FROM customer") { try $0.bytea(0) } ?? nil)

        let connection = try PostgresConnection(uri: layout.keys)
        let keyringGuard = try XCTUnwrap(try PostgresKeyringGuard(connection: connection, keyringLock: keyring.lockWatch,
                                                                  keyringDatabase: try keyring.databaseIdentity(), waitMilliseconds: 1_000,
                                                                  idleSeconds: 120, hooks: KeyringGuardHooks()),
                                         "the guard finds the keyring's customer table")
        var rows = LockedCustomerRows()
        // Once, so that its statements are prepared (as they are in a daemon after its first group).
        _ = try keyringGuard.acquire([handle])
        _ = keyringGuard.confirm()
        XCTAssertEqual(try connection.roundTrips { rows = try keyringGuard.acquire([handle]) }, 1, "BEGIN and the lock statement together")
        XCTAssertEqual(rows.versions.count, 1, "alice's row, locked")
        let held = try keyring.queryOne("SELECT COUNT(*) FROM pg_locks WHERE pid = $1::int AND mode = 'RowShareLock'",
                                        [.int8(Int64(connection.backendPID))]) { try $0.int64(0) }
        XCTAssertGreaterThan(held ?? 0, 0, "the guard's transaction holds its locks")
        var confirmed = false
        XCTAssertEqual(try connection.roundTrips { confirmed = keyringGuard.confirm() }, 1, "the confirming ROLLBACK")
        XCTAssertTrue(confirmed)
        XCTAssertFalse(connection.isInTransaction)
    }
}
