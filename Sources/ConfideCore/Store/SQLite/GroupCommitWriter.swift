import ConfideStorage
import ConfideSystem
import Foundation

/// Group-commit counters for `system.stats` (and the Prometheus metrics made from it).
public struct WriterStatistics: Sendable {
    public var commits = 0
    /// Writes committed (jobs in all groups).
    public var jobs = 0
    public var largestGroup = 0
    /// Checkpoints the writer ran itself to bound the WAL.
    public var walCatchUps = 0
    /// Writes per group commit.
    public var groupSizes = Histogram(bounds: Histogram.groupSizes)
    /// Seconds spent in each successful `COMMIT`: writing the WAL frames and the fsync
    /// that makes the group durable (synchronous=FULL).
    public var commitSeconds = Histogram(bounds: Histogram.latencySeconds)
}

/// The single writer of data.db. Callers on any thread submit a write and block until it
/// is committed and synced; the writer thread takes everything queued and commits it as
/// one transaction (group commit), so throughput grows with concurrency while every
/// acknowledged write is durable.
///
/// One failing job undoes only itself (a savepoint each; replayable jobs skip theirs unless
/// one of the group fails, then the group runs again with them); its audit entry (success
/// or failure) is written in the same transaction. If the audit entry or
/// the commit fails, every job of the group fails with `unavailable` and nothing persists.
///
/// The WAL is checkpointed by a background thread (`WALCheckpointer`), but under steady
/// load that checkpoint never catches up with the writer, and SQLite restarts the WAL from
/// its beginning only once every frame is checkpointed. So when the WAL passes
/// `walCheckpointFrames`, the writer checkpoints between groups itself: it copies only
/// what the background pass has not, and the next commit starts the WAL over.
final class GroupCommitWriter: TranscriptWriter, @unchecked Sendable {
    private let db: Database
    private let chain: AuditChain
    private let clock: any Clock
    private let maxGroupSize: Int
    private let walCheckpointFrames: Int
    private var commitsSinceCatchUp = 0
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
        let body: (any TranscriptRecords, Timestamp) throws -> Any
        var result: Result<Any, StoreError>?
        /// The audit entry recorded for this job, once committed.
        var entry: AuditEntry?
        /// Signalled once `result` is set: each waiter sleeps on its own job, so a commit
        /// wakes exactly the threads it answers.
        let done = DispatchSemaphore(value: 0)
        init(context: AuditContext, customerRef: [UInt8]?, replayable: Bool, body: @escaping (any TranscriptRecords, Timestamp) throws -> Any) {
            self.context = context
            self.customerRef = customerRef
            self.replayable = replayable
            self.body = body
        }
    }

    /// The newest signed checkpoint committed, for keys.db's anchor (under `condition`).
    private var committedCheckpoint: (seq: Int, head: [UInt8])?
    /// The seq of the newest audit entry committed (under `condition`).
    private var committedSeq = 0
    /// The seq of the newest audit entry committed.
    var lastCommittedSeq: Int {
        condition.lock()
        defer { condition.unlock() }
        return committedSeq
    }
    /// The newest signed checkpoint the writer has committed.
    var latestCheckpoint: (seq: Int, head: [UInt8])? {
        condition.lock()
        defer { condition.unlock() }
        return committedCheckpoint
    }
    /// The audit chain's keyed MAC (for verification).
    var auditMAC: AuditMAC { chain.keyed }

    init(db: Database, chain: AuditChain, clock: any Clock, maxGroupSize: Int, walCheckpointFrames: Int) {
        self.db = db
        self.chain = chain
        self.clock = clock
        self.maxGroupSize = max(1, maxGroupSize)
        self.walCheckpointFrames = max(1, walCheckpointFrames)
        committedSeq = chain.lastSeq
        committedCheckpoint = chain.lastCheckpoint
    }

    func start() {
        thread = startNamedThread("confide-writer", stackSize: 1 << 20) { [self] in self.run() }
    }

    /// Like `write`, also returning the job's own audit entry (seq and chain head), which
    /// erasure receipts cite.
    func writeRecordingEntry<T>(_ context: AuditContext, customerRef: [UInt8]?, replayable: Bool = false,
                                _ body: @escaping (any TranscriptRecords, Timestamp) throws -> T) throws(StoreError) -> (value: T, entry: AuditEntry) {
        let job = Job(context: context, customerRef: customerRef, replayable: replayable) { db, now in try body(db, now) as Any }
        condition.lock()
        if stopping {
            condition.unlock()
            throw .unavailable("the daemon is shutting down; nothing was changed")
        }
        queue.append(job)
        condition.signal()
        condition.unlock()
        job.done.wait()
        switch job.result! {
        case .success(let value): return (value as! T, job.entry!)
        case .failure(let error): throw error
        }
    }

    /// Signs a checkpoint over the current head in the next group (audited as `context`).
    /// Returns the entry recording it (which the checkpoint does not cover: it is the next one).
    @discardableResult
    func signCheckpoint(_ context: AuditContext) throws(StoreError) -> AuditEntry {
        let chain = self.chain
        let (_, entry): (Void, AuditEntry) = try writeRecordingEntry(context, customerRef: nil) { db, now in
            try chain.checkpointIfDue(at: now, in: db, force: true)
        }
        return entry
    }

    /// Stops taking jobs, finishes the queued ones, signs a final checkpoint, and joins.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    /// Jobs waiting for the next group.
    var queued: Int {
        condition.lock(); defer { condition.unlock() }
        return queue.count
    }

    /// The writer's statistics, read under its lock.
    func snapshotStats() -> WriterStatistics {
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
            let caughtUp = boundWAL()

            condition.lock()
            if caughtUp { stats.walCatchUps += 1 }
            stats.commits += 1
            stats.jobs += group.count
            condition.unlock()
        }
        // Shutdown: a signed checkpoint over the final head.
        let signed = (try? db.transaction { try chain.checkpointIfDue(at: clock.now(), in: db, force: true) }) != nil
        condition.lock()
        if signed { committedCheckpoint = chain.lastCheckpoint }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Checkpoints on the writer's own connection when the WAL is past its bound, after the
    /// group's replies are out. PASSIVE: it skips what the background pass already copied,
    /// and gives up at once (to try again later) if that pass is running. At most once every
    /// 16 commits, in case an open read keeps the WAL from restarting.
    private func boundWAL() -> Bool {
        commitsSinceCatchUp += 1
        guard db.walFrames >= walCheckpointFrames, commitsSinceCatchUp >= 16 else { return false }
        commitsSinceCatchUp = 0
        return (try? db.checkpoint(truncate: false)) != nil
    }

    /// Runs one group in one transaction and sets every job's result.
    private func commit(_ group: [Job]) {
        if let fatal = fatalWriteError {
            for job in group { job.result = .failure(.unavailable(fatal)); job.done.signal() }
            return
        }
        let now = clock.now()
        let before = chain.snapshot()
        var outcomes: [(Result<Any, StoreError>, AuditEntry)]?
        do {
            try db.begin(immediate: true)
            // Replayable jobs run without savepoints of their own: nearly every group succeeds
            // whole. If one fails, nothing says how far it got, so the group is undone and run
            // again with one savepoint per job.
            let optimistic = group.allSatisfy(\.replayable)
            outcomes = try run(group, at: now, isolated: !optimistic)
            if outcomes == nil {
                db.rollbackIfOpen()
                chain.restore(before)
                try db.begin(immediate: true)
                outcomes = try run(group, at: now, isolated: true)
            }
            try chain.checkpointIfDue(at: now, in: db)
            try chain.sealHead(in: db)
            let commitStarted = MonotonicClock.seconds()
            try db.commit()
            let commitSeconds = MonotonicClock.seconds() - commitStarted
            // Before any job is answered: a caller that signed a checkpoint sees it here.
            condition.lock()
            stats.commitSeconds.observe(commitSeconds)
            committedCheckpoint = chain.lastCheckpoint
            committedSeq = chain.lastSeq
            condition.unlock()
        } catch {
            // The audit entry or the commit failed: fail closed, nothing of the group persists.
            db.rollbackIfOpen()
            chain.restore(before)
            var reason: String
            var cause: StoreError.Cause? = nil
            if let e = error as? SQLiteError {
                cause = .storage(e)
                reason = "storage write failed: \(e.message); nothing was changed"
                if e.isFsyncFailure {
                    // After a failed flush the state of the disk is unknown: say so, and stop.
                    reason = "the disk failed to flush (\(e.message)): whether this write reached the disk is unknown; "
                        + "writes are refused until the daemon is restarted"
                    fatalWriteError = "writes refused after a failed fsync (\(e.message)); nothing was changed; check the disk and restart the daemon"
                }
            } else {
                reason = "storage write failed; nothing was changed"
                cause = StoreError(error).cause
            }
            for job in group { job.result = .failure(.unavailable(reason, cause: cause)); job.done.signal() }
            return
        }
        for (job, (result, entry)) in zip(group, outcomes!) {
            job.context.ticket?.committed(method: job.context.method)
            job.entry = entry
            job.result = result
            job.done.signal()
        }
    }

    /// Runs every job of `group` in the open transaction and appends its audit entry (the
    /// outcome "ok" or the error's code). `isolated`: each job in its own savepoint, so a
    /// failing one undoes only itself. Not isolated: nil as soon as any job fails, for the
    /// caller to undo the group. Throws only when an audit entry cannot be written.
    private func run(_ group: [Job], at now: Timestamp, isolated: Bool) throws -> [(Result<Any, StoreError>, AuditEntry)]? {
        var outcomes: [(Result<Any, StoreError>, AuditEntry)] = []
        outcomes.reserveCapacity(group.count)
        for job in group {
            let result: Result<Any, StoreError>
            var recordedOutcome: Int? = nil
            do {
                result = .success(isolated ? try db.savepoint { try job.body(db, now) } : try job.body(db, now))
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
            outcomes.append((result, try chain.append(context, customerRef: job.customerRef, outcome: outcome, at: now, in: db)))
        }
        return outcomes
    }
}

/// A write body's result that adds a detail to its own audit entry, known only once the
/// body ran (what a redacting session write replaced). Returned by the body in place of
/// its value; the caller unwraps it.
protocol AuditDetailCarrying {
    var auditDetail: String? { get }
}
