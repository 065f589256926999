// Issue 15: the promises a legal team buys, under every interleaving. Each test holds one
// side of a race at a named `RacePoints` point (a gate) while the other side runs, so the
// dangerous interleaving happens every time, not one run in a thousand.
@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import Synchronization
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

/// Holds the first thread that reaches a race point until `open()`; later arrivals pass.
final class RaceGate: Sendable {
    private let reached = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    private let armed = Atomic<Bool>(true)

    /// Installs the gate at `point` of `points`.
    init(_ point: RacePoints.Point, in points: RacePoints) {
        points.set(point) { [self] in
            guard armed.compareExchange(expected: true, desired: false, ordering: .sequentiallyConsistent).exchanged else { return }
            reached.signal()
            released.wait()
        }
    }

    /// Waits until a thread is held at the point; false if none arrived within `seconds`.
    func waitUntilHeld(seconds: Double = 20) -> Bool { reached.wait(timeout: .now() + seconds) == .success }
    /// Lets the held thread go on.
    func open() { released.signal() }
}

/// Runs `body` on its own thread; `wait` returns its result (nil on time-out).
final class Background<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Result<T, any Error>?
    init(_ body: @escaping @Sendable () throws -> T) {
        Thread { [self] in
            value = Result { try body() }
            done.signal()
        }.start()
    }
    /// Whether it finished within `seconds`.
    func finished(within seconds: Double) -> Bool {
        guard done.wait(timeout: .now() + seconds) == .success else { return false }
        done.signal()
        return true
    }
    func wait(seconds: Double = 60) -> Result<T, any Error>? { finished(within: seconds) ? value : nil }
}

final class ErasureRaceTests: XCTestCase {
    private var dir: CoreTestState!
    private var store: TranscriptStore!

    override func setUpWithError() throws {
        dir = try CoreTestState()
        store = try dir.open()
    }

    override func tearDown() {
        store?.keyring.racePoints.clear()
        store?.close()
        dir?.remove()
    }

    private func storeError<T>(_ result: Result<T, any Error>?) -> StoreError? {
        if case .failure(let e as StoreError)? = result { return e }
        return nil
    }

    /// Reopens the store, so the next lookup of every customer misses the key cache.
    private func reopen() throws {
        store.close()
        store = try dir.open()
    }

    // MARK: Hold against shred

    func testAHoldThatCommitsWhileAShredIsUnderWayWinsAndNothingIsErased() throws {
        try store.testPut("held", "s", [TS.message("keep me")])
        let gate = RaceGate(.shredBeforeErasure, in: store.keyring.racePoints)
        let shred = Background { [store] in try store!.testShred("held") }
        XCTAssertTrue(gate.waitUntilHeld(), "the shred never reached its erasure")
        let hold = try store.setHold(customer: TS.customer("held"), held: true, context: TS.context("customer.hold"))
        XCTAssertTrue(hold.held, "the hold must succeed: the customer still exists")
        gate.open()
        let result = shred.wait()
        XCTAssertEqual(storeError(result), .legalHold, "a customer held before the erasure point was shredded: \(String(describing: result))")
        XCTAssertNotNil(try store.keyring.lookup(TS.customer("held")), "the held customer's keys were destroyed")
        XCTAssertEqual(try store.testGet("held", "s").texts, ["keep me"])
    }

    func testAHoldAfterTheErasurePointAnswersNotFound() throws {
        try store.testPut("gone", "s", [TS.message("bye")])
        _ = try store.testShred("gone")
        assertStoreError({ _ = try self.store.setHold(customer: TS.customer("gone"), held: true, context: TS.context("customer.hold")) },
                         matches: Kit.isNotFound)
    }

    func testThePurgeJobKeepsThePurgeRecordOfAShredUnderWay() throws {
        try store.testPut("inflight", "s", (1...(TranscriptStore.inlinePurgeLimit + 1)).map { TS.message("m\($0)") })
        let gate = RaceGate(.shredBeforeErasure, in: store.keyring.racePoints)
        let shred = Background { [store] in try store!.testShred("inflight") }
        XCTAssertTrue(gate.waitUntilHeld())
        store.scheduler!.runOnce()  // e.g. woken by another customer's shred
        let records = try Kit.withRawDatabase(dir.state.dataPath) { db in try db.queryOne("SELECT COUNT(*) FROM pending_purge") { $0.int(0) } }
        XCTAssertEqual(records, 1, "the purge job dropped the record of a shred between its intent and its erasure point")
        gate.open()
        XCTAssertNotNil(try shred.wait()?.get())
    }

    // MARK: The key cache

    func testALookupThatRacedAShredCannotPutTheErasedKeysBackInTheCache() throws {
        // More messages than the shred purges inline: the rows outlive the erasure point.
        let big = (1...(TranscriptStore.inlinePurgeLimit + 1)).map { TS.message("secret \($0)") }
        try store.testPut("big", "s", big)
        try reopen()
        let gate = RaceGate(.keyringLoaded, in: store.keyring.racePoints)
        let lookup = Background { [store] in try store!.keyring.lookup(TS.customer("big")) }
        XCTAssertTrue(gate.waitUntilHeld(), "the lookup never loaded the customer")
        let receipt = try store.testShred("big")
        XCTAssertEqual(receipt.body["messages"]?.intValue, big.count)
        gate.open()
        _ = lookup.wait()
        XCTAssertNil(try store.keyring.lookup(TS.customer("big")), "the erased customer's keys are back in the cache")
        assertStoreError({ _ = try self.store.testGet("big", "s") }, "a read after the receipt", matches: Kit.isNotFound)
        assertStoreError({ _ = try self.store.testExportAll("big") }, "an export after the receipt", matches: Kit.isNotFound)
    }

    func testAHoldChangeIsSeenByTheNextShredEvenWhenALookupRacedIt() throws {
        try store.testPut("flip", "s", [TS.message("x")])
        try reopen()
        let gate = RaceGate(.keyringLoaded, in: store.keyring.racePoints)
        let lookup = Background { [store] in try store!.keyring.lookup(TS.customer("flip")) }
        XCTAssertTrue(gate.waitUntilHeld())
        _ = try store.setHold(customer: TS.customer("flip"), held: true, context: TS.context("customer.hold"))
        gate.open()
        _ = lookup.wait()
        // No hold state is cached (CustomerKeys has none): the shred reads it afresh.
        XCTAssertNotNil(try store.keyring.lookup(TS.customer("flip")), "the customer is cached again")
        assertStoreError({ _ = try self.store.testShred("flip") }, matches: { $0 == .legalHold })
    }

    // MARK: The erasure point for reads in flight

    func testAGetThatOpenedItsTranscriptBeforeTheErasurePointDoesNotReturnItAfter() throws {
        try store.testPut("reader", "s", [TS.message("private")])
        let gate = RaceGate(.readOpened, in: store.keyring.racePoints)
        let get = Background { [store] in try store!.testGet("reader", "s") }
        XCTAssertTrue(gate.waitUntilHeld())
        _ = try store.testShred("reader")
        gate.open()
        let result = get.wait()
        XCTAssertTrue(storeError(result).map(Kit.isNotFound) ?? false, "plaintext returned after the erasure point: \(String(describing: result))")
    }

    func testARedactedGetThatWasDeidentifyingWhenTheShredCommittedDoesNotReturnIt() throws {
        try store.testPut("redacted", "s", [TS.message("mail ana@example.com")])
        let gate = RaceGate(.readOpened, in: store.keyring.racePoints)
        let get = Background { [store] in
            try store!.get(customer: TS.customer("redacted"), session: TS.session("s"), redactedView: true,
                           context: TS.context("session.get", purpose: "support"))
        }
        XCTAssertTrue(gate.waitUntilHeld())
        _ = try store.testShred("redacted")
        gate.open()
        let result = get.wait()
        XCTAssertTrue(storeError(result).map(Kit.isNotFound) ?? false, "a de-identified view returned after the erasure point: \(String(describing: result))")
    }

    func testAnExportHoldsNoSnapshotWhileItHandsASessionOut() throws {
        for s in ["s1", "s2"] { try store.testPut("slow", s, (1...3).map { TS.message("\(s) m\($0)") }) }
        try store.testPut("other", "gone", (1...3).map { TS.message("delete me \($0)") })
        let gate = RaceGate(.readOpened, in: store.keyring.racePoints)
        let export = Background { [store] in try store!.testExportAll("slow").count }
        XCTAssertTrue(gate.waitUntilHeld())
        // The export is between two sessions, as when a slow client reads its reply: a delete
        // now must still get its WAL emptied.
        try store.delete(customer: TS.customer("other"), session: TS.session("gone"), context: TS.context("session.delete"))
        let deadline = Date().addingTimeInterval(10)
        while Kit.fileBytes(dir.state.dataPath + "-wal").map({ !$0.isEmpty }) ?? false, Date() < deadline { usleep(20_000) }
        XCTAssertEqual(Kit.fileBytes(dir.state.dataPath + "-wal")?.count ?? 0, 0, "an export between sessions kept the WAL from being emptied")
        gate.open()
        XCTAssertEqual(try export.wait()?.get(), 2)
    }

    func testAnExportUnderWayStopsWithNotFoundAtTheErasurePoint() throws {
        for s in ["s1", "s2", "s3"] { try store.testPut("exported", s, [TS.message("\(s) private")]) }
        let gate = RaceGate(.readOpened, in: store.keyring.racePoints)
        let handedOut = Mutex(0)
        let export = Background { [store] in
            try store!.export(customer: TS.customer("exported"), redacted: false, context: TS.context("customer.export")) { _ in
                handedOut.withLock { $0 += 1 }
            }
        }
        XCTAssertTrue(gate.waitUntilHeld())
        _ = try store.testShred("exported")
        gate.open()
        let result = export.wait()
        XCTAssertTrue(storeError(result).map(Kit.isNotFound) ?? false, "the export went on past the erasure point: \(String(describing: result))")
        XCTAssertEqual(handedOut.withLock { $0 }, 0, "a session opened before the erasure point was handed out after it")
    }

    // MARK: Writes against shred

    func testAnAppendWhoseKeysWereResolvedBeforeAShredIsRefusedNotLost() throws {
        try store.testPut("writer", "s", [TS.message("first")])
        let gate = RaceGate(.writeKeysResolved, in: store.keyring.racePoints)
        let append = Background { [store] in try store!.testAppend("writer", "s", [TS.message("late")]) }
        XCTAssertTrue(gate.waitUntilHeld())
        _ = try store.testShred("writer")
        gate.open()
        let result = append.wait()
        switch result {
        case .success?:
            // Acknowledged: then it must be readable, as a new customer's first message.
            XCTAssertEqual(try store.testGet("writer", "s").texts, ["late"], "an acknowledged append was lost")
        case .failure(let e as StoreError)?:
            XCTAssertTrue(Kit.isNotFound(e), "\(e)")
            assertStoreError({ _ = try self.store.testGet("writer", "s") }, matches: Kit.isNotFound)
        default: XCTFail("append: \(String(describing: result))")
        }
    }

    // MARK: Retention against hold

    func testRetentionDeletesNothingOfACustomerHeldAfterItChoseTheSessions() throws {
        store.close()
        let clock = ManualClock()
        store = try dir.open(clock: clock)
        _ = try store.put(customer: TS.customer("ret"), session: TS.session("s"), messages: [TS.message("evidence")], metadata: nil,
                          retentionDays: 1, redact: false, context: TS.context("session.put"))
        clock.advance(days: 2)
        let gate = RaceGate(.retentionChosen, in: store.keyring.racePoints)
        let retention = Background { [store] in store!.scheduler!.runOnce() }
        XCTAssertTrue(gate.waitUntilHeld(), "retention never chose the expired session")
        let hold = Background { [store] in
            try store!.setHold(customer: TS.customer("ret"), held: true, context: TS.context("customer.hold")).held
        }
        // A hold that commits while retention is between its choice and its delete must win.
        let holdCommittedFirst = hold.finished(within: 1)
        gate.open()
        XCTAssertNotNil(retention.wait(), "retention did not finish")
        XCTAssertEqual(try hold.wait()?.get(), true)
        let kept = (try? store.testGet("ret", "s").texts) == ["evidence"]
        if holdCommittedFirst {
            XCTAssertTrue(kept, "retention deleted a session of a customer held before the delete committed")
        } else {
            XCTAssertFalse(kept, "the hold waited for the delete, so the delete went first")
        }
    }

    // MARK: The receipt

    func testTheReceiptCountsAndThePurgeRemovesChunksCutOffTheChainByAnEdit() throws {
        try store.testPut("relinked", "a", (1...10).map { TS.message("a\($0)") })
        try store.testPut("relinked", "b", (1...10).map { TS.message("b\($0)") })
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            // Point each session's newest chunk at its first: the chain now says one message.
            try db.run("UPDATE session SET last_chunk = (SELECT MIN(c.id) FROM chunk c WHERE c.session_id = session.id)")
        }
        let receipt = try store.testShred("relinked")
        XCTAssertEqual(receipt.body["messages"]?.intValue, 20, "an edited link made the receipt understate the erasure")
        store.scheduler!.runOnce()
        let left = try Kit.withRawDatabase(dir.state.dataPath) { db in try db.queryOne("SELECT COUNT(*) FROM chunk") { $0.int(0) } }
        XCTAssertEqual(left, 0, "chunks cut off the chain outlived the purge")
    }

    func testTheReceiptCountsAuthenticatedMessagesNotTheCountColumn() throws {
        try store.testPut("counted", "a", (1...3).map { TS.message("a\($0)") })
        try store.testPut("counted", "b", (1...2).map { TS.message("b\($0)") })
        try Kit.withRawDatabase(dir.state.dataPath) { db in try db.run("UPDATE session SET message_count = 1000") }
        let receipt = try store.testShred("counted")
        XCTAssertEqual(receipt.body["sessions"]?.intValue, 2)
        XCTAssertEqual(receipt.body["messages"]?.intValue, 5, "the receipt trusted an editable column")
    }
}

/// Found by an attack on issue 18: an admin peer owning the backup folder's parent swapped
/// the new folder for a symlink to the state folder while the daemon copied into it; the
/// copy failed on the existing files and its clean-up deleted the live keys.db and data.db.
final class BackupFolderRaceTests: XCTestCase {
    func testASymlinkSwappedInForTheNewBackupFolderNeverReachesTheStateFolder() throws {
        let dir = try CoreTestState()
        defer { dir.remove() }
        let store = try dir.open()
        defer { store.close() }
        try store.testPut("kept", "s", [TS.message("must survive")])
        let parent = dir.root.path + "/evil"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
        let target = parent + "/bk"
        let gate = RaceGate(.backupFolderCreated, in: store.keyring.racePoints)
        let backup = Background { [store] in
            try store.backup(to: target, .init(keys: true, data: true), context: TS.context("system.backup"))
        }
        XCTAssertTrue(gate.waitUntilHeld())
        try FileManager.default.moveItem(atPath: target, toPath: parent + "/moved")
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: dir.state.path)
        gate.open()
        _ = backup.wait()
        for name in ["keys.db", "data.db"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.state.path + "/" + name), "the backup's clean-up deleted the live \(name)")
        }
        XCTAssertEqual(try store.testGet("kept", "s").texts, ["must survive"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.state.path + "/manifest.json"), "the backup wrote into the state folder")
    }
}
