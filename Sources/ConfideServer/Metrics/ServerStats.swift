import ConfideCore
import ConfideJSON
import Foundation
import Synchronization

/// Counters and latency percentiles per method, plus connection and byte counts, for
/// `system.stats`. Latencies go into fixed log-scale buckets (about ±6% resolution), for
/// the percentiles, and into a Prometheus-style histogram in seconds; errors are counted
/// per code. Recording is O(1) and memory is constant however long the daemon runs.
///
/// Every request records here from its connection's thread, so the per-request counters
/// are split into shards picked by thread: one shared lock was among the most contended
/// in the daemon with 16 busy connections. `json()` adds the shards up.
final class ServerStats: Sendable {
    private struct MethodStats {
        var calls = 0
        var errors = 0
        /// Failed calls per JSON-RPC error code (a handful of codes exist).
        var errorCodes: [Int: Int] = [:]
        var buckets = [Int](repeating: 0, count: LatencyBuckets.count)
        var histogram = Histogram(bounds: Histogram.latencySeconds)

        mutating func record(bucket: Int, seconds: Double, errorCode: Int?) {
            calls += 1
            if let errorCode {
                errors += 1
                errorCodes[errorCode, default: 0] += 1
            }
            buckets[bucket] += 1
            histogram.observe(seconds)
        }

        mutating func add(_ other: MethodStats) {
            calls += other.calls
            errors += other.errors
            for (code, n) in other.errorCodes { errorCodes[code, default: 0] += n }
            for i in buckets.indices { buckets[i] += other.buckets[i] }
            histogram.add(other.histogram)
        }
    }
    private struct RequestCounters {
        var methods: [String: MethodStats] = [:]
        var bytesIn = 0
        var bytesOut = 0
    }
    private final class Shard: Sendable {
        let counters = Mutex(RequestCounters())
    }
    private struct ConnectionCounters {
        var open = 0
        var total = 0
        var refused = 0
    }
    private static let shardBits = 4
    private let shards: [Shard] = (0..<(1 << ServerStats.shardBits)).map { _ in Shard() }
    private let connections = Mutex(ConnectionCounters())

    /// The calling thread's shard (a multiplicative hash of its pthread id).
    private var shard: Shard {
        shards[Int(truncatingIfNeeded: (UInt64(pthread_self()) &* 0x9E37_79B9_7F4A_7C15) >> (64 - ServerStats.shardBits))]
    }

    /// One answered call; `errorCode` nil when it succeeded.
    func record(method: String, seconds: Double, errorCode: Int?) {
        let b = LatencyBuckets.index(seconds)
        shard.counters.withLock { s in
            s.methods[method, default: MethodStats()].record(bucket: b, seconds: seconds, errorCode: errorCode)
        }
    }

    func connectionOpened() { connections.withLock { $0.open += 1; $0.total += 1 } }
    func connectionClosed() { connections.withLock { $0.open -= 1 } }
    func connectionRefused() { connections.withLock { $0.refused += 1 } }
    func bytes(in i: Int, out o: Int) { shard.counters.withLock { $0.bytesIn += i; $0.bytesOut += o } }
    var openConnections: Int { connections.withLock { $0.open } }

    /// The `system.stats` body for the server part.
    func json() -> JSONObject {
        var total = RequestCounters()
        for shard in shards {
            shard.counters.withLock { s in
                for (name, m) in s.methods { total.methods[name, default: MethodStats()].add(m) }
                total.bytesIn += s.bytesIn
                total.bytesOut += s.bytesOut
            }
        }
        let c = connections.withLock { $0 }
        var methods = JSONObject()
        for (name, m) in total.methods.sorted(by: { $0.key < $1.key }) {
            methods[name] = .object([
                "calls": .int(m.calls), "errors": .int(m.errors),
                "p50_ms": .double(LatencyBuckets.milliseconds(m.buckets, 0.50)),
                "p90_ms": .double(LatencyBuckets.milliseconds(m.buckets, 0.90)),
                "p99_ms": .double(LatencyBuckets.milliseconds(m.buckets, 0.99)),
                "max_ms": .double(LatencyBuckets.milliseconds(m.buckets, 1.0)),
                "errors_by_code": .object(JSONObject(m.errorCodes.sorted { $0.key > $1.key }.map { (String($0.key), .int($0.value)) })),
                "latency_seconds": m.histogram.json,
            ])
        }
        return [
            "methods": .object(methods),
            "connections": .object(["open": .int(c.open), "total": .int(c.total), "refused": .int(c.refused)]),
            "bytes": .object(["in": .int(total.bytesIn), "out": .int(total.bytesOut)]),
        ]
    }
}

/// Log-scale latency buckets from 1 µs to ~100 s, eight per doubling.
enum LatencyBuckets {
    static let perDoubling = 8.0
    static let count = 8 * 27
    static func index(_ seconds: Double) -> Int {
        let micros = max(1.0, seconds * 1e6)
        return min(count - 1, Int(log2(micros) * perDoubling))
    }
    /// Upper bound of bucket `i`, in seconds.
    static func upperBound(_ i: Int) -> Double { pow(2.0, Double(i + 1) / perDoubling) / 1e6 }
    /// `percentile` in milliseconds with three decimals (microseconds), as `system.stats` shows it.
    static func milliseconds(_ buckets: [Int], _ p: Double) -> Double { (percentile(buckets, p) * 1e6).rounded() / 1000 }
    static func percentile(_ buckets: [Int], _ p: Double) -> Double {
        let total = buckets.reduce(0, +)
        guard total > 0 else { return 0 }
        let rank = max(1, Int((Double(total) * p).rounded(.up)))
        var seen = 0
        for (i, n) in buckets.enumerated() {
            seen += n
            // To the microsecond: whole milliseconds would report every fast call as 0 or 1.
            if seen >= rank { return (upperBound(i) * 1e6).rounded() / 1e6 }
        }
        return upperBound(count - 1)
    }
}
