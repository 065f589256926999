import ConfideJSON
import Foundation
import TestSupport

/// data.db's write lock held from outside the daemon (Python's sqlite3 module, `BEGIN
/// IMMEDIATE`), as another process with write access to the file could. While it is held,
/// every data.db write of the daemon, so every audit entry, fails after the busy timeout
/// (5 s) while keys.db still commits: exactly the audit writes fail, for real, with no mock.
/// Held until `release()` (or until the test process dies: python reads its stdin to EOF).
///
/// For a daemon on PostgreSQL (`init(harness)`), the same on its data tables: `LOCK TABLE …
/// IN EXCLUSIVE MODE` in an open transaction (reads go on, writes wait until the daemon's
/// `postgres_statement_timeout_ms`), while the keyring's tables still commit.
final class DataWriteLock {
    private let process: Process
    private let input = Pipe()
    private var tables: PostgresTestStore.TableLock?

    /// What a daemon's configuration needs for its writes to fail in bounded time under
    /// this lock: on PostgreSQL a short statement timeout (on SQLite, the busy timeout is 5 s).
    static var daemonConfig: JSONObject { PostgresTestStore.isSelected ? ["postgres_statement_timeout_ms": 1000] : [:] }

    /// Locks the data store of `harness`: its data.db, or its data tables on PostgreSQL.
    convenience init(_ harness: DaemonHarness) throws {
        if harness.usesPostgres, let store = harness.offlineStore.last {
            try self.init(tables: PostgresTestStore.TableLock(["session", "chunk", "pending_purge", "audit_entry", "audit_checkpoint", "audit_meta"],
                                                              on: store, mode: "EXCLUSIVE"))
        } else {
            try self.init(harness.stateDir + "/data.db")
        }
    }

    private init(tables: PostgresTestStore.TableLock) {
        process = Process()
        self.tables = tables
    }

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
        tables?.release()
        tables = nil
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { release() }
}
