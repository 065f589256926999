import Foundation

/// Keeps Swift's crash backtracer out of the process. On a crash it prints registers and
/// the memory around each register's address to stderr, which is the daemon's log: that
/// showed fragments of requests, even with `PR_SET_DUMPABLE` 0. The runtime reads
/// `SWIFT_BACKTRACE` once, before `main`, so the only reliable switch is to run again
/// with it set: done first thing, before any thread, key or request exists.
enum SwiftBacktracer {
    static let disabled = "enable=no"

    /// Returns when the backtracer is off; otherwise re-executes this binary with the same
    /// arguments and `SWIFT_BACKTRACE=enable=no` (the pid stays the same). Exits 1 if that
    /// is impossible, rather than run with the backtracer on.
    static func ensureDisabled() {
        if let current = getenv("SWIFT_BACKTRACE"), String(cString: current) == disabled { return }
        guard setenv("SWIFT_BACKTRACE", disabled, 1) == 0 else { fail("setenv") }
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        fail("execv /proc/self/exe")
    }

    private static func fail(_ call: String) -> Never {
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("confide: cannot turn off Swift's crash backtracer (\(call): \(reason)); start confide with SWIFT_BACKTRACE=enable=no\n".utf8))
        exit(1)
    }
}
