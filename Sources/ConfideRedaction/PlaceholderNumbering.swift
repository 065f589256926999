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
        let next = (counters[type.rawValue] ?? 0) + 1
        counters[type.rawValue] = next
        assignments[valueKey] = next
        return next
    }

    /// Like `number(for:valueKey:)`, but a new key gets `reusing` when given (a name
    /// part already numbered) instead of the next free number.
    mutating func number(for type: PIIType, valueKey: String, reusing: Int?) -> Int {
        if let existing = assignments[valueKey] { return existing }
        guard let reused = reusing else { return number(for: type, valueKey: valueKey) }
        assignments[valueKey] = reused
        return reused
    }

    /// Records `valueKey` as another key for `number` unless it already has one.
    mutating func alias(_ valueKey: String, to number: Int) {
        if assignments[valueKey] == nil { assignments[valueKey] = number }
    }
}
