import Glibc

/// Latencies in fixed log-scale buckets from 1 µs to about 100 s, eight per doubling
/// (about ±4.5% resolution), plus the exact largest value: the one percentile type, used
/// by `system.stats` and by `confide bench`. Recording is O(1) and memory is constant
/// however many values it sees; two histograms add up.
public struct LatencyHistogram: Sendable, Equatable {
    static let perDoubling = 8.0
    static let bucketCount = 8 * 27

    public private(set) var count = 0
    /// The largest value recorded, exactly (not rounded to a bucket).
    public private(set) var maximum = 0.0
    public private(set) var sum = 0.0
    private var buckets = [Int](repeating: 0, count: LatencyHistogram.bucketCount)

    public init() {}

    static func bucket(_ seconds: Double) -> Int {
        let micros = max(1.0, seconds * 1e6)
        return min(bucketCount - 1, Int(log2(micros) * perDoubling))
    }

    /// Upper bound of bucket `i`, in seconds.
    static func upperBound(_ i: Int) -> Double { pow(2.0, Double(i + 1) / perDoubling) / 1e6 }

    public mutating func record(_ seconds: Double) {
        count += 1
        sum += seconds
        maximum = max(maximum, seconds)
        buckets[Self.bucket(seconds)] += 1
    }

    public mutating func add(_ other: LatencyHistogram) {
        count += other.count
        sum += other.sum
        maximum = max(maximum, other.maximum)
        for i in buckets.indices { buckets[i] += other.buckets[i] }
    }

    /// The `p` quantile (0…1) in seconds, to the microsecond: the upper bound of the bucket
    /// holding that rank, never above the exact maximum. 0 when nothing was recorded.
    /// (Whole milliseconds would report every fast call as 0 or 1.)
    public func percentile(_ p: Double) -> Double {
        guard count > 0 else { return 0 }
        if p >= 1 { return maximum }
        let rank = max(1, Int((Double(count) * p).rounded(.up)))
        var seen = 0
        for (i, n) in buckets.enumerated() {
            seen += n
            if seen >= rank { return min(maximum, (Self.upperBound(i) * 1e6).rounded() / 1e6) }
        }
        return maximum
    }

    /// `percentile(p)` in milliseconds with three decimals, as `system.stats` shows it.
    public func milliseconds(_ p: Double) -> Double { (percentile(p) * 1e6).rounded() / 1000 }
}
