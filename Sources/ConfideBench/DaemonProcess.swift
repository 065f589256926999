import ConfideClient
import ConfideServer
import ConfideSystem
import Foundation

/// A `confide serve --dev` child process on a temporary state folder (and, given `store`,
/// serving from that PostgreSQL URI), for the benchmark: started from this same binary,
/// measured through /proc (peak RSS, CPU time).
final class DaemonProcess {
    let process = Process()
    let socketPath: String
    private let logPath: String

    /// Starts the daemon on `stateDirectory` (created if absent) with an optional config
    /// and optional `--store` and `--keys-store` URIs.
    init(stateDirectory: String, config: String? = nil, store: String? = nil, keysStore: String? = nil) throws {
        socketPath = stateDirectory + "/confide.sock"
        logPath = stateDirectory + ".log"
        var arguments = ["serve", "--dev", "--state-dir", stateDirectory, "--allow-root"]
        if let config {
            let path = stateDirectory + ".config.json"
            // 0600 from the start (it may name a store); not `atomically`, which on Linux
            // leaves a /tmp/TemporaryDirectory.* folder behind per write.
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            try handle.write(contentsOf: Data(config.utf8))
            try handle.close()
            arguments += ["--config", path]
        }
        if let store { arguments += ["--store", store] }
        if let keysStore { arguments += ["--keys-store", keysStore] }
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Interruption.started(process.processIdentifier)
        let deadline = MonotonicClock.seconds() + 60
        while MonotonicClock.seconds() < deadline {
            if (try? ConfideConnection(socketPath: socketPath, connectTimeout: 1, writeTimeout: 1)) != nil { return }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        stop()  // still starting after a minute: not left running
        throw BenchError("the daemon did not start; its log is \(logPath)")
    }

    var pid: Int32 { process.processIdentifier }

    /// Peak resident set size so far (VmHWM), in bytes.
    var peakRSS: Int { DaemonProcess.statusField(pid: pid, "VmHWM:") * 1024 }
    /// Current resident set size (VmRSS), in bytes.
    var currentRSS: Int { DaemonProcess.statusField(pid: pid, "VmRSS:") * 1024 }

    /// User + system CPU seconds the daemon used so far.
    var cpuSeconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let u = Double(fields[11]), let s = Double(fields[12]) else { return 0 }
        return (u + s) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM and wait.
    func stop() {
        defer { Interruption.stopped(process.processIdentifier) }
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    static func statusField(pid: Int32, _ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return Int(line.dropFirst(name.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "0") ?? 0
        }
        return 0
    }
}
