import Foundation
import Synchronization

/// The daemon's background jobs, run every `schedulerTickSeconds` (or at once on `wake()`):
/// KEK rotation when due, online re-wrap in short batches, destruction of unused KEK
/// versions, retention expiry, and removal of shredded customers' rows; and on every daemon,
/// leader or not, the audit anchor, the erasure ledger's sync (a shared store) and the data's
/// record of erasures left without a receipt (`mirrorErasuresWithoutReceipt`). Every job keeps
/// its state in the databases, so a crash at any point resumes where it stopped; every
/// run that does something is audited. Only the daemon that leads (`SchedulerLeadership`)
/// runs them; the others ask again every few seconds, so one takes over when the leader
/// stops or dies.
public final class Scheduler: Sendable {
    /// The last run of each job, for `keys.status` and `system.stats`.
    public struct JobState: Sendable {
        public var lastRunAt: Timestamp?
        public var lastOutcome = "never run"
        public var runs = 0
        public var itemsDone = 0
    }

    private unowned let store: TranscriptStore
    private let condition = NSCondition()
    private let flags = Mutex((stopping: false, stopped: false, woken: false, running: false, started: false))
    private let jobs = Mutex<[String: JobState]>([:])
    private let leadership: any SchedulerLeadership
    /// Whether the last run could not load the KEK versions (the store away).
    private let reloadFailing = Mutex(false)
    private let currentRole = Mutex(SchedulerRole(leads: false, leader: nil, problem: "the scheduler has not run yet"))

    init(store: TranscriptStore, leadership: any SchedulerLeadership) {
        self.store = store
        self.leadership = leadership
    }

    /// The job table.
    public var jobStates: [String: JobState] { jobs.withLock { $0 } }
    /// Whether this daemon leads, and who does, as of the last run.
    public var role: SchedulerRole { currentRole.withLock { $0 } }

    func start() {
        flags.withLock { $0.started = true }
        startNamedThread("confide-sched", niceness: 10) { [self] in loop() }
    }

    /// Runs the due jobs now rather than at the next tick.
    public func wake() {
        condition.lock()
        flags.withLock { $0.woken = true }
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        flags.withLock { $0.stopping = true }
        condition.broadcast()
        // Never started (`runsScheduler = false`): no loop will ever set `stopped`.
        while !flags.withLock({ $0.stopped || !$0.started }) { condition.wait() }
        condition.unlock()
        // No run can start any more: another daemon may lead from now on.
        leadership.resign()
    }

    private var stopping: Bool { flags.withLock { $0.stopping } }

    private func loop() {
        while !stopping {
            runOnce()
            condition.lock()
            // A daemon that does not lead asks again soon: the leader may be gone.
            let wait = role.leads ? store.options.schedulerTickSeconds : min(store.options.schedulerTickSeconds, leadership.followerPollSeconds)
            let deadline = Date().addingTimeInterval(wait)
            while !flags.withLock({ $0.stopping || $0.woken }) && Date() < deadline { _ = condition.wait(until: deadline) }
            flags.withLock { $0.woken = false }
            condition.unlock()
        }
        condition.lock()
        flags.withLock { $0.stopped = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Runs every due job once, in order. Public so tests can drive time with a manual
    /// clock instead of sleeping; safe to call while the loop runs (runs are serialized).
    public func runOnce() {
        condition.lock()
        while flags.withLock({ $0.running }) { condition.wait() }
        flags.withLock { $0.running = true }
        condition.unlock()
        defer {
            condition.lock()
            flags.withLock { $0.running = false }
            condition.broadcast()
            condition.unlock()
        }
        // A daemon that lost its store (another daemon served it while this one's connections
        // were down) serves nothing until restarted; its jobs' keyring writes would go on
        // unaudited, so it gives the lead to a daemon that can audit them.
        if store.lostTheStore {
            leadership.resign()
            currentRole.withLock { $0 = SchedulerRole(leads: false, leader: nil, problem: "this daemon lost its store (see system.health); it runs no job until restarted") }
            return
        }
        let role = leadership.holdLead()
        currentRole.withLock { $0 = role }
        // Another daemon (a leader before this one, or `keys.rotate` on any daemon) may have
        // rotated or destroyed KEK versions since this one loaded them: the re-wrap must move
        // DEKs to the active version as the store has it, and a destroyed version must not
        // live on in a follower's memory. One query and a few unwraps per run.
        do {
            try store.keyring.reloadKEKs()
            reloadFailing.withLock { $0 = false }
        } catch {
            // Logged when it starts failing, not at every 2 s poll of an outage.
            if !reloadFailing.withLock({ was in defer { was = true }; return was }) {
                store.options.onJobFailure?("kek-reload", "\(StoreError(error))")
            }
            return
        }
        // Every daemon signs and anchors its own audit chain (one per daemon over a shared
        // store), leader or not.
        run("audit-anchor") { try store.anchorAuditHead(); return 0 }
        if store.options.sharesStore && store.erasureLedger != nil { run("erasure-ledger-sync") { try store.syncErasureLedger() } }
        // Every daemon, leader or not: the sooner the data records an erasure, the sooner no
        // daemon serves a keyring copy from before it.
        if store.engine.mirrorsErasures { run("erasure-mirror") { try store.mirrorErasuresWithoutReceipt() } }
        guard role.leads else { return }
        run("kek-rotation", rotateKEKIfDue)
        run("rewrap", rewrap)
        run("kek-destroy", destroyUnusedKEKs)
        run("retention", expireSessions)
        run("purge", purgeShredded)
        run("audit-prune", pruneAudit)
    }

    private func run(_ name: String, _ job: () throws -> Int) {
        var outcome = "ok"
        var done = 0
        do { done = try job() } catch {
            outcome = "\(StoreError(error))"
            store.options.onJobFailure?(name, outcome)
            try? store.audit(.daemon("job.\(name)"), customerRef: nil, outcome: StoreError(error).code)
        }
        let now = store.clock.now()
        jobs.withLock { j in
            var s = j[name] ?? JobState()
            s.lastRunAt = now
            s.lastOutcome = outcome
            s.runs += 1
            s.itemsDone += done
            j[name] = s
        }
    }

    private func rotateKEKIfDue() throws -> Int {
        let status = try store.keyring.status()
        guard status.activeCreatedAt.adding(days: store.options.kekRotationDays) <= store.clock.now() else { return 0 }
        try store.keyring.rotateKEK()
        try store.audit(.daemon("job.kek-rotation"), customerRef: nil, outcome: nil)
        return 1
    }

    private func rewrap() throws -> Int {
        var total = 0
        while !stopping {
            let (moved, finished) = try store.keyring.rewrapBatch(limit: store.options.rewrapBatchSize)
            total += moved
            if finished { break }
        }
        if total > 0 { try store.audit(.daemon("job.rewrap"), customerRef: nil, outcome: nil) }
        return total
    }

    private func destroyUnusedKEKs() throws -> Int {
        let destroyed = try store.keyring.destroyUnusedKEKs()
        if !destroyed.isEmpty { try store.audit(.daemon("job.kek-destroy"), customerRef: nil, outcome: nil) }
        return destroyed.count
    }

    /// Deletes expired sessions in batches, skipping customers under legal hold.
    private func expireSessions() throws -> Int {
        var total = 0
        // Pages through due sessions by (expires_at, id), so held sessions (kept, not deleted)
        // never fill every page and starve the expiry of later ones.
        var after = (expiresAt: Int64.min, id: Int64.min)
        while !stopping {
            let now = store.clock.now()
            let due = try store.readers.read { db in try db.dueSessions(at: now, after: after, limit: 200) }
            guard let last = due.last else { break }
            after = (last.expiresAt, last.id)
            // Holds wait while a delete is decided and committed, so each delete is kept small:
            // sessions of up to `retentionBatchMessages` messages in all (at least one session).
            var batches: [[(id: Int64, handle: [UInt8])]] = [[]]
            var messages = 0
            for row in due {
                // Counts come from the file: clamped, so an edited one cannot overflow the sum.
                let rowMessages = min(max(0, row.messages), Scheduler.retentionBatchMessages)
                if !batches[batches.count - 1].isEmpty && messages + rowMessages > Scheduler.retentionBatchMessages {
                    batches.append([])
                    messages = 0
                }
                batches[batches.count - 1].append((row.id, row.handle))
                messages += rowMessages
            }
            for batch in batches where !batch.isEmpty && !stopping {
                total += try expire(batch, now: now)
            }
        }
        if total > 0 { store.checkpointer.requestScrub() }
        return total
    }

    /// Most messages one retention delete removes while holds wait for it.
    static let retentionBatchMessages = 5_000

    /// Deletes the sessions of `batch` that are still due and whose customer is not held.
    /// Held customers keep their sessions: decided while no hold can commit, and the delete
    /// commits before any can, so a hold either came first and wins, or comes after.
    private func expire(_ batch: [(id: Int64, handle: [UInt8])], now: Timestamp) throws -> Int {
        try store.keyring.withHoldStatesFrozen(Set(batch.map(\.handle))) { states -> Int in
            let expire = batch.filter { states[$0.handle]?.held == false }
            if expire.isEmpty { return 0 }
            store.keyring.racePoints.reach(.retentionChosen)
            let customers = Array(Set(expire.map(\.handle)))
            return try store.writer.write(.daemon("job.retention"), customerRef: nil, locksCustomers: customers) { db, _ in
                var expired = 0
                for (id, handle) in expire {
                    // A hold or release committed since the freeze (the keyring's session lost
                    // meanwhile, so another daemon's could): keep the session for the next run.
                    if let locked = db.lockedCustomerHoldChanges(handle: handle), locked != states[handle]?.holdChanges { continue }
                    // Read again inside the write: an append since the page was read moved the
                    // expiry forward (and the chain's end), and a delete may have removed it.
                    guard let last = try db.dueSessionLastChunk(id: id, at: now) else { continue }
                    try ChunkChain.deleteAll(session: id, last: last, in: db)
                    try db.deleteSession(id: id)
                    expired += 1
                }
                return expired
            }
        }
    }

    /// Deletes audit entries older than `auditRetentionDays`, up to the newest signed
    /// checkpoint among them. That checkpoint is kept: it signs the hash the first kept entry
    /// chains from, so the pruned log still verifies. Older checkpoints go with their entries.
    private func pruneAudit() throws -> Int {
        let days = store.options.auditRetentionDays
        guard days > 0 else { return 0 }
        let cutoff = store.clock.now().adding(days: -days)
        // Every registered chain of the store (one per daemon on PostgreSQL): the leader prunes
        // them all. A chain the registry does not list is `audit verify`'s finding, not a reason
        // to stop pruning the others (session 18's attack review: one row written under an
        // unknown chain stopped audit retention for every chain).
        let registered = (try? store.keyring.auditAnchors().map(\.chain)) ?? [store.auditChainID]
        var pruned = 0
        for chain in Set([store.auditChainID] + registered).sorted() {
            let found = try store.readers.read { db -> (anchor: Int?, last: Int?, checkpoints: [Int]) in
                let log = db.auditLog(chain: chain)
                return (try log.newestCheckpointBefore(cutoff), try log.newestAuditEntry()?.seq, try log.auditCheckpoints().map(\.seq))
            }
            // Never through a chain's last entry: this daemon's own prune appends its entry
            // first, but another daemon's chain (a daemon stopped, or killed) may end on its
            // checkpoint, and pruning through it would leave a checkpoint that vouches for
            // entries no longer there (session 18's attack review: verify failed for the whole
            // store, and that daemon could not start again). Then the newest older checkpoint.
            guard var anchor = found.anchor, let last = found.last else { continue }
            if anchor >= last && chain != store.auditChainID {
                guard let older = found.checkpoints.filter({ $0 < last && $0 <= anchor }).max() else { continue }
                anchor = older
            }
            let head = try store.readers.read { db in try db.auditLog(chain: chain).checkpointHead(seq: anchor) }
            try store.recordAuditPrune(to: anchor, chain: chain, head: head)
            pruned += try store.writer.write(.daemon("job.audit-prune"), customerRef: nil) { db, _ in
                try db.auditLog(chain: chain).pruneAudit(through: anchor)
            }
        }
        return pruned
    }

    /// Removes the rows of shredded customers (unreadable since their shred) in batches.
    private func purgeShredded() throws -> Int {
        let records = try store.readers.read { db in try db.pendingPurges() }
        var done = 0
        let staleBefore = store.clock.now().milliseconds - TranscriptStore.stalePurgeRecordMilliseconds
        for (handle, requestedAt) in records where !stopping {
            // Only a customer whose keys are gone is purged; anything else is a stale record,
            // unless a shred of the customer is under way (its intent is committed, its erasure
            // point is not): on this daemon, decided on the writer thread, where that shred
            // fenced the customer; on another daemon over the same stores, the record is young.
            guard try !store.keyring.holdState(handle: handle).exists else {
                guard requestedAt.milliseconds <= staleBefore else { continue }
                try store.writer.write(.daemon("job.purge"), customerRef: nil) { db, _ in
                    guard self.store.keyring.fence.isWritable(handle) else { return }
                    try db.deletePurge(handle: handle)
                }
                continue
            }
            while !stopping {
                let finished = try store.writer.write(.daemon("job.purge"), customerRef: nil) { db, _ in
                    try TranscriptStore.purgeRows(of: handle, limit: 5_000, in: db)
                }
                if finished { done += 1; break }
            }
        }
        if done > 0 { store.checkpointer.requestScrub() }
        return done
    }
}
