/// Byte-level checks shared by the parser and the writer: UTF-8 well-formedness and the
/// RFC 8259 number grammar.
///
/// They work on raw pointers with explicit bounds so the hot path never builds intermediate
/// collections, and so both directions (parse and write) agree on exactly one definition.
enum ByteRules {
    /// Length of the well-formed UTF-8 sequence starting at `p[pos]` whose lead byte is
    /// non-ASCII, or 0 if the bytes are not well-formed.
    ///
    /// Follows Unicode Table 3-7 exactly, so overlong forms, encoded surrogates (U+D800–DFFF),
    /// code points above U+10FFFF, stray continuation bytes and truncated sequences all give 0.
    @inline(__always)
    static func utf8SequenceLength(_ p: UnsafeRawPointer, _ pos: Int, _ end: Int) -> Int {
        let b0 = p.load(fromByteOffset: pos, as: UInt8.self)
        switch b0 {
        case 0xC2...0xDF:
            guard pos + 1 < end, isContinuation(p, pos + 1) else { return 0 }
            return 2
        case 0xE0...0xEF:
            guard pos + 2 < end else { return 0 }
            let b1 = p.load(fromByteOffset: pos + 1, as: UInt8.self)
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lo, b1 <= hi, isContinuation(p, pos + 2) else { return 0 }
            return 3
        case 0xF0...0xF4:
            guard pos + 3 < end else { return 0 }
            let b1 = p.load(fromByteOffset: pos + 1, as: UInt8.self)
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard b1 >= lo, b1 <= hi, isContinuation(p, pos + 2), isContinuation(p, pos + 3) else {
                return 0
            }
            return 4
        default:
            // 0x80–0xC1 (continuation or overlong 2-byte lead) and 0xF5–0xFF never start a sequence.
            return 0
        }
    }

    /// Whether `p[pos]` is a UTF-8 continuation byte (10xxxxxx).
    @inline(__always)
    static func isContinuation(_ p: UnsafeRawPointer, _ pos: Int) -> Bool {
        p.load(fromByteOffset: pos, as: UInt8.self) & 0xC0 == 0x80
    }

    /// Whether eight bytes hold nothing a JSON string scanner must stop for: `"`, `\`, a control
    /// character below 0x20, or a non-ASCII byte.
    ///
    /// Checks a whole word at once (SWAR) so long ASCII strings are scanned about eight times
    /// faster than byte by byte.
    @inline(__always)
    static func isPlainStringWord(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Any byte >= 0x80, or any byte < 0x20 (exact when no byte has its high bit set).
        var bad = w | ((w &- ones &* 0x20) & ~w)
        let quote = w ^ (ones &* 0x22)
        bad |= (quote &- ones) & ~quote
        let slash = w ^ (ones &* 0x5C)
        bad |= (slash &- ones) & ~slash
        return bad & highs == 0
    }

    /// Length of the RFC 8259 number starting at `p[pos]`, or a negative value `-(k + 1)` where
    /// `k` is the offset of the first byte that breaks the grammar.
    ///
    /// The grammar is `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; the byte after the
    /// number is not inspected, the caller decides what may follow.
    static func numberLength(_ p: UnsafeRawPointer, _ pos: Int, _ end: Int) -> Int {
        var i = pos
        @inline(__always) func byte(_ i: Int) -> UInt8 {
            i < end ? p.load(fromByteOffset: i, as: UInt8.self) : 0
        }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
        if byte(i) == 0x2D { i += 1 }
        let first = byte(i)
        if first == 0x30 {
            i += 1
        } else if isDigit(first) {
            i += 1
            while isDigit(byte(i)) { i += 1 }
        } else {
            return -(i - pos + 1)
        }
        if byte(i) == 0x2E {
            i += 1
            guard isDigit(byte(i)) else { return -(i - pos + 1) }
            while isDigit(byte(i)) { i += 1 }
        }
        if byte(i) | 0x20 == 0x65 {
            i += 1
            if byte(i) == 0x2B || byte(i) == 0x2D { i += 1 }
            guard isDigit(byte(i)) else { return -(i - pos + 1) }
            while isDigit(byte(i)) { i += 1 }
        }
        return i - pos
    }
}
