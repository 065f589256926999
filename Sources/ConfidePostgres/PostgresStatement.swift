import CLibPQ

/// A value bound to a statement parameter, sent in PostgreSQL's binary format with its
/// type named, so the server never parses a key or ciphertext from text.
public enum PostgresValue: Sendable, Equatable {
    case null
    case int8(Int64)
    case text(String)
    case bytea([UInt8])
    case bool(Bool)

    /// Convenience for Int.
    public static func int(_ v: Int) -> PostgresValue { .int8(Int64(v)) }
    /// `.null` for nil, else the integer.
    public static func optionalInt(_ v: Int?) -> PostgresValue { v.map { .int8(Int64($0)) } ?? .null }
    /// `.null` for nil, else the bytes.
    public static func optionalBytea(_ v: [UInt8]?) -> PostgresValue { v.map { .bytea($0) } ?? .null }

    /// The type OID sent with the parameter; 0 (NULL) lets the server infer it.
    var typeOID: Oid {
        switch self {
        case .null: return 0
        case .int8: return PostgresType.int8
        case .text: return PostgresType.text
        case .bytea: return PostgresType.bytea
        case .bool: return PostgresType.bool
        }
    }

    /// Appends the binary wire form (`int8send`, `textsend`, `byteasend`, `boolsend`) to
    /// `buffer`; false for NULL, which has none.
    func appendBinary(to buffer: inout [UInt8]) -> Bool {
        switch self {
        case .null: return false
        case .int8(let x): withUnsafeBytes(of: x.bigEndian) { buffer.append(contentsOf: $0) }
        case .text(let s): buffer.append(contentsOf: s.utf8)
        case .bytea(let b): buffer.append(contentsOf: b)
        case .bool(let b): buffer.append(b ? 1 : 0)
        }
        return true
    }

    /// The length of the binary form (0 for NULL).
    var binaryCount: Int {
        switch self {
        case .null: return 0
        case .int8: return 8
        case .text(let s): return s.utf8.count
        case .bytea(let b): return b.count
        case .bool: return 1
        }
    }
}

/// The built-in type OIDs this wrapper sends and reads (pg_type.dat).
enum PostgresType {
    static let bool: Oid = 16
    static let bytea: Oid = 17
    static let name: Oid = 19
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let text: Oid = 25
    static let oid: Oid = 26
    static let bpchar: Oid = 1042
    static let varchar: Oid = 1043
}

/// A statement prepared on the server (`PQprepare`) under a name of this connection, for
/// one list of parameter types. Run with `PostgresConnection.run`/`query`, which cache it.
public final class PostgresStatement {
    /// The server-side name (`s1`, `s2`, ...).
    let name: String
    /// The SQL text, for error messages.
    public let sql: String
    /// The parameter types it was prepared for.
    let parameterTypes: [Oid]

    init(connection: PostgresConnection, name: String, sql: String, parameterTypes: [Oid]) throws {
        self.name = name
        self.sql = sql
        self.parameterTypes = parameterTypes
        let result = parameterTypes.withUnsafeBufferPointer {
            PQprepare(connection.handle, name, sql, Int32($0.count), $0.baseAddress)
        }
        _ = try connection.check(result, sql: sql)
    }
}

/// The rows of one statement, read in binary. Owns the `PGresult` and clears it on release.
public final class PostgresResult {
    let handle: OpaquePointer
    let sql: String?

    init(handle: OpaquePointer, sql: String?) {
        self.handle = handle
        self.sql = sql
    }

    deinit { PQclear(handle) }

    /// How many rows came back.
    public var rowCount: Int { Int(PQntuples(handle)) }
    /// Rows an INSERT/UPDATE/DELETE changed (`PQcmdTuples`), 0 for other statements.
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }
    /// Row `i`.
    public func row(_ i: Int) -> PostgresRow { PostgresRow(result: self, index: Int32(i)) }
}

/// One row of a result, read column by column in binary format. Reads check the column's
/// type: reading text as an integer is an error, not a garbage number.
public struct PostgresRow {
    let result: PostgresResult
    let index: Int32

    /// True when column `c` is NULL.
    public func isNull(_ c: Int32) -> Bool { PQgetisnull(result.handle, index, c) != 0 }

    /// Column `c` (int2, int4 or int8) as an integer; NULL is an error.
    public func int64(_ c: Int32) throws -> Int64 {
        guard let v = try optionalInt64(c) else { throw mismatch(c, "a NULL read as an integer") }
        return v
    }
    /// Column `c` as an Int; NULL is an error.
    public func int(_ c: Int32) throws -> Int { Int(try int64(c)) }
    /// Column `c` as an Int, or nil for NULL.
    public func optionalInt(_ c: Int32) throws -> Int? { try optionalInt64(c).map { Int($0) } }

    /// Column `c` (int2, int4, int8 or oid) as an integer, or nil for NULL.
    public func optionalInt64(_ c: Int32) throws -> Int64? {
        guard !isNull(c) else { return nil }
        let bytes = raw(c)
        let width: Int
        switch PQftype(result.handle, c) {
        case PostgresType.int8: width = 8
        case PostgresType.int4, PostgresType.oid: width = 4
        case PostgresType.int2: width = 2
        default: throw mismatch(c, "type \(PQftype(result.handle, c)) read as an integer")
        }
        guard bytes.count == width else { throw mismatch(c, "\(bytes.count) bytes for a \(width)-byte integer") }
        // Big-endian, sign-extended from the top byte.
        var v: Int64 = Int64(Int8(bitPattern: bytes[0]))
        for b in bytes.dropFirst() { v = v << 8 | Int64(b) }
        if PQftype(result.handle, c) == PostgresType.oid { v &= 0xFFFF_FFFF }
        return v
    }

    /// Column `c` (text, varchar, char, name) as a string, or nil for NULL.
    public func text(_ c: Int32) throws -> String? {
        guard !isNull(c) else { return nil }
        guard [PostgresType.text, PostgresType.varchar, PostgresType.bpchar, PostgresType.name].contains(PQftype(result.handle, c)) else {
            throw mismatch(c, "type \(PQftype(result.handle, c)) read as text")
        }
        return String(decoding: raw(c), as: UTF8.self)
    }

    /// Column `c` (bytea) as bytes, or nil for NULL (an empty bytea is `[]`, not nil).
    public func bytea(_ c: Int32) throws -> [UInt8]? {
        guard !isNull(c) else { return nil }
        guard PQftype(result.handle, c) == PostgresType.bytea else { throw mismatch(c, "type \(PQftype(result.handle, c)) read as bytea") }
        return raw(c)
    }

    /// Column `c` (bool), or nil for NULL.
    public func bool(_ c: Int32) throws -> Bool? {
        guard !isNull(c) else { return nil }
        guard PQftype(result.handle, c) == PostgresType.bool, PQgetlength(result.handle, index, c) == 1 else {
            throw mismatch(c, "type \(PQftype(result.handle, c)) read as bool")
        }
        return raw(c)[0] != 0
    }

    /// The column's bytes as the server sent them (binary format).
    private func raw(_ c: Int32) -> [UInt8] {
        let n = Int(PQgetlength(result.handle, index, c))
        guard n > 0, let p = PQgetvalue(result.handle, index, c) else { return [] }
        return UnsafeRawBufferPointer(start: p, count: n).map { $0 }
    }

    private func mismatch(_ c: Int32, _ what: String) -> PostgresError {
        PostgresError(message: "column \(c): \(what)", sql: result.sql)
    }
}
