@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// A release of a legal hold on one daemon and a shred on another daemon over the same
/// PostgreSQL keyring (issue 21, finding F3 of session 16's attack review). A daemon's legal
/// gate keeps its own shreds out of a release that is committed but not yet audited; only
/// the keyring can keep another daemon's out.
final class PostgresReleaseInFlightTests: PostgresStoreTestCase {
    /// Daemon A (a store, keyring and data in `uri`'s schema) with alice's session written, and
    /// B, another daemon's keyring over the same schema, with its records connection.
    private func daemons(_ uri: String, statementTimeoutMilliseconds: Int? = nil) throws
        -> (a: TranscriptStore, b: Keyring, bRecords: PostgresConnection) {
        var settings = PostgresEngine.Settings()
        if let statementTimeoutMilliseconds { settings.statementTimeoutMilliseconds = statementTimeoutMilliseconds }
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri, settings: settings), masterKey: masterKey,
                                    options: options())
        let bRecords = try PostgresConnection(uri: uri)
        let b = try Keyring(records: bRecords, name: "keyring", source: masterKey)
        try append(a, "alice", "s1", "evidence")
        return (a, b, bRecords)
    }

    /// Alice is held (audited). A release on A commits in the keyring; before its audit entry
    /// is written, B shreds alice. Then A's audit entry cannot be written (the audit table
    /// locked past the statement timeout), so A answers -32005 and the release is undone:
    /// alice is held, as every audited call says she has been throughout, and must still have
    /// her keys. (Before: the release cleared `held_since` in its first commit, B saw "not
    /// held" and erased her, and A's undo found no customer.)
    func testAShredOnAnotherDaemonWhileAReleaseAwaitsItsAuditFindsTheCustomerHeld() throws {
        let (uri, schema) = try schemaURI("release")
        let (a, b, bRecords) = try daemons(uri, statementTimeoutMilliseconds: 1_000)
        defer { a.keyring.racePoints.clear(); a.close() }
        XCTAssertEqual(try a.setHold(customer: CustomerID("alice"), held: true, context: context("customer.hold")).held, true)
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        nonisolated(unsafe) let blocker = try owner()
        let shredOnB = Mutex<String?>(nil)
        a.keyring.racePoints.set(.holdBeforeAudit) {
            // B's erasure point, between A's release commit and A's audit entry.
            let outcome: String
            do {
                outcome = try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }) == nil
                    ? "no customer" : "erased"
            } catch let error as StoreError where error == .legalHold {
                outcome = "refused: legal hold"
            } catch { outcome = "\(error)" }
            shredOnB.withLock { $0 = outcome }
            try? blocker.execute("BEGIN")
            try? blocker.execute("LOCK TABLE \(schema).audit_entry IN ACCESS EXCLUSIVE MODE")
        }
        XCTAssertThrowsError(try a.setHold(customer: CustomerID("alice"), held: false, context: context("customer.release")), "A's release cannot be audited") {
            XCTAssertEqual(($0 as? StoreError)?.code, -32005, "\($0)")
        }
        a.keyring.racePoints.clear()
        blocker.rollbackIfOpen()
        let outcome = shredOnB.withLock { $0 }
        XCTAssertEqual(outcome, "refused: legal hold", "B's shred, while A's release awaited its audit entry, must be refused by the hold")
        XCTAssertNotNil(try b.lookup(CustomerID("alice")), "alice, held by the last audited call, still has her keys")
        XCTAssertNotNil(try b.holdState(handle: keys.handle).heldSince, "and she is held")
        XCTAssertEqual(try bRecords.heldCustomers().map(\.releasePending), [false], "the failed release was undone: no release pending")
    }

    /// A release on A whose audit entry committed, then whose second step (lifting the hold)
    /// cannot commit (the customer table locked past the statement timeout; a lost connection
    /// or a crash does the same). Between the steps B's shred is refused; after the failure A
    /// answers -32005 saying the customer stays held, the hold listing marks the release
    /// pending, B's shred is still refused, and the next release completes it: B's shred then
    /// erases her.
    func testAReleaseWhoseSecondStepFailsLeavesTheCustomerHeldAndTheNextReleaseCompletesIt() throws {
        let (uri, schema) = try schemaURI("release")
        let (a, b, bRecords) = try daemons(uri, statementTimeoutMilliseconds: 1_000)
        defer { a.keyring.racePoints.clear(); a.close() }
        let held = try a.setHold(customer: CustomerID("alice"), held: true, context: context("customer.hold"))
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        @Sendable func shredOnB() -> String {
            do {
                return try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }) == nil ? "no customer" : "erased"
            } catch let error as StoreError where error == .legalHold {
                return "refused: legal hold"
            } catch { return "\(error)" }
        }
        nonisolated(unsafe) let blocker = try owner()
        let between = Mutex<String?>(nil)
        a.keyring.racePoints.set(.releaseBeforeCompletion) {
            between.withLock { $0 = shredOnB() }
            try? blocker.execute("BEGIN")
            try? blocker.execute("LOCK TABLE \(schema).customer IN ACCESS EXCLUSIVE MODE")
        }
        XCTAssertThrowsError(try a.setHold(customer: CustomerID("alice"), held: false, context: context("customer.release")),
                             "the release's second step cannot commit") {
            XCTAssertEqual(($0 as? StoreError)?.code, -32005, "\($0)")
            XCTAssertTrue("\($0)".contains("the customer stays held"), "\($0)")
        }
        a.keyring.racePoints.clear()
        blocker.rollbackIfOpen()
        XCTAssertEqual(between.withLock { $0 }, "refused: legal hold", "B's shred between the release's audit entry and its second step")
        XCTAssertEqual(try b.holdState(handle: keys.handle).heldSince, held.since, "still held, since the hold")
        XCTAssertEqual(try bRecords.heldCustomers().map(\.releasePending), [true], "listed as held, its release pending")
        XCTAssertEqual(shredOnB(), "refused: legal hold", "B's shred after the failure")

        let released = try a.setHold(customer: CustomerID("alice"), held: false, context: context("customer.release"))
        XCTAssertEqual(released.held, false, "the next release completes it")
        XCTAssertNil(try b.holdState(handle: keys.handle).heldSince)
        XCTAssertEqual(try bRecords.heldCustomers().count, 0)
        XCTAssertEqual(shredOnB(), "erased", "released: B's shred erases her")
    }

    /// Found by session 17's attack review. alice is held. A's release commits its first step
    /// (mark m) and its audit entry; before its second step another daemon B's hold commits,
    /// cancelling the mark, so A's second step finds no mark of its own and answers "held".
    /// Then B's audit entry cannot be written and B undoes its hold: before the fix the undo
    /// put back the mark of A's release, which had answered and would never complete it, and
    /// alice stayed held with a release pending that no call owned. Now A's second step counts
    /// itself in `hold_changes`, so B's undo is refused: alice is held by B's hold (which took
    /// effect), with no release pending.
    func testAHoldUndoneAfterItOvertookAReleaseLeavesNoReleasePendingThatNoCallOwns() throws {
        let (uri, _) = try schemaURI("f3r")
        let (a, b, bRecords) = try daemons(uri)
        defer { a.keyring.racePoints.clear(); a.close() }
        XCTAssertEqual(try a.setHold(customer: CustomerID("alice"), held: true, context: context("customer.hold")).held, true)
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        let holdOnB = Locked<HoldChange?>(nil)
        a.keyring.racePoints.set(.releaseBeforeCompletion) {
            holdOnB.withLock { $0 = try? b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: true) }
        }
        let release = try a.setHold(customer: CustomerID("alice"), held: false, context: context("customer.release"))
        a.keyring.racePoints.clear()
        XCTAssertEqual(release.held, true, "the hold overtook the release, which answers the hold in force")
        let hold = try XCTUnwrap(holdOnB.withLock { $0 })
        XCTAssertTrue(hold.changed, "B's hold cancelled A's pending release")
        // B's audit entry fails: B undoes its hold, as TranscriptStore.setHold does.
        let undone = try b.undoHold(blindIndex: keys.blindIndex, handle: keys.handle, holdChanges: hold.holdChanges,
                                    previous: hold.previous, previousRelease: hold.previousRelease)
        XCTAssertFalse(undone, "a release answered after B's hold: the undo would take its answer back")
        XCTAssertEqual(try bRecords.heldCustomers().map(\.releasePending), [false], "held by B's hold, no release pending that no call owns")
    }
}

/// A hold and a release of one customer on two daemons over one PostgreSQL keyring, in the
/// order their audit entries and answers give them (issue 21, session 17's attack review,
/// its test `testF3_AHoldAnsweredHeldIsLiftedByAnotherDaemonsReleaseThatOvertookItsAuditEntry`).
final class PostgresHoldOrderTests: PostgresStoreTestCase {
    /// Waits up to `seconds` for `condition`; whether it held.
    private static func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = ProcessInfo.processInfo.systemUptime + seconds
        while !condition() {
            if ProcessInfo.processInfo.systemUptime >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }

    /// Daemon A (a store, keyring and data in one schema) holds alice, who is not held: its
    /// hold commits in the keyring and stops before its audit entry. Meanwhile daemon B (its
    /// `Keyring` on the same schema, taking the steps B's `customer.release` takes: the hold
    /// change in flight, first step, audit entry, second step) releases alice on another
    /// thread. B's release must wait until A's hold has been audited and answered, then lift
    /// it: A answers "held", B "released", alice ends not held, and A's hold is audited before
    /// B's release. (Before: B's release ran whole inside A's window; A then audited and
    /// answered "held" for a customer who was not held, and A's own shred erased her.)
    func testAReleaseOnAnotherDaemonWaitsUntilAHoldInFlightIsAuditedAndAnswered() throws {
        let (uri, schema) = try schemaURI("holdorder")
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options())
        defer { a.keyring.racePoints.clear(); a.close() }
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        try append(a, "alice", "s1", "evidence")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        let answers = Locked<[String]>([])
        let releaseOnB = Locked<String?>(nil)
        let releaseWaited = Locked<Bool?>(nil)
        a.keyring.racePoints.set(.holdBeforeAudit) {
            Thread.detachNewThread {
                let outcome: String
                do {
                    try b.beginHoldChange(handle: keys.handle)
                    guard let first = try b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: false) else { throw StoreError.notFound("customer") }
                    // (B's audit entry of the release commits here, on B's own data store.)
                    if let mark = first.pendingRelease {
                        let done = try b.completeRelease(blindIndex: keys.blindIndex, handle: keys.handle, mark: mark)
                        outcome = "released: held=\(done?.held ?? true)"
                    } else {
                        outcome = "released: was not held"
                    }
                    _ = b.endHoldChange(handle: keys.handle)
                } catch { outcome = "\(error)" }
                answers.withLock { $0.append("B: \(outcome)") }
                releaseOnB.withLock { $0 = outcome }
            }
            // A sits between its keyring commit and its audit entry: B's release must not finish.
            releaseWaited.withLock { $0 = !Self.eventually(1.5) { releaseOnB.withLock { $0 } != nil } }
        }
        let hold = try a.setHold(customer: CustomerID("alice"), held: true, context: context("customer.hold"))
        answers.withLock { $0.append("A: held=\(hold.held)") }
        a.keyring.racePoints.clear()
        XCTAssertTrue(Self.eventually(30) { releaseOnB.withLock { $0 } != nil }, "B's release finishes once A's hold has answered")
        XCTAssertEqual(releaseWaited.withLock { $0 }, true, "B's release waited while A's hold was in flight (committed, not yet audited)")
        XCTAssertEqual(hold.held, true, "A's client is told the hold is in force")
        XCTAssertEqual(releaseOnB.withLock { $0 }, "released: held=false", "B's release lifts A's hold")
        XCTAssertEqual(answers.withLock { $0 }, ["A: held=true", "B: released: held=false"], "A answered before B's release finished")
        XCTAssertNil(try b.holdState(handle: keys.handle).heldSince, "B's release came last: alice is not held")
        // A's audit entry of the hold, written before B's release began.
        let o = try owner()
        let methods = try o.query("SELECT method FROM \(schema).audit_entry ORDER BY seq") { try $0.text(0) ?? "" }
        XCTAssertEqual(methods.last, "customer.hold", "A audited its hold")
    }

    /// Ends the session holding a "hold or release in flight" lock of `schema`'s keyring (the
    /// keyring's connection notices at its next statement and reconnects), waiting until its
    /// server process is gone. Returns how many sessions held one (the test's schema is the
    /// only one in flight).
    private static func cutTheSessionOfAHoldInFlight(ownerURI: String) throws -> Int {
        let o = try PostgresConnection(uri: ownerURI)
        let pids = try o.query("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 "
                               + "AND classid::int8 = \(PostgresConnection.holdChangeLockNamespace)") { try $0.int64(0) }
        for pid in pids {
            _ = try o.query("SELECT pg_terminate_backend($1::int)", [.int8(pid)]) { try $0.bool(0) }
            _ = Self.eventually(10) {
                (try? o.queryOne("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1", [.int8(pid)], row: { try $0.int64(0) })) == 0
            }
        }
        return pids.count
    }

    /// A's hold committed in the keyring; before its audit entry, A's keyring session is lost
    /// (and the lock keeping other daemons' holds and releases out with it), and B's release
    /// runs whole in the gap. A's audit entry commits, but A must not answer "held": it
    /// answers -32005, telling the client to check the hold (which is lifted, by B's release).
    func testAHoldWhoseKeyringSessionIsLostInFlightWhileAnotherDaemonReleasesDoesNotAnswerHeld() throws {
        let (uri, _) = try schemaURI("holdlost")
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options())
        defer { a.keyring.racePoints.clear(); a.close() }
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        try append(a, "alice", "s1", "evidence")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        let cut = Locked<Int?>(nil)
        let releaseOnB = Locked<String?>(nil)
        let ownerURI = self.ownerURI!
        a.keyring.racePoints.set(.holdBeforeAudit) {
            cut.withLock { $0 = try? Self.cutTheSessionOfAHoldInFlight(ownerURI: ownerURI) }
            let outcome: String
            do {
                try b.beginHoldChange(handle: keys.handle)
                defer { _ = b.endHoldChange(handle: keys.handle) }
                guard let first = try b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: false),
                      let mark = first.pendingRelease else { throw StoreError.notFound("a hold to release") }
                outcome = "released: held=\(try b.completeRelease(blindIndex: keys.blindIndex, handle: keys.handle, mark: mark)?.held ?? true)"
            } catch { outcome = "\(error)" }
            releaseOnB.withLock { $0 = outcome }
        }
        XCTAssertThrowsError(try a.setHold(customer: CustomerID("alice"), held: true, context: context("customer.hold")),
                             "A's hold must not answer 'held' after B's release ran inside it") {
            XCTAssertEqual(($0 as? StoreError)?.code, -32005, "\($0)")
            XCTAssertTrue("\($0)".contains("check the customer's state"), "\($0)")
        }
        a.keyring.racePoints.clear()
        XCTAssertEqual(cut.withLock { $0 }, 1, "A's keyring session held the in-flight lock")
        XCTAssertEqual(releaseOnB.withLock { $0 }, "released: held=false", "with A's session gone, B's release ran in the gap")
        XCTAssertNil(try b.holdState(handle: keys.handle).heldSince, "B's release came last")
    }

    /// The same loss with nothing in the gap: A's hold answers "held" as usual, and it is held.
    func testAHoldWhoseKeyringSessionIsLostInFlightAnswersHeldWhenNothingCameBetween() throws {
        let (uri, _) = try schemaURI("holdlost")
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options())
        defer { a.keyring.racePoints.clear(); a.close() }
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        try append(a, "alice", "s1", "evidence")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        let cut = Locked<Int?>(nil)
        let ownerURI = self.ownerURI!
        a.keyring.racePoints.set(.holdBeforeAudit) { cut.withLock { $0 = try? Self.cutTheSessionOfAHoldInFlight(ownerURI: ownerURI) } }
        let hold = try a.setHold(customer: CustomerID("alice"), held: true, context: context("customer.hold"))
        a.keyring.racePoints.clear()
        XCTAssertEqual(cut.withLock { $0 }, 1, "A's keyring session held the in-flight lock")
        XCTAssertEqual(hold.held, true)
        XCTAssertEqual(try b.holdState(handle: keys.handle).heldSince, hold.since)
        // And the in-flight lock is free: B's release does not wait.
        try b.beginHoldChange(handle: keys.handle)
        XCTAssertTrue(b.endHoldChange(handle: keys.handle))
    }

    /// A release on A (store) keeps the lock through its second step: B's hold, tried while
    /// A's release sits between its audit entry and its second step, waits and then commits
    /// after it (alice held again, no release pending).
    func testAHoldOnAnotherDaemonWaitsForAReleaseThroughItsSecondStep() throws {
        let (uri, _) = try schemaURI("holdorder")
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options())
        defer { a.keyring.racePoints.clear(); a.close() }
        let bRecords = try PostgresConnection(uri: uri)
        let b = try Keyring(records: bRecords, name: "keyring", source: masterKey)
        try append(a, "alice", "s1", "evidence")
        XCTAssertEqual(try a.setHold(customer: CustomerID("alice"), held: true, context: context("customer.hold")).held, true)
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        let holdOnB = Locked<String?>(nil)
        let holdWaited = Locked<Bool?>(nil)
        a.keyring.racePoints.set(.releaseBeforeCompletion) {
            Thread.detachNewThread {
                let outcome: String
                do {
                    try b.beginHoldChange(handle: keys.handle)
                    defer { _ = b.endHoldChange(handle: keys.handle) }
                    let hold = try b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: true)
                    outcome = "held=\(hold?.held ?? false) changed=\(hold?.changed ?? false)"
                } catch { outcome = "\(error)" }
                holdOnB.withLock { $0 = outcome }
            }
            holdWaited.withLock { $0 = !Self.eventually(1.5) { holdOnB.withLock { $0 } != nil } }
        }
        let release = try a.setHold(customer: CustomerID("alice"), held: false, context: context("customer.release"))
        a.keyring.racePoints.clear()
        XCTAssertTrue(Self.eventually(30) { holdOnB.withLock { $0 } != nil })
        XCTAssertEqual(holdWaited.withLock { $0 }, true, "B's hold waited for A's release to complete")
        XCTAssertEqual(release.held, false, "A's release completed: nothing came between")
        XCTAssertEqual(holdOnB.withLock { $0 }, "held=true changed=true", "B's hold, after it, holds alice again")
        XCTAssertEqual(try bRecords.heldCustomers().map(\.releasePending), [false], "held, no release pending")
    }

    /// The in-flight lock is one customer's (by the first four bytes of its handle), one
    /// session's, and apart from the customer's change lock, which a writer group takes shared
    /// on its own session for the hold's own audit entry: that must not wait for it.
    func testTheInFlightLockIsPerCustomerAndSessionAndApartFromTheChangeLock() throws {
        let (uri, _) = try schemaURI("holdlock")
        try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options()).close()
        let (a, b) = (try PostgresConnection(uri: uri), try PostgresConnection(uri: uri))
        let alice: [UInt8] = [1, 2, 3, 4, 5, 6], bob: [UInt8] = [9, 2, 3, 4, 5, 6]
        XCTAssertTrue(try a.tryLockHoldChange(handle: alice))
        XCTAssertFalse(try b.tryLockHoldChange(handle: alice), "another session waits")
        XCTAssertTrue(try b.tryLockHoldChange(handle: bob), "another customer does not")
        let shared = "SELECT \(PostgresConnection.customerLockSQL("pg_try_advisory_xact_lock_shared", handleColumn: "$1::bytea"))"
        XCTAssertEqual(try b.transaction { try b.queryOne(shared, [.bytea(alice)]) { try $0.bool(0) } }, true,
                       "the change lock, shared, is not the in-flight lock")
        XCTAssertTrue(try a.unlockHoldChange(handle: alice))
        XCTAssertFalse(try a.unlockHoldChange(handle: alice), "let go once: not held any more")
        XCTAssertTrue(try b.tryLockHoldChange(handle: alice), "free again")
        XCTAssertTrue(try b.unlockHoldChange(handle: alice))
        XCTAssertTrue(try b.unlockHoldChange(handle: bob))
    }
}
