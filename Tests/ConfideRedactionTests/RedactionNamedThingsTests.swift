import XCTest
@testable import ConfideRedaction

/// Capitalized words that name a thing, not a person, and numbers named by a quote or an apostille (twenty-fourth
/// session, from split W's PII-free false positives once W became a development split): a language after `from` /
/// `uit het`, a named storm, `Nr.` after a noun, a brand after a garment (`a … suit`, `un costume …`), a package's or
/// plan's name (`Het pakket … is`, `Le forfait …, c'est`), and the number right after a quote or estimate noun. Each
/// test has its near misses: the person or number the same words can name (several from a review of the first form
/// of these rules, which hid them).
final class RedactionNamedThingsTests: XCTestCase {
    private func persons(_ text: String) -> [String] { RedactionTestHelpers.values(text, .person) }
    private func rulePersons(_ text: String) -> [String] { RedactionTestHelpers.values(text, .person, rulesOnly: true) }

    func testALanguageAfterFromIsNoName() {
        for language in ["German", "English", "French", "Spanish", "Dutch", "Italian", "Portuguese", "Polish"] {
            for text in ["Translation of 13 pages from \(language), apostille 4495/2024 from the Secretary of State",
                         "Can you translate the certificate from \(language)?", "Vertaling van 4 pagina's uit het \(language == "German" ? "Duits" : "Engels") met apostille"] {
                XCTAssertEqual(persons(text), [], text)
            }
        }
        // A person with a first name that is also a language, and a surname that is one.
        XCTAssertEqual(persons("I got a message from German Ramírez about the certificate"), ["German Ramírez"])
        XCTAssertEqual(persons("A letter from Mr. French arrived"), ["French"])
    }

    func testANamedStormIsNoPerson() {
        // Not a storm name that is also a surname (`Eunice`): the narrowed rule leaves it a person.
        for storm in ["Ciarán", "Xaver", "Gloria", "Filomena"] {
            for text in ["Leak over the back bedroom since Storm \(storm).", "Since Storm \(storm) the fence is down",
                         "Seit Sturm \(storm) tropft es durchs Dach.", "Depuis la tempête \(storm), il y a une fuite.",
                         "Sinds storm \(storm) lekt het dak.", "Desde la borrasca \(storm) entra agua."] {
                XCTAssertEqual(persons(text), [], text)
            }
        }
        // `Storm` after the name is a surname; `Herr Sturm` a person.
        XCTAssertEqual(persons("Ciarán Storm called about the roof"), ["Ciarán Storm"])
        XCTAssertEqual(persons("Herr Sturm ruft morgen zurück"), ["Sturm"])
        // A storm word before a full name, or a first name `Storm`/`Orkan` (the review).
        XCTAssertEqual(persons("Storm Larsen called about the fence"), ["Storm Larsen"])
        XCTAssertEqual(persons("Mein Name ist Orkan Demir, das Dach tropft"), ["Orkan Demir"])
        XCTAssertEqual(persons("Depuis la tempête Jean Dupont ne m'a pas rappelé"), ["Jean Dupont"])
    }

    func testTheNumberAbbreviationIsNoPartOfAName() {
        for text in ["Übersetzung von 9 Seiten aus dem Spanischen mit Apostille Nr. 1770/2021, EUR 2.404,75",
                     "Bitte mit Urkunde Nr. 4711 schicken.", "Lieferung mit Beleg Nr. 33, danke"] {
            XCTAssertEqual(rulePersons(text), [], text)
        }
    }

    func testABrandAfterAGarmentIsNoPerson() {
        for brand in ["Hugo Boss", "Ralph Lauren", "Calvin Klein", "Paul Smith", "Karl Lagerfeld"] {
            for text in ["#C123: two shirts and a \(brand) suit, ready Thursday after 4", "Can you shorten a \(brand) dress by Friday?",
                         "#G342 : deux chemises et un costume \(brand), prêt jeudi après 16h"] {
                XCTAssertEqual(persons(text), [], text)
            }
        }
        // Whose garment, after `von` (the review: German says so for a customer's item), still names the person.
        XCTAssertEqual(persons("Der Anzug von Peter Müller ist fertig"), ["Peter Müller"])
        XCTAssertEqual(persons("Ein Kleid von Anna Schmidt ist noch hier, bitte abholen"), ["Anna Schmidt"])
    }

    func testAPackagesOrPlansNameIsNoPerson() {
        for text in ["Het pakket Goochelaar Gijs is 2 uur, ballonfiguren inbegrepen", "Le forfait Cinq Mondes, c'est 2 x 60 min, peignoir fourni",
                     "Das Paket Zauberer Max ist 2 Stunden, Ballonfiguren inklusive", "La formule Magicien Merlin, c'est 2 heures",
                     "El pack Mago Pepín es 2 horas, globoflexia incluida", "The package Magic Maxine is 90 minutes",
                     "Le forfait Sérénité Marine, c'est 90 min", "Het arrangement Wellness Wende is 3 uur"] {
            XCTAssertEqual(persons(text), [], text)
        }
        // A person the package is booked for still is one.
        XCTAssertEqual(persons("Het pakket is geboekt door Gijs Verbeek"), ["Gijs Verbeek"])
        // A package noun before a person who did something (the review).
        XCTAssertEqual(persons("The package Anna Schmidt sent me never arrived"), ["Anna Schmidt"])
        XCTAssertEqual(persons("Le forfait Marie Dupont a réservé dure 2 heures"), ["Marie Dupont"])
    }

    /// A message signed with two capitalized words after its last sentence (split W's misses; `RedactionWordScanner`'s
    /// `closingSignature`), and what stays no name there: greetings, sign-offs and common words.
    func testTwoCapitalizedWordsClosingAMessageAfterItsLastSentenceAreItsSignature() {
        for text in ["Someone logged into my account and it wasn't me! Please lock it. Bhim Iannone",
                     "Mäuse in der Garage, wir hätten gern einen Termin. Ritva Mirzaei", "¿Tiene que quedarse ahí? Xarli Etxeberria\nGracias"] {
            XCTAssertEqual(rulePersons(text).count, 1, text)
        }
        for text in ["The parcel arrived. Merry Christmas", "The parcel arrived. Thank You", "Das Paket ist da. Frohe Weihnachten",
                     "El paquete llegó. Feliz Navidad", "It works now. Customer Service", "Please lock it. Bhim Iannone is my cousin",
                     "Please lock it.\nBhim"] {
            XCTAssertEqual(rulePersons(text), [], text)
        }
    }

    /// Condolences name the bereaved after them, as a greeting does (split W's misses).
    func testTheBereavedIsNamedAfterCondolences() {
        for (text, name) in [("Agent: We're so sorry for your loss, Vasily. Plot G19 has been reserved.", "Vasily"),
                             ("Agent: Unser herzliches Beileid, Tuğçe. Grab G-22 ist reserviert.", "Tuğçe"),
                             ("Agent : Toutes nos condoléances, Simão. Nous avons réservé la concession.", "Simão"),
                             ("Agente: Le acompañamos en el sentimiento, Txetxo. Hemos reservado el nicho 142.", "Txetxo"),
                             ("Agent: Gecondoleerd, Meiske. Het graf is gereserveerd.", "Meiske")] {
            XCTAssertEqual(rulePersons(text), [name], text)
        }
        // Without a name after them, nothing (`Our condolences, and thank you for …`).
        for text in ["Our condolences, and thank you for letting us help.", "Herzliches Beileid. Die Trauerfeier ist um 11 Uhr."] {
            XCTAssertEqual(rulePersons(text), [], text)
        }
    }

    func testAQuoteEstimateOrApostilleNamesItsNumber() {
        for text in ["The ash at the back is about 28 ft, quote 13232643350 covers felling and stump grinding",
                     "El pino del fondo mide unos 13 m, el presupuesto 613.936.854 incluye tala y destoconado",
                     "Die Birke hinten ist etwa 21 m, Angebot 782867577 umfasst Fällung und Wurzelfräsen",
                     "De berk achterin is ongeveer 14 m, offerte 0612 345 678 is inclusief kappen",
                     "Le tilleul au fond fait environ 23 m, le devis 06 12 34 56 78 comprend l'abattage",
                     "Kostenvoranschlag 0171 2345678 anbei", "Estimate 415-555-0132 attached",
                     "Translation of 4 pages from German, apostille 4495/2024 from the Secretary of State"] {
            let found = RedactionTestHelpers.found(text, rulesOnly: true).filter { [.phone, .ssn, .card].contains($0.1) }
            XCTAssertTrue(found.isEmpty, "\(text): \(found)")
        }
        // The same numbers after a phone keyword are still phones, and an SSN named before an estimate is still one.
        XCTAssertEqual(RedactionTestHelpers.values("Mi móvil es 613.936.854, el presupuesto llega mañana", .phone), ["613.936.854"])
        XCTAssertEqual(RedactionTestHelpers.values("Für das Angebot: meine Handynummer ist 0171 2345678", .phone), ["0171 2345678"])
        // Only the number right after the noun is its (the review): where to send it, or what to charge, is not.
        XCTAssertEqual(RedactionTestHelpers.values("Can you text the quote to 415-555-0132?", .phone), ["415-555-0132"])
        XCTAssertEqual(RedactionTestHelpers.values("Bitte das Angebot an 0171 2345678 schicken", .phone), ["0171 2345678"])
        XCTAssertEqual(RedactionTestHelpers.values("Merci d'envoyer le devis au 06 12 34 56 78", .phone), ["06 12 34 56 78"])
        XCTAssertEqual(RedactionTestHelpers.values("Quote accepted, charge 4480601727974780", .card), ["4480601727974780"])
    }
}
