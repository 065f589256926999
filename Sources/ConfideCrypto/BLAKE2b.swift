import CSodium
import Foundation

/// BLAKE2b (libsodium `crypto_generichash`), keyed or not.
///
/// Used for the audit hash chain (unkeyed) and, keyed, for blind indexes and
/// key-check values.
public enum BLAKE2b {
    /// Hashes `input` to `outputLength` bytes (16...64), keyed with `key` when given (16...64 bytes).
    public static func hash(_ input: some ContiguousBytes, outputLength: Int = 32, key: SecretKey? = nil) -> [UInt8] {
        Sodium.ensureInitialized()
        precondition((16...64).contains(outputLength), "BLAKE2b output length must be 16...64")
        var out = [UInt8](repeating: 0, count: outputLength)
        input.withUnsafeBytes { inp in
            out.withUnsafeMutableBytes { o in
                if let key {
                    key.withUnsafeBytes { k in
                        _ = crypto_generichash(o.u8, o.count, inp.u8, UInt64(inp.count), k.u8, k.count)
                    }
                } else {
                    _ = crypto_generichash(o.u8, o.count, inp.u8, UInt64(inp.count), nil, 0)
                }
            }
        }
        return out
    }

    /// Hashes with a raw (non-secret) key, for known-answer tests.
    public static func hash(_ input: some ContiguousBytes, outputLength: Int, rawKey: [UInt8]) -> [UInt8] {
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: outputLength)
        input.withUnsafeBytes { inp in
            rawKey.withUnsafeBytes { k in
                out.withUnsafeMutableBytes { o in
                    _ = crypto_generichash(o.u8, o.count, inp.u8, UInt64(inp.count), k.u8, k.count)
                }
            }
        }
        return out
    }

    /// An incremental hasher, for chaining many fields without concatenating them.
    /// (The C state struct is 64-byte aligned, which Swift cannot import, so it is held
    /// in an aligned allocation of `crypto_generichash_statebytes()` bytes.)
    public final class Hasher {
        private let state: UnsafeMutableRawPointer
        private let outputLength: Int

        /// Starts an unkeyed hash of `outputLength` bytes.
        public init(outputLength: Int = 32) {
            Sodium.ensureInitialized()
            self.outputLength = outputLength
            state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
            _ = crypto_generichash_init(OpaquePointer(state), nil, 0, outputLength)
        }

        deinit { state.deallocate() }

        /// Adds bytes.
        public func update(_ bytes: some ContiguousBytes) {
            bytes.withUnsafeBytes { b in _ = crypto_generichash_update(OpaquePointer(state), b.u8, UInt64(b.count)) }
        }

        /// Returns the digest; the hasher must not be used afterwards.
        public func finalize() -> [UInt8] {
            var out = [UInt8](repeating: 0, count: outputLength)
            out.withUnsafeMutableBytes { o in _ = crypto_generichash_final(OpaquePointer(state), o.u8, o.count) }
            return out
        }
    }
}

/// A keyed BLAKE2b over a domain-separated input: the "blind index" that stands on disk
/// in place of a customer or session id, so lookups work without the id in the clear.
public struct BlindIndexKey: Sendable {
    private let key: SecretKey

    /// Wraps a 32-byte index key.
    public init(_ key: SecretKey) throws {
        guard key.count == 32 else { throw CryptoError.invalidLength(what: "index key", expected: 32, actual: key.count) }
        self.key = key
    }

    /// The 32-byte index of `value` in `domain` (e.g. "customer"); the domain and a length
    /// prefix keep indexes of different kinds and concatenations from colliding.
    public func index(domain: String, _ parts: [UInt8]...) -> [UInt8] {
        var input = [UInt8]()
        input.reserveCapacity(64)
        appendLengthPrefixed(Array(domain.utf8), to: &input)
        for p in parts { appendLengthPrefixed(p, to: &input) }
        return BLAKE2b.hash(input, outputLength: 32, key: key)
    }
}

/// Appends a 4-byte big-endian length then the bytes: the canonical framing used for
/// hashed and authenticated inputs, so field boundaries can never shift.
public func appendLengthPrefixed(_ bytes: [UInt8], to out: inout [UInt8]) {
    let n = UInt32(bytes.count)
    out.append(UInt8(n >> 24)); out.append(UInt8((n >> 16) & 0xff))
    out.append(UInt8((n >> 8) & 0xff)); out.append(UInt8(n & 0xff))
    out.append(contentsOf: bytes)
}
