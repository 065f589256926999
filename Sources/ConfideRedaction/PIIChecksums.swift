/// Check-digit algorithms and country tables used to confirm numeric candidates.
///
/// A checksum turns "looks like a card/IBAN" into "is a card/IBAN" with a 1-in-10 or
/// 1-in-97 false-positive rate, which is what keeps precision high on id numbers.
enum PIIChecksums {
    /// Whether the ASCII digits pass the Luhn (mod 10) check used by payment cards.
    static func luhnValid(_ digits: [UInt8]) -> Bool {
        var sum = 0
        var double = false
        for d in digits.reversed() {
            var x = Int(d &- 0x30)
            if double {
                x *= 2
                if x > 9 { x -= 9 }
            }
            sum += x
            double.toggle()
        }
        return sum % 10 == 0
    }

    /// Whether the digits start with a payment-card issuer prefix (IIN) that issues numbers
    /// of this length: Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, Mir,
    /// RuPay, UATP. Rules out Luhn-valid non-card numbers such as IMEIs (15 digits, `35…`).
    static func cardIssuerValid(_ d: [UInt8]) -> Bool {
        func prefix(_ n: Int) -> Int { (0..<min(n, d.count)).reduce(0) { $0 * 10 + Int(d[$1] - 0x30) } }
        let n = d.count
        let p1 = prefix(1), p2 = prefix(2), p3 = prefix(3), p4 = prefix(4)
        switch p1 {
        case 4: return n == 13 || n == 16 || n == 19
        case 1: return n == 15
        case 2: return (2221...2720).contains(p4) ? n == 16 : (2200...2204).contains(p4) && n >= 16
        case 3:
            if p2 == 34 || p2 == 37 { return n == 15 }
            if (3528...3589).contains(p4) { return n >= 16 }
            return ((300...305).contains(p3) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14
        case 5: return (51...55).contains(p2) ? n == 16 : (p2 == 50 || p2 >= 56) && n >= 13
        case 6: return n >= 13
        case 8: return (p2 == 81 || p2 == 82) && n == 16
        default: return false
        }
    }

    /// Whether the uppercase alphanumeric IBAN passes ISO 13616 mod-97 (remainder 1).
    static func ibanValid(_ chars: [UInt8]) -> Bool {
        guard chars.count > 4 else { return false }
        var remainder = 0
        for i in 0..<chars.count {
            let c = chars[(i + 4) % chars.count]
            if PIIByteClass.isDigit(c) {
                remainder = (remainder * 10 + Int(c - 0x30)) % 97
            } else if c &- 0x41 < 26 {
                remainder = (remainder * 100 + Int(c - 0x41) + 10) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }

    /// Total IBAN length per country code (SWIFT IBAN registry plus partner-country formats).
    static func ibanLength(_ a: UInt8, _ b: UInt8) -> Int? {
        ibanLengths[UInt16(PIIByteClass.upper(a)) << 8 | UInt16(PIIByteClass.upper(b))]
    }

    private static let ibanLengths: [UInt16: Int] = {
        let table = """
        AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 \
        DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 \
        IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 \
        MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 \
        SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30 DZ26 AO25 BJ28 BF28 CM27 CV25 CF27 \
        TD27 KM27 CG27 CI28 GA27 GQ27 GW25 HN28 IR26 MG27 ML28 MA28 MZ25 NE28 SN28 TG28
        """
        var out: [UInt16: Int] = [:]
        for entry in table.split(separator: " ") {
            let u = Array(entry.utf8)
            out[UInt16(u[0]) << 8 | UInt16(u[1])] = Int(u[2] - 0x30) * 10 + Int(u[3] - 0x30)
        }
        return out
    }()

    /// Whether a US SSN's parts are in issued ranges: area not 000, 666 or 900–999,
    /// group not 00, serial not 0000.
    static func ssnValid(_ d: [UInt8]) -> Bool {
        guard d.count == 9 else { return false }
        func num(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(d[$1] - 0x30) } }
        let area = num(0..<3), group = num(3..<5), serial = num(5..<9)
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }
}
