import ConfideRedaction

/// A held-out corpus: chat lines and formats written after the detector was tuned on
/// `RedactionCorpusTemplates`, evaluated once, and reported without further tuning.
///
/// It mixes signatures, pasted mail headers, logs and phone-support jargon (IMEI, meeting
/// ids, SKUs, AWBs) with PII in formats the main corpus does not use.
enum RedactionCorpusHoldout {
    static let templates: [String] = [
        "--\\nJohn Smith | Acme Corp | {h:usdash} | {email}",
        "From: Maria López <{email}>\\nSent: {date} {time}",
        "Phone: {h:usdash} x{qty}{qty}{qty}",
        "Direct line {h:ukzero}, mobile {phone}",
        "Appelez le {h:frdots} svp",
        "my IBAN (lowercase, sorry): {h:ibanlower}",
        "SSN#{ssn}",
        "client_ip={ip4}; session={h:sha}",
        "link-local {h:v6upper} on en0",
        "write to {h:email2} (team inbox)",
        "Device IMEI {h:imei}, grouped {h:imeigrp}",
        "Zoom meeting ID {h:zoom}, passcode {h:otp}",
        "SKU {h:sku}, PO {h:po}, AWB {h:awb}",
        "Serial No. {h:serial} on the back label",
        "UPS {h:ups} shows in transit",
        "Your one-time code is {h:otp}",
        "GPS {h:coords}",
        "timestamp {h:isodt} in the log",
        "Delivered {h:date2}, refund in 10-15 business days",
        "iPhone on {h:build}, carrier update 55.0",
        "Total {h:amount} including tax",
        "Case #{h:caseno}, ref {h:refdate}",
        "MAC {h:mac}, route {h:net}/8 via {ip4}",
        "call me at {phone} or text {phone}",
        "Card {card} exp {qty}/{year} CVV {qty}{qty}{qty}",
        "Please confirm {email} and {phone} are correct.",
        "Kontonummer IBAN {iban}, BIC COBADEFFXXX",
        "お客様番号{custno}、電話{phone}、メール{email}",
        "IP {ip6} and {ip4} both failed",
        "Reference {badcard}, SSN on file {badssn}",
    ]

    /// A second held-out set, written last and reported exactly as it first came out
    /// (no detector change after seeing it): messier formats, obfuscation, netmasks.
    static let templatesB: [String] = [
        "pls call {h:spaced}",
        "my number: {h:ukdash}",
        "Tel/WhatsApp: {h:es4}",
        "{h:de49} (office)",
        "US: {h:usmix}",
        "iban {h:ibandash}",
        "IBAN: {iban}",
        "card no {card} exp 09{qty}",
        "email: {h:travel}",
        "E-Mail: {email}.",
        "mail — {h:obfuscated}",
        "IPv4 addr {ip4}, mask 255.255.255.0",
        "server at {ip6} port 443",
        "DOB 1985-07-23, SSN {h:ssnspace}",
        "Order No. 0{h:d9} still pending",
        "Ticket ID: {h:us10}",
        "tracking 9405{h:d9}{h:d9}",
        "Account 12345678, sort code 12-34-56",
        "Version 2.4.{qty}.1, build 1.0.0.{qty}{qty}",
        "Price: 1,234.56 USD or € 1.234,56",
        "ISBN-13: 978-0-306-40615-7",
        "Call duration 00:14:{qty}{qty}",
        "ext. 4455, room 4.12",
        "CVV {qty}{qty}{qty}, PIN {h:d4}",
        "gift code {h:d4}-{h:d4}-{h:d4}-{h:d4}",
        "contact {email} / {phone}",
        "{phone}",
        "{ip}",
    ]

    /// Values for `{h:name}` slots, as labelled or plain pieces.
    static func value(_ name: String, rng: inout RedactionRNG) -> [(String, PIIType?)] {
        func d(_ n: Int, _ first: ClosedRange<Int> = 0...9) -> String { rng.digits(n, first: first) }
        switch name {
        case "usdash": return [("+1-\(d(3, 2...9))-\(d(3, 2...9))-\(d(4))", .phone)]
        case "ukzero": return [("+44 (0) 7\(d(3)) \(d(3)) \(d(3))", .phone)]
        case "frdots": return [("+33.\(rng.int(1...7)).\(d(2)).\(d(2)).\(d(2)).\(d(2))", .phone)]
        case "ibanlower": return [(RedactionCorpusValues.iban("de-DE", &rng, valid: true).lowercased(), .iban)]
        case "v6upper": return [("FE80::\(RedactionCorpusValues.hex4(rng.int(0...0xFFFF))):27FF:FE4E:66A1%25en0", .ip)]
        case "email2": return [("support-team\(rng.int(1...9))@eu.mail.company.co.uk", .email)]
        case "sha": return [((0..<16).map { _ in String(rng.int(0...0xFFFF), radix: 16) }.joined(), nil)]
        case "imei":
            let body = "35" + d(12)
            return [(body + String(RedactionCorpusValues.luhnDigit(body)), nil)]
        case "imeigrp":
            let body = "35" + d(12)
            let full = body + String(RedactionCorpusValues.luhnDigit(body))
            return [(RedactionCorpusValues.group(full, [2, 6, 6, 1], "-"), nil)]
        case "zoom": return [("\(d(3, 1...9)) \(d(4)) \(d(4))", nil)]
        case "otp": return [(d(6), nil)]
        case "sku": return [("\(d(3))-\(d(3))-\(d(3))", nil)]
        case "po": return [("45000\(d(5))", nil)]
        case "awb": return [("\(d(3))-\(d(8))", nil)]
        case "serial": return [("\(d(4, 1...9))-\(d(4))-\(d(4))-\(d(4))", nil)]
        case "ups": return [("1Z \(d(3)) AA\(d(1)) \(d(2)) \(d(4)) \(d(4))", nil)]
        case "coords": return [("\(rng.int(10...60)).\(d(4))° N, \(rng.int(1...120)).\(d(4))° W", nil)]
        case "isodt": return [("2024-0\(rng.int(1...9))-1\(rng.int(0...9))T1\(rng.int(0...9)):3\(rng.int(0...9)):05Z", nil)]
        case "date2": return [(rng.pick(["15.3.2024", "2024.03.15", "Mar 15 2024 14:30", "3/15"]), nil)]
        case "build": return [("\(rng.int(15...17)).\(rng.int(0...6)).\(rng.int(1...3)) (21E\(d(3)))", nil)]
        case "amount": return [(rng.pick(["1 234 567,89 €", "¥1,234,567", "$12,345,678.90", "CHF 1'234.50"]), nil)]
        case "caseno": return [("00\(d(6))", nil)]
        case "refdate": return [("2024/03/\(rng.int(10...28))-00\(rng.int(1...9))", nil)]
        case "net": return [("10.0.0.0", .ip)]
        case "spaced": return [("0 7 7 0 0 9 0 0 \(rng.int(1...9)) \(rng.int(0...9)) \(rng.int(0...9))", .phone)]
        case "ukdash": return [("+44 7\(d(3))-\(d(3))-\(d(3))", .phone)]
        case "es4": return [("+34 6\(d(2)) \(d(2)) \(d(2)) \(d(2))", .phone)]
        case "de49": return [(rng.pick(["(+49) 30 \(d(7, 1...9))", "0049 (0)30 \(d(7, 1...9))"]), .phone)]
        case "usmix": return [(rng.pick(["415 555-\(d(4))", "+1 415.555.\(d(4))"]), .phone)]
        case "ibandash":
            let compact = RedactionCorpusValues.iban("de-DE", &rng, valid: true).replacingOccurrences(of: " ", with: "")
            let groups = stride(from: 0, to: compact.count, by: 4).map { String(compact.dropFirst($0).prefix(4)) }
            return [(groups.joined(separator: "-"), .iban)]
        case "travel": return [("first.last+tag\(rng.int(1...9))@sub.domain.travel", .email)]
        case "obfuscated": return [("ana(at)example.com", .email)]
        case "ssnspace": return [("\(rng.int(100...665)) \(d(2, 1...9)) \(d(4, 1...9))", .ssn)]
        case "us10": return [("\(d(3, 2...9))\(d(3, 2...9))\(d(4))", nil)]
        case "d9": return [(d(9), nil)]
        case "d4": return [(d(4), nil)]
        case "mac": return [((0..<6).map { _ in RedactionCorpusValues.hex4(rng.int(0...255)).suffix(2) }.joined(separator: ":"), nil)]
        default: fatalError("unknown holdout slot \(name)")
        }
    }
}
