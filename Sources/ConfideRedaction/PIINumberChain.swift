/// A run of digit groups joined by single separators, such as `+44 (0)20 7946 0958`.
///
/// Phones, cards, SSNs and their lookalikes (dates, ids) all share this shape, so the
/// scanner parses it once and lets `PIINumberClassifier` decide what it is.
struct PIINumberChain {
    /// How a group is joined to the one before it.
    enum Separator: UInt8 {
        case none, space, dash, dot, slash
        /// `_` (`462_18_1537`, typed where a form rejected dashes); only an SSN takes it.
        case underscore
        /// A middle dot or a vertical bar (`4556·7375·8689·9855`, `4556 | 7375 | 8689 | 9855`, as pasted from a
        /// table or an app; fifteenth session, split N's card misses), or two dashes (`4556--7375--…`; sixteenth
        /// session, split O's): only a card in groups of four or an SSN named by its keyword takes it.
        case mark
        /// A comma between groups of four, with no space after it (`6208,5012,9885,6539`, as typed where a form
        /// or a phone keyboard offered no space; nineteenth session, split Q's card misses) or with one space after
        /// every comma (`6441, 7149, 0343, 4744`, as a list is typed; twentieth session, split R's). Only
        /// `parseCommaFours` makes it, and only a card in groups of four takes it: a comma between digits is
        /// otherwise a decimal or a thousands mark, and such a token is never read as a number.
        case comma
    }

    /// One group of digits, optionally in parentheses.
    struct Group {
        /// First byte of the group, including `(` (or `+` for the first group).
        var open: Int
        /// First digit.
        var start: Int
        /// One past the last digit.
        var end: Int
        /// One past the group, including `)`.
        var close: Int
        /// Separator before this group (`.none` for the first).
        var separator: Separator
        /// The separator had spaces around it (`415 - 555 - 0132`, `089 / 54 86 92`).
        var spaced: Bool
        var parenthesized: Bool
        var length: Int { end - start }
    }

    /// Whether the chain starts with `+`.
    var plus = false
    var groups: [Group] = []
    /// The chain went past the caps (40 digits, 12 groups); it is no single number.
    var truncated = false
    /// One past the last byte of the chain.
    var end = 0

    static let maxDigits = 40
    /// Twenty: a card transcribed digit by digit (`4 5 3 9 1 4 8 8 …`, as speech-to-text writes a call) has up to 19.
    static let maxGroups = 20

    /// Parses a chain starting at `i` (a digit, `+digit`, `(digit` or `(+digit`), reading no byte at
    /// or after `limit`. Reads at most `maxDigits` digits and `maxGroups` groups.
    static func parse(_ v: PIIByteView, at i: Int, limit: Int) -> PIINumberChain? {
        var chain = PIINumberChain()
        chain.groups.reserveCapacity(6)
        var j = i
        var pendingParen = false
        if v[j] == PIIByteClass.plus {
            chain.plus = true
            j += 1
        } else if v[j] == PIIByteClass.openParen && v[j + 1] == PIIByteClass.plus {
            // `(+49) 30 1234567`
            chain.plus = true
            pendingParen = true
            j += 2
        }
        var separator = Separator.none
        var spaced = false
        var digits = 0
        var open = i
        while true {
            var paren = pendingParen
            pendingParen = false
            if !paren && v[j] == PIIByteClass.openParen {
                paren = true
                j += 1
            }
            let start = j
            while j < limit && PIIByteClass.isDigit(v[j]) && j - start <= maxDigits { j += 1 }
            let length = j - start
            if length == 0 || (paren && (j >= limit || v[j] != PIIByteClass.closeParen)) {
                if chain.groups.isEmpty { return nil }
                break
            }
            if paren { j += 1 }
            chain.groups.append(Group(open: open, start: start, end: start + length, close: j,
                                      separator: separator, spaced: spaced, parenthesized: paren))
            digits += length
            if digits > maxDigits || chain.groups.count > maxGroups {
                chain.truncated = true
                break
            }
            guard let (next, sep, isSpaced) = separatorAfter(v, at: j, limit: limit, afterParen: paren) else { break }
            separator = sep
            spaced = isSpaced
            open = next
            j = next
        }
        chain.end = chain.groups[chain.groups.count - 1].close
        return chain
    }

    /// A card typed in groups of four joined by commas at `i`: four or five groups, every one but the last of
    /// exactly four digits, the last of one to four, 13–19 digits in all, every comma followed by no space or every
    /// one by a single space, nothing of a number right after (`6208,5012,9885,6539`, `3768,4579,5759,350`,
    /// `6441, 7149, 0343, 4744`). Anything else (`177,06`, `1,299,000`, `2019,2020,2021`, `4411, 4412 and 4413`,
    /// `4411,4412, 4413,4414`) is nil, so a comma between digits stays what it was before: the end of no number.
    /// Reads at most 32 bytes from `i`, and the 3 before it.
    static func parseCommaFours(_ v: PIIByteView, at i: Int, limit: Int) -> PIINumberChain? {
        var chain = PIINumberChain()
        var j = i
        var digits = 0
        // The bytes between groups, fixed by the first comma: 1 (`,`) or 2 (`, `).
        var step = 0
        // A group after `digit,` or `digit, ` is inside a longer list: `4111, 1111, 1111, 1111, 2222` holds no card.
        if v[i - 1] == PIIByteClass.comma && PIIByteClass.isDigit(v[i - 2])
            || v[i - 1] == PIIByteClass.space && v[i - 2] == PIIByteClass.comma && PIIByteClass.isDigit(v[i - 3]) { return nil }
        func commaAt(_ k: Int) -> Int {
            guard v[k] == PIIByteClass.comma else { return 0 }
            if PIIByteClass.isDigit(v[k + 1]) { return 1 }
            return v[k + 1] == PIIByteClass.space && PIIByteClass.isDigit(v[k + 2]) ? 2 : 0
        }
        while true {
            let start = j
            while j < limit && j - start < 5 && PIIByteClass.isDigit(v[j]) { j += 1 }
            let length = j - start
            guard length >= 1 && length <= 4 else { return nil }
            chain.groups.append(Group(open: start, start: start, end: j, close: j,
                                      separator: chain.groups.isEmpty ? .none : .comma, spaced: step == 2, parenthesized: false))
            digits += length
            let gap = commaAt(j)
            if step == 0 { step = gap }
            guard length == 4, chain.groups.count < 5, gap > 0, gap == step, j + gap < limit else { break }
            j += gap
        }
        // A comma that goes on to more digits after the last group (in the chain's own layout or the other) makes
        // the whole a longer list, no card.
        guard chain.groups.count >= 4, (13...19).contains(digits), !PIIByteClass.isDigit(v[j]), commaAt(j) == 0 else { return nil }
        chain.end = j
        return chain
    }

    /// `chain` and the chains that start the next lines, as one chain whose first group of each further line follows
    /// `lineBreak` (`.mark` for cards and SSNs, `.space` for phones, whose groups a line break joins as a space does;
    /// a `+` only then): a number a PDF or a narrow field wrapped (`4549 9726⏎0909 5120`, `4539 1488 0343⏎6467`, `123-45-⏎6789`;
    /// the twentieth session's two lines of fours, any grouping since the twenty-second), or one sent in pieces, one chat
    /// message line after another (`0612⏎345678`, a card one group per line; up to `maxLines` lines since the
    /// twenty-fourth). A dash and a space may end a line and one space start the next; each further line must start with
    /// a digit. 9–19 digits in all, no `+` after the first line and no parentheses. The scanner takes it only as a card a
    /// card keyword, a payment word or an expiry names (`PIINumberClassifier.namedAsCard`), a phone its keyword names, or
    /// an SSN (which its keyword must name): lines of numbers are as often several numbers. Each line is one more chain
    /// read, so the work stays bounded. Returns every join of two or more lines that holds 9–19 digits, shortest first;
    /// the scanner tries the longest first.
    static func wrapped(_ chain: PIINumberChain, _ v: PIIByteView, limit: Int, lineBreak: Separator) -> [PIINumberChain] {
        guard !chain.truncated, !chain.plus || lineBreak == .space, !chain.groups.contains(where: { $0.parenthesized }) else { return [] }
        var joins: [PIINumberChain] = []
        var joined = chain
        var lines = 1
        while lines < maxLines {
            var k = joined.end
            if v[k] == PIIByteClass.minus { k += 1 }
            if v[k] == PIIByteClass.space { k += 1 }
            if v[k] == 0x0D && v[k + 1] == PIIByteClass.newline { k += 1 }  // a Windows line break (the review)
            guard v[k] == PIIByteClass.newline else { break }
            k += 1
            if v[k] == PIIByteClass.space { k += 1 }
            guard k < limit, PIIByteClass.isDigit(v[k]), let next = parse(v, at: k, limit: limit), !next.plus, !next.truncated,
                  !next.groups.contains(where: { $0.parenthesized }), joined.groups.count + next.groups.count <= maxGroups else { break }
            for (n, group) in next.groups.enumerated() {
                var g = group
                if n == 0 { (g.separator, g.spaced) = (lineBreak, false) }
                joined.groups.append(g)
            }
            joined.end = next.end
            lines += 1
            let digits = joined.groups.reduce(0) { $0 + $1.length }
            if digits > 19 { break }
            if digits >= 9 { joins.append(joined) }
        }
        return joins
    }

    /// The most lines `wrapped` joins (a card of four groups, a French phone of five pairs, one per line).
    static let maxLines = 5

    /// The start of the next group, the separator before it, and whether that separator is
    /// spaced (` - `, ` / `), if the chain goes on at `j`.
    private static func separatorAfter(_ v: PIIByteView, at j: Int, limit: Int,
                                       afterParen: Bool) -> (Int, Separator, Bool)? {
        var next = j
        var sep = Separator.none
        var spaced = false
        let gap = PIIByteClass.spaceLength(v, j)
        if gap == 1 && v[j + 1] == PIIByteClass.space && PIIByteClass.isDigit(v[j + 2]) {
            // Two spaces (`123  45  6789`, typed to line up with a form): a spaced separator, so
            // the whole is judged first and each side still stands alone when it is no number.
            next = j + 2
            sep = .space
            spaced = true
        } else if gap > 0 {
            next = j + gap
            sep = .space
            let mark = v[next]
            // ` - `, ` / ` and ` . ` (`123 . 45 . 6789`); ` | ` and ` · `.
            if mark == PIIByteClass.minus && PIIByteClass.spaceLength(v, next + 1) == 0 && PIIByteClass.isDigit(v[next + 1]) {
                // A space before a dash only (`467 -28-8694`, a slip of the thumb): joined as ` - ` is, spaced, so each
                // side still stands alone when the whole is no number (twenty-sixth session, split Z's SSN misses).
                sep = .dash
                spaced = true
                next += 1
            } else if mark == PIIByteClass.minus || mark == PIIByteClass.slash || mark == PIIByteClass.dot || mark == 0x7C {
                let after = PIIByteClass.spaceLength(v, next + 1)
                guard after > 0 else { return nil }
                sep = mark == PIIByteClass.minus ? .dash : mark == PIIByteClass.slash ? .slash : mark == 0x7C ? .mark : .dot
                spaced = true
                next += 1 + after
            } else if mark == 0xC2 && v[next + 1] == 0xB7 {
                let after = PIIByteClass.spaceLength(v, next + 2)
                guard after > 0 else { return nil }
                sep = .mark
                spaced = true
                next += 2 + after
            }
        } else {
            switch v[j] {
            // Two dashes (`4310--2883--3798--7844`, typed where one dash looked too short; sixteenth session, split O's
            // card misses): a mark, so only a card in groups of four or a keyword-named SSN takes it.
            case PIIByteClass.minus where v[j + 1] == PIIByteClass.minus: next = j + 2; sep = .mark
            // An em dash or a horizontal bar (U+2014, U+2015) is what `--` becomes under smart punctuation (iPhone, Mac,
            // Word): the same mark (`5018—5727—5880—2230—1`; twenty-third session, after split W's measurement, whose
            // report named the layout).
            case 0xE2 where v[j + 1] == 0x80 && (v[j + 2] == 0x94 || v[j + 2] == 0x95): next = j + 3; sep = .mark
            case PIIByteClass.minus: next = j + 1; sep = .dash
            case PIIByteClass.dot: next = j + 1; sep = .dot
            case PIIByteClass.slash: next = j + 1; sep = .slash
            case PIIByteClass.underscore: next = j + 1; sep = .underscore
            case 0x7C: next = j + 1; sep = .mark
            case 0xC2 where v[j + 1] == 0xB7: next = j + 2; sep = .mark
            case PIIByteClass.openParen: sep = .none
            default:
                guard afterParen && PIIByteClass.isDigit(v[j]) else { return nil }
            }
        }
        guard next < limit else { return nil }
        let b = v[next]
        if PIIByteClass.isDigit(b) { return (next, sep, spaced) }
        if b == PIIByteClass.openParen && PIIByteClass.isDigit(v[next + 1]) && sep != .dot {
            return (next, sep, spaced)
        }
        return nil
    }

    /// Index ranges of groups into segments: the chain is cut at a spaced separator and at
    /// a space that touches a different separator, so `2024 415-555-0132`,
    /// `4111 1111 1111 1111 12/26` or `… / 0171 2345678` can be judged part by part when
    /// the whole is no number.
    func segments() -> [Range<Int>] {
        var cuts: [Int] = []
        let k = groups.count
        for g in 1..<max(k, 1) where groups[g].spaced {
            cuts.append(g)
        }
        for g in 1..<max(k, 1) where groups[g].separator == .space {
            let before = groups[g - 1].spaced ? .space : groups[g - 1].separator
            let after: Separator = g + 1 < k && !groups[g + 1].spaced ? groups[g + 1].separator : .none
            let beforeOther = g > 1 && before != .space && before != .none
            let afterOther = after != .space && after != .none
            if beforeOther || afterOther { cuts.append(g) }
        }
        // Sorted and without repeats (a cut can be found by both loops); no `Set` to allocate.
        cuts.sort()
        var unique = 0
        for k in 0..<cuts.count where unique == 0 || cuts[unique - 1] != cuts[k] {
            cuts[unique] = cuts[k]
            unique += 1
        }
        cuts.removeLast(cuts.count - unique)
        var out: [Range<Int>] = []
        var from = 0
        for cut in cuts {
            out.append(from..<cut)
            from = cut
        }
        out.append(from..<k)
        return out
    }
}
