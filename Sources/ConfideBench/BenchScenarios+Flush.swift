import ConfideSystem
import Foundation

extension BenchScenarios {
    /// The disk's flush latency where the bench keeps its state: 4 KiB `pwrite` + `fdatasync`,
    /// 300 times. Durable writes are bound by it, and on a shared machine it drifts, so it is
    /// worth measuring next to any other run.
    func flushRun() throws -> [(String, String)] {
        let path = root + "/flush-probe"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw BenchError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd); unlink(path) }
        let page = [UInt8](repeating: 0x5A, count: 4096)
        var flushes = LatencySample()
        for i in 0..<300 {
            let written = page.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4096, off_t((i % 16) * 4096)) }
            guard written == 4096 else { throw BenchError("write to \(path) failed: \(String(cString: strerror(errno)))") }
            let start = MonotonicClock.seconds()
            guard fdatasync(fd) == 0 else { throw BenchError("fdatasync of \(path) failed: \(String(cString: strerror(errno)))") }
            flushes.record(MonotonicClock.seconds() - start)
        }
        return [("flush", String(format: "4 KiB pwrite + fdatasync in %@: p50 %.0f µs, p90 %.0f µs, p99 %.0f µs, max %.0f µs (300 flushes)",
                                 root, flushes.percentile(0.5) * 1e6, flushes.percentile(0.9) * 1e6, flushes.percentile(0.99) * 1e6,
                                 flushes.percentile(1.0) * 1e6))]
    }
}
