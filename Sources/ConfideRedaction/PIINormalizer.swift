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
    /// four-digit lowercase groups, zone lowercased.
    private static func ip(_ v: PIIByteView, _ range: Range<Int>) -> String {
        var text: [UInt8] = []
        for i in range { text.append(PIIByteClass.lower(v[i])) }
        guard text.contains(PIIByteClass.colon) else {
            // Zero-padded octets (`192.168.007.095`) name the same address.
            return text.split(separator: PIIByteClass.dot).map { String(Int(String(decoding: $0, as: UTF8.self)) ?? 0) }
                .joined(separator: ".")
        }
        var zone: [UInt8] = []
        if let p = text.firstIndex(of: PIIByteClass.percent) {
            zone = Array(text[p...])
            text.removeSubrange(p...)
        }
        // Embedded IPv4 becomes two hex groups.
        var tail: [String] = []
        if text.contains(PIIByteClass.dot), let lastColon = text.lastIndex(of: PIIByteClass.colon) {
            let quad = text[(lastColon + 1)...].split(separator: PIIByteClass.dot).map {
                Int(String(decoding: $0, as: UTF8.self)) ?? 0
            }
            if quad.count == 4 {
                tail = [hex4(quad[0] << 8 | quad[1]), hex4(quad[2] << 8 | quad[3])]
            }
            text.removeSubrange((lastColon + 1)...)
            text.append(0x30)
        }
        let string = String(decoding: text, as: UTF8.self)
        let halves = splitCompressed(string)
        var head = halves.head.map { hex4(Int($0, radix: 16) ?? 0) }
        var back = halves.back.map { hex4(Int($0, radix: 16) ?? 0) }
        if !tail.isEmpty {
            if halves.back.isEmpty {
                head.removeLast()
                head += tail
            } else {
                back.removeLast()
                back += tail
            }
        }
        let fill = Array(repeating: "0000", count: max(0, 8 - head.count - back.count))
        return (head + fill + back).joined(separator: ":") + String(decoding: zone, as: UTF8.self)
    }

    private static func hex4(_ x: Int) -> String {
        let s = String(x, radix: 16)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// Groups before and after `::` (`back` is empty when there is no `::`).
    private static func splitCompressed(_ s: String) -> (head: [Substring], back: [Substring]) {
        let parts = s.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        let head = parts[0].split(separator: ":")
        return (head, parts.count > 1 ? parts[1].split(separator: ":") : [])
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
