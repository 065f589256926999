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
