import ConfideCore
import ConfideJSON
import ConfideSystem
import Foundation

/// Writes the Prometheus metrics to `metrics_textfile` every `metrics_interval_s`, for
/// node_exporter's textfile collector (so the daemon holding the keys opens no TCP port).
/// Each write goes to `<path>.tmp` and is renamed over the file, so a scrape never reads
/// half a file. Mode 0644: node_exporter runs as another user, and the file holds counts
/// only (no id, no content). A failing write is logged once, and again when it recovers.
final class MetricsTextfile: @unchecked Sendable {
    let path: String
    let interval: Double
    private let snapshot: @Sendable () throws(StoreError) -> JSONObject
    private let condition = NSCondition()
    private var stopping = false
    private var stopped = false
    private var failing = false

    init(path: String, interval: Double, snapshot: @escaping @Sendable () throws(StoreError) -> JSONObject) {
        self.path = path
        self.interval = interval
        self.snapshot = snapshot
    }

    /// Writes once now (so a wrong path shows in the log at start-up), then every interval.
    func start() {
        writeOnce()
        startNamedThread("confide-metrics", stackSize: 256 << 10) { [self] in
            condition.lock()
            while !stopping {
                _ = condition.wait(until: Date().addingTimeInterval(interval))
                if stopping { break }
                condition.unlock()
                writeOnce()
                condition.lock()
            }
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Stops the thread after a last write, while the store is still open.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
        writeOnce()
    }

    /// One snapshot, rendered and swapped in.
    func writeOnce() {
        do {
            let text = PrometheusText.render(.object(try snapshot()))
            try MetricsTextfile.replace(path, with: Array(text.utf8))
            if failing { Log.info("metrics.write_recovered", ["path": .string(path)]) }
            failing = false
        } catch {
            if !failing { Log.warn("metrics.write_failed", ["path": .string(path), "error": .string("\(error)"), "note": "retried every metrics_interval_s; logged again only once it works"]) }
            failing = true
        }
    }

    /// Writes `<path>.tmp` (0644, whatever the umask) and renames it over `path`.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw SystemError("open", context: temporary) }
        var ok = fchmod(fd, 0o644) == 0
        var written = 0
        while ok && written < bytes.count {
            let n = retryingOnInterrupt { bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) } }
            if n <= 0 { ok = false } else { written += n }
        }
        let failure = ok ? nil : SystemError("write", context: temporary)
        close(fd)
        if let failure { unlink(temporary); throw failure }
        guard rename(temporary, path) == 0 else {
            let e = SystemError("rename", context: "\(temporary) to \(path)")
            unlink(temporary)
            throw e
        }
    }
}
