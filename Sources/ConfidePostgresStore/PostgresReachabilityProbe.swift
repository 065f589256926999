import ConfideCore
import ConfidePostgres

/// `SELECT 1` on the keyring's store and on the data store (once when they are one), each on
/// a connection of the probe's own, made on first use and remade after a drop (with the
/// connection's backoff: while a server stays away, a check fails at once between attempts).
/// A silent network fails a check within `DeadPeerDetection`'s ten seconds or so.
final class PostgresReachabilityProbe: StoreReachabilityProbe {
    private let engine: PostgresEngine
    private var connections: [String: PostgresConnection] = [:]

    init(engine: PostgresEngine) { self.engine = engine }

    /// Set once another process was seen holding one of this daemon's store locks: kept
    /// until the daemon restarts, since its sessions, once back, refuse every request whether
    /// the other still holds the store (the lock taken) or left (its audit entries seen).
    private var lostTo: StoreProblem?

    func check() -> StoreProblem? {
        if let lostTo { return lostTo }
        let stores = engine.dataURI == engine.keysURI ? [("store", engine.keysURI, engine.keysName)]
            : [("keyring store", engine.keysURI, engine.keysName), ("data store", engine.dataURI, engine.dataName)]
        for (what, uri, name) in stores {
            do {
                let connection: PostgresConnection
                if let c = connections[uri] { connection = c } else {
                    connection = try PostgresConnection(uri: uri, connectTimeoutSeconds: engine.settings.connectTimeoutSeconds,
                                                        statementTimeoutMilliseconds: 5_000, applicationName: "confide health probe")
                    connections[uri] = connection
                }
                _ = try connection.queryOne("SELECT 1") { try $0.int64(0) }
                for (lockName, watch) in engine.heldLocks.held(on: uri) {
                    if let other = try anotherHolder(of: watch, on: connection) {
                        lostTo = StoreProblem("another confide daemon took \(lockName) (\(other)) after this daemon's session on it "
                            + "ended: this daemon refuses every request from its next one on; restart it once the other has stopped",
                                              untilRestart: true)
                        return lostTo
                    }
                }
            } catch let e as PostgresError {
                return StoreProblem("cannot reach the \(what) \(name): \(e.message)")
            } catch {
                return StoreProblem("cannot reach the \(what) \(name): \(error)")
            }
        }
        return nil
    }

    /// Who holds the store lock `watch` names, when it is not this daemon's session: after a
    /// network cut or a server-side kill, another daemon may have taken the store while this
    /// one sat idle. Its own session learns of it only at its next statement, so without this
    /// an idle daemon's health said ok and a load balancer kept sending it requests it refuses.
    private func anotherHolder(of watch: SessionLockWatch, on connection: PostgresConnection) throws -> String? {
        let key = watch.key.load(ordering: .acquiring)
        let holder = try connection.queryOne("""
            SELECT l.pid, COALESCE(host(a.client_addr), 'local socket'), COALESCE(a.application_name, '') FROM pg_locks l
            LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND ((l.classid::int8 << 32) | l.objid::int8) = $1
              AND (NOT $2 OR l.mode = 'ExclusiveLock')
            """, [.int8(key), .bool(watch.shared.load(ordering: .acquiring))]) { (pid: Int32(truncatingIfNeeded: try $0.int64(0)), client: try $0.text(1) ?? "", application: try $0.text(2) ?? "") }
        guard let holder, !watch.isOwn(holder.pid) else { return nil }
        return "server process \(holder.pid), client \(holder.client)" + (holder.application.isEmpty ? "" : ", application \(holder.application)")
    }
}

extension PostgresEngine {
    package func reachabilityProbe() -> (any StoreReachabilityProbe)? { PostgresReachabilityProbe(engine: self) }
}
