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

    func check() -> String? {
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
            } catch let e as PostgresError {
                return "cannot reach the \(what) \(name): \(e.message)"
            } catch {
                return "cannot reach the \(what) \(name): \(error)"
            }
        }
        return nil
    }
}

extension PostgresEngine {
    package func reachabilityProbe() -> (any StoreReachabilityProbe)? { PostgresReachabilityProbe(engine: self) }
}
