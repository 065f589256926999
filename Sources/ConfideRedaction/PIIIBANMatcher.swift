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

    /// Reads an IBAN at `i` (two letters of a known country, two check digits, then the
    /// BBAN in groups of four separated by single spaces, two spaces (`NL48  MGED  8407  4592  46`,
    /// as copied from a form that spaced it out; twentieth session, split S's IBAN misses) or dashes,
    /// or compact).
    static func match(_ v: PIIByteView, at i: Int, limit: Int) -> Result {
        guard PIIByteClass.isAlpha(v[i]), PIIByteClass.isAlpha(v[i + 1]),
              PIIByteClass.isDigit(v[i + 2]), PIIByteClass.isDigit(v[i + 3]) else { return .none }
        let sameCase = (v[i] & 0x20) == (v[i + 1] & 0x20)
        guard sameCase, let length = PIIChecksums.ibanLength(v[i], v[i + 1]) else { return .none }
        var chars: [UInt8] = []
        chars.reserveCapacity(34)
        var j = i
        while j < limit && chars.count < length {
            let b = v[j]
            if PIIByteClass.isAlnum(b) {
                chars.append(PIIByteClass.upper(b))
                j += 1
                continue
            }
            let gap = PIIByteClass.spaceLength(v, j)
            var sep = gap > 0 ? gap : (b == PIIByteClass.minus ? 1 : 0)
            if gap > 0 { sep += PIIByteClass.spaceLength(v, j + gap) }
            guard sep > 0, chars.count % 4 == 0, j + sep < limit, PIIByteClass.isAlnum(v[j + sep]) else { break }
            j += sep
        }
        let end = j
        if chars.count < length {
            // Too short for the country: a lookalike to skip once it spans three groups.
            return chars.count >= 12 ? .rejected(end: end) : .none
        }
        if PIIByteClass.isWord(v[end]) {
            // Too long: skip the whole token.
            var k = end
            while k < limit && PIIByteClass.isWord(v[k]) { k += 1 }
            return .rejected(end: k)
        }
        return PIIChecksums.ibanValid(chars) ? .iban(end: end) : .rejected(end: end)
    }
}
