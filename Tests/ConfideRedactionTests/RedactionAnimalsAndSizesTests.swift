import XCTest
@testable import ConfideRedaction

/// What split AH's PII-free false positives taught (thirty-fourth session, when AH became a development split; each kind of
/// line seen failing with the detector of `dc31f93`): animals named like people after their noun, a make before its size, a
/// verb's compound with a particle, a German idiom of `von`, a church, a lodging named after a tree. The people who must
/// keep their names in the same frames stand beside them, many from a helper's attack on the first version (which also
/// had a rule for a thing's name after a capitalized article, `Client : Le Columbus Royal a bien …`, dropped because it
/// took surname-first names: `Client : Le Goff Nathalie pour une commande`).
final class RedactionAnimalsAndSizesTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    func testAnimalsNamedAfterTheirNounAreNoOne() {
        H.assertNoPerson([
            "Agent: Our alpacas Nigel, Doris and Kevin do the short route, 10 km with 5 alpacas. Wellies recommended.",
            "Mitarbeiter: Unsere Alpakas Gustav, Lotte und Pedro gehen die kurze Runde. Feste Schuhe bitte.",
            "Conseiller : Nos alpagas Gaston, Pépita et Hector font le petit circuit, 9 km.",
            "Medewerker: Onze alpaca's Henkie, Loes en Pablo lopen het korte rondje.",
            "Agente: Nuestras alpacas Paquito, Lola y Gustavo hacen la ruta corta.",
            // After a copula whose subject is the animals' noun.
            "Agente: Los perros guía este invierno son Nanuk y Yukón. Salimos con un tiro de 4 perros.",
            "Customer: our dog Kevin is scared of the bridge, is that ok?",
        ])
        H.assertNames([
            // People after a relation, and a vocative after a pet's name (two joined by a comma are no list).
            ("Customer: Our children Anna, Ben and Carl will come.", ["Anna", "Carl"]),
            ("Customer: My son Max and my dog Rex are coming.", ["Max"]),
            // `son` is English kinship too: a possessive before it.
            ("Customer: the dog walker is my son Tobias Keller.", ["Tobias Keller"]),
            // A helper's attack on the first version: a role, an owner or a genitive between the animal and the copula, a
            // relative clause without `that`.
            ("Customer: The dog walker is Anna Schmidt, she has a key.", ["Anna Schmidt"]),
            ("Kunde: Die Besitzerin vom Hund ist Sabine Krüger, meine Mutter.", ["Sabine Krüger"]),
            ("Cliente: Los dueños de los perros son Ana y Luis García.", ["Ana y Luis García"]),
            ("Customer: Is the puppy Liam picked out still there?", ["Liam"]),
        ])
        // Found by the word model, which goes through the same test (split T's line, lost by a first draft that took two
        // words joined by a comma for a list).
        XCTAssertEqual(H.values("Recept 58-237227 is voor de kat Berkania, Khaalid\nDuits voor beginners, ma/wo", .person), ["Khaalid"])
    }

    func testMakesBeforeTheirSizeCompoundsIdiomsAndChurchesAreNoOne() {
        H.assertNoPerson([
            "Agente: Muchos Columbus Duo 34 cm de los años cincuenta tienen husos de papel, los limpiamos a mano.",
            "Agent: Most Columbus Alba 30 cm models from the 1950s have paper gores, so we clean them by hand.",
            "Agent: Many Replogle 12-inch globes from the thirties were printed by Philips.",
            "Agent: Good to know: the Oak treehouse sleeps two and has a composting toilet. Check-in from 3 pm.",
            "Mitarbeiter: Viele Scanglobe 34 cm aus den Fünfzigern haben Papiersegmente, die reinigen wir von Hand.",
            "Customer: we love the tone of the bell they made for Trinity Church",
            "Das Baumhaus Kiefer hat zwei Betten und eine Komposttoilette.",
        ])
        H.assertNames([
            // `in` after a number is no size (`3 in by Tuesday`), a name hyphenated with a lower-case part is a name, and a
            // surname opened by a capitalized particle stays one.
            ("hot tub hire: the deposit back to the same card please. Deonna Menton Expecting 3 in by Tuesday morning.",
             ["Deonna Menton Expecting"]),
            ("Customer: Sarah-jane called yesterday, please call back Sarah-jane.", ["Sarah-jane", "Sarah-jane"]),
            ("Client : Le Goff a appelé hier.", ["Le Goff"]),
            // A helper's attack on the first version: people's heights, Korean given names, `Abbey` and `Church` as names,
            // surnames first after a capitalized article.
            ("Customer: Paul 180 cm tall - L or XL?", ["Paul"]),
            ("Customer: Hi, this is Soo-In, calling about order 55231.", ["Soo-In"]),
            ("Customer: The order was for Abbey Clancy, she's my sister.", ["Abbey Clancy"]),
            ("Customer: Can you send the invoice for Ellen Church please?", ["Ellen Church"]),
            ("Client : Le Goff Nathalie pour une commande du 12 mars.", ["Le Goff Nathalie"]),
            ("Kunde: Grabstein für Hannelore Brandt 90 cm hoch", ["Hannelore Brandt"]),
            ("Customer: a present from Anna Smith, please wrap it", ["Anna Smith"]),
        ])
    }

    /// A residence's name before its street, after a turn's label, stays covered (the address's first words; a first
    /// draft of the dropped article rule uncovered it and raised the development splits' ADDRESS leak).
    func testResidenceBeforeItsStreetStaysCovered() {
        let text = "Conseiller : Adresse ?\nClient : Les Hauts de Provence, 201bis montée Mimine Colot, 66566 Montbizot"
        let spans = Redactor().findSpans(in: text)
        let scalars = Array(text.unicodeScalars)
        let covered = spans.contains { span in
            String(String.UnicodeScalarView(scalars[span.start..<span.end])).hasPrefix("Les Hauts")
        }
        XCTAssertTrue(covered, "\(spans)")
    }
}

/// What split AH's PERSON misses taught (thirty-fourth session; each kind of line seen missed with the detector of
/// `dc31f93`): a lower-case self-introduction after interjections, answering who is speaking; a loving sign-off of several
/// words before a lower-case signature; a welcome before the person spoken to; a date's day or a month before a vocative; a
/// cardholder's name in capitals after the card's expiry; an initial and a surname a booking is under. The lines that
/// must stay unnamed stand beside them.
final class RedactionCallbacksAndCardholdersTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    func testIntroductionsAfterInterjectionsAndLovingSignOffs() {
        H.assertNames([
            ("Agent: returning your call about a sundial, who's speaking please?\nCustomer: oh hiya it's tanuja temperton, rang about the brass one",
             ["tanuja temperton"]),
            ("Conseiller : à qui ai-je l'honneur ?\nClient : ah oui bonjour, c'est kael colomb, pour celui en laiton", ["kael colomb"]),
            ("Agente: ¿con quién hablo?\nCliente: ah hola, soy penka bringas, por el de latón", ["penka bringas"]),
            ("Mitarbeiter: mit wem spreche ich?\nKunde: ja hallo, hier ist lütfi janowski, wegen der aus Messing", ["lütfi janowski"]),
            ("Medewerker: met wie spreek ik?\nKlant: ja hoi met anna jansen, over die van messing", ["anna jansen"]),
            ("Agente: ¿Alguna dedicatoria?\nCliente: con cariño, denislav", ["denislav"]),
            ("Conseiller : Un petit mot ?\nClient : avec tout mon amour, oréane", ["oréane"]),
            ("Agent: Anything for the card?\nCustomer: just \"love, trestan\"", ["trestan"]),
        ])
        H.assertNoPerson([
            // Interjections before no introduction, and a loving sign-off before words of the language.
            "Customer: oh hiya, it's cold in the workshop, the heating is off",
            "Customer: with love, from the whole team",
            "Customer: yeah hi it's me again, the brass one",
            // A shop's or firm's word after the interjections (a helper's attack).
            "Agent: Who's calling?\nCustomer: oh hello it's nike store, the delivery is short.",
            "Agent: Mit wem spreche ich?\nKunde: äh hallo, hier ist porsche zentrum, wegen der Lieferung.",
        ])
    }

    func testWelcomesDatesCardholdersAndBookings() {
        H.assertNames([
            ("Agent: Paid. Welcome to the league, Koki!", ["Koki"]),
            ("Medewerker: Betaald. Welkom in de competitie, Philomina!", ["Philomina"]),
            ("Agent: Card number?\nCustomer: 4343-7153-5038-8212\nAgent: Paid, welcome aboard Oyin!", ["Oyin"]),
            // After a day or a month only a listed first name (`Meyrem`, `Jyotsna` are missed: `Charged on the 21st, Amex.`).
            ("Agent: Thank you. It'll be paid on the 19th, Sarah.", ["Sarah"]),
            ("Agent: Thank you. It'll be paid on 10 March, Thomas.", ["Thomas"]),
            ("Agent: Expiry date and name as it appears on the card?\nCustomer: 04/28, SADIQUE BOUFHAL", ["SADIQUE BOUFHAL"]),
            ("Agente: ¿Caducidad y nombre que figura en la tarjeta?\nCliente: 05/28, SINUHE CARBALLEIRA", ["SINUHE CARBALLEIRA"]),
            ("Agent: Sure, is that the booking under A. Dieseruvwe?", ["A. Dieseruvwe"]),
            ("Mitarbeiter: Gern, ist das die Buchung auf S. Eschenbacher?", ["S. Eschenbacher"]),
            ("Agente: Claro, ¿es la reserva a nombre de Y. Diago?", ["Y. Diago"]),
            ("Medewerker: Zeker, is dat de boeking op naam van A. Lasschuit?", ["A. Lasschuit"]),
            // `Bienvenue` is a first name: no welcome phrase opens with it.
            ("Cordialement,\nBienvenue Bruyère", ["Bienvenue Bruyère"]),
        ])
        H.assertNoPerson([
            // An apposition after a place, a card's brand after its expiry with no name asked for, an initial and a maker's
            // name after no booking.
            "Agent: Your order is in our Leeds store, Monday.",
            "Agent: Expiry?\nCustomer: 04/28, VISA DEBIT",
            "Agent: the jacket under J. Crew's label is sold out",
            // A helper's attack on the first version: brands and places after a day, a month or a number, and firms' and
            // cards' words after the expiry when a name is asked for.
            "Agent: Charged on the 21st, Amex.",
            "Agent: It'll be paid on 10 March, Monzo.",
            "Agent: That's aisle 12, Homeware.",
            "Agent: Expiry date and name on the card?\nCustomer: 04/28, VISA DEBIT",
            "Agent: Expiry date and name on the card?\nCustomer: 09/26, BRIGHT SPARKS LTD",
            "Agent: Expiry date and name on the card?\nCustomer: 11/27, SAME AS BEFORE",
        ])
    }

    /// The second round on AH's misses: names answering a question for names before `and`, a cardholder before the next
    /// message, someone introduced before a comma and a person's pronoun, a lower-case signature under a thanks.
    func testNamesBeforeAndPronounsAndUnderThanks() {
        H.assertNames([
            ("Agent: Congratulations! Names for the booking?\nCustomer: Zeek Pannell and my husband Icilda Lytle", ["Zeek Pannell", "Icilda Lytle"]),
            ("Conseiller : Les noms des deux passagers ?\nClient : Yvans Scemama et Ritana Brugier", ["Yvans Scemama"]),
            ("Agente: ¿Caducidad y nombre que figura en la tarjeta?\nCliente: 05/28, SINUHE CARBALLEIRA Cliente: ¿Cuánto viento hace?",
             ["SINUHE CARBALLEIRA"]),
            ("Klant: Mag onze klokkenluider komen kijken bij het gieten? Mechtilda Konings, hij luidt al dertig jaar", ["Mechtilda Konings"]),
            ("Conseiller : Les quatre partent le 06/01.\nClient : super, merci\nromarik", ["romarik"]),
        ])
        H.assertNoPerson([
            // No names asked for before `and`; a thing's pronoun; a word of the language under a thanks.
            "Customer: thanks\nsure thing",
            "Customer: merci\nbisous",
        ])
    }
}
