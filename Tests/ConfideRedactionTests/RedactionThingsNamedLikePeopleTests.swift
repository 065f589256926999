import XCTest
@testable import ConfideRedaction

/// Words that read as names and name no one: a transcript's turn labels, kinship words, holidays, makes and models of
/// things, shops answering the phone, towns after a verb of travel. Split AC's false positives (twenty-ninth session,
/// when AC became a development split): 759 false PERSON spans and 173 of its 1,862 PII-free messages touched, every
/// line of the first seven tests among them or written after them (each seen taken by the detector of `19355ef`). The
/// last test holds the persons the same rules must still find, each a line the first drafts of these rules lost.
final class RedactionThingsNamedLikePeopleTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    /// A turn label glued to the name before it (messages joined with a space) made the label a name word, and then every
    /// turn label of the message a repeated name.
    func testTurnLabelsAreNoNames() {
        let text = "Kunde: 3, eins für meinen Doktorvater Prof. Rieck Mitarbeiter: Die Anzahlung beträgt 84 €.\nKunde: ok\nMitarbeiter: Danke!"
        XCTAssertEqual(H.values(text, .person), ["Rieck"], H.describe(text))
        let spanish = "a la atención de KATSIARYNA NUEZ Agente: Los esquís tienen un canto roto.\nCliente: vale\nAgente: Sin cargo."
        XCTAssertEqual(H.values(spanish, .person), ["KATSIARYNA NUEZ"], H.describe(spanish))
    }

    func testKinshipWordsNameNoOne() {
        for text in ["Notes: please keep the slides in their boxes, Nan wrote the dates on them",
                     "Bemerkung: Bitte die Dias in den Kästen lassen, Oma hat die Jahreszahlen draufgeschrieben",
                     "Remarque : merci de laisser les diapos dans leurs boîtes, Mamie a noté les années dessus"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    func testHolidaysAfterAPrepositionNameNoOne() {
        for text in ["Der Appenzeller war super, wir bestellen für Silvester nochmal", "¿Cuánto se tarda en digitalizar 19 cintas VHS? Es para Reyes.",
                     "On le veut pour Noël, c'est possible ?", "Het is voor Sinterklaas."] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    /// A possessive before a make (people are not owned), an indefinite article with a word between, a thing's label.
    func testMakesAndModelsNameNoOne() {
        for text in ["Meine Adler Tippa ist wie neu, danke!", "Mon Remington Rand saute des espaces.", "Escribe bien con mi Hermes Baby.",
                     "My Hermes Baby skips spaces.", "Habt ihr Farbbänder für eine alte Olympia? Meins ist völlig trocken",
                     "How much would you give for a 1889 Morgan dollar, roughly?",
                     "REPAIR TICKET #47987\nCustomer: Golam Nunn\nMachine: Olympia SM3\nFault: sticking keys",
                     "REPARATURAUFTRAG #28994\nKunde: Jiuli Radmacher\nGerät: Remington Rand\nFehler: Tasten klemmen"] {
            let found = H.values(text, .person)
            XCTAssertFalse(found.contains { ["Adler", "Remington", "Rand", "Hermes", "Olympia", "Morgan", "Meine", "Ma", "Mi", "My"].contains(String($0.split(separator: " ")[0])) },
                           H.describe(text))
        }
    }

    /// A shop answering the phone with its name (`Fromagerie du Marché, bonjour !`), the first word a word of the language.
    func testShopsAnsweringNameNoOne() {
        for text in ["Mitarbeiter: Käsekeller am Markt, guten Tag! Abholung oder Lieferung?",
                     "Conseiller : Fromagerie du Marché, bonjour ! Retrait ou livraison ?",
                     "Agente: Quesería La Despensa, ¡buenas! ¿Recogida o envío?",
                     "Medewerker: Kaashandel De Waag, goedemiddag! Ophalen of bezorgen?"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    func testFormalPronounsAndTownsAfterTravelNameNoOne() {
        for text in ["Da Sie von Ihrem US-Konto zahlen, braucht unsere Bank Ihre SSN.",
                     "parking is behind the Walgreens right? coming from Kellogg",
                     "is there parking behind the Co-op? driving over from Slack"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    /// Words at the text's start: the rules look at the word before, which is none (the first draft read index -1).
    func testRulesAtTheTextsStartDoNotTrap() {
        XCTAssertEqual(H.values("From Anna Schmidt: the order is late", .person), ["Anna Schmidt"])
        XCTAssertEqual(H.values("My Hermes Baby skips", .person), [])
        XCTAssertEqual(H.values("Oma hat angerufen.", .person), [])
    }

    /// The persons next to those words stay found.
    func testPersonsNextToThoseWordsStayFound() {
        let cases: [(String, [String])] = [
            ("Dank je Rodrigo!", ["Rodrigo"]),                                      // `je` is no possessive here
            ("a mi prima Ancor tampoco le llegó", ["Ancor"]),                        // an article three words back
            ("Viele Grüße\nAlegra Kohlen", ["Alegra Kohlen"]),                       // a surname that is a word
            ("I heard back from Anna Schmidt yesterday.", ["Anna Schmidt"]),
            ("My husband Alun set up the account.", ["Alun"]),
            // From a helper's attack on the first drafts: `Ma` opening a name, kinship words after a self-introduction or
            // a title, an article with a person between, a first name after a verb of travel.
            ("Customer: Ma Yun here, order 8812", ["Ma Yun"]),
            ("Agent: Hi, I'm Nana, how can I help?", ["Nana"]),
            ("Kunde: Ich hatte einen Jonas am Telefon, der sagte, es wird erstattet.", ["Jonas"]),
            ("Customer: we got a lift coming from Mandy to collect it", ["Mandy"]),
        ]
        // Spanish `a` before a person is no article (the word model finds the name; how much of it depends on its weights).
        let spanish = "Cliente: estoy sustituyendo a Zviad Castelao mientras está fuera"
        XCTAssertEqual(H.values(spanish, .person).first?.hasPrefix("Zviad"), true, H.describe(spanish))
        for (text, expected) in cases {
            XCTAssertEqual(H.values(text, .person), expected, H.describe(text))
        }
    }
}
