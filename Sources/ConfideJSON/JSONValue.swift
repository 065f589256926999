/// One JSON value, as parsed from or written to the wire.
///
/// Numbers are kept as their literal text so request ids echo back byte for byte and big
/// integers or long decimals lose no precision; conversions happen only when asked.
public enum JSONValue: Sendable, Equatable {
    /// The literal `null`.
    ///
    /// Distinct from a missing member, which the object subscript reports as Swift `nil`.
    case null
    /// `true` or `false`.
    ///
    /// Stored as a Swift `Bool` since there is nothing to preserve beyond the value.
    case bool(Bool)
    /// A number literal exactly as written (for example `-0`, `1.50`, `1E+2`), grammar-checked.
    ///
    /// Text, not a binary number, so ids and big integers survive a round trip unchanged. When
    /// built by hand the text should be a valid RFC 8259 number; the writer writes `null` for
    /// one that is not, so it can never emit invalid JSON.
    case number(String)
    /// A string, always valid Unicode (lone surrogates are rejected by the parser).
    ///
    /// Compared by exact code points, so NFC and NFD spellings are different values.
    case string(String)
    /// An ordered list of values.
    ///
    /// Plain Swift array; JSON arrays have no further constraints.
    case array([JSONValue])
    /// An object with ordered, unique member names.
    ///
    /// See `JSONObject`.
    case object(JSONObject)
    /// A value already encoded, written out as is (see `JSONFragment`).
    ///
    /// Only code builds these, never the parser. Equal only to a fragment of the same bytes:
    /// compare parsed values, not a fragment with the value it encodes.
    case fragment(JSONFragment)

    /// Whether two values are the same JSON: numbers compare by literal text, strings by exact
    /// code points, objects member by member in order.
    ///
    /// Custom rather than synthesized so strings are not compared by canonical equivalence.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return ExactKey.equal(a, b)
        case let (.string(a), .string(b)): return ExactKey.equal(a, b)
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        case let (.fragment(a), .fragment(b)): return a == b
        default: return false
        }
    }
}

extension JSONValue {
    /// A number from a Swift integer.
    ///
    /// The usual way to put ids, codes and counts into a reply.
    public static func int(_ v: Int) -> JSONValue { .number(String(v)) }

    /// A number from a finite Swift double, written in Swift's shortest round-trip form.
    ///
    /// JSON has no NaN or infinity, so a non-finite value is a programming error (precondition).
    public static func double(_ v: Double) -> JSONValue {
        precondition(v.isFinite, "JSONValue.double: JSON cannot represent \(v)")
        return .number(v.description)
    }

    /// The string, if this is a string.
    ///
    /// Typed access for fields such as `method` without a `switch`.
    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The boolean, if this is `true` or `false`.
    ///
    /// Typed access for flags.
    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    /// The integer, if this is an integer literal (no fraction or exponent) that fits `Int`.
    ///
    /// Strict on purpose: `12` gives 12, while `1.0`, `1e2` and out-of-range literals give nil,
    /// so a request can't smuggle a fractional or overflowing count past validation.
    public var intValue: Int? {
        guard case let .number(literal) = self else { return nil }
        var first = true
        for b in literal.utf8 {
            if first, b == 0x2D { first = false; continue }
            first = false
            guard b >= 0x30, b <= 0x39 else { return nil }
        }
        return Int(literal)
    }

    /// The number as the nearest `Double`, or nil if not a number or beyond `Double`'s range.
    ///
    /// For values where binary floating point is good enough, such as durations or scores.
    public var doubleValue: Double? {
        guard case let .number(literal) = self, let d = Double(literal), d.isFinite else { return nil }
        return d
    }

    /// The elements, if this is an array.
    ///
    /// Typed access for positional `params` and batches.
    public var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    /// The object, if this is an object.
    ///
    /// Typed access for requests and named `params`.
    public var objectValue: JSONObject? {
        if case let .object(o) = self { return o }
        return nil
    }

    /// Whether this is `null`.
    ///
    /// Quick check for the JSON-RPC `id: null` case.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value of `key` if this is an object containing it, otherwise nil.
    ///
    /// Shortens lookups like `request["params"]?["session"]` on parsed input.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON.
    ///
    /// Handy in logs and test failure messages.
    public var description: String { JSONWriter.string(self) }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// A string value from a literal.
    ///
    /// Lets replies be written as `["jsonrpc": "2.0"]`.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// A number value from an integer literal.
    ///
    /// Lets replies be written as `["code": -32601]`.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// A boolean value from a literal.
    ///
    /// Lets replies be written as `["ok": true]`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// An array value from a literal.
    ///
    /// Lets arrays be written as `[1, "two", nil]`.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object value from a literal, keeping the literal's member order.
    ///
    /// Lets objects be written inline; duplicate names are a programming error (precondition).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

extension JSONValue: ExpressibleByNilLiteral {
    /// `null` from the `nil` literal.
    ///
    /// Lets `"id": nil` mean JSON `null` inside literals.
    public init(nilLiteral: ()) { self = .null }
}
