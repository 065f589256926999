import XCTest
@testable import ConfideRedaction

/// What split AD's misses and false positives taught (thirtieth session, when AD became a development split; each kind of
/// line seen failing with the detector of `903c461`): a label qualified by a parenthetical aside before its number, a
/// German mobile typed after `+` without spaces, an emergency contact's number, a name typed in lower case as the answer
/// to a name question, the customer named by the agent at the end of a sentence, and things that are no one's name (a
/// nationality, a `yes`/`no`, a colour's name).
final class RedactionAnswersAndVocativesTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    /// `SSN (background check, adult members): …`: the aside's identifier word (`members`) hid the SSN keyword (11 of
    /// AD's 444 SSNs, all of one form line).
    func testLabelAcrossAParentheticalAside() {
        XCTAssertEqual(H.values("SSN (background check, adult members): 878 02 3405", .ssn), ["878 02 3405"])
        XCTAssertEqual(H.values("Social security no. (for the member file): 739175868", .ssn), ["739175868"])
        XCTAssertEqual(H.values("Phone (members' line): 0161 532 6029", .phone), ["0161 532 6029"])
        // The label before the aside decides, not a keyword inside it.
        XCTAssertEqual(H.values("Member ID (not my SSN): 739175868", .ssn), [])
        XCTAssertEqual(H.values("Order (placed by phone): 5551234567", .phone), [])
        // An aside that names a number of its own leaves the outer label unsure (a helper's attack on the rule).
        XCTAssertEqual(H.values("Phone (the number on the invoice): 2024 118 7730", .phone), [])
        XCTAssertEqual(H.values("SSN (member ID): 739175868", .ssn), [])
        XCTAssertEqual(H.values("Téléphone (n° client) : 12 34 56 78 90", .phone), [])
        XCTAssertEqual(H.values("Telefoon (ordernummer): 302145678", .phone), [])
    }

    func testContiguousInternationalMobileAndEmergencyNumbers() {
        XCTAssertEqual(H.values("Telefon: +4915266539782", .phone), ["+4915266539782"])
        XCTAssertEqual(H.values("Name und Handynummer?\nKunde: Ketino Schormann, +4915101119492", .phone), ["+4915101119492"])
        XCTAssertEqual(H.values("Notfallnummer: 015203469787", .phone), ["015203469787"])
        XCTAssertEqual(H.values("Emergency: 077981542180", .phone), ["077981542180"])
        // More than E.164's fifteen digits stays none; so do 13 to 15 digits after a country code whose numbers are
        // shorter (a timestamp, an EAN), or labelled as an order (a helper's attack).
        XCTAssertEqual(H.values("Telefon: +49152665397821234", .phone), [])
        XCTAssertEqual(H.values("the log says +1717171717000 for that request", .phone), [])
        XCTAssertEqual(H.values("barcode +4006381333931 on the box", .phone), [])
        XCTAssertEqual(H.values("Order +4915266539782 hasn't arrived", .phone), [])
    }

    func testLowerCaseNameAnsweringANameQuestion() {
        let cases: [(String, [String])] = [
            ("Agent: Sundays at 14:45, £6 each. Name for the booking?\nCustomer: anjaneya pincus\nAgent: Booked!", ["anjaneya pincus"]),
            ("Medewerker: Op welke naam leg ik ze weg?\nKlant: anthonij kamman\nMedewerker: Top", ["anthonij kamman"]),
            ("Conseiller : À quel nom ?\nClient : rujuta lafforgue\nConseiller : Merci", ["rujuta lafforgue"]),
            ("Agent: And the name?\nCustomer: fateha hoskin, 07402213813", ["fateha hoskin"]),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(H.values(text, .person, rulesOnly: true), expected, H.describe(text))
        }
        // Words of the language stay, one word is not enough, and no question, no name.
        for text in ["Agent: Name for the booking?\nCustomer: same as last time\nAgent: Booked!",
                     "Agent: Name for the booking?\nCustomer: innit bruv", "Medewerker: Op welke naam?\nKlant: oki doki",
                     "Agent: And the name?\nCustomer: asdf jkl",
                     "Mitarbeiter: Auf welchen Namen?\nKunde: keine ahnung\nMitarbeiter: ok",
                     "Agent: Name for the booking?\nCustomer: pincus\nAgent: ?",
                     "Agent: Anything else?\nCustomer: anjaneya pincus"] {
            XCTAssertEqual(H.values(text, .person, rulesOnly: true), [], H.describe(text))
        }
    }

    func testAgentNamesTheCustomerClosingASentence() {
        let cases: [(String, [String])] = [
            ("Agent: Refund's gone through, Rawiri. Your next cut is on us.", ["Rawiri"]),
            ("Medewerker: Gedaan, Blazina. Tot snel op het ijs.", ["Blazina"]),
            ("Conseiller : C'est envoyé, Evgueniy.", ["Evgueniy"]),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(H.values(text, .person, rulesOnly: true), expected, H.describe(text))
        }
        // A word of the language, a place or a carrier stays; so does a customer's line (the agent names the customer).
        for text in ["Agent: Done, Monday.\nCustomer: ok", "Agent: Shipped from our depot, Leeds.", "Agent: We ship with DPD, Evri.",
                     "Customer: It arrived, Rawiri.", "Agent: Your sofa ships from our partner, Kivik.",
                     "Agent: It left the warehouse in Kent, Bromley.", "Agent: Done, Innit.", "Agent: Noted, Okey."] {
            XCTAssertEqual(H.values(text, .person, rulesOnly: true), [], H.describe(text))
        }
    }

    /// A signature typed in lower case after a sign-off (some 600 misses of the development splits T–AD, read in the
    /// thirtieth session; each line's kind seen missed by the detector of `f6c0cdf`).
    func testLowerCaseSignatureAfterASignOff() {
        let cases: [(String, [String])] = [
            ("I gave the wrong number, it's 020 9113 1936. cheers, shauney", ["shauney"]),
            ("Our instructor was brilliant, please pass on my thanks! kieram", ["kieram"]),
            ("Bel aub niet het vaste nummer. Dank, tjomme\nDakpannen van Monier graag", ["tjomme"]),
            ("el bueno es el otro número. gracias, bareso ¡Mil gracias por la ayuda!", ["bareso"]),
            ("the app was opened from 41.32.37.90. Not me — aylish\n\nCan lost property post my purse?", ["aylish"]),
            ("Was ist das? — irmingard", ["irmingard"]),
            ("J'ai réservé au nom de saâd bulteau, merci", ["saâd bulteau"]),
            ("de tafel staat op naam van jorie loomans.", ["jorie loomans"]),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(H.values(text, .person, rulesOnly: true), expected, H.describe(text))
        }
        // Words of the language, slang and terms of endearment stay, and a phrase that goes on. (A brand in no word list
        // after a dash is taken: `the router — fritzbox`.)
        for text in ["thanks, bye", "thanks, hun", "merci, bisous", "cheers, mate", "thanks! lol", "see attached — see below",
                     "Danke, bis morgen", "gracias, saludos", "au nom de la société", "Reserva a nombre de aketza punzano por favor"] {
            XCTAssertEqual(H.values(text, .person, rulesOnly: true), [], H.describe(text))
        }
    }

    /// The word model took these; `namesAThing` drops them whichever found them.
    func testNationalityYesNoAndColoursAreNoOne() {
        for text in ["Customer: 105 Dowding Terrace. I'm American, do you need my SSN for the paperwork?",
                     "Klant: ik ben Amerikaan, als jullie mijn SSN nodig hebben",
                     "Medewerker: Nee, dat zijn wij niet.",
                     "Agent: What shade are you thinking?\nCustomer: Ballet Slippers\nAgent: Great choice",
                     "Favorite shade: Cajun Shrimp",
                     "Couleur préférée : Big Apple Red"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
        // A name asked for with the colour stays a name; so does a surname that is also a nationality's word elsewhere.
        XCTAssertEqual(H.values("Agent: What colour and what name?\nCustomer: Anna Schmidt\nAgent: ok", .person), ["Anna Schmidt"])
        XCTAssertEqual(H.values("Hi, I'm Dawn French, my order is late", .person), ["Dawn French"])
        // A nationality's word as a surname after a title, or a colour asked for with a person (a helper's attack).
        XCTAssertEqual(H.values("Mitarbeiter: Danke, Herr Holländer.", .person), ["Holländer"])
        XCTAssertEqual(H.values("Cliente: Soy la señora Alemán.", .person), ["Alemán"])
        XCTAssertEqual(H.values("Agent: Which shade would you like? And who is it for?\nCustomer: Olivia Grant", .person), ["Olivia Grant"])
        XCTAssertEqual(H.values("Colour: Olivia Grant", .person), ["Olivia Grant"])
    }
}
