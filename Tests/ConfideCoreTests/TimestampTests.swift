@_spi(Testing) import ConfideCore
import XCTest

/// RFC 3339 parsing at the protocol's edge: every precision clients send, offsets, and
/// malformed input refused (never a trap: a bad `ts` must be a -32602, not a crash).
final class TimestampTests: XCTestCase {
    func testFractionsOfAnyPrecisionParseToMilliseconds() {
        let base = Timestamp(rfc3339: "2026-11-24T10:00:00Z")!.milliseconds
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-24T10:00:00.5Z")?.milliseconds, base + 500)
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-24T10:00:00.12Z")?.milliseconds, base + 120)
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-24T10:00:00.123Z")?.milliseconds, base + 123)
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-24T10:00:00.123456Z")?.milliseconds, base + 123)
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-24T10:00:00.123456789+00:00")?.milliseconds, base + 123)
    }

    func testOffsetsAreConvertedToUTC() {
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-24T12:30:00+02:30")?.rfc3339, "2026-11-24T10:00:00.000Z")
        XCTAssertEqual(Timestamp(rfc3339: "2026-11-24T07:00:00-03:00")?.rfc3339, "2026-11-24T10:00:00.000Z")
    }

    func testMalformedTimestampsAreRefused() {
        for bad in ["", "2026-11-24", "2026-11-24T10:00:00", "2026-13-24T10:00:00Z", "2026-11-24T24:00:00Z",
                    "2026-11-24T10:00:00.Z", "2026-11-24T10:00:00+2:00", "2026-11-24T10:00:00Zjunk", "2026-11-24T10:00:00.1234567890123456789012345Zx"] {
            XCTAssertNil(Timestamp(rfc3339: bad), bad)
        }
    }

    func testFormattingRoundTripsWithMilliseconds() {
        let t = Timestamp(milliseconds: 1_795_000_000_123)
        XCTAssertEqual(Timestamp(rfc3339: t.rfc3339), t)
        XCTAssertTrue(t.rfc3339.hasSuffix(".123Z"))
    }

    func testFormattingOfKnownInstantsAndRandomOnesRoundTrips() {
        XCTAssertEqual(Timestamp(milliseconds: 0).rfc3339, "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(Timestamp(milliseconds: -1).rfc3339, "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(Timestamp(milliseconds: 951_782_400_007).rfc3339, "2000-02-29T00:00:00.007Z")
        XCTAssertEqual(Timestamp(milliseconds: 253_402_300_799_999).rfc3339, "9999-12-31T23:59:59.999Z")
        XCTAssertEqual(Timestamp(milliseconds: 253_402_300_800_000).rfc3339, "10000-01-01T00:00:00.000Z", "past year 9999: more digits")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let t = Timestamp(milliseconds: Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator))
            let text = t.rfc3339
            XCTAssertEqual(text.utf8.count, 24, text)
            XCTAssertEqual(Timestamp(rfc3339: text), t, text)
        }
    }
}

/// Issue 16, item 5: values read from disk are checked, never a trap.
final class StoredValueRangeTests: XCTestCase {
    func testEveryInt64FormatsWithoutTrapping() {
        for ms in [Int64.min, Int64.min + 1, -1_001, -1_000, -1, 0, 999, Int64.max] {
            XCTAssertEqual(Timestamp(milliseconds: ms).rfc3339.isEmpty, false, "\(ms)")
        }
        XCTAssertEqual(Timestamp(milliseconds: -1).rfc3339, "1969-12-31T23:59:59.999Z")
    }

    func testASessionRowWithAnImpossibleTimeIsAnIntegrityFailureNotACrash() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        defer { store.close() }
        _ = try store.put(customer: CoreTestSupport.customer("edited"), session: CoreTestSupport.session("s"),
                          messages: [CoreTestSupport.message("x")], metadata: nil, retentionDays: nil, redact: false,
                          context: CoreTestSupport.context("session.put"))
        try StoreTestKit.withRawDatabase(t.state.dataPath) { db in try db.run("UPDATE session SET created_at = ?", .integer(Int64.min)) }
        for call in ["list", "get"] {
            do {
                if call == "list" {
                    _ = try store.list(customer: CoreTestSupport.customer("edited"), limit: 10, after: nil, context: CoreTestSupport.context("session.list"))
                } else {
                    _ = try store.get(customer: CoreTestSupport.customer("edited"), session: CoreTestSupport.session("s"), redactedView: false,
                                      context: CoreTestSupport.context("session.get", purpose: "support"))
                }
                XCTFail("\(call) accepted a created_at of Int64.min")
            } catch let e as StoreError {
                XCTAssertTrue(StoreTestKit.isIntegrity(e), "\(call): \(e)")
            }
        }
    }
}
