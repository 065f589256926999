import ConfideCore
import ConfidePostgres
import Foundation

/// The scheduler's lead among the daemons of one PostgreSQL store: a session-level
/// advisory lock ("cfdl" and the OID of the keyring's schema) held on a connection of its
/// own, which serves nothing else. The server ends the session, and the lock with it, when
/// the leader's process dies (its socket closes; `client_connection_check_interval` covers
/// a process stuck mid-statement), so a follower, asking every `followerPollSeconds`, leads
/// within seconds.
///
/// Every run first confirms that this very session holds the lock (`pg_locks` with
/// `pg_backend_pid()`): the connection reconnects on its own after a drop, and a new
/// session holds nothing until it takes the lock again, which it does only if nobody
/// else took it meanwhile. The leader is named to the others by its session's
/// `application_name` ("confide on HOST pid N"), found through `pg_stat_activity`.
final class PostgresSchedulerLeadership: SchedulerLeadership, @unchecked Sendable {
    /// The high half of the lock's key (the low half is the keyring schema's OID).
    static let lockTag: Int64 = 0x6366_646C  // "cfdl"

    private let engine: PostgresEngine
    /// Opened on the first run (so a store that is away at start delays only the jobs), and
    /// used only on the scheduler thread, and by `resign` once that thread has stopped.
    private var connection: PostgresConnection?
    private var lockKey: Int64?
    let followerPollSeconds: Double

    init(engine: PostgresEngine, followerPollSeconds: Double = 2) {
        self.engine = engine
        self.followerPollSeconds = followerPollSeconds
    }

    func holdLead() -> SchedulerRole {
        do {
            let (connection, key) = try connected()
            if try holds(key, on: connection) || connection.queryOne("SELECT pg_try_advisory_lock($1)", [.int8(key)], row: { try $0.bool(0) }) == true {
                return SchedulerRole(leads: true, leader: SchedulerRole.thisDaemon)
            }
            let leader = try connection.queryOne("""
                SELECT a.application_name || coalesce(' (' || host(a.client_addr) || ')', '') FROM pg_locks l
                JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted AND ((l.classid::int8 << 32) | l.objid::int8) = $1
                """, [.int8(key)], row: { try $0.text(0) }) ?? nil
            return SchedulerRole(leads: false, leader: leader ?? "another session (it let go a moment ago)")
        } catch {
            return SchedulerRole(leads: false, leader: nil, problem: "cannot ask \(engine.keysName) who leads: \(error)")
        }
    }

    func resign() {
        guard let connection, let lockKey, connection.isConnected, !connection.isInTransaction else { return }
        _ = try? connection.queryOne("SELECT pg_advisory_unlock($1)", [.int8(lockKey)], row: { try $0.bool(0) })
    }

    /// The leadership's connection and the lock's key, connecting (or reconnecting) first.
    private func connected() throws -> (PostgresConnection, Int64) {
        if let connection, let lockKey {
            try connection.reconnectIfDropped()
            return (connection, lockKey)
        }
        let c = try PostgresConnection(uri: engine.keysURI, connectTimeoutSeconds: engine.settings.connectTimeoutSeconds,
                                       statementTimeoutMilliseconds: engine.settings.statementTimeoutMilliseconds,
                                       applicationName: SchedulerRole.thisDaemon)
        // The keyring's schema, as the keyring's connection finds it (`PostgresEngine`).
        guard let schema = try c.queryOne("SELECT oid::int8 FROM pg_namespace WHERE nspname = current_schema()", row: { try $0.int64(0) }) else {
            throw StoreError.unavailable("\(engine.keysName): no schema of its search path exists")
        }
        connection = c
        lockKey = Self.lockTag << 32 | schema
        return (c, Self.lockTag << 32 | schema)
    }

    /// Whether this connection's current session holds the lock (a session that replaced a
    /// dropped one does not, until it takes it).
    private func holds(_ key: Int64, on connection: PostgresConnection) throws -> Bool {
        try connection.queryOne("""
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted
                           AND pid = pg_backend_pid() AND ((classid::int8 << 32) | objid::int8) = $1)
            """, [.int8(key)], row: { try $0.bool(0) ?? false }) ?? false
    }
}

extension PostgresEngine {
    /// The advisory lock of `PostgresSchedulerLeadership`.
    package func schedulerLeadership() -> any SchedulerLeadership { PostgresSchedulerLeadership(engine: self) }
}
