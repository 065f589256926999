import ConfideJSON
import Foundation

extension BenchScenarios {
    /// ConfideJSON on one core: parse, then write back, a `session.append` request line
    /// carrying one `--chunk-bytes` message (the daemon's commonest request), each for
    /// `seconds` of CPU time. In-process: no daemon, no socket.
    func jsonRun() throws -> [(String, String)] {
        let line = BenchScenarios.request("session.append", ["customer": "bench-c0", "session": "s0",
                                                              "messages": [["role": "agent", "text": .string(text)]]])
        let value = try JSONParser.parse(line)
        guard JSONWriter.bytes(value) == line else { throw BenchError("the sample line does not write back byte for byte; the figures would be void") }
        let half = settings.seconds / 2
        var parses = 0
        var start = threadCPUSeconds()
        while threadCPUSeconds() - start < half {
            for _ in 0..<100 { _ = try JSONParser.parse(line) }
            parses += 100
        }
        let parseSeconds = threadCPUSeconds() - start
        var writes = 0
        var buffer: [UInt8] = []
        buffer.reserveCapacity(line.count)
        start = threadCPUSeconds()
        while threadCPUSeconds() - start < half {
            for _ in 0..<100 {
                buffer.removeAll(keepingCapacity: true)
                JSONWriter.write(value, into: &buffer)
            }
            writes += 100
        }
        let writeSeconds = threadCPUSeconds() - start
        func figure(_ calls: Int, _ seconds: Double) -> String {
            String(format: "%.2f µs per call, %.1f MB/s", seconds / Double(calls) * 1e6, Double(calls * line.count) / seconds / 1e6)
        }
        return [("json parse", figure(parses, parseSeconds) + " (a \(line.count)-byte session.append request line, one core)"),
                ("json write", figure(writes, writeSeconds) + " (the same value back to bytes, into a reused buffer)")]
    }
}
