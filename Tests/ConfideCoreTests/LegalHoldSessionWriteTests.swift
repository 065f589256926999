@_spi(Testing) @testable import ConfideCore
import Foundation
import XCTest

/// A legal hold keeps what a customer's sessions hold: `session.delete` of a held customer's
/// session, and a `session.put` that would replace one, answer -32007 and change nothing,
/// like `customer.shred` and retention; appends and new sessions still go through. A hold
/// that commits while such a call is queued wins. Before, both deleted a held customer's
/// evidence (noticed in session 16, fixed in session 17).
final class LegalHoldSessionWriteTests: XCTestCase {
    private typealias TS = CoreTestSupport
    private let customer = CoreTestSupport.customer("litigant")

    private func put(_ store: TranscriptStore, _ session: String, _ text: String) throws {
        _ = try store.put(customer: customer, session: TS.session(session), messages: [TS.message(text)], metadata: nil, retentionDays: nil,
                          redact: false, context: RAKit.context("session.put"))
    }

    private func hold(_ store: TranscriptStore, _ held: Bool) throws {
        _ = try store.setHold(customer: customer, held: held, context: RAKit.context(held ? "customer.hold" : "customer.release", role: "legal"))
    }

    private func assertRefusedForTheHold(_ body: @autoclosure () throws -> Void, _ message: String, line: UInt = #line) {
        XCTAssertThrowsError(try body(), message, line: line) { XCTAssertEqual(($0 as? StoreError)?.code, StoreError.legalHold.code, "\($0)", line: line) }
    }

    /// The outcomes of the audit entries of `method`, oldest first.
    private func outcomes(_ t: CoreTestState, _ method: String) throws -> [String] {
        try RAKit.entries(t.state.dataPath).filter { $0.method == method }.map(\.outcome)
    }

    func testAHeldCustomersSessionIsNeitherDeletedNorReplacedButGrows() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        defer { store.close() }
        try put(store, "evidence", "the contract was signed")
        try hold(store, true)

        assertRefusedForTheHold(try store.delete(customer: customer, session: TS.session("evidence"), context: RAKit.context("session.delete")),
                                "a held customer's session is not deleted")
        assertRefusedForTheHold(try put(store, "evidence", "nothing was signed"), "nor replaced")
        XCTAssertEqual(try RAKit.texts(store, customer, TS.session("evidence")), ["the contract was signed"])
        XCTAssertEqual(try outcomes(t, "session.delete"), [String(StoreError.legalHold.code)], "the refusal is audited")

        _ = try store.append(customer: customer, session: TS.session("evidence"), messages: [TS.message("and countersigned")], redact: false,
                             context: RAKit.context("session.append"))
        try put(store, "later", "a new session only adds")
        XCTAssertEqual(try RAKit.texts(store, customer, TS.session("evidence")), ["the contract was signed", "and countersigned"])
        XCTAssertEqual(try RAKit.texts(store, customer, TS.session("later")), ["a new session only adds"])

        try hold(store, false)
        try put(store, "evidence", "replaced once released")
        XCTAssertEqual(try RAKit.texts(store, customer, TS.session("evidence")), ["replaced once released"])
        try store.delete(customer: customer, session: TS.session("evidence"), context: RAKit.context("session.delete"))
        XCTAssertThrowsError(try RAKit.texts(store, customer, TS.session("evidence"))) { XCTAssertTrue(RAKit.isNotFound($0 as? StoreError)) }
    }

    /// The call has resolved the customer's keys and found it not held; a hold commits (and
    /// answers) before the call is queued for the writer. The hold wins: the call is refused.
    func testAHoldThatCommitsWhileADeleteOrAReplacementIsQueuedWins() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        defer { store.keyring.racePoints.clear(); store.close() }
        try put(store, "evidence", "the contract was signed")
        nonisolated(unsafe) let held = store
        let customer = self.customer
        store.keyring.racePoints.set(.writeKeysResolved) {
            held.keyring.racePoints.clear()
            _ = try? held.setHold(customer: customer, held: true, context: RAKit.context("customer.hold", role: "legal"))
        }
        assertRefusedForTheHold(try store.delete(customer: customer, session: TS.session("evidence"), context: RAKit.context("session.delete")),
                                "the hold answered before the delete was queued")
        XCTAssertEqual(try RAKit.texts(store, customer, TS.session("evidence")), ["the contract was signed"])

        try hold(store, false)
        store.keyring.racePoints.set(.writeKeysResolved) {
            held.keyring.racePoints.clear()
            _ = try? held.setHold(customer: customer, held: true, context: RAKit.context("customer.hold", role: "legal"))
        }
        assertRefusedForTheHold(try put(store, "evidence", "nothing was signed"), "the hold answered before the replacement was queued")
        XCTAssertEqual(try RAKit.texts(store, customer, TS.session("evidence")), ["the contract was signed"])
    }

    /// A `put` queued for a new session of a held customer, and that session created by
    /// another `put` before the first is written: the first would now replace it. It is run
    /// again, with holds frozen, and refused (-32007); the session keeps what the second wrote,
    /// and the refused put has one audit entry, not one per attempt.
    func testAPutQueuedForANewSessionThatAnotherPutCreatesFirstIsRunAgainAndRefused() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        defer { store.keyring.racePoints.clear(); store.close() }
        try put(store, "evidence", "the contract was signed")
        try hold(store, true)
        nonisolated(unsafe) let other = store
        let customer = self.customer
        store.keyring.racePoints.set(.writeKeysResolved) {
            other.keyring.racePoints.clear()
            _ = try? other.put(customer: customer, session: TS.session("late"), messages: [TS.message("first written")], metadata: nil,
                               retentionDays: nil, redact: false, context: RAKit.context("session.put"))
        }
        assertRefusedForTheHold(try put(store, "late", "would replace it"), "the put that would now replace a held customer's session")
        XCTAssertEqual(try RAKit.texts(store, customer, TS.session("late")), ["first written"])
        XCTAssertEqual(try outcomes(t, "session.put"), ["ok", "ok", String(StoreError.legalHold.code)],
                       "the first session, the other put, and the refused one: audited once")
    }

    /// Puts of new sessions need no hold's leave and still share group commits (session 17's
    /// second attack review: with holds frozen for every put, each was a commit of its own).
    func testPutsOfNewSessionsStillShareGroupCommits() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        defer { store.close() }
        let writer = try XCTUnwrap(store.writer as? GroupCommitWriter)
        nonisolated(unsafe) let s = store
        let before = writer.stats.commits
        RAKit.onThreads(8) { i in
            for n in 0..<25 {
                _ = try? s.put(customer: TS.customer("p\(i)"), session: TS.session("s\(n)"), messages: [TS.message("m")], metadata: nil,
                               retentionDays: nil, redact: false, context: RAKit.context("session.put"))
            }
        }
        XCTAssertLessThan(writer.stats.commits - before, 200, "200 puts from 8 threads, none sharing a group commit")
    }
}
