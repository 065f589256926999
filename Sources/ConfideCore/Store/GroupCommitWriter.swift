import ConfideSystem
import Foundation

/// Group-commit counters for `system.stats` (and the Prometheus metrics made from it).
public struct WriterStatistics: Sendable {
    public var commits = 0
    /// Writes committed (jobs in all groups).
    public var jobs = 0
    public var largestGroup = 0
    /// Housekeeping the engine ran between groups (SQLite: checkpoints the writer ran itself
    /// to bound the WAL).
    public var walCatchUps = 0
    /// Writes per group commit.
    public var groupSizes = Histogram(bounds: Histogram.groupSizes)
    /// Seconds spent in each successful `COMMIT`: writing the log and the flush that makes
    /// the group durable (SQLite: synchronous=FULL; PostgreSQL: synchronous_commit=on).
    public var commitSeconds = Histogram(bounds: Histogram.latencySeconds)
    /// Committed groups whose lock on their customers in the keyring's other database (the
    /// keyring guard) was lost before it could be confirmed.
    public var guardLost = 0
}

/// What the group-commit writer needs from an engine's connection beyond its records: one
/// transaction per group, a savepoint per job, what a failure means, and the engine's own
/// housekeeping between groups. SQLite's is `SQLiteGroupConnection`.
package protocol GroupCommitConnection: AnyObject {
    /// The records the jobs and the audit chain write, inside the group's transaction.
    var records: any TranscriptRecords { get }
    /// Opens the group's write transaction.
    func beginGroup() throws
    /// Commits it, durably: when this returns, the group survives a crash.
    func commitGroup() throws
    /// Rolls back whatever is open (nothing when nothing is).
    func rollbackGroup()
    /// Runs `body` in a savepoint: its failure undoes only its own writes.
    func savepoint<T>(_ body: () throws -> T) throws -> T
    /// Runs `body` in a transaction of its own (the final checkpoint at shutdown).
    func inOwnTransaction<T>(_ body: () throws -> T) throws -> T
    /// What a failed group tells its callers, and, when the engine can no longer know what
    /// reached the disk (a failed fsync), why every later write must be refused.
    func failure(of error: any Error) -> (reason: String, cause: StoreError.Cause?, refuseFromNowOn: String?)
    /// The engine's own work after a group's replies are out; true when it did some (counted
    /// as `walCatchUps`).
    func afterGroup() -> Bool
    /// After `commitGroup` threw: whether the group committed all the same (a COMMIT whose
    /// answer was lost with the connection), known by finding the group's last audit entry,
    /// `headSeq` with hash `head`, in its audit `chain`. False when it did not or cannot be known.
    func committedDespite(_ error: any Error, chain: Int, headSeq: Int, head: [UInt8]) -> Bool
    /// Whether a group that failed with `error` outside its jobs' bodies may have failed
    /// for one job's write, so that running it again with a savepoint per job may commit
    /// the others: true on an engine that sends writes without waiting for their answers
    /// (a job's failed write then surfaces at a later statement, often the COMMIT), for an
    /// error that is not the store being away.
    func mayBeOneJobsFailure(_ error: any Error) -> Bool
    /// The audit entries the store's newest may be, as the writer knows it (the last it
    /// committed; also the last of a group whose COMMIT's outcome is unknown): an engine
    /// whose connection can drop checks it on a new session, since a newest entry of
    /// another writer means another daemon served the store meanwhile.
    func expectNewestAuditEntry(_ candidates: [(seq: Int, head: [UInt8])])
    /// Whether each group locks and checks the versions of the customers its jobs rely on
    /// (`TranscriptRecords.readAhead`): on an engine whose keyring several daemons share and
    /// whose writer can reach its customer rows (PostgreSQL with the keyring beside the data).
    /// Read before each group, after `beginGroup` (which may turn it on), and from any thread.
    var checksCustomerVersions: Bool { get }
    /// Opens the group's write transaction for a group whose jobs rely on `customers`
    /// (deduplicated handles; empty when none does). An engine whose keyring is in another
    /// database locks them there first (the keyring guard) and answers
    /// `lockedCustomerVersion` from that; the others open as `beginGroup()`.
    func beginGroup(relyingOn customers: [[UInt8]]) throws
    /// Whether the data transaction's read-ahead locks the customers (`readAhead(customers:)`):
    /// true where the keyring is beside the data; false where `beginGroup(relyingOn:)` locked
    /// them elsewhere.
    var locksCustomersInData: Bool { get }
    /// After the group: `committed` true once its COMMIT returned (or was found committed),
    /// before any job is answered; false on every path that undid it. Tells whether the
    /// customers locked by `beginGroup(relyingOn:)` stayed locked until the commit was visible.
    func endGroup(committed: Bool) -> CustomerLockOutcome
}

/// Whether a group's lock on the customers it relied on held until its commit was visible.
package enum CustomerLockOutcome: Equatable {
    /// Held (or nothing was locked outside the data's transaction).
    case held
    /// Lost at some point before it could be confirmed: `now` is each customer's version as
    /// read again afterwards (absent: erased), nil when it could not be read; `holdsMoved`:
    /// customers whose hold state a job of the group acted on, and whose hold or release
    /// count has moved since the group locked them (all such customers when `now` is nil).
    case lapsed(now: [[UInt8]: Int64]?, holdsMoved: Set<[UInt8]>)
}

extension GroupCommitConnection {
    package var checksCustomerVersions: Bool { false }
    package func beginGroup(relyingOn customers: [[UInt8]]) throws { try beginGroup() }
    package var locksCustomersInData: Bool { true }
    package func endGroup(committed: Bool) -> CustomerLockOutcome { .held }
    /// Writes that fail, fail in their job's body (SQLite).
    package func mayBeOneJobsFailure(_ error: any Error) -> Bool { false }
    /// The embedded store is this daemon's alone (its state folder's lock) and never drops.
    package func expectNewestAuditEntry(_ candidates: [(seq: Int, head: [UInt8])]) {}
}

/// The single writer of the data store. Callers on any thread submit a write and block
/// until it is committed and durable; the writer thread takes everything queued and commits
/// it as one transaction (group commit), so throughput grows with concurrency while every
/// acknowledged write is durable. The engine's side is a `GroupCommitConnection`.
///
/// One failing job undoes only itself (a savepoint each; replayable jobs skip theirs unless
/// one of the group fails, then the group runs again with them); its audit entry (success
/// or failure) is written in the same transaction. If the audit entry or
/// the commit fails, every job of the group fails with `unavailable` and nothing persists.
package final class GroupCommitWriter: TranscriptWriter, @unchecked Sendable {
    private let connection: any GroupCommitConnection
    /// Whether groups check the versions of the customers their jobs rely on (`Job.reliesOn`).
    var checksCustomerVersions: Bool { connection.checksCustomerVersions }
    /// `connection.records`, fetched once.
    private let db: any TranscriptRecords
    /// This daemon's audit chain in `db`.
    private let log: any AuditLogStorage
    private let chain: AuditChain
    private let clock: any Clock
    private let maxGroupSize: Int
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false
    private var stopped = false
    /// Set after a failed fsync: like PostgreSQL, never retry and pretend.
    private var fatalWriteError: String?
    private var thread: Thread?
    private(set) var stats = WriterStatistics()

    /// One queued write.
    final class Job: @unchecked Sendable {
        let context: AuditContext
        var customerRef: [UInt8]?
        /// The body writes nothing but the database and may run twice, so it can go without
        /// a savepoint of its own (see `commit`).
        let replayable: Bool
        /// The session the body looks up, read ahead with the group's others.
        let readsSession: SessionKey?
        /// The customer whose cached keys the request used, and their version: the job fails
        /// without running (`StoreError.customerChanged`) when the customer's row is no
        /// longer at that version, where the engine checks (`checksCustomerVersions`).
        let reliesOn: CustomerVersion?
        /// More customers whose rows the group locks for the body to compare (retention:
        /// `TranscriptRecords.lockedCustomerHoldChanges`).
        let locksCustomers: [[UInt8]]
        let body: (any TranscriptRecords, Timestamp) throws -> Any
        var result: Result<Any, StoreError>?
        /// The audit entry recorded for this job, once committed.
        var entry: AuditEntry?
        /// Signalled once `result` is set: each waiter sleeps on its own job, so a commit
        /// wakes exactly the threads it answers.
        let done = DispatchSemaphore(value: 0)
        /// A record the writer owes the store and no caller waits for (after a lapsed keyring
        /// guard: a purge record, `store.reply-withheld`, `store.hold-raced`): a group that
        /// fails puts it back in the queue instead of failing it (session 20's attack review:
        /// lost with a failed group, a purge record left an erased customer's rows for good).
        var owed = false
        init(context: AuditContext, customerRef: [UInt8]?, replayable: Bool, readsSession: SessionKey?, reliesOn: CustomerVersion?,
             locksCustomers: [[UInt8]] = [], body: @escaping (any TranscriptRecords, Timestamp) throws -> Any) {
            self.context = context
            self.customerRef = customerRef
            self.replayable = replayable
            self.readsSession = readsSession
            self.reliesOn = reliesOn
            self.locksCustomers = locksCustomers
            self.body = body
        }
    }

    /// A group whose COMMIT went out and whose outcome the engine could not learn (the
    /// server stayed away): the chain as it would stand had it committed, and its last
    /// entry. Settled by reading that entry back before the next group: without that, a
    /// group that did commit leaves the chain's head behind the table, and every later
    /// group fails on the duplicate seq until the daemon restarts.
    private var undecided: (chain: AuditChain.Snapshot, seq: Int, head: [UInt8])?

    /// The newest signed checkpoint committed, for keys.db's anchor (under `condition`).
    private var committedCheckpoint: (seq: Int, head: [UInt8])?
    /// The seq of the newest audit entry committed (under `condition`).
    private var committedSeq = 0
    /// The seq of the newest audit entry committed.
    package var lastCommittedSeq: Int {
        condition.lock()
        defer { condition.unlock() }
        return committedSeq
    }
    /// The newest signed checkpoint the writer has committed.
    package var latestCheckpoint: (seq: Int, head: [UInt8])? {
        condition.lock()
        defer { condition.unlock() }
        return committedCheckpoint
    }
    /// The audit chain's keyed MAC (for verification).
    package var auditMAC: AuditMAC { chain.keyed }

    /// Told when a committed group's keyring guard lapsed: how many customers' replies were
    /// withheld or relabelled, and whether the keyring could not be asked (the daemon logs
    /// `store.keyring_guard.lost`).
    private let guardLost: (@Sendable (_ suspectCustomers: Int, _ recheckFailed: Bool) -> Void)?

    package init(connection: any GroupCommitConnection, chain: AuditChain, clock: any Clock, maxGroupSize: Int,
                 guardLost: (@Sendable (_ suspectCustomers: Int, _ recheckFailed: Bool) -> Void)? = nil) {
        self.guardLost = guardLost
        self.connection = connection
        self.db = connection.records
        self.log = connection.records.auditLog(chain: chain.chainID)
        self.chain = chain
        self.clock = clock
        self.maxGroupSize = max(1, maxGroupSize)
        committedSeq = chain.lastSeq
        committedCheckpoint = chain.lastCheckpoint
        connection.expectNewestAuditEntry([(chain.lastSeq, chain.head)])
    }

    package func start() {
        thread = startNamedThread("confide-writer", stackSize: 1 << 20) { [self] in self.run() }
    }

    /// Like `write`, also returning the job's own audit entry (seq and chain head), which
    /// erasure receipts cite.
    package func writeRecordingEntry<T>(_ context: AuditContext, customerRef: [UInt8]?, replayable: Bool = false, readsSession: SessionKey? = nil,
                                        reliesOn: CustomerVersion? = nil, locksCustomers: [[UInt8]] = [],
                                _ body: @escaping (any TranscriptRecords, Timestamp) throws -> T) throws(StoreError) -> (value: T, entry: AuditEntry) {
        let job = Job(context: context, customerRef: customerRef, replayable: replayable, readsSession: readsSession, reliesOn: reliesOn,
                      locksCustomers: locksCustomers) { db, now in
            try body(db, now) as Any
        }
        condition.lock()
        if stopping {
            condition.unlock()
            throw .unavailable("the daemon is shutting down; nothing was changed")
        }
        queue.append(job)
        condition.signal()
        condition.unlock()
        job.done.wait()
        switch job.result {
        case .success(let value)?:
            // The writer sets the entry with every success, and the value is the body's own `T`.
            guard let value = value as? T, let entry = job.entry else {
                throw .internal("the writer answered a job without its value or audit entry")
            }
            return (value, entry)
        case .failure(let error)?: throw error
        case nil: throw .internal("the writer woke a job it had not answered")
        }
    }

    /// Signs a checkpoint over the current head in the next group (audited as `context`).
    /// Returns the entry recording it (which the checkpoint does not cover: it is the next one).
    @discardableResult
    package func signCheckpoint(_ context: AuditContext) throws(StoreError) -> AuditEntry {
        let chain = self.chain
        let (_, entry): (Void, AuditEntry) = try writeRecordingEntry(context, customerRef: nil) { db, now in
            try chain.checkpointIfDue(at: now, in: self.log, force: true)
        }
        return entry
    }

    /// Stops taking jobs, finishes the queued ones, signs a final checkpoint, and joins.
    package func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    /// Jobs waiting for the next group.
    package var queued: Int {
        condition.lock(); defer { condition.unlock() }
        return queue.count
    }

    /// The writer's statistics, read under its lock.
    package func snapshotStats() -> WriterStatistics {
        condition.lock(); defer { condition.unlock() }
        return stats
    }


    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty && stopping {
                condition.unlock()
                break
            }
            let group = Array(queue.prefix(maxGroupSize))
            queue.removeFirst(group.count)
            // Counted when formed, before any of its jobs is answered: a caller that reads the
            // statistics after its reply sees its own group.
            stats.largestGroup = max(stats.largestGroup, group.count)
            stats.groupSizes.observe(Double(group.count))
            condition.unlock()

            commit(group)
            let caughtUp = connection.afterGroup()

            condition.lock()
            if caughtUp { stats.walCatchUps += 1 }
            stats.commits += 1
            stats.jobs += group.count
            condition.unlock()
        }
        // Shutdown: a signed checkpoint over the final head (settled first, if it can be).
        try? settleUndecided()
        let signed = (try? connection.inOwnTransaction { try chain.checkpointIfDue(at: clock.now(), in: log, force: true) }) != nil
        condition.lock()
        if signed { committedCheckpoint = chain.lastCheckpoint }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Answers every job of a group that failed whole with `error`, but puts the records
    /// the writer owes (`Job.owed`) back at the front of the queue, to be written by a later
    /// group (after a pause, so a store that stays away is not asked in a busy loop). Only a
    /// daemon stopping while the store is away drops them (logged by the start's orphan check).
    private func fail(_ group: [Job], _ error: StoreError) {
        let owed = group.filter(\.owed)
        for job in group where !job.owed { job.result = .failure(error); job.done.signal() }
        guard !owed.isEmpty else { return }
        condition.lock()
        let keep = !stopping
        if keep { queue.insert(contentsOf: owed, at: 0) }
        condition.unlock()
        if keep { usleep(100_000) } else { owed.forEach { $0.done.signal() } }
    }

    /// Runs one group in one transaction and sets every job's result.
    private func commit(_ group: [Job]) {
        if let fatal = fatalWriteError {
            fail(group, .unavailable(fatal))
            return
        }
        if undecided != nil {
            do { try settleUndecided() } catch {
                let reason = "the outcome of an earlier write is still unknown and the store cannot be asked (\(error)); nothing was changed"
                fail(group, .unavailable(reason, cause: StoreError(error).cause))
                return
            }
        }
        let now = clock.now()
        let before = chain.snapshot()
        var committing: AuditChain.Snapshot?
        var outcomes: [(Result<Any, StoreError>, AuditEntry?)]?
        let sessions = group.compactMap(\.readsSession)
        // Replayable jobs run without savepoints of their own: nearly every group succeeds
        // whole. If one fails, nothing says how far it got, so the group is undone and run
        // again with one savepoint per job.
        var isolated = !group.allSatisfy(\.replayable)
        var seenCustomers = Set<[UInt8]>()
        // The customers the jobs rely on, and those retention compares (`locksCustomers`).
        let relied = group.flatMap { ($0.reliesOn.map { [$0.handle] } ?? []) + $0.locksCustomers }.filter { seenCustomers.insert($0).inserted }
        do {
            var commitSeconds = 0.0
            while true {
                do {
                    committing = nil
                    // The customers are locked before the data transaction takes any lock (the
                    // keyring guard, when the keyring is elsewhere: docs/design/keyring-elsewhere.md 3.2).
                    try connection.beginGroup(relyingOn: relied)
                    // Asked after `beginGroup`, which may have turned the check on (PostgreSQL).
                    let customers = connection.checksCustomerVersions && connection.locksCustomersInData ? relied : []
                    try db.readAhead(sessions: sessions, customers: customers)
                    outcomes = try run(group, at: now, isolated: isolated)
                    if outcomes == nil {
                        _ = connection.endGroup(committed: false)
                        connection.rollbackGroup()
                        chain.restore(before)
                        isolated = true
                        continue
                    }
                    try chain.checkpointIfDue(at: now, in: log)
                    try chain.sealHead(in: log)
                    let commitStarted = MonotonicClock.seconds()
                    committing = chain.snapshot()
                    // From here the store's newest entry may be this group's: a reconnect that
                    // learns the COMMIT's outcome must not take it for another daemon's.
                    connection.expectNewestAuditEntry([(before.nextSeq - 1, before.head), (chain.lastSeq, chain.head)])
                    do { try connection.commitGroup() }
                    catch let e where connection.committedDespite(e, chain: chain.chainID, headSeq: chain.lastSeq, head: chain.head) {}  // it did commit: answer as such
                    commitSeconds = MonotonicClock.seconds() - commitStarted
                    break
                } catch where !isolated && connection.mayBeOneJobsFailure(error) {
                    // A write sent without waiting failed, whose job is not known: again, a savepoint each.
                    _ = connection.endGroup(committed: false)
                    connection.rollbackGroup()
                    chain.restore(before)
                    isolated = true
                }
            }
            connection.expectNewestAuditEntry([(chain.lastSeq, chain.head)])
            // Before any job is answered: a caller that signed a checkpoint sees it here.
            condition.lock()
            stats.commitSeconds.observe(commitSeconds)
            committedCheckpoint = chain.lastCheckpoint
            committedSeq = chain.lastSeq
            condition.unlock()
        } catch {
            // The audit entry or the commit failed: fail closed, nothing of the group persists
            // (unless a COMMIT that went out did commit: settled before the next group).
            if let committing {
                undecided = (committing, committing.nextSeq - 1, committing.head)
            } else {
                connection.expectNewestAuditEntry([(before.nextSeq - 1, before.head)])
            }
            _ = connection.endGroup(committed: false)
            connection.rollbackGroup()
            chain.restore(before)
            let (reason, cause, refuseFromNowOn) = connection.failure(of: error)
            if let refuseFromNowOn { fatalWriteError = refuseFromNowOn }
            fail(group, .unavailable(reason, cause: cause))
            return
        }
        // Committed: whether the customers stayed locked until the commit was visible decides
        // what may be answered (docs/design/keyring-elsewhere.md 2.3).
        if case .lapsed(let now, let holdsMoved) = connection.endGroup(committed: true) {
            outcomes = answersAfterALapse(group, outcomes!, now: now, holdsMoved: holdsMoved)
        }
        for (job, (result, entry)) in zip(group, outcomes!) {
            // A job failed by the customer check has no entry: its request is not recorded yet.
            if entry != nil { job.context.ticket?.committed(method: job.context.method) }
            job.entry = entry
            job.result = result
            job.done.signal()
        }
    }

    /// A committed group whose lock on its customers (the keyring guard) lapsed before it
    /// was confirmed: another daemon may have erased one of them after its request took the
    /// keys, and before this commit was visible. Per job that ran relying on a customer:
    /// found at the same or a newer version, answered as it is (a new generation revokes
    /// nothing); found erased (`now` lacks it), a read is withheld (its audit entry stands,
    /// its plaintext is not handed out) and a write answers -32004, erased with the customer;
    /// not known (`now` nil), reads are withheld and writes answer -32005, committed but
    /// perhaps erased. For every write whose customer is erased or not known a purge record
    /// is queued: rows that landed after the other daemon's purge are removed, and the purge
    /// removes nothing while the keys exist. A write that acted on a hold state (a delete, a
    /// replacing put, retention) whose customer's hold count moved meanwhile answers -32005,
    /// committed while a hold may have been placed, and an alarm `store.hold-raced` is
    /// audited under the customer (design 8.1, reopened by the lapse: it cannot be undone).
    /// A job the writer owes the store (`Job.owed`).
    private func owedJob(context: AuditContext, customerRef: [UInt8]?, replayable: Bool, readsSession: SessionKey?, reliesOn: CustomerVersion?,
                         body: @escaping (any TranscriptRecords, Timestamp) throws -> Any) -> Job {
        let job = Job(context: context, customerRef: customerRef, replayable: replayable, readsSession: readsSession, reliesOn: reliesOn, body: body)
        job.owed = true
        return job
    }

    private func answersAfterALapse(_ group: [Job], _ outcomes: [(Result<Any, StoreError>, AuditEntry?)],
                                    now: [[UInt8]: Int64]?, holdsMoved: Set<[UInt8]>) -> [(Result<Any, StoreError>, AuditEntry?)] {
        var answers = outcomes
        var purges: [(handle: [UInt8], ref: [UInt8]?)] = []
        var withheld: [(seq: Int, ref: [UInt8]?)] = []
        var holdRaces: [(seq: Int, ref: [UInt8]?)] = []
        var suspect = Set<[UInt8]>()
        for (i, job) in group.enumerated() {
            guard answers[i].1 != nil, case .success = answers[i].0, job.reliesOn?.byARead != true else { continue }
            let raced = ((job.reliesOn.map { [$0.handle] } ?? []) + job.locksCustomers).filter(holdsMoved.contains)
            guard !raced.isEmpty, let entry = answers[i].1 else { continue }
            suspect.formUnion(raced)
            answers[i].0 = .failure(.writeCommittedAHoldMayHaveRaced)
            holdRaces.append((entry.seq, job.customerRef))
            // Erased meanwhile, or not known: what it wrote (a replacing put) is purged with it.
            if let handle = job.reliesOn?.handle, now?[handle] == nil, !purges.contains(where: { $0.handle == handle }) {
                purges.append((handle, job.customerRef))
            }
        }
        for (i, job) in group.enumerated() {
            guard let relied = job.reliesOn, answers[i].1 != nil, case .success = answers[i].0 else { continue }
            if let now, now[relied.handle] != nil { continue }
            suspect.insert(relied.handle)
            if relied.byARead {
                answers[i].0 = .failure(.readWithheldAsTheCustomerMayBeErased)
                if let entry = answers[i].1 { withheld.append((entry.seq, job.customerRef)) }
            } else {
                answers[i].0 = .failure(now == nil ? .writeCommittedCustomerMayBeErased : .writeErasedWithTheCustomer)
                if !purges.contains(where: { $0.handle == relied.handle }) { purges.append((relied.handle, job.customerRef)) }
            }
        }
        guardLost?(suspect.count, now == nil)
        condition.lock()
        stats.guardLost += 1
        for (handle, ref) in purges {
            queue.insert(owedJob(context: .daemon("store.keyring-guard.purge-recorded"), customerRef: ref, replayable: false, readsSession: nil,
                             reliesOn: nil) { db, now in try db.recordPurge(handle: handle, at: now) }, at: 0)
        }
        // The read's own entry says "ok" for a read that handed nothing out: the next group
        // says so under the customer.
        for (seq, ref) in withheld {
            var context = AuditContext.daemon("store.reply-withheld")
            context.detail = "seq=\(seq)"
            queue.insert(owedJob(context: context, customerRef: ref, replayable: true, readsSession: nil, reliesOn: nil) { _, _ in () }, at: 0)
        }
        for (seq, ref) in holdRaces {
            var context = AuditContext.daemon("store.hold-raced")
            context.detail = now == nil ? "seq=\(seq) keyring=unreachable" : "seq=\(seq)"
            queue.insert(owedJob(context: context, customerRef: ref, replayable: true, readsSession: nil, reliesOn: nil) { _, _ in () }, at: 0)
        }
        if !purges.isEmpty || !withheld.isEmpty || !holdRaces.isEmpty { condition.signal() }
        condition.unlock()
        return answers
    }

    /// Reads back the last entry of the undecided group: there with its hash, the group
    /// committed and the chain goes on from its end; absent, it did not. Throws when the
    /// store cannot be asked (the group waits, and `undecided` stays).
    private func settleUndecided() throws {
        guard let (after, seq, head) = undecided else { return }
        let found = try connection.inOwnTransaction { try log.auditHash(seq: seq) }
        undecided = nil
        guard found == head else {  // not committed (another hash there fails the next group's insert)
            connection.expectNewestAuditEntry([(chain.lastSeq, chain.head)])
            return
        }
        chain.restore(after)
        connection.expectNewestAuditEntry([(chain.lastSeq, chain.head)])
        condition.lock()
        committedCheckpoint = chain.lastCheckpoint
        committedSeq = chain.lastSeq
        condition.unlock()
    }

    /// Runs every job of `group` in the open transaction and appends its audit entry (the
    /// outcome "ok" or the error's code). `isolated`: each job in its own savepoint, so a
    /// failing one undoes only itself. Not isolated: nil as soon as any job fails, for the
    /// caller to undo the group. Throws only when an audit entry cannot be written.
    private func run(_ group: [Job], at now: Timestamp, isolated: Bool) throws -> [(Result<Any, StoreError>, AuditEntry?)]? {
        var outcomes: [(Result<Any, StoreError>, AuditEntry?)] = []
        outcomes.reserveCapacity(group.count)
        for job in group {
            // The customer changed (another daemon) since the request took its keys: the job
            // neither runs nor is audited; the store runs the request again with fresh keys,
            // and that run is audited.
            if let relied = job.reliesOn, let current = db.lockedCustomerVersion(handle: relied.handle), current != relied.version {
                outcomes.append((.failure(.customerChanged), nil))
                continue
            }
            let result: Result<Any, StoreError>
            var recordedOutcome: Int? = nil
            do {
                result = .success(isolated ? try connection.savepoint { try job.body(db, now) } : try job.body(db, now))
            } catch is RunTheRequestAgain {
                // Undone (its savepoint; not isolated, the group runs again isolated) and,
                // like a changed customer, not audited: the store runs the request again.
                guard isolated else { return nil }
                outcomes.append((.failure(.customerChanged), nil))
                continue
            } catch let only as OutcomeOnly {
                // An audit-only job recording a refused or failed call (thrown before it
                // writes anything): the entry is the result.
                result = .success(())
                recordedOutcome = only.code
            } catch {
                guard isolated else { return nil }
                result = .failure(StoreError(error))
            }
            let outcome: String
            switch result {
            case .success: outcome = recordedOutcome.map(String.init) ?? "ok"
            case .failure(let e): outcome = String(e.code)
            }
            var context = job.context
            if case .success(let value) = result, let detail = (value as? AuditDetailCarrying)?.auditDetail { context.detail = detail }
            outcomes.append((result, try chain.append(context, customerRef: job.customerRef, outcome: outcome, at: now, in: log)))
        }
        return outcomes
    }
}

/// Thrown by a write body that found the store not as its request assumed when it was
/// queued (a `session.put` queued for a new session finds one): its writes are undone, no
/// entry is written, and the caller answers `customerChanged`, so the store runs the request
/// again, and that run is audited.
struct RunTheRequestAgain: Error {}

/// A write body's result that adds a detail to its own audit entry, known only once the
/// body ran (what a redacting session write replaced). Returned by the body in place of
/// its value; the caller unwraps it.
protocol AuditDetailCarrying {
    var auditDetail: String? { get }
}
