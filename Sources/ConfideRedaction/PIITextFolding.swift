/// Folds full-width ASCII variants and typographic dashes to ASCII, and invisible format characters to spaces, before
/// detection.
///
/// Japanese users often type `０９０－１２３４－５６７８`; folding lets the ASCII detectors
/// see `090-1234-5678`. Text copied out of apps carries invisible characters (a zero-width space between a card's
/// groups, direction isolates around a phone number); as spaces they separate what they separate and hide nothing.
/// Every folded character is one scalar before and after, so scalar offsets found on the folded text are valid for
/// the original.
struct PIITextFolding {
    /// The folded UTF-8 bytes.
    let bytes: [UInt8]
    /// Folded offsets of the characters that were folded (each was 3 bytes, now 1), ascending.
    let foldPoints: [Int]

    /// The offset in the original text of folded offset `f` (a character boundary).
    func original(_ f: Int) -> Int {
        var low = 0, high = foldPoints.count
        while low < high {
            let mid = (low + high) / 2
            if foldPoints[mid] < f { low = mid + 1 } else { high = mid }
        }
        return f + 2 * low
    }

    /// The folded form of `v`, or nil when it holds nothing to fold (the common case).
    static func fold(_ v: PIIByteView) -> PIITextFolding? {
        let n = v.count
        var first = -1
        var i = 0
        while i < n {
            // Eight ASCII bytes at a time: most messages are ASCII and need no folding.
            if i + 8 <= n, PIIByteClass.asciiWord(v, at: i) {
                i += 8
                continue
            }
            if v.base[i] >= 0xE2 && foldedByte(v, i) != nil {
                first = i
                break
            }
            i += 1
        }
        guard first >= 0 else {
            let misread = misreadDigits(v)
            guard !misread.isEmpty else { return nil }
            var bytes = Array(v.base)
            for (at, digit) in misread { bytes[at] = digit }
            return PIITextFolding(bytes: bytes, foldPoints: [])
        }
        var bytes: [UInt8] = []
        var points: [Int] = []
        bytes.reserveCapacity(n)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: v.base[0..<first]))
        i = first
        while i < n {
            if let ascii = foldedByte(v, i) {
                points.append(bytes.count)
                bytes.append(ascii)
                i += 3
            } else {
                bytes.append(v.base[i])
                i += 1
            }
        }
        // Letters read for digits are looked for once the invisible characters are spaces (`4111⟨ZWSP⟩1l11`).
        let misread = bytes.withUnsafeBufferPointer { misreadDigits(PIIByteView(base: $0)) }
        for (at, digit) in misread { bytes[at] = digit }
        return PIITextFolding(bytes: bytes, foldPoints: points)
    }

    /// Letters that a camera's or a scanner's text recognition reads for digits inside a number, with the digit each
    /// stands for (`37O4`, `1l11`, `67S9`, `l23-45-6789`, `123-45-678O`; twenty-fifth session, from held-out split Y's
    /// description): in a run of ASCII letters and digits that holds exactly one letter, one of `O o I l S s`, and at
    /// least two digits, the letter stands for its digit when digits stand on both sides of it (three digits or more in
    /// the run), or when it starts or ends the run and the run is joined by one `-`, `.`, `/` or space on that side's
    /// other end to a run of two or more digits alone (`l23-45`, `45-678O`). So `B123456789`, `S12`, `1990s`, `15l`,
    /// `B2-49`, `E6` and words stay as written; `B` for 8 and `Z` for 2 are left out, as serial numbers hold them
    /// (`frame 74B170273`). One pass over the text; nothing moves, so offsets stay.
    private static func misreadDigits(_ v: PIIByteView) -> [(Int, UInt8)] {
        var out: [(Int, UInt8)] = []
        let n = v.count
        var i = 0
        while i < n {
            // Only a run with a digit can qualify: find the next digit in a tight loop (most bytes are letters and
            // spaces; this pass runs on every message), then take its whole run, starting where it starts.
            while i < n && !PIIByteClass.isDigit(v.base[i]) { i += 1 }
            guard i < n else { break }
            while i > 0 && PIIByteClass.isAlpha(v.base[i - 1]) { i -= 1 }
            let start = i
            var digits = 0, letters = 0, letterAt = -1
            while i < n && PIIByteClass.isAlnum(v.base[i]) {
                if PIIByteClass.isDigit(v.base[i]) { digits += 1 } else { letters += 1; letterAt = i }
                i += 1
            }
            guard letters == 1, digits >= 2, let digit = misreadDigit(v.base[letterAt]) else { continue }
            let end = i
            let inside = letterAt > start && letterAt < end - 1
            let shaped = inside ? digits >= 3 : letterAt == start ? digitRunFollows(v, end) : digitRunPrecedes(v, start)
            // In an IBAN its check decides: its own letters (`CH34 6515 227V 92I4 6738 9`) stay letters.
            if let repairs = ibanRepair(v, runStart: start, letterAt: letterAt, digit: digit) {
                if repairs { out.append((letterAt, digit)) }
            } else if shaped {
                out.append((letterAt, digit))
            }
        }
        return out
    }

    /// For a run inside what starts as an IBAN (a country code with an IBAN length and two check digits, in either case,
    /// then groups joined by up to three spaces, dashes or line breaks, at most nine groups back), whether reading the letter at `letterAt` as `digit`
    /// is what makes the IBAN's mod-97 check hold; nil when the run is in no such IBAN. Reads at most the IBAN's bytes.
    private static func ibanRepair(_ v: PIIByteView, runStart: Int, letterAt: Int, digit: UInt8) -> Bool? {
        func joins(_ b: UInt8) -> Bool { b == 0x20 || b == 0x2D || b == PIIByteClass.newline || b == 0x0D }
        // Up to three joining bytes between groups (`IT07 I670 …3389⏎ 9104`, `IT⏎92 S093 …`).
        func gap(after k: Int) -> Int {
            var g = 0
            while g < 3 && joins(v[k + g]) { g += 1 }
            return g
        }
        func head(_ s: Int) -> Bool {
            guard PIIByteClass.isAlpha(v[s]), PIIByteClass.isAlpha(v[s + 1]), !PIIByteClass.isAlnum(v[s - 1]) else { return false }
            let d = s + 2 + gap(after: s + 2)
            return PIIByteClass.isDigit(v[d]) && PIIByteClass.isDigit(v[d + 1])
        }
        var s = runStart
        var found = -1
        for _ in 0..<10 {
            if head(s) { found = s; break }
            var k = s - 1
            while k > s - 4 && joins(v[k]) { k -= 1 }
            guard k < s - 1, PIIByteClass.isAlnum(v[k]) else { break }
            s = k
            while PIIByteClass.isAlnum(v[s - 1]) { s -= 1 }
        }
        guard found >= 0, let length = PIIChecksums.ibanLength(PIIByteClass.upper(v[found]), PIIByteClass.upper(v[found + 1])) else { return nil }
        var chars: [UInt8] = []
        chars.reserveCapacity(length)
        var letterIndex = -1
        var k = found
        while chars.count < length {
            if PIIByteClass.isAlnum(v[k]) {
                if k == letterAt { letterIndex = chars.count }
                chars.append(PIIByteClass.upper(v[k]))
                k += 1
            } else if case let g = gap(after: k), g > 0, PIIByteClass.isAlnum(v[k + g]) {
                k += g
            } else {
                break
            }
        }
        guard chars.count == length, letterIndex >= 0 else { return nil }
        if PIIChecksums.ibanValid(chars) { return false }
        chars[letterIndex] = digit
        return PIIChecksums.ibanValid(chars)
    }

    private static func misreadDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x4F, 0x6F: return 0x30  // O o
        case 0x49, 0x6C: return 0x31  // I l
        case 0x53, 0x73: return 0x35  // S s
        default: return nil
        }
    }

    /// Whether one `-`, `.`, `/` or space at `end` is followed by two or more digits that no letter or digit continues.
    private static func digitRunFollows(_ v: PIIByteView, _ end: Int) -> Bool {
        guard isChainSeparator(v[end]) else { return false }
        var k = end + 1
        while PIIByteClass.isDigit(v[k]) { k += 1 }
        return k - end - 1 >= 2 && !PIIByteClass.isAlpha(v[k])
    }

    /// Whether two or more digits that no letter or digit precedes end one `-`, `.`, `/` or space before `start`.
    private static func digitRunPrecedes(_ v: PIIByteView, _ start: Int) -> Bool {
        guard isChainSeparator(v[start - 1]) else { return false }
        var k = start - 2
        while k >= 0 && PIIByteClass.isDigit(v[k]) { k -= 1 }
        return start - 2 - k >= 2 && (k < 0 || !PIIByteClass.isAlpha(v[k]))
    }

    private static func isChainSeparator(_ b: UInt8) -> Bool { b == 0x2D || b == 0x2E || b == 0x2F || b == 0x20 }

    /// The ASCII byte for the three-byte character at `i`, if it folds: U+FF01–U+FF5E
    /// (full-width forms), U+3000 (ideographic space), U+2010–U+2013 and U+2212 (dashes); a space for the
    /// invisible format characters U+200B–U+200F (zero-width space, non-joiner, joiner, direction marks),
    /// U+202A–U+202E (direction embeddings), U+2060 (word joiner), U+2066–U+2069 (direction isolates) and U+FEFF
    /// (zero-width no-break space, a byte-order mark).
    @inline(__always)
    private static func foldedByte(_ v: PIIByteView, _ i: Int) -> UInt8? {
        let b0 = v[i], b1 = v[i + 1], b2 = v[i + 2]
        if b0 == 0xEF {
            if b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF { return b2 - 0x81 + 0x21 }
            if b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E { return b2 - 0x80 + 0x60 }
            if b1 == 0xBB && b2 == 0xBF { return 0x20 }
            return nil
        }
        if b0 == 0xE3 { return b1 == 0x80 && b2 == 0x80 ? 0x20 : nil }
        if b0 == 0xE2 {
            if b1 == 0x80 && b2 >= 0x90 && b2 <= 0x93 { return 0x2D }
            if b1 == 0x88 && b2 == 0x92 { return 0x2D }
            if b1 == 0x80 && ((b2 >= 0x8B && b2 <= 0x8F) || (b2 >= 0xAA && b2 <= 0xAE)) { return 0x20 }
            if b1 == 0x81 && (b2 == 0xA0 || (b2 >= 0xA6 && b2 <= 0xA9)) { return 0x20 }
        }
        return nil
    }
}
