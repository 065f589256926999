import CSodium

/// Argon2id passphrase-based key derivation (`crypto_pwhash`), for a master key kept
/// as a passphrase instead of a key file.
public enum Argon2id {
    /// Salt length libsodium requires.
    public static let saltBytes = Int(crypto_pwhash_SALTBYTES)

    /// Cost parameters; stored beside the salt so a later start derives the same key.
    public struct Parameters: Sendable, Equatable {
        public var opsLimit: UInt64
        public var memLimit: Int
        public init(opsLimit: UInt64, memLimit: Int) { self.opsLimit = opsLimit; self.memLimit = memLimit }
        /// libsodium's MODERATE limits (~350 ms, 256 MiB here): the production default.
        public static let moderate = Parameters(opsLimit: UInt64(crypto_pwhash_OPSLIMIT_MODERATE), memLimit: Int(crypto_pwhash_MEMLIMIT_MODERATE))
        /// libsodium's INTERACTIVE limits (~55 ms, 64 MiB): for tests only (fast, and too weak for a master key).
        @_spi(Testing) public static let interactive = Parameters(opsLimit: UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE), memLimit: Int(crypto_pwhash_MEMLIMIT_INTERACTIVE))
    }

    /// Derives a 32-byte key from `passphrase` and `salt` straight into guarded memory.
    public static func deriveKey(passphrase: [UInt8], salt: [UInt8], parameters: Parameters = .moderate) throws -> SecretKey {
        Sodium.ensureInitialized()
        guard salt.count == saltBytes else { throw CryptoError.invalidLength(what: "Argon2id salt", expected: saltBytes, actual: salt.count) }
        return try SecretKey(count: 32) { dst in
            let rc = passphrase.withUnsafeBytes { p in
                salt.withUnsafeBytes { s in
                    crypto_pwhash(dst.u8, UInt64(dst.count), p.cchar, UInt64(p.count), s.u8,
                                  parameters.opsLimit, parameters.memLimit, crypto_pwhash_alg_argon2id13())
                }
            }
            guard rc == 0 else { throw CryptoError.keyDerivationFailed }
        }
    }
}
