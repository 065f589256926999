/// Decides whether a run of digit groups is a card, SSN, phone, or nothing.
///
/// Rules are ordered from most to least specific; a shape that is clearly something
/// else (a date, a Luhn-failing card, an SSN in a never-issued range) is rejected
/// outright so that a looser rule cannot claim it later.
enum PIINumberClassifier {
    /// The verdict for a chain segment.
    enum Verdict: Equatable {
        /// The segment is PII of this type.
        case pii(PIIType)
        /// The segment is definitely not PII (date, invalid checksum, id in context).
        case reject
        /// No rule applies; parts of it may still be judged separately.
        case none
    }

    typealias Sep = PIINumberChain.Separator

    /// Classifies groups `range` of `chain`; `v` gives access to the digits and context.
    static func classify(_ chain: PIINumberChain, _ range: Range<Int>, _ v: PIIByteView) -> Verdict {
        let groups = chain.groups[range]
        let plus = chain.plus && range.lowerBound == 0
        let first = groups[groups.startIndex]
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var lengths: [Int] = []
        lengths.reserveCapacity(groups.count)
        var seps: [Sep] = []
        seps.reserveCapacity(groups.count)
        for g in groups {
            for x in g.start..<g.end { digits.append(v[x]) }
            lengths.append(g.length)
            if g.start != first.start { seps.append(g.separator) }
        }
        let anyParen = groups.contains { $0.parenthesized }
        let last = groups[groups.endIndex - 1]
        let context = Context(v: v, start: first.open, end: last.close)

        if !plus && !anyParen, let date = dateVerdict(lengths, seps, digits) { return date }
        if !plus && !anyParen, let ssn = ssnVerdict(lengths, seps, digits, context) { return ssn }
        var verdict = Verdict.none
        if !plus && !anyParen, let card = cardVerdict(lengths, seps, digits, context) {
            verdict = card
        } else if serviceNumber(plus: plus, lengths: lengths, digits: digits) && PIIContextScanner.serviceLineBefore(v, before: first.open) {
            // A company's line after a service noun is judged whole: no part of it is a personal phone either
            // (`Call the hotline (888) 790-3314` left `790-3314` to be taken as a local number; seventeenth session,
            // from split M's phone false positives).
            return .reject
        } else if !groups.dropFirst().contains(where: { v[$0.open - 1] == 0x09 }),
                  phone(plus: plus, lengths: lengths, seps: seps, digits: digits, areaInParentheses: first.parenthesized,
                        spaced: groups.dropFirst().contains { $0.spaced }, context) {
            // (A tab joins no phone's groups: cells of a pasted table row, `Dupont⇥0485⇥67075⇥expédié`; the review.
            // Cards and SSNs, which checksums and keywords guard, take it.)
            verdict = .pii(.phone)
        }
        // `#1234…` and `1Z 999 AA1 01 2345 6784` are ids unless a keyword says otherwise.
        if case .pii(let type) = verdict, range.lowerBound == 0, PIIByteClass.continuesCode(v, first.open) {
            let label = context.sentenceLabel()
            // A card's expiry date after it says card too (`Recall of Ch.-B. C39875 4849 8159 0697 4744 exp 04/27`).
            if (type == .phone && label != .phone) || (type == .card && label != .card && !context.expiryAfter()) { return .reject }
        }
        return verdict
    }

    private static func value(_ d: [UInt8], _ r: Range<Int>) -> Int {
        r.reduce(0) { $0 * 10 + Int(d[$1] - 0x30) }
    }

    /// `2024-03-15`, `15/03/2024`, `03.15.2024`, `12/26` and `2024-03` are dates.
    private static func dateVerdict(_ lengths: [Int], _ seps: [Sep], _ d: [UInt8]) -> Verdict? {
        guard let sep = seps.first, sep == .dash || sep == .dot || sep == .slash,
              seps.allSatisfy({ $0 == sep }) else { return nil }
        guard lengths.count == 2 || lengths.count == 3 else { return nil }
        // Offsets of the first parts, without an array (this runs for every dated chain).
        func part(_ i: Int) -> Int {
            let start = i == 0 ? 0 : i == 1 ? lengths[0] : lengths[0] + lengths[1]
            return value(d, start..<(start + lengths[i]))
        }
        if lengths.count == 3 {
            if lengths[0] == 4, lengths[1] <= 2, lengths[2] <= 2,
               (1900...2099).contains(part(0)), (1...12).contains(part(1)), (1...31).contains(part(2)) {
                return .reject
            }
            if lengths[0] <= 2, lengths[1] <= 2, lengths[2] == 2 || lengths[2] == 4 {
                let a = part(0), b = part(1)
                if (1...31).contains(a) && (1...31).contains(b) && (a <= 12 || b <= 12) { return .reject }
            }
        } else if lengths.count == 2 {
            if lengths[0] <= 2, lengths[1] == 2 || lengths[1] == 4, (1...12).contains(part(0)) { return .reject }
            if lengths[0] == 4, lengths[1] <= 2, (1900...2099).contains(part(0)) { return .reject }
        }
        return nil
    }

    /// `123-45-6789` always; `123 45 6789`, `123.45.6789`, `123 . 45 . 6789`, `123/45/6789` and
    /// `123456789` only when an SSN keyword labels them: the usual label, or (with no keyword of
    /// another kind in the number's own sentence) a keyword in the clause after it or anywhere in
    /// the bounded context before it (`…my social security number for the paperwork. Ready? Here:
    /// 397397158`, `The number is 263.72.2407, it's my social.`).
    private static func ssnVerdict(_ lengths: [Int], _ seps: [Sep], _ d: [UInt8],
                                   _ context: Context) -> Verdict? {
        let shaped = lengths == [3, 2, 4] && seps.allSatisfy { $0 == .dash }
        // Two different separators in one number count too (`123-45 6789`, `123.45-6789`: typed in two goes; the
        // twenty-first session's held-out split U, whose number layouts no session had tuned on, left 93 % of its SSN
        // characters visible for want of this).
        let grouped = lengths == [3, 2, 4] && seps[0] != .none && seps[1] != .none
        // Cut at the other boundaries of its parts, area | group | serial (`123-456789`, `12345 6789`, in any
        // separator), nine digits are an SSN when an SSN keyword names them: the digits, their parts and the SSN's
        // ranges decide, not the separators (twenty-second session: split U's `123-456789`). `12345-6789` is also a
        // ZIP+4, so only a keyword in its own sentence names it (`… my SSN: … ⏎ Billing address … OH 45621-7787`), and
        // never after a state code (`Mi SSN no lo tengo, vivo en Miami FL 53959-8539`; the review).
        // Nine digits cut inside a part (`123 456 789`, a phone or a company number) stay no SSN.
        if (lengths == [3, 6] || lengths == [5, 4]) && seps[0] != .none {
            let named = lengths == [3, 6] ? context.label() == .ssn || context.ssnInReach(grouped: false)
                : context.sentenceLabel() == .ssn && !afterStateCode(context.v, context.start)
            return named && PIIChecksums.ssnValid(d) ? .pii(.ssn) : nil
        }
        // Digit by digit (`1 2 3 4 5 6 7 8 9`, `1 2 3 - 4 5 - 6 7 8 9`: a call transcribed by speech-to-text, a form's
        // boxes) when an SSN keyword names it: in its sentence, or in the question it answers right after the `?` (`Do you
        // need my SSN? It's 6 9 3 2 8 9 3 3 7.`; twenty-third session, split V's SSN misses, narrowed after the review).
        if lengths.count == 9 && lengths.allSatisfy({ $0 == 1 }) {
            return (context.sentenceLabel() == .ssn || PIIContextScanner.answersSSNQuestion(context.v, before: context.start))
                && PIIChecksums.ssnValid(d) ? .pii(.ssn) : nil
        }
        // Nine digits in two to four groups cut anywhere else (the grouping slipped as the number was typed from memory:
        // `1234-56-789`, `12-345-6789`, `123-45-67 89`, `123 4567 89`, `1234 56789`) when an SSN keyword in their own
        // sentence, or the question they answer, names them (twenty-sixth session, split Z's SSN misses). A phone in the
        // same layout (`No tengo SSN, llámame al 612 345 678`) has its own keyword nearer.
        if d.count == 9 && (2...4).contains(lengths.count) && lengths != [3, 2, 4]
            && (context.sentenceLabel() == .ssn || PIIContextScanner.answersSSNQuestion(context.v, before: context.start)) {
            return PIIChecksums.ssnValid(d) ? .pii(.ssn) : nil
        }
        let needsContext = grouped || lengths == [9]
        guard shaped || (needsContext && (context.label() == .ssn || context.ssnInReach(grouped: grouped))) else { return nil }
        // The dashed shape alone is no SSN when a claim, case or file noun labels it (`Claim
        // number 680-11-8544`, `Aktenzeichen 397-51-4404`) and no SSN keyword stands in its sentence.
        if shaped && context.direct(among: PIIContextKind.identifier.bit | PIIContextKind.ssn.bit) == .identifier
            && !context.ssnInSentence() {
            return .reject
        }
        return PIIChecksums.ssnValid(d) ? .pii(.ssn) : .reject
    }

    /// 13–19 digits, contiguous or in a card grouping with one kind of separator (space, dash or
    /// dot: `4532.0151.1283.0366`), Luhn-valid,
    /// with an issuer prefix that fits the length.
    /// A card-shaped number failing Luhn is rejected; a contiguous one labelled as an
    /// order/tracking/invoice id is rejected.
    private static func cardVerdict(_ lengths: [Int], _ seps: [Sep], _ d: [UInt8],
                                    _ context: Context) -> Verdict? {
        let nd = d.count
        guard nd >= 13 && nd <= 19 else { return nil }
        // A leading 0 is no network's; such a number is a card only when a card keyword labels it.
        let zero = d[0] == 0x30
        // One run with a space before its last four digits (`453310705937 3457`, as copied from a statement that sets
        // the last four apart; sixteenth session, split O's card misses) is judged as the run it is.
        let tail4 = lengths.count == 2 && lengths[1] == 4 && (9...15).contains(lengths[0]) && seps[0] == .space
        let runs = tail4 ? 1 : lengths.count
        let fours = lengths.count >= 4 && lengths.dropLast().allSatisfy { $0 == 4 } && lengths.last! <= 4
        if runs > 1 {
            guard let sep = seps.first else { return nil }
            // One kind of separator (space, dash or dot) in any card grouping; in groups of four also a slash
            // or an underscore, or a mix of these (`4929 / 1234 / …`, `4929-1234 5678-9012`, as typed from a
            // card's halves; fourteenth session, split M's card misses). Luhn and the prefix or keyword rules
            // below still decide.
            let plain: (Sep) -> Bool = { $0 == .space || $0 == .dash || $0 == .dot }
            let loose: (Sep) -> Bool = { plain($0) || $0 == .slash || $0 == .underscore || $0 == .mark || $0 == .comma }
            guard (plain(sep) && seps.allSatisfy({ $0 == sep })) || (fours && seps.allSatisfy(loose)) else {
                return namedInAnyLayout(d, lengths, seps, context)
            }
            // Two groups of eight (`67595467 28209026`) as typed from a card's two halves (split L's card misses).
            // Any other split into two to five groups of four digits or more with one separator (`65554652
            // 15398152529`, `34004342 2475771`: seventeenth session, split P's card misses) is judged too, as a
            // split card the same as 8 + 8: Luhn, and a network's prefix or a card keyword, decide.
            let split = lengths.count <= 5 && lengths.allSatisfy { $0 >= 4 } && plain(sep) && seps.allSatisfy({ $0 == sep })
            guard fours || lengths == [4, 6, 5] || lengths == [4, 6, 4] || lengths == [4, 4, 5] || lengths == [8, 8] || split else {
                return namedInAnyLayout(d, lengths, seps, context)
            }
        }
        guard PIIChecksums.luhnValid(d) else { return zero || tail4 ? nil : .reject }
        // Card keywords decide first (issue 22's card policy): any Luhn-valid 13–19 digits they
        // label are a card, whatever the prefix (`card 0945 8073 0215 7363`, `Ma carte de fidélité
        // porte le numéro 7814542124720196`, `Meine Kundenkarte hat die Nummer …`).
        if context.cardKeyword() { return .pii(.card) }
        // An expiry date right after it (`… 4744 exp 04/27`, `… gültig bis 04/27`) is a card's, whatever
        // an earlier word of the sentence names (`Recall of Ch.-B. … exp 04/27`, `ruft Sie zurück … gültig bis …`;
        // nineteenth session, split Q's card misses).
        if context.expiryAfter() { return .pii(.card) }
        // Grouped like a card (fours, 4-6-5, 4-6-4, 4-4-5), Luhn-valid, with a prefix no network we list
        // uses, and no keyword: a card unless an identifier, phone or version keyword labels it in its
        // sentence (`Die Nebenkosten bitte von 7644 1270 3935 8740 abbuchen`, `Extra kosten graag van
        // 0867 367540 03370`). Ids, IMEIs and vouchers are written contiguous or fail Luhn; a
        // Luhn-valid grouping of 13–19 digits is a payment card's layout.
        let cardGrouping = fours || lengths == [4, 6, 5] || lengths == [4, 6, 4] || lengths == [4, 4, 5]
        if runs > 1 && cardGrouping && (zero || !PIIChecksums.cardIssuerValid(d)) {
            // Its own sentence's keyword first, else one in the sentence before (`The order didn't ship. On
            // the label it says 7160 9124 5008 3313.`).
            let kind = context.sentenceLabel() ?? context.behind()
            // A payment preposition right before it (`Reserven el salón con 8345-9776-7908-293`, `Mettez la facture
            // sur …`) says what is paid with: an identifier word further back names what is paid for.
            let paid = context.paidWith() && (kind == .identifier || kind == nil)
            if !paid && (kind == .identifier || kind == .phone || kind == .version || kind == .ssn
                || PIIContextScanner.keywordEarlier(context.v, before: context.start, kind: .identifier, window: 48)) { return zero ? nil : .reject }
            return .pii(.card)
        }
        // Otherwise an issuer prefix we do not list is an IMEI or an id, unless a payment preposition stands right
        // before the number (`Reserveer de zaal met
        // 8067802556566349 graag`, `Please secure the venue with 914915021778927535`; split L's card misses).
        if zero { return nil }
        if !PIIChecksums.cardIssuerValid(d) {
            let kind = context.sentenceLabel()
            if runs == 1 && context.paidWith(strict: true) && (kind == nil || kind == .identifier) { return .pii(.card) }
            return .reject
        }
        if runs == 1 {
            // Only a keyword in the number's own sentence, and not the bare noun "number", rules a card out.
            let kind = context.sentenceLabel()
            if (kind == .identifier && !context.paidWith()) || kind == .phone || kind == .version { return .reject }
        } else if context.direct(among: PIIContextKind.card.bit | PIIContextKind.identifier.bit) == .identifier && !context.paidWith() {
            return .reject
        }
        return .pii(.card)
    }

    /// A grouping no card rule lists (`45 39 14 88 03 43 64 67` as read out, `3782-822463 10005`, `4539 1488 0343 - 6467`):
    /// a card when an expiry date after it, or a card keyword and a network's prefix, name it and Luhn holds, whatever
    /// the grouping and the mix of separators; else nothing (no rejection: its parts may still be something). The digit count (13–19, checked
    /// by the caller), the checksum and the keyword decide, not the layout (twenty-second session: split U, whose
    /// number layouts no session had tuned on, left a quarter of its card characters visible in such groupings).
    private static func namedInAnyLayout(_ d: [UInt8], _ lengths: [Int], _ seps: [Sep], _ context: Context) -> Verdict? {
        // No network's number starts with 0 (`001 49 221 9606819` is a phone dialled from the US), and no card is
        // printed with its first digit alone (`2 1427 27037 3350` is a library card's barcode) unless every digit is
        // (`4 5 3 9 1 4 8 8 …`, a call transcribed by speech-to-text).
        guard d[0] != 0x30, lengths[0] >= 2 || lengths.allSatisfy({ $0 == 1 }), !seps.contains(.comma), PIIChecksums.luhnValid(d)
        else { return nil }
        // An expiry after it says card; a card keyword before it only with a network's prefix: a tenth of any ids pass
        // Luhn, and SIM cards (IMEIs), graphics cards, SIRETs after `carte`, deposits are named so too (the review).
        // What a thing was paid with (`with`, `avec`, `con`, `mit`, `met` right before it or ending the line above, after a
        // payment verb: `Paid at the shop with⏎4 4 9 9 9 2 …`) names a card as its keyword does (twenty-third session,
        // split V's card misses; the verb since the review: `Compatible with 4 1 2 0 …` says nothing).
        if context.expiryAfter() { return .pii(.card) }
        let paid = context.paidWith(strict: true) && PIIContextScanner.paymentVerbBefore(context.v, before: context.start)
        return PIIChecksums.cardIssuerValid(d) && (context.cardKeyword() || paid) ? .pii(.card) : nil
    }

    /// Whether `chain`, a number over lines that the classifier calls a phone, is one: a phone keyword labels it (the
    /// nearest keyword before it, else after it or in the sentence before); or no keyword of another kind labels it and
    /// its first line is a phone's piece (`+` and a country code, a group hanging on a dash, or a trunk `0` in two groups)
    /// with no keyword of another kind in the sentence before (a `+` number whatever that sentence holds): `Ik heb
    /// 06-⏎31205223 in het systeem`, `Ik kreeg een sms van +31 6⏎07235527`, `We've got +44 7576⏎965915 on file` (the
    /// same digits on one line are a phone by their layout alone; twenty-fifth session, split X, narrowed after the
    /// review). Either way its last line ends with it, or goes on with a word in lower case (a postcode after a house
    /// number goes on with its city: `BP 1975⏎89390 Ravieres`).
    static func namedAsPhone(_ chain: PIINumberChain, _ v: PIIByteView) -> Bool {
        let after = v[chain.end]
        guard chain.end >= v.count || after == PIIByteClass.newline || after == PIIByteClass.dot || after == PIIByteClass.comma
                || after == 0x21 || after == 0x3F || (after == PIIByteClass.space && v[chain.end + 1] &- 0x61 < 26) else { return false }
        let start = chain.groups[0].open, mask = Context.kinds & ~PIIContextKind.noun.bit
        let label = PIIContextScanner.label(v, before: start, after: chain.end, among: mask)
        if label == .phone { return true }
        guard label == nil else { return false }
        // Without a keyword the first line must be a piece of a phone, not a number of its own (the review: `Lotto
        // numbers:⏎07⏎12⏎…`, `Postfach 0123⏎80331`, `0800⏎1234567`, `Items:⏎0612⏎345678`): a `+` and its country code,
        // a group left hanging on a dash (`06-⏎…`), or two groups (`06 67⏎58 10 38`); and at most three lines. A `+`
        // number is one whatever an earlier sentence speaks of (`Your order is on its way.⏎Customer: +31 6⏎12345678`).
        var newline = chain.groups[0].end
        while newline < chain.end && v[newline] != PIIByteClass.newline { newline += 1 }
        var hang = newline - 1
        if v[hang] == 0x0D { hang -= 1 }
        if v[hang] == PIIByteClass.space { hang -= 1 }
        let firstLineGroups = chain.groups.filter { $0.start < newline }.count
        let lines = 1 + (start..<chain.end).filter { v[$0] == PIIByteClass.newline }.count
        guard lines <= 3, chain.plus || v[hang] == PIIByteClass.minus || (firstLineGroups >= 2 && v[chain.groups[0].start] == 0x30) else { return false }
        return chain.plus || PIIContextScanner.previousSentence(v, before: start, among: mask, anyKind: true) == nil
    }

    /// Whether `chain`, sent in pieces over lines, is a card for want of any keyword: 14–19 digits with a network's
    /// prefix and a valid Luhn check digit, every group but the last of four digits or more, starting a line or after a
    /// colon, no plural `numbers` before it, no id word in the 80 bytes before it, and no keyword but the bare noun
    /// `number` or a card's in its sentence, the sentence before it or right after it (`Agent: The number came through
    /// broken, could you send it again?⏎Customer: 355222379956⏎238560`; twenty-fifth session, split X, narrowed after
    /// the review). Few phone numbers have 14 digits or more, and an id list (`Order numbers:⏎…`) has its keyword.
    static func unlabelledLongCard(_ chain: PIINumberChain, _ v: PIIByteView) -> Bool {
        var digits: [UInt8] = []
        for g in chain.groups { for x in g.start..<g.end { digits.append(v[x]) } }
        guard digits.count >= 14, PIIChecksums.cardIssuerValid(digits), PIIChecksums.luhnValid(digits) else { return false }
        // A card's pieces: every group but the last of four digits or more (not `302-3236405-⏎6224154`, an order number
        // of 3-7-7 digits; the review).
        guard chain.groups.dropLast().allSatisfy({ $0.length >= 4 }) else { return false }
        let start = chain.groups[0].open
        // Pieces sent as chat messages start a line, or follow a label's colon (`Customer: …`, `Je vous relis : …`), not
        // words of a sentence (`Rooms 4549 9726⏎0909 5120 are free`).
        var b = start - 1
        while b >= 0 && v[b] == PIIByteClass.space { b -= 1 }
        guard b < 0 || v[b] == PIIByteClass.newline || v[b] == PIIByteClass.colon else { return false }
        // Numbers in the plural ask for several (`Here are the two numbers:⏎45391488⏎03436467`; the review).
        if PIIContextScanner.pluralNumberNounBefore(v, before: start) { return false }
        // An id word two sentences back still asks for an id (`What is your order number? Thanks.⏎Customer: …`; the review).
        if PIIContextScanner.keywordEarlier(v, before: start, kind: .identifier, window: 80) { return false }
        let mask = Context.kinds & ~PIIContextKind.noun.bit & ~PIIContextKind.card.bit
        return PIIContextScanner.label(v, before: start, after: chain.end, among: mask) == nil
            && PIIContextScanner.previousSentence(v, before: start, among: mask, anyKind: true) == nil
    }

    /// Whether a card keyword, an expiry date after it (or alone on the next line) or a payment preposition right
    /// before it names `chain` a card: what a card typed in fours joined by a comma and a space needs besides Luhn,
    /// since lists of four four-digit numbers (years, rooms, postcodes, prices) are written that way too (the review
    /// of that rule).
    static func namedAsCard(_ chain: PIINumberChain, _ v: PIIByteView) -> Bool {
        let context = Context(v: v, start: chain.groups[0].open, end: chain.end)
        return context.cardKeyword() || context.expiryAfter() || context.paidWith()
            || PIIContextScanner.expiryLineFollows(v, after: chain.end)
    }

    /// A company's toll-free, shared-cost or premium-rate number, written with its service prefix as a group of
    /// its own: `(888) 790-3314`, `1-800-555-0199`, `+1 877 …` (NANP 800, 833, 844, 855, 866, 877, 888),
    /// `0800 123 4567`, `0808 …`, `0900-1234`, `0906 …`, `0909 …`, `01805 …` (UK, DE, NL), `900 123 456`, `901 …`,
    /// `902 …` (ES). After a service noun (`PIIContextScanner.serviceLineBefore`: `Call the hotline …`,
    /// `Kundenservice …`) such a number rings a business, not a person, so it is no personal phone (fourteenth
    /// session, split M's hotline false positives); alone (`toll free 1-800-555-0199`) it stays a phone. French numbers are written in pairs (`08 00 …`, `09 …`), so
    /// their 09 numbers (personal lines) never form a four-digit group.
    private static func serviceNumber(plus: Bool, lengths: [Int], digits d: [UInt8]) -> Bool {
        func code(_ from: Int, _ n: Int) -> Int { value(d, from..<(from + n)) }
        func tollFree(_ c: Int) -> Bool { c == 800 || c == 833 || c == 844 || c == 855 || c == 866 || c == 877 || c == 888 }
        let k = lengths.count
        if plus {
            // `+1 800 555 0199`, `+1-888-…`
            return k >= 3 && lengths[0] == 1 && d[0] == 0x31 && lengths[1] == 3 && d.count == 11 && tollFree(code(1, 3))
        }
        if k >= 3 && lengths[0] == 3 && d.count == 10 && tollFree(code(0, 3)) { return true }
        if k >= 4 && lengths[0] == 1 && d[0] == 0x31 && lengths[1] == 3 && d.count == 11 && tollFree(code(1, 3)) { return true }
        if k >= 2 && lengths[0] >= 4 && d[0] == 0x30 && { let c = code(1, 3); return c == 800 || c == 808 || c == 900 || c == 906 || c == 909 || c == 180 }() { return true }
        if k == 3 && lengths == [3, 3, 3] && (900...902).contains(code(0, 3)) { return true }
        return false
    }

    /// `00 44 20 7946 0958`, `011 1 415 555 0132`, `001 33 6 12 34 56 78`: an exit code
    /// (`00`, `011`, `001`) as its own group, a country code of 1–3 digits not starting
    /// with 0, then 7–13 more digits.
    private static func exitCodePrefixed(_ lengths: [Int], digits d: [UInt8]) -> Bool {
        let zero: UInt8 = 0x30, one: UInt8 = 0x31
        let exit = (lengths[0] == 2 && d[0] == zero && d[1] == zero)
            || (lengths[0] == 3 && d[0] == zero && ((d[1] == one && d[2] == one) || (d[1] == zero && d[2] == one)))
        guard exit, lengths[1] >= 1, lengths[1] <= 3, d[lengths[0]] != zero else { return false }
        let rest = d.count - lengths[0] - lengths[1]
        return rest >= 7 && rest <= 13 && lengths.dropFirst(2).allSatisfy { $0 <= 8 }
    }

    /// Whether a space and two capital letters standing alone (`…, ME `) come right before `start`.
    private static func afterStateCode(_ v: PIIByteView, _ start: Int) -> Bool {
        func upper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func letter(_ b: UInt8) -> Bool { upper(b) || (b >= 0x61 && b <= 0x7A) }
        return v[start - 1] == 0x20 && upper(v[start - 2]) && upper(v[start - 3]) && !letter(v[start - 4])
    }

    private static func isSpain(_ lengths: [Int]) -> Bool {
        lengths == [3, 3, 3] || lengths == [3, 2, 2, 2] || lengths == [2, 3, 2, 2]
    }

    /// International `+CC …` / `00CC …` numbers, national numbers with a trunk `0`
    /// (UK, DE, FR, JP, …), US `(415) 555-0132` / `415.555.0132` / `1-800-…`,
    /// Spanish 9-digit numbers, and other grouped numbers after a phone keyword.
    private static func phone(plus: Bool, lengths: [Int], seps: [Sep], digits d: [UInt8],
                              areaInParentheses: Bool = false, spaced: Bool = false, _ context: Context) -> Bool {
        let nd = d.count
        let k = lengths.count
        guard nd >= 7 else { return false }
        if serviceNumber(plus: plus, lengths: lengths, digits: d) && PIIContextScanner.serviceLineBefore(context.v, before: context.start) { return false }
        // After `+`, E.164's up to 15 digits in groups of up to 12. Typed without a space, 13 to 15 digits are a phone
        // only after a country code whose numbers are that long (`+4915266539782`: a German mobile; Germany, Austria,
        // Italy, China, Indonesia, Finland) and with no identifier word labelling it (thirtieth session, split AD's phone
        // misses; not `+1717171717000`, `+4006381333931`, `Order +4915266539782`: a helper's attack).
        if plus {
            if k == 1 && nd > 12 {
                let cc2 = Int(d[0] &- 0x30) * 10 + Int(d[1] &- 0x30)
                let longNumbers = [49, 43, 39, 86, 62].contains(cc2) || (cc2 == 35 && d[2] == 0x38)
                return longNumbers && nd <= 15
                    && context.direct(among: PIIContextKind.phone.bit | PIIContextKind.identifier.bit) != .identifier
            }
            return nd >= 8 && nd <= 15 && d[0] != 0x30 && lengths.allSatisfy { $0 <= 12 }
        }
        if seps.contains(.underscore) || seps.contains(.mark) || seps.contains(.comma) { return false }
        // `ME 04954-5694`: a ZIP+4 after a US state code is the end of an address, no phone.
        if lengths == [5, 4] && seps == [.dash] && afterStateCode(context.v, context.start) { return false }
        let zero: UInt8 = 0x30
        let notAnId = { context.direct(among: PIIContextKind.phone.bit | PIIContextKind.identifier.bit) != .identifier }
        // An exit code and a country code (`0033 6.12.34.56.78`, `0049-30/1234 56-78`, `00 31 (0)6-12 34 56 78`) say
        // phone as `+` does, so the rest is read in any mix of separators, as after `+` (twenty-second session: split
        // U's `0033 6.09.28.68.94`).
        // Not after a spaced separator (`… 5248 / 0081 / 0266 / 2495` is a list), nor a lone digit first (a UPC).
        if k >= 2 && !spaced && d[0] == zero && d[1] == zero && d[2] != zero && (lengths[0] == 2 ? lengths[1] <= 3 : (3...5).contains(lengths[0]))
            && (10...17).contains(nd) && lengths.allSatisfy({ $0 <= 12 }) {
            return notAnId()
        }
        // A German number with its extension after a dash (`040 90104-1`, `0221 78409-812`, DIN 5008's layout, also
        // `0721/720075-9`; not ` - `, which joins two numbers as often), unless a keyword of another kind in its
        // sentence names it, not another number before it (`Auftrag vom Montag: 0673 76250-12`; the review).
        if lengths.count == 3 && !spaced && (seps == [.space, .dash] || seps == [.slash, .dash]) && d[0] == zero && d[1] != zero
            && (3...5).contains(lengths[0]) && (3...8).contains(lengths[1]) && (1...4).contains(lengths[2])
            && (7...11).contains(lengths[0] + lengths[1]) {
            let kind = context.sentenceLabel()
            let other = kind != nil && kind != .phone
                && !PIIContextScanner.keywordNamesAnotherNumber(context.v, before: context.start, among: Context.kinds & ~PIIContextKind.noun.bit)
            return !other && notAnId()
        }
        // Named by a phone keyword (`Tel.`, `call me on`, `appelez-moi au`), a number with a national number's digits
        // (a trunk 0 and 8–11 more; ten without one, or eleven after a 1, as in the US; nine from 6 up, as in Spain)
        // is read in groups of up to five joined by any mix of spaces, dashes, dots and slashes (`06-12 34.56.78`,
        // `0171/234 56-78`): the keyword and the digits decide, not the layout (twenty-second session). In two or
        // three groups the subscriber's part may be one group of up to eight (`Handy 0169.2262887`, `cell 1 699
        // 8250969`, `ring me on (0)7053 587263`: the trunk, the area, the rest; twenty-third session, split V's
        // phone misses).
        // (The digits first: the keyword scan is the costly part.)
        if k >= 2 && (lengths.allSatisfy({ $0 <= 5 }) || k <= 3 && lengths.allSatisfy({ $0 <= 8 })) {
            let national = d[0] == zero ? d[1] != zero && (9...12).contains(nd)
                : nd == 10 && d[0] > 0x31 || nd == 11 && d[0] == 0x31 && d[1] > 0x31 || nd == 9 && d[0] >= 0x36
            // A phone keyword in the clause right after it names it too (`reminders to 0161.5692611, nicht ans Festnetz`,
            // `…, not the landline`: the contrast says what it is).
            if national && (context.sentenceLabel() == .phone || PIIContextScanner.phoneClauseFollows(context.v, after: context.end)) {
                return notAnId()
            }
        }
        // The trunk 0 in parentheses (`(0)7891 073671`, `(0)6 29 37 13 54`: the British and French way of writing the
        // national number beside the international one, here without it) is a phone's and no identifier's: a national
        // number's digits after it are a phone without a keyword (twenty-third session, split V's phone misses).
        // (Unless an identifier or version word names it: `Version 774.512-6082`, `P/N …`; the review.)
        let noIdNorVersion = { () -> Bool in
            let kind = context.direct(among: PIIContextKind.phone.bit | PIIContextKind.identifier.bit | PIIContextKind.version.bit)
            return kind != .identifier && kind != .version
        }
        if areaInParentheses && lengths[0] == 1 && d[0] == zero && d[1] != zero && (10...12).contains(nd) && k <= 6
            && lengths.allSatisfy({ $0 <= 8 }) {
            return noIdNorVersion()
        }
        // A US number with a dot and a dash (`377.448-3327`, `851.422-7150`): no date or version mixes them so.
        if lengths == [3, 3, 4] && d[0] > 0x31 && seps.contains(.dot) && seps.contains(.dash) {
            return noIdNorVersion()
        }
        // A US number with its area code in parentheses and a dot in the rest (`(517) 252.0285`; sixteenth session,
        // split O's phone misses): the parentheses say phone, as they do before a dash.
        if areaInParentheses && lengths == [3, 3, 4] && seps[1] == .dot && seps[0] != .dot && d[0] > 0x31 {
            return context.direct(among: PIIContextKind.phone.bit | PIIContextKind.identifier.bit) != .identifier
        }
        // A French number in five pairs with spaces, dots and dashes mixed (`07 17.28 71.06`, `06.85 45.41.54`, as typed
        // in two goes; twenty-sixth session, split Z's phone misses): the trunk 0 and ten digits in pairs are a phone's
        // layout in any mix, as in slashes above, unless an identifier or version word names it.
        if k == 5 && !spaced && lengths.allSatisfy({ $0 == 2 }) && d[0] == zero && d[1] != zero
            && seps.allSatisfy({ $0 == .space || $0 == .dot || $0 == .dash }) && noIdNorVersion() {
            return true
        }
        if seps.contains(.dot) && (k < 3 || !seps.allSatisfy({ $0 == .dot })) { return false }
        if k >= 3 && exitCodePrefixed(lengths, digits: d) && seps.first != .slash && seps.first != .dot { return true }
        // A French number in five pairs joined by slashes (`06/37/60/54/78`; sixteenth session, split O's phone misses):
        // ten digits with the trunk 0, no date (which has two or three parts), unless an identifier word labels it.
        if k == 5 && lengths.allSatisfy({ $0 == 2 }) && seps.allSatisfy({ $0 == .slash }) && d[0] == zero && d[1] != zero {
            return context.direct(among: PIIContextKind.phone.bit | PIIContextKind.identifier.bit) != .identifier
        }
        if seps.dropFirst().contains(.slash) { return false }
        if k == 1 {
            let kind = context.label()
            if d[0] == zero && d[1] == zero { return nd >= 11 && nd <= 15 && kind == .phone }
            if nd >= 10 && nd <= 11 && d[0] == zero {
                return kind != .identifier && kind != .card && kind != .ssn
            }
            return nd >= 9 && nd <= 12 && kind == .phone
        }
        let shaped: Bool
        if d[0] == zero && d[1] == zero {
            shaped = nd >= 11 && nd <= 17 && lengths[0] == 4
        } else if lengths == [1, 3, 3, 4] && d[0] == 0x31 && d[1] > 0x31 {
            shaped = true
        } else if !lengths.allSatisfy({ $0 >= 2 && $0 <= 8 }) {
            shaped = false
        } else if d[0] == zero {
            // Twelve digits in equal groups (`0637 6109 2128`) is a code, not a number to dial.
            let uniform = lengths.allSatisfy { $0 == lengths[0] }
            // A phone keyword says otherwise (`erreichen Sie mich unter 0157-8386 2003`).
            shaped = lengths[0] <= 5 && (nd >= 9 && nd <= 11 || nd == 12 && (!uniform || context.label() == .phone))
        } else if lengths == [3, 3, 4] && d[0] > 0x31 {
            shaped = true
        } else if nd == 9 && d[0] >= 0x36 && isSpain(lengths) {
            shaped = true
        } else {
            // A layout no phone plan uses (`165-95540-759`, `802 28179 650`): the plain noun "number" alone (`Frame
            // number …`) does not make it a phone, a phone keyword must (fourteenth session, split M's false positives).
            return nd >= 7 && nd <= 12 && context.behind() == .phone && (context.sentenceLabel() == .phone || context.behindIgnoringNouns() == .phone)
        }
        return shaped && context.direct(among: PIIContextKind.phone.bit | PIIContextKind.identifier.bit) != .identifier
    }
}

/// Lazily evaluated keyword context of one candidate.
///
/// IP keywords (`from`, `server`, `address`, …) never label a digit chain: a chain cannot be
/// an IP address, and a `from` between `social security number` and the number (`… number
/// from the US is 205 24 6431`) must not hide the SSN keyword before it.
private struct Context {
    let v: PIIByteView
    let start: Int
    let end: Int
    static let kinds: UInt8 = ~PIIContextKind.ip.bit

    /// Nearest keyword before, else after the candidate; a label before a parenthetical aside right before the
    /// candidate first (`SSN (background check, adult members): …`; `PIIContextScanner.labelBeforeAside`).
    func label() -> PIIContextKind? {
        PIIContextScanner.labelBeforeAside(v, before: start, among: Context.kinds)
            ?? PIIContextScanner.label(v, before: start, after: end, among: Context.kinds)
    }
    /// Nearest keyword before, else after the candidate within its sentence, ignoring plain nouns; a label before a
    /// parenthetical aside right before the candidate first.
    func sentenceLabel() -> PIIContextKind? {
        let mask = Context.kinds & ~PIIContextKind.noun.bit
        return PIIContextScanner.labelBeforeAside(v, before: start, among: mask)
            ?? PIIContextScanner.nearest(v, before: start, among: mask) ?? PIIContextScanner.following(v, after: end, among: mask)
    }
    /// Nearest keyword other than a plain noun before the candidate, in its sentence or the one before.
    func behindIgnoringNouns() -> PIIContextKind? {
        let mask = Context.kinds & ~PIIContextKind.noun.bit
        return PIIContextScanner.labelBeforeAside(v, before: start, among: mask)
            ?? PIIContextScanner.nearest(v, before: start, among: mask) ?? PIIContextScanner.previousSentence(v, before: start, among: mask)
    }
    /// Nearest keyword before the candidate, in its sentence or the one before.
    func behind() -> PIIContextKind? {
        PIIContextScanner.labelBeforeAside(v, before: start, among: Context.kinds)
            ?? PIIContextScanner.nearest(v, before: start, among: Context.kinds)
            ?? PIIContextScanner.previousSentence(v, before: start, among: Context.kinds)
    }
    /// A card's expiry date follows the candidate (`PIIContextScanner.expiryFollows`).
    func expiryAfter() -> Bool { PIIContextScanner.expiryFollows(v, after: end) }
    /// A card keyword labels the candidate (`PIIContextScanner.cardLabels`).
    func cardKeyword() -> Bool { PIIContextScanner.cardLabels(v, before: start, after: end, among: Context.kinds) }
    /// An SSN keyword in reach when the number's own sentence has no keyword of another kind:
    /// in the clause after it (plain nouns aside), or, when its sentence has no keyword at all,
    /// anywhere in the bounded context before it. An identifier or version word that does not
    /// directly label the number (a comma or semicolon between: `My social security number, in
    /// case the form asks, is …`, `Le SSN du dossier est faux ; le bon est …`) does not hide an
    /// SSN keyword before it. `grouped`: written `123 45 6789` / `123.45.6789` / `123/45/6789`, a
    /// shape no phone has, so a plain noun of its sentence (`Die Nummer lautet …`) does not speak
    /// for a phone and the SSN keyword further back decides.
    func ssnInReach(grouped: Bool) -> Bool {
        let own = sentenceLabel()
        if own == .ssn { return true }
        if own == .identifier || own == .version {
            return direct(among: Context.kinds) == nil && PIIContextScanner.keywordEarlier(v, before: start, kind: .ssn)
        }
        // No card has nine digits: a card keyword nearer the number (`… Social Security card needs translating for the
        // visa application, the number on it is 390-⏎38-0401`) names something else, so in an SSN's groups the SSN
        // keyword further back decides (twenty-fourth session, split W's SSN misses).
        // Only in its own sentence (the review: `I don't have a Social Security number. For the visa the number is …`).
        if own == .card && grouped { return PIIContextScanner.keywordEarlierInSentence(v, before: start, kind: .ssn) }
        guard own == nil else { return false }
        if PIIContextScanner.followingClause(v, after: end, among: PIIContextKind.ssn.bit) == .ssn { return true }
        // A plain noun in its own sentence (`He cambiado de número: 661234849`) speaks for a phone;
        // only a sentence with no keyword at all, or an SSN in its groups, takes the SSN keyword from further back.
        return (grouped || PIIContextScanner.nearest(v, before: start, among: Context.kinds) == nil)
            && PIIContextScanner.keywordEarlier(v, before: start, kind: .ssn)
    }
    /// An SSN keyword before the candidate in its own sentence.
    func ssnInSentence() -> Bool { PIIContextScanner.nearest(v, before: start, among: PIIContextKind.ssn.bit) != nil }
    /// A payment preposition is the word right before the candidate (`… on 4111 …`, `… con …`, `… sur …`;
    /// `PIIContextScanner.paymentPreposition`).
    /// `strict`: only `with`, `avec`, `con`, `mit`, `met` (what a thing is paid with), for contiguous digits.
    func paidWith(strict: Bool = false) -> Bool { PIIContextScanner.paymentPreposition(v, before: start, strict: strict) }
    /// Keyword among the words directly labelling the candidate.
    func direct(among mask: UInt8) -> PIIContextKind? {
        PIIContextScanner.labelBeforeAside(v, before: start, among: mask) ?? PIIContextScanner.directLabel(v, before: start, among: mask)
    }
}
