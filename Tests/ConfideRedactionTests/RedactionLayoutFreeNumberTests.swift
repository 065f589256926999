import XCTest
@testable import ConfideRedaction

/// A number named by its keyword is read in any layout (twenty-second session). Split U, the first split whose number
/// layouts no session had tuned on, showed that the number rules knew layouts, not numbers: cards read out in pairs,
/// IBANs with the country code apart or in a statement's national grouping, SSNs as 3 + 6, phones with an exit code
/// and dots leaked 13–46 % of their characters. Here the digit count, the checksum (Luhn, mod 97, the SSN's ranges)
/// and the keyword decide, and the grouping does not: every test draws random groupings and random mixes of
/// separators, so no single layout can be what makes it pass. Without a keyword, a layout of no known kind stays
/// no number (the `…WithoutAKeyword…` tests).
final class RedactionLayoutFreeNumberTests: XCTestCase {
    private func values(_ text: String, _ type: PIIType) -> [String] { RedactionTestHelpers.values(text, type, rulesOnly: true) }

    /// `digits` cut into groups of `sizes` (drawn) joined by separators drawn from `separators`, mixed.
    private static func layout(_ digits: String, _ rng: inout RedactionRNG, sizes: ClosedRange<Int>, separators: [String]) -> String {
        let chars = Array(digits)
        var out = ""
        var i = 0
        while i < chars.count {
            let n = min(rng.int(sizes), chars.count - i)
            if i > 0 { out += rng.pick(separators) }
            out += String(chars[i..<(i + n)])
            i += n
        }
        return out
    }

    /// A Luhn-valid number with a payment network's prefix and length (Visa, Mastercard, Amex, Discover, JCB, Diners,
    /// UnionPay, Maestro).
    private static func networkCard(_ rng: inout RedactionRNG) -> String {
        let (prefix, length) = rng.pick([("4", 16), ("4", 13), ("4", 19), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15),
                                         ("6011", 16), ("65", 19), ("3530", 16), ("36", 14), ("62", 17), ("5018", 13)])
        return RedactionTestHelpers.luhnNumber(length, &rng, prefix: prefix)
    }

    func testACardNamedByItsKeywordOrExpiryIsReadInAnyGrouping() {
        var rng = RedactionRNG(seed: 0x1A7_0022)
        let leads = ["card ", "my card number is ", "Kartennummer: ", "Karte ", "numéro de carte : ", "carte ", "tarjeta ",
                     "número de tarjeta: ", "kaartnummer ", "met kaart ", "New card number:\n"]
        var failures: [String] = []
        for n in 0..<400 {
            // After a keyword a network's prefix; before an expiry any.
            let digits = n % 3 == 0 ? RedactionTestHelpers.luhnNumber(rng.int(13...19), &rng) : Self.networkCard(&rng)
            // Groups of two to six (the last may be shorter): no card is printed with its first digit alone.
            let number = Self.layout(digits, &rng, sizes: 2...6, separators: [" ", "-", ".", " - ", "/"])
            guard number.contains(where: { !$0.isNumber }) else { continue }
            let text = n % 3 == 0 ? "pay with " + number + ", exp 08/29 thanks" : rng.pick(leads) + number + ", thanks"
            if values(text, .card) != [number] { failures.append(text + " -> " + RedactionTestHelpers.describe(text)) }
        }
        XCTAssertEqual(failures.count, 0, failures.prefix(12).joined(separator: "\n"))
    }

    /// A call transcribed by speech-to-text writes the digits one by one (`4 5 3 9 1 4 8 8 …`), the way an AI agent's
    /// transcript of a phone call carries them.
    func testNumbersTranscribedDigitByDigitAreRead() {
        var rng = RedactionRNG(seed: 0x1A7_0025)
        func spaced(_ s: String) -> String { s.map(String.init).joined(separator: " ") }
        for _ in 0..<100 {
            let card = spaced(Self.networkCard(&rng))
            let text = rng.pick(["my card number is ", "the card is ", "Kartennummer ", "numéro de carte "]) + card + " and the expiry"
            XCTAssertEqual(values(text, .card), [card], text)
            let phone = spaced("0" + String(rng.int(1...9)) + (0..<8).map { _ in String(rng.int(0...9)) }.joined())
            let call = rng.pick(["call me back on ", "my mobile is ", "ruf mich an unter ", "appelez-moi au "]) + phone + " thanks"
            XCTAssertEqual(values(call, .phone), [phone], call)
        }
        for _ in 0..<100 {
            let s = Array(Self.ssnDigits(&rng))
            let ssn = rng.chance(0.5) ? spaced(String(s)) : spaced(String(s[0..<3])) + " - " + spaced(String(s[3..<5])) + " - " + spaced(String(s[5...]))
            let said = rng.pick(["my social security number is ", "SSN: ", "Die SSN lautet "]) + ssn + " thanks"
            XCTAssertEqual(values(said, .ssn), [ssn], said)
        }
        // Without a keyword, digits one by one are no card (a list, a sequence, a code) and no SSN.
        XCTAssertEqual(values("the sequence 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 repeats", .card), [])
        XCTAssertEqual(values("the sequence 4 1 1 1 1 1 1 1 1 repeats", .ssn), [])
    }

    func testDigitsReadOutInPairsWithoutAKeywordAreNoCard() {
        var rng = RedactionRNG(seed: 0x1A7_0023)
        for _ in 0..<200 {
            let number = Self.layout(RedactionTestHelpers.luhnNumber(rng.int(13...19), &rng), &rng, sizes: 2...2, separators: [" ", ".", "-"])
            let text = rng.pick(["Order ", "Sendungsnummer ", "réf. ", "pedido "]) + number + " shipped"
            XCTAssertEqual(values(text, .card), [], text)
        }
    }

    /// The review of these rules: a tenth of any ids pass Luhn, and SIM cards (IMEIs), graphics cards, SIRETs after
    /// `carte` and deposits are named with card words; in a grouping of no card's, a keyword needs a network's prefix.
    func testALuhnValidIdWithoutANetworksPrefixAfterACardKeywordInAnOddGroupingIsNoCard() {
        var rng = RedactionRNG(seed: 0x1A7_0026)
        for _ in 0..<200 {
            // Groups of two and three (four and more the older rules judge: a card grouping with a keyword is a card).
            let imei = Self.layout(RedactionTestHelpers.luhnNumber(15, &rng, prefix: "359"), &rng, sizes: 2...3, separators: [" "])
            XCTAssertEqual(values("SIM card " + imei + " is the IMEI", .card), [], imei)
            let siret = Self.layout(RedactionTestHelpers.luhnNumber(14, &rng, prefix: "9"), &rng, sizes: 2...3, separators: [" "])
            XCTAssertEqual(values("Paiement par carte " + siret + " refusé ? C'est notre SIRET.", .card), [], siret)
        }
    }

    func testALuhnFailingNumberAfterACardKeywordIsNoCard() {
        var rng = RedactionRNG(seed: 0x1A7_0024)
        for _ in 0..<200 {
            var digits = Array(RedactionTestHelpers.luhnNumber(rng.int(13...19), &rng))
            let last = Int(String(digits[digits.count - 1]))!
            digits[digits.count - 1] = Character(String((last + rng.int(1...9)) % 10))
            let number = Self.layout(String(digits), &rng, sizes: 2...2, separators: [" ", "-"])
            let text = "card " + number + ", exp 08/29"
            XCTAssertEqual(values(text, .card), [], text)
        }
    }

    /// A valid SSN (area 001–665 or 667–899, group and serial not zero) as nine digits.
    private static func ssnDigits(_ rng: inout RedactionRNG) -> String {
        var area = rng.int(1...899)
        if area == 666 { area = 667 }
        return String(format: "%03d%02d%04d", area, rng.int(1...99), rng.int(1...9999))
    }

    func testAnSSNNamedByItsKeywordIsReadInAnyGrouping() {
        var rng = RedactionRNG(seed: 0x55A_0022)
        let leads = ["My SSN is ", "SSN: ", "social security number ", "Die Sozialversicherungsnummer aus den USA ist ",
                     "Le SSN de ma femme : ", "El SSN de mi mujer es ", "for the tax form they need my SSN: "]
        var failures: [String] = []
        let separators = [" ", "-", ".", " - ", "/", "  "]
        for _ in 0..<300 {
            // Cut at one or both boundaries of its parts (area | group | serial), in any separators.
            let digits = Array(Self.ssnDigits(&rng))
            let cuts = rng.pick([[3], [5], [3, 5]])
            var number = ""
            for (k, c) in digits.enumerated() {
                if cuts.contains(k) { number += rng.pick(separators) }
                number.append(c)
            }
            let text = rng.pick(leads) + number + " thanks"
            if values(text, .ssn) != [number] { failures.append(text + " -> " + RedactionTestHelpers.describe(text)) }
        }
        XCTAssertEqual(failures.count, 0, failures.prefix(12).joined(separator: "\n"))
    }

    func testNineDigitsInAnOddGroupingWithoutAnSSNKeywordInTheirSentenceAreNoSSN() {
        var rng = RedactionRNG(seed: 0x55A_0023)
        for _ in 0..<200 {
            let digits = Self.ssnDigits(&rng)
            // A ZIP+4 after a state code, an SSN keyword in the sentence (the review).
            let zip = String(digits.prefix(5)) + "-" + String(digits.suffix(4))
            XCTAssertEqual(values("Mi SSN no lo tengo, vivo en Miami FL " + zip, .ssn), [], zip)
            let threeSix = String(digits.prefix(3)) + "-" + String(digits.dropFirst(3))
            let fiveFour = String(digits.prefix(5)) + "-" + String(digits.suffix(4))
            for number in [threeSix, fiveFour] {
                let text = rng.pick(["Order ", "Invoice ", "Ticket ", "Auftrag "]) + number + " shipped"
                XCTAssertEqual(values(text, .ssn), [], text)
            }
            // A keyword in an earlier line does not reach five and four digits (`12345-6789` is a ZIP+4 too).
            let later = "My SSN is 123-45-6789.\nShip to 12 Main St, Springfield, OH " + fiveFour
            XCTAssertEqual(values(later, .ssn), ["123-45-6789"], later)
        }
        // Nine digits cut inside a part (`123 456 789`, `1234 56789`) stay no SSN when the SSN keyword is in another
        // sentence; named by one in their own (the nearest keyword), they are one since the twenty-sixth session (a
        // grouping slipped as the number was typed: `RedactionSlippedGroupingTests`).
        for text in ["I sent my SSN last week. My new number is 123 456 789", "SSN done.\nOrder 1234 56789 shipped", "My SSN is on file. Ticket 12-345-6789"] {
            XCTAssertEqual(values(text, .ssn), [], text)
        }
        for number in ["123 456 789", "1234 56789", "12-345-6789"] {
            XCTAssertEqual(values("My SSN is " + number, .ssn), [number])
        }
    }

    /// A valid IBAN of `country` whose BBAN is `bban`: the check digits computed by ISO 13616's mod 97.
    private static func iban(_ country: String, _ bban: String) -> String {
        var remainder = 0
        for c in (bban + country + "00").unicodeScalars {
            let value = c.properties.numericType != nil ? Int(c.value - 48) : Int(c.value - 55)
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
        }
        return country + String(format: "%02d", 98 - remainder) + bban
    }

    private static func ibanOfSomeCountry(_ rng: inout RedactionRNG) -> String {
        func digits(_ n: Int) -> String { (0..<n).map { _ in String(rng.int(0...9)) }.joined() }
        func letters(_ n: Int) -> String { String((0..<n).map { _ in Character(UnicodeScalar(UInt8(65 + rng.int(0...25)))) }) }
        switch rng.int(0...7) {
        case 0: return iban("DE", digits(18))
        case 1: return iban("FR", digits(23))
        case 2: return iban("ES", digits(20))
        case 3: return iban("NL", letters(4) + digits(10))
        case 4: return iban("GB", letters(4) + digits(14))
        case 5: return iban("IT", letters(1) + digits(22))
        case 6: return iban("BE", digits(12))
        default: return iban("AT", digits(16))
        }
    }

    func testAnIBANIsReadInAnyGroupingItsChecksumHolds() {
        var rng = RedactionRNG(seed: 0x1BA_0022)
        var failures: [String] = []
        for _ in 0..<400 {
            let compact = Self.ibanOfSomeCountry(&rng)
            let head = String(compact.prefix(2)) + rng.pick(["", " "]) + String(compact.dropFirst(2).prefix(2))
            let rest = Self.layout(String(compact.dropFirst(4)), &rng, sizes: 1...10, separators: [" ", "-", "  "])
            // The country code apart and the rest in one block (`DE 89370400440532013000`) too.
            let number = rng.chance(0.2) ? String(compact.prefix(2)) + " " + String(compact.dropFirst(2)) : head + rng.pick([" ", "-"]) + rest
            let text = rng.pick(["IBAN ", "IBAN: ", "Kontoinhaber A, IBAN ", "please take payment from:\n", ""]) + number
                + rng.pick(["", "\nBIC COBADEFFXXX", " thanks", ", merci"])
            if values(text, .iban) != [number] { failures.append(text + " -> " + RedactionTestHelpers.describe(text)) }
        }
        XCTAssertEqual(failures.count, 0, failures.prefix(12).joined(separator: "\n"))
    }

    func testAnIBANBrokenOverTwoLinesIsRead() {
        var rng = RedactionRNG(seed: 0x1BA_0024)
        for _ in 0..<200 {
            let compact = Self.ibanOfSomeCountry(&rng)
            let fours = stride(from: 0, to: compact.count, by: 4).map { k in
                String(compact.dropFirst(k).prefix(4))
            }
            let cut = rng.int(1...(fours.count - 1))
            let number = fours[..<cut].joined(separator: " ") + rng.pick(["\n", " \n", "\n "]) + fours[cut...].joined(separator: " ")
            let text = "Bitte abbuchen von IBAN " + number + "\nDanke"
            XCTAssertEqual(values(text, .iban), [number], text)
            // The country code alone at the end of the line (the review).
            let codeAlone = String(compact.prefix(2)) + "\n" + String(compact.dropFirst(2).prefix(2)) + " " + fours.dropFirst().joined(separator: " ")
            XCTAssertEqual(values("IBAN " + codeAlone, .iban), [codeAlone], codeAlone)
        }
    }

    func testAnIBANWhoseChecksumFailsInAnOddGroupingHidesNothingAfterIt() {
        var rng = RedactionRNG(seed: 0x1BA_0023)
        for _ in 0..<200 {
            var chars = Array(Self.ibanOfSomeCountry(&rng))
            let k = chars.count - 1
            chars[k] = Character(String((Int(String(chars[k]))! + rng.int(1...9)) % 10))
            let compact = String(chars)
            let number = String(compact.prefix(2)) + " " + String(compact.dropFirst(2).prefix(2)) + " "
                + Self.layout(String(compact.dropFirst(4)), &rng, sizes: 2...6, separators: [" ", "-"])
            let text = "IBAN " + number + " oder ruf an: 0171 2345678"
            XCTAssertEqual(values(text, .iban), [], text)
            // The phone after it is still read (pieces of the number itself may be taken for phones: more is hidden).
            XCTAssertTrue(values(text, .phone).contains("0171 2345678"), text)
        }
    }

    func testAPhoneWithAnExitCodeIsReadWithAnyMixOfSeparators() {
        var rng = RedactionRNG(seed: 0x9E0_0022)
        // Country code and the length of the national number after it.
        let plans: [(String, Int)] = [("33", 9), ("49", 10), ("49", 11), ("31", 9), ("34", 9), ("44", 10), ("1", 10), ("32", 9), ("41", 9)]
        var failures: [String] = []
        for _ in 0..<300 {
            let (cc, n) = rng.pick(plans)
            let national = String(rng.int(1...9)) + (1..<n).map { _ in String(rng.int(0...9)) }.joined()
            let exit = rng.pick(["00" + cc, "00 " + cc, "00" + cc])
            let number = exit + rng.pick([" ", "-", " (0)"]) + Self.layout(national, &rng, sizes: 1...4, separators: [" ", "-", ".", "/"])
            let text = rng.pick(["appelez-moi au ", "call me on ", "Handy: ", "bel me op ", "", "llámame al "]) + number + rng.pick(["", ", thanks", " avant 18h"])
            if values(text, .phone) != [number] { failures.append(text + " -> " + RedactionTestHelpers.describe(text)) }
        }
        XCTAssertEqual(failures.count, 0, failures.prefix(12).joined(separator: "\n"))
    }

    func testANationalNumberAfterAPhoneKeywordIsReadWithAnyMixOfSeparators() {
        var rng = RedactionRNG(seed: 0x9E0_0023)
        var failures: [String] = []
        for _ in 0..<300 {
            // A trunk 0 and 9 to 11 more digits (FR, NL, DE, GB), or ten digits without one (US).
            let trunk = rng.chance(0.75)
            let national = trunk ? "0" + String(rng.int(1...9)) + (0..<rng.int(8...10)).map { _ in String(rng.int(0...9)) }.joined()
                : String(rng.int(2...9)) + (0..<9).map { _ in String(rng.int(0...9)) }.joined()
            let number = Self.layout(national, &rng, sizes: 2...4, separators: [" ", "-", ".", "/", " - "])
            guard Set(number.filter { !$0.isNumber }).count > 1 else { continue }
            let text = rng.pick(["Tel. ", "call me on ", "mobile: ", "appelez-moi au ", "ruf mich an unter ", "bel me op ", "mijn nummer is "]) + number + rng.pick(["", " thanks", ", merci"])
            if values(text, .phone) != [number] { failures.append(text + " -> " + RedactionTestHelpers.describe(text)) }
        }
        XCTAssertEqual(failures.count, 0, failures.prefix(12).joined(separator: "\n"))
    }

    func testAGermanNumberWithItsExtensionAfterADashIsOnePhone() {
        var rng = RedactionRNG(seed: 0x9E0_0024)
        for _ in 0..<200 {
            let area = "0" + String(rng.int(2...9)) + (0..<rng.int(1...3)).map { _ in String(rng.int(0...9)) }.joined()
            // The area code with its 0 and the line: 7 to 11 digits, as German numbers have.
            let line = String(rng.int(1...9)) + (1..<rng.int(max(3, 7 - area.count)...(11 - area.count))).map { _ in String(rng.int(0...9)) }.joined()
            let number = area + " " + line + "-" + (0..<rng.int(1...3)).map { _ in String(rng.int(0...9)) }.joined()
            let text = rng.pick(["bitte unter ", "Rückruf an ", "Bei Rückfragen bitte ", "Telefon "]) + number + rng.pick([" melden", "", ", danke"])
            XCTAssertEqual(values(text, .phone), [number], text)
            let slashed = number.replacingOccurrences(of: " ", with: "/")
            XCTAssertEqual(values("Durchwahl " + slashed, .phone), [slashed], slashed)
        }
        // An identifier word anywhere in its sentence names a reference in that layout (the review; words the keyword
        // list does not hold, `Kreditorennr.`, `Lieferschein`, `Artikel`, still leave it a phone).
        XCTAssertEqual(values("Auftrag vom Montag: 0673 76250-12 bitte angeben", .phone), [])
        XCTAssertEqual(values("Die Rechnung für Mai, 0290 16210-5, bitte prüfen", .phone), [])
        // Delivery-note, article, creditor and model nouns of German business mail name references in that layout.
        for text in ["Lieferschein 0290 16210-5 liegt bei", "Artikel 0221 4711-0 nachbestellen", "Kreditor 0673 76250-12",
                     "Modell 0345 6789-12 Netzteil", "pakketnummer 0049 630 027 222"] {
            XCTAssertEqual(values(text, .phone), [], text)
        }
        // A keyword that names another number before it does not (split U).
        XCTAssertEqual(values("Schaden unter Leffler, Auftrag 62082746, Rückruf an 0221 67901-72", .phone), ["0221 67901-72"])
    }

    func testMixedSeparatorsWithoutAPhoneKeywordStayWhatTheyWere() {
        // Versions, references and measurements with mixed separators: no phone without a keyword.
        for text in ["Firmware 05.12-3 4567 installed", "Ref 0612-34.56/78 attached", "Artikel 04 12.345-678 ist da",
                     "Order 0123 45.67-89 shipped", "Serial 1234.56-7890 is old"] {
            XCTAssertEqual(values(text, .phone), [], text)
        }
    }

    /// Every kind of space is a space (twenty-second session, after split V's measurement): a no-break space (U+00A0),
    /// the thin and other fixed-width spaces (U+2000–U+200A), the narrow no-break space (U+202F, French typesetting),
    /// the medium mathematical space (U+205F) and a tab (a form's fields pasted) join a number's groups as a space does.
    func testEveryKindOfSpaceJoinsANumbersGroups() {
        var rng = RedactionRNG(seed: 0x5BA_0022)
        let spaces = ["\u{00A0}", "\u{2009}", "\u{2002}", "\u{2007}", "\u{202F}", "\u{205F}", "\t"]
        var failures: [String] = []
        for _ in 0..<300 {
            let space = rng.pick(spaces)
            let card = Self.layout(RedactionTestHelpers.luhnNumber(16, &rng), &rng, sizes: 4...4, separators: [space])
            let ssnDigits = Array(Self.ssnDigits(&rng))
            let ssn = String(ssnDigits[0..<3]) + space + String(ssnDigits[3..<5]) + space + String(ssnDigits[5...])
            let compact = Self.ibanOfSomeCountry(&rng)
            let iban = stride(from: 0, to: compact.count, by: 4).map { String(compact.dropFirst($0).prefix(4)) }.joined(separator: space)
            // A phone takes every kind of space but the tab (cells of a pasted table row).
            let phoneSpace = space == "\t" ? " " : space
            let phone = "06" + phoneSpace + (0..<4).map { _ in String(format: "%02d", rng.int(0...99)) }.joined(separator: phoneSpace)
            for (text, value, type) in [("card " + card + " exp 04/29", card, PIIType.card), ("SSN: " + ssn + " thanks", ssn, .ssn),
                                        ("IBAN " + iban + " merci", iban, .iban), ("Tél. " + phone + " merci", phone, .phone)] {
                if values(text, type) != [value] { failures.append(text.debugDescription + " -> " + RedactionTestHelpers.describe(text)) }
            }
        }
        XCTAssertEqual(failures.count, 0, failures.prefix(12).joined(separator: "\n"))
        // A tab between two numbers of a table row still leaves them apart when neither is a phone, card or SSN, and
        // joins no phone (the review: `Dupont⇥0485⇥67075⇥expédié`).
        XCTAssertEqual(RedactionTestHelpers.found("Order\t2024\t12\tshipped").count, 0)
        XCTAssertEqual(values("Dupont\t0485\t67075\texpédié", .phone), [])
        XCTAssertEqual(values("Müller\t04109\t123456\tversandt", .phone), [])
    }

    /// A number a PDF or a narrow field wrapped onto the next line (`4539 1488 0343⏎6467`, `123-45-⏎6789`) is one
    /// number when its keyword names it (a card keyword, an expiry or a payment word for a card; an SSN keyword for an
    /// SSN); else the two lines stay two numbers.
    func testANumberWrappedOntoTheNextLineIsOneNumberWhenItsKeywordNamesIt() {
        var rng = RedactionRNG(seed: 0x11E_0022)
        var failures: [String] = []
        for _ in 0..<200 {
            let digits = Array(Self.networkCard(&rng))
            let groups = stride(from: 0, to: digits.count, by: 4).map { String(digits[$0..<min($0 + 4, digits.count)]) }
            let cut = rng.int(1...(groups.count - 1))
            let card = groups[..<cut].joined(separator: " ") + rng.pick(["\n", " \n"]) + groups[cut...].joined(separator: " ")
            let text = rng.pick(["New card number:\n", "Kartennummer ", "carte "]) + card + "\nexp 04/29"
            if values(text, .card) != [card] { failures.append(text.debugDescription + " -> " + RedactionTestHelpers.describe(text)) }
            let s = Array(Self.ssnDigits(&rng))
            let ssn = String(s[0..<3]) + "-" + String(s[3..<5]) + rng.pick(["-\n", "\n", " \n"]) + String(s[5...])
            let said = rng.pick(["My SSN is ", "SSN: ", "social security number "]) + ssn + "\nthanks"
            let dashSpace = String(s[0..<3]) + "-" + String(s[3..<5]) + "- \n" + String(s[5...])
            if values("SSN #" + dashSpace, .ssn) != [dashSpace] { failures.append(dashSpace.debugDescription) }
            if values(said, .ssn) != [ssn] { failures.append(said.debugDescription + " -> " + RedactionTestHelpers.describe(said)) }
        }
        XCTAssertEqual(failures.count, 0, failures.prefix(12).joined(separator: "\n"))
        // Unnamed, two lines of numbers stay two lines (a quantity under a reference, a list).
        XCTAssertEqual(values("Ref 4539 1488 0343\n6467 units", .card), [])
        XCTAssertEqual(values("Rooms 123-45\n6789 are free", .ssn), [])
    }
}
