import CSodium

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

/// Compares two byte sequences in constant time (`sodium_memcmp`).
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    Sodium.ensureInitialized()
    return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in
        sodium_memcmp(pa.u8, pb.u8, a.count) == 0
    } }
}
