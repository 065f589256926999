import XCTest
@testable import ConfideRedaction

/// The frames that are weak evidence alone (`me and …`, `you or …?`, a closing vocative, a household, an apology) take a
/// name the gazetteer does not list when no word list holds it either (`PIICommonWords`, twenty-eighth session): the
/// twenty-seventh session narrowed them to listed names because carriers, brands, praise and kinship words stand in the
/// same frames; a word list tells those apart. The names are split AA's (a development split) and were missed before.
final class RedactionUnlistedNameTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    func testUnlistedNamesInWeakFrames() {
        let cases: [(String, String)] = [
            ("There's been a sign-in to your family account from 54.58.19.150 at 02:40, was that you or Auberon?", "Auberon"),
            ("Er is ingelogd op uw gezinsaccount vanaf 55.169.13.95 om 03:12. Was u dat, of Soscha?", "Soscha"),
            ("Es gab eine Anmeldung in Ihrem Familienkonto. Waren Sie das oder Placidus?", "Placidus"),
            ("Customer: was brilliant with the kids on Friday! any chance she's free?\nAgent: I'll ask her, Goronwy!", "Goronwy"),
            ("Agente: Se lo pregunto, Heberth!", "Heberth"),
            ("hola, quiero reservar la clase de cocina para 2, para mí y Jersson.", "Jersson"),
            ("Client : chez les Medzadourian, j'ai gardé leurs jumeaux deux ans", "Medzadourian"),
        ]
        for (text, name) in cases {
            XCTAssertEqual(H.values(text, .person), [name], H.describe(text))
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
