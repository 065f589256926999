import ConfideCrypto
import Foundation

extension MasterKeySource {
    /// Whether `other` is the same secret as this source: the same file (one inode under
    /// two names too), or two key files holding the same 32 bytes (hex or base64), or two
    /// passphrase files holding the same passphrase. `keys rekey` refuses such a pair,
    /// since the "old" key would keep opening keys.db.
    public func isSameSecret(as other: MasterKeySource) throws -> Bool {
        switch (self, other) {
        case let (.keyFile(a), .keyFile(b)), let (.passphraseFile(a), .passphraseFile(b)):
            if Self.sameFile(a, b) { return true }
        default:
            return false
        }
        switch (self, other) {
        case let (.keyFile(a), .keyFile(b)):
            let (x, y) = (try MasterKeyLoader.loadKeyFile(a), try MasterKeyLoader.loadKeyFile(b))
            var (xs, ys) = (x.withUnsafeBytes { Array($0) }, y.withUnsafeBytes { Array($0) })
            defer { wipe(&xs); wipe(&ys) }
            return constantTimeEquals(xs, ys)
        case let (.passphraseFile(a), .passphraseFile(b)):
            var (x, y) = (try MasterKeyLoader.loadPassphrase(a), try MasterKeyLoader.loadPassphrase(b))
            defer { wipe(&x); wipe(&y) }
            return x.count == y.count && constantTimeEquals(x, y)
        default:
            return false
        }
    }

    /// Both paths name one file (same device and inode, symbolic links followed).
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return a == b }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
