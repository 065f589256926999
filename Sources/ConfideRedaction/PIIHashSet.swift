/// A growable set of word hashes (`PIIGazetteer.hash`), for the per-message sets of the word
/// scan (the parts of the names found so far).
///
/// `Set<UInt64>` hashes every key again with SipHash; the key here is already a 64-bit hash,
/// so one multiply-shift places it. The multiplier is odd and drawn at random once per
/// process, which makes the slot of a word unpredictable from the text: a message cannot
/// be written to collide its words on purpose, and the expected probes stay constant per
/// operation (the scan stays linear). Nothing is allocated until the first insert.
struct PIIHashSet {
    private var slots: [UInt64] = []
    private var shift: UInt64 = 64
    private var count = 0
    /// Whether 0, the empty-slot marker, is in the set.
    private var hasZero = false
    /// The process's multiplier, copied in so a probe reads no global.
    private let multiplier = PIIHashSet.seed

    private static let seed = UInt64.random(in: 0...UInt64.max) | 1

    var isEmpty: Bool { count == 0 && !hasZero }

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* multiplier) >> shift) }

    mutating func insert(_ key: UInt64) {
        if key == 0 {
            hasZero = true
            return
        }
        if 2 * (count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var slot = home(key)
        while true {
            let entry = slots[slot]
            if entry == key { return }
            if entry == 0 {
                slots[slot] = key
                count += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        if count == 0 { return false }
        let mask = slots.count - 1
        var slot = home(key)
        return slots.withUnsafeBufferPointer { table in
            while true {
                let entry = table[slot]
                if entry == key { return true }
                if entry == 0 { return false }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let old = slots
        let size = max(16, old.count * 2)
        slots = [UInt64](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for key in old where key != 0 { insert(key) }
    }
}
