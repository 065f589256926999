@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// The start-up reapply of the erasure ledger over a keyring restored from an older backup,
/// on PostgreSQL (found by session 16's attack review of the reapply that erases each
/// customer in a transaction of its own).
final class PostgresReapplyTests: PostgresStoreTestCase {
    /// An older keyring brought back xavier and yusuf, both erased in the ledger. The start's
    /// reapply erases xavier in a transaction of its own (committed), then fails on yusuf
    /// (here: another daemon's writer group holds yusuf's change lock shared for longer than
    /// the statement timeout; a dropped connection or a server restart does the same). The start
    /// fails; the next start succeeds. xavier's erasure must be audited and its purge recorded
    /// right after its commit: the second start no longer sees xavier as "brought back".
    /// (Found by session 16's attack review of b31d58f: the first start wrote neither, so
    /// xavier's rows stayed for ever, unaudited, and the start warned of an "unexplained
    /// orphan". Before b31d58f the single transaction rolled back xavier's delete with
    /// yusuf's failure.)
    func testAReapplyThatFailsPartWayLeavesEveryCustomerItErasedAuditedAndPurged() throws {
        let (uri, schema) = try schemaURI("reapply")
        let ledgerPath = folder.path + "/erasures.ledger"
        var first: TranscriptStore? = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey,
                                                          options: options(ledger: ledgerPath))
        try append(first!, "xavier", "s1", "xavier's transcript")
        try append(first!, "yusuf", "s1", "yusuf's transcript")
        let xavier = try XCTUnwrap(first!.keyring.lookup(CustomerID("xavier")))
        let yusuf = try XCTUnwrap(first!.keyring.lookup(CustomerID("yusuf")))
        let ledger = ErasureLedger(path: ledgerPath)
        // Both were shredded after the keyring's backup was taken: the ledger says so, the
        // (restored) keyring still has them.
        for keys in [xavier, yusuf] {
            try ledger.append(ErasureLedger.Entry(customerTag: first!.keyring.erasureTag(blindIndex: keys.blindIndex),
                                                  handleTag: first!.keyring.erasureTag(handle: keys.handle),
                                                  shreddedAt: Timestamp(milliseconds: 1_767_225_600_000), number: 1, draft: [:], receipt: nil))
        }
        first!.close()
        first = nil

        // Another daemon's writer group holds yusuf's change lock shared (its read-ahead).
        let group = try PostgresConnection(uri: uri)
        try group.execute("BEGIN")
        _ = try group.result("SELECT \(PostgresConnection.customerLockSQL("pg_advisory_xact_lock_shared", handleColumn: "handle")) FROM customer WHERE handle = $1",
                             [.bytea(yusuf.handle)])
        var settings = PostgresEngine.Settings()
        settings.statementTimeoutMilliseconds = 1_000
        XCTAssertThrowsError(try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri, settings: settings),
                                                 masterKey: masterKey, options: options(ledger: ledgerPath)), "the start fails on yusuf") {
            XCTAssertTrue("\($0)".contains("57014") || "\($0)".contains("statement timeout") || "\($0)".contains("canceling"), "\($0)")
        }
        try group.execute("COMMIT")
        // The failed start is a daemon that exited: its sessions (and their store locks) end.
        let o = try owner()
        _ = try o.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                        + "AND classid::int8 IN (\(PostgresEngine.keyringLockTag), \(PostgresEngine.dataLockTag)) "
                        + "AND objid = (SELECT oid FROM pg_namespace WHERE nspname = '\(schema)')") { try $0.bool(0) }
        Thread.sleep(forTimeInterval: 0.5)

        let second = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey,
                                         options: options(ledger: ledgerPath))
        defer { second.close() }
        func rows(_ table: String, _ column: String, _ handle: [UInt8]) throws -> Int64 {
            try o.queryOne("SELECT COUNT(*) FROM \(schema).\(table) WHERE \(column) = $1", [.bytea(handle)]) { try $0.int64(0) } ?? -1
        }
        XCTAssertNil(try second.keyring.lookup(CustomerID("xavier")), "xavier's keys are gone")
        XCTAssertNil(try second.keyring.lookup(CustomerID("yusuf")), "yusuf's keys are gone")
        let reapplied = try o.query("SELECT customer_ref FROM \(schema).audit_entry WHERE method = 'customer.shred.reapplied'") { try $0.bytea(0) ?? [] }
        XCTAssertTrue(reapplied.contains(yusuf.auditRef), "yusuf's re-applied erasure is audited")
        XCTAssertTrue(reapplied.contains(xavier.auditRef), "xavier's re-applied erasure is audited (it is not: the first start erased it and failed before auditing)")
        let xavierSessions = try rows("session", "customer_handle", xavier.handle)
        let xavierPurges = try rows("pending_purge", "customer_handle", xavier.handle)
        XCTAssertTrue(xavierSessions == 0 || xavierPurges == 1,
                      "xavier's unreadable rows are purged or scheduled for purge (sessions left: \(xavierSessions), purge records: \(xavierPurges))")
        XCTAssertFalse(second.startupWarnings.contains { $0.contains("no keys in keys.db and no shred record") },
                       "no 'unexplained orphan' warning blaming an older keys.db: \(second.startupWarnings)")
    }
}
