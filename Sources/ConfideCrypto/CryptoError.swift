/// Why a cryptographic operation failed. Never carries key material or plaintext.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A ciphertext, wrapped key or signature did not authenticate: tampered, truncated,
    /// or opened with the wrong key or associated data.
    case authenticationFailed
    /// An input had the wrong length for the primitive (`what` names it).
    case invalidLength(what: String, expected: Int, actual: Int)
    /// Guarded memory could not be allocated (`sodium_malloc` returned NULL).
    case outOfSecureMemory
    /// Argon2id could not derive a key (usually not enough memory for the limits).
    case keyDerivationFailed

    public var description: String {
        switch self {
        case .authenticationFailed: return "authentication failed (tampered data or wrong key)"
        case let .invalidLength(what, expected, actual): return "\(what) must be \(expected) bytes, got \(actual)"
        case .outOfSecureMemory: return "could not allocate guarded memory for a key"
        case .keyDerivationFailed: return "Argon2id key derivation failed (not enough memory?)"
        }
    }
}
