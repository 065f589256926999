import ConfideCore
import ConfidePostgres
import Foundation
import Synchronization

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

    /// Whether the groups check the customers their jobs rely on
    /// (`GroupCommitConnection.checksCustomerVersions`), asked of the server
    /// (`PostgresConnection.keyringCustomerTable`: the keyring's store lock held in this
    /// database). A yes is for good: the writer locks that table's rows from then on. A no is
    /// not (session 16's attack review, F6): the keyring's session may have been lost at that
    /// instant, its lock not held until it reconnects, and a no taken as final left the check
    /// off for the daemon's life. So while the answer is no it is asked again before a group:
    /// at once when the keyring's connection or this one has had a new session since the last
    /// question, else at most once a second (one `pg_locks` query, not a round trip per group).
    enum VersionCheck: UInt8 {
        /// Not checked: the keyring's lock is not seen here, and the keyring may be elsewhere
        /// (`--keys-store` names another string: another database or cluster, or the same one
        /// under another name, or a role that may not lock its rows). Requests are served as
        /// with a keyring in another database, and the question is asked again.
        case off
        /// The keyring is known to be here (one URI for both: the same database, the same
        /// schema), but its lock is not seen (its session lost, not yet back): nothing says
        /// which table to lock, so no request is served on keys it relies on. Each such job
        /// fails unrun and unaudited as if its customer had changed (`customerChanged`), and the
        /// store runs the request again on keys loaded afresh, which brings the keyring's
        /// session (and its lock) back, so the next question says yes. Fail closed, for a
        /// short window: serving would act on cached keys another daemon may have destroyed.
        case unconfirmed
        /// Checked: the keyring's customer table, named by its schema, is locked in each group.
        case on
    }
    private let versionCheck = Atomic<UInt8>(VersionCheck.off.rawValue)
    var versionCheckState: VersionCheck { VersionCheck(rawValue: versionCheck.load(ordering: .acquiring)) ?? .off }
    /// Unconfirmed counts: those groups pass their customers, and every one answers as changed.
    /// With the keyring guard, always on.
    var checksCustomerVersions: Bool { keyringGuard != nil || versionCheckState != .off }

    /// The keyring guard: the customers are locked in the keyring's other database (nil: the
    /// keyring is beside the data, or one daemon serves the store).
    private let keyringGuard: PostgresKeyringGuard?
    private let guardHooks: KeyringGuardHooks?
    var locksCustomersInData: Bool { keyringGuard == nil }
    /// Whether the group in flight has jobs relying on customers (for the test hooks).
    private var groupRelies = false
    /// The customer rows the guard locked for the group in flight.
    private var lockedRows = LockedCustomerRows()

    /// The keyring's store lock (nil: none held), whose holder tells where its table is.
    private let keyring: SessionLockWatch?
    /// When the question was last asked, and the sessions of the keyring's connection and of
    /// this one then (writer thread only).
    private var asked: (at: Double, keyringPID: Int32, ownPID: Int32) = (0, 0, 0)
    /// Told when the check turns on after the start (the daemon logs `store.version_check`).
    private let versionCheckChanged: (@Sendable (_ state: String, _ why: String) -> Void)?

    /// `keyring`: the keyring's store lock; `keyringHere`: the keyring is known to be in this
    /// connection's database and schema (one URI for both), so a no is `unconfirmed`, not `off`.
    /// `auditChain`: this daemon's chain; `sharedStore`: other daemons append to the store's
    /// other chains (see `foreignAuditEntries`).
    init(_ connection: PostgresConnection, outcomeWaitSeconds: Double = 30, keyring: SessionLockWatch? = nil, keyringHere: Bool = false,
         auditChain: Int = 0, sharedStore: Bool = false, keyringGuard: PostgresKeyringGuard? = nil, guardHooks: KeyringGuardHooks? = nil,
         versionCheckChanged: (@Sendable (_ state: String, _ why: String) -> Void)? = nil) throws {
        self.connection = connection
        self.keyringGuard = keyringGuard
        self.guardHooks = guardHooks
        self.auditChain = auditChain
        self.sharedStore = sharedStore
        otherChainsAtStart = sharedStore ? [:] : try Self.newestSeqs(on: connection, besides: auditChain)
        self.outcomeWaitSeconds = outcomeWaitSeconds
        self.keyring = keyring
        self.versionCheckChanged = versionCheckChanged
        try connection.keepForEverySession("SET synchronous_commit = on")
        // A group's writes go out without a round trip each: see `PostgresConnection.defersWrites`.
        connection.defersWrites = true
        connection.locksSessionRows = sharedStore
        // After the engine's own check (`PostgresEngine.refuseAnotherDatabaseAfterAReconnect`:
        // the same database and schema as at start), if any.
        let before = connection.checkNewSession
        connection.checkNewSession = { [unowned self] c in
            if let reason = try before?(c) { return reason }
            return try self.foreignAuditEntries(on: c)
        }
        try askWhereTheKeyringIs()
        if versionCheckState == .off && keyringHere && keyring != nil {
            connection.keyringUnconfirmed = true
            versionCheck.store(VersionCheck.unconfirmed.rawValue, ordering: .releasing)
        }
    }

    /// Asks the server whether this connection can lock the keyring's customer rows; on a yes,
    /// the check is on for good.
    private func askWhereTheKeyringIs() throws {
        guard let keyring else { return }
        asked = (ProcessInfo.processInfo.systemUptime, keyring.currentPID, connection.lockWatch.currentPID)
        guard let table = try connection.keyringCustomerTable(sessionLock: keyring) else { return }
        connection.keyringCustomers = table
        connection.keyringUnconfirmed = false
        versionCheck.store(VersionCheck.on.rawValue, ordering: .releasing)
    }

    /// Before a group, while the answer is no: asks again when due (see `VersionCheck`). A
    /// failed question changes nothing (the group's own statements meet a lost connection).
    private func askAgainIfDue() {
        let was = versionCheckState
        // With the keyring guard the customers are locked in the keyring's database: nothing to ask here.
        guard was != .on, keyringGuard == nil, let keyring else { return }
        let due = ProcessInfo.processInfo.systemUptime - asked.at >= 1 || keyring.currentPID != asked.keyringPID
            || connection.lockWatch.currentPID != asked.ownPID
        guard due else { return }
        try? askWhereTheKeyringIs()
        guard versionCheckState == .on else { return }
        versionCheckChanged?("on", was == .unconfirmed
            ? "the keyring's store lock is held in the data's database again (its session was lost when the start asked): customer "
                + "versions are checked from now on; until now requests on cached keys were run again on keys loaded afresh"
            : "the keyring's customer table is now found in the data's database (its store lock held there, on rows the data's role "
                + "may lock), which it was not when the start asked: customer versions are checked from now on; until now requests "
                + "on cached keys were not checked")
    }

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
    ///
    /// Entries of this daemon's own chain are compared with what it committed. A daemon that
    /// serves the store alone also finds another's writes on any other chain (one started
    /// with an audit chain name of its own): there a chain's newest seq can only have grown
    /// if another daemon wrote (this one's own prunes only lower it). Daemons that share the
    /// store write their own chains all along, and check each other's changes per request.
    private func foreignAuditEntries(on c: PostgresConnection) throws -> String? {
        guard !expectedNewest.isEmpty else { return nil }
        let newest = try c.queryOne("SELECT seq, hash FROM audit_entry WHERE chain = $1 ORDER BY seq DESC LIMIT 1", [.int8(Int64(auditChain))]) {
            (seq: Int(try $0.int64(0)), hash: try $0.bytea(1))
        }
        let known = expectedNewest.contains { e in newest.map { $0.seq == e.seq && $0.hash == e.head } ?? (e.seq == 0) }
        let reason = "restart this daemon (what the other changed is not in this one's caches)"
        guard known else {
            return "another confide daemon wrote to this store while this daemon's connection was down (its audit chain's newest "
                + "entry is seq \(newest.map { String($0.seq) } ?? "none"), this daemon's is \(expectedNewest[0].seq)): \(reason)"
        }
        guard !sharedStore else { return nil }
        for (chain, seq) in try Self.newestSeqs(on: c, besides: auditChain) where seq > otherChainsAtStart[chain] ?? 0 {
            return "another confide daemon wrote to this store while this daemon's connection was down (audit chain \(chain) grew to "
                + "seq \(seq)): \(reason)"
        }
        return nil
    }

    /// This daemon's audit chain, and whether others share the store.
    private let auditChain: Int
    private let sharedStore: Bool
    /// The newest seq of every other chain when this writer started (serving the store alone).
    private let otherChainsAtStart: [Int: Int]

    /// The newest seq of every audit chain of the store but `chain`.
    private static func newestSeqs(on c: PostgresConnection, besides chain: Int) throws -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: try c.query("SELECT chain, max(seq) FROM audit_entry WHERE chain <> $1 GROUP BY chain",
                                                     [.int8(Int64(chain))]) { (try $0.int(0), try $0.int(1)) })
    }

    var records: any TranscriptRecords { connection }

    /// The last `commitGroup` lost the connection: its COMMIT may have gone out (sent in
    /// one pipeline with the group's writes, whichever answer was missing first).
    private var commitCut = false

    /// The server process that ran the current group (`committedDespite` waits for it to end).
    var groupBackendPID: Int32 = 0

    func beginGroup() throws {
        commitCut = false
        askAgainIfDue()
        try connection.begin()
        groupBackendPID = connection.backendPID
    }

    func commitGroup() throws {
        do { try connection.commit() } catch let e as PostgresError where e.isConnectionLoss {
            commitCut = true
            throw e
        }
    }
    func rollbackGroup() {
        keyringGuard?.abandon()
        connection.rollbackIfOpen()
    }

    /// With the keyring guard: the customers are locked in the keyring's database first, then
    /// the data transaction begins (nothing that holds a data lock ever waits for a keyring
    /// lock: no deadlock across the two servers), and the versions the guard read answer
    /// `lockedCustomerVersion`. A guard that cannot lock them (keyring unreachable, its
    /// `lock_timeout`, its table not found again) fails every relying job closed, unrun and
    /// unaudited (`customerChanged`); the rest of the group runs.
    func beginGroup(relyingOn customers: [[UInt8]]) throws {
        groupRelies = !customers.isEmpty
        connection.holdChangesCompared = []  // per group (also where the keyring is beside the data)
        var versions: LockedCustomerRows?? = nil  // outer nil: no guard
        if let keyringGuard, groupRelies { versions = .some(try? keyringGuard.acquire(customers)) }
        // Between the guard and the data BEGIN; run with the guard disabled too, so a test
        // shows what the guard prevents.
        if groupRelies, let hook = guardHooks?.afterGuard.withLock({ $0 }) { hook() }
        do { try beginGroup() } catch {
            keyringGuard?.abandon()
            throw error
        }
        if let versions {
            connection.setLockedCustomerVersions(versions)
            lockedRows = versions ?? LockedCustomerRows()
        }
    }

    /// After the data COMMIT returned (or was found committed): the guard is confirmed
    /// (`PostgresKeyringGuard.confirm`), else the customers are read again (`recheck`), and
    /// the writer decides what may be answered. On the paths that undid the group: let go.
    func endGroup(committed: Bool) -> CustomerLockOutcome {
        if committed, guardHooks?.skipsConfirmation.load(ordering: .acquiring) == true { keyringGuard?.abandon() }
        if committed, groupRelies, let hook = guardHooks?.afterCommitBeforeGuardEnd.withLock({ $0 }) { hook() }
        groupRelies = false
        guard let keyringGuard, keyringGuard.holding else { return .held }
        guard committed else {
            keyringGuard.abandon()
            return .held
        }
        if keyringGuard.confirm() { return .held }
        guard let now = try? keyringGuard.recheck(keyringGuard.lockedCustomers) else {
            return .lapsed(now: nil, holdsMoved: connection.holdChangesCompared)
        }
        // A hold or release of a customer whose hold state a job acted on (a delete, a
        // replacing put, retention), committed through another daemon after the guard lapsed.
        let moved = connection.holdChangesCompared.filter { now.holdChanges[$0] != lockedRows.holdChanges[$0] }
        return .lapsed(now: now.versions, holdsMoved: moved)
    }
    func savepoint<T>(_ body: () throws -> T) throws -> T { try connection.savepoint(body) }
    func inOwnTransaction<T>(_ body: () throws -> T) throws -> T { try connection.transaction(.readCommitted, body) }

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

    func committedDespite(_ error: any Error, chain: Int, headSeq: Int, head: [UInt8]) -> Bool {
        guard let e = error as? PostgresError, e.isConnectionLoss, headSeq > 0 else { return false }
        connection.rollbackIfOpen()  // forgets the dropped transaction, so a new session may start
        let deadline = Date().addingTimeInterval(outcomeWaitSeconds)
        repeat {
            // reconnectIfDropped paces its own attempts (backoff); between them it throws at once.
            // The group's last entry found: committed. Not found: not committed, but only once
            // the server process that ran the group has ended (asked first, then the entry):
            // after a network cut it may still be finishing the COMMIT. After a restart it is
            // gone at once. Before session 19 "not found" was never final and waited out the
            // whole `outcomeWaitSeconds` (30 s) after every group a restart cut before its
            // COMMIT ran, the writer and every request behind it stopped
            // (PostgresSharedStoreFailoverTests, PostgresCommitOutcomeTests).
            do {
                try connection.reconnectIfDropped()
                let ended = try !connection.serverProcessExists(pid: groupBackendPID)
                if try connection.auditLog(chain: chain).auditHash(seq: headSeq) == head { return true }
                if ended { return false }
            } catch {}
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
