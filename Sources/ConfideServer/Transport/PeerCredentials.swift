import ConfideSystem
import Foundation

/// `struct ucred` of <sys/socket.h>, which Swift's Glibc module hides behind _GNU_SOURCE.
private struct PeerCred {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

/// The kernel-verified identity of the process on the other end of a Unix socket
/// (`SO_PEERCRED`, plus its supplementary groups from `SO_PEERGROUPS`), fixed at connect time.
public struct PeerCredentials: Sendable, Equatable {
    public let pid: Int32
    public let uid: UInt32
    /// Primary gid first, then supplementary groups.
    public let gids: [UInt32]

    public init(pid: Int32, uid: UInt32, gids: [UInt32]) {
        self.pid = pid
        self.uid = uid
        self.gids = gids
    }

    /// Reads the credentials of the peer of connected socket `fd`.
    public static func of(socket fd: Int32) throws -> PeerCredentials {
        var cred = PeerCred()
        var len = socklen_t(MemoryLayout<PeerCred>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 else { throw SystemError("getsockopt(SO_PEERCRED)") }
        var gids = [cred.gid]
        // SO_PEERGROUPS (Linux 4.13+): the peer's supplementary groups, as the kernel saw them.
        var groups = [gid_t](repeating: 0, count: 64)
        var glen = socklen_t(groups.count * MemoryLayout<gid_t>.size)
        let soPeerGroups: Int32 = 59
        if getsockopt(fd, SOL_SOCKET, soPeerGroups, &groups, &glen) == 0 {
            gids += groups.prefix(Int(glen) / MemoryLayout<gid_t>.size).filter { $0 != cred.gid }
        }
        return PeerCredentials(pid: cred.pid, uid: cred.uid, gids: gids)
    }
}
