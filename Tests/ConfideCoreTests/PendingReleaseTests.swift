@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import Foundation
import XCTest

/// A release of a legal hold takes effect in two keyring commits (issue 21, finding F3): a
/// "release pending" mark with the hold still in force, then, once the release's audit entry
/// has committed, the hold lifted. On the embedded store, between the two steps of a daemon
/// that stopped there.
final class PendingReleaseTests: XCTestCase {
    private static func exists(_ store: TranscriptStore, _ c: CustomerID, _ s: String) throws -> Bool {
        do { return try !RAKit.texts(store, c, CoreTestSupport.session(s)).isEmpty }
        catch let e as StoreError where RAKit.isNotFound(e) { return false }
    }

    private static func holds(_ store: TranscriptStore, now: Timestamp) throws -> [JSONValue] {
        try store.keyring.database.withLock { box in try PrivacyReport.holds(box.db, now: now)["items"]?.arrayValue ?? [] }
    }

    /// A held customer's session is past its retention. A release committed its first step
    /// (the mark) and the daemon stopped before the second, as a crash would leave it,
    /// whether or not its audit entry was written. After the restart the customer is still
    /// held: retention keeps the session, a shred is refused (-32007), and the hold listing
    /// shows the hold with its release pending. The next `customer.release` completes it: not
    /// held, and retention then deletes the session.
    func testADaemonStoppedBetweenAReleasesTwoStepsLeavesTheCustomerHeldUntilTheNextRelease() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.defaultRetentionDays = 0
        var store = try t.open(options: options, clock: clock)
        let c = CoreTestSupport.customer("litigant")
        _ = try store.put(customer: c, session: CoreTestSupport.session("evidence"), messages: [CoreTestSupport.message("the contract was signed")],
                          metadata: nil, retentionDays: 1, redact: false, context: RAKit.context("session.put"))
        let held = try store.setHold(customer: c, held: true, context: RAKit.context("customer.hold", role: "legal"))
        let keys = try XCTUnwrap(store.keyring.lookup(c))
        // The release's first step, then the daemon stops before its second.
        let first = try XCTUnwrap(store.keyring.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: false))
        XCTAssertNotNil(first.pendingRelease, "a release of a held customer first marks it pending")
        XCTAssertEqual(first.held, true, "and the hold stays in force")
        store.close()

        store = try t.open(options: options, clock: clock)
        defer { store.close() }
        XCTAssertEqual(try store.keyring.holdState(handle: keys.handle).heldSince, held.since, "still held after the restart")
        clock.advance(days: 2)
        store.scheduler!.runOnce()
        XCTAssertTrue(try Self.exists(store, c, "evidence"), "retention keeps the session of a customer whose release is pending")
        XCTAssertThrowsError(try store.shred(customer: c, reason: "GDPR-2026-0117", context: RAKit.context("customer.shred", role: "legal"))) {
            XCTAssertEqual(($0 as? StoreError)?.code, StoreError.legalHold.code, "\($0)")
        }
        let listed = try Self.holds(store, now: clock.now())
        XCTAssertEqual(listed.map { $0["release_pending"] }, [.bool(true)], "the hold listing shows the hold and its pending release")

        let released = try store.setHold(customer: c, held: false, context: RAKit.context("customer.release", role: "legal"))
        XCTAssertEqual(released.held, false, "the next release completes it")
        XCTAssertNil(released.since)
        XCTAssertNil(try store.keyring.holdState(handle: keys.handle).heldSince)
        XCTAssertEqual(try Self.holds(store, now: clock.now()).count, 0)
        store.scheduler!.runOnce()
        XCTAssertFalse(try Self.exists(store, c, "evidence"), "released: retention deletes the expired session now")
    }

    /// A hold placed while a release is pending cancels it: the customer stays held since its
    /// first hold, and the release's completion (its audit entry written after the hold)
    /// finds no mark of its own and lifts nothing; it answers the hold in force.
    func testAHoldWhileAReleaseIsPendingCancelsTheRelease() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        defer { store.keyring.racePoints.clear(); store.close() }
        let c = CoreTestSupport.customer("litigant")
        _ = try store.put(customer: c, session: CoreTestSupport.session("evidence"), messages: [CoreTestSupport.message("the contract was signed")],
                          metadata: nil, retentionDays: nil, redact: false, context: RAKit.context("session.put"))
        let held = try store.setHold(customer: c, held: true, context: RAKit.context("customer.hold", role: "legal"))
        let keys = try XCTUnwrap(store.keyring.lookup(c))
        nonisolated(unsafe) let keyring = store.keyring
        store.keyring.racePoints.set(.releaseBeforeCompletion) {
            // Another daemon's hold, between the release's audit entry and its second step.
            _ = try? keyring.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: true)
        }
        let released = try store.setHold(customer: c, held: false, context: RAKit.context("customer.release", role: "legal"))
        store.keyring.racePoints.clear()
        XCTAssertEqual(released.held, true, "the release answers the hold that came after it")
        XCTAssertEqual(released.since, held.since, "held throughout, since the first hold")
        XCTAssertEqual(try store.keyring.holdState(handle: keys.handle).heldSince, held.since)
        XCTAssertEqual(try Self.holds(store, now: held.since!).map { $0["release_pending"] }, [.bool(false)], "no release pending")
    }
}
