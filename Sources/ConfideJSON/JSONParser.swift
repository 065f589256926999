import Glibc
/// Why a byte sequence is not accepted as strict JSON, and where.
///
/// The daemon turns this into a JSON-RPC -32700 reply, so `reason` is always valid UTF-8 and
/// never copies raw input (except a duplicate member name, which is a decoded, valid string).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset into the input where the problem was detected.
    ///
    /// Lets logs and tests point at the exact spot without echoing the input itself.
    public let offset: Int
    /// Human-readable cause, e.g. `trailing comma` or `duplicate member name "id"`.
    ///
    /// Safe to put in a reply or a log line as is.
    public let reason: String

    /// Creates an error at `offset` with `reason`.
    ///
    /// Public so callers (and tests) can build expected values to compare against.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// The reason followed by the offset, e.g. `trailing comma at byte 12`.
    ///
    /// Gives one readable line for logs.
    public var description: String { "\(reason) at byte \(offset)" }
}

/// Strict RFC 8259 JSON parser: accepts exactly one JSON value surrounded by optional whitespace.
///
/// The daemon must refuse anything that is not strict JSON (bad UTF-8, BOM, comments, trailing
/// commas, NaN, duplicate names, excessive nesting…) without ever crashing, so everything here
/// is validated byte by byte and nesting is tracked on an explicit stack, not the call stack.
public enum JSONParser {
    /// Parses one JSON value from raw bytes.
    ///
    /// The primary entry point: works directly on a socket read buffer without copying.
    /// Containers nested deeper than `maxDepth` are an error (a value of depth `maxDepth` is
    /// fine); keep it modest, since very deep values are also costly to destroy. More than
    /// `maxValues` values in all (containers and scalars alike) is an error too: a value
    /// costs tens of bytes in memory against two in the text (`[0,0,…]`).
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 512, maxValues: Int = .max) throws(JSONParseError) -> JSONValue {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw JSONParseError(offset: 0, reason: "empty input")
        }
        var parser = Parser(base: base, count: bytes.count, maxDepth: maxDepth, maxValues: maxValues)
        return try parser.parseDocument()
    }

    /// Parses one JSON value from a byte array.
    ///
    /// Convenience for callers that already hold the line as `[UInt8]`.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 512, maxValues: Int = .max) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) -> JSONValue in try parse(raw, maxDepth: maxDepth, maxValues: maxValues) }
        }
        return try result.get()
    }

    /// Parses one JSON value from a string's UTF-8.
    ///
    /// Convenience for tests and literals; a Swift string is already valid UTF-8, but a leading
    /// U+FEFF is still rejected as a byte-order mark.
    public static func parse(_ string: String, maxDepth: Int = 512) throws(JSONParseError) -> JSONValue {
        var string = string
        let result: Result<JSONValue, JSONParseError> = string.withUTF8 { utf8 in
            Result { () throws(JSONParseError) -> JSONValue in
                try parse(UnsafeRawBufferPointer(utf8), maxDepth: maxDepth)
            }
        }
        return try result.get()
    }
}

/// One open container on the parser's explicit stack.
struct Frame {
    var isObject: Bool
    var elements: [JSONValue] = []
    var members: [(key: String, value: JSONValue)] = []
    var pendingKey: String = ""
    /// Built once an object has more than `Parser.linearKeyLimit` members, so duplicate
    /// detection stays O(1) per member for huge objects.
    var keyIndex: Set<ExactKey>? = nil

    init(isObject: Bool) { self.isObject = isObject }
}

/// The parsing state over one input buffer.
struct Parser {
    /// Objects up to this many members are checked for duplicates by linear scan (fastest for
    /// JSON-RPC sized objects); larger ones switch to a hash set.
    static let linearKeyLimit = 12

    let p: UnsafeRawPointer
    let end: Int
    let maxDepth: Int
    let maxValues: Int
    /// Values begun so far, checked against `maxValues`.
    var values = 0
    var pos = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(base: UnsafeRawPointer, count: Int, maxDepth: Int, maxValues: Int = .max) {
        self.p = base
        self.end = count
        self.maxDepth = maxDepth
        self.maxValues = maxValues
    }

    @inline(__always) func byte(_ i: Int) -> UInt8 { p.load(fromByteOffset: i, as: UInt8.self) }

    @inline(__always) mutating func skipWhitespace() {
        while pos < end {
            let b = byte(pos)
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if end >= 3, byte(0) == 0xEF, byte(1) == 0xBB, byte(2) == 0xBF {
            throw JSONParseError(offset: 0, reason: "byte order mark is not allowed")
        }
        let value = try parseValueTree()
        skipWhitespace()
        if pos < end {
            throw JSONParseError(offset: pos, reason: "\(describeByte(at: pos)) after the value")
        }
        return value
    }

    /// Parses a complete value, keeping open containers on `frames` instead of recursing.
    mutating func parseValueTree() throws(JSONParseError) -> JSONValue {
        var frames: [Frame] = []
        while true {
            // Expecting the start of a value.
            skipWhitespace()
            guard pos < end else { throw unexpectedEnd() }
            values += 1
            guard values <= maxValues else { throw JSONParseError(offset: pos, reason: "more than \(maxValues) values") }
            var value: JSONValue
            switch byte(pos) {
            case 0x7B, 0x5B:  // { [
                let isObject = byte(pos) == 0x7B
                guard frames.count < maxDepth else {
                    throw JSONParseError(offset: pos, reason: "nesting deeper than \(maxDepth)")
                }
                pos += 1
                skipWhitespace()
                guard pos < end else { throw unexpectedEnd() }
                if byte(pos) == (isObject ? 0x7D : 0x5D) {
                    pos += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    var frame = Frame(isObject: isObject)
                    if isObject {
                        let key = try parseMemberName(frame: &frame)
                        frame.pendingKey = key
                    }
                    frames.append(frame)
                    continue
                }
            case 0x22: value = .string(try parseString())
            case 0x74: try expectLiteral("true"); value = .bool(true)
            case 0x66: try expectLiteral("false"); value = .bool(false)
            case 0x6E: try expectLiteral("null"); value = .null
            case 0x2D, 0x30...0x39: value = .number(try parseNumber())
            default: throw unexpectedValueStart()
            }

            // Have a complete value: attach it to the open container, closing containers as
            // long as their closing bracket follows.
            while true {
                guard !frames.isEmpty else { return value }
                let top = frames.count - 1
                if frames[top].isObject {
                    frames[top].members.append((key: frames[top].pendingKey, value: value))
                } else {
                    frames[top].elements.append(value)
                }
                skipWhitespace()
                guard pos < end else { throw unexpectedEnd() }
                let b = byte(pos)
                if b == 0x2C {  // ,
                    pos += 1
                    skipWhitespace()
                    if pos < end, byte(pos) == 0x5D || byte(pos) == 0x7D {
                        throw JSONParseError(offset: pos, reason: "trailing comma")
                    }
                    if frames[top].isObject {
                        let key = try parseMemberName(frame: &frames[top])
                        frames[top].pendingKey = key
                    }
                    break
                }
                let isObject = frames[top].isObject
                guard b == (isObject ? 0x7D : 0x5D) else {
                    let expected = isObject ? "',' or '}'" : "',' or ']'"
                    throw JSONParseError(offset: pos, reason: "expected \(expected), found \(describeByte(at: pos))")
                }
                pos += 1
                let frame = frames.removeLast()
                value = isObject ? .object(JSONObject(uniqueMembers: frame.members)) : .array(frame.elements)
            }
        }
    }

    /// Parses `"name" :` (whitespace allowed around the colon) and rejects a name already present.
    mutating func parseMemberName(frame: inout Frame) throws(JSONParseError) -> String {
        skipWhitespace()
        guard pos < end else { throw unexpectedEnd() }
        guard byte(pos) == 0x22 else {
            throw JSONParseError(offset: pos, reason: "expected a member name string, found \(describeByte(at: pos))")
        }
        let nameOffset = pos
        let name = try parseString()
        try checkUnique(name, in: &frame, offset: nameOffset)
        skipWhitespace()
        guard pos < end else { throw unexpectedEnd() }
        guard byte(pos) == 0x3A else {
            throw JSONParseError(offset: pos, reason: "expected ':', found \(describeByte(at: pos))")
        }
        pos += 1
        return name
    }

    func checkUnique(_ name: String, in frame: inout Frame, offset: Int) throws(JSONParseError) {
        let count = frame.members.count
        var duplicate = false
        if count <= Parser.linearKeyLimit {
            for member in frame.members where ExactKey.equal(member.key, name) {
                duplicate = true
                break
            }
        } else {
            if frame.keyIndex == nil {
                var index = Set<ExactKey>(minimumCapacity: count * 2)
                for member in frame.members { index.insert(ExactKey(member.key)) }
                frame.keyIndex = index
            }
            duplicate = !frame.keyIndex!.insert(ExactKey(name)).inserted
        }
        if duplicate {
            throw JSONParseError(offset: offset, reason: "duplicate member name \(quotedForMessage(name))")
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        for i in 0..<n {
            guard pos + i < end else { throw unexpectedEnd() }
            guard byte(pos + i) == w[i] else {
                throw JSONParseError(offset: pos + i, reason: "invalid literal, expected \(word)")
            }
        }
        pos += n
    }

    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = pos
        let length = ByteRules.numberLength(p, pos, end)
        if length < 0 {
            let bad = start + (-length - 1)
            if bad >= end { throw unexpectedEnd() }
            throw JSONParseError(offset: bad, reason: "invalid number, unexpected \(describeByte(at: bad))")
        }
        pos += length
        if pos < end, byte(pos) &- 0x30 < 10 {
            // Only a lone leading "0" (or "-0") can stop before a digit.
            throw JSONParseError(offset: start, reason: "leading zero in number")
        }
        return String(decoding: UnsafeRawBufferPointer(start: p + start, count: length), as: UTF8.self)
    }

    func unexpectedEnd() -> JSONParseError {
        JSONParseError(offset: end, reason: "unexpected end of input")
    }

    func unexpectedValueStart() -> JSONParseError {
        let reason: String
        switch byte(pos) {
        case 0x2F: reason = "comments are not allowed"
        case 0x4E, 0x49: reason = "NaN and Infinity are not allowed"
        case 0x2B: reason = "numbers may not start with '+'"
        case 0x2E: reason = "numbers need a digit before '.'"
        case 0x27: reason = "strings must use double quotes"
        case 0x5D, 0x7D, 0x2C: reason = "expected a value, found \(describeByte(at: pos))"
        default: reason = "\(describeByte(at: pos)) where a value was expected"
        }
        return JSONParseError(offset: pos, reason: reason)
    }

    /// Names a byte without echoing it raw: printable ASCII as `'x'`, anything else in hex.
    func describeByte(at i: Int) -> String {
        let b = byte(i)
        if b >= 0x21 && b < 0x7F {
            return "unexpected character '\(Character(Unicode.Scalar(b)))'"
        }
        let hex = String(b, radix: 16, uppercase: true)
        return "unexpected byte 0x\(b < 0x10 ? "0" : "")\(hex)"
    }

    /// Quotes a decoded member name as a JSON string, shortened if long.
    func quotedForMessage(_ name: String) -> String {
        let short = name.count > 64 ? String(name.prefix(64)) + "…" : name
        return JSONWriter.string(.string(short))
    }
}

/// A member name compared and hashed by its exact UTF-8 bytes (code points), not by Swift's
/// canonical equivalence, so `"é"` (NFC) and `"e\u{301}"` (NFD) stay distinct names as RFC 8259
/// intends.
struct ExactKey: Hashable {
    let name: String
    init(_ name: String) { self.name = name }

    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a, b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0 } }
    }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool { equal(lhs.name, rhs.name) }

    func hash(into hasher: inout Hasher) {
        var name = name
        name.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
