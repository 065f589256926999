/// String scanning for `Parser`: validates UTF-8 while scanning and builds each `String` once.
///
/// Kept apart from the structural parser because it is the hottest loop (message texts are
/// most of a request's bytes) and carries its own escape and surrogate rules.
extension Parser {
    /// Parses the string whose opening quote is at `pos`, leaving `pos` after the closing quote.
    ///
    /// Strings without escapes (the common case) are validated in place and converted with a
    /// single copy; the first backslash switches to `parseEscapedString`.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = pos
        pos += 1
        let start = pos
        while true {
            while pos + 8 <= end,
                  ByteRules.isPlainStringWord(p.loadUnaligned(fromByteOffset: pos, as: UInt64.self)) {
                pos += 8
            }
            guard pos < end else { throw unterminatedString(open) }
            let b = byte(pos)
            if b == 0x22 {
                let s = makeString(from: start, to: pos)
                pos += 1
                return s
            }
            if b == 0x5C { return try parseEscapedString(open: open, start: start) }
            try advanceOverPlainByte(b)
        }
    }

    /// Continues a string from its first backslash, assembling the decoded bytes in `scratch`.
    private mutating func parseEscapedString(open: Int, start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while true {
            while pos + 8 <= end,
                  ByteRules.isPlainStringWord(p.loadUnaligned(fromByteOffset: pos, as: UInt64.self)) {
                pos += 8
            }
            guard pos < end else { throw unterminatedString(open) }
            let b = byte(pos)
            if b == 0x22 {
                flushRun(from: runStart)
                pos += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if b == 0x5C {
                flushRun(from: runStart)
                try appendEscape()
                runStart = pos
                continue
            }
            try advanceOverPlainByte(b)
        }
    }

    /// Steps over one unescaped character starting with byte `b` (not `"` or `\`), checking it.
    @inline(__always)
    private mutating func advanceOverPlainByte(_ b: UInt8) throws(JSONParseError) {
        if b < 0x20 {
            throw JSONParseError(offset: pos, reason: "unescaped control character in string")
        }
        if b < 0x80 {
            pos += 1
            return
        }
        let n = ByteRules.utf8SequenceLength(p, pos, end)
        guard n > 0 else { throw JSONParseError(offset: pos, reason: "invalid UTF-8") }
        pos += n
    }

    /// Builds a `String` from already validated input bytes.
    @inline(__always)
    private func makeString(from start: Int, to stop: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: p + start, count: stop - start), as: UTF8.self)
    }

    /// Copies the validated input bytes `runStart..<pos` into `scratch`.
    @inline(__always)
    private mutating func flushRun(from runStart: Int) {
        if pos > runStart {
            scratch.append(contentsOf: UnsafeRawBufferPointer(start: p + runStart, count: pos - runStart))
        }
    }

    /// Decodes the escape at `pos` (a backslash) into `scratch` and moves past it.
    private mutating func appendEscape() throws(JSONParseError) {
        guard pos + 1 < end else { throw unexpectedEnd() }
        let decoded: UInt8
        switch byte(pos + 1) {
        case 0x22: decoded = 0x22
        case 0x5C: decoded = 0x5C
        case 0x2F: decoded = 0x2F
        case 0x62: decoded = 0x08
        case 0x66: decoded = 0x0C
        case 0x6E: decoded = 0x0A
        case 0x72: decoded = 0x0D
        case 0x74: decoded = 0x09
        case 0x75:
            try appendUnicodeEscape()
            return
        default:
            throw JSONParseError(offset: pos, reason: "invalid escape sequence")
        }
        scratch.append(decoded)
        pos += 2
    }

    /// Decodes `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, at `pos` into UTF-8 in `scratch`.
    ///
    /// A lone surrogate is an error: a Swift `String` cannot represent one, and replacing it
    /// silently would change the data.
    private mutating func appendUnicodeEscape() throws(JSONParseError) {
        let unit = try hexUnit(at: pos + 2, escapeAt: pos)
        var scalar: UInt32
        switch unit {
        case 0xD800...0xDBFF:
            let second = pos + 6
            guard second + 1 < end, byte(second) == 0x5C, byte(second + 1) == 0x75 else {
                throw JSONParseError(offset: pos, reason: "unpaired surrogate \(escapeText(unit)) in string")
            }
            let low = try hexUnit(at: second + 2, escapeAt: second)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONParseError(offset: pos, reason: "unpaired surrogate \(escapeText(unit)) in string")
            }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            pos += 12
        case 0xDC00...0xDFFF:
            throw JSONParseError(offset: pos, reason: "unpaired surrogate \(escapeText(unit)) in string")
        default:
            scalar = unit
            pos += 6
        }
        if scalar < 0x80 {
            scratch.append(UInt8(scalar))
        } else if scalar < 0x800 {
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        } else if scalar < 0x10000 {
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Reads the four hex digits at `i` of the `\u` escape that starts at `escapeAt`.
    private func hexUnit(at i: Int, escapeAt: Int) throws(JSONParseError) -> UInt32 {
        guard i + 4 <= end else { throw unexpectedEnd() }
        var value: UInt32 = 0
        for k in i..<(i + 4) {
            let b = byte(k)
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x37
            case 0x61...0x66: digit = b - 0x57
            default:
                throw JSONParseError(offset: escapeAt, reason: "invalid \\u escape, expected 4 hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func escapeText(_ unit: UInt32) -> String {
        let hex = String(unit, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private func unterminatedString(_ open: Int) -> JSONParseError {
        JSONParseError(offset: open, reason: "unterminated string")
    }
}
