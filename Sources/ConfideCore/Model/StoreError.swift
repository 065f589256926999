/// Why a store operation failed; each case maps to one JSON-RPC error code of the
/// protocol. Messages never contain key material, transcript text or raw ids.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter broke a rule: `field` names it, `rule` says which (-32602).
    case invalidParameter(field: String, rule: String)
    /// Unknown or erased customer or session (-32004).
    case notFound(String)
    /// A customer erased by `customer.shred` at this time, and not created again since
    /// (-32004; legal and admin peers are told when, in `error.data`).
    case erased(at: Timestamp)
    /// Storage or audit could not be written; nothing changed (-32005).
    case unavailable(String)
    /// A ciphertext failed authentication: tampered or misplaced row (-32006).
    case integrity(String)
    /// The customer is under legal hold; nothing changed (-32007).
    case legalHold
    /// A bug or an unexpected state; logged, never leaks secrets (-32603).
    case `internal`(String)

    public var description: String {
        switch self {
        case let .invalidParameter(field, rule): return "invalid params: \(field): \(rule)"
        case let .notFound(what): return "not found: \(what)"
        case .erased: return "not found: customer (erased)"
        case let .unavailable(why): return "unavailable: \(why)"
        case let .integrity(what): return "integrity failure: \(what)"
        case .legalHold: return "customer is under legal hold"
        case let .internal(why): return "internal error: \(why)"
        }
    }
}
