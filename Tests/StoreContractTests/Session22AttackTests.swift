@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Session 22's attack review of 6f79afc (the keyring guard's `checkNewSession`).
///
/// S22-1: the fix checks every new session of the guard's connection for the keyring's
/// *database* (cluster and database OID), but not for the keyring's *table*, which is what
/// `confirmTableOnANewSession` checks on a new session (the schema that holds the keyring's
/// lock, by OID). In `recheck`, the deferred `BEGIN` that meets a session ended after
/// `confirmTableOnANewSession` still makes a new session whose table nothing checks (unlike
/// `acquire`, `recheck` does not compare `currentPID` with `confirmedSession` after `BEGIN`).
/// Where the keyring's schema has just been swapped, in the same database, for an older copy
/// renamed into its name, the recheck reads the erased customer's row there and the write is
/// answered as committed. Had the swap happened before the table check, the check would have
/// found the lock's schema under another name and failed closed. Red on `bf094cf`
/// (docs/evidence/session22-attack22-red.txt); fixed by `recheck` refusing a session other than
/// the one its table was found on, as `acquire` does (the write then answers -32005 and a purge
/// is queued).
///
/// S22-2: `pg_control_system()` revoked while the daemon runs, then granted back: the guard's
/// new session cannot tell the cluster (fail closed), but not for good.
final class Session22AttackTests: KeyringElsewhereTestCase {
    func testARecheckOnASessionOpenedAfterItsTableCheckDoesNotReadASchemaSwappedInPlace() throws {
        let (layout, owner) = try layoutWithASchemaCopyLater()
        let schema = layout.keysSchema
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "carol", "s1", "A has her keys cached")
        // The older copy of the keyring's schema, carol alive in it at the version A cached.
        try copyTheKeyringsSchema(schema, owner)
        let (b, _) = try otherDaemonsKeyring(layout)
        let keys = try XCTUnwrap(b.lookup(CustomerID("carol")))

        // Parked in the recheck, the table found again on a new session (same database): that
        // session ends, and the older copy of the schema is renamed into the keyring's place.
        let result = try appendThroughALapse(a, hooks, erasedBy: b, keys, inTheRecheck: { [self] in
            try terminateTheGuard(hooks)
            try swapInTheCopy(schema, owner)
        })
        switch result {
        case .success?: XCTFail("a write answered as committed after its customer was erased, on a recheck read from a schema swapped in place")
        case .failure(let error)?: XCTAssertNotNil(error as? StoreError, "\(error)")  // -32004 or -32005: closed
        case nil: XCTFail("A's append did not return")
        }
    }

    /// Control for S22-1: the same swap made during the lapse, before the recheck finds the
    /// table again, is caught by `confirmTableOnANewSession` (the lock's schema is now under
    /// another name) and the write fails closed. Held.
    func testASchemaSwappedInPlaceBeforeTheRechecksTableCheckFailsClosed() throws {
        let (layout, owner) = try layoutWithASchemaCopyLater()
        let schema = layout.keysSchema
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "carol", "s1", "A has her keys cached")
        // The older copy of the keyring's schema, carol alive in it at the version A cached.
        try copyTheKeyringsSchema(schema, owner)
        let (b, _) = try otherDaemonsKeyring(layout)
        let keys = try XCTUnwrap(b.lookup(CustomerID("carol")))
        let result = try appendThroughALapse(a, hooks, erasedBy: b, keys, duringTheLapse: { try swapInTheCopy(schema, owner) })
        switch result {
        case .success?: XCTFail("a write answered as committed after its customer was erased, on a schema swapped in place during the lapse")
        case .failure(let error)?: XCTAssertNotNil(error as? StoreError, "\(error)")
        case nil: XCTFail("A's append did not return")
        }
    }

    /// S22-1 with every session A had on the keys database ended in the window (its keyring's
    /// own connection too, whose new session would refuse the swapped schema for good: the
    /// documented "schema restored in place while the connection stays up" does not apply).
    /// The write on cached keys never asks the keyring's connection: the guard is the only
    /// check, and it answers the write as committed.
    func testARecheckReadsASchemaSwappedInPlaceEvenWhenEveryOtherSessionOfTheDaemonWasEnded() throws {
        let (layout, owner) = try layoutWithASchemaCopyLater()
        let schema = layout.keysSchema
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "carol", "s1", "A has her keys cached")
        // The older copy of the keyring's schema, carol alive in it at the version A cached.
        try copyTheKeyringsSchema(schema, owner)
        let (b, bConnection) = try otherDaemonsKeyring(layout)
        let keys = try XCTUnwrap(b.lookup(CustomerID("carol")))
        let result = try appendThroughALapse(a, hooks, erasedBy: b, keys, inTheRecheck: { [self] in
            let ended = try superuser().queryOne("""
                SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity
                WHERE datname = 'confide_test_keys' AND pid <> ALL($1::int[]) AND pid <> pg_backend_pid()
                """, [.text("{\(owner.backendPID),\(bConnection.backendPID)}")]) { try $0.int64(0) } ?? nil
            XCTAssertGreaterThanOrEqual(ended ?? 0, 2, "A's guard and keyring sessions ended")
            try swapInTheCopy(schema, owner)
        })
        switch result {
        case .success?: XCTFail("a write answered as committed after its customer was erased, though every other session of A on the keys database was ended")
        case .failure(let error)?: XCTAssertNotNil(error as? StoreError, "\(error)")
        case nil: XCTFail("A's append did not return")
        }
        // What A's keyring says on its new session, for the report.
        print("S22-1b: A's next request for a new customer:", Result { try Self.append(a, "dave", "s1", "after") })
    }

    func testPgControlSystemRevokedThenGrantedWhileRunningFailsClosedButNotForGood() throws {
        let layout = try layout()
        // A function's privileges are the database's own: revoked in the keys database.
        let admin = try PostgresConnection(uri: superuserURI(database: "confide_test_keys"))
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "carol", "s1", "before")
        try admin.execute("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC")
        var granted = false
        defer { if !granted { try? admin.execute("GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO PUBLIC") } }
        let ownerMayAsk = try PostgresConnection(uri: layout.keys).queryOne(
            "SELECT has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')") { try $0.bool(0) } ?? nil
        try XCTSkipIf(ownerMayAsk == true, "the keys' owner may call pg_control_system() whatever PUBLIC may")
        try terminateTheGuard(hooks)
        XCTAssertThrowsError(try append(a, "carol", "s1", "revoked: the guard's new session cannot tell its cluster"))
        try admin.execute("GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO PUBLIC")
        granted = true
        var last: (any Error)?
        for _ in 0..<60 {
            do { try append(a, "carol", "s1", "granted back"); last = nil; break } catch { last = error; usleep(100_000) }
        }
        XCTAssertNil(last, "the daemon serves carol again once pg_control_system() is granted back: \(String(describing: last))")
    }

    /// A layout, and the keys' owner's connection, whose `<schema>_copy` and `<schema>_old` are dropped afterwards.
    private func layoutWithASchemaCopyLater() throws -> (Layout, PostgresConnection) {
        let layout = try layout()
        let owner = try PostgresConnection(uri: keysOwnerURI)
        let schema = layout.keysSchema
        addTeardownBlock {
            try? owner.execute("DROP SCHEMA IF EXISTS \(schema)_old CASCADE")
            try? owner.execute("DROP SCHEMA IF EXISTS \(schema)_copy CASCADE")
        }
        return (layout, owner)
    }

    /// `<schema>_copy`: the keyring's customer table as it is now.
    private func copyTheKeyringsSchema(_ schema: String, _ owner: PostgresConnection) throws {
        try owner.execute("CREATE SCHEMA \(schema)_copy")
        try owner.execute("CREATE TABLE \(schema)_copy.customer (LIKE \(schema).customer INCLUDING ALL)")
        try owner.execute("INSERT INTO \(schema)_copy.customer SELECT * FROM \(schema).customer")
    }

    /// The keyring's schema renamed to `<schema>_old`, and the copy renamed into its place.
    private func swapInTheCopy(_ schema: String, _ owner: PostgresConnection) throws {
        try owner.execute("ALTER SCHEMA \(schema) RENAME TO \(schema)_old")
        try owner.execute("ALTER SCHEMA \(schema)_copy RENAME TO \(schema)")
    }
}
