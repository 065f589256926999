import ConfideCrypto
import ConfideSystem
import Foundation

/// Where the master key comes from. The master key never touches the store: only a
/// key-check value sealed under it (and, for passphrases, the Argon2id salt) does.
public enum MasterKeySource: Sendable, Equatable {
    /// A file of 32 bytes written as hex (64 characters) or base64 (44), mode 0400/0600.
    case keyFile(path: String)
    /// A file holding a passphrase; the key is derived with Argon2id and a salt kept in keys.db.
    case passphraseFile(path: String)
    /// `--dev`: a key generated on first start into `<state-dir>/dev-master.key`. Not for production.
    case development(stateDirectory: String)

    /// The `keyring.master_source` value recorded for this kind of source.
    var storedName: String {
        switch self {
        case .keyFile: return "key-file"
        case .passphraseFile: return "passphrase"
        case .development: return "dev"
        }
    }
}

/// Why the master key could not be obtained or was refused.
public enum MasterKeyError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case tooOpen(path: String, mode: Int)
    /// Owned by another uid than the process's: someone else could replace or read it.
    case wrongOwner(path: String, owner: UInt32, expected: UInt32)
    /// A symbolic link: refused, so the key cannot be swapped by re-pointing a link.
    case symbolicLink(path: String)
    case malformed(path: String)
    case emptyPassphrase(path: String)
    /// The key does not open keys.db's key-check value.
    case wrongKey(keysPath: String)
    /// keys.db was created with another kind of master key.
    case sourceMismatch(keysPath: String, stored: String, given: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "cannot read master key file \(path): \(reason)"
        case let .tooOpen(path, mode):
            return "master key file \(path) is accessible by group or others (mode \(String(mode, radix: 8))); run: chmod 0400 \(path)"
        case let .wrongOwner(path, owner, expected):
            return "master key file \(path) is owned by uid \(owner), not by the daemon's uid \(expected); run: chown \(expected) \(path)"
        case let .symbolicLink(path): return "master key file \(path) is a symbolic link; give the path of the file itself"
        case let .malformed(path): return "master key file \(path) must hold exactly 32 bytes written as 64 hex characters or base64"
        case let .emptyPassphrase(path): return "passphrase file \(path) is empty"
        case let .wrongKey(keysPath):
            return "the master key does not open \(keysPath) (key-check failed): wrong key file or passphrase; nothing was touched"
        case let .sourceMismatch(keysPath, stored, given):
            return "\(keysPath) was created with a \(stored) master key but a \(given) one was given"
        }
    }
}

/// Reads master keys from their sources, enforcing file permissions.
enum MasterKeyLoader {
    /// Longest secret file read: a key file is 64–65 bytes, a passphrase far shorter.
    static let maxSecretFileBytes = 64 << 10

    /// True when `path` names a file directly in `$CREDENTIALS_DIRECTORY`, the folder where
    /// systemd puts this service's credentials (`LoadCredential=`; `%d` in the unit).
    static func isSystemdCredential(_ path: String) -> Bool {
        guard let dir = ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"], !dir.isEmpty,
              let realDir = realpath(dir, nil) else { return false }
        defer { free(realDir) }
        let parent = (path as NSString).deletingLastPathComponent
        guard let realParent = realpath(parent.isEmpty ? "." : parent, nil) else { return false }
        defer { free(realParent) }
        return strcmp(realDir, realParent) == 0
    }

    /// Reads a secret file: opened without following a symbolic link, then checked on the
    /// open descriptor (`fstat`, so nothing can be swapped in between): a regular file,
    /// owned by this process's uid, with no group or other access. The caller wipes the
    /// bytes; partial reads are wiped here.
    static func readSecretFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            if errno == ELOOP { throw MasterKeyError.symbolicLink(path: path) }
            throw MasterKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw MasterKeyError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw MasterKeyError.unreadable(path: path, reason: "not a regular file") }
        // A systemd credential (LoadCredential=) may be root's, readable through an ACL for
        // the service's user only (tmpfs credential folders; the ACL mask shows as group
        // read): systemd made it, in a folder only this service sees.
        let credential = isSystemdCredential(path)
        guard st.st_uid == geteuid() || (credential && st.st_uid == 0) else {
            throw MasterKeyError.wrongOwner(path: path, owner: st.st_uid, expected: geteuid())
        }
        let mode = Int(st.st_mode) & 0o777
        guard mode & (credential ? 0o037 : 0o077) == 0 else { throw MasterKeyError.tooOpen(path: path, mode: mode) }
        var bytes = [UInt8](repeating: 0, count: maxSecretFileBytes + 1)
        var count = 0
        while count < bytes.count {
            let n = retryingOnInterrupt { bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) } }
            guard n >= 0 else {
                let reason = String(cString: strerror(errno))
                wipe(&bytes)
                throw MasterKeyError.unreadable(path: path, reason: reason)
            }
            if n == 0 { break }
            count += n
        }
        guard count <= maxSecretFileBytes else {
            wipe(&bytes)
            throw MasterKeyError.unreadable(path: path, reason: "longer than \(maxSecretFileBytes) bytes")
        }
        // Shrinking in place keeps the one buffer (no copy left behind); the tail is zeros.
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// Parses a key file: 32 bytes as hex or base64, surrounding whitespace ignored.
    static func loadKeyFile(_ path: String) throws -> SecretKey {
        var raw = try readSecretFile(path)
        defer { wipe(&raw) }
        var text = raw.filter { !($0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09) }
        defer { wipe(&text) }
        var key: [UInt8]
        if text.count == 64, let bytes = decodeHex(text) {
            key = bytes
        } else if text.count == 44 {
            // Foundation's copies are wiped too, not just handed back to the allocator.
            var encoded = Data(text)
            defer { encoded.resetBytes(in: 0..<encoded.count) }
            guard var data = Data(base64Encoded: encoded), data.count == 32 else { throw MasterKeyError.malformed(path: path) }
            defer { data.resetBytes(in: 0..<data.count) }
            key = [UInt8](data)
        } else {
            throw MasterKeyError.malformed(path: path)
        }
        defer { wipe(&key) }
        return try SecretKey(copying: key)
    }

    /// Reads a passphrase file (one trailing newline ignored).
    static func loadPassphrase(_ path: String) throws -> [UInt8] {
        var raw = try readSecretFile(path)
        while let last = raw.last, last == 0x0a || last == 0x0d { raw.removeLast() }
        guard !raw.isEmpty else { throw MasterKeyError.emptyPassphrase(path: path) }
        return raw
    }

    /// The dev key file, created (mode 0600) with a random key on first use.
    static func loadOrCreateDevelopmentKey(stateDirectory: String) throws -> SecretKey {
        let path = stateDirectory + "/dev-master.key"
        if !FileManager.default.fileExists(atPath: path) {
            var key = SecureRandom.bytes(32)
            defer { wipe(&key) }
            var hex = Array(encodeHex(key).utf8) + [0x0a]
            defer { wipe(&hex) }
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw MasterKeyError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            let written = hex.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == hex.count, fsync(fd) == 0 else {
                throw MasterKeyError.unreadable(path: path, reason: "could not write the development key")
            }
        }
        return try loadKeyFile(path)
    }
}

/// Lowercase hex of `bytes`.
public func encodeHex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xf)]) }
    return String(decoding: out, as: UTF8.self)
}

/// Decodes hex (either case); nil when malformed.
public func decodeHex(_ text: some Collection<UInt8>) -> [UInt8]? {
    guard text.count % 2 == 0 else { return nil }
    var out = [UInt8]()
    out.reserveCapacity(text.count / 2)
    var high: UInt8? = nil
    for c in text {
        let v: UInt8
        switch c {
        case 48...57: v = c - 48
        case 97...102: v = c - 87
        case 65...70: v = c - 55
        default: return nil
        }
        if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
    }
    return out
}
