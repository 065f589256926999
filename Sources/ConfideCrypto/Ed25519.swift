import CSodium
import Foundation

/// An Ed25519 key pair (`crypto_sign_*`) whose secret half lives in guarded memory.
/// Signs audit checkpoints and erasure receipts.
public struct SigningKey: Sendable {
    /// The 64-byte libsodium secret key (seed ‖ public key), guarded.
    public let secret: SecretKey
    /// The matching public key.
    public let publicKey: SigningPublicKey

    /// A fresh random key pair.
    public static func generate() throws(CryptoError) -> SigningKey {
        Sodium.ensureInitialized()
        var pk = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        let sk: SecretKey
        do {
            sk = try SecretKey(count: Int(crypto_sign_SECRETKEYBYTES)) { dst in
                _ = pk.withUnsafeMutableBytes { crypto_sign_keypair($0.u8, dst.u8) }
            }
        } catch { throw .outOfSecureMemory }
        return SigningKey(secret: sk, publicKey: SigningPublicKey(uncheckedBytes: pk))
    }

    /// Rebuilds the pair from a 64-byte libsodium secret key (e.g. just unwrapped).
    public init(secret: SecretKey) throws {
        guard secret.count == Int(crypto_sign_SECRETKEYBYTES) else {
            throw CryptoError.invalidLength(what: "Ed25519 secret key", expected: Int(crypto_sign_SECRETKEYBYTES), actual: secret.count)
        }
        var pk = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        secret.withUnsafeBytes { s in _ = pk.withUnsafeMutableBytes { crypto_sign_ed25519_sk_to_pk($0.u8, s.u8) } }
        self.init(secret: secret, publicKey: SigningPublicKey(uncheckedBytes: pk))
    }

    private init(secret: SecretKey, publicKey: SigningPublicKey) {
        self.secret = secret
        self.publicKey = publicKey
    }

    /// A detached 64-byte signature over `message`.
    public func sign(_ message: some ContiguousBytes) -> [UInt8] {
        var sig = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        message.withUnsafeBytes { m in
            secret.withUnsafeBytes { s in
                _ = sig.withUnsafeMutableBytes { crypto_sign_detached($0.u8, nil, m.u8, UInt64(m.count), s.u8) }
            }
        }
        return sig
    }
}

/// An Ed25519 public key: verifies receipts and checkpoints, offline, without any secret.
public struct SigningPublicKey: Sendable, Equatable {
    /// The 32 raw bytes.
    public let bytes: [UInt8]

    /// Accepts exactly 32 bytes.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Int(crypto_sign_PUBLICKEYBYTES) else {
            throw CryptoError.invalidLength(what: "Ed25519 public key", expected: Int(crypto_sign_PUBLICKEYBYTES), actual: bytes.count)
        }
        self.bytes = bytes
    }

    fileprivate init(uncheckedBytes: [UInt8]) { self.bytes = uncheckedBytes }

    /// True when `signature` is a valid Ed25519 signature of `message` by this key.
    /// Signatures that are not exactly 64 bytes are rejected before libsodium sees them.
    public func isValidSignature(_ signature: [UInt8], for message: some ContiguousBytes) -> Bool {
        Sodium.ensureInitialized()
        guard signature.count == Int(crypto_sign_BYTES) else { return false }
        return message.withUnsafeBytes { m in
            signature.withUnsafeBytes { s in
                bytes.withUnsafeBytes { pk in
                    crypto_sign_verify_detached(s.u8, m.u8, UInt64(m.count), pk.u8) == 0
                }
            }
        }
    }
}
