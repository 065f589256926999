@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import XCTest

/// Found by session 16's attack review, on one daemon and the embedded store: retention must
/// not take a customer for "not held" while a release of it is committed but not yet audited
/// (and may still be undone). Failed before `withHoldsFrozen` took the legal gate.
final class RetentionDuringAReleaseTests: XCTestCase {
    private static func exists(_ store: TranscriptStore, _ c: CustomerID, _ s: String) throws -> Bool {
        do { return try !RAKit.texts(store, c, CoreTestSupport.session(s)).isEmpty }
        catch let e as StoreError where RAKit.isNotFound(e) { return false }
    }

    /// A held customer's session is past its retention. A release commits in keys.db; before
    /// its audit entry is written, the scheduler's retention tick runs (it takes the keyring's
    /// lock, not the legal gate that keeps holds, releases and erasure points out of this
    /// window) and sees "not held": it deletes the session. Then the release's audit entry
    /// cannot be written (data.db's write lock held by another connection past the busy
    /// timeout), so the release answers -32005 and is undone: the customer is held again, as
    /// every audited call says it has been throughout, and its evidence is gone.
    func testRetentionDuringAReleaseThatIsUndoneKeepsTheHeldCustomersSession() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.defaultRetentionDays = 0
        let store = try t.open(options: options, clock: clock)
        defer { store.keyring.racePoints.clear(); store.close() }
        let c = CoreTestSupport.customer("litigant")
        _ = try store.put(customer: c, session: CoreTestSupport.session("evidence"), messages: [CoreTestSupport.message("the contract was signed")],
                          metadata: nil, retentionDays: 1, redact: false, context: RAKit.context("session.put"))
        _ = try store.setHold(customer: c, held: true, context: RAKit.context("customer.hold", role: "legal"))
        clock.advance(days: 2)
        store.scheduler!.runOnce()
        XCTAssertTrue(try Self.exists(store, c, "evidence"), "held: retention keeps it")

        nonisolated(unsafe) let blocker = try Database(path: t.state.dataPath, busyTimeoutMilliseconds: 0)
        nonisolated(unsafe) let scheduler = store.scheduler!
        store.keyring.racePoints.set(.holdBeforeAudit) {
            // The scheduler thread's tick, while the release waits for its audit entry.
            let tick = DispatchSemaphore(value: 0)
            Thread.detachNewThread { scheduler.runOnce(); tick.signal() }
            _ = tick.wait(timeout: .now() + 3)
            try? blocker.execute("BEGIN EXCLUSIVE")
        }
        XCTAssertThrowsError(try store.setHold(customer: c, held: false, context: RAKit.context("customer.release", role: "legal")),
                             "the release cannot be audited") { XCTAssertTrue(RAKit.isUnavailable($0 as? StoreError), "\($0)") }
        store.keyring.racePoints.clear()
        try? blocker.execute("ROLLBACK")
        let keys = try XCTUnwrap(store.keyring.lookup(c))
        XCTAssertNotNil(try store.keyring.holdState(handle: keys.handle).heldSince, "the failed release was undone: still held")
        XCTAssertTrue(try Self.exists(store, c, "evidence"), "a customer held by every audited call lost its session to retention")
    }
}
