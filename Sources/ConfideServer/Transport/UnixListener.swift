import CLinux
import ConfideSystem
import Foundation

/// A listening AF_UNIX stream socket at a path, created with the configured mode and
/// group. A stale socket file left by a dead daemon is removed; a live daemon answering
/// on the path makes this one refuse to start.
public final class UnixListener: @unchecked Sendable {
    public let path: String
    public let fd: Int32

    /// Binds and listens at `path`.
    ///
    /// The socket file is made inside a private (0700) folder beside `path`, given its mode
    /// and group there, and then renamed into place: it never exists at `path` with any
    /// other mode, and the process-wide umask is never touched (other threads, the store's
    /// among them, are already creating files).
    public init(path: String, mode: Int, group: UInt32?, backlog: Int32 = 512) throws {
        self.path = path
        let limit = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        guard path.utf8.count < limit else {
            throw SystemError("bind", errno: ENAMETOOLONG, context: "socket path \(path) is longer than \(limit - 1) bytes")
        }
        if UnixListener.isLive(path: path) {
            throw SystemError("bind", errno: EADDRINUSE, context: "another confide daemon is already answering on \(path)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.confide-bind-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SystemError("mkdtemp", context: "a private folder beside \(path)")
        }
        let privateFolder = String(cString: made)
        let staging = privateFolder + "/s"
        defer { unlink(staging); rmdir(privateFolder) }
        guard staging.utf8.count < limit else {
            throw SystemError("bind", errno: ENAMETOOLONG, context: "socket path \(staging) (while creating \(path)) is longer than \(limit - 1) bytes")
        }
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw SystemError("socket") }
        func fail(_ call: String, _ context: String) -> SystemError { let e = SystemError(call, context: context); Glibc.close(s); return e }
        var addr = UnixListener.address(staging)
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        guard rc == 0 else { throw fail("bind", staging) }
        if let group, chown(staging, uid_t.max, group) != 0 { throw fail("chown", path) }
        guard chmod(staging, mode_t(mode)) == 0 else { throw fail("chmod", path) }
        guard listen(s, backlog) == 0 else { throw fail("listen", path) }
        // Replaces a stale file from a dead daemon (the live case was refused above).
        guard rename(staging, path) == 0 else { throw fail("rename", "\(staging) to \(path)") }
        fd = s
    }

    /// Waits up to `timeoutMilliseconds` for a connection; nil on timeout.
    public func accept(timeoutMilliseconds: Int32) throws -> Int32? {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let n = retryingOnInterrupt { poll(&p, 1, timeoutMilliseconds) }
        guard n > 0 else { return nil }
        let c = retryingOnInterrupt { confide_accept_cloexec(fd) }
        guard c >= 0 else {
            if errno == EAGAIN || errno == ECONNABORTED { return nil }
            throw SystemError("accept4")
        }
        return c
    }

    /// Closes the socket and removes its file.
    public func close() {
        Glibc.close(fd)
        unlink(path)
    }

    /// True when something accepts connections at `path`.
    public static func isLive(path: String) -> Bool {
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { return false }
        defer { Glibc.close(s) }
        var addr = address(path)
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        return rc == 0
    }

    static func address(_ path: String) -> sockaddr_un {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { dst in
            let bytes = Array(path.utf8.prefix(dst.count - 1))
            bytes.withUnsafeBytes { dst.copyMemory(from: $0) }
        }
        return addr
    }
}
