import XCTest
@testable import ConfideRedaction

/// Where chats name people, from split AA's PERSON misses (twenty-seventh session; AA is a development split since
/// then). Each test was seen failing before its rule. The names are listed ones (`Fenella`, `Brannigan`): after a helper's
/// attack (`testProbedLinesNameNoOne`) the rules whose frame is weak evidence take only names the gazetteer knows.
final class RedactionSplitAAPeopleTests: XCTestCase {
    private typealias H = RedactionTestHelpers

    /// The other person the writer books or comes with: `me and Fenella`, `für mich und Fenella`, `moi et Fenella`, `para
    /// mí y Fenella`, `voor mij en Fenella` (the mirror of `Fenella and I`).
    func testNameAfterMeAnd() {
        for text in ["booking the cooking class for two, me and Fenella. do you do vegetarian?",
                     "Bitte zwei Plätze buchen, für mich und Fenella.",
                     "Je réserve le cours pour 2, moi et Fenella.",
                     "Reservo la clase para 2, para mí y Fenella.",
                     "Ik wil 2 plekken boeken, voor mij en Fenella.",
                     "It was me and Fenella Brannigan who called."] {
            XCTAssertEqual(H.values(text, .person).first?.hasPrefix("Fenella"), true, H.describe(text))
        }
        // Not a thing or a lower-case word after it.
        for text in ["me and my wife will come", "it's me and Google against the world.", "me and The Beatles, forever.",
                     "für mich und Ihre Kollegen"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    /// A login alert asked about: `was that you or Fenella?`, `Waren Sie das oder Fenella?`, `c'était vous ou Fenella ?`,
    /// `¿Fue usted o Fenella?`, `Was u dat, of Fenella?`: the other person who might have logged in.
    func testNameAfterYouOr() {
        for text in ["Someone logged in at 02:40, was that you or Fenella?",
                     "Jemand hat sich um 3:12 angemeldet. Waren Sie das oder Fenella?",
                     "Connexion à 3h12, c'était vous ou Fenella ?",
                     "Alguien entró a las 03:12. ¿Fue usted o Fenella?",
                     "Iemand logde in om 03:12. Was u dat, of Fenella?"] {
            XCTAssertEqual(H.values(text, .person), ["Fenella"], H.describe(text))
        }
        for text in ["was that you or Friday?", "Is it you or the app?", "Did you or Hermes lose it? I need to know."] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    /// The person spoken to, named at the end of a sentence after a comma and closed by `!` or `?`: `I'll ask her,
    /// Fenella!`, `Ich frage sie, Fenella!`, `Je lui demande, Fenella !`, `Se lo pregunto, Fenella!`, `Ik vraag het haar,
    /// Fenella!`, `could you check, Fenella?`.
    func testVocativeClosingASentence() {
        for text in ["Agent: I'll ask her, Fenella!", "Agent: Ich frage sie, Fenella!", "Agent : Je lui demande, Fenella !",
                     "Agente: Se lo pregunto, Fenella!", "Agent: Ik vraag het haar, Fenella! Nog iets?",
                     "I'll check her calendar, Fenella!\nAnything else?", "could you check it again, Fenella?"] {
            XCTAssertEqual(H.values(text, .person), ["Fenella"], H.describe(text))
        }
        // A weekday, a name that is also a word, a shout or a country there stays.
        for text in ["see you next week, Monday!", "we love it, Will!", "thanks, ASAP!", "it's lovely here, Spain!",
                     "is it ok, Sir?", "the 14th, Friday?"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    /// An apology or a day's greeting opening an agent's turn, then the name and a comma: `So sorry Fenella,`, `Lo
    /// siento Fenella,`, `Oh nein, Fenella,`, `Morning Fenella,`, `Désolé Fenella,`, `Sorry Fenella,`.
    func testNameAfterAnApologyOrMorning() {
        for text in ["Agent: So sorry Fenella, I'll get someone on it.", "Agente: Lo siento Fenella, lo soluciono ya.",
                     "Agent: Oh nein, Fenella, ich kümmere mich.", "Agent: Morning Fenella, I've got news.",
                     "Agent : Désolé Fenella, je regarde.", "Agent: Sorry Fenella, dat had niet mogen gebeuren."] {
            XCTAssertEqual(H.values(text, .person), ["Fenella"], H.describe(text))
        }
        // Nor a German noun after `sorry`, nor a horse called `Morning Star` (split Z's and O's lines, taken while the rule
        // allowed them): the phrase must open the turn and the name be closed by a comma.
        for text in ["Sorry, Monday is full.", "So sorry, Brexit changed the rules.", "Morning, Team,",
                     "sorry Tippfehler!! SSN ist 123-45-6789", "Our mare sits next to Morning Star."] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    /// A family named by its surname: `chez les Brannigan`, `bij de familie Brannigan`, `bei der Familie Brannigan`, `con
    /// la familia Brannigan`, `with the Brannigan family`.
    func testFamilyNamedBySurname() {
        for text in ["Client : chez les Brannigan, j'ai gardé les enfants deux ans.",
                     "Klant: bij de familie Brannigan, twee jaar voor de tweeling gezorgd",
                     "Kunde: bei der Familie Brannigan, zwei Jahre lang.",
                     "Cliente: con la familia Brannigan, cuidé de sus hijos.",
                     "I worked with the Brannigan family for two years."] {
            XCTAssertEqual(H.values(text, .person), ["Brannigan"], H.describe(text))
        }
        for text in ["la famille Playmobil est en rupture", "chez les Compagnons du Devoir", "the Premium family plan",
                     "het pakket voor het gezin, Premium"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    /// Whoever minds the children or the dog, named after the role: `our sitter Fenella was amazing`, `my dog walker
    /// Fenella`, `notre nounou Fenella`.
    func testNameAfterACarer() {
        for text in ["our sitter Fenella was amazing with the kids", "my dog walker Fenella has the key",
                     "notre nounou Fenella a les clés", "our babysitter Fenella"] {
            XCTAssertEqual(H.values(text, .person), ["Fenella"], H.describe(text))
        }
    }

    /// A form's or turn's label, then an initial and a surname closing the clause: `Customer: A. Brannigan, mum`,
    /// `Cliente: Y. Brannigan, la madre`.
    func testInitialAndSurnameAfterALabel() {
        for text in ["Customer: A. Brannigan, mum", "Cliente: Y. Brannigan, la madre", "Client : A. Brannigan\nmerci"] {
            XCTAssertEqual(H.values(text, .person), [text.contains("Y.") ? "Y. Brannigan" : "A. Brannigan"], H.describe(text))
        }
        XCTAssertEqual(H.values("Customer: A. Street view would help", .person), [])
    }

    /// A name typed in lower case when the writer introduces themselves and their role (`hey it's durwood bodē, our
    /// walker`, `hoi, met dilana uittenbogaard, de hondenuitlater`, `hola, soy queta sorayre, el paseador`, `hi, elihu
    /// mikaelsson here, the dog walker`): one or two lower-case words, none a function or trigger word, between the
    /// introduction opening the turn and a comma with an article or possessive (the role), or `here`.
    func testLowerCaseNameIntroducedWithItsRole() {
        for text in ["Customer: hey it's fenella brannigan, our dog walker", "Klant: hoi, met fenella brannigan, de hondenuitlater",
                     "Cliente: hola, soy fenella brannigan, el paseador", "Customer: hi, fenella brannigan here, the dog walker",
                     "Kunde: hi, hier fenella brannigan, der Gassigeher", "Client : coucou, c'est fenella brannigan, le promeneur",
                     "it's fenella, your sitter"] {
            XCTAssertEqual(H.values(text, .person).first.map { $0.hasPrefix("fenella") || $0 == "fenella" }, true, H.describe(text))
        }
        for text in ["hey it's me again, the one with the broken lock", "hi, it's about my order, the blue one",
                     "hi, it's raining here, the van can't come", "hoi, met mijn vrouw, de eigenaar", "hey it's fine, the old one works",
                     "hola, soy yo otra vez, la del pedido", "coucou, c'est encore moi, la cliente", "it's broken again, the lid", "it's cold, the heating is off",
                     "Je suis citoyen américain, mon SSN pour le formulaire fiscal", "Soy profesora jubilada, mi hija me ayuda",
                     "I'm ex military, my husband is too"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }

    /// A transcript's turn label (`Customer:`, `Kunde:`, `Agent:`, `Cliente:`) opens a sentence, not a form's value: an
    /// article and a capitalized word (`Customer: the W-2 you sent`, `Kunde: das WLAN auf dem …`, `Kunde: das Handy der
    /// Mutter`), a contraction (`Customer: I'll send it`) or one German noun or phrase (`Kunde: Klingel geht nicht`,
    /// `Kunde: Moment`, `Agent: Kein Problem, …`) names no one (split AA's false positives). A name after the label stays
    /// one when the gazetteer knows it, when two name words close the clause, or when the turn before asks for it.
    func testTurnLabelBeforeOrdinaryWordsNamesNoOne() {
        for text in ["Agent: Oh no! What should it be?\nCustomer: the W-2 you sent our nanny has her social wrong",
                     "Customer: I'll send it tomorrow", "Customer: I’ve sent it", "Kunde: das WLAN auf dem Campingplatz sperrt mein Laptop",
                     "Customer: the US tax form you did for our nanny", "Kunde: das Handy der Mutter ist kaputt",
                     "Agent: Kein Problem, ich schaue nach.", "Kunde: Klingel geht nicht", "Kunde: Moment",
                     "Cliente: la Poste a perdu mon colis"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
        for (text, name) in [("Customer: Virginia Weber", "Virginia Weber"), ("Kunde: Fenella Brannigan", "Fenella Brannigan"),
                             ("Agent: Wie ist Ihr Name?\nKunde: Fenella", "Fenella"), ("Agent: And your name?\nCustomer: fenella", nil),
                             ("Klant: Marieke", "Marieke"), ("Cliente: de la Fuente", "de la Fuente"),
                             ("Customer: Siobhan O'Brannigan", "Siobhan O'Brannigan"), ("Kunde: Fenella war Samstag super", "Fenella"),
                             ("Customer: Fenella was brilliant with the kids", "Fenella"), ("Kunde: Klingel geht nicht", nil)] as [(String, String?)] {
            XCTAssertEqual(H.values(text, .person), name.map { [$0] } ?? [], H.describe(text))
        }
    }

    /// PII-free lines a helper wrote to attack the rules above (twenty-seventh session, against the release binary; each
    /// was redacted then): carriers, brands, praise words, kinship words, German nouns and services stand where the rules
    /// look for a name. The rules of this file now take a word there only when the gazetteer knows it as a name, or keep a
    /// stricter frame.
    func testProbedLinesNameNoOne() {
        for text in ["Kunde: Paket war beschädigt.", "Customer: Payment was declined.", "Customer: Refund is still missing.",
                     "Client : Livraison est arrivée.", "Cliente: Pedido es incorrecto.", "Klant: PostNL heeft het verloren.",
                     "Kunde: Gutschein ist abgelaufen.", "Customer: Everything was fine.", "Agent: Who's delivering it?\nCustomer: DHL.",
                     "Agent: Wie ist Ihr Name?\nKunde: Moment, bitte.", "Kunde: Hermes, DHL – wer liefert?",
                     "Got it working, thanks, Brilliant!", "That's it, thanks, Bye! Have a nice day.", "Das Paket ist da, danke, Prima!",
                     "Ça marche, merci, Parfait!", "Het werkt weer, bedankt, Super!", "Which plan are you on, Premium?",
                     "Welke vervoerder was het, PostNL?", "¿Qué transportista era, Correos?",
                     "Someone cancelled my order, was that you or Amazon?", "Waren Sie das oder Hermes?",
                     "Le colis est ouvert, c'était vous ou Colissimo ?", "¿Fue usted o Correos?", "Was u dat, of PostNL?",
                     "Tickets for me and Mum.", "The parcel went back and forth between me and Hermes.", "Zwei Tickets, für mich und Hund.",
                     "Una reserva para mí y Mamá.", "Het abonnement is voor mij en Ziggo.",
                     "Please add me to the Google family.", "I'm part of the Spotify family.", "Le colis est resté chez les Voisins.",
                     "El paquete está con los Vecinos.",                      "Morning Amazon, where is my parcel?", "Sorry Mate, the link expired.", "Oh nein, Zahlung, ist fehlgeschlagen.",
                     "My dog walker Wag never showed up.", "Our sitter Booking page is down.", "Customer: T. Mobile, my contract.",
                     "hi, lost property here, your wallet was found", "hey it's dog grooming, your appointment moved",
                     "hallo hier ist kundendienst, der chat"] {
            XCTAssertEqual(H.values(text, .person), [], H.describe(text))
        }
    }
}
