@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import XCTest

/// Rows left under a handle an erasure destroyed, with no purge record: on PostgreSQL with
/// the keyring elsewhere, another daemon's write that committed after the erasure's purge
/// while its outcome was unknown, or whose purge record was lost with the daemon
/// (docs/scaling.md, the keyring guard). The erasure record names the handle, so the start
/// records their purge instead of blaming a restored keyring and leaving them for good.
/// Made here on one embedded store by erasing the keys directly (the erasure point alone:
/// no purge record, no purge), as such a leftover would be.
final class ErasedLeftoversTests: XCTestCase {
    func testRowsLeftUnderAnErasedHandleWithNoPurgeRecordArePurgedAfterTheNextStart() throws {
        let dir = try CoreTestState()
        defer { dir.remove() }
        var store = try dir.open()
        try store.testPut("alice", "s", [CoreTestSupport.message("left behind")])
        try store.testPut("bob", "s", [CoreTestSupport.message("kept")])
        let keys = try XCTUnwrap(store.keyring.lookup(CoreTestSupport.customer("alice")))
        XCTAssertNotNil(try store.keyring.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle) { ref, _, _, _ in ["customer_ref": .string(encodeHex(ref))] })
        XCTAssertEqual(try store.findUnexplainedOrphans(), 0, "the erasure record explains the leftover")
        store.close()

        store = try dir.open()
        defer { store.close() }
        XCTAssertFalse(store.startupWarnings.contains { $0.contains("restored from a backup") }, "\(store.startupWarnings)")
        XCTAssertTrue(store.startupWarnings.contains { $0.contains("1 erased customers still had rows") }, "\(store.startupWarnings)")
        let recorded = try store.auditTail(limit: 20, context: nil).filter { $0.method == "store.erased-leftovers.purge-recorded" }
        XCTAssertEqual(recorded.map(\.customerRef), [keys.auditRef], "audited under the erased customer's pseudonym")
        store.scheduler!.runOnce()
        let left = try StoreTestKit.withRawDatabase(dir.state.dataPath) { db in
            try db.queryOne("SELECT COUNT(*) FROM session WHERE customer_handle = ?", [.blob(keys.handle)]) { $0.int(0) }
        }
        XCTAssertEqual(left, 0, "the purge run removed the rows the erasure left")
        XCTAssertEqual(try store.testGet("bob", "s").texts, ["kept"])
    }
}
