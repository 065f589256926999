import Foundation
import XCTest
import ConfideRedaction
import TestSupport

/// Termination and well-formedness of `redact` and `findSpans` on inputs built to hit the
/// byte-class edges of the detectors: every scalar of U+0000–U+07FF and a seeded sample of 3-
/// and 4-byte scalars, placed at word starts and ends, alone, doubled, next to digits, after
/// every trigger phrase the scanners know, at the very end of the text and next to a name part
/// the session already knows. Each batch runs on a background thread and fails (rather than
/// hanging the suite) when it does not finish within `limit` seconds. A trap still ends the
/// process: set `CONFIDE_TERMINATION_TRACE=1` to print each input before it runs.
///
/// Checked on every output: the spans are sorted, non-empty, inside the input; the redacted
/// text is the input with each span replaced by `[TYPE_N]` (N ≥ 1) and nothing else changed,
/// so no span cut a scalar (that would leave U+FFFD behind); with a fresh numbering,
/// `redact` reports the spans `findSpans` does. Redacting the output again must terminate
/// and be well-formed too (the API does not promise idempotence, so the texts are not compared).
final class RedactionTerminationTests: XCTestCase {
    /// How long one input may run before the batch counts as stuck: generous for a debug build on a loaded 2-core
    /// machine. A bound per input, not per batch, so a slow machine (the test lanes share two cores) makes no failure
    /// of a batch that keeps going (a whole batch once passed 30 s there).
    static let limit: TimeInterval = 30

    // MARK: - Inputs

    /// The scalars to probe: all of U+0000–U+07FF, the listed edge cases, and a seeded sample.
    static let probes: [Unicode.Scalar] = {
        var out: [Unicode.Scalar] = (0x0000...0x07FF).compactMap(Unicode.Scalar.init)
        let listed: [UInt32] = [
            0x0800, 0x0E3F, 0x1E9E, 0x2000, 0x2001, 0x2002, 0x2003, 0x2007, 0x2009, 0x200A, 0x200B, 0x200C, 0x200D,
            0x200E, 0x200F, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
            0x2026, 0x2028, 0x2029, 0x202F, 0x2060, 0x20AC, 0x2116, 0x2212, 0x3000, 0x3001, 0x3042, 0x5186, 0xE000,
            0xFB01, 0xFE0F, 0xFEFF, 0xFF01, 0xFF0B, 0xFF0D, 0xFF0E, 0xFF10, 0xFF19, 0xFF1A, 0xFF20, 0xFF21, 0xFF3A,
            0xFF41, 0xFF5A, 0xFF5E, 0xFF5F, 0xFFFD, 0xFFFF,
            0x10000, 0x1D400, 0x1D7CE, 0x1F1E9, 0x1F600, 0x1F9D1, 0xE0041, 0xE007F, 0x10FFFF,
        ]
        out += listed.compactMap(Unicode.Scalar.init)
        var rng = SeededRandom(seed: 0xC0F1DE)
        for _ in 0..<48 {
            if let s = Unicode.Scalar(UInt32.random(in: 0x0800...0xFFFF, using: &rng)) { out.append(s) }
        }
        for _ in 0..<16 {
            if let s = Unicode.Scalar(UInt32.random(in: 0x10000...0x10FFFF, using: &rng)) { out.append(s) }
        }
        return out
    }()

    /// Scalars that hit the byte tests hardest: `×` `÷` pass or nearly pass the Latin-1 capital
    /// test, `ª` `º` end ordinals, `µ` `ß` are letters off the capital range, and the others
    /// are spaces, marks, dashes or apostrophes some scanner reads.
    static let edgeProbes: [String] = [
        "\u{D7}", "\u{F7}", "\u{AA}", "\u{BA}", "\u{B5}", "\u{DF}", "\u{C0}", "\u{DE}", "\u{FF}", "\u{300}", "\u{301}",
        "\u{36F}", "\u{2028}", "\u{A0}", "\u{AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{202F}",
        "\u{2019}", "\u{2013}", "\u{2212}", "\u{FF10}", "\u{3000}", "\u{20AC}", "\u{A3}", "\u{1F600}", "\u{C3}",
        "\u{D7}\u{D7}", "\u{C9}\u{D7}", "\u{2019}\u{D7}", "-", "'", ".", ",", ":", "\n", " ", "",
    ]

    /// Texts placing `x` at the edges the detectors peek at.
    static func placements(_ x: String) -> [String] {
        [
            x, x + x, x + " ", " " + x, "\n" + x, x + "\n", "Ana " + x, x + "Ana", "Ana" + x, x + " Souza", x + "Souza",
            "Hi " + x, "Hi " + x + "\n", "3" + x, x + "3", "3 " + x + " 4", "12" + x + "34", "Ana Souza " + x,
            "Name: " + x, "Ship to: " + x, "Sincerely,\n" + x, "Thanks,\n" + x + " Souza", x + "@x.com", "ana" + x + "@x.com",
            "ana@x" + x + ".com", "+44 20 7946 " + x, "+44" + x + "20 7946 0958", "10 Downing Street" + x,
            "10 Downing " + x + " Street", x + x + " Ana", "Ana-" + x, "Ana'" + x, "Ana\u{2019}" + x, "Mr. " + x,
            "\u{C9}" + x, x + "\u{C9}lodie", "PO Box " + x, "4111 1111 " + x + " 1111 1111", "DE89 " + x,
            "192.168." + x, "2001:db8::" + x, "SSN " + x + "123-45-6789", x + "1", "Z" + x,
        ]
    }

    /// Separators between a trigger phrase and what follows it.
    static let separators = ["", " ", ": ", ":", ",\n", ", ", "\n", ". "]

    /// Trigger words and phrases: every string literal of `PIIWordScanner` and
    /// `PIIContextScanner` (phrases, label and keyword lists), plus a few forms as typed.
    static let triggers: [String] = [
        "APO AE",
        "Address:",
        "Adresse :",
        "Apartado de Correos",
        "BP",
        "CMR 450",
        "Can",
        "Card number:",
        "Dirección:",
        "Dr.",
        "Est-ce que",
        "Hi",
        "IBAN:",
        "IP:",
        "Kan",
        "Kind regards,",
        "Können Sie",
        "Mit freundlichen Grüßen,",
        "Mr.",
        "Mrs.",
        "My SSN is",
        "My name is",
        "Name:",
        "P.O. Box",
        "PO Box",
        "PSC 1234, Box",
        "Phone:",
        "Please have",
        "Postfach",
        "Sehr geehrter Herr",
        "Ship to:",
        "Sincerely,",
        "Tel.:",
        "Thanks,",
        "Unit 2050 Box",
        "a",
        "a l'attention de",
        "a la atención de",
        "a nombre de",
        "aan",
        "abhol",
        "abrazos",
        "account",
        "account holder",
        "achternaam",
        "addr",
        "address",
        "adherent",
        "adhérent",
        "adres",
        "adresse",
        "adresse d'expédition",
        "adresse de facturation",
        "adresse de livraison",
        "adresse de retour",
        "adresse postale",
        "afleveradres",
        "agent",
        "aktenzeichen",
        "alemania",
        "all the best",
        "allemagne",
        "allowlist",
        "alvast bedankt",
        "am",
        "america",
        "amerika",
        "amex",
        "amicalement",
        "amérique",
        "an",
        "and",
        "android",
        "angleterre",
        "anruf",
        "anrufen",
        "anschrift",
        "ansprechpartner",
        "ansprechpartnerin",
        "antwoordnummer",
        "apartado",
        "apdo",
        "apellido",
        "apellidos",
        "apo",
        "app",
        "appel",
        "appeler",
        "appreciate it",
        "appt",
        "aqui",
        "aquí",
        "ask",
        "ask for",
        "at",
        "atención",
        "atentamente",
        "atico",
        "attn",
        "au",
        "au nom de",
        "auf",
        "auf den namen",
        "auf den namen von",
        "auftrag",
        "aus",
        "austria",
        "autriche",
        "awb",
        "b",
        "bajo",
        "bankpas",
        "barcode",
        "barn",
        "barras",
        "be",
        "bedankt",
        "bei",
        "bel",
        "belgien",
        "belgique",
        "belgium",
        "belgië",
        "bellen",
        "bereikbaar",
        "besos",
        "best",
        "best regards",
        "best wishes",
        "beste",
        "beste grüße",
        "bestell",
        "betalingskenmerk",
        "bezorgadres",
        "bezorgen bij",
        "bezorgen op",
        "bg",
        "bg-zw",
        "bien cordialement",
        "bien à vous",
        "billing address",
        "bios",
        "bis",
        "bis bald",
        "bises",
        "bisous",
        "bitte",
        "blocked",
        "boeking",
        "bonjour",
        "bonne fin de journée",
        "bonne journée",
        "bonne soirée",
        "bonsoir",
        "booking",
        "boven",
        "box",
        "bp",
        "br",
        "britain",
        "bs",
        "buchung",
        "buen día",
        "buenas",
        "buenas noches",
        "buenas tardes",
        "buenos días",
        "build",
        "by",
        "bzgl",
        "bélgica",
        "c",
        "c'est",
        "c/o",
        "cadeau",
        "call",
        "called",
        "caller",
        "can",
        "canada",
        "card",
        "card holder",
        "cardholder",
        "carte",
        "casa",
        "case",
        "cb",
        "cc",
        "ce numéro",
        "cedex",
        "cell",
        "ch",
        "chat",
        "chatted with",
        "cheers",
        "cher",
        "chez",
        "chrome",
        "chère",
        "claim",
        "client",
        "cliente",
        "cmr",
        "code",
        "code an",
        "code au",
        "code bitte an",
        "code naar",
        "code postal",
        "code to",
        "code à",
        "colis",
        "colleague",
        "collega",
        "collègue",
        "commande",
        "compañera",
        "compañero",
        "complaint",
        "compteur",
        "confirmation",
        "connect",
        "contact",
        "contact met",
        "contact person",
        "contactar",
        "contactarme",
        "contacto",
        "contactpersoon",
        "contador",
        "contract",
        "contrat",
        "contrato",
        "cordialement",
        "cordialmente",
        "correos",
        "cottage",
        "coucou",
        "could",
        "coupon",
        "cp",
        "credit",
        "creditcard",
        "cs",
        "curl",
        "customer",
        "código a",
        "código al",
        "código postal",
        "d",
        "d'",
        "dag",
        "dank je",
        "dank je wel",
        "dank u",
        "dank u wel",
        "danke",
        "danke nochmals",
        "danke schön",
        "danke sehr",
        "daughter",
        "de",
        "de heer",
        "de la part de",
        "dear",
        "debit",
        "del",
        "deliver it to",
        "deliver to",
        "delivery address",
        "denmark",
        "der",
        "destinataire",
        "destinatario",
        "deutschland",
        "devolverme",
        "dg",
        "dhr",
        "dial",
        "die",
        "direccion",
        "direccion de devolucion",
        "direccion de entrega",
        "dirección",
        "dirección de devolución",
        "dirección de entrega",
        "dirección de envío",
        "dirección de facturación",
        "discuté avec",
        "dns",
        "docteur",
        "doctor",
        "doktor",
        "domicilio",
        "don",
        "dossier",
        "doña",
        "dpo",
        "dr",
        "driver",
        "drs",
        "dst",
        "duitsland",
        "dña",
        "e",
        "e-mail",
        "e-mail:",
        "ean",
        "ecosse",
        "eg",
        "ein",
        "einen schönen tag",
        "el",
        "email",
        "empfänger",
        "en",
        "en nombre de",
        "encore merci",
        "engeland",
        "england",
        "entlo",
        "entresuelo",
        "enviadlo a",
        "envio",
        "envíen a",
        "envíenlo a",
        "envío",
        "erreich",
        "es",
        "es schreibt",
        "escocia",
        "escribirme",
        "espagne",
        "españa",
        "esposa",
        "est-ce que",
        "estimada",
        "estimado",
        "et",
        "etage",
        "evtl",
        "exkl",
        "expediente",
        "f",
        "factura",
        "facture",
        "factuur",
        "factuuradres",
        "fallnummer",
        "fam",
        "familie",
        "fao",
        "farm",
        "farmhouse",
        "fax",
        "femme",
        "festnetz",
        "fijne dag",
        "fijo",
        "finland",
        "firefox",
        "firewall",
        "firmware",
        "first name",
        "fixe",
        "flight",
        "flug",
        "for",
        "fpo",
        "fr",
        "france",
        "francia",
        "frankreich",
        "frankrijk",
        "frau",
        "freundliche grüße",
        "from",
        "full name",
        "fw",
        "gartenhaus",
        "gateway",
        "geachte",
        "gebeld",
        "gebeld met",
        "gemaild",
        "germany",
        "gerät",
        "geschrieben",
        "gesprochen",
        "gesprochen mit",
        "gesproken",
        "gesproken met",
        "get",
        "ggfs",
        "gift",
        "give",
        "goedemiddag",
        "goedemorgen",
        "goedenavond",
        "goedendag",
        "good afternoon",
        "good evening",
        "good morning",
        "gracias",
        "gracias de antemano",
        "gracias de nuevo",
        "gracias otra vez",
        "grecia",
        "greece",
        "griechenland",
        "groet",
        "groeten",
        "groetjes",
        "gruß",
        "grèce",
        "grüezi",
        "grüß gott",
        "grüße",
        "guest",
        "guten morgen",
        "guten tag",
        "gutschein",
        "habe mit",
        "haben mit",
        "habite",
        "habla",
        "hablado con",
        "hablando con",
        "hablar con",
        "hable con",
        "hablé con",
        "hallo",
        "hallo zusammen",
        "handelsregister",
        "handy",
        "hartelijk dank",
        "hartelijke groet",
        "hartelijke groeten",
        "hasta pronto",
        "hatte mit",
        "have",
        "hd",
        "heb ik",
        "heet",
        "heißt",
        "hello",
        "here",
        "here is",
        "herr",
        "herrn",
        "herzliche grüße",
        "herzlichen dank",
        "het",
        "hey",
        "hi",
        "hier",
        "hier is",
        "hier ist",
        "hier schreibt",
        "hier spricht",
        "hinterhaus",
        "hinterhof",
        "hiya",
        "hms",
        "hoi",
        "hola",
        "holanda",
        "holland",
        "home address",
        "host",
        "house",
        "hr",
        "hs",
        "hs-zw",
        "http",
        "huis",
        "huis-zw",
        "husband",
        "i",
        "i am",
        "i'm",
        "i-zw",
        "iccid",
        "ich",
        "ich bin",
        "ich heisse",
        "ich heiße",
        "ici",
        "id",
        "ierland",
        "ii-zw",
        "iii-zw",
        "ik",
        "ik ben",
        "ik heb",
        "ik heet",
        "ik woon",
        "im",
        "im auftrag",
        "im auftrag von",
        "im namen von",
        "imei",
        "in",
        "in the name of",
        "inglaterra",
        "inkl",
        "inv",
        "invoice",
        "ios",
        "ip",
        "ir",
        "ireland",
        "irland",
        "irlanda",
        "irlande",
        "is at",
        "isbn",
        "it",
        "it's",
        "italia",
        "italie",
        "italien",
        "italië",
        "italy",
        "its",
        "j'ai eu",
        "j'habite",
        "je",
        "je m'appelle",
        "je suis",
        "joignable",
        "joindre",
        "juffrouw",
        "kaart",
        "kaarthouder",
        "kan",
        "kann",
        "karte",
        "karteninhaber",
        "kenmerk",
        "kernel",
        "kind regards",
        "klacht",
        "klant",
        "klantenpas",
        "know",
        "kollege",
        "kollegin",
        "kontaktieren",
        "kontaktperson",
        "kontoinhaber",
        "kredit",
        "kunde",
        "kunden",
        "kundin",
        "kunnen",
        "kunt u",
        "kvk",
        "können sie",
        "könnten sie",
        "l",
        "lady",
        "last name",
        "lautend auf",
        "le",
        "le escribe",
        "le habla",
        "ledenpas",
        "les escribe",
        "let",
        "lg",
        "lidmaatschap",
        "lidnummer",
        "liebe",
        "liebe grüße",
        "lieber",
        "lieferadresse",
        "lieferanschrift",
        "lieferung an",
        "lieferung bitte an",
        "liefs",
        "links",
        "live at",
        "live in",
        "living at",
        "livrer chez",
        "livrer à",
        "llam",
        "llamar",
        "llamarme",
        "llame",
        "llamen",
        "llám",
        "localizador",
        "located at",
        "lodge",
        "login",
        "love",
        "loyalty",
        "lu",
        "m",
        "ma collègue",
        "ma conjointe",
        "ma femme",
        "ma fille",
        "ma mère",
        "ma sœur",
        "ma voisine",
        "macos",
        "madame",
        "mademoiselle",
        "mail it to",
        "mailen",
        "mailing address",
        "man",
        "mann",
        "manor",
        "many thanks",
        "many thanks again",
        "mari",
        "marido",
        "mastercard",
        "maître",
        "me",
        "me llamo",
        "mein bruder",
        "mein kollege",
        "mein mann",
        "mein nachbar",
        "mein name",
        "mein name ist",
        "mein partner",
        "mein sohn",
        "mein vater",
        "meine frau",
        "meine kollegin",
        "meine mutter",
        "meine nachbarin",
        "meine nummer",
        "meine partnerin",
        "meine schwester",
        "meine tochter",
        "meiner frau",
        "meiner mutter",
        "meiner tochter",
        "meines mannes",
        "meines sohnes",
        "meines vaters",
        "member",
        "membre",
        "meneer",
        "merci",
        "merci beaucoup",
        "merci bien",
        "merci d'avance",
        "merci encore",
        "message",
        "messrs",
        "met",
        "met groet",
        "met vriendelijke groet",
        "meter",
        "mevr",
        "mevrouw",
        "mexico",
        "mexique",
        "mfg",
        "mi compañera",
        "mi compañero",
        "mi esposa",
        "mi esposo",
        "mi hermana",
        "mi hermano",
        "mi hija",
        "mi hijo",
        "mi madre",
        "mi marido",
        "mi mujer",
        "mi nombre",
        "mi nombre es",
        "mi número",
        "mi padre",
        "mi pareja",
        "mi vecina",
        "mi vecino",
        "mich",
        "miembro",
        "mij",
        "mijn broer",
        "mijn buurman",
        "mijn buurvrouw",
        "mijn collega",
        "mijn dochter",
        "mijn man",
        "mijn moeder",
        "mijn naam",
        "mijn naam is",
        "mijn partner",
        "mijn vader",
        "mijn vrouw",
        "mijn zoon",
        "mijn zus",
        "mijnheer",
        "mil gracias",
        "mise à jour",
        "miss",
        "mister",
        "mit besten grüßen",
        "mit freundlichen grüßen",
        "mitglied",
        "mitte",
        "mlle",
        "mme",
        "mobiel",
        "mobil",
        "mobile",
        "moi c'est",
        "moin",
        "mon collègue",
        "mon conjoint",
        "mon fils",
        "mon frère",
        "mon mari",
        "mon nom",
        "mon nom est",
        "mon numéro",
        "mon père",
        "mon voisin",
        "monsieur",
        "moved to",
        "movil",
        "mr",
        "mrs",
        "ms",
        "much appreciated",
        "muchas gracias",
        "mvg",
        "mw",
        "mx",
        "my boss",
        "my boyfriend",
        "my brother",
        "my colleague",
        "my dad",
        "my daughter",
        "my father",
        "my fiancé",
        "my fiancée",
        "my friend",
        "my girlfriend",
        "my husband",
        "my mom",
        "my mother",
        "my mum",
        "my name is",
        "my name's",
        "my neighbor",
        "my neighbour",
        "my number",
        "my partner",
        "my sister",
        "my son",
        "my wife",
        "méxico",
        "móvil",
        "n",
        "naam",
        "naam rekeninghouder",
        "naar",
        "nach",
        "nachname",
        "name",
        "name des kontoinhabers",
        "name is",
        "name on file",
        "name on the account",
        "name on the account is",
        "name on the card",
        "name on the card is",
        "named",
        "namens",
        "names",
        "nederland",
        "netherlands",
        "niederlande",
        "nl",
        "no",
        "no.",
        "nochmals danke",
        "nochmals vielen dank",
        "nogmaals bedankt",
        "nogmaals dank",
        "nom",
        "nom complet",
        "nom du titulaire",
        "nom sur la carte",
        "nombre",
        "nombre completo",
        "nombre y apellidos",
        "norway",
        "nr",
        "nro",
        "num",
        "number",
        "numero",
        "nummer",
        "nummer is veranderd",
        "numéro",
        "núm",
        "número",
        "o",
        "office",
        "og",
        "on",
        "on behalf of",
        "ontvanger",
        "oostenrijk",
        "op",
        "op naam van",
        "ophaal",
        "order",
        "our number",
        "over",
        "p",
        "package",
        "package to",
        "paket",
        "pan",
        "par",
        "parcel",
        "parcel to",
        "parler avec",
        "parler à",
        "parlé avec",
        "parlé à",
        "passenger",
        "patch",
        "patient",
        "pays-bas",
        "pedido",
        "per",
        "persona de contacto",
        "personne à contacter",
        "peut",
        "phone",
        "ping",
        "pinpas",
        "plz",
        "po",
        "podria",
        "podría",
        "poland",
        "polen",
        "policies",
        "policy",
        "polis",
        "polisnummer",
        "poliza",
        "pologne",
        "polonia",
        "por",
        "portable",
        "portugal",
        "post",
        "postadres",
        "postal",
        "postal address",
        "postbus",
        "postcode",
        "postfach",
        "postfach-nr",
        "pour le compte de",
        "pourrait",
        "pral",
        "prof",
        "professeur",
        "promo",
        "proxy",
        "prénom",
        "psc",
        "pt",
        "puede",
        "pueden",
        "póliza",
        "quater",
        "que tenga un buen día",
        "querida",
        "querido",
        "rappel",
        "rappeler",
        "rd",
        "reach",
        "reach me",
        "reachable",
        "rechnung",
        "rechnungsadresse",
        "rechnungsanschrift",
        "rechts",
        "recipient",
        "reclamacion",
        "reclamación",
        "reclamation",
        "ref",
        "reference",
        "referencia",
        "referentie",
        "referenz",
        "regalo",
        "regards",
        "rekeninghouder",
        "release",
        "reserv",
        "resp",
        "retouradres",
        "return address",
        "return label address",
        "returns to",
        "rev",
        "ring",
        "router",
        "ruf",
        "rufnummer",
        "réclamation",
        "référence",
        "rés",
        "réserv",
        "rücksendeadresse",
        "s'appelle",
        "s/n",
        "saludos",
        "saludos cordiales",
        "salut",
        "salutations",
        "salutations distinguées",
        "schotland",
        "schottland",
        "schweden",
        "schweiz",
        "schöne grüße",
        "schönen tag",
        "scotland",
        "sdk",
        "se llama",
        "securite sociale",
        "seguimiento",
        "seguridad social",
        "seguro social",
        "sehr geehrte",
        "sehr geehrter",
        "seitenflügel",
        "send it to",
        "send to",
        "sendung",
        "serial",
        "serie",
        "server",
        "servus",
        "señor",
        "señora",
        "señorita",
        "ship it to",
        "ship to",
        "shipment",
        "shipping address",
        "sign",
        "signed",
        "sincerely",
        "sincères salutations",
        "sir",
        "siren",
        "siret",
        "sku",
        "sms",
        "sn",
        "sobreático",
        "soc sec",
        "social",
        "social sec",
        "social security",
        "socio",
        "son",
        "soy",
        "sozialversicherung",
        "spaarpas",
        "spain",
        "spanien",
        "spanje",
        "speak soon",
        "speaking",
        "speaking to",
        "speaking with",
        "spoke to",
        "spoke with",
        "sprak ik",
        "sprak met",
        "spreekt met",
        "sr",
        "sra",
        "src",
        "sres",
        "srs",
        "srta",
        "ss",
        "ss#",
        "ssa",
        "ssh",
        "ssn",
        "straße",
        "street",
        "subnet",
        "suisse",
        "suivi",
        "suiza",
        "surname",
        "suède",
        "sweden",
        "switzerland",
        "sécurité sociale",
        "série",
        "t",
        "t.a.v",
        "ta",
        "take care",
        "talk soon",
        "talked to",
        "talked with",
        "talking to",
        "talking with",
        "tankpas",
        "tarjeta",
        "taxpayer",
        "te escribe",
        "tel",
        "telefon",
        "telefoniert",
        "telefoniert mit",
        "telefono",
        "telefoon",
        "telephone",
        "teléfono",
        "ten name van",
        "ter",
        "ter attentie van",
        "terugbellen",
        "text",
        "text me",
        "tfno",
        "thank you",
        "thank you again",
        "thank you so much",
        "thank you very much",
        "thanks",
        "thanks a lot",
        "thanks again",
        "thanks ever so much",
        "thanks so much",
        "thanks very much",
        "the",
        "this",
        "this is",
        "ticket",
        "titulaire",
        "titulaire du compte",
        "titular",
        "titular de la cuenta",
        "tlf",
        "tlfn",
        "to",
        "tot ziens",
        "traceroute",
        "track",
        "tracking",
        "tsa",
        "tschüss",
        "tél",
        "téléphone",
        "u spreekt met",
        "ug",
        "uit",
        "umgezogen",
        "un abrazo",
        "un cordial saludo",
        "un saludo",
        "und",
        "under the name",
        "under the name of",
        "unit",
        "update",
        "upgrade",
        "user",
        "uss",
        "v",
        "van",
        "ver",
        "versandadresse",
        "versao",
        "versicherungsschein",
        "version",
        "versión",
        "vertrag",
        "verwendungszweck",
        "verzendadres",
        "vg",
        "via",
        "viele grüße",
        "vielen dank",
        "visa",
        "vivimos en",
        "vivo en",
        "vlucht",
        "volledige naam",
        "vollständiger name",
        "vom",
        "von",
        "voornaam",
        "vorderhaus",
        "vorgang",
        "vorname",
        "voucher",
        "vpn",
        "vriendelijke groet",
        "vrouw",
        "vuelo",
        "wales",
        "warm regards",
        "warm wishes",
        "welcome",
        "whatsapp",
        "whitelist",
        "wife",
        "windows",
        "with thanks",
        "wohne",
        "wohne in",
        "wohnen",
        "wonen",
        "woon",
        "woonadres",
        "would",
        "write",
        "y",
        "yours",
        "yours faithfully",
        "yours sincerely",
        "yours truly",
        "z",
        "z. hd",
        "z.hd",
        "zaehler",
        "zending",
        "zhd",
        "zip",
        "zurückrufen",
        "zustelladresse",
        "zw",
        "zwitserland",
        "zzgl",
        "zähler",
        "¿Puede",
        "à",
        "à bientôt",
        "à l'attention de",
        "à nombre de",
        "ático",
        "écosse",
        "étage",
        "österreich"    ]

    /// A session that already numbered names (ASCII and Latin-1), an address, e-mails and a phone.
    static let knownNumbering: PlaceholderNumbering = {
        var numbering = PlaceholderNumbering()
        let r = Redactor()
        for text in knownTexts {
            _ = r.redact(text, numbering: &numbering)
        }
        return numbering
    }()

    static let knownTexts = [
        "My name is Ana Souza, ana@example.com, +44 20 7946 0958.",
        "Ship to: 10 Downing Street, London SW1A 2AA",
        "Mein Name ist \u{C9}lodie \u{D8}rsted. Dear \u{D3}lafur \u{DE}\u{F3}rsson,",
        "Sincerely,\nZo\u{EB} \u{C6}lfred-Ng",
        "Hi \u{C0}ngel, I'm Jos\u{E9} P\u{E9}rez. IBAN DE89 3704 0044 0532 0130 00"]

    /// A keyed valueKey like the daemon's (which uses an HMAC): no PII in the numbering state.
    static func keyedValueKey(_ type: PIIType, _ value: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in (type.rawValue + ":" + value).utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return String(h, radix: 16)
    }

    /// `knownNumbering`'s session, numbered under `keyedValueKey`.
    static let knownKeyedNumbering: PlaceholderNumbering = {
        var numbering = PlaceholderNumbering()
        for text in knownTexts { _ = Redactor().redact(text, numbering: &numbering, valueKey: keyedValueKey) }
        return numbering
    }()

    static let typeSubsets: [Set<PIIType>] = {
        var out: [Set<PIIType>] = [[.person], [.address], [.person, .address],
                                   Set(PIIType.allCases).subtracting([.person]),
                                   Set(PIIType.allCases).subtracting([.address])]
        for t in PIIType.allCases where t != .person && t != .address { out.append([t]) }
        return out
    }()

    // MARK: - Tests

    func testKnownNumberingHasNamesAddressesAndEmails() {
        let counters = Self.knownNumbering.counters
        XCTAssertGreaterThan(counters["PERSON"] ?? 0, 2)
        XCTAssertGreaterThan(counters["ADDRESS"] ?? 0, 0)
        XCTAssertGreaterThan(counters["EMAIL"] ?? 0, 0)
        XCTAssertNotNil(Self.knownNumbering.assignments["PERSON:~souza"])
        XCTAssertEqual(Self.knownKeyedNumbering.counters, counters)
    }

    /// Every probe scalar in every placement, with a fresh and with a known session.
    func testEveryProbeScalarInEveryPlacementTerminates() {
        var inputs: [String] = []
        for s in Self.probes { inputs += Self.placements(String(s)) }
        runBounded("probe scalars", inputs, secondPass: false)
    }

    /// The edge scalars right after every trigger phrase (as written, capitalized, upper-case),
    /// with each separator, at the end of the text and before a known name.
    func testEdgeScalarsAfterEveryTriggerTerminate() {
        var rng = SeededRandom(seed: 0x7A1C)
        var inputs: [String] = []
        for trigger in Self.triggers {
            let forms = [trigger, trigger.prefix(1).uppercased() + trigger.dropFirst(), trigger.uppercased()]
            for sep in Self.separators {
                let form = forms[Int.random(in: 0..<forms.count, using: &rng)]
                inputs.append(form + sep)
                inputs.append("Ana " + form + sep)
                for _ in 0..<3 {
                    let x = Self.edgeProbes[Int.random(in: 0..<Self.edgeProbes.count, using: &rng)]
                    inputs.append(form + sep + x)
                    inputs.append(form + sep + x + " Souza")
                    inputs.append(form + sep + "Ana" + x)
                }
            }
        }
        runBounded("triggers", inputs, secondPass: false)
    }

    /// The edge scalars in each placement under every `types:` subset.
    func testEdgeScalarsUnderEveryTypeSubsetTerminate() {
        var inputs: [String] = []
        for x in Self.edgeProbes { inputs += Self.placements(x) }
        runBounded("type subsets", inputs, secondPass: true, subsets: Self.typeSubsets, keyed: true)
    }

    /// Seeded random messages glued from triggers, names, edge scalars, digits and punctuation.
    func testSeededRandomMessagesTerminate() {
        var rng = SeededRandom(seed: 0x5EED_0022)
        let names = ["Ana", "Souza", "Ana Souza", "\u{C9}lodie", "\u{D8}rsted", "Jos\u{E9}", "P\u{E9}rez", "Zo\u{EB}", "Mr.", "Dr"]
        let other = ["4111 1111 1111 1111", "+44 20 7946 0958", "123-45-6789", "ana@example.com", "10", "221B", "SW1A 2AA",
                     "75008", "Street", "Stra\u{DF}e", "rue", "Calle", "Box", "#", "(", ")", "/", "@", "%", "$", "-", "\u{2019}"]
        var inputs: [String] = []
        for _ in 0..<6000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...10, using: &rng) {
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: text += Self.triggers[Int.random(in: 0..<Self.triggers.count, using: &rng)]
                case 1: text += names[Int.random(in: 0..<names.count, using: &rng)]
                case 2: text += Self.edgeProbes[Int.random(in: 0..<Self.edgeProbes.count, using: &rng)]
                case 3: text += other[Int.random(in: 0..<other.count, using: &rng)]
                default: text += String(Self.probes[Int.random(in: 0..<Self.probes.count, using: &rng)])
                }
                if Int.random(in: 0..<3, using: &rng) > 0 {
                    text += Self.separators[Int.random(in: 0..<Self.separators.count, using: &rng)]
                }
            }
            inputs.append(text)
        }
        runBounded("random", inputs, secondPass: true, keyed: true)
    }

    /// Realistic messages of the quality corpora (six locales, names, addresses and the number
    /// patterns) cut after every scalar, so each trigger, name and address line also ends the
    /// input; and the same messages with an edge scalar inserted or substituted at seeded
    /// places, spaces turned into NBSP, U+3000 or `×`, and letters into full-width forms.
    /// Also run with a keyed `valueKey`, as the daemon does.
    func testCorpusMessagesCutAnywhereAndMutatedTerminate() {
        var rng = SeededRandom(seed: 0xC0_2B05)
        var messages: [String] = []
        for split in [RedactionCorpusPeople.Split.dev, .heldOutB, .heldOutD, .heldOutF, .heldOutH] {
            messages += RedactionCorpusPeople.generate(split, seed: 0x7E57_0000 &+ UInt64(messages.count), count: 20).map(\.labelled.text)
        }
        messages += RedactionCorpus.generate(seed: 0x7E57_1111, count: 40).map(\.text)
        var inputs: [String] = []
        for message in messages {
            let scalars = Array(message.unicodeScalars)
            for k in 0...scalars.count {
                var prefix = ""
                prefix.unicodeScalars.append(contentsOf: scalars[0..<k])
                inputs.append(prefix)
            }
            for _ in 0..<12 {
                var mutated = scalars
                let pos = Int.random(in: 0...mutated.count, using: &rng)
                let probe = Array(Self.edgeProbes[Int.random(in: 0..<Self.edgeProbes.count, using: &rng)].unicodeScalars)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: mutated.insert(contentsOf: probe, at: pos)
                case 1: if pos < mutated.count { mutated.replaceSubrange(pos..<(pos + 1), with: probe) }
                case 2:
                    for k in mutated.indices where mutated[k] == " " && Bool.random(using: &rng) {
                        mutated[k] = ["\u{A0}", "\u{3000}", "\u{D7}", "\n"][Int.random(in: 0..<4, using: &rng)]
                    }
                default:
                    for k in mutated.indices where mutated[k].value >= 0x21 && mutated[k].value <= 0x7E && Bool.random(using: &rng) {
                        mutated[k] = Unicode.Scalar(mutated[k].value - 0x21 + 0xFF01)!
                    }
                }
                var text = ""
                text.unicodeScalars.append(contentsOf: mutated)
                inputs.append(text)
            }
        }
        runBounded("corpus cuts and mutations", inputs, secondPass: false, keyed: true)
    }

    // MARK: - Running and checking

    private final class Progress: @unchecked Sendable {
        let lock = NSLock()
        var current = ""
        var done = 0
        var failures: [String] = []
        func start(_ s: String) { lock.lock(); current = s; lock.unlock() }
        func fail(_ s: String) { lock.lock(); if failures.count < 20 { failures.append(s) }; lock.unlock() }
    }

    /// Runs every input through `exercise` on a background thread; fails on a timeout.
    private func runBounded(_ name: String, _ inputs: [String], secondPass: Bool, subsets: [Set<PIIType>] = [], keyed: Bool = false,
                            file: StaticString = #filePath, line: UInt = #line) {
        let progress = Progress()
        let finished = DispatchSemaphore(value: 0)
        let trace = ProcessInfo.processInfo.environment["CONFIDE_TERMINATION_TRACE"] != nil
        let began = Date()
        let thread = Thread {
            let full = Redactor()
            let subsetRedactors = subsets.map { Redactor(types: $0) }
            for text in inputs {
                progress.start(text)
                if trace { FileHandle.standardError.write(Data(("TRACE " + Self.describe(text) + "\n").utf8)) }
                Self.exercise(text, full, subsetRedactors, secondPass: secondPass, keyed: keyed, progress)
                progress.lock.lock(); progress.done += 1; progress.lock.unlock()
            }
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        var lastDone = -1
        while finished.wait(timeout: .now() + Self.limit) == .timedOut {
            progress.lock.lock()
            let current = progress.current, done = progress.done
            progress.lock.unlock()
            if done == lastDone {
                XCTFail("\(name): no progress after \(Int(Self.limit)) s (\(done)/\(inputs.count) inputs done); "
                        + "stuck on \(Self.describe(current))", file: file, line: line)
                return
            }
            lastDone = done
        }
        print("RedactionTerminationTests \(name): \(inputs.count) inputs in \(String(format: "%.1f", Date().timeIntervalSince(began))) s")
        for f in progress.failures { XCTFail("\(name): \(f)", file: file, line: line) }
    }

    private static func exercise(_ text: String, _ full: Redactor, _ subsets: [Redactor], secondPass: Bool, keyed: Bool,
                                 _ progress: Progress) {
        var fresh = PlaceholderNumbering()
        let a = full.redact(text, numbering: &fresh)
        if let problem = wellFormed(text, a) { progress.fail("fresh: \(problem) for \(describe(text))") }
        let found = full.findSpans(in: text)
        if found != a.spans { progress.fail("findSpans \(found) != redact spans \(a.spans) for \(describe(text))") }
        var known = knownNumbering
        let b = full.redact(text, numbering: &known)
        if let problem = wellFormed(text, b) { progress.fail("known session: \(problem) for \(describe(text))") }
        if secondPass {
            var again = known
            let c = full.redact(b.text, numbering: &again)
            if let problem = wellFormed(b.text, c) { progress.fail("second pass: \(problem) for \(describe(b.text))") }
        }
        if keyed {
            var session = knownKeyedNumbering
            let d = full.redact(text, numbering: &session, valueKey: keyedValueKey)
            if let problem = wellFormed(text, d) { progress.fail("keyed session: \(problem) for \(describe(text))") }
        }
        for r in subsets {
            var n1 = PlaceholderNumbering(), n2 = knownNumbering
            let x = r.redact(text, numbering: &n1), y = r.redact(text, numbering: &n2)
            if let problem = wellFormed(text, x) ?? wellFormed(text, y) {
                progress.fail("types \(r.types.map(\.rawValue).sorted()): \(problem) for \(describe(text))")
            }
            if x.spans.contains(where: { !r.types.contains($0.type) }) { progress.fail("type outside \(r.types) for \(describe(text))") }
            _ = r.findSpans(in: text)
        }
    }

    /// nil when `result` is `input` with each span replaced by a well-formed placeholder.
    static func wellFormed(_ input: String, _ result: (text: String, spans: [PIISpan])) -> String? {
        let ins = Array(input.unicodeScalars), outs = Array(result.text.unicodeScalars)
        var cursor = 0, o = 0
        for span in result.spans {
            guard span.start >= cursor, span.end > span.start, span.end <= ins.count else {
                return "span \(span) out of order or bounds (\(ins.count) scalars)"
            }
            let kept = span.start - cursor
            guard o + kept <= outs.count, outs[o..<(o + kept)].elementsEqual(ins[cursor..<span.start]) else {
                return "text before \(span) changed: \(describe(result.text))"
            }
            o += kept
            let tag = Array(("[" + span.type.rawValue + "_").unicodeScalars)
            guard o + tag.count <= outs.count, outs[o..<(o + tag.count)].elementsEqual(tag) else {
                return "no [\(span.type.rawValue)_ placeholder for \(span): \(describe(result.text))"
            }
            o += tag.count
            let digitsStart = o
            while o < outs.count, ("0"..."9").contains(outs[o]) { o += 1 }
            guard o > digitsStart, outs[digitsStart] != "0", o < outs.count, outs[o] == "]" else {
                return "malformed placeholder for \(span): \(describe(result.text))"
            }
            o += 1
            cursor = span.end
        }
        guard outs[o...].elementsEqual(ins[cursor...]) else { return "text after the last span changed: \(describe(result.text))" }
        return nil
    }

    /// The text with every non-ASCII or control scalar escaped, for failure messages.
    static func describe(_ text: String) -> String {
        var out = "\""
        for s in text.unicodeScalars {
            if s.value >= 0x20 && s.value < 0x7F && s != "\\" && s != "\"" { out.unicodeScalars.append(s) } else {
                out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out + "\""
    }
}
