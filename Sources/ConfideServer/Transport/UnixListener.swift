import Foundation

/// A listening AF_UNIX stream socket at a path, created with the configured mode and
/// group. A stale socket file left by a dead daemon is removed; a live daemon answering
/// on the path makes this one refuse to start.
public final class UnixListener: @unchecked Sendable {
    public let path: String
    public let fd: Int32

    /// Binds and listens at `path`.
    public init(path: String, mode: Int, group: UInt32?, backlog: Int32 = 512) throws {
        self.path = path
        guard path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else {
            throw SystemError("bind", errno: ENAMETOOLONG, context: "socket path \(path) is longer than 107 bytes")
        }
        if UnixListener.isLive(path: path) {
            throw SystemError("bind", errno: EADDRINUSE, context: "another confide daemon is already answering on \(path)")
        }
        unlink(path)  // stale file from a dead daemon (or nothing)
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw SystemError("socket") }
        var addr = UnixListener.address(path)
        // Create the socket file with the final mode at once (umask), then set group.
        let previous = umask(mode_t(0o777 & ~mode))
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        umask(previous)
        guard rc == 0 else { let e = SystemError("bind", context: path); Glibc.close(s); throw e }
        if let group, chown(path, uid_t.max, group) != 0 { let e = SystemError("chown", context: path); Glibc.close(s); throw e }
        guard chmod(path, mode_t(mode)) == 0 else { let e = SystemError("chmod", context: path); Glibc.close(s); throw e }
        guard listen(s, backlog) == 0 else { let e = SystemError("listen", context: path); Glibc.close(s); throw e }
        fd = s
    }

    /// Waits up to `timeoutMilliseconds` for a connection; nil on timeout.
    public func accept(timeoutMilliseconds: Int32) throws -> Int32? {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let n = retryingOnInterrupt { poll(&p, 1, timeoutMilliseconds) }
        guard n > 0 else { return nil }
        let c = retryingOnInterrupt { Glibc.accept(fd, nil, nil) }
        guard c >= 0 else {
            if errno == EAGAIN || errno == ECONNABORTED { return nil }
            throw SystemError("accept4")
        }
        _ = fcntl(c, F_SETFD, FD_CLOEXEC)
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
