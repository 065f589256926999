@_spi(Testing) @testable import ConfideCore
import Foundation
import XCTest

/// A hold or release whose audit entry cannot be written changes nothing. The attack on
/// issue 19 filled the disk under data.db: `customer.hold` answered `-32005 … nothing was
/// changed` with no entry, yet the hold was in force in keys.db (a later shred was refused).
/// Here the writer is stopped, so every audit write fails the same way, deterministically.
final class HoldAuditFailureTests: XCTestCase {
    func testAHoldOrReleaseThatCannotBeAuditedIsUndone() throws {
        let state = try CoreTestState()
        defer { state.remove() }
        let store = try state.open()
        let customer = CoreTestSupport.customer("holder")
        _ = try store.append(customer: customer, session: CoreTestSupport.session("s"), messages: [CoreTestSupport.message("x")],
                             redact: false, context: CoreTestSupport.context("session.append"))
        let keys = try XCTUnwrap(store.keyring.lookup(customer))
        store.close()  // the writer stops: no audit entry can be written from here on

        XCTAssertThrowsError(try store.setHold(customer: customer, held: true, context: CoreTestSupport.context("customer.hold"))) { e in
            XCTAssertEqual((e as? StoreError)?.code, -32005, "\(e)")
        }
        XCTAssertNil(try store.keyring.holdState(handle: keys.handle).heldSince, "the unaudited hold must not stay in force")

        // And the other way: a hold in force stays when its release cannot be audited.
        let reopened = try state.open()
        defer { reopened.close() }
        _ = try reopened.setHold(customer: customer, held: true, context: CoreTestSupport.context("customer.hold"))
        let since = try XCTUnwrap(reopened.keyring.holdState(handle: keys.handle).heldSince)
        reopened.close()
        XCTAssertThrowsError(try reopened.setHold(customer: customer, held: false, context: CoreTestSupport.context("customer.release")))
        XCTAssertEqual(try reopened.keyring.holdState(handle: keys.handle).heldSince, since, "the unaudited release must not take effect")
        XCTAssertNil(try reopened.keyring.database.withLock { try $0.db.customer(blindIndex: keys.blindIndex)?.releasePending },
                     "nor leave its release pending")
    }
}

/// A key rotation that commits in keys.db but cannot be audited in data.db says so, instead
/// of the writer's "nothing was changed" (a KEK version cannot be taken back once the re-wrap
/// may have used it). Found alongside the hold case by the attack on issue 19.
final class RotationAuditFailureTests: XCTestCase {
    func testAnUnauditedRotationSaysItHappened() throws {
        let state = try CoreTestState()
        defer { state.remove() }
        let store = try state.open()
        let customer = CoreTestSupport.customer("rotated")
        _ = try store.append(customer: customer, session: CoreTestSupport.session("s"), messages: [CoreTestSupport.message("x")],
                             redact: false, context: CoreTestSupport.context("session.append"))
        store.close()  // no audit entry can be written from here on
        XCTAssertThrowsError(try store.rotateKEK(context: CoreTestSupport.context("keys.rotate"))) { e in
            let text = "\(e)"
            XCTAssertEqual((e as? StoreError)?.code, -32005, text)
            XCTAssertTrue(text.contains("rotated to version 2") && !text.contains("nothing was changed"), text)
        }
        XCTAssertThrowsError(try store.rotateDEK(customer: customer, context: CoreTestSupport.context("keys.rotate"))) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("new DEK generation 2 was created") && !text.contains("nothing was changed"), text)
        }
    }
}
