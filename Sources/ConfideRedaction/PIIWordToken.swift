/// A word, number, punctuation mark or line break, for the word-level detectors.
///
/// Kept to 24 bytes (offsets as `Int32`, counts saturating at 255): a 2 KiB message has
/// ~400 tokens and the array is rebuilt for every message.
struct PIIWordToken {
    enum Kind: UInt8 { case word, number, punct, newline }
    /// `PIIGazetteer.hash` of the token (words and numbers).
    var hash: UInt64 = 0
    private var startOffset: Int32
    private var endOffset: Int32
    /// The gazetteer lists the word is in (`PIIGazetteer.Lexicon` bits).
    var lexicon: UInt16 = 0
    var kind: Kind
    /// The byte of a punctuation token.
    var byte: UInt8 = 0
    private var digitCount: UInt8 = 0
    private var letterCount: UInt8 = 0
    private var caseBits: UInt8 = 0

    init(start: Int, end: Int, kind: Kind, byte: UInt8 = 0) {
        startOffset = Int32(truncatingIfNeeded: start)
        endOffset = Int32(truncatingIfNeeded: end)
        self.kind = kind
        self.byte = byte
    }

    /// Byte offset of the first byte.
    var start: Int { Int(startOffset) }
    /// Byte offset one past the last byte.
    var end: Int { Int(endOffset) }
    /// Digits in the token (numbers; words such as `SW1A`), at most 255.
    var digits: Int {
        get { Int(digitCount) }
        set { digitCount = UInt8(clamping: newValue) }
    }
    /// Letters in the token, at most 255.
    var letters: Int {
        get { Int(letterCount) }
        set { letterCount = UInt8(clamping: newValue) }
    }
    /// First letter upper-case (ASCII or Latin-1).
    var capitalized: Bool {
        get { caseBits & 1 != 0 }
        set { caseBits = newValue ? caseBits | 1 : caseBits & ~1 }
    }
    /// Every ASCII letter upper-case and at least one letter.
    var allCaps: Bool {
        get { caseBits & 2 != 0 }
        set { caseBits = newValue ? caseBits | 2 : caseBits & ~2 }
    }

    /// Whether the word is in the list(s) `bits`.
    @inline(__always) func has(_ bits: PIIGazetteer.Lexicon) -> Bool { lexicon & bits.rawValue != 0 }

    /// Splits `v` into tokens in one pass. Words run over letters, digits, bytes ≥ 0x80 and
    /// an inner `'`, `’`, `-` or `.` between letters (`m'appelle`, `Jean-Luc`); numbers
    /// run over digits and may end in up to two letters (`221B`, `12a`).
    static func tokenize(_ v: PIIByteView) -> [PIIWordToken] {
        var out: [PIIWordToken] = []
        // Room for a token every three bytes, so a message dense in short words and punctuation
        // is not copied to a larger array mid-scan (at most 8 bytes a byte of input, freed after the scan).
        out.reserveCapacity(v.count / 3 + 8)
        let lexicon = PIIGazetteer.lexiconTable, lowercaseLexicon = PIIGazetteer.lowercaseLexiconTable
        let n = v.count
        var i = 0
        while i < n {
            let b = v.base[i]
            if b == PIIByteClass.newline {
                out.append(PIIWordToken(start: i, end: i + 1, kind: .newline))
                i += 1
            } else if b == PIIByteClass.space || b == 0x09 || b == 0x0D {
                i += 1
            } else if b == 0xC2 && v[i + 1] == 0xA0 {
                i += 2
            } else if PIIByteClass.isDigit(b) {
                var j = i
                while j < n && PIIByteClass.isDigit(v.base[j]) { j += 1 }
                let digitCount = j - i
                var k = j
                while k < n && k - j < 2 && PIIByteClass.isAlpha(v.base[k]) { k += 1 }
                if k < n && (PIIByteClass.isAlnum(v.base[k]) || v.base[k] >= 0x80) && !(v.base[k] == 0xC2 && v[k + 1] == 0xA0) && !(v.base[k] == 0xC2 && (v[k + 1] == 0xBA || v[k + 1] == 0xAA)) { k = j }
                if v[k] == 0xC2 && (v[k + 1] == 0xBA || v[k + 1] == 0xAA) { k += 2 }  // 3º, 2ª
                var t = PIIWordToken(start: i, end: k, kind: .number)
                t.digits = digitCount
                t.letters = k - j
                t.hash = PIIGazetteer.hash(v, i..<k)
                out.append(t)
                i = k
            } else if PIIByteClass.isAlpha(b) || b >= 0x80 {
                if b >= 0x80 && !isLetterLead(v, i) {
                    out.append(PIIWordToken(start: i, end: i + 1, kind: .punct, byte: b))
                    i += 1
                    continue
                }
                var j = i
                var letters = 0, digits = 0, upper = 0
                var latin1 = false, hyphen = false
                // The hash is computed in the same pass, folding exactly as `PIIGazetteer.hash`.
                var h: UInt64 = 0xcbf29ce484222325
                @inline(__always) func mix(_ x: UInt8) { h = (h ^ UInt64(x)) &* 0x100000001b3 }
                while j < n {
                    let c = v.base[j]
                    if c &- 0x61 < 26 {
                        // A lower-case ASCII letter, most bytes of a word: the branch below, shortened.
                        letters += 1
                        mix(c)
                        j += 1
                    } else if PIIByteClass.isAlpha(c) {
                        letters += 1
                        if c < 0x61 { upper += 1 }
                        mix(c | 0x20)
                        j += 1
                    } else if PIIByteClass.isDigit(c) {
                        digits += 1
                        mix(c)
                        j += 1
                    } else if c >= 0x80 && isLetterLead(v, j) {
                        letters += 1
                        mix(c)
                        if c == 0xC3 {
                            latin1 = true
                            let d = v[j + 1]
                            if d < 0x9F { upper += 1 }
                            mix((d >= 0x80 && d <= 0x9E && d != 0x97) ? d + 0x20 : d)
                            j += 2
                        } else {
                            j += 1
                            while j < n && v.base[j] & 0xC0 == 0x80 {
                                mix(v.base[j])
                                j += 1
                            }
                        }
                    } else if (c == 0x27 || c == PIIByteClass.minus) && isLetter(v, j + 1) && j > i {
                        if c == PIIByteClass.minus { hyphen = true }
                        mix(c)
                        j += 1
                    } else if c == 0xE2 && v[j + 1] == 0x80 && v[j + 2] == 0x99 && isLetter(v, j + 3) {
                        mix(0x27)
                        j += 3
                    } else {
                        break
                    }
                }
                var t = PIIWordToken(start: i, end: j, kind: .word)
                t.letters = letters
                t.digits = digits
                t.capitalized = PIIByteClass.isAlpha(b) ? b < 0x61 : (b == 0xC3 && v[i + 1] < 0x9F)
                t.allCaps = letters > 0 && upper == letters
                t.hash = h
                // Only a capitalized word can be a name: the others need only the small table.
                t.lexicon = t.capitalized ? lexicon.bits(h) : lowercaseLexicon.bits(h)
                // `latin1` and `hyphen` are tested first: most words are neither, and then no
                // branch waits for the table probe above (often a cache miss), so the scan goes on.
                if latin1 && t.lexicon == 0 {
                    // Names are written with and without accents (`Teófilo`, `Teofilo`); the
                    // lists hold one spelling, so an unknown accented word is looked up bare.
                    let bare = unaccentedHash(v, i..<j)
                    t.lexicon = t.capitalized ? lexicon.bits(bare) : lowercaseLexicon.bits(bare)
                }
                if hyphen && t.lexicon == 0 && t.capitalized && hyphenatedFirstName(v, i..<j, lexicon) {
                    t.lexicon = PIIGazetteer.Lexicon.firstNames.rawValue
                }
                out.append(t)
                i = j
            } else {
                out.append(PIIWordToken(start: i, end: i + 1, kind: .punct, byte: b))
                i += 1
            }
        }
        return out
    }

    /// Whether every part of a hyphenated word is a listed first name that is no common
    /// word (`Marie-France`, `Karl-Hermann`, `Gert-Jan`): the lists hold the parts, rarely
    /// the compound. At most four parts are read.
    static func hyphenatedFirstName(_ v: PIIByteView, _ range: Range<Int>, _ lexicon: PIIGazetteer.LexiconTable) -> Bool {
        var start = range.lowerBound, parts = 0
        let first = PIIGazetteer.Lexicon.firstNames.rawValue, common = PIIGazetteer.Lexicon.commonWordNames.rawValue
        for k in range.lowerBound...range.upperBound where k == range.upperBound || v.base[k] == PIIByteClass.minus {
            parts += 1
            guard parts <= 4, k > start else { return false }
            var bits = lexicon.bits(PIIGazetteer.hash(v, start..<k))
            if bits == 0 { bits = lexicon.bits(unaccentedHash(v, start..<k)) }
            guard bits & first != 0, bits & common == 0 else { return false }
            start = k + 1
        }
        return parts >= 2
    }

    /// `PIIGazetteer.hash` of the word with Latin-1 letters reduced to their base letter
    /// (`é` → `e`, `Ñ` → `n`, `ü` → `u`); `ß`, `æ`, `ø`, `þ` and other scripts are kept.
    static func unaccentedHash(_ v: PIIByteView, _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        @inline(__always) func mix(_ x: UInt8) { h = (h ^ UInt64(x)) &* 0x100000001b3 }
        var i = range.lowerBound
        while i < range.upperBound {
            let b = v.base[i]
            if b == 0xC3 && i + 1 < range.upperBound, let base = latin1Base[Int(v.base[i + 1] & 0x3F)] {
                mix(base)
                i += 2
                continue
            }
            if b == 0xE2 && v[i + 1] == 0x80 && v[i + 2] == 0x99 {
                mix(0x27)
                i += 3
                continue
            }
            if b == 0xC3 && i + 1 < range.upperBound {
                let c = v.base[i + 1]
                mix(b)
                mix((c >= 0x80 && c <= 0x9E && c != 0x97) ? c + 0x20 : c)
                i += 2
                continue
            }
            mix(PIIByteClass.lower(b))
            i += 1
        }
        return h
    }

    /// Base letter of `C3 80+x` and `C3 A0+x` (upper and lower case share the low bits); nil
    /// where the letter has no ASCII base.
    private static let latin1Base: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 64)
        let bases = "aaaaaa" + "?" + "c" + "eeee" + "iiii" + "?" + "n" + "ooooo" + "?" + "?" + "uuuu" + "y" + "??"
        for (k, ch) in bases.utf8.enumerated() where ch != UInt8(ascii: "?") {
            table[k] = ch
            table[k + 32] = ch
        }
        table[31] = nil  // ß
        table[63] = UInt8(ascii: "y")  // ÿ
        return table
    }()

    /// Whether the multi-byte character at `i` is a letter: Latin-1 Supplement and Latin
    /// Extended letters (`C3`–`C9` leads, except `×` `÷`), Greek and Cyrillic (`CE`–`D3`).
    @inline(__always)
    static func isLetterLead(_ v: PIIByteView, _ i: Int) -> Bool {
        let b = v[i]
        if b == 0xC3 { return v[i + 1] != 0x97 && v[i + 1] != 0xB7 }
        return b >= 0xC4 && b <= 0xD3
    }

    @inline(__always)
    static func isLetter(_ v: PIIByteView, _ i: Int) -> Bool {
        PIIByteClass.isAlpha(v[i]) || isLetterLead(v, i)
    }
}
