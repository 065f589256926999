/// The numbering state that maps each distinct PII value of a session to its placeholder number.
///
/// Keeping it outside the redactor lets the caller persist it between calls, so the same
/// e-mail address is `[EMAIL_1]` in every message of a conversation.
public struct PlaceholderNumbering: Sendable, Equatable {
    /// Number already given to each value key (see `Redactor.redact`'s `valueKey`).
    ///
    /// Exposed read-only so the state can be persisted; with a keyed-hash `valueKey`
    /// it holds no PII.
    public private(set) var assignments: [String: Int]
    /// Last number used per type, keyed by `PIIType.rawValue`.
    ///
    /// Separate from `assignments` so numbers stay dense per type and survive a restore.
    public private(set) var counters: [String: Int]

    /// Creates empty state for a new session.
    ///
    /// Numbering starts at 1 for every type.
    public init() {
        self.assignments = [:]
        self.counters = [:]
    }

    /// Restores state persisted from `assignments` and `counters`.
    ///
    /// Lets a session continue its numbering after a restart. Counters are trusted as
    /// given; a counter lower than an assigned number could hand out that number again.
    public init(assignments: [String: Int], counters: [String: Int]) {
        self.assignments = assignments
        self.counters = counters
    }

    /// Returns the number for `valueKey`, assigning the next free number of `type` if new.
    ///
    /// The same key always gets the same number, which keeps a de-identified transcript
    /// readable. Keys must differ between types (the default key starts with the type).
    public mutating func number(for type: PIIType, valueKey: String) -> Int {
        if let existing = assignments[valueKey] {
            return existing
        }
        return assign(type, valueKey)
    }

    /// Gives `valueKey`, which has no number yet, `reusing` when given (a name part already
    /// numbered) or else the next free number of `type`.
    mutating func numberNew(for type: PIIType, valueKey: String, reusing: Int?) -> Int {
        guard let reused = reusing else { return assign(type, valueKey) }
        reserveOnFirstUse()
        assignments[valueKey] = reused
        return reused
    }

    /// Records `valueKey` as another key for `number` unless it already has one.
    mutating func alias(_ valueKey: String, to number: Int) {
        // One hash of the key: the `default:` subscript inserts `number` only when the key is absent.
        Self.touch(&assignments[valueKey, default: number])
    }

    /// The next number of `type` for the new key `valueKey`. Keys are hashed once per
    /// dictionary operation (SipHash over the whole key), so the counter is bumped in place.
    private mutating func assign(_ type: PIIType, _ valueKey: String) -> Int {
        reserveOnFirstUse()
        let next = Self.increment(&counters[type.rawValue, default: 0])
        assignments[valueKey] = next
        return next
    }

    /// A new session's first value reserves room for two dozen keys (the benchmark's 2 KiB
    /// messages have nine spans each, and a name adds a key per part), so the dictionaries are
    /// not rehashed as they grow from empty. Only the capacity changes, never the contents.
    @inline(__always)
    private mutating func reserveOnFirstUse() {
        if assignments.isEmpty { assignments.reserveCapacity(24) }
        if counters.isEmpty { counters.reserveCapacity(PIIType.allCases.count) }
    }

    @inline(__always)
    private static func increment(_ value: inout Int) -> Int {
        value += 1
        return value
    }

    @inline(__always)
    private static func touch(_ value: inout Int) {}
}
