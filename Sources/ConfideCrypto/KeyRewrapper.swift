import CSodium
import Foundation

/// Moves wrapped keys from one wrapping key to another (KEK rotation) through a single
/// guarded scratch buffer, instead of one guarded allocation per key: each `SecretKey`
/// costs an mmap, two mprotects and a munmap, which dominated re-wrap time.
///
/// The plaintext key exists only in the scratch buffer, which is readable only during a
/// `rewrap` call and wiped after each one. Not thread-safe: one re-wrapper per batch.
public final class KeyRewrapper {
    private let scratch: UnsafeMutableRawPointer
    private let capacity: Int

    /// A re-wrapper for keys of up to `maxKeyBytes` bytes.
    public init(maxKeyBytes: Int = 64) throws {
        Sodium.ensureInitialized()
        guard let p = sodium_malloc(maxKeyBytes) else { throw CryptoError.outOfSecureMemory }
        sodium_mprotect_noaccess(p)
        scratch = p
        capacity = maxKeyBytes
    }

    deinit {
        sodium_mprotect_readwrite(scratch)
        sodium_free(scratch)
    }

    /// Opens `wrapped` (`nonce ‖ ciphertext ‖ tag`) under `from` with `fromAD`, and seals the
    /// key again under `to` with `toAD` and a fresh nonce. Throws `authenticationFailed` if
    /// `wrapped` does not open.
    public func rewrap(_ wrapped: [UInt8], from: SecretKey, fromAD: [UInt8], to: SecretKey, toAD: [UInt8]) throws -> [UInt8] {
        let n = XChaCha20Poly1305.nonceBytes, t = XChaCha20Poly1305.tagBytes
        let keyBytes = wrapped.count - n - t
        guard keyBytes > 0, keyBytes <= capacity else { throw CryptoError.authenticationFailed }
        sodium_mprotect_readwrite(scratch)
        defer {
            sodium_memzero(scratch, capacity)
            sodium_mprotect_noaccess(scratch)
        }
        let plain = UnsafeMutableRawBufferPointer(start: scratch, count: keyBytes)
        let opened = wrapped.withUnsafeBytes { w in
            fromAD.withUnsafeBytes { ad in
                from.withUnsafeBytes { k in
                    crypto_aead_xchacha20poly1305_ietf_decrypt(plain.u8, nil, nil, w.u8 + n, UInt64(w.count - n), ad.u8, UInt64(ad.count), w.u8, k.u8)
                }
            }
        }
        guard opened == 0 else { throw CryptoError.authenticationFailed }
        return try XChaCha20Poly1305.seal(UnsafeRawBufferPointer(plain), key: to, associatedData: toAD)
    }
}
