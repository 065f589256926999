/// Compact JSON writer: no whitespace, members in order, output always strict RFC 8259 JSON.
///
/// Replies go out one per line, so the output must never contain a raw newline and must be
/// readable by `JSONParser` (and any strict peer) back to an equal value.
public enum JSONWriter {
    /// Appends the compact JSON text of `value` to `buffer`.
    ///
    /// The allocation-free path: a connection can reuse one buffer for every reply. Recurses
    /// once per nesting level, which parsed values bound by the parser's `maxDepth`.
    /// Strings escape only `"`, `\` and control characters below U+0020 (`\n` `\r` `\t` `\b` `\f`
    /// in short form, others as `\u00XX`); `/` and non-ASCII are written raw as UTF-8.
    public static func write(_ value: JSONValue, into buffer: inout [UInt8]) {
        switch value {
        case .null:
            appendLiteral("null", &buffer)
        case .bool(let b):
            appendLiteral(b ? "true" : "false", &buffer)
        case .number(let literal):
            writeNumber(literal, into: &buffer)
        case .string(let s):
            writeString(s, into: &buffer)
        case .array(let elements):
            buffer.append(0x5B)
            var first = true
            for element in elements {
                if !first { buffer.append(0x2C) }
                first = false
                write(element, into: &buffer)
            }
            buffer.append(0x5D)
        case .object(let object):
            buffer.append(0x7B)
            var first = true
            for member in object {
                if !first { buffer.append(0x2C) }
                first = false
                writeString(member.key, into: &buffer)
                buffer.append(0x3A)
                write(member.value, into: &buffer)
            }
            buffer.append(0x7D)
        case .fragment(let fragment):
            buffer.append(contentsOf: fragment.bytes)
        }
    }

    /// The compact JSON text of `value` as bytes.
    ///
    /// Convenient when the caller does not keep a buffer of its own.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(128)
        write(value, into: &buffer)
        return buffer
    }

    /// The compact JSON text of `value` as a string.
    ///
    /// For logs, tests and error messages.
    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    @inline(__always)
    private static func appendLiteral(_ word: StaticString, _ buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// Writes a number literal as is, or `null` if a hand-built literal is not valid JSON.
    private static func writeNumber(_ literal: String, into buffer: inout [UInt8]) {
        var literal = literal
        literal.withUTF8 { u in
            guard let base = u.baseAddress, u.count > 0,
                  ByteRules.numberLength(UnsafeRawPointer(base), 0, u.count) == u.count else {
                appendLiteral("null", &buffer)
                return
            }
            buffer.append(contentsOf: u)
        }
    }

    /// Writes `s` as a quoted JSON string, copying unescaped runs in bulk.
    private static func writeString(_ s: String, into buffer: inout [UInt8]) {
        buffer.append(0x22)
        var s = s
        s.withUTF8 { u in
            var runStart = 0
            var i = 0
            let n = u.count
            while i < n {
                // Skip 8 bytes at a time while none needs escaping (SWAR test for a byte
                // below 0x20, a quote, or a backslash).
                while i + 8 <= n {
                    let w = UnsafeRawPointer(u.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if JSONWriter.wordNeedsEscape(w) { break }
                    i += 8
                }
                guard i < n else { break }
                let b = u[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C {
                    i += 1
                    continue
                }
                if i > runStart { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i])) }
                appendEscape(for: b, into: &buffer)
                i += 1
                runStart = i
            }
            if n > runStart { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<n])) }
        }
        buffer.append(0x22)
    }

    /// True when some byte of `w` is below 0x20, a quote, or a backslash.
    @inline(__always)
    static func wordNeedsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below20 = (w &- ones &* 0x20) & ~w & highs != 0
        return below20 || hasZero(w ^ (ones &* 0x22)) || hasZero(w ^ (ones &* 0x5C))
    }

    private static func appendEscape(for b: UInt8, into buffer: inout [UInt8]) {
        let short: UInt8
        switch b {
        case 0x22: short = 0x22
        case 0x5C: short = 0x5C
        case 0x0A: short = 0x6E
        case 0x0D: short = 0x72
        case 0x09: short = 0x74
        case 0x08: short = 0x62
        case 0x0C: short = 0x66
        default:
            // Only 0x00–0x1F get here: \u00 followed by two lowercase hex digits.
            let low = b & 0xF
            appendLiteral(b < 0x10 ? "\\u000" : "\\u001", &buffer)
            buffer.append(low < 10 ? 0x30 + low : 0x57 + low)
            return
        }
        buffer.append(0x5C)
        buffer.append(short)
    }
}
