import CSodium

/// Secret bytes held in libsodium guarded memory.
///
/// The bytes live in a `sodium_malloc` region (guard pages, canary, `mlock` where
/// allowed), are made read-only once filled, and are wiped by `sodium_free` on release.
/// The type has no byte-showing `description`, so a key cannot end up in a log by
/// string interpolation. Immutable after creation, hence safe to share across threads.
public final class SecretKey: @unchecked Sendable, CustomStringConvertible {
    private let pointer: UnsafeMutableRawPointer
    /// Number of secret bytes.
    public let count: Int

    /// Allocates `count` bytes of guarded memory and lets `fill` write them; the region
    /// is then sealed read-only. If `fill` throws, the memory is wiped and freed.
    public init(count: Int, fill: (UnsafeMutableRawBufferPointer) throws -> Void) throws {
        Sodium.ensureInitialized()
        guard let p = sodium_malloc(count) else { throw CryptoError.outOfSecureMemory }
        do {
            try fill(UnsafeMutableRawBufferPointer(start: p, count: count))
        } catch {
            sodium_free(p)
            throw error
        }
        sodium_mprotect_readonly(p)
        self.pointer = p
        self.count = count
    }

    /// A fresh random key of `count` bytes (default 32), generated straight into guarded memory.
    /// Throws `CryptoError.outOfSecureMemory` when guarded memory runs out (a request then
    /// answers -32005, and the daemon goes on).
    public static func random(count: Int = 32) throws(CryptoError) -> SecretKey {
        do { return try SecretKey(count: count) { randombytes_buf($0.raw, $0.count) } }
        catch let e as CryptoError { throw e }
        catch { throw .outOfSecureMemory }
    }

    /// Copies `bytes` into guarded memory. The caller should wipe its own copy
    /// (see `wipe(_:)`), since a Swift array cannot be guarded.
    public convenience init(copying bytes: [UInt8]) throws {
        try self.init(count: bytes.count) { dst in
            bytes.withUnsafeBytes { dst.copyMemory(from: $0) }
        }
    }

    deinit {
        // sodium_free zeroes the region before releasing it.
        sodium_free(pointer)
    }

    /// Calls `body` with the secret bytes; do not let them escape the closure.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Reports the length only, never the bytes.
    public var description: String { "SecretKey(\(count) bytes, redacted)" }
}

/// Overwrites an array's storage with zeros (`sodium_memzero`), for transient copies of secrets.
public func wipe(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { sodium_memzero($0.raw, $0.count) }
}
