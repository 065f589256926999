import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation

/// Why the harness could not do what a test asked.
public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A real `confide serve --dev` process on a real Unix socket, in its own temporary folder:
/// the one harness every test of the real daemon uses (IntegrationTests, ConfideClientTests).
///
///     <tmp>/state              the state folder (created 0700 by the daemon)
///     <tmp>/sock/confide.sock  the socket (folder 0755, socket_mode 0666 by default)
///     <tmp>/config.json        the configuration written from the test's keys
///     <tmp>/daemon.log         the daemon's stderr and stdout, across restarts
///
/// Every wait is bounded; `cleanup()` kills a daemon still running and removes the folder.
public final class DaemonHarness {
    public let root: TemporaryDirectory
    public var stateDir: String { root.path + "/state" }
    public var socketPath: String { root.path + "/sock/confide.sock" }
    public var configPath: String { root.path + "/config.json" }
    public var logPath: String { root.path + "/daemon.log" }
    public let binary: String
    /// Variables set (over the test process's own) in the daemon's environment.
    public var environment: [String: String] = [:]
    public private(set) var process: Process?
    private var logHandle: FileHandle?

    /// The `confide` binary: `$CONFIDE_BINARY`, else `.build/debug/confide` of the package.
    public static func binaryPath() throws -> String {
        if let env = ProcessInfo.processInfo.environment["CONFIDE_BINARY"], !env.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: env) else {
                throw HarnessError("CONFIDE_BINARY=\(env) is not an executable file")
            }
            return env
        }
        let path = TestEnvironment.packageRoot.appendingPathComponent(".build/debug/confide").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw HarnessError("the confide binary is missing at \(path): run `swift build` first (or set CONFIDE_BINARY)")
        }
        return path
    }

    /// Prepares the folder and the configuration; `config` keys override the defaults
    /// (`socket_mode` "0666", so tests can connect as another uid).
    public init(config: JSONObject = [:]) throws {
        binary = try DaemonHarness.binaryPath()
        // A short prefix keeps the socket path well under the 107-byte sun_path limit.
        root = try TemporaryDirectory(prefix: "cfit")
        var o: JSONObject = ["socket_mode": "0666"]
        // With CONFIDE_TEST_STORE=postgresql, the store lives in a fresh PostgreSQL schema
        // (unless the test names its own `store`, or opts out with `"store": null`).
        if PostgresTestStore.isSelected && config["store"] == nil { o["store"] = .string(try PostgresTestStore.freshSchemaURI()) }
        for (k, v) in config.members where !v.isNull { o[k] = v }
        try Data(JSONWriter.bytes(.object(o))).write(to: URL(fileURLWithPath: configPath))
        try FileManager.default.createDirectory(atPath: root.path + "/sock", withIntermediateDirectories: true)
        // Traversable by other uids (the role tests run the CLI as nobody).
        guard chmod(root.path, 0o755) == 0, chmod(root.path + "/sock", 0o755) == 0, chmod(configPath, 0o644) == 0 else {
            throw HarnessError("chmod in \(root.path) failed: errno \(errno)")
        }
        guard socketPath.utf8.count < 100 else { throw HarnessError("socket path \(socketPath) too long for sun_path") }
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    }

    /// How the offline tools (`audit verify --offline`, `audit export`, `keys public`,
    /// `report`) name this daemon's store: `--state-dir DIR`, or `--store URI` on PostgreSQL.
    public var offlineStore: [String] {
        let config = (try? Data(contentsOf: URL(fileURLWithPath: configPath))).flatMap { try? JSONParser.parse(Array($0)) }
        if let uri = config?["store"]?.stringValue { return ["--store", uri] }
        return ["--state-dir", stateDir]
    }

    /// Whether this daemon keeps its store in PostgreSQL (`store` in its configuration).
    public var usesPostgres: Bool {
        ((try? Data(contentsOf: URL(fileURLWithPath: configPath))).flatMap { String(data: $0, encoding: .utf8) } ?? "").contains("\"store\"")
    }

    public var isRunning: Bool { process?.isRunning ?? false }
    public var pid: Int32? { process.map { $0.processIdentifier } }

    /// The daemon's log so far (stderr and stdout of every run).
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "(no log)" }

    /// Launches the daemon and waits (at most `timeout` s) until it answers `system.health`.
    public func start(timeout: Double = 10) throws {
        guard !isRunning else { throw HarnessError("the daemon is already running") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        handle.seekToEndOfFile()
        handle.write(Data("---- start \(Date()) ----\n".utf8))
        logHandle = handle
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["serve", "--dev", "--state-dir", stateDir, "--socket", socketPath, "--config", configPath]
        p.standardError = handle
        p.standardOutput = handle
        p.standardInput = FileHandle.nullDevice
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        try p.run()
        process = p
        do { try waitUntilAnswering(p, timeout: timeout) } catch {
            kill9()
            throw error
        }
    }

    /// A new client of the daemon, whose calls wait at most `timeout` seconds for a reply.
    public func client(timeout: Double = 10) -> ConfideClient {
        ConfideClient(socketPath: socketPath, connectTimeout: .seconds(5), callTimeout: .milliseconds(Int(timeout * 1000)))
    }

    /// Waits (bounded) until something answers `system.health` on the socket; throws with
    /// the log if `process` exits first.
    public func waitUntilAnswering(_ process: Process, timeout: Double = 15) throws {
        let deadline = MonotonicClock.seconds() + timeout
        while MonotonicClock.seconds() < deadline {
            if !process.isRunning {
                throw HarnessError("the daemon exited with status \(process.terminationStatus) during start-up; log:\n\(log)")
            }
            if let health = try? client(timeout: 2).call("system.health"), health["status"] == "ok" { return }
            usleep(20_000)
        }
        throw HarnessError("the daemon did not answer on \(socketPath) within \(timeout) s; log:\n\(log)")
    }

    /// `serve` arguments for this harness's state, socket and configuration in `--dev` mode.
    public var devServeArguments: [String] { ["--dev", "--state-dir", stateDir, "--socket", socketPath, "--config", configPath] }

    /// A `serve` process launched outside `start()`: with a wrapper (setpriv) or other
    /// arguments (default `devServeArguments`), logging to `logPath` like the harness.
    /// Stop it with `stopProcess`.
    public func launch(_ serveArguments: [String]? = nil, wrapper: [String] = []) throws -> Process {
        let arguments = serveArguments ?? devServeArguments
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        handle.seekToEndOfFile()
        handle.write(Data("---- launch \((wrapper + arguments).joined(separator: " ")) \(Date()) ----\n".utf8))
        let command = wrapper + [binary, "serve"] + arguments
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        p.standardError = handle
        p.standardOutput = handle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        try? handle.close()
        return p
    }

    /// Runs `serve` with `arguments` expecting it to refuse to start: returns its result
    /// (bounded; a daemon that starts anyway is killed after `timeout` and reported).
    public func expectStartupRefusal(_ arguments: [String], wrapper: [String] = [], timeout: Double = 20) throws -> CLIResult {
        do {
            return try runCLI(["serve"] + arguments, wrapper: wrapper, timeout: timeout)
        } catch {
            throw HarnessError("the daemon should have refused to start but ran for \(timeout) s (\(error))")
        }
    }

    /// How a stopped daemon ended.
    public enum Exit: Equatable, CustomStringConvertible {
        case status(Int32)
        case signal(Int32)
        public var description: String {
            switch self {
            case .status(let s): return "exit status \(s)"
            case .signal(let s): return "killed by signal \(s)"
            }
        }
    }

    /// Sends SIGTERM and waits (bounded) for the daemon to exit; SIGKILL if it does not.
    @discardableResult
    public func terminate(timeout: Double = 20) throws -> Exit {
        guard let p = process, p.isRunning else { throw HarnessError("terminate: the daemon is not running") }
        kill(p.processIdentifier, SIGTERM)
        guard waitForExit(p, timeout: timeout) else {
            kill9()
            throw HarnessError("the daemon did not exit within \(timeout) s of SIGTERM; log:\n\(log)")
        }
        return exit(of: p)
    }

    /// SIGKILL, then waits for the process to be gone.
    @discardableResult
    public func kill9() -> Exit? {
        guard let p = process else { return nil }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        _ = waitForExit(p, timeout: 10)
        return p.isRunning ? nil : exit(of: p)
    }

    /// Stops the daemon if it runs (SIGTERM) and starts it again on the same state.
    public func restart() throws {
        if isRunning { try terminate() }
        try start()
    }

    /// Kills a daemon still running and removes the folder.
    public func cleanup() {
        kill9()
        try? logHandle?.close()
        logHandle = nil
        root.remove()
    }

    private func waitForExit(_ p: Process, timeout: Double) -> Bool {
        let deadline = MonotonicClock.seconds() + timeout
        while p.isRunning && MonotonicClock.seconds() < deadline { usleep(10_000) }
        return !p.isRunning
    }

    private func exit(of p: Process) -> Exit {
        p.terminationReason == .uncaughtSignal ? .signal(p.terminationStatus) : .status(p.terminationStatus)
    }

    // MARK: Running the CLI

    /// Output of one CLI run.
    public struct CLIResult {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs `confide <arguments>` (optionally wrapped, e.g. in `setpriv`), bounded in time.
    public func runCLI(_ arguments: [String], wrapper: [String] = [], binary: String? = nil, timeout: Double = 20) throws -> CLIResult {
        let out = root.path + "/cli-\(UUID().uuidString.prefix(8))"
        _ = FileManager.default.createFile(atPath: out + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: out + ".err", contents: nil)
        defer { try? FileManager.default.removeItem(atPath: out + ".out"); try? FileManager.default.removeItem(atPath: out + ".err") }
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: out + ".out"))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: out + ".err"))
        defer { try? stdout.close(); try? stderr.close() }
        let p = Process()
        let command = wrapper + [binary ?? self.binary] + arguments
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        p.standardOutput = stdout
        p.standardError = stderr
        p.standardInput = FileHandle.nullDevice
        try p.run()
        guard waitForExit(p, timeout: timeout) else {
            kill(p.processIdentifier, SIGKILL)
            _ = waitForExit(p, timeout: 5)
            throw HarnessError("`\(command.joined(separator: " "))` did not finish within \(timeout) s")
        }
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return CLIResult(status: p.terminationStatus, stdout: read(out + ".out"), stderr: read(out + ".err"))
    }
}

/// Stops a launched process: SIGTERM, then SIGKILL after `timeout`; returns how it ended.
@discardableResult
public func stopProcess(_ p: Process, timeout: Double = 20) -> DaemonHarness.Exit {
    if p.isRunning { kill(p.processIdentifier, SIGTERM) }
    let deadline = MonotonicClock.seconds() + timeout
    while p.isRunning && MonotonicClock.seconds() < deadline { usleep(10_000) }
    if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
    return p.terminationReason == .uncaughtSignal ? .signal(p.terminationStatus) : .status(p.terminationStatus)
}
