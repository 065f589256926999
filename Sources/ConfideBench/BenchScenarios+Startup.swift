import ConfideJSON
import ConfideServer
import ConfideSystem
import Foundation
import Synchronization

extension BenchScenarios {
    /// Time from `confide serve` starting to its socket answering, with `--preload`
    /// messages (default 1,000,000) stored; three restarts, each measured.
    func startupRun() throws -> [(String, String)] {
        let total = settings.preload ?? 1_000_000
        let dir = root + "/startup"
        let perPut = 1_000
        let message: JSONValue = ["role": "customer", "text": .string(text)]
        do {
            let daemon = try DaemonProcess(stateDirectory: dir, config: BenchScenarios.config)
            defer { daemon.stop() }
            if !settings.json { progress("preloading \(total) messages of \(settings.chunkBytes) bytes...") }
            let puts = max(1, total / perPut)
            let next = Atomic<Int>(0)
            _ = try LoadDriver.run(socket: daemon.socketPath, clients: 4, seconds: 3600, quiet: true) { client, _, _ in
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < puts else { throw PreloadDone() }
                let r = BenchScenarios.request("session.put", ["customer": .string("st-c\(i % 100)"), "session": .string("st-s\(i)"),
                                                               "messages": .array(Array(repeating: message, count: perPut))])
                return ("session.put", r.count, try BenchScenarios.exchange(client, r))
            }
        }
        var times: [Double] = []
        var rss = 0
        for _ in 0..<3 {
            let start = MonotonicClock.seconds()
            let daemon = try DaemonProcess(stateDirectory: dir, config: BenchScenarios.config)
            times.append(MonotonicClock.seconds() - start)
            rss = max(rss, daemon.currentRSS)
            daemon.stop()
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: dir + "/data.db")[.size] as? Int) ?? 0
        return [("startup", String(format: "ready after %.0f / %.0f / %.0f ms with %d messages stored (data.db %.0f MiB), RSS when ready %.1f MiB",
                                   times[0] * 1e3, times[1] * 1e3, times[2] * 1e3, max(1, total / perPut) * perPut,
                                   Double(size) / 1_048_576, Double(rss) / 1_048_576))]
    }
}
