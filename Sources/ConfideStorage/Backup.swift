import CSQLite
import Foundation

extension Database {
    /// Copies this connection's `main` database into a new file at `path` with SQLite's
    /// online backup API (`sqlite3_backup_init`, `_step`, `_finish`): one step over the whole
    /// file, so the copy is one consistent snapshot while other connections keep writing
    /// (in WAL mode a reader blocks no writer). The copy is then switched to a rollback
    /// journal, so it is one self-contained file that opens read-only without `-wal`/`-shm`.
    ///
    /// `path` must not exist: it is created with mode 0600 (never an existing file
    /// overwritten). On failure the partial copy is removed.
    public func backup(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        close(fd)
        do {
            let destination = try Database(path: path)
            guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
                throw destination.lastError(sql: "backup_init")
            }
            var rc: Int32
            repeat {
                rc = sqlite3_backup_step(backup, -1)
                // Busy or locked: another connection holds a lock the step needs; retry after the wait.
                if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite3_sleep(20) }
            } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
            let finish = sqlite3_backup_finish(backup)
            guard rc == SQLITE_DONE, finish == SQLITE_OK else {
                let e = destination.lastError(sql: "backup_step")
                throw SQLiteError(code: rc == SQLITE_DONE ? finish : rc, extendedCode: e.extendedCode,
                                  message: "backup of \(self.path) to \(path) failed: \(e.message)", sql: "backup_step")
            }
            let mode = try destination.queryOne("PRAGMA journal_mode=DELETE") { $0.text(0) ?? "" } ?? ""
            guard mode.lowercased() == "delete" else {
                throw SQLiteError(code: SQLITE_ERROR, message: "could not switch the copy \(path) to a rollback journal (got \(mode))")
            }
        } catch {
            unlink(path)
            unlink(path + "-journal")
            throw error
        }
    }
}
