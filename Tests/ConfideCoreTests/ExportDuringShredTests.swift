@_spi(Testing) import ConfideCore
import Foundation
import XCTest

/// A subject-access export that a shred overtakes must fail, never come back complete-
/// looking and short. The attack on issue 19 found a slow export of 300 sessions return 64
/// of them, audited `ok`: the shred's inline purge removed the rest, and the export skipped
/// each missing session as if it had been deleted on its own.
final class ExportDuringShredTests: XCTestCase {
    func testAnExportOvertakenByAShredFailsInsteadOfEndingShort() throws {
        let state = try CoreTestState()
        defer { state.remove() }
        let store = try state.open()
        defer { store.close() }
        let customer = CoreTestSupport.customer("subject")
        for i in 0..<5 {
            _ = try store.append(customer: customer, session: CoreTestSupport.session("s\(i)"), messages: [CoreTestSupport.message("m\(i)")],
                                 redact: false, context: CoreTestSupport.context("session.append"))
        }
        var delivered = 0
        var shredError: StoreError?
        let exported = Result { () throws(StoreError) -> Int in
            try store.export(customer: customer, redacted: false, context: CoreTestSupport.context("customer.export")) { _ in
                delivered += 1
                guard delivered == 1 else { return }
                // The client is slow: while it reads the first session, the customer is shredded
                // (five messages: purged inline, inside the shred). Here, on the export's thread:
                // the export holds no snapshot or lock while it hands a session out.
                do { _ = try store.shred(customer: customer, reason: "T-1", context: CoreTestSupport.context("customer.shred")) }
                catch { shredError = error as? StoreError ?? .internal("\(error)") }
            }
        }
        XCTAssertNil(shredError)
        switch exported {
        case .success(let count):
            XCTFail("the export ended normally with \(count) of 5 sessions after the customer was erased")
        case .failure(let e):
            XCTAssertEqual(e.code, -32004, "\(e)")
        }
        XCTAssertEqual(delivered, 1)
    }
}
