@_spi(Testing) @testable import ConfideCore
import XCTest

/// The bounded cache of unwrapped customer keys: shards by blind index, never holds more
/// than its capacity, keeps what is used, and forgets what it is told to.
final class CustomerCacheTests: XCTestCase {
    private func keys(_ n: Int, version: Int64 = 1) -> CustomerKeys {
        // A blind index is a keyed hash: spread the first byte the way real ones spread.
        let index = [UInt8(truncatingIfNeeded: n &* 167), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)]
        return CustomerKeys(blindIndex: index, handle: index, auditRef: index, deks: [:],
                            newestGeneration: 1, newestCreatedAt: Timestamp(milliseconds: 0), version: version)
    }

    func testAnOlderVersionOfACustomerNeverReplacesANewerOne() {
        let cache = SharedCustomerCache(capacity: 64)
        let newer = keys(7, version: 3)
        cache.put(newer)
        cache.put(keys(7, version: 2))
        XCTAssertTrue(cache.get(newer.blindIndex) === newer, "a stale copy replaced the current one")
        let newest = keys(7, version: 4)
        cache.put(newest)
        XCTAssertTrue(cache.get(newer.blindIndex) === newest)
    }

    func testHoldsAtMostItsCapacityAndKeepsTheRecentlyUsed() {
        let cache = SharedCustomerCache(capacity: 64)
        let hot = keys(100_000)
        cache.put(hot)
        for n in 0..<5_000 {
            cache.put(keys(n))
            XCTAssertTrue(cache.get(hot.blindIndex) === hot, "a customer in use every time stays cached (after \(n) others)")
            XCTAssertLessThanOrEqual(cache.count, 64)
        }
        XCTAssertGreaterThan(cache.count, 16, "every shard keeps some")
        XCTAssertNotNil(cache.get(keys(4_999).blindIndex), "the newest stays")
        XCTAssertNil(cache.get(keys(0).blindIndex), "the oldest unused went")
    }

    func testRemoveForgetsOnlyThatCustomer() {
        let cache = SharedCustomerCache(capacity: 2_000)
        for n in 0..<100 { cache.put(keys(n)) }
        cache.remove(keys(7).blindIndex)
        XCTAssertNil(cache.get(keys(7).blindIndex))
        XCTAssertEqual(cache.count, 99)
        for n in 0..<100 where n != 7 { XCTAssertEqual(cache.get(keys(n).blindIndex)?.handle, keys(n).handle) }
    }

    func testTinyCapacitiesStillBoundTheCache() {
        for capacity in [1, 3, 16, 17] {
            let cache = SharedCustomerCache(capacity: capacity)
            for n in 0..<500 { cache.put(keys(n)) }
            XCTAssertLessThanOrEqual(cache.count, capacity, "capacity \(capacity)")
            XCTAssertGreaterThan(cache.count, 0)
        }
    }
}
