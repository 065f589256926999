import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// What leaves the process when it dies: Swift's backtracer is off however the daemon is
/// started, so a crash writes no registers or memory (request bytes) to the log.
final class CrashHygieneTests: DaemonTestCase {
    func testACrashWritesNoBacktraceAndNoRequestBytesToTheLog() throws {
        let harness = try DaemonHarness()
        // As if started by a shell or unit that turned the backtracer on.
        harness.environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no"
        defer { harness.cleanup() }
        try harness.start()
        let marker = unique("crash-marker")
        let c = harness.client()
        try ok(c, "session.append", sessionParams(marker, marker, [message(String(repeating: marker, count: 200))]))
        _ = try ok(c, "session.get", ids(marker, marker))
        let pid = try XCTUnwrap(harness.pid)
        XCTAssertEqual(procEnvironment(pid)["SWIFT_BACKTRACE"], "enable=no", "the daemon runs with the backtracer off")
        kill(pid, SIGSEGV)
        let deadline = MonotonicClock.seconds() + 30  // a backtracer, if one ran, has time to write
        while harness.isRunning && MonotonicClock.seconds() < deadline { usleep(20_000) }
        let exit = harness.kill9()
        XCTAssertEqual(exit, .signal(SIGSEGV), "the daemon died of the signal, nothing caught it")
        let log = harness.log
        for sign in ["Program crashed", "Backtrace", "Registers", "Thread 0", marker] {
            XCTAssertFalse(log.contains(sign), "the crash log shows \(sign):\n\(log.suffix(3000))")
        }
    }

    /// Found by an attack on issue 17: an environment holding `SWIFT_BACKTRACE` twice,
    /// `enable=no` first, then `enable=yes`, kept the backtracer on (the check read only the
    /// first entry). The daemon is exec'd with exactly that environment.
    func testAnEnvironmentWithTheVariableTwiceStillCrashesSilently() throws {
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        let script = harness.root.path + "/dupenv.py"
        try Data("""
            import ctypes, sys
            libc = ctypes.CDLL(None, use_errno=True)
            args = [a.encode() for a in sys.argv[1:]]
            env = [b"SWIFT_BACKTRACE=enable=no", b"SWIFT_BACKTRACE=enable=yes,interactive=no,color=no", b"PATH=/usr/bin:/bin"]
            libc.execve(args[0], (ctypes.c_char_p * (len(args) + 1))(*args, None), (ctypes.c_char_p * (len(env) + 1))(*env, None))
            sys.exit("execve failed")
            """.utf8).write(to: URL(fileURLWithPath: script))
        let daemon = try harness.launch(wrapper: ["/usr/bin/python3", script])
        try harness.waitUntilAnswering(daemon)
        let pid = daemon.processIdentifier
        let backtrace = (FileManager.default.contents(atPath: "/proc/\(pid)/environ") ?? Data()).split(separator: 0)
            .map { String(decoding: $0, as: UTF8.self) }.filter { $0.hasPrefix("SWIFT_BACKTRACE=") }
        XCTAssertEqual(backtrace, ["SWIFT_BACKTRACE=enable=no"], "the daemon's environment still turns the backtracer on")
        kill(pid, SIGSEGV)
        let deadline = MonotonicClock.seconds() + 30
        while daemon.isRunning && MonotonicClock.seconds() < deadline { usleep(20_000) }
        if daemon.isRunning { kill(pid, SIGKILL) }
        for sign in ["Program crashed", "Registers", "Thread 0"] {
            XCTAssertFalse(harness.log.contains(sign), "the crash log shows \(sign)")
        }
    }

    /// The environment of process `pid` (/proc/PID/environ).
    func procEnvironment(_ pid: Int32) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return [:] }
        var out: [String: String] = [:]
        for entry in data.split(separator: 0) {
            let s = String(decoding: entry, as: UTF8.self)
            if let eq = s.firstIndex(of: "=") { out[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
        }
        return out
    }
}
