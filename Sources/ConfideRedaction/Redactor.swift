/// Finds PII in chat messages and replaces it with typed, numbered placeholders.
///
/// Transcripts are stored encrypted, but operators may not want PII stored at all, and
/// analytics needs de-identified text that still reads as a conversation: `[EMAIL_1]`
/// stays the same person's address across every message of a session.
public struct Redactor: Sendable {
    /// The PII types this redactor reports and replaces; others are left as written.
    ///
    /// Lets an operator, say, keep phone numbers visible for a call-back workflow.
    public let types: Set<PIIType>

    /// Creates a redactor for `types` (all types by default).
    ///
    /// Detection always runs for every type so that, for instance, digits inside an
    /// e-mail address are never reported as a phone; `types` only filters the result.
    public init(types: Set<PIIType> = Set(PIIType.allCases)) {
        self.types = types
        self.usesPersonModel = true
    }

    /// Whether PERSON spans of `PersonTokenModel` are added to the rules' matches; the
    /// training export and the tests that measure the rules alone turn it off.
    let usesPersonModel: Bool

    init(types: Set<PIIType> = Set(PIIType.allCases), usesPersonModel: Bool) {
        self.types = types
        self.usesPersonModel = usesPersonModel
    }

    /// The PII spans in `text`, sorted and non-overlapping, in Unicode scalar offsets.
    ///
    /// Callers that only need to know where PII is (highlighting, audits) need not
    /// build a redacted copy.
    public func findSpans(in text: String) -> [PIISpan] {
        var copy = text
        return copy.withUTF8 { buffer in
            let original = PIIByteView(base: buffer)
            guard let folded = PIITextFolding.fold(original) else {
                return scalarSpans(original, detect(original))
            }
            return folded.bytes.withUnsafeBufferPointer { foldedBuffer in
                let view = PIIByteView(base: foldedBuffer)
                return scalarSpans(view, detect(view))
            }
        }
    }

    /// Replaces spans by placeholders. `valueKey` maps (type, normalized value) to the key stored in `numbering`; the caller may pass a keyed hash so the persisted numbering state holds no PII. Default: "TYPE:normalized".
    ///
    /// Names: each part of a detected name is also recorded (under `valueKey(.person, "~part")`),
    /// so a later "Ana" or "Mr. Souza" gets the number of "Ana Souza", and a capitalized word
    /// equal to a recorded part is replaced even where the detector alone would not call it
    /// a name. `findSpans` has no session and does not do this.
    ///
    /// Returns the redacted text and the replaced spans in scalar offsets of the *input*.
    /// Normalized values: e-mail lowercased; phone, card and SSN digits only (a `(0)`
    /// trunk in an international number dropped); IBAN alphanumerics uppercased;
    /// IPv4 without zero padding; IPv6 fully expanded and lowercased. Full-width digits count as
    /// their ASCII forms.
    public func redact(_ text: String, numbering: inout PlaceholderNumbering,
                       valueKey: (PIIType, String) -> String = { $0.rawValue + ":" + $1 })
        -> (text: String, spans: [PIISpan]) {
        var copy = text
        return copy.withUTF8 { buffer in
            let original = PIIByteView(base: buffer)
            guard let folded = PIITextFolding.fold(original) else {
                return replace(original, original, detect(original), folding: nil, &numbering, valueKey) ?? (text, [])
            }
            return folded.bytes.withUnsafeBufferPointer { foldedBuffer in
                let view = PIIByteView(base: foldedBuffer)
                return replace(original, view, detect(view), folding: folded, &numbering, valueKey) ?? (text, [])
            }
        }
    }

    /// Builds the redacted text: `matches` are byte ranges in `view` (the folded text, or the
    /// original when `folding` is nil); `folding` maps them back to bytes of `original`.
    private func replace(_ original: PIIByteView, _ view: PIIByteView, _ detected: [PIIRawMatch],
                         folding: PIITextFolding?,
                         _ numbering: inout PlaceholderNumbering,
                         _ valueKey: (PIIType, String) -> String) -> (text: String, spans: [PIISpan])? {
        var matches = detected
        if types.contains(.person) && (numbering.counters[PIIType.person.rawValue] ?? 0) > 0 {
            matches = PersonAliases.addKnownParts(view, matches, numbering, valueKey)
        }
        if matches.isEmpty { return nil }
        let buffer = original.base
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count + 16)
        var cursor = 0
        for match in matches {
            let start = folding?.original(match.start) ?? match.start
            let end = folding?.original(match.end) ?? match.end
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[cursor..<start]))
            let value = PIINormalizer.normalize(match.type, view, match.start..<match.end)
            let number = match.type == .person
                ? PersonAliases.number(for: value, &numbering, valueKey)
                : numbering.number(for: match.type, valueKey: valueKey(match.type, value))
            appendPlaceholder(match.type, number, to: &out)
            cursor = end
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[cursor..<buffer.count]))
        return (String(decoding: out, as: UTF8.self), scalarSpans(view, matches))
    }

    /// Parses a comma-separated list of type names such as `"EMAIL,PHONE"` or `"email, phone"`.
    ///
    /// Used for configuration and CLI flags; an unknown name throws
    /// `RedactionError.unknownType` naming it, rather than being silently ignored.
    public static func parseTypes(_ list: String) throws -> Set<PIIType> {
        var result = Set<PIIType>()
        for token in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = token.trimmingWhitespace()
            if name.isEmpty { continue }
            guard let type = PIIType(rawValue: name.uppercased()) else {
                throw RedactionError.unknownType(name)
            }
            result.insert(type)
        }
        if result.isEmpty { throw RedactionError.emptyTypeList }
        return result
    }

    /// Appends `[TYPE_N]` without building an intermediate string.
    private func appendPlaceholder(_ type: PIIType, _ number: Int, to out: inout [UInt8]) {
        out.append(0x5B)
        out.append(contentsOf: type.rawValue.utf8)
        out.append(0x5F)
        let x = max(number, 0)
        var scale = 1
        while scale <= x / 10 { scale *= 10 }
        while scale > 0 {
            out.append(UInt8(0x30 + (x / scale) % 10))
            scale /= 10
        }
        out.append(0x5D)
    }

    private func detect(_ view: PIIByteView) -> [PIIRawMatch] {
        var all = PIIScanner(v: view).scan()
        if types.contains(.person) || types.contains(.address) {
            let words = PIIWordScanner(v: view)
            all = Redactor.merge(all, words.scan(), view)
            if types.contains(.person) {
                let repeats = words.repeats(of: all, capitalized: true)
                if !repeats.isEmpty { all = Redactor.merge(all, repeats) }
            }
            if usesPersonModel && types.contains(.person) {
                // The model's words are tested as the rules' are for naming a thing (a storm, a package, a maker).
                let guesses = PersonTokenModel.shared.matches(view, words.t, found: all)
                    .filter { !words.namesAThing(startingAtByte: $0.start, endingAtByte: $0.end) }
                if !guesses.isEmpty {
                    all = Redactor.merge(all, guesses)
                    let repeats = words.repeats(of: all, capitalized: true)
                    if !repeats.isEmpty { all = Redactor.merge(all, repeats) }
                }
            }
            if types.contains(.person) {
                let repeats = words.repeats(of: all, capitalized: false)
                if !repeats.isEmpty { all = Redactor.merge(all, repeats) }
            }
        }
        if types.count == PIIType.allCases.count { return all }
        return all.filter { types.contains($0.type) }
    }

    /// Merges the word-level matches into the pattern matches; where they overlap the
    /// pattern match (e-mail, phone, …) wins, since its shape was checked. An address that runs
    /// into a pattern match (the rest of a labelled line: `Lieferadresse: … 72224 Zingst Die Miete
    /// bitte von 2201 7496 5973 9317 abbuchen`) keeps what comes before it, without the spaces, rather
    /// than being dropped whole (twentieth session, split R's address misses). Pass `view` for that.
    private static func merge(_ patterns: [PIIRawMatch], _ words: [PIIRawMatch], _ view: PIIByteView? = nil) -> [PIIRawMatch] {
        if words.isEmpty { return patterns }
        var out: [PIIRawMatch] = []
        out.reserveCapacity(patterns.count + words.count)
        var p = 0
        for w in words {
            while p < patterns.count && patterns[p].end <= w.start {
                out.append(patterns[p])
                p += 1
            }
            if p < patterns.count && patterns[p].start < w.end {
                guard w.type == .address, let v = view, patterns[p].start > w.start else { continue }
                var end = patterns[p].start
                while end > w.start, v[end - 1] == PIIByteClass.space || v[end - 1] == PIIByteClass.newline { end -= 1 }
                // Only when what is kept holds a number of its own (a house number, a postcode): `Address: same as
                // last time, please call 020 7946 0958` is no address (the review of this rule).
                if (w.start..<end).contains(where: { PIIByteClass.isDigit(v[$0]) }) {
                    out.append(PIIRawMatch(start: w.start, end: end, type: w.type))
                }
                continue
            }
            out.append(w)
        }
        out.append(contentsOf: patterns[p...])
        return out
    }

    /// Each word `PersonTokenModel` would score in `text` (scalar offsets) with its feature
    /// indices, for the training script (`scripts/redaction-person-model`, through the
    /// corpus export of the redaction tests).
    func personModelRows(in text: String) -> [(start: Int, end: Int, features: [UInt32])] {
        var copy = text
        return copy.withUTF8 { buffer in
            let original = PIIByteView(base: buffer)
            guard let folded = PIITextFolding.fold(original) else { return rows(original) }
            return folded.bytes.withUnsafeBufferPointer { rows(PIIByteView(base: $0)) }
        }
    }

    private func rows(_ view: PIIByteView) -> [(start: Int, end: Int, features: [UInt32])] {
        let words = PIIWordScanner(v: view)
        var found = Redactor.merge(PIIScanner(v: view).scan(), words.scan(), view)
        // As `detect` gives the model: the rules' names with their capitalized repeats.
        let repeats = words.repeats(of: found, capitalized: true)
        if !repeats.isEmpty { found = Redactor.merge(found, repeats) }
        let ruleTypes = PersonTokenModel.ruleTypes(words.t, found)
        var candidates: [PIIRawMatch] = [], features: [[UInt32]] = []
        for i in words.t.indices where PersonTokenModel.isCandidate(words.t[i]) && ruleTypes[i] == 0 {
            var f: [UInt32] = []
            PersonTokenModel.features(view, words.t, i, ruleTypes, into: &f)
            candidates.append(PIIRawMatch(start: words.t[i].start, end: words.t[i].end, type: .person))
            features.append(f)
        }
        return zip(scalarSpans(view, candidates), features).map { (start: $0.start, end: $0.end, features: $1) }
    }

    /// Converts sorted byte ranges to scalar offsets in one pass over the bytes.
    private func scalarSpans(_ view: PIIByteView, _ matches: [PIIRawMatch]) -> [PIISpan] {
        var spans: [PIISpan] = []
        spans.reserveCapacity(matches.count)
        var byte = 0
        var scalar = 0
        func advance(to target: Int) {
            // Eight ASCII bytes are eight scalars.
            while byte + 8 <= target && PIIByteClass.asciiWord(view, at: byte) {
                byte += 8
                scalar += 8
            }
            while byte < target {
                if view.base[byte] & 0xC0 != 0x80 { scalar += 1 }
                byte += 1
            }
        }
        for match in matches {
            advance(to: match.start)
            let start = scalar
            advance(to: match.end)
            spans.append(PIISpan(start: start, end: scalar, type: match.type))
        }
        return spans
    }
}

private extension Substring {
    /// The token without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
