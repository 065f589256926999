@_spi(Testing) @testable import ConfideCore
import Foundation
import XCTest

/// The erasure point settles its count while it holds the keyring (session 20: the receipt
/// counts what other daemons wrote up to the erasure point), and an undone creation looks at
/// the data store while it holds the keyring too. A caller holding a pooled reader may wait
/// for the keyring (`audit.verify` reads the chain registry inside its snapshot): if every
/// pooled reader is lent to such callers, a keyring holder that waits for the pool waits for
/// ever, and so does every call that needs the keyring. Keyring holders read on a connection
/// of their own (`SnapshotReader.readHoldingTheKeyring`).
final class ErasureLockOrderTests: XCTestCase {
    func testAShredsErasurePointDoesNotWaitForAReaderWhoseBorrowerWaitsForTheKeyring() throws {
        let dir = try CoreTestState()
        defer { dir.remove() }
        var options = CoreTestSupport.options()
        options.readerCount = 1
        let store = try dir.open(options: options)
        defer { store.keyring.racePoints.clear(); store.close() }
        try store.testPut("alice", "s", [CoreTestSupport.message("hello")])

        let gate = RaceGate(.erasurePointLocked, in: store.keyring.racePoints)
        let shred = Background { [store] in try store.testShred("alice") }
        XCTAssertTrue(gate.waitUntilHeld(), "the shred never reached its erasure point")
        // The only pooled reader, lent to a caller that then needs the keyring (as
        // `audit.verify` does), while the shred holds the keyring.
        let borrowed = DispatchSemaphore(value: 0)
        let borrower = Background { [store] in
            try store.readers.read { _ in
                borrowed.signal()
                return try store.keyring.status().customers
            }
        }
        XCTAssertEqual(borrowed.wait(timeout: .now() + 20), .success, "the reader was never lent")
        gate.open()
        guard let result = shred.wait(seconds: 20) else {
            return XCTFail("the shred waited for a reader whose borrower waits for the keyring the shred holds: deadlock")
        }
        let receipt = try result.get()
        XCTAssertEqual(receipt.body["sessions"]?.intValue, 1)
        XCTAssertEqual(receipt.body["messages"]?.intValue, 1)
        XCTAssertNotNil(borrower.wait(seconds: 20), "and the borrower got the keyring once the shred let go")
    }
}
