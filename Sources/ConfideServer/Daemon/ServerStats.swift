import ConfideJSON
import Foundation
import Synchronization

/// Counters and latency percentiles per method, plus connection and byte counts, for
/// `system.stats`. Latencies go into fixed log-scale buckets (about ±6% resolution), so
/// recording is O(1) and memory is constant however long the daemon runs.
final class ServerStats: Sendable {
    private struct MethodStats {
        var calls = 0
        var errors = 0
        var buckets = [Int](repeating: 0, count: LatencyBuckets.count)
    }
    private struct State {
        var methods: [String: MethodStats] = [:]
        var connectionsOpen = 0
        var connectionsTotal = 0
        var connectionsRefused = 0
        var bytesIn = 0
        var bytesOut = 0
    }
    private let state = Mutex(State())

    func record(method: String, seconds: Double, failed: Bool) {
        let b = LatencyBuckets.index(seconds)
        state.withLock { s in
            s.methods[method, default: MethodStats()].calls += 1
            if failed { s.methods[method]!.errors += 1 }
            s.methods[method]!.buckets[b] += 1
        }
    }

    func connectionOpened() { state.withLock { $0.connectionsOpen += 1; $0.connectionsTotal += 1 } }
    func connectionClosed() { state.withLock { $0.connectionsOpen -= 1 } }
    func connectionRefused() { state.withLock { $0.connectionsRefused += 1 } }
    func bytes(in i: Int, out o: Int) { state.withLock { $0.bytesIn += i; $0.bytesOut += o } }
    var openConnections: Int { state.withLock { $0.connectionsOpen } }

    /// The `system.stats` body for the server part.
    func json() -> JSONObject {
        state.withLock { s in
            var methods = JSONObject()
            for (name, m) in s.methods.sorted(by: { $0.key < $1.key }) {
                methods[name] = .object([
                    "calls": .int(m.calls), "errors": .int(m.errors),
                    "p50_ms": .double(LatencyBuckets.percentile(m.buckets, 0.50) * 1000),
                    "p90_ms": .double(LatencyBuckets.percentile(m.buckets, 0.90) * 1000),
                    "p99_ms": .double(LatencyBuckets.percentile(m.buckets, 0.99) * 1000),
                    "max_ms": .double(LatencyBuckets.percentile(m.buckets, 1.0) * 1000),
                ])
            }
            return [
                "methods": .object(methods),
                "connections": .object(["open": .int(s.connectionsOpen), "total": .int(s.connectionsTotal), "refused": .int(s.connectionsRefused)]),
                "bytes": .object(["in": .int(s.bytesIn), "out": .int(s.bytesOut)]),
            ]
        }
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
    static func percentile(_ buckets: [Int], _ p: Double) -> Double {
        let total = buckets.reduce(0, +)
        guard total > 0 else { return 0 }
        let rank = max(1, Int((Double(total) * p).rounded(.up)))
        var seen = 0
        for (i, n) in buckets.enumerated() {
            seen += n
            if seen >= rank { return (upperBound(i) * 1000).rounded() / 1000 }
        }
        return upperBound(count - 1)
    }
}
