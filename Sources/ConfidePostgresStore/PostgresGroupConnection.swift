import ConfideCore
import ConfidePostgres
import Foundation

/// The data store's writer connection on PostgreSQL, as Core's group-commit writer drives
/// it: one `BEGIN … COMMIT` per group (the session runs `synchronous_commit = on`, so the
/// COMMIT returns once the group's WAL is flushed, and on a synchronous standby when
/// `synchronous_standby_names` names one), a savepoint per job that may fail alone.
///
/// A dropped connection fails the group in flight (`unavailable`, nothing committed: a
/// group is one transaction) and the next group reconnects (`reconnectIfDropped`, with
/// backoff). A COMMIT whose answer was lost with the connection may have committed: the
/// writer asks `committedDespite`, which reconnects and looks for the group's last audit
/// entry (its seq and hash are unique to the group), waiting up to `outcomeWaitSeconds` for
/// the server to come back (a restart); found, the group is answered as committed; not
/// found, as not; and when the server stays unreachable, the callers are told the outcome
/// is unknown.
final class PostgresGroupConnection: GroupCommitConnection {
    let connection: PostgresConnection

    /// See `GroupCommitConnection.checksCustomerVersions`: true when the keyring's tables
    /// are in the data's schema (no `--keys-store` elsewhere).
    let checksCustomerVersions: Bool

    init(_ connection: PostgresConnection, outcomeWaitSeconds: Double = 30, checksCustomerVersions: Bool = false) throws {
        self.connection = connection
        self.outcomeWaitSeconds = outcomeWaitSeconds
        self.checksCustomerVersions = checksCustomerVersions
        try connection.keepForEverySession("SET synchronous_commit = on")
        // A group's writes go out without a round trip each: see `PostgresConnection.defersWrites`.
        connection.defersWrites = true
        connection.sessionCache = sessionCache
        connection.checkNewSession = { [unowned self] c in
            self.sessionCache.removeAll()  // checked before use all the same; nothing of the old session is kept
            return try self.foreignAuditEntries(on: c)
        }
    }

    /// The session rows of this writer's committed groups, so that a group needs no read
    /// before its writes (see the type).
    private let sessionCache = PostgresSessionCache()

    /// What the newest audit entry of the store may be, as this writer knows it: the last
    /// it committed, and, while a COMMIT's outcome is unknown, that group's last entry.
    private var expectedNewest: [(seq: Int, head: [UInt8])] = []

    func expectNewestAuditEntry(_ candidates: [(seq: Int, head: [UInt8])]) { expectedNewest = candidates }

    /// After a reconnect: another daemon that took this store while this one's sessions were
    /// down and let go again before they came back (the store's lock alone cannot tell)
    /// wrote audit entries this writer did not — every daemon does, at the least its final
    /// checkpoint. What it changed (a shred, a hold, a new KEK) is not in this daemon's
    /// caches, and its entries' seqs are ahead of this writer's chain: refused for good,
    /// saying why, instead of failing every write on a duplicate seq.
    private func foreignAuditEntries(on c: PostgresConnection) throws -> String? {
        guard !expectedNewest.isEmpty else { return nil }
        let newest = try c.queryOne("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1") { (seq: Int(try $0.int64(0)), hash: try $0.bytea(1)) }
        let known = expectedNewest.contains { e in newest.map { $0.seq == e.seq && $0.hash == e.head } ?? (e.seq == 0) }
        guard !known else { return nil }
        return "another confide daemon wrote to this store while this daemon's connection was down (its newest audit entry is seq "
            + "\(newest.map { String($0.seq) } ?? "none"), this daemon's is \(expectedNewest[0].seq)): restart this daemon "
            + "(what the other changed is not in this one's caches)"
    }

    var records: any TranscriptRecords { connection }

    /// The last `commitGroup` lost the connection: its COMMIT may have gone out (sent in
    /// one pipeline with the group's writes, whichever answer was missing first).
    private var commitCut = false

    func beginGroup() throws {
        commitCut = false
        try connection.begin()
    }

    func commitGroup() throws {
        do { try connection.commit() } catch let e as PostgresError where e.isConnectionLoss {
            commitCut = true
            sessionCache.groupRolledBack()  // committed or not is unknown: nothing of it is cached
            throw e
        }
        sessionCache.groupCommitted()
    }
    func rollbackGroup() {
        connection.rollbackIfOpen()
        sessionCache.groupRolledBack()
    }
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        do { return try connection.savepoint(body) } catch {
            sessionCache.savepointRolledBack()
            throw error
        }
    }
    func inOwnTransaction<T>(_ body: () throws -> T) throws -> T {
        defer { sessionCache.removeAll() }  // not a group: what it wrote is not mirrored
        return try connection.transaction(.readCommitted, body)
    }

    func failure(of error: any Error) -> (reason: String, cause: StoreError.Cause?, refuseFromNowOn: String?) {
        guard let e = error as? PostgresError else { return ("storage write failed; nothing was changed", StoreError(error).cause, nil) }
        if e.isConnectionLoss && commitCut && !connection.isConnected {
            // The COMMIT went out and its answer did not come back: it may have committed.
            return ("the connection to PostgreSQL dropped while the write was committing: whether it committed is unknown; "
                        + "read before retrying", .storage(e), nil)
        }
        return ("storage write failed: PostgreSQL \(e.sqlState ?? "connection"): \(e.message); nothing was changed", .storage(e), nil)
    }

    /// How long `committedDespite` waits for the server to come back: a restart takes a
    /// second or two, crash recovery longer. Past it the callers are told the outcome is
    /// unknown, and the writer settles it before its next group (`GroupCommitWriter`).
    let outcomeWaitSeconds: Double

    func committedDespite(_ error: any Error, headSeq: Int, head: [UInt8]) -> Bool {
        guard let e = error as? PostgresError, e.isConnectionLoss, headSeq > 0 else { return false }
        connection.rollbackIfOpen()  // forgets the dropped transaction, so a new session may start
        let deadline = Date().addingTimeInterval(outcomeWaitSeconds)
        repeat {
            // reconnectIfDropped paces its own attempts (backoff); between them it throws at once.
            if (try? connection.reconnectIfDropped()) != nil, let found = try? connection.auditHash(seq: headSeq) {
                return found == head
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return false
    }

    /// A group's writes go out without waiting (`defersWrites`), so a job's failed write is
    /// thrown by a later statement: any server error but the server being away or busy
    /// (connection, timeout, disk full, shutdown: class 08, 53, 57, 58) may be one job's.
    func mayBeOneJobsFailure(_ error: any Error) -> Bool {
        guard let e = error as? PostgresError else { return false }
        return e.sqlState != nil && !e.isConnectionLoss && !e.isUnavailable
    }

    /// PostgreSQL checkpoints and vacuums on its own.
    func afterGroup() -> Bool { false }
}
