/// Turns the bytes of a detected span into the canonical value used for numbering.
///
/// Different spellings of one value (`ANA@x.com` / `ana@x.com`, `4111-1111-…` /
/// `4111 1111 …`, `2001:DB8::1` / `2001:db8:0:0:0:0:0:1`) must get the same placeholder.
enum PIINormalizer {
    /// The canonical value of `v[range]` for `type`.
    static func normalize(_ type: PIIType, _ v: PIIByteView, _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        switch type {
        case .email:
            var ascii = true
            for i in range {
                out.append(PIIByteClass.lower(v[i]))
                if v[i] >= 0x80 { ascii = false }
            }
            let text = String(decoding: out, as: UTF8.self)
            return ascii ? text : text.lowercased()
        case .phone:
            var i = range.lowerBound
            while i < range.upperBound {
                // A "(0)" trunk prefix inside an international number is not dialled.
                if v[i] == PIIByteClass.openParen && v[i + 1] == 0x30 && v[i + 2] == PIIByteClass.closeParen
                    && v[range.lowerBound] == PIIByteClass.plus {
                    i += 3
                    continue
                }
                if PIIByteClass.isDigit(v[i]) { out.append(v[i]) }
                i += 1
            }
        case .card, .ssn:
            for i in range where PIIByteClass.isDigit(v[i]) { out.append(v[i]) }
        case .iban:
            for i in range where PIIByteClass.isAlnum(v[i]) { out.append(PIIByteClass.upper(v[i])) }
        case .ip:
            return ip(v, range)
        case .person:
            return words(v, range, separator: 0x20)
        case .address:
            return words(v, range, separator: nil)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// IPv4 without zero padding; IPv6 expanded to eight
    /// four-digit lowercase groups, zone lowercased. Works on the bytes (no string
    /// splitting): this runs once per IP on the redaction hot path.
    private static func ip(_ v: PIIByteView, _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(48)
        var hasColon = false
        for i in range where v[i] == PIIByteClass.colon { hasColon = true; break }
        guard hasColon else {
            // Zero-padded octets (`192.168.007.095`) name the same address.
            var octet = 0, digits = 0
            func flush() {
                if digits > 0 { appendDecimal(octet, to: &out) } else { out.append(0x30) }
                octet = 0
                digits = 0
            }
            for i in range {
                let b = v[i]
                if PIIByteClass.isDigit(b) {
                    octet = min(octet * 10 + Int(b - 0x30), 1 << 20)
                    digits += 1
                } else if b == PIIByteClass.dot {
                    flush()
                    out.append(PIIByteClass.dot)
                }
            }
            flush()
            return String(decoding: out, as: UTF8.self)
        }
        // Zone (`%eth0`) kept lower-cased after the groups.
        var end = range.upperBound
        for i in range where v[i] == PIIByteClass.percent { end = i; break }
        // Groups before and after `::`, as values; an embedded IPv4 adds two groups.
        var head: [Int] = [], back: [Int] = []
        head.reserveCapacity(8)
        var compressed = false
        var i = range.lowerBound
        while i < end {
            if v[i] == PIIByteClass.colon {
                if v[i + 1] == PIIByteClass.colon && i + 1 < end && !compressed {
                    compressed = true
                    i += 2
                } else {
                    i += 1
                }
                continue
            }
            var j = i
            var value = 0
            var dotted = false
            while j < end && v[j] != PIIByteClass.colon {
                if v[j] == PIIByteClass.dot { dotted = true }
                j += 1
            }
            if dotted {
                // Trailing dotted IPv4: four decimal octets, two hex groups.
                var quad: [Int] = []
                var octet = 0
                for k in i..<j {
                    if v[k] == PIIByteClass.dot { quad.append(octet); octet = 0 } else { octet = min(octet * 10 + Int(v[k] &- 0x30), 1 << 20) }
                }
                quad.append(octet)
                while quad.count < 4 { quad.append(0) }
                let groups = [(quad[0] << 8 | quad[1]) & 0xFFFF, (quad[2] << 8 | quad[3]) & 0xFFFF]
                if compressed { back += groups } else { head += groups }
            } else {
                for k in i..<j { value = (value << 4 | hexValue(v[k])) & 0xFFFF }
                if compressed { back.append(value) } else { head.append(value) }
            }
            i = j
        }
        let fill = max(0, 8 - head.count - back.count)
        var first = true
        func group(_ x: Int) {
            if !first { out.append(PIIByteClass.colon) }
            first = false
            appendHex4(x, to: &out)
        }
        for x in head { group(x) }
        for _ in 0..<fill { group(0) }
        for x in back { group(x) }
        for k in end..<range.upperBound { out.append(PIIByteClass.lower(v[k])) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> Int {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        case 0x61...0x66: return Int(b - 0x61 + 10)
        default: return 0
        }
    }

    /// Four lowercase hex digits (`db8` → `0db8`).
    private static func appendHex4(_ x: Int, to out: inout [UInt8]) {
        var shift = 12
        while shift >= 0 {
            let d = UInt8((x >> shift) & 0xF)
            out.append(d < 10 ? 0x30 + d : 0x57 + d)
            shift -= 4
        }
    }

    private static func appendDecimal(_ x: Int, to out: inout [UInt8]) {
        if x >= 10 { appendDecimal(x / 10, to: &out) }
        out.append(UInt8(0x30 + x % 10))
    }

    /// Letters and digits lower-cased (`Ana  SOUZA` = `ana souza`); words joined by
    /// `separator`, or run together when it is nil (`10 Downing St.` = `10downingst`).
    static func words(_ v: PIIByteView, _ range: Range<Int>, separator: UInt8?) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var gap = false
        var i = range.lowerBound
        while i < range.upperBound {
            let b = v[i]
            if PIIByteClass.isAlnum(b) || b >= 0x80 {
                if gap, let s = separator, !out.isEmpty { out.append(s) }
                gap = false
                if b == 0xC3 && i + 1 < range.upperBound {
                    let c = v[i + 1]
                    out.append(b)
                    out.append((c >= 0x80 && c <= 0x9E && c != 0x97) ? c + 0x20 : c)
                    i += 2
                    continue
                }
                out.append(PIIByteClass.lower(b))
            } else {
                gap = true
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
