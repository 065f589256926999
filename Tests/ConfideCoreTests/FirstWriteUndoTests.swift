@_spi(Testing) @testable import ConfideCore
import Foundation
import Synchronization
import XCTest

/// A first write of a new customer creates the customer's keys in keys.db before its
/// data.db write; a failed request must change nothing, so when that write fails the keys
/// go again — unless another write of the same customer committed meanwhile. Here the
/// writer is stopped, so the data.db write fails deterministically (found by
/// `AuditCompletenessTests`' -32005 pass: the failed append's customer stayed).
final class FirstWriteUndoTests: XCTestCase {
    private static func append(_ store: TranscriptStore, _ customer: String, _ session: String) throws {
        _ = try store.append(customer: CoreTestSupport.customer(customer), session: CoreTestSupport.session(session),
                             messages: [CoreTestSupport.message("hello")], redact: false, context: CoreTestSupport.context("session.append"))
    }

    func testAFailedFirstWriteLeavesNoCustomer() throws {
        let state = try CoreTestState()
        defer { state.remove() }
        let store = try state.open()
        store.close()  // the writer stops: every data.db write fails from here on
        XCTAssertThrowsError(try Self.append(store, "newcomer", "s1")) { XCTAssertEqual(($0 as? StoreError)?.code, -32005, "\($0)") }
        XCTAssertNil(try store.keyring.lookup(CoreTestSupport.customer("newcomer")), "the failed first write left its customer's keys")

        let reopened = try state.open()
        defer { reopened.close() }
        XCTAssertNil(try reopened.keyring.lookup(CoreTestSupport.customer("newcomer")), "keys.db still holds the customer")
        XCTAssertEqual(try reopened.keyring.status().customers, 0)
    }

    /// The creating write is held right after it created the keys; a second write of the
    /// same customer commits; then the first fails. The customer stays, with the second
    /// write's session.
    func testAFailedFirstWriteKeepsACustomerAnotherWriteCommittedTo() throws {
        let state = try CoreTestState()
        defer { state.remove() }
        let store = try state.open()
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let first = Atomic<Bool>(true)
        store.keyring.racePoints.set(.writeKeysResolved) {
            guard first.exchange(false, ordering: .relaxed) else { return }
            holding.signal()
            release.wait()
        }
        let failed = Mutex<Int?>(nil)
        let creator = Thread {
            do { try FirstWriteUndoTests.append(store, "shared", "by-creator") } catch { failed.withLock { $0 = ($0 ?? 0) + ((error as? StoreError)?.code ?? 1) } }
        }
        creator.start()
        holding.wait()
        try Self.append(store, "shared", "by-second")  // commits while the creator is held
        store.close()  // now the creator's write can only fail
        release.signal()
        while failed.withLock({ $0 }) == nil { usleep(1_000) }
        XCTAssertEqual(failed.withLock { $0 }, -32005)
        store.keyring.racePoints.clear()

        let reopened = try state.open()
        defer { reopened.close() }
        let transcript = try reopened.get(customer: CoreTestSupport.customer("shared"), session: CoreTestSupport.session("by-second"),
                                          redactedView: false, context: CoreTestSupport.context("session.get", purpose: "support"))
        XCTAssertEqual(transcript.count, 1, "the committed write's session must stay readable")
    }
}
