import CSQLite

/// A value bound to, or read from, a statement parameter.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// Convenience for Int.
    public static func int(_ v: Int) -> SQLValue { .integer(Int64(v)) }
    /// `.null` for nil, else the integer.
    public static func optionalInt(_ v: Int?) -> SQLValue { v.map { .integer(Int64($0)) } ?? .null }
}

/// A prepared statement (`sqlite3_stmt*`), owned and finalized by this object.
/// Values are bound with types, never spliced into SQL.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text, for error messages.
    public let sql: String
    private unowned let database: Database

    init(database: Database, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw database.lastError(sql: sql) }
        self.handle = stmt
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and clears its bindings, ready to run again.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds `values` to parameters 1...n.
    public func bind(_ values: [SQLValue]) throws {
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch v {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let x): rc = sqlite3_bind_int64(handle, index, x)
            case .real(let x): rc = sqlite3_bind_double(handle, index, x)
            // Explicit byte length: with -1 SQLite would stop at the first NUL.
            case .text(let s): rc = sqlite3_bind_text(handle, index, s, Int32(s.utf8.count), SQLITE_TRANSIENT)
            case .blob(let b):
                rc = b.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), SQLITE_TRANSIENT) }
            }
            guard rc == SQLITE_OK else { throw database.lastError(sql: sql) }
        }
    }

    /// Advances to the next row; false when done. Resets itself on error.
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.lastError(sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Steps until done, then resets: for statements that return no rows.
    public func runToCompletion() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Column `i` as an integer (0 for NULL).
    public func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    /// Column `i` as an Int (0 for NULL).
    public func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(handle, i)) }
    /// Column `i` as an Int, or nil for NULL.
    public func optionalInt(_ i: Int32) -> Int? { isNull(i) ? nil : int(i) }
    /// True when column `i` is NULL.
    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    /// Column `i` as text, or nil for NULL.
    public func text(_ i: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, i) else { return nil }
        // By length, not up to the first NUL (column_bytes must follow column_text).
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, i))), as: UTF8.self)
    }
    /// Column `i` as bytes (empty for NULL or a zero-length blob).
    public func blob(_ i: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(handle, i))
        guard n > 0, let p = sqlite3_column_blob(handle, i) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: p, count: n))
    }
}

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer; Swift cannot import it.
let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
