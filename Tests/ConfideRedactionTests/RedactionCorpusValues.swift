import ConfideRedaction

/// Value generators for the corpus slots: PII in the formats people use in each locale,
/// and lookalikes that must stay visible.
enum RedactionCorpusValues {
    static func value(_ slot: String, locale: String, rng: inout RedactionRNG) -> (String, PIIType?) {
        switch slot {
        case "email": return (email(locale, &rng), .email)
        case "phone": return (phone(locale, &rng), .phone)
        case "card": return (card(&rng), .card)
        case "iban": return (iban(locale, &rng, valid: true), .iban)
        case "ssn": return (ssn(&rng, valid: true), .ssn)
        case "ip": return rng.chance(0.7) ? (ipv4(&rng), .ip) : (ipv6(&rng), .ip)
        case "ip4": return (ipv4(&rng), .ip)
        case "ip6": return (ipv6(&rng), .ip)
        case "badcard": return (badCard(&rng), nil)
        case "badiban": return (iban(locale, &rng, valid: false), nil)
        case "badssn": return (ssn(&rng, valid: false), nil)
        default: return (RedactionCorpusLookalikes.value(slot, locale: locale, rng: &rng), nil)
        }
    }

    // MARK: e-mail

    static let names: [String: [String]] = [
        "en-US": ["james", "mary", "robert", "patricia", "michael", "jennifer", "smith", "johnson", "garcia", "miller"],
        "en-GB": ["oliver", "amelia", "harry", "isla", "jack", "ava", "jones", "taylor", "brown", "wilson"],
        "de-DE": ["lukas", "anna", "felix", "lea", "jonas", "mueller", "schmidt", "schneider", "fischer", "weber"],
        "fr-FR": ["louis", "chloe", "gabriel", "ines", "lucas", "martin", "bernard", "dubois", "thomas", "robert"],
        "es-ES": ["hugo", "lucia", "martin", "sofia", "pablo", "garcia", "fernandez", "lopez", "martinez", "sanchez"],
        "ja-JP": ["taro", "hanako", "yuki", "sota", "yui", "sato", "suzuki", "takahashi", "tanaka", "watanabe"],
    ]
    static let accented = ["josé", "garcía", "müller", "françois", "zoë", "núñez", "björn", "hélène"]
    static let domains: [String: [String]] = [
        "en-US": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "acme-corp.com", "mail.example.org"],
        "en-GB": ["gmail.com", "btinternet.com", "yahoo.co.uk", "outlook.co.uk", "sky.com", "nhs.net"],
        "de-DE": ["gmx.de", "web.de", "t-online.de", "gmail.com", "firma-gmbh.de", "posteo.de"],
        "fr-FR": ["orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr", "entreprise.fr"],
        "es-ES": ["gmail.com", "hotmail.es", "telefonica.net", "yahoo.es", "empresa.com.es", "correo.es"],
        "ja-JP": ["docomo.ne.jp", "ezweb.ne.jp", "gmail.com", "yahoo.co.jp", "example.co.jp", "i.softbank.jp"],
    ]

    static func email(_ locale: String, _ rng: inout RedactionRNG) -> String {
        let pool = names[locale] ?? names["en-US"]!
        let a = rng.pick(pool), b = rng.pick(pool)
        var local: String
        switch rng.int(0...7) {
        case 0: local = "\(a).\(b)"
        case 1: local = "\(a.prefix(1))\(b)"
        case 2: local = "\(a)\(rng.int(1...99))"
        case 3: local = "\(a)_\(b)"
        case 4: local = "\(a)+\(rng.pick(["support", "shop", "news", "2024"]))"
        case 5: local = "\(a).\(b)\(rng.int(70...99))"
        case 6: local = "\(a)-\(b)"
        default: local = a
        }
        if locale != "en-US" && locale != "ja-JP" && rng.chance(0.04) { local = rng.pick(accented) + "." + b }
        let at = locale == "ja-JP" && rng.chance(0.05) ? "＠" : "@"
        var address = "\(local)\(at)\(rng.pick(domains[locale] ?? domains["en-US"]!))"
        if rng.chance(0.06) {
            address = address.uppercased()
        } else if rng.chance(0.08) {
            address = address.prefix(1).uppercased() + address.dropFirst()
        }
        return address
    }

    // MARK: phone

    static func phone(_ locale: String, _ rng: inout RedactionRNG) -> String {
        func d(_ n: Int, _ first: ClosedRange<Int> = 0...9) -> String { rng.digits(n, first: first) }
        switch locale {
        case "en-US":
            let a = d(3, 2...9), b = d(3, 2...9), c = d(4)
            return rng.pick(["(\(a)) \(b)-\(c)", "\(a)-\(b)-\(c)", "\(a).\(b).\(c)", "\(a) \(b) \(c)",
                             "+1 \(a) \(b) \(c)", "+1-\(a)-\(b)-\(c)", "1-\(rng.pick(["800", "888", "877"]))-\(b)-\(c)",
                             "(\(a))\(b)-\(c)", "+1 (\(a)) \(b)-\(c)", "+1\(a)\(b)\(c)", "\(a)\(b)\(c)",
                             "+1.\(a).\(b).\(c)", "\(a) - \(b) - \(c)", "1 (\(a)) \(b)-\(c)"])
        case "en-GB":
            let mobile = "7" + d(3), rest = d(6)
            return rng.pick(["020 \(d(4, 3...8)) \(d(4))", "+44 20 \(d(4, 3...8)) \(d(4))",
                             "+44 (0)20 \(d(4, 3...8)) \(d(4))", "0\(mobile) \(rest)", "0\(mobile)\(rest)",
                             "+44 \(mobile) \(rest)", "0161 \(d(3, 2...9)) \(d(4))", "01632 \(d(6, 1...9))",
                             "+447\(d(3))\(rest)", "0\(mobile)-\(rest)"])
        case "de-DE":
            let area = rng.pick(["30", "40", "89", "69", "221", "211", "711"])
            let mobile = rng.pick(["151", "160", "170", "171", "176", "179"])
            return rng.pick(["+49 \(area) \(d(6, 1...9))", "0\(area) \(d(7, 1...9))", "0\(area)/\(d(7, 1...9))",
                             "0\(mobile) \(d(7))", "+49 \(mobile) \(d(7))", "+49 (0)\(area) \(d(8, 1...9))",
                             "0\(mobile)-\(d(8))", "0\(area) \(d(2, 1...9)) \(d(2)) \(d(3))", "0\(mobile)\(d(7))",
                             "+49\(mobile)\(d(7))", "0\(area)-\(d(6, 1...9))", "0\(area) / \(d(2, 1...9)) \(d(2)) \(d(2))-\(d(2))",
                             "+49-\(area)-\(d(7, 1...9))", "(0\(area)) \(d(3, 1...9)) \(d(4))"])
        case "fr-FR":
            let p = "0\(rng.int(1...7))", q = "\(rng.int(1...7))"
            let pairs = (0..<4).map { _ in d(2) }
            return rng.pick(["\(p) \(pairs.joined(separator: " "))", "\(p).\(pairs.joined(separator: "."))",
                             "+33 \(q) \(pairs.joined(separator: " "))", "+33 (0)\(q) \(pairs.joined(separator: " "))",
                             "\(p)\(pairs.joined())", "\(p)-\(pairs.joined(separator: "-"))",
                             "\(p)\u{00A0}\(pairs.joined(separator: "\u{00A0}"))", "+33\(q)\(pairs.joined())"])
        case "es-ES":
            let m = d(3, 6...7), l = rng.pick(["91", "93", "95", "96"])
            return rng.pick(["\(m) \(d(3)) \(d(3))", "+34 \(m) \(d(3)) \(d(3))", "\(l) \(d(3, 1...9)) \(d(2)) \(d(2))",
                             "+34 \(l) \(d(3, 1...9)) \(d(2)) \(d(2))", "\(m) \(d(2)) \(d(2)) \(d(2))",
                             "\(m)\(d(6))", "+34\(m)\(d(6))", "0034 \(m) \(d(3)) \(d(3))", "\(m)-\(d(3))-\(d(3))"])
        default:
            let mobile = rng.pick(["090", "080", "070"])
            let v = rng.int(0...9)
            if v == 0 && rng.chance(0.3) { return fullWidth("\(mobile)-\(d(4))-\(d(4))") }
            return rng.pick(["\(mobile)-\(d(4, 1...9))-\(d(4))", "03-\(d(4, 1...9))-\(d(4))",
                             "06-\(d(4, 1...9))-\(d(4))", "0120-\(d(3))-\(d(3))", "+81 \(mobile.dropFirst())-\(d(4))-\(d(4))",
                             "+81 3 \(d(4)) \(d(4))", "\(mobile)\(d(8))", "(03) \(d(4, 1...9))-\(d(4))",
                             "045-\(d(3, 1...9))-\(d(4))", "\(mobile)（\(d(4))）\(d(4))", "\(mobile) \(d(4)) \(d(4))"])
        }
    }

    static func fullWidth(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { c in
            if c.value >= 0x30 && c.value <= 0x39 { return Unicode.Scalar(c.value + 0xFEE0)! }
            return c == "-" ? "\u{FF0D}" : c
        }))
    }

    // MARK: cards

    static func luhnDigit(_ body: String) -> Int {
        var sum = 0
        for (i, ch) in body.reversed().enumerated() {
            var x = Int(String(ch))!
            if i % 2 == 0 { x *= 2; if x > 9 { x -= 9 } }
            sum += x
        }
        return (10 - sum % 10) % 10
    }

    static func group(_ s: String, _ sizes: [Int], _ sep: String) -> String {
        var parts: [String] = []
        var rest = Substring(s)
        for size in sizes {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return parts.joined(separator: sep)
    }

    static func cardDigits(_ rng: inout RedactionRNG) -> (String, [Int]) {
        let (prefix, length, sizes): (String, Int, [Int]) = rng.pick([
            ("4", 16, [4, 4, 4, 4]), ("5\(rng.int(1...5))", 16, [4, 4, 4, 4]), ("2221", 16, [4, 4, 4, 4]),
            ("3\(rng.pick(["4", "7"]))", 15, [4, 6, 5]), ("6011", 16, [4, 4, 4, 4]), ("35\(rng.int(28...89))", 16, [4, 4, 4, 4]),
            ("36", 14, [4, 6, 4]), ("4", 13, [13]), ("6304", 19, [4, 4, 4, 4, 3]), ("4", 16, [4, 4, 4, 4]),
        ])
        let body = prefix + rng.digits(length - prefix.count - 1)
        return (body + String(luhnDigit(body)), sizes)
    }

    static func card(_ rng: inout RedactionRNG) -> String {
        let (digits, sizes) = cardDigits(&rng)
        switch rng.int(0...9) {
        case 0...4: return group(digits, sizes, " ")
        case 5...6: return group(digits, sizes, "-")
        default: return digits
        }
    }

    static func badCard(_ rng: inout RedactionRNG) -> String {
        let (digits, sizes) = cardDigits(&rng)
        var chars = Array(digits)
        let last = Int(String(chars[chars.count - 1]))!
        chars[chars.count - 1] = Character(String((last + rng.int(1...9)) % 10))
        let broken = String(chars)
        return rng.chance(0.5) ? group(broken, sizes, rng.pick([" ", "-"])) : broken
    }

    // MARK: IBAN

    /// BBAN layouts: "n" digit, "a" capital letter, "c" alphanumeric.
    static let ibanLayouts: [String: String] = [
        "DE": "nnnnnnnnnnnnnnnnnn", "GB": "aaaannnnnnnnnnnnnn", "FR": "nnnnnnnnnncccccccccccnn",
        "ES": "nnnnnnnnnnnnnnnnnnnn", "IT": "annnnnnnnnncccccccccccc", "NL": "aaaannnnnnnnnn",
        "BE": "nnnnnnnnnnnn", "AT": "nnnnnnnnnnnnnnnn", "CH": "nnnnncccccccccccc", "PL": "nnnnnnnnnnnnnnnnnnnnnnnn",
        "PT": "nnnnnnnnnnnnnnnnnnnnn", "IE": "aaaannnnnnnnnnnnnn", "SE": "nnnnnnnnnnnnnnnnnnnn",
        "NO": "nnnnnnnnnnn", "LU": "nnnccccccccccccc", "DK": "nnnnnnnnnnnnnn", "FI": "nnnnnnnnnnnnnn",
        "GR": "nnnnnnncccccccccccccccc", "CZ": "nnnnnnnnnnnnnnnnnnnn", "MT": "aaaannnnncccccccccccccccccc",
    ]
    static let ibanCountries: [String: [String]] = [
        "en-US": ["GB", "DE", "CH", "NL", "IE"], "en-GB": ["GB", "GB", "IE", "FR", "NL"],
        "de-DE": ["DE", "DE", "AT", "CH", "LU"], "fr-FR": ["FR", "FR", "BE", "LU", "CH"],
        "es-ES": ["ES", "ES", "PT", "IT", "FR"], "ja-JP": ["DE", "GB", "FR", "SE", "MT"],
    ]

    static func iban(_ locale: String, _ rng: inout RedactionRNG, valid: Bool) -> String {
        var country = rng.pick(ibanCountries[locale] ?? ["DE"])
        if rng.chance(0.15) { country = rng.pick(Array(ibanLayouts.keys).sorted()) }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let bban = String(ibanLayouts[country]!.map { kind -> Character in
            switch kind {
            case "a": return rng.pick(letters)
            case "c": return rng.chance(0.2) ? rng.pick(letters) : Character(String(rng.int(0...9)))
            default: return Character(String(rng.int(0...9)))
            }
        })
        var check = 98 - mod97(bban + country + "00")
        if !valid { check = 2 + (check - 2 + rng.int(1...96)) % 97 }
        let compact = country + (check < 10 ? "0" : "") + String(check) + bban
        let r = rng.int(0...19)
        if r < 14 { return stride(from: 0, to: compact.count, by: 4).map { i in
            String(compact.dropFirst(i).prefix(4)) }.joined(separator: " ") }
        return r == 19 ? compact.lowercased() : compact
    }

    static func mod97(_ s: String) -> Int {
        var r = 0
        for ch in s {
            if let d = ch.wholeNumberValue, ch.isASCII {
                r = (r * 10 + d) % 97
            } else {
                r = (r * 100 + Int(ch.asciiValue! - 55)) % 97
            }
        }
        return r
    }

    // MARK: SSN and IP

    static func ssn(_ rng: inout RedactionRNG, valid: Bool) -> String {
        var area = rng.int(1...899), group = rng.int(1...99), serial = rng.int(1...9999)
        if area == 666 { area = 667 }
        if !valid {
            switch rng.int(0...4) {
            case 0: area = 0
            case 1: area = 666
            case 2: area = rng.int(900...999)
            case 3: group = 0
            default: serial = 0
            }
        }
        func pad(_ x: Int, _ n: Int) -> String { String(repeating: "0", count: n - String(x).count) + String(x) }
        return "\(pad(area, 3))-\(pad(group, 2))-\(pad(serial, 4))"
    }

    static func ipv4(_ rng: inout RedactionRNG) -> String {
        switch rng.int(0...40) {
        case 40: return "192.168.00\(rng.int(1...9)).0\(rng.int(10...99))"
        case 0...9: return "192.168.\(rng.int(0...255)).\(rng.int(1...254))"
        case 10...19: return "10.\(rng.int(0...255)).\(rng.int(0...255)).\(rng.int(1...254))"
        default: return "\(rng.int(1...223)).\(rng.int(0...255)).\(rng.int(0...255)).\(rng.int(1...254))"
        }
    }

    static func ipv6(_ rng: inout RedactionRNG) -> String {
        func h() -> String { String(rng.int(0...0xFFFF), radix: 16) }
        switch rng.int(0...5) {
        case 0: return "2001:db8::\(h())"
        case 1: return "::1"
        case 2: return "fe80::\(h()):\(h())%eth0"
        case 3: return "2a02:\(h()):\(h()):\(h())::\(h())"
        case 4: return (0..<8).map { _ in h() }.joined(separator: ":")
        default: return "2001:0DB8:\(hex4(rng.int(0...0xFFFF))):0000:0000:8A2E:0370:\(hex4(rng.int(0...0xFFFF)))"
        }
    }

    /// A four-digit uppercase hexadecimal rendering.
    static func hex4(_ x: Int) -> String {
        let s = String(x, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
