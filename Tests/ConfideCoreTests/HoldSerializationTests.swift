// Found by the second attack on issue 19: a hold whose audit entry failed was undone after
// another call had already confirmed it (a second hold answered `held: true`, audited ok),
// so an audited hold vanished and a later shred succeeded. Holds, releases and a shred's
// erasure point are now serialized from the keys.db commit through the audit entry (and
// the undo): while one hold sits between its commit and its entry, no other legal call of
// the customer can complete.
@_spi(Testing) @testable import ConfideCore
import Foundation
import XCTest

private typealias TS = CoreTestSupport

final class HoldSerializationTests: XCTestCase {
    func testNoLegalCallCompletesWhileAHoldAwaitsItsAuditEntry() throws {
        let dir = try CoreTestState()
        defer { dir.remove() }
        let store = try dir.open()
        defer { store.keyring.racePoints.clear(); store.close() }
        let customer = TS.customer("held")
        _ = try store.append(customer: customer, session: TS.session("s"), messages: [TS.message("x")], redact: false,
                             context: TS.context("session.append"))
        let gate = RaceGate(.holdBeforeAudit, in: store.keyring.racePoints)
        // Hold A: committed in keys.db, held before its audit entry.
        let holdA = Background { try store.setHold(customer: customer, held: true, context: TS.context("customer.hold")) }
        XCTAssertTrue(gate.waitUntilHeld())
        // A second hold and a shred of the same customer, meanwhile.
        let holdB = Background { try store.setHold(customer: customer, held: true, context: TS.context("customer.hold")) }
        let shred = Background { try store.shred(customer: customer, reason: "T-1", context: TS.context("customer.shred")) }
        XCTAssertFalse(holdB.finished(within: 1), "a second hold confirmed a hold that was not audited yet")
        XCTAssertFalse(shred.finished(within: 1), "a shred reached its erasure point past a hold that was not audited yet")
        gate.open()
        guard case .success(let a)? = holdA.wait() else { return XCTFail("hold A failed") }
        XCTAssertTrue(a.held)
        guard case .success(let b)? = holdB.wait() else { return XCTFail("hold B failed") }
        XCTAssertTrue(b.held)
        // The hold, audited, wins over the shred that waited for it.
        guard case .failure(let e)? = shred.wait() else { return XCTFail("the shred of a held customer succeeded") }
        XCTAssertEqual((e as? StoreError)?.code, -32007, "\(e)")
    }
}
