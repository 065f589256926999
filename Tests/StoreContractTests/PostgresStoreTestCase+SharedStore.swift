@_spi(Testing) import ConfideCore
@testable import ConfidePostgresStore
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

    /// Starts daemon `label` on a keyring put back from a copy and says what it hands out of
    /// `customer`'s life that a shred ended (her keys under `erasedHandle`): those keys, and
    /// an append answered (session `session`). Empty when the start refuses the copy, or the
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
                served.append("\(label)'s append for \(customer) was answered, under keys a shred destroyed")
            } catch { print("\(label), \(customer)'s append: \(error)") }
        } catch { print("\(label)'s start on the copy: \(error)") }
        return served
    }
}
