/// A linear classifier over word tokens that adds PERSON spans the rules of
/// `PIIWordScanner` did not find (issue 22).
///
/// The rules take a name only with a cue they know (a title, an introduction, a form
/// label, …); every new kind of chat line brings cues they lack. This model scores each
/// capitalized word from its shape, the gazetteer lists it is in, whether a word list of
/// the six languages holds it (`PIICommonWords`: a name in no list is told from a word by
/// that alone), the words around it
/// (by identity; capitalized ones also by shape and lists), the lower-case words earlier
/// on its line, and what the rules found next to it. Its
/// weights are trained by `scripts/redaction-person-model` on the development splits of
/// the six-locale corpus and generated into `Gazetteers/PersonModelData.swift`.
///
/// The candidate word's own spelling is deliberately not a feature: the weights would
/// then be a list of the corpus's names, which come from fake-data and name-list
/// packages (issue 22: a detector built on those measures nothing). Each feature is a
/// hash into a table of `PersonTokenModel.tableSize` weights; the work is a fixed number
/// of table reads per capitalized word, so the scan stays linear.
struct PersonTokenModel {
    /// Weights indexed by feature hash.
    private let weights: [Float]
    /// A word scoring at least this is taken (the logit of the probability threshold).
    let threshold: Float

    static let tableBits = 18
    static let tableSize = 1 << tableBits

    /// The weights of `PersonModelData`, parsed once.
    static let shared = PersonTokenModel(data: PersonModelData.weights, threshold: PersonModelData.threshold)

    init(data: String, threshold: Float) {
        var table = [Float](repeating: 0, count: Self.tableSize)
        for line in data.utf8.split(separator: 0x0A) {
            guard let space = line.firstIndex(of: 0x20),
                  let index = Int(Substring(line[..<space]), radix: 16),
                  let weight = Float(Substring(line[line.index(after: space)...])),
                  index >= 0 && index < Self.tableSize else { continue }
            table[index] = weight
        }
        weights = table
        self.threshold = threshold
    }

    func weight(_ feature: UInt32) -> Float { weights[Int(feature)] }

    /// Whether token `i` is a candidate: a capitalized or all-caps word of two letters or
    /// more without digits.
    @inline(__always) static func isCandidate(_ t: PIIWordToken) -> Bool {
        t.kind == .word && (t.capitalized || t.allCaps) && t.letters >= 2 && t.digits == 0
    }

    /// The PERSON spans the model adds: runs of taken words that no rule match (`found`,
    /// sorted) overlaps, a run continuing over words separated by spaces only.
    func matches(_ v: PIIByteView, _ t: [PIIWordToken], found: [PIIRawMatch]) -> [PIIRawMatch] {
        let ruleTypes = Self.ruleTypes(t, found)
        var out: [PIIRawMatch] = []
        var features: [UInt32] = []
        features.reserveCapacity(64)
        for i in t.indices where Self.isCandidate(t[i]) && ruleTypes[i] == 0 {
            features.removeAll(keepingCapacity: true)
            Self.features(v, t, i, ruleTypes, into: &features)
            var score: Float = 0
            for f in features { score += weights[Int(f)] }
            guard score >= threshold else { continue }
            if let last = out.last, last.end <= t[i].start, Self.onlySpaces(v, last.end, t[i].start), i > 0, t[i - 1].end == last.end {
                out[out.count - 1].end = t[i].end
            } else {
                out.append(PIIRawMatch(start: t[i].start, end: t[i].end, type: .person))
            }
        }
        return out
    }

    /// Per token: 0 where no rule match covers it, else the code of the match's type (`typeCode`).
    static func ruleTypes(_ t: [PIIWordToken], _ found: [PIIRawMatch]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: t.count)
        var m = 0
        for i in t.indices {
            while m < found.count && found[m].end <= t[i].start { m += 1 }
            if m < found.count && found[m].start < t[i].end {
                out[i] = typeCode(found[m].type)
            }
        }
        return out
    }

    /// 1 + the type's place in `PIIType.allCases` (a feature value the weights were trained with), without
    /// building `allCases` for each rule-covered word.
    @inline(__always) static func typeCode(_ type: PIIType) -> UInt8 {
        switch type {
        case .email: 1
        case .phone: 2
        case .card: 3
        case .iban: 4
        case .ssn: 5
        case .ip: 6
        case .person: 7
        case .address: 8
        }
    }

    private static func onlySpaces(_ v: PIIByteView, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if v.base[i] != PIIByteClass.space { return false }
            i += 1
        }
        return true
    }

    /// The feature indices of candidate `i` (appended to `out`). The training script reads
    /// them through `Redactor.personModelRows`, so training and detection share this code.
    static func features(_ v: PIIByteView, _ t: [PIIWordToken], _ i: Int, _ ruleTypes: [UInt8], into out: inout [UInt32]) {
        @inline(__always) func add(_ template: UInt64, _ value: UInt64) {
            var z = (template &* 0x9E3779B97F4A7C15) ^ value
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            z ^= z >> 31
            out.append(UInt32(truncatingIfNeeded: z) & UInt32(tableSize - 1))
        }
        let c = t[i]
        let names = UInt64(c.lexicon & 0b111)
        let shape = shapeCode(c)
        add(1, 0)
        add(2, shape)
        add(3, UInt64(c.lexicon))
        add(4, UInt64(min(c.letters, 12)))
        add(5, suffixHash(v, c))
        add(6, names << 8 | shape)
        // Whether the word is a word of the language (twenty-eighth session): an unlisted
        // capitalized word that no word list holds is most often a name.
        let word = UInt64(PIICommonWords.status(v, c.start..<c.end, hash: c.hash).rawValue)
        add(7, word)
        add(8, word << 8 | names << 1 | shape)
        add(9, word << 8 | UInt64(min(c.letters, 12)))
        for k in 0..<5 {
            let offset = k < 3 ? k - 3 : k - 2  // -3, -2, -1, 1, 2
            let j = i + offset
            let d = describe(v, t, j)
            add(10 + UInt64(k), d)
            if j >= 0 && j < t.count && t[j].kind == .word && (t[j].capitalized || t[j].allCaps) {
                let listed = UInt64(t[j].lexicon & 0b111) << 1 | shapeCode(t[j])
                add(15 + UInt64(k), listed)
                add(20 + UInt64(k), listed << 8 | names)
            }
            if offset == -1 || offset == 1, j >= 0 && j < t.count && t[j].kind == .word && (t[j].capitalized || t[j].allCaps) {
                let neighbour = UInt64(PIICommonWords.status(t[j].hash).rawValue)
                add(26 + UInt64(k), neighbour << 4 | word << 1 | UInt64(t[j].lexicon & 0b1))
            }
            if offset == -1 {
                add(30, d &* 31 &+ names)
                add(31, d &* 31 &+ shape)
                add(32, d &* 31 &+ UInt64(j >= 0 ? ruleTypes[j] : 255))
                add(34, d &* 31 &+ word)
            }
            if offset == 1 {
                add(33, d &* 31 &+ names)
                add(35, d &* 31 &+ word)
            }
        }
        // The lower-case words earlier on the line (at most 12 tokens back): the topic of the line.
        var j = i - 1, n = 0
        while j >= 0 && t[j].kind != .newline && n < 12 {
            if t[j].kind == .word && !t[j].capitalized && !t[j].allCaps { add(50, t[j].hash) }
            j -= 1
            n += 1
        }
    }

    /// 0 `Xx`, 1 `XX`.
    private static func shapeCode(_ t: PIIWordToken) -> UInt64 {
        t.allCaps ? 1 : 0
    }

    /// A hash of the word's last three bytes, lower-cased (ASCII).
    private static func suffixHash(_ v: PIIByteView, _ t: PIIWordToken) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        var i = max(t.start, t.end - 3)
        while i < t.end {
            h = (h ^ UInt64(PIIByteClass.lower(v.base[i]))) &* 0x100000001b3
            i += 1
        }
        return h
    }

    /// A neighbour: words and punctuation by identity, numbers by digit count. (Capitalized
    /// neighbours are also described by shape and lists; the training script keeps only
    /// features seen in two or more splits, whose names are disjoint, so no weight is
    /// left on one list's name.)
    private static func describe(_ v: PIIByteView, _ t: [PIIWordToken], _ j: Int) -> UInt64 {
        guard j >= 0 && j < t.count else { return 1 }
        let n = t[j]
        switch n.kind {
        case .newline: return 2
        case .punct: return 3 << 8 | UInt64(n.byte)
        case .number: return 4 << 8 | UInt64(min(n.digits, 6))
        case .word:
            return n.hash | 1 << 63
        }
    }
}
