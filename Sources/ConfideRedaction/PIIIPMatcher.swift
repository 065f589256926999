/// Recognises IPv4 and IPv6 addresses starting at a given byte.
///
/// Both parsers read at most one address worth of bytes (≤ 15 for IPv4, ≤ 64 for IPv6
/// with a zone), so each attempt costs O(1) whatever follows.
enum PIIIPMatcher {
    /// Outcome of trying to read an IPv4 address.
    enum V4Result {
        case none
        case address(end: Int)
        /// A dotted quad that is not an address in context (a four-part version number).
        case rejected(end: Int)
    }

    /// Reads a dotted-quad IPv4 address at `i`: four decimal octets ≤ 255, first not 0 or 255,
    /// not followed by another `.digit`. Leading zeros are accepted only in the zero-padded
    /// log form where every octet has three digits (`192.168.007.095`). A `:port` or
    /// `/prefix` may follow and is left outside the span.
    ///
    /// Four-part version numbers look the same, so a dotted quad is rejected when a version
    /// keyword stands right before it (`build 4.18.0.147`), and one that is version-shaped
    /// (single-digit first part, second < 64, third < 32, as in `5.2.0.11`) counts as an
    /// address only when the nearest keyword before it is an IP keyword (`from`, `IP`, `DNS`).
    static func ipv4(_ v: PIIByteView, at i: Int, limit: Int) -> V4Result {
        var j = i
        var octets = (0, 0, 0, 0)
        var padded = 0
        var leadingZero = false
        for part in 0..<4 {
            let s = j
            var value = 0
            while j < limit && PIIByteClass.isDigit(v[j]) && j - s < 4 {
                value = value * 10 + Int(v[j] - 0x30)
                j += 1
            }
            let length = j - s
            if length == 0 || length > 3 || value > 255 { return .none }
            if length > 1 && v[s] == 0x30 { leadingZero = true }
            if length == 3 { padded += 1 }
            // 0.x.x.x is "this network"; 255.x.x.x is a netmask (`255.255.255.0`), not a host.
            if part == 0 && (value == 0 || value == 255) { return .none }
            switch part {
            case 0: octets.0 = value
            case 1: octets.1 = value
            case 2: octets.2 = value
            default: octets.3 = value
            }
            if part < 3 {
                guard j < limit, v[j] == PIIByteClass.dot else { return .none }
                j += 1
            }
        }
        if leadingZero && padded < 4 { return .none }
        let b = v[j]
        if PIIByteClass.isWord(b) || b == PIIByteClass.at || b == PIIByteClass.percent { return .none }
        let joiner = b == PIIByteClass.dot || b == PIIByteClass.comma || b == PIIByteClass.minus
        if joiner && PIIByteClass.isDigit(v[j + 1]) { return .none }
        let mask = PIIContextKind.version.bit | PIIContextKind.ip.bit
        // The version keyword must stand right before the quad (`build 4.18.0.147`, `Version: …`): one with a
        // verb between (`The hearing aid app connects from …`, `Die Hörgeräte-App verbindet sich von …`; split L's
        // IP misses) names the device that has the address.
        if PIIContextScanner.nearest(v, before: i, among: mask, window: 24, labelWithin: 3) == .version { return .rejected(end: j) }
        // Further back in its sentence, a long version keyword with no IP keyword and no number nearer
        // (`Firmware der Aufzugssteuerung 3.10.120.124`, `Firmware del ascensor 10.20.113.151`; split P).
        if PIIContextScanner.versionKeywordNamesQuad(v, before: i) { return .rejected(end: j) }
        if octets.0 < 10 && octets.1 < 64 && octets.2 < 32
            && PIIContextScanner.nearest(v, before: i, among: mask) != .ip {
            return .rejected(end: j)
        }
        return .address(end: j)
    }

    /// Whether an IPv6 attempt at `i` is worth making: `::` or up to four hex digits then `:`.
    @inline(__always)
    static func looksLikeIPv6(_ v: PIIByteView, at i: Int) -> Bool {
        if v[i] == PIIByteClass.colon { return v[i + 1] == PIIByteClass.colon }
        var j = i
        while PIIByteClass.isHex(v[j]) && j - i < 5 { j += 1 }
        return j - i <= 4 && v[j] == PIIByteClass.colon
    }

    /// Reads an IPv6 address at `i` (RFC 4291 text forms: full, `::`-compressed, trailing
    /// dotted IPv4, optional `%zone`), returning the end offset. Requires two groups, or one
    /// group after a leading `::` (`::1`), so `a::` or `12:30` never match.
    static func ipv6(_ v: PIIByteView, at i: Int, limit: Int) -> Int? {
        var j = i
        var groups = 0
        var compressed = false
        if v[j] == PIIByteClass.colon {
            guard v[j + 1] == PIIByteClass.colon else { return nil }
            compressed = true
            j += 2
        }
        while j < limit {
            let s = j
            while j < limit && PIIByteClass.isHex(v[j]) && j - s < 5 { j += 1 }
            let length = j - s
            if length == 0 { break }
            if length > 4 { return nil }
            if v[j] == PIIByteClass.dot && PIIByteClass.isDigit(v[j + 1]) && isDecimal(v, s, j) {
                // Trailing embedded IPv4 (`::ffff:192.0.2.1`) takes two groups.
                guard groups <= 6, case .address(let end) = ipv4Bare(v, at: s, limit: limit) else { return nil }
                j = end
                groups += 2
                break
            }
            groups += 1
            guard v[j] == PIIByteClass.colon, j + 1 < limit else { break }
            if v[j + 1] == PIIByteClass.colon {
                if compressed { return nil }
                compressed = true
                j += 2
            } else if PIIByteClass.isHex(v[j + 1]) {
                j += 1
            } else {
                break
            }
        }
        if compressed ? groups > 7 : groups != 8 { return nil }
        if groups < 2 && !(groups == 1 && v[i] == PIIByteClass.colon) { return nil }
        if v[j] == PIIByteClass.percent && PIIByteClass.isAlnum(v[j + 1]) {
            var z = j + 1
            while z < limit && PIIByteClass.isWord(v[z]) && z - j <= 16 { z += 1 }
            j = z
        }
        let b = v[j]
        if PIIByteClass.isWord(b) || b == PIIByteClass.colon || b == PIIByteClass.at { return nil }
        if b == PIIByteClass.dot && PIIByteClass.isAlnum(v[j + 1]) { return nil }
        return j
    }

    private static func isDecimal(_ v: PIIByteView, _ from: Int, _ to: Int) -> Bool {
        for k in from..<to where !PIIByteClass.isDigit(v[k]) { return false }
        return true
    }

    private static func ipv4Bare(_ v: PIIByteView, at i: Int, limit: Int) -> V4Result {
        var j = i
        for part in 0..<4 {
            let s = j
            var value = 0
            while j < limit && PIIByteClass.isDigit(v[j]) && j - s < 4 {
                value = value * 10 + Int(v[j] - 0x30)
                j += 1
            }
            if j == s || j - s > 3 || value > 255 { return .none }
            if part < 3 {
                guard v[j] == PIIByteClass.dot else { return .none }
                j += 1
            }
        }
        return .address(end: j)
    }
}
