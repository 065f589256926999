import ConfideCore
import ConfideJSON
import ConfideSystem
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
        var latency = LatencyHistogram()
        var histogram = Histogram(bounds: Histogram.latencySeconds)

        mutating func record(seconds: Double, errorCode: Int?) {
            calls += 1
            if let errorCode {
                errors += 1
                errorCodes[errorCode, default: 0] += 1
            }
            latency.record(seconds)
            histogram.observe(seconds)
        }

        mutating func add(_ other: MethodStats) {
            calls += other.calls
            errors += other.errors
            for (code, n) in other.errorCodes { errorCodes[code, default: 0] += n }
            latency.add(other.latency)
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
        shard.counters.withLock { s in
            s.methods[method, default: MethodStats()].record(seconds: seconds, errorCode: errorCode)
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
                "p50_ms": .double(m.latency.milliseconds(0.50)),
                "p90_ms": .double(m.latency.milliseconds(0.90)),
                "p99_ms": .double(m.latency.milliseconds(0.99)),
                "max_ms": .double(m.latency.milliseconds(1.0)),
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
