import CSodium
import Foundation

/// XChaCha20-Poly1305-IETF authenticated encryption (libsodium
/// `crypto_aead_xchacha20poly1305_ietf_*`), the one AEAD Confide uses.
///
/// The 192-bit nonce is random per message, so nonce reuse is not a practical risk even
/// for billions of chunks under one key. Associated data is a required argument: every
/// caller must bind the ciphertext to its place.
public enum XChaCha20Poly1305 {
    public static let keyBytes = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    public static let nonceBytes = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    public static let tagBytes = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)
    /// Bytes a sealed box adds to its plaintext: nonce plus tag.
    public static let overhead = nonceBytes + tagBytes

    /// Encrypts `plaintext` under `key` with a fresh random nonce and returns
    /// `nonce ‖ ciphertext ‖ tag` (the combined form stored on disk).
    public static func seal(_ plaintext: some ContiguousBytes, key: SecretKey, associatedData: some ContiguousBytes) throws -> [UInt8] {
        try checkKey(key)
        return plaintext.withUnsafeBytes { pt in
            associatedData.withUnsafeBytes { ad in
                var out = [UInt8](repeating: 0, count: nonceBytes + pt.count + tagBytes)
                out.withUnsafeMutableBytes { o in
                    let base = o.baseAddress!
                    NonceSource.fill(base, count: nonceBytes)
                    key.withUnsafeBytes { k in
                        _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                            base + nonceBytes, nil,
                            pt.u8, UInt64(pt.count),
                            ad.u8, UInt64(ad.count),
                            nil, base, k.u8)
                    }
                }
                return out
            }
        }
    }

    /// Opens a combined `nonce ‖ ciphertext ‖ tag` box; throws `authenticationFailed`
    /// if it was tampered with, truncated, or sealed under another key or associated data.
    public static func open(_ box: some ContiguousBytes, key: SecretKey, associatedData: some ContiguousBytes) throws -> [UInt8] {
        try box.withUnsafeBytes { b in
            guard b.count >= overhead else { throw CryptoError.authenticationFailed }
            let nonce = UnsafeRawBufferPointer(rebasing: b[0..<nonceBytes])
            let body = UnsafeRawBufferPointer(rebasing: b[nonceBytes...])
            return try open(ciphertextAndTag: body, nonce: nonce, key: key, associatedData: associatedData)
        }
    }

    /// Opens `ciphertext ‖ tag` into guarded memory: for wrapped keys, whose plaintext
    /// must never sit in an ordinary Swift array.
    public static func openKey(_ box: some ContiguousBytes, key: SecretKey, associatedData: some ContiguousBytes) throws -> SecretKey {
        try checkKey(key)
        return try box.withUnsafeBytes { b in
            guard b.count > overhead else { throw CryptoError.authenticationFailed }
            return try associatedData.withUnsafeBytes { ad in
                try SecretKey(count: b.count - overhead) { dst in
                    let rc = key.withUnsafeBytes { k in
                        crypto_aead_xchacha20poly1305_ietf_decrypt(
                            dst.u8, nil, nil,
                            b.baseAddress! + nonceBytes, UInt64(b.count - nonceBytes),
                            ad.u8, UInt64(ad.count),
                            b.u8, k.u8)
                    }
                    guard rc == 0 else { throw CryptoError.authenticationFailed }
                }
            }
        }
    }

    /// Seals with a caller-chosen nonce, returning `ciphertext ‖ tag`. Only for
    /// known-answer tests: production code uses `seal`, which draws a random nonce.
    public static func seal(_ plaintext: some ContiguousBytes, nonce: some ContiguousBytes, key: SecretKey, associatedData: some ContiguousBytes) throws -> [UInt8] {
        try checkKey(key)
        return try nonce.withUnsafeBytes { n in
            guard n.count == nonceBytes else { throw CryptoError.invalidLength(what: "nonce", expected: nonceBytes, actual: n.count) }
            return plaintext.withUnsafeBytes { pt in associatedData.withUnsafeBytes { ad in
                var out = [UInt8](repeating: 0, count: pt.count + tagBytes)
                out.withUnsafeMutableBytes { o in
                    key.withUnsafeBytes { k in
                        _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                            o.u8, nil, pt.u8, UInt64(pt.count),
                            ad.u8, UInt64(ad.count), nil, n.u8, k.u8)
                    }
                }
                return out
            } }
        }
    }

    /// Opens `ciphertext ‖ tag` with an explicit nonce (known-answer tests and `open`).
    public static func open(ciphertextAndTag: some ContiguousBytes, nonce: some ContiguousBytes, key: SecretKey, associatedData: some ContiguousBytes) throws -> [UInt8] {
        try checkKey(key)
        return try nonce.withUnsafeBytes { n in
            guard n.count == nonceBytes else { throw CryptoError.invalidLength(what: "nonce", expected: nonceBytes, actual: n.count) }
            return try ciphertextAndTag.withUnsafeBytes { c in
                guard c.count >= tagBytes else { throw CryptoError.authenticationFailed }
                return try associatedData.withUnsafeBytes { ad in
                    var out = [UInt8](repeating: 0, count: c.count - tagBytes)
                    let rc = out.withUnsafeMutableBytes { o in
                        key.withUnsafeBytes { k in
                            crypto_aead_xchacha20poly1305_ietf_decrypt(
                                o.u8, nil, nil, c.u8, UInt64(c.count),
                                ad.u8, UInt64(ad.count), n.u8, k.u8)
                        }
                    }
                    guard rc == 0 else { throw CryptoError.authenticationFailed }
                    return out
                }
            }
        }
    }

    private static func checkKey(_ key: SecretKey) throws {
        guard key.count == keyBytes else { throw CryptoError.invalidLength(what: "key", expected: keyBytes, actual: key.count) }
    }
}
