import CSQLite

/// A failed SQLite call, carrying SQLite's own result code, extended code and message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_FULL`, ...).
    public let code: Int32
    /// The extended result code (`SQLITE_IOERR_FSYNC`, ...).
    public let extendedCode: Int32
    /// `sqlite3_errmsg` at the time of failure. SQLite messages name tables and
    /// constraints, never bound values, so they are safe to log.
    public let message: String
    /// The statement that failed, when there was one (SQL text only, never values).
    public let sql: String?

    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.code = code & 0xff
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    /// True for errors that mean the storage cannot take writes now (disk full, I/O error,
    /// read-only, locked past the busy timeout): callers answer "unavailable".
    public var isUnavailable: Bool {
        [SQLITE_FULL, SQLITE_IOERR, SQLITE_READONLY, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_PERM].contains(code)
    }

    /// True when the operating system failed to flush to disk (`SQLITE_IOERR_FSYNC`):
    /// after that, what is on disk is unknown and writes must stop.
    public var isFsyncFailure: Bool { extendedCode == SQLITE_IOERR | (4 << 8) }

    /// True when SQLite found the file damaged.
    public var isCorruption: Bool { code == SQLITE_CORRUPT || code == SQLITE_NOTADB }

    public var description: String {
        var s = "SQLite error \(code)"
        if extendedCode != code { s += " (extended \(extendedCode))" }
        s += ": \(message)"
        if let sql { s += " [\(sql.prefix(80))]" }
        return s
    }
}
