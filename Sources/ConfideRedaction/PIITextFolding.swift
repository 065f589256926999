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
        guard first >= 0 else { return nil }
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
        return PIITextFolding(bytes: bytes, foldPoints: points)
    }

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
