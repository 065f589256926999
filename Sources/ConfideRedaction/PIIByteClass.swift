/// ASCII byte classification used by every detector.
///
/// Bytes ≥ 0x80 are never letters or digits here, so text in other scripts acts as a
/// boundary (Japanese glued to a phone number still lets the number be found).
enum PIIByteClass {
    static let plus: UInt8 = 0x2B, minus: UInt8 = 0x2D, dot: UInt8 = 0x2E, slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A, comma: UInt8 = 0x2C, space: UInt8 = 0x20, at: UInt8 = 0x40
    static let openParen: UInt8 = 0x28, closeParen: UInt8 = 0x29, hash: UInt8 = 0x23
    static let underscore: UInt8 = 0x5F, percent: UInt8 = 0x25, newline: UInt8 = 0x0A

    /// Whether `b` is an ASCII digit.
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    /// Whether `b` is an ASCII letter.
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    /// Whether the character ending just before `i` is a letter: an ASCII one, or one of two UTF-8 bytes (Latin-1's
    /// and Latin Extended's accented letters, Greek, Cyrillic; not U+0080–U+00BF's marks and spaces, `×`, `÷`). A
    /// keyword must not start after one: `tel` in `hôtel` is no phone word (twentieth session, split R's card misses:
    /// `Carte client de l'hôtel des ventes : …`). Three-byte characters (punctuation such as `’` and `–`, and CJK,
    /// which writes no spaces) stay boundaries.
    @inline(__always) static func letterEndsAt(_ v: PIIByteView, _ i: Int) -> Bool {
        let b = v[i - 1]
        if b < 0x80 { return isAlpha(b) }
        guard b < 0xC0 else { return false }
        let lead = v[i - 2]
        return lead >= 0xC3 && lead < 0xE0 && !(lead == 0xC3 && (b == 0x97 || b == 0xB7))
    }
    /// Whether `b` is an ASCII letter or digit.
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }
    /// Whether `b` is an ASCII hexadecimal digit.
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
    /// Whether `b` continues an identifier-like word (letter, digit, underscore).
    @inline(__always) static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == underscore }
    /// `b` lowercased if it is an ASCII capital letter.
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b &- 0x41 < 26) ? b | 0x20 : b }
    /// `b` uppercased if it is an ASCII small letter.
    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { (b &- 0x61 < 26) ? b & 0xDF : b }

    /// Byte length of a space-like separator at `i`, or 0: a space, a tab, a no-break space (U+00A0), the fixed-width
    /// spaces U+2000–U+200A (en, em, figure, thin, hair …), the narrow no-break space (U+202F) or the medium mathematical
    /// space (U+205F).
    ///
    /// French and German text often uses no-break spaces inside phone numbers, and a number pasted from a PDF or a
    /// typeset page is grouped by thin or narrow spaces (twenty-second session). Only the number, IBAN and context
    /// readers ask this; the word scanner keeps its own view of spaces.
    @inline(__always)
    static func spaceLength(_ v: PIIByteView, _ i: Int) -> Int {
        let b = v[i]
        // A tab too: a form's fields, pasted, are joined by tabs (`4539⇥1488⇥0343⇥6467`).
        if b == space || b == 0x09 { return 1 }
        if b == 0xC2 && v[i + 1] == 0xA0 { return 2 }
        if b == 0xE2 && ((v[i + 1] == 0x80 && (v[i + 2] == 0xAF || v[i + 2] <= 0x8A)) || (v[i + 1] == 0x81 && v[i + 2] == 0x9F)) { return 3 }
        return 0
    }

    /// Whether a currency sign starts at `i` ($, €, £, ¥, 円).
    static func currencyStarts(_ v: PIIByteView, _ i: Int) -> Bool {
        let b = v[i]
        if b == 0x24 { return true }
        if b == 0xC2 && (v[i + 1] == 0xA3 || v[i + 1] == 0xA5) { return true }
        if b == 0xE2 && v[i + 1] == 0x82 && v[i + 2] == 0xAC { return true }
        return b == 0xE5 && v[i + 1] == 0x86 && v[i + 2] == 0x86
    }

    /// Whether a prefix currency sign ($, €, £, ¥) ends just before `i`.
    static func currencyEnds(_ v: PIIByteView, _ i: Int) -> Bool {
        if v[i - 1] == 0x24 { return true }
        if v[i - 2] == 0xC2 && (v[i - 1] == 0xA3 || v[i - 1] == 0xA5) { return true }
        return v[i - 3] == 0xE2 && v[i - 2] == 0x82 && v[i - 1] == 0xAC
    }

    /// Whether a candidate may begin at `i`: it does not continue a word or a number.
    ///
    /// `A-123456`, `INV-2024-00042` and `1,299.99` are continuations, so their inner digits
    /// never start a candidate. (`#123` may start one; see `continuesCode`.)
    static func isLeftBoundary(_ v: PIIByteView, _ i: Int) -> Bool {
        let prev = v[i - 1]
        if isWord(prev) || prev == at { return false }
        if (prev == minus || prev == slash) && isAlnum(v[i - 2]) { return false }
        if (prev == dot || prev == comma || prev == colon) && isDigit(v[i - 2]) { return false }
        return true
    }

    /// Whether the number at `i` continues an identifier: it follows `#`, or a space after a
    /// token mixing digits and capital letters (`1Z 999 AA1 01 2345 6784`, `A12 3456 7890`).
    /// Lowercase tokens such as `5pm` or `2nd` do not count.
    static func continuesCode(_ v: PIIByteView, _ i: Int) -> Bool {
        if v[i - 1] == hash { return true }
        guard v[i - 1] == space else { return false }
        var k = i - 2
        var digits = false, capitals = false
        while k >= 0 && i - k < 20 && isAlnum(v[k]) {
            let b = v[k]
            if isDigit(b) { digits = true } else if b &- 0x41 < 26 { capitals = true } else { return false }
            k -= 1
        }
        return digits && capitals
    }

    /// Whether a numeric candidate may end at `e`: the token does not go on.
    ///
    /// Rejects `1.299,00`, `14:30`, `12%`, `123abc` and amounts followed by a currency sign.
    static func isRightBoundary(_ v: PIIByteView, _ e: Int) -> Bool {
        let b = v[e]
        if isWord(b) || b == at || b == percent { return false }
        if (b == dot || b == comma || b == colon || b == slash || b == minus) && isDigit(v[e + 1]) {
            return false
        }
        if currencyStarts(v, e) { return false }
        let gap = spaceLength(v, e)
        return gap == 0 || !currencyStarts(v, e + gap)
    }

    /// Whether the eight bytes at `i` (which must be in the buffer) are all ASCII.
    @inline(__always)
    static func asciiWord(_ v: PIIByteView, at i: Int) -> Bool {
        UnsafeRawPointer(v.base.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
    }
}
