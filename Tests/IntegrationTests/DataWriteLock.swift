import Foundation
import TestSupport

/// data.db's write lock held from outside the daemon (Python's sqlite3 module, `BEGIN
/// IMMEDIATE`), as another process with write access to the file could. While it is held,
/// every data.db write of the daemon, so every audit entry, fails after the busy timeout
/// (5 s) while keys.db still commits: exactly the audit writes fail, for real, with no mock.
/// Held until `release()` (or until the test process dies: python reads its stdin to EOF).
final class DataWriteLock {
    private let process: Process
    private let input = Pipe()

    /// Takes the lock on the data.db at `path`; returns once it is held.
    init(_ path: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            c.execute("BEGIN IMMEDIATE"); print("locked", flush=True)
            sys.stdin.read(); c.execute("ROLLBACK")
            """, path]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = input
        try process.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("locked") else {
            release()
            throw HarnessError("python3 could not lock \(path): \(line)")
        }
    }

    /// Rolls back and waits until python has let go of the file.
    func release() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { release() }
}
