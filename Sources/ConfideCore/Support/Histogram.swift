import ConfideJSON

/// A fixed-bucket histogram in the shape Prometheus exposes (`_bucket{le}`, `_sum`,
/// `_count`): counts per upper bound, the sum of the observed values, constant memory.
/// Latencies are observed in seconds, the Prometheus base unit.
public struct Histogram: Sendable, Equatable {
    /// Upper bounds, ascending; a last bucket (`+Inf`) takes everything above them.
    public let bounds: [Double]
    /// Observations per bucket (not cumulative); one more than `bounds`.
    public private(set) var counts: [Int]
    public private(set) var sum = 0.0

    public init(bounds: [Double]) {
        self.bounds = bounds
        counts = [Int](repeating: 0, count: bounds.count + 1)
    }

    /// Request and commit latencies, 100 µs to 10 s: a cached read takes well under a
    /// millisecond, a group commit with its fsync a few, a stalled disk seconds.
    public static let latencySeconds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                  0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// Writes per group commit: powers of two up to the largest `max_group_size` (10,000).
    public static let groupSizes: [Double] = (0...13).map { Double(1 << $0) }

    public var count: Int { counts.reduce(0, +) }

    public mutating func observe(_ value: Double) {
        var i = 0
        while i < bounds.count && value > bounds[i] { i += 1 }
        counts[i] += 1
        sum += value
    }

    public mutating func add(_ other: Histogram) {
        precondition(other.bounds == bounds, "histograms with different buckets")
        for i in counts.indices { counts[i] += other.counts[i] }
        sum += other.sum
    }

    /// `{"le": [bounds], "cumulative": [count ≤ each bound, then the total], "sum", "count"}`
    /// for `system.stats`; `cumulative` has one more element than `le` (the `+Inf` bucket).
    public var json: JSONValue {
        var running = 0
        let cumulative = counts.map { running += $0; return JSONValue.int(running) }
        return ["le": .array(bounds.map { .double($0) }), "cumulative": .array(cumulative), "sum": .double(sum), "count": .int(running)]
    }
}
