import XCTest
@testable import ConfideRedaction

/// Names the rules missed in split AC (twenty-ninth session, when AC became a development split; each line's kind seen
/// missed by the detector of `26674b0`): a customer's own name typed in lower case and written back by the agent with a
/// capital (325 of AC's 1,104 PERSON misses), a person named as someone's kin (`la maman de Geoffray`), and `X's mom`.
final class RedactionLowerCaseAndKinNameTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    func testLowerCaseNameWrittenBackWithACapital() {
        let cases: [(String, [String])] = [
            ("Customer: I did take it!! look under athman bayford\nAgent: You're right, sorry Athman. No charge.", ["athman bayford", "Athman"]),
            ("Klant: die heb ik wel!! kijk op jorick hovestadt\nMedewerker: Klopt, sorry Jorick. Geen kosten.", ["jorick", "Jorick"]),  // `hovestadt` reads as a listed word
            ("Client : mais je l'ai prise !! regardez au nom de saâd bulteau\nConseiller : Vous avez raison, c'est corrigé, Saâd.", ["saâd bulteau", "Saâd"]),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(H.values(text, .person), expected, H.describe(text))
        }
    }

    /// The lower-case repeat needs the word to be no word of any language: `will`, `mark`, `rose` stay.
    func testLowerCaseWordsOfTheLanguageStayWhenANameSharesThem() {
        let text = "Agent: Thanks Mark, I will mark the order and rose will be delivered.\nCustomer: thanks, I will check"
        XCTAssertEqual(H.values(text, .person), ["Mark"], H.describe(text))
        // Nor does a lower-case word make a name of itself without the capitalized one.
        XCTAssertEqual(H.values("look under athman bayford please", .person, rulesOnly: true), [])
    }

    func testKinOfName() {
        let cases: [(String, [String])] = [
            ("Client : bonjour, la maman de Geoffray. elle est enrhumée et ratera samedi", ["Geoffray"]),
            ("Klant: hoi, de moeder van Jawdat. ze is verkouden en mist zaterdag", ["Jawdat"]),
            ("Customer: hi, Yunlong's mom here. she has a cold so she'll miss saturday", ["Yunlong"]),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(H.values(text, .person, rulesOnly: true), expected, H.describe(text))
        }
        // Words of the language and places stay (`Mother's day`, `the mother of Pearl`, `la mère de Famille`).
        for text in ["Is the shop open on Mother's day?", "a necklace, the mother of Pearl kind", "la mère de Famille est une boutique"] {
            XCTAssertEqual(H.values(text, .person, rulesOnly: true), [], H.describe(text))
        }
    }
}
