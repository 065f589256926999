import ConfideSystem
import XCTest

final class LatencyHistogramTests: XCTestCase {
    func testSubMillisecondCallsKeepTheirMicroseconds() {
        var h = LatencyHistogram()
        for _ in 0..<100 { h.record(0.000_300) }
        // A 300 µs call must not read as 0 ms (the old whole-millisecond rounding did).
        XCTAssertEqual(h.milliseconds(0.5), 0.3, accuracy: 0.3 * 0.1)
        XCTAssertEqual(h.maximum, 0.000_300)
        XCTAssertEqual(h.count, 100)
    }

    func testPercentilesFollowRankWithinBucketResolution() {
        var h = LatencyHistogram()
        for i in 1...1000 { h.record(Double(i) / 1000) }   // 1 ms … 1 s, uniform
        for p in [0.5, 0.9, 0.99] {
            XCTAssertEqual(h.percentile(p), p, accuracy: p * 0.1, "p\(p)")
        }
        XCTAssertEqual(h.percentile(1.0), 1.0)
        XCTAssertLessThanOrEqual(h.percentile(0.999), h.maximum)
    }

    func testAddingHistogramsEqualsRecordingIntoOne() {
        var a = LatencyHistogram(), b = LatencyHistogram(), both = LatencyHistogram()
        for i in 0..<500 {
            let v = Double(i % 37 + 1) * 0.000_7
            if i % 3 == 0 { a.record(v) } else { b.record(v) }
            both.record(v)
        }
        a.add(b)
        XCTAssertEqual(a.count, both.count)
        XCTAssertEqual(a.percentile(0.5), both.percentile(0.5))
        XCTAssertEqual(a.percentile(0.99), both.percentile(0.99))
        XCTAssertEqual(a.maximum, both.maximum)
    }

    func testEmptyAndOutOfRangeValues() {
        var h = LatencyHistogram()
        XCTAssertEqual(h.percentile(0.5), 0)
        h.record(0)          // below 1 µs: first bucket
        h.record(10_000)     // beyond the last bucket: last bucket, exact maximum kept
        XCTAssertEqual(h.percentile(1.0), 10_000)
        XCTAssertLessThanOrEqual(h.percentile(0.5), 0.000_002)
    }
}
