import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// When a call's audit entry cannot be written, the call fails closed (-32005) and changes
/// nothing. data.db's write lock is held from outside (`DataWriteLock`), so exactly the
/// audit writes fail while keys.db still commits — the way the second attack on issue 19
/// isolated them. (Every method's -32005: `AuditCompletenessTests`.) Before its fixes a
/// call with bad params answered -32602 with no entry at all (N2), and a hold stayed in
/// force behind "nothing was changed" (F5).
final class AuditFailClosedTests: DaemonTestCase {
    func testCallsWhoseAuditEntryCannotBeWrittenFailClosedAndChangeNothing() throws {
        let harness = try startDaemon(DataWriteLock.daemonConfig)
        let client = harness.client(timeout: 30)
        try ok(client, "session.append", sessionParams("c", "s", [message("x")]))
        let lock = try DataWriteLock(harness)
        defer { lock.release() }
        // Bad params: the refusal itself cannot be audited, so the answer is -32005.
        XCTAssertEqual(try client.reply("session.get", ["bogus": 1]).code, -32005)
        // A hold commits in keys.db, its entry fails: it is undone, and the answer is -32005.
        XCTAssertEqual(try client.reply("customer.hold", ["customer": "c", "reason": "case 9"]).code, -32005)
        lock.release()
        XCTAssertEqual(try ok(client, "customer.hold", ["customer": "c", "reason": "case 9"])["since"]?.stringValue?.isEmpty, false)
        // The first hold left nothing: releasing the second one leaves the customer shreddable.
        try ok(client, "customer.release", ["customer": "c", "reason": "closed"])
        XCTAssertNotNil(try ok(client, "customer.shred", ["customer": "c", "reason": "T-4"])["signature"])
    }
}
