import ConfideClient
import ConfideJSON
import ConfideServer
import ConfideSystem
import Foundation
import Synchronization

/// Latencies of one method (in the one percentile type, `LatencyHistogram`), its errors
/// and request bytes: collected per client thread and merged at the end.
struct LatencySample {
    private(set) var latency = LatencyHistogram()
    var errors = 0
    var bytesOut = 0

    /// Calls recorded.
    var count: Int { latency.count }
    /// The slowest call, exactly.
    var maximum: Double { latency.maximum }

    mutating func record(_ seconds: Double) { latency.record(seconds) }

    mutating func merge(_ other: LatencySample) {
        latency.add(other.latency)
        errors += other.errors
        bytesOut += other.bytesOut
    }

    /// The `p` quantile (0…1) in seconds.
    func percentile(_ p: Double) -> Double { latency.percentile(p) }
}

/// Drives the daemon from N client threads, each on its own connection, for a fixed time
/// (or until `stop` says so), printing a progress line each second. `operation` picks and
/// performs one call and returns its method name and request size.
enum LoadDriver {
    typealias Operation = @Sendable (_ client: ConfideClient, _ clientIndex: Int, _ iteration: Int) throws -> (method: String, bytes: Int, ok: Bool)

    static func run(socket: String, clients: Int, seconds: Double, quiet: Bool, stop: (@Sendable () -> Bool)? = nil,
                    _ operation: @escaping Operation) throws -> [String: LatencySample] {
        let results = Mutex<[String: LatencySample]>([:])
        let done = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        let deadline = MonotonicClock.seconds() + seconds
        let group = DispatchGroup()
        for c in 0..<clients {
            group.enter()
            let t = Thread {
                defer { group.leave() }
                var local: [String: LatencySample] = [:]
                do {
                    let client = ConfideClient(socketPath: socket, callTimeout: nil)
                    try client.connect()
                    var i = 0
                    while MonotonicClock.seconds() < deadline && stop?() != true {
                        let start = MonotonicClock.seconds()
                        let r = try operation(client, c, i)
                        let elapsed = MonotonicClock.seconds() - start
                        local[r.method, default: LatencySample()].record(elapsed)
                        local[r.method]!.bytesOut += r.bytes
                        if !r.ok { local[r.method]!.errors += 1 }
                        i += 1
                        done.add(1, ordering: .relaxed)
                    }
                } catch is PreloadDone {
                    // the work list is exhausted: a normal end
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
                results.withLock { all in for (k, v) in local { all[k, default: LatencySample()].merge(v) } }
            }
            t.stackSize = 1 << 20
            t.start()
        }
        var last = 0
        while group.wait(timeout: .now() + 1) == .timedOut {
            let now = done.load(ordering: .relaxed)
            if !quiet { FileHandle.standardError.write(Data("\r  \(now) requests, \(now - last)/s   ".utf8)) }
            last = now
        }
        if !quiet { FileHandle.standardError.write(Data("\r".utf8)) }
        if let first = failures.withLock({ $0.first }) { throw BenchError("a benchmark client failed: \(first)") }
        return results.withLock { $0 }
    }
}

