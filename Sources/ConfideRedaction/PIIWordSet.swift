/// A fixed set of word hashes (`PIIGazetteer.hash`): the small word lists of the word rules
/// (`countries`, care-of marks, address cues, …).
///
/// `Set<UInt64>` runs SipHash over every key it looks up, and the rules look words up for
/// most capitalized tokens; these keys are FNV hashes already, so their own bits place them,
/// as in `PIIGazetteer.LexiconTable`: a lookup is one or two probes of a table at most a
/// quarter full. Membership is exact on all 64 bits, the same as the `Set` it replaces. The
/// lists are fixed when the process starts, so text cannot lengthen a probe beyond the
/// longest run of the table itself.
struct PIIWordSet {
    private let slots: [UInt64]
    private let mask: Int
    /// Whether 0, the empty-slot marker, is in the set.
    private let hasZero: Bool

    /// The set of the words' hashes.
    init(_ words: [String]) {
        self.init(hashes: words.map(PIIGazetteer.hash))
    }

    /// The set of `hashes`.
    init(hashes: [UInt64]) {
        var size = 8
        while size < hashes.count * 4 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var hasZero = false
        for key in hashes {
            if key == 0 {
                hasZero = true
                continue
            }
            var slot = Self.home(key) & (size - 1)
            while slots[slot] != 0 && slots[slot] != key { slot = (slot + 1) & (size - 1) }
            slots[slot] = key
        }
        self.slots = slots
        self.mask = size - 1
        self.hasZero = hasZero
    }

    @inline(__always)
    private static func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key ^ (key >> 29)) }

    /// Whether `key` is in the set.
    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        var slot = Self.home(key) & mask
        return slots.withUnsafeBufferPointer { table in
            while true {
                let entry = table[slot]
                if entry == key { return true }
                if entry == 0 { return false }
                slot = (slot + 1) & mask
            }
        }
    }
}
