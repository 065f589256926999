import ConfideCore
import Synchronization

/// Who may call what: a peer's roles from the role map, and whether a role must state a
/// purpose. The one owner of roles: the acceptor asks it whether a peer holds any role
/// (role-less peers get fewer slots), the dispatcher which roles each request runs under.
/// SIGHUP swaps the map atomically (`reload`); a request sees the old map or the new one.
final class Authorizer: Sendable {
    /// The configuration whose role map and `purpose_required` are in force.
    private let map: Mutex<ServerConfiguration>
    /// The uid that holds every role in `--dev` mode.
    private let developmentUID: UInt32?

    init(configuration: ServerConfiguration, developmentUID: UInt32?) {
        map = Mutex(configuration)
        self.developmentUID = developmentUID
    }

    /// The roles `peer` holds now (kernel-verified uid and groups against the map).
    func roles(of peer: PeerCredentials) -> Set<Role> {
        if let dev = developmentUID, peer.uid == dev { return Set(Role.allCases) }
        return map.withLock { $0.roles(uid: peer.uid, gids: peer.gids) }
    }

    /// Whether reads under `role` must state a purpose (`purpose_required`).
    func purposeRequired(_ role: Role?) -> Bool {
        guard let role else { return false }
        return map.withLock { $0.purposeRequired.contains(role) }
    }

    /// Takes the role map and `purpose_required` of a freshly loaded configuration.
    func reload(from fresh: ServerConfiguration) {
        map.withLock { current in
            current.roleUIDs = fresh.roleUIDs
            current.roleGIDs = fresh.roleGIDs
            current.purposeRequired = fresh.purposeRequired
        }
    }
}
