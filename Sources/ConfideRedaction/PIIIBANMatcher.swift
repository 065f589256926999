/// Recognises IBANs (`DE89 3704 0044 0532 0130 00`, compact or in groups of four).
///
/// The country code fixes the exact length, so the parser reads a bounded number of
/// characters (≤ 34 plus separators) and never guesses where the number ends.
enum PIIIBANMatcher {
    /// Outcome of reading an IBAN-shaped token.
    enum Result {
        /// Not IBAN-shaped; other detectors may try.
        case none
        /// A valid IBAN ending at `end`.
        case iban(end: Int)
        /// IBAN-shaped but wrong length or failing mod-97: skip it entirely so its digit
        /// groups are not mistaken for a card or phone.
        case rejected(end: Int)
    }

    /// Whether an IBAN in another layout than groups of four may start at `i`: two capitals, a space or a line break,
    /// and two digits (`DE 89 3704 …`, `DE 89370400440532013000`, `IBAN DE⏎84 3416 …`). The scanner asks before
    /// skipping a word.
    @inline(__always)
    static func spacedCountryCode(_ v: PIIByteView, at i: Int) -> Bool {
        PIIByteClass.isUpper(v[i]) && PIIByteClass.isUpper(v[i + 1]) && (v[i + 2] == PIIByteClass.space || v[i + 2] == PIIByteClass.newline)
            && PIIByteClass.isDigit(v[i + 3]) && PIIByteClass.isDigit(v[i + 4])
    }

    /// Reads an IBAN at `i`: two letters of a known country, two check digits, then the BBAN, compact, in groups of
    /// four (separated by single spaces, two spaces as copied from a form that spaced it out, `NL48  MGED  8407  4592
    /// 46`, or dashes), or in **any other grouping** (`DE 89 3704 0044 …` with the country code apart, `FR76 30006
    /// 00001 12345678901 89` as a statement prints the RIB, `IT60 X 05428 11101 000000123456`, groups joined by
    /// dashes, dots or ` - `, or broken over two lines): the country's length and mod 97 decide, not the layout (twenty-second session: split U,
    /// whose layouts no session had tuned on, left 46 % of its IBAN characters visible). In another layout than
    /// fours every letter has the country code's case, and a checksum that fails is no verdict (`.none`), so a
    /// look-alike hides nothing after it; what was read in fours before the layout changed is skipped whole when it
    /// spans three groups (`.rejected`), as before.
    static func match(_ v: PIIByteView, at i: Int, limit: Int) -> Result {
        guard PIIByteClass.isAlpha(v[i]), PIIByteClass.isAlpha(v[i + 1]) else { return .none }
        let spacedCode = spacedCountryCode(v, at: i)
        guard spacedCode || (PIIByteClass.isDigit(v[i + 2]) && PIIByteClass.isDigit(v[i + 3])) else { return .none }
        let caseBit = v[i] & 0x20
        guard (v[i + 1] & 0x20) == caseBit, let length = PIIChecksums.ibanLength(v[i], v[i + 1]) else { return .none }
        var chars: [UInt8] = []
        chars.reserveCapacity(34)
        var fours = !spacedCode
        // Where the groups of four ended, and how many characters they held: a failure skips that much.
        var foursEnd = i, foursChars = 0
        func leaveFours(at k: Int) {
            if fours { (foursEnd, foursChars) = (k, chars.count) }
            fours = false
        }
        var j = i
        while j < limit && chars.count < length {
            let b = v[j]
            if PIIByteClass.isDigit(b) || (PIIByteClass.isAlpha(b) && (fours || (b & 0x20) == caseBit)) {
                chars.append(PIIByteClass.upper(b))
                j += 1
                continue
            }
            if PIIByteClass.isAlpha(b) { break }
            let gap = PIIByteClass.spaceLength(v, j)
            var sep = 0
            if v[j + gap] == PIIByteClass.newline {
                // A line break, with a space before or after it (`DE89 3704 0044⏎0532 0130 00`, as a PDF or a narrow
                // form wraps it).
                sep = gap + 1 + PIIByteClass.spaceLength(v, j + gap + 1)
                leaveFours(at: j)
            } else if gap > 0 {
                sep = gap + PIIByteClass.spaceLength(v, j + gap)
                // ` - ` and ` . `
                let mark = v[j + gap]
                if mark == PIIByteClass.minus || mark == PIIByteClass.dot, PIIByteClass.spaceLength(v, j + gap + 1) > 0 {
                    sep = gap + 1 + PIIByteClass.spaceLength(v, j + gap + 1)
                    leaveFours(at: j)
                }
            } else if b == PIIByteClass.minus {
                sep = 1
            } else if b == PIIByteClass.dot {
                sep = 1
                leaveFours(at: j)
            }
            guard sep > 0, j + sep < limit, PIIByteClass.isAlnum(v[j + sep]) else { break }
            if chars.count % 4 != 0 { leaveFours(at: j) }
            j += sep
        }
        let end = j
        // No IBAN in another layout: what was read in fours is judged as it was before that layout was read.
        let failed: Result = foursChars >= 12 ? .rejected(end: foursEnd) : .none
        if chars.count < length {
            // Too short for the country: a lookalike to skip once it spans three groups.
            guard fours else { return failed }
            return chars.count >= 12 ? .rejected(end: end) : .none
        }
        if PIIByteClass.isWord(v[end]) {
            guard fours else { return failed }
            // Too long: skip the whole token.
            var k = end
            while k < limit && PIIByteClass.isWord(v[k]) { k += 1 }
            return .rejected(end: k)
        }
        if PIIChecksums.ibanValid(chars) { return .iban(end: end) }
        return fours ? .rejected(end: end) : failed
    }
}
