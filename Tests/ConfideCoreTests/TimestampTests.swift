import ConfideCore
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
