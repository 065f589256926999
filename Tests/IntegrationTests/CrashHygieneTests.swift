import ConfideJSON
import Foundation
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
        let c = try harness.client()
        try ok(c, "session.append", sessionParams(marker, marker, [message(String(repeating: marker, count: 200))]))
        _ = try ok(c, "session.get", ids(marker, marker))
        let pid = try XCTUnwrap(harness.pid)
        XCTAssertEqual(procEnvironment(pid)["SWIFT_BACKTRACE"], "enable=no", "the daemon runs with the backtracer off")
        kill(pid, SIGSEGV)
        let deadline = monotonicNow() + 30  // a backtracer, if one ran, has time to write
        while harness.isRunning && monotonicNow() < deadline { usleep(20_000) }
        let exit = harness.kill9()
        XCTAssertEqual(exit, .signal(SIGSEGV), "the daemon died of the signal, nothing caught it")
        let log = harness.log
        for sign in ["Program crashed", "Backtrace", "Registers", "Thread 0", marker] {
            XCTAssertFalse(log.contains(sign), "the crash log shows \(sign):\n\(log.suffix(3000))")
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
