// Issue 5: the scheduler rotates KEKs by age, DEKs rotate on the next write after
// `dekRotationDays`, and `keys.rotate {target: customer}` forces a generation.
@_spi(Testing) import ConfideCore
import ConfideStorage
import Foundation
import XCTest

final class RotationScheduleTests: XCTestCase {
    private let session = CoreTestSupport.session("chat")

    func testSchedulerRotatesKEKOnlyOnceItIsOlderThanKekRotationDays() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.kekRotationDays = 30
        let store = try t.open(options: options, clock: clock)
        let customers = (0..<20).map { CoreTestSupport.customer("sched-\($0)") }
        for (i, c) in customers.enumerated() { try RAKit.append(store, c, session, "m\(i)") }

        clock.advance(days: 29)
        store.scheduler!.runOnce()
        XCTAssertEqual(try store.keyring.status().keks.map(\.state), ["active"], "29 days: not due yet")

        clock.advance(days: 1)
        store.scheduler!.runOnce()
        let status = try store.keyring.status()
        XCTAssertEqual(status.keks.map(\.state), ["destroyed", "active"], "30 days: rotated, re-wrapped and old version destroyed in one run")
        XCTAssertEqual(status.keks.last?.createdAt, clock.now())
        XCTAssertEqual(status.keks.last?.deks, 20)
        XCTAssertEqual(status.rewrapPending, 0)

        clock.advance(days: 29)
        store.scheduler!.runOnce()
        XCTAssertEqual(try store.keyring.status().keks.count, 2, "the new version's own age counts, not the first one's")
        for (i, c) in customers.enumerated() { XCTAssertEqual(try RAKit.texts(store, c, session), ["m\(i)"]) }

        // Every job that did something is audited as the daemon, without a customer.
        let jobs = try RAKit.entries(t.state.dataPath).filter { $0.method.hasPrefix("job.") }
        XCTAssertEqual(jobs.map(\.method), ["job.kek-rotation", "job.rewrap", "job.kek-destroy"])
        for e in jobs {
            XCTAssertEqual(e.role, "daemon")
            XCTAssertEqual(e.outcome, "ok")
            XCTAssertNil(e.customerRef)
            XCTAssertEqual(e.timestamp, ManualClock.defaultStart.adding(days: 30))
        }
        store.close()
    }

    func testDEKGetsNewGenerationOnFirstWriteAfterDekRotationDays() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.dekRotationDays = 90
        options.kekRotationDays = 1_000
        let store = try t.open(options: options, clock: clock)
        let a = CoreTestSupport.customer("dek-a"), idle = CoreTestSupport.customer("dek-idle")
        try RAKit.append(store, a, session, "a1")
        try RAKit.append(store, idle, session, "i1")

        clock.advance(days: 89)
        try RAKit.append(store, a, session, "a2")
        XCTAssertEqual(try store.keyring.lookup(a)!.newestGeneration, 1, "89 days: not due")

        clock.advance(days: 1)
        XCTAssertEqual(try store.keyring.lookup(a)!.newestGeneration, 1, "rotation happens on a write, not by itself")
        try RAKit.append(store, a, session, "a3")
        try RAKit.append(store, a, session, "a4")
        let keys = try store.keyring.lookup(a)!
        XCTAssertEqual(keys.newestGeneration, 2)
        XCTAssertEqual(keys.newestCreatedAt, clock.now())
        XCTAssertEqual(try store.keyring.lookup(idle)!.newestGeneration, 1, "a customer without writes keeps its generation")

        XCTAssertEqual(try dekGenerations(t, handle: keys.handle), [1, 2])
        XCTAssertEqual(try chunkGenerations(t, handle: keys.handle), [1, 1, 2, 2], "old chunks stay under generation 1")
        XCTAssertEqual(try RAKit.texts(store, a, session), ["a1", "a2", "a3", "a4"])
        store.close()

        let reopened = try t.open(options: options, clock: clock)
        defer { reopened.close() }
        XCTAssertEqual(try RAKit.texts(reopened, a, session), ["a1", "a2", "a3", "a4"])
        XCTAssertEqual(try RAKit.texts(reopened, idle, session), ["i1"])
    }

    func testRotateDEKForcesANewGenerationAndOldDataStaysReadable() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        let c = CoreTestSupport.customer("forced")
        try RAKit.append(store, c, session, "before")
        XCTAssertNil(try store.keyring.rotateDEK(CoreTestSupport.customer("nobody")), "an unknown customer is not created")

        XCTAssertEqual(try store.keyring.rotateDEK(c)?.newestGeneration, 2)
        try RAKit.append(store, c, session, "after")
        XCTAssertEqual(try store.keyring.rotateDEK(c)?.newestGeneration, 3)
        try RAKit.append(store, c, session, "latest")

        let handle = try store.keyring.lookup(c)!.handle
        XCTAssertEqual(try dekGenerations(t, handle: handle), [1, 2, 3])
        XCTAssertEqual(try chunkGenerations(t, handle: handle), [1, 2, 3])
        XCTAssertEqual(try RAKit.texts(store, c, session), ["before", "after", "latest"])

        // A KEK rotation re-wraps every generation; all of them still open after a restart.
        try store.keyring.rotateKEK()
        store.scheduler!.runOnce()
        XCTAssertEqual(try store.keyring.status().keks.map(\.deks), [0, 3])
        store.close()
        let reopened = try t.open()
        defer { reopened.close() }
        XCTAssertEqual(try RAKit.texts(reopened, c, session), ["before", "after", "latest"])
    }

    private func dekGenerations(_ t: CoreTestState, handle: [UInt8]) throws -> [Int] {
        try RAKit.raw(t.state.keysPath) { db in
            try db.query("SELECT generation FROM dek WHERE customer_handle = ? ORDER BY generation", [.blob(handle)]) { $0.int(0) }
        }
    }

    private func chunkGenerations(_ t: CoreTestState, handle: [UInt8]) throws -> [Int] {
        try RAKit.raw(t.state.dataPath) { db in
            try db.query("""
                SELECT c.generation FROM chunk c JOIN session s ON s.id = c.session_id WHERE s.customer_handle = ? ORDER BY c.seq
                """, [.blob(handle)]) { $0.int(0) }
        }
    }
}
