import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// `inTransaction` on PostgreSQL keeps what SQLite's `BEGIN IMMEDIATE` gives the keyring:
/// one writing transaction at a time per database, across connections and processes. Under
/// READ COMMITTED alone, a shred's "is the customer held?" read could miss a hold another
/// daemon is committing; SQLite's second writer waits for the first instead.
final class PostgresTransactionalTests: XCTestCase {
    func testTransactionsOfTwoConnectionsTakeTurnsAndTheSecondSeesTheFirst() throws {
        let pg = try PostgresContractSchema(.keys)
        defer { pg.drop() }
        let first = pg.records
        nonisolated(unsafe) let second = try pg.connectAgain()
        let secondPID = Int(second.backendPID)
        let seen = Locked<Result<Int, Error>?>(nil)
        let finished = DispatchSemaphore(value: 0)
        var waited = false
        try first.inTransaction {
            try first.insertCustomer(blindIndex: blob(1), handle: blob(2, count: 16), auditRef: blob(3, count: 16), at: Timestamp(milliseconds: 1))
            Thread.detachNewThread {
                let result = Result { try second.inTransaction { try second.customerCount() } }
                seen.withLock { $0 = result }
                finished.signal()
            }
            // The second connection's transaction must wait for this one (an advisory lock), not run beside it.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, seen.snapshot == nil {
                // pg_locks, not pg_stat_activity: another role's wait events read as NULL.
                let waiting = try pg.owner.queryOne("SELECT COUNT(*) FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND NOT granted",
                                                    [.int(secondPID)]) { try $0.int(0) }
                if waiting == 1 { waited = true; break }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        XCTAssertTrue(waited, "the second connection's transaction ran beside the first (\(String(describing: seen.snapshot)))")
        XCTAssertEqual(finished.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(try seen.snapshot?.get(), 1, "the second transaction ran after the first committed, and saw its row")
    }
}
