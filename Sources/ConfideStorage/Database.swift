import CSQLite
import Foundation

/// One SQLite connection (`sqlite3*`), owned by this object and closed on release.
///
/// Not thread-safe: each connection is used by one thread at a time (the single writer,
/// or one reader checked out of a pool). Statements are prepared once and cached.
public final class Database {
    /// How to open the file.
    public enum Mode: Sendable { case readWrite, readOnly }

    /// The raw handle, for the few calls this wrapper does not cover.
    public let handle: OpaquePointer
    /// The file path, for messages.
    public let path: String
    private var statementCache: [String: Statement] = [:]
    /// Frames in the WAL after this connection's last commit, once `observeWALSize()` is on.
    public private(set) var walFrames = 0

    /// Opens (creating if absent in read-write mode) the database at `path`, with
    /// extended result codes on and a busy timeout.
    public init(path: String, mode: Mode = .readWrite, busyTimeoutMilliseconds: Int32 = 5000) throws {
        var db: OpaquePointer?
        let flags = (mode == .readWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "cannot open \(path): \(message)")
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that bind nothing and return nothing.
    public func execute(_ sql: String) throws {
        var errmsg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errmsg)
            throw SQLiteError(code: rc, extendedCode: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// A prepared statement for `sql`, cached on this connection and reset for reuse.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let s = statementCache[sql] {
            s.reset()
            return s
        }
        let s = try Statement(database: self, sql: sql)
        statementCache[sql] = s
        return s
    }

    /// Prepares, binds, and steps `sql` once, discarding any rows: for INSERT/UPDATE/DELETE.
    public func run(_ sql: String, _ values: SQLValue...) throws {
        try run(sql, values)
    }

    /// Triggers and views in the file, as "trigger NAME": confide creates neither, so any one
    /// was planted by someone who wrote the file, to change what confide's own statements do
    /// (undo an append, keep a deleted row, stall the writer).
    public func triggersAndViews() throws -> [String] {
        try query("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name") {
            "\($0.text(0) ?? "?") \($0.text(1) ?? "?")"
        }
    }

    /// `run` with the values in an array.
    public func run(_ sql: String, _ values: [SQLValue]) throws {
        let s = try cachedStatement(sql)
        try s.bind(values)
        try s.runToCompletion()
    }

    /// The rows `sql` returns, each mapped by `row`.
    public func query<T>(_ sql: String, _ values: [SQLValue] = [], row: (Statement) throws -> T) throws -> [T] {
        let s = try cachedStatement(sql)
        try s.bind(values)
        // Reset however it ends: a statement left mid-step keeps its read transaction (and
        // so the WAL) pinned until the connection's next use of the same SQL.
        defer { s.reset() }
        var out: [T] = []
        while try s.step() { out.append(try row(s)) }
        return out
    }

    /// The first row `sql` returns, mapped by `row`, or nil.
    public func queryOne<T>(_ sql: String, _ values: [SQLValue] = [], row: (Statement) throws -> T) throws -> T? {
        let s = try cachedStatement(sql)
        try s.bind(values)
        defer { s.reset() }
        return try s.step() ? row(s) : nil
    }

    /// Runs `body` inside `BEGIN IMMEDIATE ... COMMIT`, rolling back if it throws.
    /// IMMEDIATE takes the write lock up front so the commit cannot fail on a lock upgrade.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try begin(immediate: true)
        do {
            let value = try body()
            try commit()
            return value
        } catch {
            rollbackIfOpen()
            throw error
        }
    }

    /// `BEGIN` (a read transaction, from the first read) or `BEGIN IMMEDIATE` (the write
    /// lock at once). These three run for every request, so they are prepared once.
    public func begin(immediate: Bool) throws {
        try cachedStatement(immediate ? "BEGIN IMMEDIATE" : "BEGIN").runToCompletion()
    }

    /// `COMMIT`.
    public func commit() throws { try cachedStatement("COMMIT").runToCompletion() }

    /// `ROLLBACK` when a transaction is open; errors are ignored (SQLite may have rolled
    /// back already, and the caller is reporting the error that got it here).
    public func rollbackIfOpen() {
        if !isAutocommit { try? cachedStatement("ROLLBACK").runToCompletion() }
    }

    /// Runs `body` inside a savepoint, so one failing step of a larger transaction undoes
    /// only itself (used by group commit: one bad request must not fail its neighbours).
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        // Prepared once and reused: on the group-commit path this runs for every request.
        try cachedStatement("SAVEPOINT step").runToCompletion()
        do {
            let value = try body()
            try cachedStatement("RELEASE step").runToCompletion()
            return value
        } catch {
            try? cachedStatement("ROLLBACK TO step").runToCompletion()
            try? cachedStatement("RELEASE step").runToCompletion()
            throw error
        }
    }

    /// True outside an explicit transaction.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }
    /// The rowid of the last INSERT.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How long a statement waits for a lock held by another connection before it fails
    /// with `SQLITE_BUSY`.
    public func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }

    /// The SQLite library's version (`sqlite3_libversion`), for `confide --version`.
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// `PRAGMA user_version`: the schema version the migrator tracks.
    public var userVersion: Int {
        get throws { try queryOne("PRAGMA user_version") { $0.int(0) } ?? 0 }
    }

    /// Switches to WAL with `synchronous=FULL` (a commit returns only once synced) and
    /// turns on `secure_delete` when asked (deleted content and freed pages are zeroed).
    ///
    /// Also proves the file can take writes: SQLite silently opens a file it may not write
    /// (mode, owner, read-only mount) read-only, and every later write would fail. Errors
    /// here name the file.
    public func configureDurable(secureDelete: Bool = false, pageSize: Int? = nil) throws {
        do {
            if let pageSize { try execute("PRAGMA page_size=\(pageSize)") }
            guard sqlite3_db_readonly(handle, "main") != 1 else {
                throw SQLiteError(code: SQLITE_READONLY, message: "opened read-only (check its owner and mode, its folder, and the file system)")
            }
            let mode = try queryOne("PRAGMA journal_mode=WAL") { $0.text(0) ?? "" } ?? ""
            guard mode.lowercased() == "wal" else {
                throw SQLiteError(code: SQLITE_ERROR, message: "could not switch to WAL (got \(mode))")
            }
            try execute("PRAGMA synchronous=FULL")
            try execute("PRAGMA foreign_keys=ON")
            if secureDelete {
                // Set explicitly (SQLite's default depends on how it was compiled) and read
                // back: a build that cannot zero deleted content must not start.
                try execute("PRAGMA secure_delete=ON")
                guard try queryOne("PRAGMA secure_delete", row: { $0.int(0) }) == 1 else {
                    throw SQLiteError(code: SQLITE_ERROR, message: "this SQLite cannot turn on secure_delete (deleted content would stay in the file)")
                }
            }
            // Takes the write lock (and so opens the WAL for writing) without writing anything.
            try begin(immediate: true)
            try commit()
        } catch let e as SQLiteError {
            rollbackIfOpen()
            throw SQLiteError(code: e.code, extendedCode: e.extendedCode, message: "\(path) is not usable for writing: \(e.message)", sql: e.sql)
        }
    }

    /// Keeps `walFrames` current after every commit on this connection (a WAL hook). This
    /// replaces SQLite's auto-checkpoint, which uses the same hook: for a writer that
    /// checkpoints on its own schedule.
    public func observeWALSize() {
        sqlite3_wal_hook(handle, { context, _, _, frames in
            Unmanaged<Database>.fromOpaque(context!).takeUnretainedValue().walFrames = Int(frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Checkpoints the WAL into the main file; `truncate` also empties the WAL file,
    /// so nothing deleted lingers there (used after a shred).
    @discardableResult
    public func checkpoint(truncate: Bool) throws -> (walFrames: Int, checkpointed: Int) {
        var log: Int32 = 0, done: Int32 = 0
        let rc = sqlite3_wal_checkpoint_v2(handle, nil, truncate ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE, &log, &done)
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, extendedCode: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: "wal_checkpoint")
        }
        return (Int(log), Int(done))
    }

    func lastError(sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_errcode(handle), extendedCode: sqlite3_extended_errcode(handle),
                    message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
