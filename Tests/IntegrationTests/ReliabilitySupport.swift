import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

// Helpers shared by the reliability, hardening and fuzz tests: seeded randomness, the
// long-run switch, running helper programs (python3's sqlite3, prlimit, mount, setpriv)
// with bounded waits, and daemons launched with a wrapper or extra arguments.

/// Settings from the environment.
enum ReliabilitySettings {
    /// `CONFIDE_LONG_TESTS=1`: more kill cycles and fuzz iterations.
    static var long: Bool { ProcessInfo.processInfo.environment["CONFIDE_LONG_TESTS"] == "1" }

    /// `CONFIDE_TEST_SEED` when set (to replay a failure), else a fresh random seed.
    static func seed() -> UInt64 {
        if let s = ProcessInfo.processInfo.environment["CONFIDE_TEST_SEED"], let v = UInt64(s) { return v }
        return UInt64.random(in: 1...UInt64(UInt32.max))
    }
}

/// Output of a helper program.
struct ProgramResult: CustomStringConvertible {
    let status: Int32
    let signaled: Bool
    let stdout: String
    let stderr: String
    var description: String { "status \(status)\(signaled ? " (signal)" : ""); stdout: \(stdout.prefix(2000)); stderr: \(stderr.prefix(2000))" }
}

/// Finds `name` on PATH (absolute paths are returned as they are).
func executablePath(_ name: String) -> String? {
    if name.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
    for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
    }
    for dir in ["/usr/sbin", "/sbin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" }
    return nil
}

/// Runs `argv` (argv[0] looked up on PATH, or a path) to completion, bounded by `timeout`
/// seconds, with `stdin` as its standard input (none when nil) and `environment` (nil:
/// this process's).
func runProgram(_ argv: [String], stdin: String? = nil, environment: [String: String]? = nil, timeout: Double = 60) throws -> ProgramResult {
    guard let exe = executablePath(argv[0]) else { throw HarnessError("\(argv[0]) is not installed") }
    let dir = NSTemporaryDirectory() + "cfprog-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = FileManager.default.createFile(atPath: dir + "/in", contents: Data((stdin ?? "").utf8))
    _ = FileManager.default.createFile(atPath: dir + "/out", contents: nil)
    _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/out"))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
    guard let input = FileHandle(forReadingAtPath: dir + "/in") else { throw HarnessError("cannot create the input of \(argv[0])") }
    defer { try? out.close(); try? err.close(); try? input.close() }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = Array(argv.dropFirst())
    p.standardOutput = out
    p.standardError = err
    p.standardInput = stdin == nil ? FileHandle.nullDevice : input
    if let environment { p.environment = environment }
    try p.run()
    let deadline = MonotonicClock.seconds() + timeout
    while p.isRunning && MonotonicClock.seconds() < deadline { usleep(5_000) }
    if p.isRunning {
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        throw HarnessError("`\(argv.joined(separator: " ").prefix(200))` did not finish within \(timeout) s")
    }
    let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    return ProgramResult(status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal,
                         stdout: read(dir + "/out"), stderr: read(dir + "/err"))
}

/// Runs `argv` on a pseudo-terminal (stdin, stdout and stderr a tty, as for a person at
/// a shell), bounded to 20 s; when the output shows `prompt`, types `reply` and a newline
/// once. Returns everything the terminal showed as stdout.
func runOnTerminal(_ argv: [String], answering prompt: String? = nil, with reply: String = "") throws -> ProgramResult {
    let program = """
        import os, pty, select, sys, time
        prompt, reply = sys.argv[1].encode(), sys.argv[2].encode()
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(sys.argv[3], sys.argv[3:])
        buf, answered, deadline = b'', False, time.time() + 20
        while time.time() < deadline:
            if prompt and not answered and prompt in buf:
                os.write(fd, reply + b'\\n'); answered = True
            r, _, _ = select.select([fd], [], [], 0.2)
            if not r: continue
            try: d = os.read(fd, 4096)
            except OSError: break
            if not d: break
            buf += d
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(buf.decode('utf-8', 'replace'))
        sys.exit(os.WEXITSTATUS(status))
        """
    return try python(program, [prompt ?? "", reply] + argv)
}

/// Runs a python3 program with its sqlite3 module; `sys.argv[1:]` are `arguments`.
func python(_ program: String, _ arguments: [String] = []) throws -> ProgramResult {
    try runProgram(["python3", "-c", program] + arguments)
}

/// `PRAGMA integrity_check` of a database file (of a stopped daemon), via python3's sqlite3.
/// `readOnly` opens with `mode=ro`, so nothing (no WAL recovery, no checkpoint) is written.
func sqliteIntegrity(_ path: String, readOnly: Bool = false) throws -> String {
    let open = readOnly ? "sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)" : "sqlite3.connect(sys.argv[1])"
    let r = try python("import sqlite3,sys\nc=\(open)\nprint(c.execute('pragma integrity_check').fetchone()[0])\nc.close()", [path])
    guard r.status == 0, !r.signaled else { throw HarnessError("integrity_check of \(path) failed to run: \(r)") }
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The permission bits of `path` (no symlink following), or nil when it does not exist.
func permissionBits(_ path: String) -> Int? {
    var st = stat()
    return lstat(path, &st) == 0 ? Int(st.st_mode) & 0o7777 : nil
}

/// A `Key:\tvalue` line of /proc/PID/status (e.g. "VmRSS" → "25268 kB").
func procStatus(_ pid: Int32, _ key: String) -> String? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
        return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
    }
    return nil
}

/// The size of a file in bytes (0 when absent); measured from the test process, never the daemon.
func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

/// The protocol's error codes (PROTOCOL.md, Errors).
let protocolErrorCodes: Set<Int> = [-32700, -32600, -32601, -32602, -32603, -32003, -32004, -32005, -32006, -32007]
