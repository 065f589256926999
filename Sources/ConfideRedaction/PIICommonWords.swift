/// Whether a capitalized word is a word of the language: the signal that tells an unlisted
/// name (`Auberon`, `Brodesser`) from a word that only starts a sentence or names a thing
/// (`Brilliant`, `Klingel`, `Netflix`), which no name list can give (issue 22).
///
/// The words are those of Debian's word lists of the six languages (`Gazetteers/README.md`;
/// wdutch less the gazetteer's names), about 1.33 million, kept as a Bloom filter of 2^24
/// bits (2 MiB, `CommonWordData`) over `PIIGazetteer.hash`: a lookup is seven bit reads and
/// allocates nothing. Lower-case entries are stored under their hash, capitalized-only ones
/// (German nouns, brands, places) under the hash XOR a salt. A word in no list reads as
/// listed with a probability of about 0.3 % a lookup (the compound test makes up to about
/// twenty), so an unlisted name is seldom taken for a word; a listed word is never missed.
enum PIICommonWords {
    /// What the word lists say of a word.
    enum Status: UInt8 {
        /// In no list.
        case unknown = 0
        /// Listed in lower case: a word of the language (`brilliant`, `rose`).
        case common = 1
        /// Listed only with a capital: a German noun, a brand, a place (`Klingel`, `Netflix`).
        case capitalizedOnly = 2
        /// In no list, but it ends in a listed word of five letters or more after three or
        /// more of its own, in one of four after a listed word, or after a hyphen in one of
        /// four or more (`Tierarztrechnung`, `Paketbote`, `Nanny-Abrechnung`; also many German
        /// surnames: `Brausewetter`).
        case compound = 3
    }

    /// The filter's bytes, decoded once.
    private static let bytes: [UInt8] = decodeBase64(CommonWordData.filter)
    private static let shift = UInt64(64 - CommonWordData.bits)

    /// The status of the word whose folded hash is `hash` (without the compound test).
    @inline(__always)
    static func status(_ hash: UInt64) -> Status {
        if contains(hash) { return .common }
        if contains(hash ^ CommonWordData.capitalizedSalt) { return .capitalizedOnly }
        return .unknown
    }

    /// The status of `v[range]`, with the compound test for a word in no list.
    static func status(_ v: PIIByteView, _ range: Range<Int>, hash: UInt64) -> Status {
        let direct = status(hash)
        guard direct == .unknown, range.count >= 7 else { return direct }
        // A suffix starting at a letter boundary (not a UTF-8 continuation byte), at least three
        // bytes in, at least five bytes long, or four after a hyphen or after a listed word: a
        // short one alone is too often a name's own ending (`Placidus` ends in Spanish `idus`).
        // Words are short, so this is a bounded number of hashes.
        var start = range.lowerBound + 3
        let lastStart = range.upperBound - 4
        while start <= lastStart && start - range.lowerBound <= 24 {
            let b = v.base[start]
            if b & 0xC0 != 0x80 {
                let hyphen = b == 0x2D  // `Nanny-Abrechnung`: the part after the hyphen
                let suffixStart = hyphen ? start + 1 : start
                let length = range.upperBound - suffixStart
                if length >= 4 && status(PIIGazetteer.hash(v, suffixStart..<range.upperBound)) != .unknown
                    && (hyphen || length >= 5 || status(PIIGazetteer.hash(v, range.lowerBound..<start)) != .unknown) {
                    return .compound
                }
            }
            start += 1
        }
        return .unknown
    }

    @inline(__always)
    static func contains(_ key: UInt64) -> Bool {
        let a = mix(key)
        let b = mix(a) | 1
        var position = a
        return bytes.withUnsafeBufferPointer { table in
            for _ in 0..<CommonWordData.probes {
                let bit = Int(truncatingIfNeeded: position >> shift)
                if table[bit >> 3] & (1 << UInt8(bit & 7)) == 0 { return false }
                position = position &+ b
            }
            return true
        }
    }

    /// SplitMix64's finalizer (the generator script computes the same positions).
    @inline(__always)
    private static func mix(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E3779B97F4A7C15
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    /// Standard base64 (newlines skipped); the module has no Foundation.
    static func decodeBase64(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3 / 4)
        var accumulator: UInt32 = 0, count = 0
        for c in text.utf8 {
            let value: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            default: continue  // newlines and `=` padding
            }
            accumulator = accumulator << 6 | value
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        if count == 3 {
            out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        } else if count == 2 {
            out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        }
        return out
    }
}
