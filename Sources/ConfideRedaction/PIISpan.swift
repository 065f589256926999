/// A detected piece of PII, located by Unicode scalar offsets into the input text.
///
/// Scalar offsets are stable across languages and storage encodings (unlike UTF-16
/// or byte offsets), so clients in any language can slice the original text with them.
public struct PIISpan: Sendable, Equatable {
    /// Offset of the first scalar of the span in the input's unicode scalars.
    public let start: Int
    /// Offset one past the last scalar of the span (exclusive end).
    public let end: Int
    /// What kind of PII the span holds.
    public let type: PIIType

    /// Creates a span from scalar offsets; `end` is exclusive.
    ///
    /// Public so callers and tests can build expected spans and compare with `==`.
    public init(start: Int, end: Int, type: PIIType) {
        self.start = start
        self.end = end
        self.type = type
    }
}
