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
    ///
    /// Every `SWIFT_BACKTRACE` entry of the environment counts, not only the first that
    /// `getenv` finds: an environment can hold the name twice, and the runtime honoured a
    /// later `enable=yes` behind an `enable=no`. Unless exactly one entry, `enable=no`, is
    /// there, all are removed and the one is set before re-executing.
    static func ensureDisabled() {
        let prefix = "SWIFT_BACKTRACE="
        var entries: [String] = []
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if text.hasPrefix(prefix) { entries.append(String(text.dropFirst(prefix.count))) }
            p += 1
        }
        if entries == [disabled] { return }
        while getenv("SWIFT_BACKTRACE") != nil { guard unsetenv("SWIFT_BACKTRACE") == 0 else { fail("unsetenv") } }
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
