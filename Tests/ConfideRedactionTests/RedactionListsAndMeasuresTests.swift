import XCTest
@testable import ConfideRedaction

/// What split AG's PII-free false positives and misses taught (thirty-third session, when AG became a development split;
/// each kind of line seen failing with the detector of `57edba9`): makers listed three at a time, a measured stone, a nib's
/// one-letter size, a puppet show's title, made things' spares, and a measure read as a house number; and names to sign
/// with after a dash, a note's signature inside its quotes, an initial and a surname closing a line, and answers to a
/// question for a surname, for whom, or for the customer's own. The people who must keep their names in the same frames
/// stand beside them (the first version's losses on the development splits among them).
final class RedactionListsAndMeasuresTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    func testListedMakersAreNoOne() {
        H.assertNoPerson([
            // Three or more single words joined by commas and a last `and`, at most one a listed first name.
            "Medewerker: We hebben onderdelen voor Pelikan, Parker en Lamy. Uw track-en-tracecode is 350133625414.",
            "Agent: We stock Parker, Waterman and Sheaffer converters. Your package is 4667993309509255.",
            "Agent: We stock Parker, Waterman, and Sheaffer converters.",
            "Mitarbeiter: Wir warten Dudelsäcke von McCallum, Naill und Hardie. Buchung A58 ist bestätigt.",
            // Two makers and their spares, the first of two words.
            "Agent: We carry Conway Stewart and Onoto spares. Your parcel's tracking number is 1Z 610 9X8 30 0240 7506.",
        ])
        H.assertNames([
            // People listed by their first names, or two of them.
            ("Customer: Tickets for Tom, Anna and Jonas please.", ["Tom", "Anna", "Jonas"]),
            ("Kunde: Ich bin Karl Weber. Die Kurse für Jonas und Parker bitte.", ["Karl Weber", "Jonas", "Parker"]),
            // A comma after a greeting word is no list (`Prima, Ajlina, Sie stehen …`: lost by the first version).
            ("Mitarbeiter: Prima, Ajlina, Sie stehen ab 14. Februar im Plan.", ["Ajlina"]),
        ])
        // No trade's cue: what the word model finds stays (a helper's attack on the first version, which dropped it; the
        // other names of these lines were missed before too).
        XCTAssertEqual(H.values("Kunde: Tickets für Lukas, Brandt und Kowalczyk bitte", .person), ["Lukas"])
        XCTAssertEqual(H.values("Klant: de kaartjes voor Jansen, Bakker en Visser graag", .person), ["Bakker"])
    }

    func testMeasuredThingsLettersAndTitlesAreNoOne() {
        H.assertNoPerson([
            // A stone measured right after its name.
            "Klant: wat kost Nero Impala, 65 x 62 cm?⏎Medewerker: Ongeveer €60,- met 132 letters, inclusief plaatsen.",
            "Klant: wat kost Nero Impala, 100 x 40 x 60?",
            // A nib's size.
            "Customer: my Lamy 2000 is scratchy, can you smooth the nib? it's F⏎Agent: Yes, £51.73, turnaround about a week.",
            "Client : mon Lamy 2000 accroche, vous pouvez régler la plume ? c'est B, 14k",
            // A show's title after an article.
            "Customer: how long is the Punch and Judy show?⏎Agent: 30 minutes, for 19 kids, $129.11 travel included.",
        ].map { $0.replacingOccurrences(of: "⏎", with: "\n") })
        H.assertNames([
            // A count of lessons is no measure (lost by the first version), two after a preposition are people, and an
            // initial keeps its dot.
            ("Kontoinhaber Locke Auchter 10 x 45 min gebucht", ["Locke Auchter"]),
            ("Customer: Hi, it's J. Okafor here.", ["J. Okafor"]),
            // A helper's attack on the first version: a letter after no copula, a measured headstone's or plate's name, a
            // household after `the … families`.
            ("Customer: it's a gift for my friend J, she loves pens.", ["J"]),
            ("Kunde: Grabstein für Hannelore Brandt, 90 x 60 cm", ["Hannelore Brandt"]),
            ("Customer: the name is Brannick, 12 x 4 in brass plate", ["Brannick"]),
        ])
        XCTAssertEqual(H.values("Customer: the Smith and Jones families are coming.", .person), ["Jones"])
        // Found by the word model, which goes through the same test.
        XCTAssertEqual(H.values("Surf lessons for Hila and Saad on Saturday, both beginners — parent Hila Rafique", .person),
                       ["Hila", "Saad", "Hila Rafique"])
    }

    func testAMeasureIsNoHouseNumber() {
        XCTAssertEqual(H.values("Mitarbeiter: Etwa 56,- € mit Schrifthöhe 3 cm, inklusive Aufstellen.", .address), [])
        XCTAssertEqual(H.values("Kunde: Ich wohne Sonnenhöhe 3, 10115 Berlin.", .address), ["Sonnenhöhe 3, 10115 Berlin"])
    }

    func testNamesToSignWithNotesAndAnswers() {
        H.assertNames([
            // The name to sign with after a dash, also on the next line, and its capitalized repeat.
            ("Customer: could the voucher say \"enjoy!\"\nthen sign it - kelis\nAgent: Of course. It'll be with you by 8.45pm, Kelis.",
             ["kelis", "Kelis"]),
            ("Cliente: ¿podéis poner en el vale «¡Que lo disfrutes!»\ny firmar - lisset", ["lisset"]),
            ("Kunde: könnt ihr auf den Gutschein schreiben \"Viel Spaß!\"\nund drunter - andjela", ["andjela"]),
            ("Agent: Sure, that fits. Gift card too?\nCustomer: yes, just sign it\n- hema\nAgent: Lovely, it goes out 3/22.", ["hema"]),
            // A note's signature inside its quotes.
            ("Customer: here's what his tutor wrote:\n\"Stick to the Kintail K9 for now. See you on 23/1. Gurdip\"", ["Gurdip"]),
            ("Klant: dit schreef haar docent:\n«Voorlopig alleen op de oefenchanter, een kwartier per dag. Tot 20-12! Wenceslaus»", ["Wenceslaus"]),
            // An initial and a surname closing a line after a comma.
            ("Customer: the invoice should go to the executor of the estate, B. Rodulfo\nAgent: Of course.", ["B. Rodulfo"]),
            ("Kunde: Die Rechnung bitte an den Nachlassverwalter, V. Priesner", ["V. Priesner"]),
            // Answers to a question for a surname, for whom, and for the customer's own after another's.
            ("Agente: Sin problema. ¿Su apellido?\nCliente: Maseda, reservé con el correo.", ["Maseda"]),
            ("Conseiller : Elle doit demander qui ?\nClient : Maelisse, au téléphone", ["Maelisse"]),
            ("Agente: ¿Su apellido?\nCliente: Breukers\nAgente: ¿Y el tuyo?\nCliente: Maseda, reservé ayer.", ["Breukers", "Maseda"]),
        ])
        H.assertNoPerson([
            // A word of the language after the dash or in the quotes stays.
            "Customer: please sign it - thanks",
            "Customer: the note says:\n\"See you on Monday. Bye\"",
            // A helper's attack on the first version: e-signatures, a shop's quoted message, a maker with an initial, a
            // company answering who manages an account, and `votre` before a noun.
            "Customer: the contract? just sign it - docusign",
            "Customer: the text said \"Your order has shipped. Etsy\"",
            "Customer: I'd like pens from the French maker, J. Herbin",
            "Conseiller : Qui gère votre compte ?\nClient : Boursorama",
            "Conseiller : Et votre banque ?\nClient : Boursorama",
        ])
    }

    /// The second batch of AG's misses: a name to sign a card with on a line of its own, a note's signature before a French `»`, an
    /// initial and a surname after `an`/`aan`, a Dutch surname the word lists hold capitalized answering `En de uwe?`, and a
    /// name on a line of its own under a line that only thanks.
    func testSignaturesOnTheirOwnLinesAndAnswersAfterAn() {
        H.assertNames([
            ("Agente: Claro, cabe bien. ¿Con tarjeta?\nCliente: sí, firmada\nomaima\nAgente: Genial, sale el 8/7.", ["omaima"]),
            ("Medewerker: Zeker, dat past. Kaartje erbij?\nKlant: ja, ondertekend met\nhoessein\nMedewerker: Leuk, gaat op 13-3 op de post.",
             ["hoessein"]),
            ("Client : voilà le mot :\n« Uniquement le practice. À 16 avril ! Elow »", ["Elow"]),
            ("Mitarbeiter: An wen soll es adressiert sein?\nKunde: an B. Klute, er zahlt das", ["B. Klute"]),
            ("Medewerker: Prima. Haar achternaam?\nKlant: Breukers\nMedewerker: En de uwe?\nKlant: Beintema, geboekt met de mail.",
             ["Breukers", "Beintema"]),
            ("Kunde: bitte die Rechnung an Pf. 339 schicken\nMitarbeiter: Gern, Rechnung 133609446.\nKunde: Danke!\nRrustem Scharping",
             ["Rrustem Scharping"]),
        ])
        H.assertNoPerson([
            // A line ending in a sign word before a word of the language, and a signature's line that does not thank.
            "Agent: please sign\nhere and return it.",
            "Kunde: Danke!\nBitte schnell.",
            "Customer: the parcel arrived.\nGood Morning",
        ])
    }
}
