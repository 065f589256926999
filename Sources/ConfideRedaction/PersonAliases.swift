/// Gives the parts of a person's name the number of the whole name, so "Ana Souza"
/// and a later "Ana" or "Mr. Souza" in the same session share `[PERSON_1]`.
///
/// Each part is stored in `PlaceholderNumbering.assignments` under
/// `valueKey(.person, "~part")` (never overwriting an existing entry), so a keyed-hash
/// `valueKey` keeps the state PII-free as before.
enum PersonAliases {
    /// The number for the normalized name `value` (`"ana souza"`), reusing a number
    /// already given to its surname, or to its first word when the name is one word.
    static func number(for value: String, _ numbering: inout PlaceholderNumbering,
                       _ valueKey: (PIIType, String) -> String) -> Int {
        let fullKey = valueKey(.person, value)
        if let existing = numbering.assignments[fullKey] { return existing }
        // Split on the UTF-8 bytes: `value` is normalized (words joined by one space), and
        // String.split by Character costs more than the rest of the numbering together.
        var partKeys: [String] = []
        var partCount = 0
        var lastIsInitial = false
        var text = value
        text.withUTF8 { utf8 in
            var start = 0
            for i in 0...utf8.count where i == utf8.count || utf8[i] == 0x20 {
                if i > start {
                    partCount += 1
                    // A one-letter part (an initial) is not stored: count scalars, not bytes.
                    var scalars = 0
                    for k in start..<i where utf8[k] & 0xC0 != 0x80 { scalars += 1 }
                    lastIsInitial = scalars <= 1
                    if !lastIsInitial {
                        let part = "~" + String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<i]), as: UTF8.self)
                        partKeys.append(valueKey(.person, part))
                    }
                }
                start = i + 1
            }
        }
        // The surname's number (or, for a one-word name, that word's) if the session has it.
        let inherited = partCount > 1 && !lastIsInitial ? partKeys.last.flatMap { numbering.assignments[$0] }
            : partCount == 1 ? partKeys.first.flatMap { numbering.assignments[$0] } : nil
        // `fullKey` has no number (checked above, nothing inserted since): no second lookup.
        let number = numbering.numberNew(for: .person, valueKey: fullKey, reusing: inherited)
        for key in partKeys { numbering.alias(key, to: number) }
        return number
    }

    /// Adds to `matches` the capitalized words of `view` that are a part of a name already
    /// numbered in this session (a later "Ana" or "Souza" after "Ana Souza"), so they are
    /// replaced even where the detector alone would not call them a name. Runs only when
    /// the session has names; one pass over the bytes, one dictionary lookup per
    /// capitalized word outside the matches.
    static func addKnownParts(_ view: PIIByteView, _ matches: [PIIRawMatch], _ numbering: PlaceholderNumbering,
                              _ valueKey: (PIIType, String) -> String) -> [PIIRawMatch] {
        var extra: [PIIRawMatch] = []
        var m = 0
        var i = 0
        let n = view.count
        while i < n {
            while m < matches.count && matches[m].end <= i { m += 1 }
            if m < matches.count && matches[m].start <= i {
                i = matches[m].end
                continue
            }
            let b = view[i]
            let upper = (b >= 0x41 && b <= 0x5A) || (b == 0xC3 && view[i + 1] >= 0x80 && view[i + 1] <= 0x9E)
            guard upper, !PIIWordToken.isLetter(view, i - 1) || i == 0, !PIIByteClass.isDigit(view[i - 1]) else {
                i += 1
                continue
            }
            var j = i
            while j < n && (PIIWordToken.isLetter(view, j) || view[j] & 0xC0 == 0x80
                            || (view[j] == PIIByteClass.minus && PIIWordToken.isLetter(view, j + 1))) { j += 1 }
            if m < matches.count && matches[m].start < j {
                i = j
                continue
            }
            if j - i >= 2 && !PIIByteClass.isDigit(view[j]) {
                let part = PIINormalizer.words(view, i..<j, separator: 0x20)
                if numbering.assignments[valueKey(.person, "~" + part)] != nil {
                    extra.append(PIIRawMatch(start: i, end: j, type: .person))
                }
            }
            // `×` (C3 97) passes the capital test above but is no letter, so the word is empty:
            // step over it, or the loop never ends.
            i = max(j, i + 1)
        }
        if extra.isEmpty { return matches }
        return (matches + extra).sorted { $0.start < $1.start }
    }
}
