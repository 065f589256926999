// Issue 5: retention expiry by the scheduler, and legal hold keeping expired sessions.
@_spi(Testing) import ConfideCore
import ConfideStorage
import Foundation
import XCTest

final class RetentionTests: XCTestCase {
    private static func put(_ store: TranscriptStore, _ c: CustomerID, _ s: String, days: Int?) throws {
        _ = try store.put(customer: c, session: CoreTestSupport.session(s), messages: [CoreTestSupport.message("\(s) text")],
                          metadata: nil, retentionDays: days, redact: false, context: RAKit.context("session.put"))
    }

    private static func exists(_ store: TranscriptStore, _ c: CustomerID, _ s: String) throws -> Bool {
        do { return try !RAKit.texts(store, c, CoreTestSupport.session(s)).isEmpty }
        catch let e as StoreError where RAKit.isNotFound(e) { return false }
    }

    private static func hold(_ store: TranscriptStore, _ c: CustomerID, _ held: Bool) throws {
        _ = try store.setHold(customer: c, held: held, context: RAKit.context(held ? "customer.hold" : "customer.release", role: "legal"))
    }

    func testExpiredSessionIsDeletedAndUnexpiredOrUnlimitedOnesRemain() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.defaultRetentionDays = 0
        let store = try t.open(options: options, clock: clock)
        defer { store.close() }
        let c = CoreTestSupport.customer("ret-customer")
        try Self.put(store, c, "one-day", days: 1)
        try Self.put(store, c, "keep", days: nil)
        try Self.put(store, c, "week", days: 7)
        try RAKit.append(store, c, CoreTestSupport.session("appended"), "no retention given")

        clock.advance(seconds: 86_399)
        store.scheduler!.runOnce()
        XCTAssertTrue(try Self.exists(store, c, "one-day"), "a second before expiry it is kept")

        clock.advance(days: 2)
        store.scheduler!.runOnce()
        XCTAssertEqual(RAKit.storeError { _ = try RAKit.texts(store, c, CoreTestSupport.session("one-day")) }, .notFound("session"))
        XCTAssertTrue(try Self.exists(store, c, "keep"))
        XCTAssertTrue(try Self.exists(store, c, "week"))
        XCTAssertTrue(try Self.exists(store, c, "appended"))
        XCTAssertEqual(store.scheduler!.jobStates["retention"]?.itemsDone, 1)
        // Its rows are gone from data.db, not just hidden.
        XCTAssertEqual(try RAKit.raw(t.state.dataPath) { db in
            try db.queryOne("SELECT (SELECT COUNT(*) FROM session), (SELECT COUNT(*) FROM chunk)") { [$0.int(0), $0.int(1)] }
        }, [3, 3])
        XCTAssertEqual(try RAKit.entries(t.state.dataPath).filter { $0.method == "job.retention" }.map(\.outcome), ["ok"])
    }

    func testDefaultRetentionAppliesToSessionsWrittenWithoutOne() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.defaultRetentionDays = 3
        let store = try t.open(options: options, clock: clock)
        defer { store.close() }
        let c = CoreTestSupport.customer("ret-default")
        try RAKit.append(store, c, CoreTestSupport.session("appended"), "x")
        try Self.put(store, c, "explicit", days: 10)
        clock.advance(days: 4)
        store.scheduler!.runOnce()
        XCTAssertFalse(try Self.exists(store, c, "appended"))
        XCTAssertTrue(try Self.exists(store, c, "explicit"))
    }

    func testHeldCustomersExpiredSessionIsKeptUntilRelease() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        let store = try t.open(options: CoreTestSupport.options(), clock: clock)
        defer { store.close() }
        let held = CoreTestSupport.customer("ret-held"), free = CoreTestSupport.customer("ret-free")
        try Self.put(store, held, "s", days: 1)
        try Self.put(store, free, "s", days: 1)
        try Self.hold(store, held, true)

        clock.advance(days: 2)
        store.scheduler!.runOnce()
        XCTAssertTrue(try Self.exists(store, held, "s"), "held: kept past its retention")
        XCTAssertFalse(try Self.exists(store, free, "s"))
        store.scheduler!.runOnce()
        XCTAssertTrue(try Self.exists(store, held, "s"), "still kept on later runs")

        try Self.hold(store, held, false)
        store.scheduler!.runOnce()
        XCTAssertFalse(try Self.exists(store, held, "s"), "expires on the first run after release")
    }

    /// More than one query page (200) of held, expired sessions must not stop the expiry of
    /// other customers' sessions that expire later.
    func testManyHeldExpiredSessionsDoNotBlockOtherExpiry() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        let store = try t.open(options: CoreTestSupport.options(), clock: clock)
        defer { store.close() }
        let held = CoreTestSupport.customer("ret-held-many"), free = CoreTestSupport.customer("ret-free-late")
        RAKit.onThreads(4) { w in
            for i in stride(from: w, to: 250, by: 4) { try? Self.put(store, held, "h\(i)", days: 1) }
        }
        try Self.hold(store, held, true)
        clock.advance(milliseconds: 1)
        try Self.put(store, free, "late", days: 1)  // expires after all 250 held ones

        clock.advance(days: 2)
        store.scheduler!.runOnce()
        XCTAssertFalse(try Self.exists(store, free, "late"), "an expired session of a customer without hold is deleted")
        let page = try store.list(customer: held, limit: 1_000, after: nil, context: RAKit.context("session.list"))
        XCTAssertEqual(page.sessions.count, 250, "every held session is kept")
    }

    /// Retention counts from the last write: appending to a session moves its expiry.
    func testAppendMovesTheExpiryOfASessionWithRetention() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        let store = try t.open(options: CoreTestSupport.options(), clock: clock)
        defer { store.close() }
        let c = CoreTestSupport.customer("ret-append")
        try Self.put(store, c, "active", days: 2)
        try Self.put(store, c, "idle", days: 2)
        clock.advance(days: 1)
        try RAKit.append(store, c, CoreTestSupport.session("active"), "still talking")
        clock.advance(days: 1)
        clock.advance(seconds: 3_600)
        store.scheduler!.runOnce()
        XCTAssertFalse(try Self.exists(store, c, "idle"), "two days after its last write")
        XCTAssertTrue(try Self.exists(store, c, "active"), "one day after its last write")
        clock.advance(days: 1)
        store.scheduler!.runOnce()
        XCTAssertFalse(try Self.exists(store, c, "active"))
    }
}
