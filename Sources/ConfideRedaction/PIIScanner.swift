/// A detected span in UTF-8 byte offsets, before conversion to scalar offsets.
struct PIIRawMatch {
    var start: Int
    var end: Int
    var type: PIIType
}

/// The single forward pass that finds every PII span in a UTF-8 buffer.
///
/// E-mail addresses are found first (anchored on `@`); then one left-to-right scan tries
/// the other detectors only at positions that can start a candidate (a letter, digit,
/// `+`, `(` or `::` that does not continue a word). Every detector reads a bounded
/// number of bytes, and the scan resumes after each consumed candidate, so the total
/// work is linear in the input size.
struct PIIScanner {
    let v: PIIByteView

    /// All matches, sorted by start and non-overlapping.
    func scan() -> [PIIRawMatch] {
        let emails = PIIEmailMatcher.findAll(v)
        var out: [PIIRawMatch] = []
        out.reserveCapacity(emails.count + 4)
        var emailIndex = 0
        var unclaimed: [Range<Int>] = []
        var i = 0
        let n = v.count
        while i < n {
            let limit = emailIndex < emails.count ? emails[emailIndex].lowerBound : n
            if i >= limit {
                let email = emails[emailIndex]
                out.append(PIIRawMatch(start: email.lowerBound, end: email.upperBound, type: .email))
                i = email.upperBound
                emailIndex += 1
                continue
            }
            let b = v.base[i]
            // The host of a login written `user@host` (`ssh admin@203.0.113.7`, `ftp://user:pw@203.0.113.7/`) is
            // no e-mail address (that match came first), and an IPv4 literal there is an address. Seventeenth
            // session, split P's IP misses; the dotted quad's own checks (version keyword, shape) still apply.
            if PIIByteClass.isDigit(b) && v[i - 1] == PIIByteClass.at && PIIByteClass.isWord(v[i - 2]),
               case .address(let end) = PIIIPMatcher.ipv4(v, at: i, limit: limit) {
                out.append(PIIRawMatch(start: i, end: end, type: .ip))
                i = end
                continue
            }
            if !isCandidateStart(b) || !PIIByteClass.isLeftBoundary(v, i) {
                i += 1
                continue
            }
            // Most candidates are words that can open neither an IBAN (a digit at offset 2) nor an
            // IPv6 address (a hex digit first): `attempt` would only skip them, so skip them here.
            if PIIByteClass.isAlpha(b) && !PIIByteClass.isHex(b) && !PIIByteClass.isDigit(v[i + 2])
                && !PIIIBANMatcher.spacedCountryCode(v, at: i) {
                i = skipWord(from: i, limit: limit)
                continue
            }
            i = attempt(at: i, limit: limit, into: &out, unclaimed: &unclaimed)
        }
        return unclaimed.isEmpty ? out : claimRepeats(unclaimed, in: out)
    }

    /// The matches with every unclaimed chain whose digits are those of a card, SSN or phone found elsewhere in the
    /// text added as that type (and any smaller match inside it dropped): a customer who repeats a number repeats the
    /// same PII, though the line of the repeat holds no keyword (`Customer: the card is 42 10 0480 8208 9761⏎Agent:
    /// Sorry, the line cut out, could you repeat it?⏎Customer: 42 10 0480 8208 9761`; twenty-sixth session, split Z's
    /// card misses). Equal digits only, whatever the separators; a chain that holds a found number's digits in part is
    /// no repeat of it. One pass over the matches and one over the chains (the found numbers' digits in a short list, a
    /// dictionary beyond 16): linear.
    private func claimRepeats(_ unclaimed: [Range<Int>], in matches: [PIIRawMatch]) -> [PIIRawMatch] {
        // The digits of a range as one FNV-1a hash (no array per number: this runs for every message with a number in
        // it). Two different digit strings of one message sharing a hash is a 2^-64 chance (and would only redact more).
        func digits(_ r: Range<Int>) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for x in r where PIIByteClass.isDigit(v[x]) { h = (h ^ UInt64(v[x])) &* 0x0000_0100_0000_01b3 }
            return h
        }
        // Few numbers are found in a message: a list searched in order, a dictionary beyond 16 (linear either way).
        var list: [(UInt64, PIIType)] = []
        var table: [UInt64: PIIType] = [:]
        for m in matches where m.type == .card || m.type == .ssn || m.type == .phone {
            let d = digits(m.start..<m.end)
            if list.count < 16 {
                if !list.contains(where: { $0.0 == d }) { list.append((d, m.type)) }
            } else if table[d] == nil, !list.contains(where: { $0.0 == d }) {
                table[d] = m.type
            }
        }
        guard !list.isEmpty else { return matches }
        func found(_ d: UInt64) -> PIIType? { list.first(where: { $0.0 == d })?.1 ?? (table.isEmpty ? nil : table[d]) }
        var claimed: [PIIRawMatch] = []
        for r in unclaimed {
            // A chain resumed inside an earlier one (after a spaced separator) is part of it.
            if let last = claimed.last, r.lowerBound < last.end { continue }
            if let type = found(digits(r)) { claimed.append(PIIRawMatch(start: r.lowerBound, end: r.upperBound, type: type)) }
        }
        guard !claimed.isEmpty else { return matches }
        // Both lists are sorted by start, and the claimed chains do not overlap: merge them, leaving out the matches a
        // claimed chain covers, and any claimed chain a match reaches out of.
        var out: [PIIRawMatch] = []
        out.reserveCapacity(matches.count + claimed.count)
        var m = 0
        for chain in claimed {
            while m < matches.count && matches[m].end <= chain.start { out.append(matches[m]); m += 1 }
            var inside = m
            while inside < matches.count && matches[inside].start < chain.end
                    && matches[inside].start >= chain.start && matches[inside].end <= chain.end { inside += 1 }
            if inside < matches.count && matches[inside].start < chain.end { continue }
            out.append(chain)
            m = inside
        }
        out.append(contentsOf: matches[m...])
        return out
    }

    @inline(__always)
    private func isCandidateStart(_ b: UInt8) -> Bool {
        PIIByteClass.isAlnum(b) || b == PIIByteClass.plus || b == PIIByteClass.openParen || b == PIIByteClass.colon
    }

    /// Tries the detectors at `i`, appends any matches, and returns where to resume.
    private func attempt(at i: Int, limit: Int, into out: inout [PIIRawMatch], unclaimed: inout [Range<Int>]) -> Int {
        let b = v[i]
        // An IBAN has digits at offsets 2 and 3 (`DE89`): most words are ruled out before the call.
        if PIIByteClass.isAlpha(b) && (PIIByteClass.isDigit(v[i + 2]) || PIIIBANMatcher.spacedCountryCode(v, at: i)) {
            switch PIIIBANMatcher.match(v, at: i, limit: limit) {
            case .iban(let end):
                out.append(PIIRawMatch(start: i, end: end, type: .iban))
                return end
            case .rejected(let end):
                return end
            case .none:
                break
            }
        }
        if PIIByteClass.isHex(b) || b == PIIByteClass.colon, v[i - 1] != PIIByteClass.colon,
           PIIIPMatcher.looksLikeIPv6(v, at: i) {
            if let end = PIIIPMatcher.ipv6(v, at: i, limit: limit) {
                out.append(PIIRawMatch(start: i, end: end, type: .ip))
                return end
            }
        }
        if b == PIIByteClass.colon { return i + 1 }
        if PIIByteClass.isAlpha(b) { return skipWord(from: i, limit: limit) }
        if PIIByteClass.isDigit(b) {
            switch PIIIPMatcher.ipv4(v, at: i, limit: limit) {
            case .address(let end):
                out.append(PIIRawMatch(start: i, end: end, type: .ip))
                return end
            case .rejected(let end):
                return end
            case .none:
                break
            }
        }
        if b == PIIByteClass.plus || b == PIIByteClass.openParen {
            let next = v[i + 1] == PIIByteClass.plus && b == PIIByteClass.openParen ? v[i + 2] : v[i + 1]
            guard PIIByteClass.isDigit(next) else { return i + 1 }
        }
        return numbers(at: i, limit: limit, into: &out, unclaimed: &unclaimed)
    }

    /// Skips the rest of an ASCII word: no candidate starts inside one.
    private func skipWord(from i: Int, limit: Int) -> Int {
        var j = i + 1
        while j < limit && PIIByteClass.isWord(v.base[j]) { j += 1 }
        return j
    }

    /// Parses the digit chain at `i`, classifies it whole or by segments, and resumes after it. A chain of 7 digits or
    /// more that is not PII as a whole goes to `unclaimed` (its bytes, for `claimRepeats`).
    private func numbers(at i: Int, limit: Int, into out: inout [PIIRawMatch], unclaimed: inout [Range<Int>]) -> Int {
        let price = PIIByteClass.currencyEnds(v, i)
            || (v[i - 1] == PIIByteClass.space && PIIByteClass.currencyEnds(v, i - 1))
        if price && PIIByteClass.isDigit(v[i]) {
            return skipNumeric(from: i, limit: limit, crossingSpaces: false)
        }
        guard let chain = PIINumberChain.parse(v, at: i, limit: limit) else { return i + 1 }
        if chain.truncated {
            return skipNumeric(from: i, limit: limit, crossingSpaces: true)
        }
        // A number wrapped onto the next line, or sent in pieces over several: a card its keyword names, a phone its
        // keyword names, or an SSN (whose keyword the classifier asks). The longest join that is one wins.
        if v[chain.end] == PIIByteClass.newline || v[chain.end + 1] == PIIByteClass.newline || v[chain.end + 2] == PIIByteClass.newline {
            for split in PIINumberChain.wrapped(chain, v, limit: limit, lineBreak: .mark).reversed() where PIIByteClass.isRightBoundary(v, split.end) {
                if case .pii(let type) = PIINumberClassifier.classify(split, 0..<split.groups.count, v),
                   type == .ssn || (type == .card && PIINumberClassifier.namedAsCard(split, v)) {
                    out.append(PIIRawMatch(start: split.groups[0].open, end: split.end, type: type))
                    return split.end
                }
                if PIINumberClassifier.unlabelledLongCard(split, v) {
                    out.append(PIIRawMatch(start: split.groups[0].open, end: split.end, type: .card))
                    return split.end
                }
            }
            for split in PIINumberChain.wrapped(chain, v, limit: limit, lineBreak: .space).reversed() where PIIByteClass.isRightBoundary(v, split.end) {
                guard case .pii(.phone) = PIINumberClassifier.classify(split, 0..<split.groups.count, v),
                      PIINumberClassifier.namedAsPhone(split, v) else { continue }
                out.append(PIIRawMatch(start: split.groups[0].open, end: split.end, type: .phone))
                return split.end
            }
        }
        // A comma after one group ends no number, except in a card typed in fours joined by commas
        // (`6208,5012,9885,6539`, `6441, 7149, 0343, 4744`).
        if v[chain.end] == PIIByteClass.comma, chain.groups.count == 1, chain.groups[0].length == 4, !chain.plus,
           !chain.groups[0].parenthesized, let fours = PIINumberChain.parseCommaFours(v, at: chain.groups[0].start, limit: limit),
           PIIByteClass.isRightBoundary(v, fours.end),
           case .pii(let type) = PIINumberClassifier.classify(fours, 0..<fours.groups.count, v),
           // With a space after each comma it is also how a list is typed: a card only when named one.
           !fours.groups[1].spaced || PIINumberClassifier.namedAsCard(fours, v) {
            out.append(PIIRawMatch(start: fours.groups[0].open, end: fours.end, type: type))
            return fours.end
        }
        if !PIIByteClass.isRightBoundary(v, chain.end) {
            return skipNumeric(from: i, limit: limit, crossingSpaces: false)
        }
        // Every rule needs at least 7 digits; most numbers in chat text (quantities, years) stop here.
        if chain.groups.reduce(0, { $0 + $1.length }) < 7 { return chain.end }
        let whole = 0..<chain.groups.count
        switch PIINumberClassifier.classify(chain, whole, v) {
        case .pii(let type):
            out.append(PIIRawMatch(start: chain.groups[0].open, end: chain.end, type: type))
            return chain.end
        case .reject:
            unclaimed.append(chain.groups[0].open..<chain.end)
            return chain.end
        case .none:
            unclaimed.append(chain.groups[0].open..<chain.end)
        }
        // A spaced separator (` - `, ` / `) may sit inside a number (`0221 / 58 13 80-35`) or
        // between two candidates: try the longest prefix ending at one as a whole first.
        let groups = chain.groups
        for cut in (1..<groups.count).reversed() where groups[cut].spaced {
            if case .pii(let type) = PIINumberClassifier.classify(chain, 0..<cut, v) {
                out.append(PIIRawMatch(start: groups[0].open, end: groups[cut - 1].close, type: type))
                return groups[cut].open
            }
        }
        for segment in chain.segments() {
            // After a spaced separator a new candidate starts: let the scan try every detector there.
            if segment.lowerBound > 0 && groups[segment.lowerBound].spaced {
                return groups[segment.lowerBound].open
            }
            if case .pii(let type) = PIINumberClassifier.classify(chain, segment, v) {
                let start = groups[segment.lowerBound].open
                out.append(PIIRawMatch(start: start, end: groups[segment.upperBound - 1].close, type: type))
            }
        }
        return chain.end
    }

    /// Skips a token of digits, letters and separators that is no single number; a chain
    /// too long to be one number is skipped whole (`crossingSpaces`), which keeps the scan
    /// linear on inputs such as a megabyte of `1 1 1 …`.
    private func skipNumeric(from i: Int, limit: Int, crossingSpaces: Bool) -> Int {
        var j = i
        while j < limit {
            let b = v.base[j]
            if PIIByteClass.isAlnum(b) || b == PIIByteClass.dot || b == PIIByteClass.comma || b == PIIByteClass.minus
                || b == PIIByteClass.slash || b == PIIByteClass.colon || b == PIIByteClass.plus
                || b == PIIByteClass.openParen || b == PIIByteClass.closeParen {
                j += 1
            } else if crossingSpaces && b == PIIByteClass.space && PIIByteClass.isDigit(v[j + 1]) {
                j += 1
            } else {
                break
            }
        }
        return max(j, i + 1)
    }
}
