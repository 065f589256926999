import CSodium
import Glibc
import Synchronization

/// The process-wide libsodium runtime.
///
/// `sodium_init` must run once before any other call; it is itself thread-safe and
/// idempotent, and Swift's lazy `static let` guarantees the one call happens before use.
public enum Sodium {
    private static let initialization: Int32 = sodium_init()

    /// Initializes libsodium once; every crypto entry point calls this first.
    /// Traps if libsodium cannot initialize, since no crypto is safe without it.
    @inline(__always)
    public static func ensureInitialized() {
        precondition(initialization >= 0, "libsodium failed to initialize (sodium_init returned \(initialization))")
    }

    /// The libsodium version string, for `keys.status` and logs.
    public static var version: String {
        ensureInitialized()
        return String(cString: sodium_version_string())
    }
}

/// Random bytes from the operating system's CSPRNG (`randombytes_buf`).
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { randombytes_buf($0.raw, $0.count) }
        return out
    }
}

/// Random AEAD nonces, drawn from the operating system's CSPRNG a page at a time.
///
/// libsodium's `randombytes_buf` is one `getrandom` system call per use; on the single
/// writer thread that was a call per sealed message. Nonces are public (stored beside each
/// ciphertext), so holding the next few hundred in memory reveals nothing; each is handed
/// out once. The pool remembers the pid that filled it: a child of `fork` holds a copy of
/// its parent's pool, so it throws that copy away and refills before its first nonce.
public enum NonceSource {
    private struct Pool {
        var bytes = [UInt8](repeating: 0, count: NonceSource.capacity)
        var used = NonceSource.capacity
        /// The process that filled `bytes`; another pid means they are a copy.
        var owner: pid_t = 0
    }
    private static let capacity = 4096
    private static let pool = Mutex(Pool())

    /// Fills `count` bytes (at most 64) at `destination` with fresh random bytes never
    /// handed out before, in this process or any other.
    public static func fill(_ destination: UnsafeMutableRawPointer, count: Int) {
        precondition(count > 0 && count <= 64, "a nonce is 1...64 bytes")
        Sodium.ensureInitialized()
        let pid = getpid()
        pool.withLock { pool in
            if pool.used + count > capacity || pool.owner != pid {
                pool.bytes.withUnsafeMutableBytes { randombytes_buf($0.raw, $0.count) }
                pool.used = 0
                pool.owner = pid
            }
            pool.bytes.withUnsafeMutableBytes { b in
                destination.copyMemory(from: b.baseAddress! + pool.used, byteCount: count)
                // Wiped as handed out, so no nonce can be handed out twice even by a bug here.
                memset(b.baseAddress! + pool.used, 0, count)
            }
            pool.used += count
        }
    }
}

/// Compares two byte sequences in constant time (`sodium_memcmp`).
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    Sodium.ensureInitialized()
    return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in
        sodium_memcmp(pa.u8, pb.u8, a.count) == 0
    } }
}
