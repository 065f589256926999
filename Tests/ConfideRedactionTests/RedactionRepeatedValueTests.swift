import XCTest
@testable import ConfideRedaction

/// A number that a rule found once in a message is the same PII wherever else the message repeats its digits
/// (twenty-sixth session, from split Z's card misses once Z became a development split: `Customer: the card is 42 10 0480
/// 8208 9761⏎Agent: Sorry, the line cut out, could you repeat it?⏎Customer: 42 10 0480 8208 9761` left the repeat
/// visible, since its line holds no keyword). The repeat may come first, in another layout of separators, or between
/// other numbers; a number whose digits no detection holds stays what it was.
final class RedactionRepeatedValueTests: XCTestCase {
    private func values(_ text: String, _ type: PIIType) -> [String] { RedactionTestHelpers.values(text, type, rulesOnly: true) }

    /// Random groups of 2–5 digits (a layout the card rules read only with a keyword).
    private static func regroup(_ digits: String, _ rng: inout RedactionRNG) -> String {
        let chars = Array(digits)
        var out = "", i = 0
        while i < chars.count {
            let n = min(rng.int(2...5), chars.count - i)
            if i > 0 { out += " " }
            out += String(chars[i..<(i + n)])
            i += n
        }
        return out
    }

    func testACardNamedOnceIsRedactedWhereverTheMessageRepeatsIt() {
        var rng = RedactionRNG(seed: 0x26_0001)
        let frames = [("Customer: the card is ", "\nAgent: Sorry, the line cut out, could you repeat it?\nCustomer: "),
                      ("Kunde: Die Karte ist ", "\nAgent: Entschuldigung, die Verbindung war weg, nochmal bitte?\nKunde: "),
                      ("Client : la carte c'est ", "\nAgent : Pardon, ça a coupé, vous pouvez répéter ?\nClient : "),
                      ("Cliente: la tarjeta es ", "\nAgente: Se cortó, ¿me la repite?\nCliente: "),
                      ("Klant: de kaart is ", "\nAgent: Sorry, u viel weg, kunt u het herhalen?\nKlant: ")]
        var failures: [String] = []
        for round in 0..<60 {
            let (length, prefix) = [(16, "4"), (16, "51"), (16, "6011"), (15, "37"), (16, "3530"), (19, "4")][round % 6]
            let card = RedactionTestHelpers.luhnNumber(length, &rng, prefix: prefix)
            let first = Self.regroup(card, &rng), again = Self.regroup(card, &rng)
            let (before, between) = frames[round % frames.count]
            let text = before + first + between + again
            let found = values(text, .card)
            if found != [first, again] { failures.append(text.replacingOccurrences(of: "\n", with: "⏎") + " -> \(found)") }
        }
        XCTAssert(failures.isEmpty, "\(failures.count) of 60:\n" + failures.prefix(5).joined(separator: "\n"))
    }

    func testTheRepeatMayComeFirstAndSSNsAndPhonesRepeatToo() {
        XCTAssertEqual(values("4539 1488 03 43 6467 is that the one? Yes, my card number is 4539 1488 0343 6467", .card),
                       ["4539 1488 03 43 6467", "4539 1488 0343 6467"])
        // Each repeat below was left visible before (an identifier word or none at all in its own sentence).
        XCTAssertEqual(values("Agent: Can you confirm your SSN?\nCustomer: 536-22-8471\nAgent: The case file says 536 22 8471, is that right?", .ssn),
                       ["536-22-8471", "536 22 8471"])
        XCTAssertEqual(values("Mobil: 0157-8386 2003\nAgent: Und die Bestellnummer?\nKunde: keine Ahnung, nur 0157-8386 2003", .phone),
                       ["0157-8386 2003", "0157-8386 2003"])
        XCTAssertEqual(values("ring me on 0161.5692611 after six. Order 3321 was placed from 0161.5692611 too", .phone),
                       ["0161.5692611", "0161.5692611"])
    }

    func testANumberNoDetectionHoldsStaysWhatItWas() {
        // Different digits, however alike: the order number stays.
        XCTAssertEqual(values("My card is 4539 1488 0343 6467. Order 4539 1488 0343 6468 never came", .card), ["4539 1488 0343 6467"])
        // The same id twice, no keyword of a kind the rules redact: nothing.
        XCTAssertEqual(RedactionTestHelpers.found("Ticket 2231 8870 4412 and again ticket 2231 8870 4412", rulesOnly: true).count, 0)
        // Digits a detection holds only in part (a phone inside a longer id) are no repeat of it.
        XCTAssertEqual(values("Call 0171 2345678 about invoice 0171 2345678 9", .phone), ["0171 2345678"])
    }
}
