import ConfideCrypto
import ConfideSystem

/// Why a store operation failed; each case maps to one JSON-RPC error code of the
/// protocol. Messages never contain key material, transcript text or raw ids.
///
/// The storage, crypto and system failures keep what caused them (`cause`): the reply
/// shows only the message, the daemon's log shows the cause too.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter broke a rule: `field` names it, `rule` says which (-32602).
    case invalidParameter(field: String, rule: String)
    /// Unknown or erased customer or session (-32004).
    case notFound(String)
    /// A customer erased by `customer.shred` at this time, and not created again since
    /// (-32004; legal and admin peers are told when, in `error.data`).
    case erased(at: Timestamp)
    /// Storage or audit could not be written, or a resource (guarded memory, a file
    /// descriptor) ran out; nothing changed (-32005).
    case unavailable(String, cause: Cause? = nil)
    /// A ciphertext failed authentication, or stored data broke a rule confide keeps:
    /// tampered or misplaced row (-32006).
    case integrity(String, cause: Cause? = nil)
    /// The customer is under legal hold; nothing changed (-32007).
    case legalHold
    /// A bug or an unexpected state; logged, never leaks secrets (-32603).
    case `internal`(String, cause: Cause? = nil)

    /// The customer's keys changed through another daemon after this request took
    /// them from its cache: nothing was changed or audited, and the store runs the request
    /// once more with fresh keys (-32005 only if it changed again meanwhile).
    public static let customerChanged = StoreError.unavailable(
        "the customer's keys changed through another daemon while this request ran; nothing was changed, retry")

    /// The failure underneath a store error, for the log.
    public enum Cause: Sendable, CustomStringConvertible {
        /// The storage engine's own error (`SQLiteError`, or a second engine's).
        case storage(any Error)
        case crypto(CryptoError)
        case system(SystemError)
        /// Anything else: its type, never its text (which might hold data).
        case unexpected(String)

        public var description: String {
            switch self {
            case .storage(let e): return "\(e)"
            case .crypto(let e): return "crypto: \(e)"
            case .system(let e): return "\(e)"
            case .unexpected(let type): return "unexpected \(type)"
            }
        }
    }

    /// A read whose audit entry committed while this daemon's hold on the customer's keyring
    /// row (the keyring guard, with the keyring in another database) was lost, and the customer
    /// was then found erased, or could not be asked: the transcript is withheld (-32005).
    public static let readWithheldAsTheCustomerMayBeErased = StoreError.unavailable(
        "the read was withheld: this daemon lost its lock on the customer's keys while the read was audited, and the customer "
            + "was erased by another daemon meanwhile, or the keyring could not be asked; retry")
    /// A write that committed while the keyring guard was lost, whose customer another daemon
    /// erased meanwhile: what it wrote is erased with the customer (-32004; a purge is queued).
    public static let writeErasedWithTheCustomer = StoreError.notFound(
        "customer (erased by another daemon as this write committed: what it wrote is erased with the customer)")
    /// A write that committed while the keyring guard was lost, and the keyring could not be
    /// asked whether the customer still exists (-32005).
    public static let writeCommittedCustomerMayBeErased = StoreError.unavailable(
        "the write committed, but the customer may have been erased by another daemon at the same moment (this daemon lost its "
            + "lock on the customer's keys and cannot ask the keyring): read before retrying")

    /// A write that acted on the customer's hold state (a session delete, a put that
    /// replaced a session, retention) and committed while the keyring guard was lost, and a
    /// hold or release of the customer committed through another daemon meanwhile (-32005).
    public static let writeCommittedAHoldMayHaveRaced = StoreError.unavailable(
        "the write committed, but a legal hold or release of the customer was committed through another daemon at the same moment "
            + "(this daemon lost its lock on the customer's keys): check the customer's hold before relying on this write")

    /// The underlying failure, when a lower layer's error was mapped to this one.
    public var cause: Cause? {
        switch self {
        case .unavailable(_, let c), .integrity(_, let c), .internal(_, let c): return c
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case let .invalidParameter(field, rule): return "invalid params: \(field): \(rule)"
        case let .notFound(what): return "not found: \(what)"
        case .erased: return "not found: customer (erased)"
        case let .unavailable(why, _): return "unavailable: \(why)"
        case let .integrity(what, _): return "integrity failure: \(what)"
        case .legalHold: return "customer is under legal hold"
        case let .internal(why, _): return "internal error: \(why)"
        }
    }

    /// Two errors are equal when they say the same thing; the cause is diagnostic only.
    public static func == (a: StoreError, b: StoreError) -> Bool {
        switch (a, b) {
        case let (.invalidParameter(f1, r1), .invalidParameter(f2, r2)): return f1 == f2 && r1 == r2
        case let (.notFound(x), .notFound(y)): return x == y
        case let (.erased(x), .erased(y)): return x == y
        case let (.unavailable(x, _), .unavailable(y, _)): return x == y
        case let (.integrity(x, _), .integrity(y, _)): return x == y
        case (.legalHold, .legalHold): return true
        case let (.internal(x, _), .internal(y, _)): return x == y
        default: return false
        }
    }
}

/// An engine's own error that knows which protocol error it is (SQLite's in
/// `Store/SQLite/SQLiteError+StoreError.swift`; a second engine's beside its code), so
/// `StoreError(_:)` maps it without Core knowing the engine. The engine error stays the
/// `cause`.
public protocol StorageEngineError: Error {
    var storeError: StoreError { get }
}
