import ConfideJSON
import Foundation

/// What one benchmark invocation measured: a section per run, plus notes.
public struct BenchReport {
    struct Run {
        let title: String
        let clients: Int
        let seconds: Double
        let samples: [String: LatencySample]
        var daemonPeakRSS: Int? = nil
        var daemonCPU: Double? = nil
        var averageGroup: Double? = nil
        var extra: [(String, String)] = []
    }
    var runs: [Run] = []
    var notes: [(String, String)] = []

    /// The report for people: a table per run, then the notes.
    public var table: String {
        var out = ""
        for r in runs {
            out += "\n== \(r.title) (\(r.clients) client\(r.clients == 1 ? "" : "s"), \(String(format: "%.1f", r.seconds)) s)\n"
            out += "method            req/s     p50 ms   p90 ms   p99 ms   max ms   errors   MB/s out\n"
            for (m, l) in r.samples.sorted(by: { $0.key < $1.key }) {
                let rate = Double(l.count) / r.seconds
                out += m.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(format: "%8.0f  %8.3f %8.3f %8.3f %8.3f %8d %10.2f\n", rate, l.percentile(0.5) * 1e3, l.percentile(0.9) * 1e3,
                             l.percentile(0.99) * 1e3, l.maximum * 1e3, l.errors, Double(l.bytesOut) / r.seconds / 1e6)
            }
            if let rss = r.daemonPeakRSS { out += String(format: "daemon peak RSS %.1f MiB", Double(rss) / 1048576) }
            if let cpu = r.daemonCPU { out += String(format: ", CPU %.2f s (%.0f%% of one core)", cpu, cpu / r.seconds * 100) }
            if let g = r.averageGroup { out += String(format: ", average commit group %.1f writes", g) }
            out += "\n"
            for (k, v) in r.extra { out += "\(k): \(v)\n" }
        }
        for (k, v) in notes { out += "\(k): \(v)\n" }
        return out
    }

    /// The report for machines (`--json`).
    public var json: JSONObject {
        var runsJSON: [JSONValue] = []
        for r in runs {
            var methods = JSONObject()
            for (m, l) in r.samples.sorted(by: { $0.key < $1.key }) {
                methods[m] = ["requests_per_s": .double(Double(l.count) / r.seconds),
                              "p50_ms": .double(l.percentile(0.5) * 1e3), "p90_ms": .double(l.percentile(0.9) * 1e3),
                              "p99_ms": .double(l.percentile(0.99) * 1e3), "max_ms": .double(l.maximum * 1e3),
                              "errors": .int(l.errors), "bytes_out_per_s": .double(Double(l.bytesOut) / r.seconds)]
            }
            var o: JSONObject = ["title": .string(r.title), "clients": .int(r.clients), "seconds": .double(r.seconds), "methods": .object(methods)]
            if let rss = r.daemonPeakRSS { o["daemon_peak_rss_bytes"] = .int(rss) }
            if let cpu = r.daemonCPU { o["daemon_cpu_s"] = .double(cpu) }
            if let g = r.averageGroup { o["average_group"] = .double(g) }
            for (k, v) in r.extra { o[k] = .string(v) }
            runsJSON.append(.object(o))
        }
        var o: JSONObject = ["runs": .array(runsJSON)]
        for (k, v) in notes { o[k] = .string(v) }
        return o
    }
}
