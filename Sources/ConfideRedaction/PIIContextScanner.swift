/// What a keyword just before a candidate says about it.
enum PIIContextKind: UInt8 {
    case phone, ssn, card, identifier, version, ip
    /// A plain noun such as "number": a phone unless a keyword right before it says
    /// otherwise (`order number`, `card number`, `social security number`). Resolved by
    /// `PIIContextScanner.nearest`, never returned.
    case noun
    /// An abbreviation of "number" (`no.`, `nr`, `#`-like): an identifier unless a keyword right
    /// before it says otherwise (`card no.`, `soc sec no.`, `Order No.`). Matched where
    /// identifiers are asked for, resolved like `noun`, never returned.
    case numberAbbreviation

    /// This kind as a bit for the `among` masks of `PIIContextScanner`. An abbreviation of
    /// "number" answers to the identifier bit (it is one unless its modifier says otherwise).
    var bit: UInt8 { self == .numberAbbreviation ? PIIContextKind.identifier.bit : 1 << rawValue }
}

/// Finds the keyword nearest before a candidate within the same line.
///
/// Bare digit strings are ambiguous (`0301234567` is a phone after "Tel", an order after
/// "Bestellung"); the closest label decides. The window is bounded, so the cost per
/// candidate is constant.
enum PIIContextScanner {
    /// Bytes looked at before a candidate.
    static let window = 48

    /// A keyword: ASCII keywords match case-insensitively at the start of a word and may
    /// be followed by more letters (`tel` matches `telephone`) unless `whole` is set. An
    /// `inner` keyword (written `*karte`) also matches at the end of a compound word
    /// (`Kundenkarte`, `klantenkaart`), so the compound's head decides, not its first part.
    struct Keyword {
        let bytes: [UInt8]
        let kind: PIIContextKind
        let whole: Bool
        let inner: Bool
        /// Written `^word`: the keyword names only a number right after it (`directlyBefore`), not one further on in
        /// its sentence (`quote 13232643350`, but not `text the quote to 415-555-0132`).
        let direct: Bool
    }

    static let keywords: [Keyword] = {
        var list: [Keyword] = []
        func add(_ kind: PIIContextKind, _ words: [String]) {
            for word in words {
                let whole = word.hasSuffix("$"), inner = word.hasPrefix("*"), direct = word.hasPrefix("^")
                let text = String(word.dropFirst(inner || direct ? 1 : 0).dropLast(whole ? 1 : 0))
                list.append(Keyword(bytes: Array(text.lowercased().utf8), kind: kind, whole: whole, inner: inner, direct: direct))
            }
        }
        // `cell` whole or in its compounds, not as the start of `celle-ci`, a `cellar` or a `cello` (twenty-seventh
        // session, split AA's card misses: `prenez celle-ci : 6493…` named a card a phone).
        add(.phone, ["phone", "tel", "call", "mobile", "cell$", "cellphone", "cellular", "cellulaire", "whatsapp", "sms", "text me", "fax", "ring",
                     "reach me", "reachable", "contact", "dial", "code to$",
                     // `send the code to …` (`Schicken Sie den Code bitte an …`, `Stuur de code naar …`,
                     // `Mándenme el código al …`): the keyword ends after the preposition, so it is
                     // nearer than the identifier word `code`.
                     "code an$", "code bitte an$", "code naar$", "código al$", "código a$", "code au$", "code à$",
                     "erreich", "bereikbaar", "bel ", "bellen", "telefoon", "mobiel", "nummer is veranderd", "handy", "rufnummer", "mobil", "anruf", "ruf", "rückruf$", "festnetz",
                     "my number", "our number", "meine nummer", "mon numéro", "ce numéro", "mi número", "mijn nummer", "ons nummer",
                     // `best number is …`, `please text Hila M. at …`, `…, not the landline`, `Kontakt Mutter … unter …`
                     // (twenty-third session, split V's phone misses; `best number to reach me` is the issue's own example).
                     // `text` only as a verb after `please`, `you`, `to` (the review: `the text on the label says …`, `copy
                     // the text …`), `best number` only before `is`, `to` or a colon (`best number format`), `Kontakt` and
                     // `Rückruf` only whole (`Kontaktlinsen`, `Rückrufaktion`).
                     "best number is", "best number to", "best number:", "please text$", "you text$", "to text$", "landline",
                     "kontakt$",
                     // An emergency contact's number (`Notfallnummer: 015203469787`, `Emergency: 07798154218`,
                     // `Noodnummer:`; thirtieth session, split AD's phone misses): the compound or the word names a phone.
                     "notfall", "emergency", "urgence", "noodnummer", "noodcontact", "emergencia",
                     "téléphone", "tél", "fixe", "portable", "appel", "rappel", "joindre", "joignable",
                     "llam", "llám", "móvil", "movil", "fijo", "電話", "携帯", "連絡", "tfno", "tlf"])
        // `social$`: "my social is 123 45 6789", "social: …" (US speech drops "security").
        // `ss$`: "my SS number is …" (the noun then takes the SSN class).
        // The US number named in the other languages (`numéro de sécurité sociale américain`).
        // `Social-Security-Karte`, `social-security-nummer`: the German and Dutch compounds (fifteenth session).
        add(.ssn, ["ssn", "social security", "social-security", "ss#", "soc sec", "social sec", "ssa", "taxpayer", "social$", "ss$",
                   "sécurité sociale", "securite sociale", "seguridad social", "seguro social", "sozialversicherung"])
        add(.card, ["card", "kredit", "visa", "mastercard", "amex", "*karte", "carte", "tarjeta", "カード",
                    "credit", "debit", "pan$", "cc$", "cb$", "*kaart", "creditcard", "bankpas", "pinpas",
                    // Dutch fuel, customer, loyalty and member passes.
                    "tankpas", "klantenpas", "spaarpas", "ledenpas",
                    // Deposit nouns (twelfth session, split K's card misses: `For the deposit, please run
                    // 153640325535222594 instead.`, `Die Kaution bitte über …`, `De borg graag via …`): a deposit
                    // is held on a card; a Luhn-valid number of card length in its sentence is one.
                    "deposit", "*kaution", "caution", "borg$", "fianza", "anzahlung", "acompte", "aanbetaling"])
        add(.identifier, ["order", "tracking", "track", "invoice", "inv$", "ref$", "reference", "ticket",
                          "case", "parcel", "shipment", "package", "awb", "confirmation", "booking", "account",
                          "customer", "client", "member", "serial", "sku", "isbn", "id$", "imei", "iccid",
                          // `account` in the other five languages (seventeenth session, from split P's card false
                          // positives: `Bonuspunkte-Konto 6065.2298.7488.7270`, `Compte de points …`, `Spaarpuntenrekening
                          // …`): an account number is an id, no card.
                          "konto", "compte", "*rekening", "cuenta",
                          "bestell", "sendung", "rechnung", "kunden", "auftrag", "vorgang", "paket",
                          "commande", "suivi", "facture", "colis", "dossier", "pedido", "seguimiento",
                          "factura", "envío", "envio", "referencia", "expediente", "voucher", "gutschein", "code",
                          "cadeau", "regalo", "coupon", "promo", "gift", "postcode", "zip", "plz",
                          // Member and reference nouns of the other languages (`Numéro d'adhérent`,
                          // `Número de socio`, `Lidnummer`, `Mitgliedsnummer`, `klantnummer`, `Referentie`).
                          "adhérent", "adherent", "membre", "socio", "miembro", "mitglied", "lidnummer", "lidmaatschap",
                          "klant", "référence", "referentie", "referenz", "zending", "factuur",
                          // Claim, file, meter and payment-reference nouns (`Claim number`, `Aktenzeichen`,
                          // `Zählernummer`, `Compteur`, `Contador`, `Verwendungszweck`, `Betalingskenmerk`).
                          "claim", "aktenzeichen", "zähler", "zaehler", "meter", "compteur", "contador",
                          "verwendungszweck", "betalingskenmerk", "kenmerk",
                          // Contract, complaint, policy, serial, loyalty and flight nouns (`Contract number
                          // 781 204 553`, `Reclamación 412-67-1893`, `Póliza …`, `Numéro de série SN …`,
                          // `Loyalty number …`): an id, no phone, SSN or card (split G's look-alikes).
                          "contract", "contrat", "contrato", "vertrag", "complaint", "réclamation", "reclamation",
                          "reclamación", "reclamacion", "klacht", "policy", "policies", "póliza", "poliza", "polis$",
                          "polisnummer", "versicherungsschein", "série", "serie", "sn$", "s/n$", "loyalty",
                          "flight", "flug", "vuelo", "vlucht",
                          // Part, lot and trade-item nouns (`Part number 311-93-151`, `La pieza 209-82-964`, `Lote LOT
                          // 2024-335`, `GTIN 876828821246`; split K's look-alikes, twelfth session). Not English
                          // `lot`: `a fuel card from you lot. Its number … is …` (split F). `Part` only as a label
                          // (`Part number`, `Part no`, `Part:`, `Part #`): French `part` is a verb (`quand l'accordeur
                          // part : 06 …`; sixteenth session, split O's phone misses).
                          "part number", "part no$", "part nr$", "part #", "part:", "pieza", "onderdeel", "lote$", "gtin",
                          // Booking, reservation, company-register, pick-up, barcode, device and case-file
                          // nouns (`Buchungsnummer 699-726-1174`, `Localizador …`, `SIREN 879 773 387`, `EIN
                          // 70-1989882`, `EAN 4006381333931`, `Fallnummer 207-33-9330`; split H's look-alikes).
                          "buchung", "boeking", "localizador", "reserv", "réserv", "siren", "siret", "ein$", "kvk",
                          "handelsregister", "abhol", "ophaal", "ean$", "barcode", "barras", "gerät", "fallnummer",
                          // Delivery-note, article, creditor, model and parcel nouns of German and Dutch business mail
                          // (`Lieferschein 0290 16210-5`, `Artikel 0221 4711-0`, `Kreditorennr. 0673 76250-12`, `Modell
                          // 0345 6789-12`, `pakketnummer 0049 630 027 222`; the twenty-second session's review).
                          "lieferschein", "artikel", "kreditor", "debitor", "modell", "bestelnummer", "pakket", "leverbon",
                          "albarán", "albaran",
                          // Reference, article, receipt and gift nouns (`réf. 673.309.904`, `Art.-Nr.`, `Resguardo
                          // 620.300.541`, `Geschenkkarte 962 466 084`; the twenty-third session, split V's phone false
                          // positives). Not `bon` (`le bon est …`: the right one is) nor `reparación` (`Señal para la
                          // reparación: <card>`): both took numbers other rules read.
                          "réf$", "art.", "artnr", "resguardo", "geschenk",
                          // Quote, estimate and apostille nouns (`quote 13232643350 covers felling`, `el presupuesto
                          // 613.936.854 incluye …`, `Angebot 782867577 umfasst …`, `apostille 4495/2024`; the twenty-fourth
                          // session, split W's false positives). `quote` only whole (`please quote your card number`); each only
                          // right before its number (the review: `Can you text the quote to 415-555-0132?`, `Bitte das Angebot
                          // an 0171 2345678 schicken`, `Quote accepted, charge 4480601727974780` are a phone and a card).
                          "^quote$", "^quotation", "^estimate", "^angebot", "^kostenvoranschlag", "^devis$", "^offerte",
                          "^presupuesto", "^apostille", "^apostilla",
                          "注文", "追跡", "伝票", "請求", "問い合わせ", "お問合せ", "会員", "受付",
                          "お客様番号", "顧客番号", "ギフト", "〒"])
        add(.version, ["version", "ver$", "build", "release", "firmware", "fw$", "app$", "update",
                       "upgrade", "patch", "ios", "android", "windows", "macos", "chrome", "firefox", "kernel",
                       "driver", "bios", "sdk", "バージョン", "versión", "versao", "mise à jour"])
        add(.noun, ["number$", "nummer$", "numéro$", "número$", "numero$"])
        add(.numberAbbreviation, ["no.", "nr"])
        add(.ip, ["ip$", "address", "server", "host", "adresse", "dirección", "gateway", "dns", "router", "vpn",
                  "proxy", "ping", "subnet", "アドレス", "from", "login", "src", "dst", "addr", "connect",
                  "blocked", "firewall", "whitelist", "allowlist", "traceroute", "curl", "http", "ssh"])
        return list
    }()

    /// The keywords flattened for the scan loops (no per-keyword array to retain), with
    /// keyword indices bucketed by first byte so a scan position costs one lookup.
    ///
    /// A class with constant fields: every lookup starts with `let t = table`, which then
    /// retains one object instead of each of the nine arrays of a struct copy.
    private final class Table: Sendable {
        let bytes: [UInt8]
        let offset: [Int]
        let length: [Int]
        let kind: [PIIContextKind]
        let whole: [Bool]
        let inner: [Bool]
        let direct: [Bool]
        /// First bytes of `inner` keywords: positions inside a word are looked at only for these.
        let innerFirst: [Bool]
        let bucketStart: [Int]
        let bucketItems: [Int]
        let longest: Int

        init(_ keywords: [Keyword]) {
            var bytes: [UInt8] = [], offset: [Int] = [], length: [Int] = [], kind: [PIIContextKind] = []
            var whole: [Bool] = [], inner: [Bool] = [], direct: [Bool] = []
            var innerFirst = [Bool](repeating: false, count: 256)
            var bucketStart = [Int](repeating: 0, count: 257)
            var bucketItems: [Int] = []
            var longest = 0
            for keyword in keywords {
                offset.append(bytes.count)
                bytes.append(contentsOf: keyword.bytes)
                length.append(keyword.bytes.count)
                kind.append(keyword.kind)
                whole.append(keyword.whole)
                inner.append(keyword.inner)
                direct.append(keyword.direct)
                if keyword.inner { innerFirst[Int(keyword.bytes[0])] = true }
                longest = max(longest, keyword.bytes.count)
            }
            for first in 0..<256 {
                bucketStart[first] = bucketItems.count
                for (index, keyword) in keywords.enumerated() where keyword.bytes[0] == first {
                    bucketItems.append(index)
                }
            }
            bucketStart[256] = bucketItems.count
            (self.bytes, self.offset, self.length, self.kind, self.whole, self.inner) = (bytes, offset, length, kind, whole, inner)
            self.direct = direct
            (self.innerFirst, self.bucketStart, self.bucketItems, self.longest) = (innerFirst, bucketStart, bucketItems, longest)
        }
    }

    private static let table = Table(keywords)

    /// Kind of the keyword ending closest before `pos` (restricted to the kinds in `mask`),
    /// or nil. Looks back at most `window` bytes and never past a line or sentence end.
    /// With `labelWithin`, only keywords ending at most that many bytes before `pos` count.
    static func nearest(_ v: PIIByteView, before pos: Int, among mask: UInt8 = 0xFF, window: Int = window,
                        labelWithin: Int = Int.max) -> PIIContextKind? {
        guard let (kind, start) = nearestMatch(v, before: pos, among: mask, window: window, labelWithin: labelWithin) else {
            return nil
        }
        if kind == .card && socialSecurityCard(v, start, mask) { return .ssn }
        guard kind == .noun || kind == .numberAbbreviation else { return kind }
        // `order number`, `card number`, `social security number`, `card no.`: the word before decides,
        // also when the keyword is only its start (`Membership number`).
        let others = mask & ~PIIContextKind.noun.bit
        if let (modifier, modifierStart) = nearestMatch(v, before: start, among: others, window: 24, labelWithin: 3, abbreviations: false) {
            return modifier == .card && socialSecurityCard(v, modifierStart, mask) ? .ssn : modifier
        }
        return keywordStartingWord(v, before: start, among: others) ?? (kind == .noun ? .phone : .identifier)
    }

    /// Whether a digit stands between the keyword of `mask` nearest before `pos` (in its sentence) and `pos`: that
    /// keyword then names another number (`Auftrag 62082746, Rückruf an 0221 67901-72`). Reads at most `window` bytes.
    static func keywordNamesAnotherNumber(_ v: PIIByteView, before pos: Int, among mask: UInt8) -> Bool {
        guard let (_, start) = nearestMatch(v, before: pos, among: mask, window: window, labelWithin: Int.max) else { return false }
        var k = start
        while k < pos - 1 {
            if PIIByteClass.isDigit(v[k]) { return true }
            k += 1
        }
        return false
    }

    /// Whether the card keyword starting at `start` names the US social security card (`my social security card,
    /// number …`, `Social-Security-Karte, Nummer …`, `social security-kaart`; fifteenth session, split N's SSN misses):
    /// an SSN keyword ends at most two bytes before it, so the number on that card is an SSN, not a card number.
    private static func socialSecurityCard(_ v: PIIByteView, _ start: Int, _ mask: UInt8) -> Bool {
        mask & PIIContextKind.ssn.bit != 0
            && nearestMatch(v, before: start, among: PIIContextKind.ssn.bit, window: 24, labelWithin: 2, abbreviations: false) != nil
    }

    /// Kind of a keyword that starts the word ending at most 3 bytes before `pos` and that may be
    /// followed by more letters (`member` in `Membership`), or nil. Reads at most 27 bytes.
    private static func keywordStartingWord(_ v: PIIByteView, before pos: Int, among mask: UInt8) -> PIIContextKind? {
        var we = pos
        while we > pos - 3 && we > 0 && !PIIByteClass.isAlpha(v[we - 1]) && v[we - 1] < 0x80 {
            if v[we - 1] == PIIByteClass.newline || isSentenceEnd(v, we - 1) { return nil }
            we -= 1
        }
        var ws = we
        while ws > 0 && we - ws < 24 && (PIIByteClass.isAlpha(v[ws - 1]) || v[ws - 1] >= 0x80) { ws -= 1 }
        guard ws < we else { return nil }
        let t = table
        let first = Int(PIIByteClass.lower(v[ws]))
        for item in t.bucketStart[first]..<t.bucketStart[first + 1] {
            let index = t.bucketItems[item]
            if !t.whole[index] && t.kind[index].bit & mask != 0 && t.kind[index] != .numberAbbreviation
                && ws + t.length[index] <= we && matches(v, at: ws, index, t) {
                return t.kind[index]
            }
        }
        return nil
    }

    /// The keyword nearest before the sentence that holds `pos` (one sentence back, at
    /// most `window` bytes, not across a blank line): "…my social security number? It is
    /// 123456789", "the SSN on file ends in 12. Please confirm 123456789".
    ///
    /// Only positive evidence carries over (phone, SSN, card): an order or version keyword
    /// of an earlier sentence does not rule a number out. And only when the number's own
    /// sentence started within the normal `window`, so that sentence was read whole and
    /// really has no keyword.
    /// With `anyKind`, every kind of `mask` carries over (what `PIINumberClassifier.unlabelledLongCard` asks: is
    /// there any keyword at all).
    static func previousSentence(_ v: PIIByteView, before pos: Int, window: Int = 120, among mask: UInt8 = 0xFF,
                                 anyKind: Bool = false) -> PIIContextKind? {
        var k = pos - 1
        let floor = max(0, pos - window)
        let ownSentenceFloor = max(0, pos - PIIContextScanner.window)
        while k >= ownSentenceFloor && !isSentenceEnd(v, k) { k -= 1 }
        guard k >= ownSentenceFloor, k >= floor else { return nil }
        // Step over the terminator and the space or line breaks after it; a blank line ends the message part.
        var newlines = 0
        while k > floor {
            let b = v[k]
            if b == PIIByteClass.newline { newlines += 1 }
            if newlines > 1 { return nil }
            if b == PIIByteClass.newline || b == PIIByteClass.space || b == 0x21 || b == 0x3F || b == PIIByteClass.dot
                || b == PIIByteClass.minus || (b >= 0x80 && isSentenceEnd(v, k)) {
                k -= 1
            } else {
                break
            }
        }
        let kind = nearest(v, before: k + 1, among: mask, window: k + 1 - floor)
        return anyKind || kind == .phone || kind == .ssn || kind == .card ? kind : nil
    }

    private static func nearestMatch(_ v: PIIByteView, before pos: Int, among mask: UInt8, window: Int,
                                     labelWithin: Int, abbreviations: Bool = true) -> (PIIContextKind, Int)? {
        var start = max(0, pos - window)
        var k = pos - 1
        while k >= start {
            if isSentenceEnd(v, k) { start = k + 1; break }
            k -= 1
        }
        let t = table
        var bestEnd = labelWithin == Int.max ? -1 : pos - labelWithin - 1
        var bestKind: PIIContextKind? = nil
        var bestStart = 0
        var s = pos - 1
        while s >= start && s + t.longest > bestEnd {
            let first = Int(PIIByteClass.lower(v[s]))
            // ASCII keywords start words (or end compounds); skip other positions inside one.
            if first < 0x80 && PIIByteClass.letterEndsAt(v, s) && !t.innerFirst[first] {
                s -= 1
                continue
            }
            for item in t.bucketStart[first]..<t.bucketStart[first + 1] {
                let index = t.bucketItems[item]
                let end = s + t.length[index]
                if end <= pos && end > bestEnd && t.kind[index].bit & mask != 0
                    && (abbreviations || t.kind[index] != .numberAbbreviation) && matches(v, at: s, index, t)
                    && (!t.direct[index] || directlyBefore(v, from: end, to: pos)) {
                    bestEnd = end
                    bestKind = t.kind[index]
                    bestStart = s
                }
            }
            s -= 1
        }
        return bestKind.map { ($0, bestStart) }
    }

    /// Whether a version keyword names the dotted quad at `pos` from further back in its sentence: among the
    /// version and IP keywords before `pos` (at most `window` bytes, not past a sentence end) the nearest is a
    /// version keyword whose word has at least five letters (`firmware`, `version`, `build`, `Windows`; not the
    /// short `app`, `fw`, `ios`), and no digit stands between that word and `pos` (the quad is the first number
    /// after it). Seventeenth session, from split P's IP false positives (`Firmware der Aufzugssteuerung
    /// 3.10.120.124`); `The hearing-aid app connects from …` keeps its address (`from` is nearer, `app` short).
    static func versionKeywordNamesQuad(_ v: PIIByteView, before pos: Int) -> Bool {
        let mask = PIIContextKind.version.bit | PIIContextKind.ip.bit
        guard let (kind, start) = nearestMatch(v, before: pos, among: mask, window: window, labelWithin: Int.max),
              kind == .version else { return false }
        var e = start
        while e < pos && (PIIByteClass.isAlpha(v[e]) || v[e] >= 0x80) { e += 1 }
        if e - start < 5 { return false }
        for k in e..<pos where PIIByteClass.isDigit(v[k]) { return false }
        return true
    }

    /// Kind of the keyword starting closest after `pos` within `window` bytes of the same
    /// clause (`0612345678 is my cell`), or nil.
    static func following(_ v: PIIByteView, after pos: Int, among mask: UInt8 = ~PIIContextKind.noun.bit,
                          window: Int = 24) -> PIIContextKind? {
        // A capital right after the number opens a new sentence whose period was left out
        // (`It is 545717658 Please text the code to …`): nothing after it labels the number.
        if v[pos] == PIIByteClass.space && v[pos + 1] >= 0x41 && v[pos + 1] <= 0x5A { return nil }
        var end = min(v.count, pos + window)
        var k = pos
        while k < end {
            let b = v[k]
            if isSentenceEnd(v, k) || b == PIIByteClass.comma || b == PIIByteClass.minus || b == PIIByteClass.slash
                || (b == PIIByteClass.dot && v[k + 1] == PIIByteClass.space)
                || (b == 0xE3 && v[k + 1] == 0x80 && v[k + 2] == 0x81) {
                end = k
                break
            }
            k += 1
        }
        let t = table
        var s = pos
        while s < end {
            let first = Int(PIIByteClass.lower(v[s]))
            for item in t.bucketStart[first]..<t.bucketStart[first + 1] {
                let index = t.bucketItems[item]
                if s + t.length[index] <= end && t.kind[index].bit & mask != 0 && matches(v, at: s, index, t) {
                    return t.kind[index] == .numberAbbreviation ? .identifier : t.kind[index]
                }
            }
            s += 1
        }
        return nil
    }

    /// The label of a candidate: the nearest keyword before it, else the nearest after it.
    /// Falls back to the sentence before (`previousSentence`) when the candidate's own
    /// sentence has no keyword.
    static func label(_ v: PIIByteView, before start: Int, after end: Int, among mask: UInt8 = 0xFF) -> PIIContextKind? {
        nearest(v, before: start, among: mask) ?? following(v, after: end, among: mask & ~PIIContextKind.noun.bit)
            ?? previousSentence(v, before: start, among: mask)
    }

    /// Whether a card keyword labels the candidate between `start` and `end` — the card policy
    /// for numbers whose prefix no network uses. True when the nearest keyword of its sentence is
    /// a card keyword; or a plain noun with no modifier of its own after a card keyword of the same
    /// sentence (`Ma carte de fidélité porte le numéro …`, `Meine Kundenkarte hat die Nummer …`);
    /// or an identifier word joined to a card keyword before it by `de`/`d'` (`tarjeta de
    /// cliente`); or, when its sentence has no keyword, the keyword after it
    /// or in the sentence before is one. Any other keyword in between (`Kreditkarte belastet,
    /// Bestellnummer …`, `card declined, so call me on …`) rules the card out. Bounded by the
    /// windows of `nearest`, so constant work per candidate.
    static func cardLabels(_ v: PIIByteView, before start: Int, after end: Int, among mask: UInt8) -> Bool {
        let card = PIIContextKind.card.bit
        guard let (kind, keywordStart) = nearestMatch(v, before: start, among: mask, window: window, labelWithin: Int.max) else {
            // The clause after it is read up to 40 bytes (seventeenth session, split P's card misses: `… is the
            // number on my store card`, `… est le numéro de ma carte de fidélité`, a predicate naming the card
            // after a plain noun); a comma, dash, slash or sentence end still closes it.
            return (following(v, after: end, among: mask & ~PIIContextKind.noun.bit, window: 40) ?? previousSentence(v, before: start, among: mask)) == .card
        }
        switch kind {
        case .card:
            return true
        case .noun, .numberAbbreviation:
            let others = mask & ~PIIContextKind.noun.bit
            if let modifier = nearestMatch(v, before: keywordStart, among: others, window: 24, labelWithin: 3, abbreviations: false) {
                return modifier.0 == .card
            }
            if let earlier = nearestMatch(v, before: keywordStart, among: others, window: window, labelWithin: Int.max, abbreviations: false) {
                return earlier.0 == .card
            }
            return previousSentence(v, before: start, among: mask) == .card
        case .identifier:
            // Step back over ` de ` or ` d'` to the end of the word before (`Gift card code …` is
            // a code: in English the last word of the phrase is its head).
            var heads: [Int] = []
            let k = keywordStart - 1
            if v[k] == 0x27 && (v[k - 1] | 0x20) == 0x64 && v[k - 2] == PIIByteClass.space {
                heads.append(k - 3)  // d'
            } else if v[k] == PIIByteClass.space && (v[k - 1] | 0x20) == 0x65 && (v[k - 2] | 0x20) == 0x64 && v[k - 3] == PIIByteClass.space {
                heads.append(k - 4)  // de
            } else if v[k] == PIIByteClass.space && memberNoun(v, at: keywordStart) {
                // `Carte client`, `tarjeta socio`, `carte membre`: French and Spanish put the head first, so the
                // card is the customer's or member's card (twentieth session, split R's card misses: `Carte client
                // de l'hôtel des ventes : 9174-581886-89311`). Only these nouns: `card code` stays a code.
                heads.append(k - 1)
            }
            // `Card to hold the booking: …`, `Karte zur Reservierung: …`, `Kaart voor de reservering: …` (twenty-fourth
            // session, split W's card misses): the card is the label's head, what it is for comes after it.
            if let before = purposePhraseStart(v, endingAt: keywordStart), labelEndsRightBefore(v, keywordStart, start) { heads.append(before) }
            return heads.contains { h in
                (PIIByteClass.isAlpha(v[h]) || v[h] >= 0x80)
                    && nearestMatch(v, before: h + 1, among: card, window: 16, labelWithin: 0, abbreviations: false) != nil
            }
        default:
            return false
        }
    }

    /// Whether the word at `keywordStart` is followed by only spaces and a colon before `start` (the review: `Card for the
    /// booking: PNR 6901061522315497` is the booking's number).
    private static func labelEndsRightBefore(_ v: PIIByteView, _ keywordStart: Int, _ start: Int) -> Bool {
        var k = keywordStart
        while k < start && (PIIByteClass.isAlpha(v[k]) || v[k] >= 0x80) { k += 1 }
        while k < start && (v[k] == PIIByteClass.space || v[k] == PIIByteClass.colon) { k += 1 }
        return k == start
    }

    /// Where the purpose phrase ending right before the identifier word at `keywordStart` starts (`… to hold the booking`,
    /// `… zur Reservierung`, `… pour la réservation`, `… para la reserva`, `… voor de reservering`): the index of the last
    /// byte of the word before it, when one to three of `purposeWords` (whole words, single spaces) stand there and the
    /// first of them is one of `purposeHeads` (a preposition saying what the thing is for); else nil.
    private static func purposePhraseStart(_ v: PIIByteView, endingAt keywordStart: Int) -> Int? {
        var e = keywordStart
        guard e > 1, v[e - 1] == PIIByteClass.space else { return nil }
        e -= 1
        var words = 0
        var headFound = false
        while words < 3 {
            var s = e
            while s > 0 && e - s < 8 && (PIIByteClass.isAlpha(v[s - 1]) || v[s - 1] >= 0x80) { s -= 1 }
            guard s < e else { return nil }
            let word = (s..<e).map { PIIByteClass.lower(v[$0]) }
            guard purposeWords.contains(word) else { return headFound ? e - 1 : nil }
            guard s > 1, v[s - 1] == PIIByteClass.space else { return nil }
            headFound = purposeHeads.contains(word)
            words += 1
            e = s - 1
        }
        return headFound ? e - 1 : nil
    }

    /// Prepositions of purpose (`for`, `to`, `zur`, `für`, `pour`, `para`, `voor`) and the articles and verbs that may
    /// follow them before the identifier word (`to hold the`, `für die`, `pour la`, `voor de`).
    private static let purposeHeads: Set<[UInt8]> = Set(["for", "to", "zur", "zum", "für", "pour", "para", "voor"].map { Array($0.utf8) })
    private static let purposeWords: Set<[UInt8]> = purposeHeads.union(Set(["hold", "secure", "guarantee", "the", "your", "this",
        "die", "den", "das", "der", "la", "le", "les", "el", "los", "las", "de", "het", "sichern", "garantir", "garantizar"].map { Array($0.utf8) }))

    /// Customer and member nouns that follow a card noun in French and Spanish (`carte client`, `tarjeta socio`).
    private static let memberNouns: [[UInt8]] = ["client", "cliente", "membre", "socio", "miembro", "adhérent", "adherent"]
        .map { Array($0.utf8) }

    /// Whether one of `memberNouns` is the whole word at `s` (ASCII letters compared without case).
    private static func memberNoun(_ v: PIIByteView, at s: Int) -> Bool {
        memberNouns.contains { word in
            word.indices.allSatisfy { PIIByteClass.lower(v[s + $0]) == word[$0] } && !PIIByteClass.isAlpha(v[s + word.count]) && v[s + word.count] < 0x80
        }
    }

    /// Words that introduce a card's expiry date, lower case (ASCII letters compared without case).
    private static let expiryWords: [[UInt8]] = [
        "exp", "expires", "expiry", "expiring", "expiration", "valid thru", "valid through", "valid until", "valid till",
        "good thru", "gültig bis", "gultig bis", "ablauf", "läuft ab", "expire le", "expire", "valable jusqu'au",
        "valable jusqu'à", "date d'expiration", "geldig tot", "geldig t/m", "vervalt", "verloopt", "vervaldatum",
        "caduca", "caducidad", "fecha de caducidad", "vence", "válida hasta", "valida hasta", "vto",
    ].map { Array($0.utf8) }.sorted { $0.count > $1.count }

    /// Whether a card's expiry date follows the number ending at `end`: across a comma, spaces or an opening
    /// parenthesis, an expiry word (`exp`, `valid thru`, `gültig bis`, `expire le`, `geldig tot`, `caduca`, …,
    /// optionally with `.` or `:`) then a month and year `MM/YY` or `MM/YYYY`. A Luhn-valid 13–19-digit number with
    /// one is a card. A date alone does not count: `Order 4111111111111111, 12/26 delivery` is an order and a day.
    /// Reads at most ~40 bytes.
    static func expiryFollows(_ v: PIIByteView, after end: Int) -> Bool {
        var k = end
        if v[k] == PIIByteClass.comma { k += 1 }
        var gap = 0
        while gap < 3, PIIByteClass.spaceLength(v, k) > 0 { k += PIIByteClass.spaceLength(v, k); gap += 1 }
        if v[k] == PIIByteClass.openParen { k += 1 }
        guard gap > 0 || v[k - 1] == PIIByteClass.openParen else { return false }
        for word in expiryWords {
            var same = true
            for x in 0..<word.count where PIIByteClass.lower(v[k + x]) != word[x] { same = false; break }
            guard same, !PIIByteClass.isAlpha(v[k + word.count]) else { continue }
            var j = k + word.count
            if v[j] == PIIByteClass.dot { j += 1 }
            if v[j] == PIIByteClass.colon { j += 1 }
            var spaces = 0
            while spaces < 2, PIIByteClass.spaceLength(v, j) > 0 { j += PIIByteClass.spaceLength(v, j); spaces += 1 }
            return monthYear(v, at: j)
        }
        return false
    }

    /// Whether the number ending at `end` ends its line and the next line holds a month and year alone (`6011, 2162,
    /// 7583, 0608⏎09/27`), as a card and its expiry are pasted. Only the layout of fours joined by a comma and a space
    /// asks for it (`PIINumberClassifier.namedAsCard`). Reads at most ~12 bytes.
    static func expiryLineFollows(_ v: PIIByteView, after end: Int) -> Bool {
        var k = end
        while v[k] == PIIByteClass.space { k += 1 }
        guard v[k] == PIIByteClass.newline, monthYear(v, at: k + 1) else { return false }
        var j = k + 1
        while PIIByteClass.isDigit(v[j]) || v[j] == PIIByteClass.slash { j += 1 }
        return j >= v.count || v[j] == PIIByteClass.newline
    }

    /// `MM/YY` or `MM/YYYY` (month 1–12, one or two digits) at `k`, not followed by another digit or slash.
    private static func monthYear(_ v: PIIByteView, at k: Int) -> Bool {
        let d = PIIByteClass.isDigit
        var j = k
        guard d(v[j]) else { return false }
        var month = Int(v[j] - 0x30)
        j += 1
        if d(v[j]) { month = month * 10 + Int(v[j] - 0x30); j += 1 }
        guard (1...12).contains(month), v[j] == PIIByteClass.slash, d(v[j + 1]), d(v[j + 2]) else { return false }
        j += 3
        if d(v[j]) && d(v[j + 1]) { j += 2 }
        return !d(v[j]) && v[j] != PIIByteClass.slash
    }

    /// Whether a keyword of `kind` stands anywhere in the `window` bytes before `pos`, across
    /// clauses and sentences but not across a blank line (`I need to give you my social
    /// security number for the paperwork. Ready? Here: 397397158`). Constant work per call.
    static func keywordEarlier(_ v: PIIByteView, before pos: Int, kind: PIIContextKind, window: Int = 160) -> Bool {
        let floor = max(0, pos - window)
        let t = table
        var s = pos - 1
        while s >= floor {
            if v[s] == PIIByteClass.newline && v[s - 1] == PIIByteClass.newline { return false }
            let first = Int(PIIByteClass.lower(v[s]))
            if !(first < 0x80 && PIIByteClass.isAlpha(v[s - 1]) && !t.innerFirst[first]) {
                for item in t.bucketStart[first]..<t.bucketStart[first + 1] {
                    let index = t.bucketItems[item]
                    if t.kind[index] == kind && s + t.length[index] <= pos && matches(v, at: s, index, t) { return true }
                }
            }
            s -= 1
        }
        return false
    }

    /// Kind of a keyword in the clause right after a comma that follows `pos` (`The number is
    /// 263.72.2407, it's my social.`), among `mask`.
    static func followingClause(_ v: PIIByteView, after pos: Int, among mask: UInt8) -> PIIContextKind? {
        guard v[pos] == PIIByteClass.comma else { return nil }
        return following(v, after: pos + 1, among: mask)
    }

    /// Whether the clause right after `pos` (after a comma) is a contrast with another line (`not`, `nicht`, `pas`, `niet`,
    /// `no` first) holding a phone keyword and no digit of its own within 32 bytes: `0161.5692611, nicht ans Festnetz`,
    /// `…, not the landline` name the number before them, while `… 71-70484-593, bel me op 0031 6-…` names the number
    /// after the keyword and `Lieferung 0152 33447788, Kontakt bitte nur per Mail` names none (the review).
    static func phoneClauseFollows(_ v: PIIByteView, after pos: Int) -> Bool {
        guard v[pos] == PIIByteClass.comma else { return false }
        var w = pos + 1
        while w < v.count && v[w] == PIIByteClass.space { w += 1 }
        let contrast = negations.contains { word in
            w + word.count < v.count && (0..<word.count).allSatisfy { PIIByteClass.lower(v[w + $0]) == word[$0] } && !PIIByteClass.isAlpha(v[w + word.count])
        }
        guard contrast, followingClause(v, after: pos, among: PIIContextKind.phone.bit) == .phone else { return false }
        var k = pos + 1
        while k < min(v.count, pos + 33) && !isSentenceEnd(v, k) {
            if PIIByteClass.isDigit(v[k]) { return false }
            k += 1
        }
        return true
    }

    /// Whether the text at `pos` answers a question naming an SSN: right after the question's `?` on the same line, with
    /// nothing between or only a copula (`it's`, `sie lautet`, `c'est le`, `es`, `het is`): `Do you need my SSN? it's 6 9 3
    /// …`. Not further (`Do you need my SSN? it's on file. Meeting PIN 7 0 2 …`, `The SSN field crashed? Repro steps 1 2 3
    /// …`; the review).
    static func answersSSNQuestion(_ v: PIIByteView, before pos: Int) -> Bool {
        var q = pos - 1
        while q >= 0 && pos - q <= 14 && v[q] != 0x3F {
            let b = v[q]
            guard b == PIIByteClass.space || PIIByteClass.isAlpha(b) || b == 0x27 else { return false }
            q -= 1
        }
        guard q >= 0, v[q] == 0x3F else { return false }
        var a = q + 1, e = pos
        while a < e && v[a] == PIIByteClass.space { a += 1 }
        while e > a && v[e - 1] == PIIByteClass.space { e -= 1 }
        let between = (a..<e).map { PIIByteClass.lower(v[$0]) }
        guard between.isEmpty || copulas.contains(between) else { return false }
        return previousSentence(v, before: q + 1, among: PIIContextKind.ssn.bit) == .ssn
            || nearest(v, before: q, among: PIIContextKind.ssn.bit) == .ssn
    }

    private static let copulas: Set<[UInt8]> = Set(["it's", "its", "it is", "here", "here it is", "sie lautet", "lautet", "er lautet",
        "es lautet", "c'est", "c'est le", "es", "es el", "son", "het is", "dat is", "is", "hier"].map { Array($0.utf8) })

    private static let negations: [[UInt8]] = ["not", "nicht", "pas", "niet", "no", "ni"].map { Array($0.utf8) }

    /// Whether a payment verb (`paid`, `pay`, `bezahlt`, `payé`, `pagué`, `betaald`, `charged`, `réglé`) stands within 64
    /// bytes before `pos`, in its sentence or on the line above: what makes `with`, `mit`, `avec`, `con`, `met` before a
    /// number in an unusual layout say what was paid with (`Compatible with 4 1 2 0 …` says nothing; the review).
    static func paymentVerbBefore(_ v: PIIByteView, before pos: Int) -> Bool {
        let floor = max(0, pos - 64)
        var s = pos - 1
        while s >= floor {
            if isSentenceEnd(v, s) && v[s] != PIIByteClass.newline { return false }
            if s == 0 || !(PIIByteClass.isAlpha(v[s - 1]) || v[s - 1] >= 0x80) {
                for word in paymentVerbs where s + word.count <= pos
                    && (0..<word.count).allSatisfy({ PIIByteClass.lower(v[s + $0]) == word[$0] }) { return true }
            }
            s -= 1
        }
        return false
    }

    private static let paymentVerbs: [[UInt8]] = ["paid", "pay", "bezahl", "gezahlt", "payé", "pagu", "pagad", "betaal",
                                                  "charged", "réglé", "abgebucht"].map { Array($0.utf8) }

    /// Nouns of a company's phone line (`hotline`, `helpline`, `service`, `support`, `Kundendienst`, `infoline`):
    /// the number after them rings a business.
    private static let serviceNouns: [[UInt8]] = ["hotline", "helpline", "service", "servicio", "support", "kundendienst",
                                                  "infoline", "freephone", "atención al cliente", "atencion al cliente"].map { Array($0.utf8) }

    /// Whether a service noun (`serviceNouns`, also ending a compound: `Kundenservice`, `klantenservice`) stands
    /// within 32 bytes before `pos` on its line: the number at `pos` is a company's line.
    static func serviceLineBefore(_ v: PIIByteView, before pos: Int) -> Bool {
        let floor = max(0, pos - 32)
        var s = pos - 1
        while s >= floor {
            if v[s] == PIIByteClass.newline { return false }
            for noun in serviceNouns where s + noun.count <= pos {
                var ok = true
                for (k, b) in noun.enumerated() where PIIByteClass.lower(v[s + k]) != b {
                    ok = false
                    break
                }
                if ok { return true }
            }
            s -= 1
        }
        return false
    }

    /// Prepositions that name what a bill is paid with or charged to (`charge it to`, `put it on`, `pay with`,
    /// `sur`, `avec`, `par`, `a`, `al`, `con`, `mit`, `auf`, `met`, `op`, `via`, `per`).
    private static let paymentPrepositions: [[UInt8]] = ["with", "on", "to", "via", "sur", "avec", "par", "a", "al", "con",
                                                         "mit", "auf", "met", "op", "per", "using"].map { Array($0.utf8) }

    private static let instrumentPrepositions: [[UInt8]] = ["with", "avec", "con", "mit", "met"].map { Array($0.utf8) }

    /// Whether the word right before `pos` (across spaces, one colon and one line break) is a payment preposition: a
    /// card number after it is what a bill is charged to (`Carguen la factura del veterinario a 6448 0099 2453 1104`),
    /// whatever identifier word stands earlier in the sentence; also when the number stands on a line of its own
    /// (`Paid at the shop with⏎4 4 9 9 …⏎but …`, a number pasted from a form). Reads at most 10 bytes back.
    static func paymentPreposition(_ v: PIIByteView, before pos: Int, strict: Bool = false) -> Bool {
        var e = pos
        var newlines = 0
        while e > 0 && pos - e < 3 && (v[e - 1] == PIIByteClass.space || v[e - 1] == PIIByteClass.colon
                                        || (v[e - 1] == PIIByteClass.newline && newlines == 0)) {
            if v[e - 1] == PIIByteClass.newline { newlines += 1 }
            e -= 1
        }
        guard e < pos else { return false }
        var s = e
        while s > 0 && e - s < 6 && PIIByteClass.isAlpha(v[s - 1]) { s -= 1 }
        guard s < e, s == 0 || !(PIIByteClass.isAlpha(v[s - 1]) || v[s - 1] >= 0x80 || v[s - 1] == 0x27 || v[s - 1] == PIIByteClass.minus) else { return false }
        let n = e - s
        for word in strict ? instrumentPrepositions : paymentPrepositions where word.count == n {
            var same = true
            for x in 0..<n where PIIByteClass.lower(v[s + x]) != word[x] { same = false; break }
            if same { return true }
        }
        return false
    }

    /// Kind of a keyword that directly labels the candidate at `pos` (`build 4.18.0.147`,
    /// `Kundennummer 615-951-037`): it ends at most 20 bytes before `pos`, with no digit,
    /// comma, semicolon or line break in between.
    static func directLabel(_ v: PIIByteView, before pos: Int, among mask: UInt8) -> PIIContextKind? {
        var k = pos - 1
        let floor = max(0, pos - 20)
        while k >= floor {
            let b = v[k]
            if PIIByteClass.isDigit(b) || b == PIIByteClass.newline || b == 0x3B || b == PIIByteClass.comma { break }
            k -= 1
        }
        return nearest(v, before: pos, among: mask, window: pos - k - 1 + 24, labelWithin: pos - k - 1)
    }

    /// Kind of the keyword that labels the candidate at `pos` across a parenthetical aside: only spaces, a colon, `#`
    /// or a dash stand between `pos` and a `)`, its `(` opens at most 64 bytes before on the same line, and a keyword
    /// of `mask` ends right before the `(` (spaces aside): `SSN (background check, adult members): 878 02 3405`,
    /// `Phone (work, members' line): …`. The aside qualifies the label; its own words (`members`, an identifier
    /// word) do not name the number. Thirtieth session, split AD's SSN misses (11 of 444, all of one form's line).
    static func labelBeforeAside(_ v: PIIByteView, before pos: Int, among mask: UInt8) -> PIIContextKind? {
        var k = pos - 1
        while k >= 0 && pos - k <= 4 && (v[k] == PIIByteClass.space || v[k] == PIIByteClass.colon || v[k] == PIIByteClass.hash
            || v[k] == PIIByteClass.minus) { k -= 1 }
        guard k >= 0, v[k] == PIIByteClass.closeParen else { return nil }
        let close = k
        k -= 1
        while k >= 0 && close - k <= 64 && v[k] != PIIByteClass.openParen {
            if v[k] == PIIByteClass.newline || v[k] == PIIByteClass.closeParen { return nil }
            k -= 1
        }
        guard k >= 0, v[k] == PIIByteClass.openParen, !namesANumber(v, k + 1, close) else { return nil }
        var e = k
        while e > 0 && v[e - 1] == PIIByteClass.space { e -= 1 }
        guard e > 0, PIIByteClass.isAlpha(v[e - 1]) || v[e - 1] >= 0x80 || v[e - 1] == PIIByteClass.dot else { return nil }
        return nearest(v, before: e, among: mask, window: window, labelWithin: v[e - 1] == PIIByteClass.dot ? 1 : 0)
    }

    /// Whether `v[from..<to]` (an aside) names a number of its own: a number noun or mark (`number`, `no.`, `Nr`, `n°`,
    /// `ID`, `#`, `ref`, a compound ending in `nummer`/`number`: `Phone (the number on the invoice): …`, `SSN (member ID):
    /// …`, `Telefoon (ordernummer): …`), or an identifier word alone (`Phone (Rechnung): …`). The outer label then names
    /// nothing for sure (a helper's attack on `labelBeforeAside`).
    private static func namesANumber(_ v: PIIByteView, _ from: Int, _ to: Int) -> Bool {
        for b in from..<to where v[b] == PIIByteClass.hash || (v[b] == 0xC2 && (v[b + 1] == 0xB0 || v[b + 1] == 0xBA)) { return true }
        var k = from
        var words = 0
        var lastWord = from..<from
        while k < to {
            guard PIIByteClass.isAlpha(v[k]) || v[k] >= 0x80 else { k += 1; continue }
            var e = k
            while e < to && (PIIByteClass.isAlpha(v[e]) || v[e] >= 0x80) { e += 1 }
            let word = (k..<e).map { PIIByteClass.lower(v[$0]) }
            if numberLabels.contains(word) || asideNumberWords.contains(word)
                || word.count > 6 && (word.suffix(6) == Array("nummer".utf8) || word.suffix(6) == Array("number".utf8)) { return true }
            words += 1
            lastWord = k..<e
            k = e
        }
        return words == 1 && nearest(v, before: lastWord.upperBound, among: PIIContextKind.identifier.bit, window: lastWord.count,
                                     labelWithin: 0) != nil
    }

    private static let asideNumberWords: Set<[UInt8]> = Set(["id", "ref", "référence", "referencia", "referentie", "code",
        "código", "numbers", "numéros", "números", "nummers", "nos", "nrs"].map { Array($0.utf8) })

    /// Whether the byte at `k` ends a sentence or clause: newline, `!`, `?`, ` - `, the last
    /// byte of `。`, or a `.` after a number or a long word (not abbreviations like `Tel.`).
    @inline(__always)
    private static func isSentenceEnd(_ v: PIIByteView, _ k: Int) -> Bool {
        let b = v[k]
        if b == PIIByteClass.newline || b == 0x21 || b == 0x3F { return true }
        if b == PIIByteClass.minus { return v[k - 1] == PIIByteClass.space && v[k + 1] == PIIByteClass.space }
        if b == PIIByteClass.dot && v[k + 1] == PIIByteClass.space {
            // `… 776370709. Next` or `… the store. Next`, but not `Tel. 0…` or `No. 4…`.
            if PIIByteClass.isDigit(v[k - 1]) { return true }
            var letters = 0
            while letters < 5 && PIIByteClass.isAlpha(v[k - 1 - letters]) { letters += 1 }
            if letters >= 5 { return true }
            // A four-letter lower-case word before a capital (`didn't scan. On …`, `won't work. It …`),
            // unless it is a four-letter abbreviation (`inkl. Versand`, `evtl. Montag`).
            return letters == 4 && v[k - 5] == PIIByteClass.space && v[k + 2] &- 0x41 < 26
                && v[k - 4] &- 0x61 < 26 && v[k - 3] &- 0x61 < 26 && v[k - 2] &- 0x61 < 26 && v[k - 1] &- 0x61 < 26
                && !isFourLetterAbbreviation(v, k - 4)
        }
        return b == 0x82 && v[k - 1] == 0x80 && v[k - 2] == 0xE3
    }

    /// Whether only the rest of the keyword's word, a number label (`:`, `#`, `.`, `n°`, `Nr.`, `no.`, `number`,
    /// `nummer`, `numéro`, `número`) and spaces stand between `from` (a keyword's end) and `to` (a number): a `^`
    /// keyword names a number only so. Reads at most 24 bytes.
    private static func directlyBefore(_ v: PIIByteView, from: Int, to: Int) -> Bool {
        var k = from
        while k < to && (PIIByteClass.isAlpha(v[k]) || v[k] >= 0x80) { k += 1 }
        var words = 0
        while k < to {
            if to - from > 24 { return false }
            let b = v[k]
            if b == PIIByteClass.space || b == PIIByteClass.colon || b == 0x23 || b == PIIByteClass.dot || b == PIIByteClass.minus {
                k += 1
                continue
            }
            if b == 0xC2 && (v[k + 1] == 0xB0 || v[k + 1] == 0xBA) { k += 2; continue }  // ° º
            var e = k
            while e < to && (PIIByteClass.isAlpha(v[e]) || v[e] >= 0x80) { e += 1 }
            guard e > k, words == 0 else { return false }
            let word = (k..<e).map { PIIByteClass.lower(v[$0]) }
            guard numberLabels.contains(word) else { return false }
            words += 1
            k = e
        }
        return true
    }

    private static let numberLabels: Set<[UInt8]> = Set(["n", "nr", "no", "nº", "nummer", "number", "numéro", "número", "numero"].map { Array($0.utf8) })

    /// Whether a keyword of `kind` stands before `pos` in its own sentence (at most `window` bytes back).
    static func keywordEarlierInSentence(_ v: PIIByteView, before pos: Int, kind: PIIContextKind, window: Int = 160) -> Bool {
        var k = pos - 1
        let floor = max(0, pos - window)
        while k >= floor && !isSentenceEnd(v, k) { k -= 1 }
        return keywordEarlier(v, before: pos, kind: kind, window: pos - (k + 1))
    }

    /// `inkl`, `exkl`, `zzgl`, `evtl`, `bzgl`, `ggfs`, `resp`, `appt`, `tlfn`, `tfno` at `s` (lower case).
    private static func isFourLetterAbbreviation(_ v: PIIByteView, _ s: Int) -> Bool {
        let word = UInt32(v[s]) << 24 | UInt32(v[s + 1]) << 16 | UInt32(v[s + 2]) << 8 | UInt32(v[s + 3])
        return fourLetterAbbreviations.contains(word)
    }

    private static let fourLetterAbbreviations: [UInt32] = ["inkl", "exkl", "zzgl", "evtl", "bzgl", "ggfs", "resp", "appt", "tlfn", "tfno"].map {
        let b = Array($0.utf8)
        return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }

    private static func matches(_ v: PIIByteView, at s: Int, _ index: Int, _ t: Table) -> Bool {
        let offset = t.offset[index], length = t.length[index]
        for j in 1..<length where PIIByteClass.lower(v[s + j]) != t.bytes[offset + j] {
            return false
        }
        guard t.bytes[offset] < 0x80 else { return true }
        let before = v[s - 1]
        // Not inside a word (unless it may end a compound), an e-mail address or a host name (`@telefonica.net`).
        if before == PIIByteClass.at || before == PIIByteClass.dot { return false }
        if PIIByteClass.letterEndsAt(v, s) && !t.inner[index] { return false }
        guard !t.whole[index] || !PIIByteClass.isAlpha(v[s + length]) else { return false }
        return t.kind[index] != .identifier || !speakerLabel(v, at: s)
    }

    /// Whether the word at `s` labels a speaker's turn in a pasted chat (`Customer: 4111 1111 1111 1111`, `Client : …`,
    /// `Klant: …`, `Cliente: …`, at the start of a line): it says who speaks, not what the number after it is, so it is
    /// no customer-number keyword (twenty-fifth session, split X's transcripts: `Agent: Could you send the card number
    /// again?⏎Customer: …` left the card visible). Reads at most the word, two bytes after it and the spaces before it.
    /// And only in a transcript: the other side's turn label (`Agent:`) stands near it. Export formats put more
    /// around the word (the review): a time stamp, a quote mark, a list mark or markdown before
    /// it on its line (`[10:32] Customer:`, `10:32 - Customer:`, `> Customer:`, `**Customer:**`, `- Customer:`), a name or a
    /// channel in brackets before the colon (`Customer (Ana):`, `Cliente [WhatsApp]:`); a lone carriage return also ends
    /// a line. Reads at most 40 bytes each way.
    private static func speakerLabel(_ v: PIIByteView, at s: Int) -> Bool {
        var e = s
        while e - s < 9 && PIIByteClass.isAlpha(v[e]) { e += 1 }
        guard speakerWords.contains((s..<e).map { PIIByteClass.lower(v[$0]) }) else { return false }
        func markdown(_ b: UInt8) -> Bool { b == 0x2A || b == 0x5F }
        var j = e
        while markdown(v[j]) { j += 1 }
        if v[j] == PIIByteClass.space { j += 1 }
        if v[j] == PIIByteClass.openParen || v[j] == 0x5B {
            let close: UInt8 = v[j] == PIIByteClass.openParen ? PIIByteClass.closeParen : 0x5D
            var k = j + 1
            while k - j < 40 && v[k] != close && v[k] != PIIByteClass.newline && v[k] != 0 { k += 1 }
            guard v[k] == close else { return false }
            j = k + 1
        }
        while markdown(v[j]) { j += 1 }
        if v[j] == PIIByteClass.space { j += 1 }
        guard v[j] == PIIByteClass.colon else { return false }
        // Only what a line's head holds before the word: spaces, marks of quotes, lists and markdown, a time stamp.
        var k = s - 1
        while k >= 0 && s - k <= 40 {
            let b = v[k]
            if b == PIIByteClass.newline || b == 0x0D { break }
            let head = b == PIIByteClass.space || b == 0x09 || b == 0x3E || markdown(b) || b == PIIByteClass.minus
                || b == 0x5B || b == 0x5D || b == PIIByteClass.openParen || b == PIIByteClass.closeParen
                || PIIByteClass.isDigit(b) || b == PIIByteClass.colon || b == PIIByteClass.dot || b == PIIByteClass.slash
                || (b == 0xA2 && v[k - 1] == 0x80 && v[k - 2] == 0xE2)  // the last byte of `•`
            guard head else { return false }
            if b == 0xA2 { k -= 2 }
            k -= 1
        }
        guard k < 0 || v[k] == PIIByteClass.newline || v[k] == 0x0D else { return false }
        // A transcript has the other side's turns too: a form's `Customer: 4539…` (a customer number; the review) has none.
        return otherTurnNear(v, s)
    }

    /// Whether the other side's turn label (`Agent:`, `Support:`, `Mitarbeiter:`, `Medewerker:`, `Conseiller :`,
    /// `Agente:`, `Asesor:`, the word and a colon, markdown or a bracketed name between) stands within 400 bytes before
    /// or after `s`, at a line's start or after other text (transcripts pasted as one line join their turns so).
    private static func otherTurnNear(_ v: PIIByteView, _ s: Int) -> Bool {
        let low = max(0, s - 400), high = min(v.count, s + 400)
        var k = low
        while k < high {
            guard PIIByteClass.isAlpha(v[k]), !PIIByteClass.isAlpha(v[k - 1]), v[k - 1] < 0x80 else { k += 1; continue }
            var e = k
            while e - k < 13 && PIIByteClass.isAlpha(v[e]) { e += 1 }
            if agentWords.contains((k..<e).map { PIIByteClass.lower(v[$0]) }) {
                var j = e
                while v[j] == 0x2A || v[j] == 0x5F { j += 1 }
                if v[j] == PIIByteClass.space { j += 1 }
                if v[j] == PIIByteClass.openParen || v[j] == 0x5B {
                    while j < e + 44 && v[j] != PIIByteClass.closeParen && v[j] != 0x5D && v[j] != PIIByteClass.newline && v[j] != 0 { j += 1 }
                    j += 1
                }
                while v[j] == 0x2A || v[j] == 0x5F { j += 1 }
                if v[j] == PIIByteClass.space { j += 1 }
                if v[j] == PIIByteClass.colon { return true }
            }
            k = e
        }
        return false
    }

    private static let agentWords: Set<[UInt8]> = Set(["agent", "agente", "support", "operator", "bot", "assistant", "advisor",
        "adviser", "rep", "staff", "mitarbeiter", "mitarbeiterin", "berater", "beraterin", "medewerker", "conseiller",
        "conseillère", "asesor", "asesora", "operador", "operadora"].map { Array($0.utf8) })

    private static let speakerWords: Set<[UInt8]> = Set(["customer", "client", "cliente", "clienta", "klant"].map { Array($0.utf8) })

    /// Whether a plural of `number` (`numbers`, `Nummern`, `nummers`, `numéros`, `números`, `numeros`) stands in the 120
    /// bytes before `pos`, not across a blank line.
    static func pluralNumberNounBefore(_ v: PIIByteView, before pos: Int) -> Bool {
        var k = pos - 1
        let floor = max(0, pos - 120)
        while k >= floor {
            if v[k] == PIIByteClass.newline && v[k - 1] == PIIByteClass.newline { return false }
            if !PIIByteClass.isAlpha(v[k - 1]) && v[k - 1] < 0x80 {
                for word in pluralNumberNouns where k + word.count <= pos
                    && (0..<word.count).allSatisfy({ PIIByteClass.lower(v[k + $0]) == word[$0] }) && !PIIByteClass.isAlpha(v[k + word.count]) {
                    return true
                }
            }
            k -= 1
        }
        return false
    }

    private static let pluralNumberNouns: [[UInt8]] = ["numbers", "nummern", "nummers", "numéros", "números", "numeros"].map { Array($0.utf8) }
}
