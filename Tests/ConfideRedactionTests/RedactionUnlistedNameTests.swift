import XCTest
@testable import ConfideRedaction

/// The frames that are weak evidence alone (`me and …`, `you or …?`, a closing vocative, a household, an apology) take
/// only names the gazetteer lists. The twenty-eighth session let them take any capitalized word in no word list
/// (`PIICommonWords`, `d030726`) and a helper's attack found those words to be brands and answer words far more often
/// than names: 13 of the 15 lines of the first two tests were taken then (seen failing on `d030726`; the Dutch ones
/// through the word model, before wdutch joined the word lists), and the word model, which reads the word lists
/// instead, leaves them alone.
final class RedactionUnlistedNameTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    func testBrandsInNoWordListInWeakFramesNameNoOne() {
        for text in ["Is my contract with you or Lebara?", "Who do I pay the deposit to, you or Vrbo?",
                     "Qui me rembourse, vous ou Leboncoin ?", "¿Quién me devuelve el dinero, ustedes o Wallapop?",
                     "Wie moet ik bellen, jullie of Thuisbezorg?", "Wer hat die Fahrt storniert, Sie oder Flixbus?",
                     "C'est désormais un litige entre moi et Leboncoin.", "Welcome to the Bunq family!",
                     "Thanks for joining the Giffgaff family!", "El pedido con los Funko llegó con las cajas aplastadas."] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
        // `There's a dispute open between me and Depop, can you see it?`: the rules leave it alone; the word model retrained
        // with split AE in the thirty-first session takes `Depop` (a known false positive, docs/redaction.md).
        XCTAssertEqual(H.values("There's a dispute open between me and Depop, can you see it?", .person, rulesOnly: true), [])
    }

    /// Dutch words at a turn's start: wdutch is in the word lists since the attack (less the gazetteer's names).
    func testDutchAnswerWordsAfterATurnLabelNameNoOne() {
        for text in ["Klant: Klopt, dat is mijn adres.", "Medewerker: Zeker, ik zoek het voor u uit.",
                     "Klant: Tuurlijk, geen probleem.", "Klant: Inderdaad, dat was vorige week."] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    /// Words of the language, brands in the word lists and compounds of listed words stay unnamed in the same frames.
    func testWordsOfTheLanguageInWeakFramesNameNoOne() {
        for text in ["Was that you or Amazon?", "It's a shared account, me and Netflix.", "thanks for checking, Brilliant!",
                     "Booking for two, me and Mum.", "Oh nein, Zahlung, wieder abgelehnt.", "Waren Sie das oder Paketbote?",
                     "El paquete está con los Vecinos.", "Das war die Tierarztrechnung, oder Tierarztrechnung?",
                     "Compré la entrada con los Socios del club.", "¿Fue usted o Aduanas?", "C'est pour moi et Maman."] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }
}
