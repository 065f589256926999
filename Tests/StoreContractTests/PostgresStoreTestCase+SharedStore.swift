@_spi(Testing) import ConfideCore
@testable import ConfidePostgresStore
import ConfidePostgres
import Foundation
import XCTest

/// Daemons of one shared store (`shared_store`) for the erasure attack reviews
/// (`Session23Attack*Tests`, `Session24Attack*Tests`), and the probe each finding ends on.
extension PostgresStoreTestCase {
    /// A clock `offset` milliseconds ahead of (or, negative, behind) the system's: another
    /// daemon's host whose clock is off.
    struct SkewedClock: ConfideCore.Clock {
        let offset: Int64
        func now() -> Timestamp { Timestamp(milliseconds: SystemClock().now().milliseconds + offset) }
    }

    /// A daemon of a shared store, its keyring at `keysURI` and its data at `dataURI`, with a
    /// state folder and audit chain of its own (`label`), an erasure ledger when `ledger` is
    /// given, and `clock`.
    func sharedDaemon(_ label: String, keysURI: String, dataURI: String, ledger: String? = nil,
                      clock: any ConfideCore.Clock = SystemClock(), statementTimeoutMilliseconds: Int? = 30_000) throws -> TranscriptStore {
        var options = options(ledger: ledger)
        options.auditChainName = label
        options.sharesStore = true
        var settings = PostgresEngine.Settings()
        settings.sharedStore = true
        settings.storeLockWaitSeconds = 2
        settings.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        return try TranscriptStore(state: StateDirectory(path: folder.path + "/state-\(label)"),
                                   engine: PostgresEngine(keysURI: keysURI, dataURI: dataURI, settings: settings),
                                   masterKey: masterKey, options: options, clock: clock)
    }

    /// Shreds `customer` through `daemon` while the data's record of erasures is away (its
    /// table renamed): the keyring commits the erasure, its audit-entry transaction fails, and
    /// the record lacks it until the erasure-mirror job or a repeated shred writes it.
    func shredWhileTheRecordIsAway(_ daemon: TranscriptStore, _ customer: String, dataSchema: String) throws {
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror RENAME TO keyring_mirror_away")
        XCTAssertThrowsError(try daemon.shred(customer: CustomerID(customer), reason: "gdpr", context: context("customer.shred")))
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror_away RENAME TO keyring_mirror")
    }

    /// What session 24's upgrade leaves on erasures made before it: keys 0005 (`number` NULL;
    /// the ordinals in time order, as a store's own erasures already are) and data 0004
    /// (`number` and `ordinal` NULL on the record's rows).
    func upgradeToErasureNumbers(keysURI: String, dataSchema: String) throws {
        try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL")
        try owner().execute("UPDATE \(dataSchema).keyring_mirror SET number = NULL, ordinal = NULL")
    }

    /// Prints where the row of `customer` (her erasure tag `tag`) stands in the data's record
    /// (`label` says when), in the order of the newest rows checked, with its `recorded`: the
    /// evidence a finding's output shows.
    func printRankInTheRecord(of customer: String, tag: [UInt8], dataSchema: String, _ label: String) throws {
        let ranks = try owner().query("""
            SELECT customer_tag = $1, recorded FROM \(dataSchema).keyring_mirror ORDER BY ordinal DESC NULLS LAST, recorded DESC
            """, [.bytea(tag)]) { (try $0.bool(0) ?? false, try $0.int64(1)) }
        print("\(label): the record: \(ranks.count) rows; \(customer)'s rank \(String(describing: ranks.firstIndex { $0.0 }.map { $0 + 1 })), "
              + "recorded \(String(describing: ranks.first { $0.0 }?.1)) (the check takes the first \(CommittedErasures.kept), "
              + "and every row with recorded < 0)")
    }

    /// Starts daemon `label` on a keyring put back from a copy and says what it hands out of
    /// `customer`'s life that a shred ended (her keys under `erasedHandle`): those keys, and
    /// an append answered under them (session `session`; an append that started a new life,
    /// where the start erased her again, is not one). Empty when the start refuses the copy, or the
    /// daemon serves neither. Failures are printed, as the finding's evidence.
    func erasedLifeServedByAStart(_ label: String, customer: String, erasedHandle: [UInt8], session: String = "s2",
                                  start: () throws -> TranscriptStore) -> [String] {
        var served: [String] = []
        do {
            let daemon = try start()
            defer { daemon.close() }
            if let keys = try daemon.keyring.lookup(CustomerID(customer)), keys.handle == erasedHandle {
                served.append("\(customer)'s erased keys are served again by \(label), started on the copy")
            }
            do {
                try append(daemon, customer, session, "after the restore")
                if let keys = try daemon.keyring.lookup(CustomerID(customer)), keys.handle == erasedHandle {
                    served.append("\(label)'s append for \(customer) was answered, under keys a shred destroyed")
                }
            } catch { print("\(label), \(customer)'s append: \(error)") }
        } catch { print("\(label)'s start on the copy: \(error)") }
        return served
    }
}
