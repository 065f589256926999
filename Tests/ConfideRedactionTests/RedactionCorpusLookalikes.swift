/// Generators for lookalike slots: numbers that resemble PII but must stay visible.
enum RedactionCorpusLookalikes {
    static func value(_ slot: String, locale: String, rng: inout RedactionRNG) -> String {
        func d(_ n: Int, _ first: ClosedRange<Int> = 0...9) -> String { rng.digits(n, first: first) }
        let letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
        func l() -> String { String(rng.pick(letters)) }
        switch slot {
        case "order":
            return rng.pick(["#\(l())-\(d(6))", "ORD-\(d(5))", "\(d(3, 1...9))-\(d(7))-\(d(7))", d(11, 1...9),
                             "#\(d(6, 1...9))", "W\(d(9))", d(10, 1...9), "\(d(6))-2024\(d(4))-\(d(10))",
                             "\(l())\(l())\(d(8))", d(16, 1...9), "\(d(4))-\(d(4))-\(d(4))"])
        case "tracking":
            return rng.pick(["1Z\(d(3))\(l())\(l())\(d(10))", "9400 \(d(4)) \(d(4)) \(d(4)) \(d(4)) \(d(2))",
                             "94001\(d(17))", "\(d(4, 1...9)) \(d(4)) \(d(4))", "JD\(d(18))", "\(l())\(l())\(d(9))GB",
                             "00340\(d(15))", "6A\(d(11))", "\(d(4, 1...9))-\(d(4))-\(d(4))", d(12, 1...9)])
        case "invoice":
            return rng.pick(["INV-2024-\(d(5))", "RE-2024-\(d(4))", "FA-\(d(4))-\(d(4))", "F2024/\(d(5))",
                             "INV\(d(6))", "2024-\(d(6))", "No. \(d(7, 1...9))"])
        case "date":
            let y = rng.int(2019...2025), m = rng.int(1...12), day = rng.int(1...28)
            func p(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
            switch locale {
            case "en-US": return rng.pick(["\(p(m))/\(p(day))/\(y)", "\(m)/\(day)/\(y % 100)", "\(y)-\(p(m))-\(p(day))",
                                           "\(p(m)).\(p(day)).\(y)", "March \(day), \(y)"])
            case "ja-JP": return rng.pick(["\(y)年\(m)月\(day)日", "\(y)/\(p(m))/\(p(day))", "\(y)-\(p(m))-\(p(day))"])
            case "de-DE": return rng.pick(["\(p(day)).\(p(m)).\(y)", "\(day).\(m).\(y % 100)", "\(y)-\(p(m))-\(p(day))"])
            default: return rng.pick(["\(p(day))/\(p(m))/\(y)", "\(p(day))-\(p(m))-\(y)", "\(y)-\(p(m))-\(p(day))",
                                      "\(p(day)).\(p(m)).\(y)"])
            }
        case "time":
            let h = rng.int(0...23), m = rng.int(0...59), s = rng.int(0...59)
            func p(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
            return rng.pick(["\(p(h)):\(p(m)):\(p(s))", "\(p(h)):\(p(m))", "\(rng.int(1...12)):\(p(m)) PM",
                             "\(h)h\(p(m))", "\(p(h)).\(p(m))"])
        case "price":
            let big = rng.int(1...9), small = d(3), cents = d(2)
            switch locale {
            case "en-US": return rng.pick(["$\(big),\(small).\(cents)", "$\(rng.int(5...999)).\(cents)", "USD \(big),\(small).00"])
            case "en-GB": return rng.pick(["£\(rng.int(5...999)).\(cents)", "£\(big),\(small)", "GBP \(big),\(small).\(cents)"])
            case "ja-JP": return rng.pick(["¥\(big),\(small)", "\(big),\(small)円", "\(rng.int(10...99)),\(small)円"])
            default: return rng.pick(["\(big).\(small),\(cents) €", "\(big) \(small),\(cents) €", "\(rng.int(5...999)),\(cents) €",
                                      "€\(rng.int(5...999)).\(cents)", "\(big).\(small),\(cents) EUR",
                                      "\(big)\u{202F}\(small),\(cents)\u{00A0}€"])
            }
        case "version":
            return rng.pick(["v\(rng.int(1...9)).\(rng.int(0...20)).\(rng.int(0...30))", "10.0.\(d(5, 1...2))",
                             "\(rng.int(12...17)).\(rng.int(0...6)).\(rng.int(1...3))", "\(rng.int(1...5)).\(rng.int(0...99))",
                             "10.0.\(d(5, 1...2)).\(d(4, 1...9))", "\(rng.int(100...124)).0.\(d(4, 1...9)).\(d(2, 1...9))"])
        case "ver4":
            return "\(rng.int(1...9)).\(rng.int(0...30)).\(rng.int(0...9)).\(rng.int(1...250))"
        case "zip":
            switch locale {
            case "en-US": return rng.pick([d(5, 1...9), "\(d(5, 1...9))-\(d(4))"])
            case "en-GB": return rng.pick(["SW1A 1AA", "M1 1AE", "EC1A 1BB", "B33 8TH"])
            case "ja-JP": return "〒\(d(3, 1...9))-\(d(4))"
            default: return d(5, 0...9)
            }
        case "qty": return String(rng.int(1...12))
        case "custno": return rng.pick([d(9, 1...9), d(8, 1...9), "\(d(3))-\(d(3))-\(d(3))", "C\(d(7))"])
        case "ticket": return rng.pick(["#\(d(5, 1...9))", "\(d(8, 1...9))", "TCK-\(d(6))", "0\(d(7))"])
        case "giftcode": return rng.pick(["\(d(4)) \(d(4)) \(d(4))", "\(d(4))-\(d(4))-\(d(4))-\(d(4))", "\(l())\(l())\(d(4))-\(d(4))"])
        case "year": return String(rng.int(1990...2025))
        case "percent": return "\(rng.int(5...80))%"
        case "amount": return rng.pick(["1 000 000", "250 000", "12.500", "3,5", "100 000"])
        default:
            fatalError("unknown corpus slot \(slot)")
        }
    }
}
