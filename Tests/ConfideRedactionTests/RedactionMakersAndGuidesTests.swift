import XCTest
@testable import ConfideRedaction

/// What split AF's misses and false positives taught (thirty-second session, when AF became a development split; each
/// kind of line seen failing with the detector of `f9552b5`): makers named like people (a style, a make with its year or
/// its model's code, the maker of classics, machines or flour, a make and model read as a street), and people named in
/// frames the rules knew only for listed names (a guide, a trade's label on a work order, a gendered label, an initial
/// and a surname after a preposition, a lower-case introduction of unlisted words, a surname repeated as a possessive).
final class RedactionMakersAndGuidesTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    private func assertNames(_ cases: [(String, [String])], file: StaticString = #filePath, line: UInt = #line) {
        for (text, expected) in cases {
            XCTAssertEqual(H.values(text, .person, rulesOnly: true), expected, H.describe(text), file: file, line: line)
        }
    }

    private func assertNoPerson(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in texts {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text), file: file, line: line)
        }
    }

    func testMakersNamedLikePeopleAreNoOne() {
        assertNoPerson([
            // A style named after a maker.
            "Agente: Las pantallas estilo Tiffany cuestan 196,93 €.",
            "Conseiller : Les abat-jour style Tiffany sont à 27,31 €.",
            // A make with the year it was made, or its model's code.
            "Kunde: reparieren Sie auch einen Gottlieb von 1977?",
            "Agente: Restauramos Seeburg M100C y máquinas Seeburg.",
            // The maker of classics, machines or flour.
            "Agent: Chanel and Guerlain classics are our reference scents. We start at 3.45pm.",
            "Mitarbeiter: Klassiker von Chanel und Guerlain dienen als Referenz.",
            "Medewerker: Klassiekers van Chanel en Guerlain zijn onze referentie.",
            "Conseiller : Les classiques de Chanel et Guerlain servent de référence.",
            "Agent: We use King Arthur flour. Class A-29150 starts at 1:45.",
        ])
        // A person keeps the name: an order or a dress of the customer's, a person one uses for a job.
        assertNames([
            ("Kunde: Ein Kleid von Anna Schmidt ist noch hier.", ["Anna Schmidt"]),
            ("Agent: We used Anna for the fittings.", ["Anna"]),
        ])
    }

    func testMakeAndModelNamedAgainIsNoStreet() {
        for text in ["Agent: We restore Seeburg 222 and Seeburg machines. Parts due 9 November.",
                     "Mitarbeiter: Wir restaurieren Seeburg 222 und Geräte von Seeburg.",
                     "Medewerker: We restaureren Seeburg 222 en kasten van Seeburg."] {
            XCTAssertEqual(H.values(text, .address), [], H.describe(text))
        }
        // A street of that ending stays one, also where its name stands again.
        XCTAssertEqual(H.values("Ich wohne in der Marienburg 12, 10115 Berlin.", .address), ["Marienburg 12, 10115 Berlin"])
    }

    func testGuidesAndTradesNamedOnAWorkOrder() {
        assertNames([
            ("Agent: We meet at the car park at 9:45. Your guide is Sigita, and there's a 32-metre abseil.", ["Sigita"]),
            ("Mitarbeiter: Treffpunkt ist der Parkplatz um 14:45 Uhr. Ihr Guide ist Fatlinda, auf dieser Tour …", ["Fatlinda"]),
            ("Agente: Quedamos en el aparcamiento a las 8.15. Su guía es Raudy, en esta ruta hay un rápel.", ["Raudy"]),
            ("WERKBON\nKast: een Gottlieb uit 1979\nMonteur: Madelinde", ["Madelinde"]),
            ("PARTE DE TRABAJO\nAvería: flipper flojo\nTécnico: Younesse", ["Younesse"]),
            ("ANMELDUNG UNTERRICHT\nSchüler/in: AGAN SIEGISMUND\nInstrument: ein 120-Bass-Akkordeon", ["AGAN SIEGISMUND"]),
        ])
        // A trade's label before a word of the language names no one.
        assertNoPerson(["Techniker: Unterwegs", "Technician: Pending", "Monteur: Morgenochtend"])
    }

    func testInitialAndSurnameAnsweringForWhomAfterAPreposition() {
        assertNames([
            ("Medewerker: Op wiens naam moet de factuur?\nKlant: op J. Cobben graag, dat wil mijn boekhouder", ["J. Cobben"]),
            ("Mitarbeiter: Auf wen soll die Rechnung lauten?\nKunde: auf A. Stünkel bitte", ["A. Stünkel"]),
            ("Conseiller : À quel nom faut-il établir la facture ?\nClient : à P. Munos s'il vous plaît", ["P. Munos"]),
            ("Agent: Who shall I make the invoice out to?\nCustomer: G. Chamberlin please, my bookkeeper likes it", ["G. Chamberlin"]),
            ("Conseiller : Bien sûr. À l'attention de ?\nClient : P. Reymann, service RH", ["P. Reymann"]),
        ])
        // Not without a question for whom, nor a company's name.
        assertNoPerson(["Agent: Anything else?\nCustomer: to B. Braun please", "Agent: Who is your provider?\nCustomer: T. Mobile"])
    }

    func testLowerCaseIntroductionOfUnlistedNames() {
        assertNames([
            ("Customer: hi its malay farr, is my lamp ready?", ["malay farr"]),
            ("Cliente: hola soy lendy callado, ¿está lista mi lámpara?", ["lendy callado"]),
            ("Client : bonjour c'est lissonn bouclet, ma lampe est prête ?", ["lissonn bouclet"]),
        ])
        assertNoPerson(["Customer: hi its raining today, is the class on?", "Customer: hi its ok tho, no rush",
                        "Cliente: hola soy nueva aquí, ¿cómo funciona?", "Customer: hi its about my order, is it ready?"])
    }

    func testSurnameRepeatedAsAPossessive() {
        assertNames([
            ("Agent: Scala's crew will start 6/21, weather permitting.\nCustomer: ok great. if we're out, our neighbor Jesseca Scala has a key",
             ["Scala", "Jesseca Scala"]),
        ])
    }
}
