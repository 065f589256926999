/// A customer id as the client names it: 1–256 bytes of UTF-8, no control characters.
/// Never written to disk in the clear (see `Keyring.blindIndex`).
public struct CustomerID: Hashable, Sendable {
    /// The id as given.
    public let value: String

    /// Validates `value`; `field` names the parameter in the error.
    public init(_ value: String, field: String = "customer") throws(StoreError) {
        try validateIdentifier(value, field: field)
        self.value = value
    }
}

/// A session id, scoped to its customer; the same rules as `CustomerID`.
public struct SessionID: Hashable, Sendable {
    /// The id as given.
    public let value: String

    /// Validates `value`; `field` names the parameter in the error.
    public init(_ value: String, field: String = "session") throws(StoreError) {
        try validateIdentifier(value, field: field)
        self.value = value
    }
}

/// The protocol's rule for customer and session ids.
func validateIdentifier(_ value: String, field: String) throws(StoreError) {
    let bytes = value.utf8.count
    guard bytes >= 1 else { throw .invalidParameter(field: field, rule: "must not be empty") }
    guard bytes <= 256 else { throw .invalidParameter(field: field, rule: "must be at most 256 bytes of UTF-8 (got \(bytes))") }
    // Fast path: printable ASCII has no control characters.
    if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return }
    for scalar in value.unicodeScalars where scalar.properties.generalCategory == .control {
        throw .invalidParameter(field: field, rule: "must not contain control characters")
    }
}

/// Why a caller read a transcript (`purpose` on reads), recorded in the audit entry.
/// Restricted to a short label so the audit log cannot become a store of free text.
public struct Purpose: Hashable, Sendable {
    /// The label, e.g. "support", "subject-access".
    public let value: String

    /// Accepts 1–64 characters of a–z, 0–9, '-', '_', '.'.
    public init(_ value: String) throws(StoreError) {
        guard (1...64).contains(value.utf8.count),
              value.utf8.allSatisfy({ (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d || $0 == 0x5f || $0 == 0x2e })
        else { throw .invalidParameter(field: "purpose", rule: "must be 1–64 characters of a–z, 0–9, '-', '_', '.'") }
        self.value = value
    }
}
