/// Finds e-mail addresses by anchoring on each `@` and scanning outwards.
///
/// Anchoring on `@` makes the pass strictly linear: the backward scan stops at the
/// previous `@` (or the previous match) and the forward scan stops at the next one,
/// so `a@a.a@a.a@…` costs each byte at most twice.
enum PIIEmailMatcher {
    static let maxLocal = 64
    static let maxDomain = 253

    /// Byte ranges of every e-mail address in `v`, sorted and non-overlapping.
    static func findAll(_ v: PIIByteView) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var lastEnd = 0
        var i = 0
        let n = v.count
        while i < n {
            guard let at = nextAt(v, from: i) else { break }
            if let range = match(v, at: at, floor: lastEnd) {
                out.append(range)
                lastEnd = range.upperBound
                i = range.upperBound
            } else {
                i = at + 1
            }
        }
        return out
    }

    private static func nextAt(_ v: PIIByteView, from i: Int) -> Int? {
        var k = i
        let n = v.count
        // Eight bytes at a time while eight remain (an `@` is rare in chat text): the bytes equal
        // to `@` are the zero bytes of `word ^ 0x40…40`, found exactly by the test below.
        while k + 8 <= n {
            let x = UnsafeRawPointer(v.base.baseAddress! + k).loadUnaligned(as: UInt64.self) ^ 0x4040_4040_4040_4040
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let zeros = ~(((x & low7) &+ low7) | x | low7)
            if zeros != 0 { return k + UInt64(littleEndian: zeros).trailingZeroBitCount / 8 }
            k += 8
        }
        while k < n {
            if v.base[k] == PIIByteClass.at { return k }
            k += 1
        }
        return nil
    }

    /// A Latin letter with diacritics (U+00C0–U+027F) is two bytes with lead C3–C9.
    @inline(__always)
    private static func isLatinLead(_ b: UInt8) -> Bool { b &- 0xC3 < 7 }

    @inline(__always)
    private static func isLocalByte(_ b: UInt8) -> Bool {
        PIIByteClass.isAlnum(b) || b == PIIByteClass.dot || b == PIIByteClass.underscore || b == PIIByteClass.percent
            || b == PIIByteClass.plus || b == PIIByteClass.minus
    }

    private static func match(_ v: PIIByteView, at: Int, floor: Int) -> Range<Int>? {
        // Local part, scanning backwards.
        var s = at
        while s > floor && at - s <= maxLocal {
            let b = v[s - 1]
            if isLocalByte(b) {
                s -= 1
            } else if b &- 0x80 < 0x40 && s - 2 >= floor && isLatinLead(v[s - 2]) {
                s -= 2
            } else {
                break
            }
        }
        if at - s > maxLocal { return nil }
        while s < at && (v[s] == PIIByteClass.dot || v[s] == PIIByteClass.minus || v[s] == PIIByteClass.plus) { s += 1 }
        guard s < at, v[at - 1] != PIIByteClass.dot, v[s - 1] != PIIByteClass.at else { return nil }

        // Domain, scanning forwards.
        var e = at + 1
        let n = v.count
        while e < n && e - at <= maxDomain + 1 {
            let b = v[e]
            if PIIByteClass.isAlnum(b) || b == PIIByteClass.minus || b == PIIByteClass.dot {
                e += 1
            } else if isLatinLead(b) && v[e + 1] &- 0x80 < 0x40 {
                e += 2
            } else {
                break
            }
        }
        if e - at > maxDomain + 1 || v[e] == PIIByteClass.at { return nil }
        while e > at + 1 && (v[e - 1] == PIIByteClass.dot || v[e - 1] == PIIByteClass.minus) { e -= 1 }
        guard validDomain(v, from: at + 1, to: e) else { return nil }
        return s..<e
    }

    /// Labels are non-empty, at most 63 bytes, do not start or end with `-`; the last
    /// label (TLD) is 2–24 ASCII letters; there are at least two labels.
    private static func validDomain(_ v: PIIByteView, from start: Int, to end: Int) -> Bool {
        guard end > start else { return false }
        var labelStart = start
        var labels = 0
        var k = start
        while k <= end {
            if k == end || v[k] == PIIByteClass.dot {
                let length = k - labelStart
                if length == 0 || length > 63 { return false }
                if v[labelStart] == PIIByteClass.minus || v[k - 1] == PIIByteClass.minus { return false }
                labels += 1
                if k == end {
                    guard labels >= 2, length >= 2, length <= 24 else { return false }
                    for j in labelStart..<k where !PIIByteClass.isAlpha(v[j]) { return false }
                }
                labelStart = k + 1
            }
            k += 1
        }
        return true
    }
}
