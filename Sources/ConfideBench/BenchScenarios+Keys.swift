import ConfideClient
@_spi(Testing) import ConfideCore  // creates its customers through the keyring directly
import ConfideJSON
import ConfideServer
import ConfideSystem
import Foundation
import Synchronization

extension BenchScenarios {
    /// Time from the shred request to its reply (which follows the erasure point) for
    /// customers of 10, 1,000 and 100,000 messages, three customers each.
    func shredRun(socket: String) throws -> [(String, String)] {
        let sizes = [10, 1_000, 100_000]
        let message: JSONValue = ["role": "customer", "text": .string(text)]
        let client = ConfideClient(socketPath: socket, callTimeout: nil)
        var notes: [(String, String)] = []
        var medians: [Int: Double] = [:]
        for size in sizes {
            var times: [Double] = []
            for k in 0..<3 {
                let customer = "shred-\(size)-\(k)"
                var left = size, session = 0
                while left > 0 {
                    let n = min(1_000, left)
                    guard case .success = try client.reply("session.put", ["customer": .string(customer), "session": .string("s\(session)"),
                                                                         "messages": .array(Array(repeating: message, count: n))]) else {
                        throw BenchError("preload for the shred scenario failed")
                    }
                    left -= n
                    session += 1
                }
                let start = MonotonicClock.seconds()
                guard case .success = try client.reply("customer.shred", ["customer": .string(customer), "reason": "bench"]) else {
                    throw BenchError("shred failed")
                }
                times.append(MonotonicClock.seconds() - start)
            }
            medians[size] = times.sorted()[1]
            notes.append(("shred \(size) messages", String(format: "reply after %.2f / %.2f / %.2f ms (median %.2f ms)", times[0] * 1e3, times[1] * 1e3, times[2] * 1e3, medians[size]! * 1e3)))
        }
        notes.append(("shred 100000 vs 10", String(format: "%.2fx", medians[100_000]! / medians[10]!)))
        return notes
    }

    /// Re-wrap of every DEK after a KEK rotation: preload customers offline, then append
    /// load before and during the re-wrap; reports DEKs/s and the append p99 both ways.
    func rewrapRun() throws -> BenchReport {
        let customers = settings.preload ?? 100_000
        let dir = root + "/rewrap"
        if !settings.json { progress("creating \(customers) customers...") }
        do {
            var options = TranscriptStore.Options()
            options.runsScheduler = false
            let store = try TranscriptStore(state: StateDirectory(path: dir), masterKey: .development(stateDirectory: dir), options: options)
            try store.keyring.createCustomers((0..<customers).map { try CustomerID("r\($0)") })
            store.close()
        }
        let daemon = try DaemonProcess(stateDirectory: dir, config: BenchScenarios.config)
        defer { daemon.stop() }
        let clients = settings.clients.first ?? 8
        let message: JSONValue = ["role": "agent", "text": .string(text)]
        let requests = (0..<clients).map { c in
            BenchScenarios.request("session.append", ["customer": .string("r\(c)"), "session": "s", "messages": [message]])
        }
        var report = BenchReport()
        let quiet = settings.json
        let before = try LoadDriver.run(socket: daemon.socketPath, clients: clients, seconds: settings.seconds, quiet: quiet) { client, c, _ in
            ("session.append", requests[c].count, try BenchScenarios.exchange(client, requests[c]))
        }
        report.runs.append(.init(title: "append, no re-wrap running", clients: clients, seconds: settings.seconds, samples: before))

        let admin = ConfideClient(socketPath: daemon.socketPath, callTimeout: nil)
        let finished = Atomic<Bool>(false)
        // When the watcher saw rewrap_pending reach 0 (the load stops only after its clients'
        // calls in flight return).
        let finishedAt = Mutex<Double>(0)
        let rotatedAt = MonotonicClock.seconds()
        guard case .success = try admin.reply("keys.rotate", ["target": "kek"]) else { throw BenchError("keys.rotate failed") }
        let socket = daemon.socketPath
        let watcher = Thread {
            let c = ConfideClient(socketPath: socket)
            // Every 50 ms: each poll counts the pending DEKs in the daemon, which is load of its own.
            while case .success(let s)? = try? c.reply("keys.status"), (s.objectValue?["rewrap_pending"]?.intValue ?? 0) > 0 { usleep(50_000) }
            finishedAt.withLock { $0 = MonotonicClock.seconds() }
            finished.store(true, ordering: .sequentiallyConsistent)
        }
        watcher.start()
        // One run on the same kind of connections as the run before it, kept open until the
        // re-wrap is done. (Reconnecting every 0.25 s, as this did before, put connection set-up
        // into the tail latencies of this run only.)
        let loadStarted = MonotonicClock.seconds()
        let during = try LoadDriver.run(socket: daemon.socketPath, clients: clients, seconds: 600, quiet: true,
                                        stop: { finished.load(ordering: .sequentiallyConsistent) }) { client, c, _ in
            ("session.append", requests[c].count, try BenchScenarios.exchange(client, requests[c]))
        }
        let spent = MonotonicClock.seconds() - loadStarted
        while !finished.load(ordering: .sequentiallyConsistent) { usleep(20_000) }
        let rewrapSeconds = finishedAt.withLock { $0 } - rotatedAt
        var run = BenchReport.Run(title: "append while re-wrapping \(customers) DEKs", clients: clients, seconds: spent, samples: during)
        let p99Before = before["session.append"]?.percentile(0.99) ?? 0
        let p99During = during["session.append"]?.percentile(0.99) ?? 0
        run.extra.append(("re-wrap", String(format: "%d DEKs in %.2f s = %.0f DEKs/s (rotate to rewrap_pending 0, under append load)", customers, rewrapSeconds, Double(customers) / rewrapSeconds)))
        run.extra.append(("append p99 during / without re-wrap", String(format: "%.3f / %.3f ms = %.2fx", p99During * 1e3, p99Before * 1e3, p99During / max(p99Before, 1e-9))))
        run.daemonPeakRSS = daemon.peakRSS
        report.runs.append(run)
        return report
    }
}
