import CSodium
import Foundation

/// Moves wrapped keys from one wrapping key to another (KEK rotation) through a single
/// guarded scratch buffer, instead of one guarded allocation per key: each `SecretKey`
/// costs an mmap, two mprotects and a munmap, which dominated re-wrap time.
///
/// The plaintext key exists only in the scratch buffer (guard pages, `mlock` where allowed),
/// and is wiped after each `rewrap` call. The buffer stays accessible for the re-wrapper's
/// life (one batch): between calls it holds only zeros, and taking access away after every
/// key was an `mprotect` whose TLB shootdown interrupted every other core once per DEK
/// (16,000 IPIs/s during a re-wrap, slowing the appends running beside it). Freeing the
/// buffer wipes it again. Not thread-safe: one re-wrapper per batch.
public final class KeyRewrapper {
    private let scratch: UnsafeMutableRawPointer
    private let capacity: Int

    /// A re-wrapper for keys of up to `maxKeyBytes` bytes.
    public init(maxKeyBytes: Int = 64) throws {
        Sodium.ensureInitialized()
        guard let p = sodium_malloc(maxKeyBytes) else { throw CryptoError.outOfSecureMemory }
        scratch = p
        capacity = maxKeyBytes
    }

    deinit {
        sodium_free(scratch)  // zeroes the region before unmapping it
    }

    /// Opens `wrapped` (`nonce ‖ ciphertext ‖ tag`) under `from` with `fromAD`, and seals the
    /// key again under `to` with `toAD` and a fresh nonce. Throws `authenticationFailed` if
    /// `wrapped` does not open.
    public func rewrap(_ wrapped: [UInt8], from: SecretKey, fromAD: [UInt8], to: SecretKey, toAD: [UInt8]) throws -> [UInt8] {
        let n = XChaCha20Poly1305.nonceBytes, t = XChaCha20Poly1305.tagBytes
        let keyBytes = wrapped.count - n - t
        guard keyBytes > 0, keyBytes <= capacity else { throw CryptoError.authenticationFailed }
        defer { sodium_memzero(scratch, capacity) }
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
