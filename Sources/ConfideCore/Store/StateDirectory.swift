import Foundation

/// The daemon's state folder: `keys.db`, `data.db` and (in `--dev`) the dev key. Checked
/// before use: it must not be accessible by group or others, and a data.db without its
/// keys.db is refused rather than silently paired with a new, useless keyring.
public struct StateDirectory: Sendable {
    public let path: String
    public var keysPath: String { path + "/keys.db" }
    public var dataPath: String { path + "/data.db" }
    /// Default socket path when none is configured.
    public var defaultSocketPath: String { path + "/confide.sock" }

    public init(path: String) {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        self.path = p
    }

    /// Why the state folder cannot be used.
    public enum Problem: Error, CustomStringConvertible, Equatable {
        case tooOpen(path: String, mode: Int)
        case notADirectory(path: String)
        case cannotCreate(path: String, reason: String)
        case keysMissing(path: String)
        case locked(path: String, purpose: String)
        case cannotLock(path: String, reason: String)

        public var description: String {
            switch self {
            case let .tooOpen(path, mode):
                return "state directory \(path) is accessible by group or others (mode \(String(mode, radix: 8))); run: chmod 0700 \(path)"
            case let .notADirectory(path): return "state directory \(path) exists but is not a directory"
            case let .cannotCreate(path, reason): return "cannot create state directory \(path): \(reason)"
            case let .cannotLock(path, reason):
                return "cannot open the state directory's lock file \(path): \(reason) (is the state directory writable by the daemon's user?)"
            case let .locked(path, purpose):
                return "state directory \(path) is in use by a running confide daemon; stop it before \(purpose)"
            case let .keysMissing(path):
                return "\(path)/data.db exists but keys.db is missing: restore keys.db from its backup. "
                    + "Refusing to create a new keyring, which could never open the existing data."
            }
        }
    }

    /// Takes the state folder's exclusive lock (`flock` on `<dir>/confide.lock`), held for
    /// the life of the process: one daemon per state folder, and offline tools such as
    /// `keys rekey` refuse to run beside a live daemon. Returns the descriptor to keep open.
    public func lock(purpose: String) throws -> Int32 {
        let fd = open(path + "/confide.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Problem.cannotLock(path: path + "/confide.lock", reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Problem.locked(path: path, purpose: purpose)
        }
        return fd
    }

    /// Creates the folder (0700) if absent, else checks it; checks the pair of files.
    public func prepare() throws {
        var st = stat()
        if stat(path, &st) != 0 {
            guard errno == ENOENT else { throw Problem.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
            guard mkdir(path, 0o700) == 0 else { throw Problem.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
            return
        }
        guard st.st_mode & S_IFMT == S_IFDIR else { throw Problem.notADirectory(path: path) }
        let mode = Int(st.st_mode) & 0o777
        guard mode & 0o077 == 0 else { throw Problem.tooOpen(path: path, mode: mode) }
        let fm = FileManager.default
        if fm.fileExists(atPath: dataPath) && !fm.fileExists(atPath: keysPath) { throw Problem.keysMissing(path: path) }
    }
}
