import XCTest
@testable import ConfideRedaction

/// Numbers typed from memory with the grouping slipped (twenty-sixth session, from split Z's misses once Z became a
/// development split): nine digits in any two to four groups are an SSN when an SSN keyword in their own sentence (or
/// the question they answer) names them, and a dash with a space before it only (`123 -45-6789`) joins groups as ` - `
/// does. Without the keyword, and in a phone's layout, they stay what they were.
final class RedactionSlippedGroupingTests: XCTestCase {
    private func values(_ text: String, _ type: PIIType) -> [String] { RedactionTestHelpers.values(text, type, rulesOnly: true) }

    /// A valid SSN's nine digits (area 001–665 or 667–899, group and serial not zero).
    private static func ssnDigits(_ rng: inout RedactionRNG) -> String {
        var area = rng.int(1...899)
        if area == 666 { area = 667 }
        return String(format: "%03d%02d%04d", area, rng.int(1...99), rng.int(1...9999))
    }

    private static let slips: [[Int]] = [[4, 2, 3], [2, 3, 4], [3, 2, 2, 2], [3, 4, 2], [3, 3, 1, 2], [4, 5], [2, 7]]

    func testNineDigitsInAnySlippedGroupingAreAnSSNWhenTheirSentenceNamesOne() {
        var rng = RedactionRNG(seed: 0x26_0101)
        let frames = [("sorry typo!! SSN is ", ", not what I wrote before"),
                      ("Das Formular der US-Klinik will eine SSN: ", ""),
                      ("pardon faute de frappe !! le SSN c'est ", ", pas ce que j'ai écrit avant"),
                      ("El formulario de la clínica de EE. UU. pide un SSN: ", ""),
                      ("Do you need my social security number for the W-9? It's ", ""),
                      ("My social security number, typing it from memory: ", " 🙏")]
        var failures: [String] = []
        for round in 0..<70 {
            let digits = Array(Self.ssnDigits(&rng))
            let lengths = Self.slips[round % Self.slips.count]
            var parts: [String] = [], at = 0
            for n in lengths { parts.append(String(digits[at..<(at + n)])); at += n }
            let seps = ["-", " ", ".", " -"]
            var ssn = parts[0]
            for p in parts.dropFirst() { ssn += seps[rng.int(0...(seps.count - 1))] + p }
            let (before, after) = frames[round % frames.count]
            let text = before + ssn + after
            if values(text, .ssn) != [ssn] { failures.append(text + " -> " + RedactionTestHelpers.describe(text)) }
        }
        XCTAssert(failures.isEmpty, "\(failures.count) of 70:\n" + failures.prefix(6).joined(separator: "\n"))
    }

    func testASpaceBeforeADashJoinsTheGroupsAsASpacedDashDoes() {
        XCTAssertEqual(values("Le formulaire demande un SSN : 467 -28-8694", .ssn), ["467 -28-8694"])
        XCTAssertEqual(values("my SSN is 467 - 28 - 8694", .ssn), ["467 - 28 - 8694"])
    }

    func testWithoutItsKeywordOrInAPhonesLayoutNineDigitsStayWhatTheyWere() {
        // No SSN keyword: an order number in a slipped grouping is nothing.
        XCTAssertEqual(RedactionTestHelpers.found("Order 4672-88-694 still hasn't shipped", rulesOnly: true).count, 0)
        // An SSN keyword in another sentence, and no keyword in the number's own: a plain noun speaks for a phone.
        XCTAssertEqual(values("I gave you my SSN last week. My new number is 612 345 678", .ssn), [])
        // Three groups of three are a Spanish phone's layout, not a slipped SSN, even after the keyword.
        XCTAssertEqual(values("No tengo SSN, llámame al 612 345 678", .ssn), [])
        // Ten digits are no SSN however grouped.
        XCTAssertEqual(values("SSN? I only have this: 1234-56-78901", .ssn), [])
    }

    func testAFrenchNumberInFivePairsIsAPhoneWhateverMixOfDotsAndSpacesJoinsThem() {
        var rng = RedactionRNG(seed: 0x26_0102)
        var failures: [String] = []
        for round in 0..<40 {
            var phone = "0" + String(rng.int(1...9))
            for _ in 0..<4 { phone += [" ", ".", "-"][rng.int(0...2)] + String(format: "%02d", rng.int(0...99)) }
            let text = ["| Nom | Téléphone |\n| Pimprenelle Racette | \(phone) |", "Merci, je note le \(phone) pour la livraison",
                        "Agent : Sur quel numéro votre moniteur peut-il vous joindre ?\nClient : \(phone) (le pro, demandez Hademou)"][round % 3]
            if values(text, .phone) != [phone] { failures.append(text + " -> " + RedactionTestHelpers.describe(text)) }
        }
        XCTAssert(failures.isEmpty, "\(failures.count) of 40:\n" + failures.prefix(6).joined(separator: "\n"))
        // Not a trunk zero and a digit first, or named an id: no phone.
        XCTAssertEqual(values("Lot 12.34 56.78.90 en rayon", .phone), [])
        XCTAssertEqual(values("Référence 07.81 40.61.71 sur la facture", .phone), [])
    }
}
