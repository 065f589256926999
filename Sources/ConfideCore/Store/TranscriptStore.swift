import ConfideRedaction
import ConfideCrypto
import ConfideJSON
import ConfideSystem
import Foundation
import Synchronization

/// The encrypted transcript store: the keyring (keys.db) and the sessions (data.db), with
/// one group-committing writer and a pool of readers. Every call is audited; a call that
/// returns has been committed, synced and audited; a call that throws changed nothing.
public final class TranscriptStore: Sendable {
    /// Tunables, each with its default in one place.
    public struct Options: Sendable {
        /// Read-only data.db connections (8: with 4, 16 busy readers queued for one; 8 gave 9–13% more
        /// gets/s and a lower p99 on 2 cores, at about 1 MiB of RSS more).
        public var readerCount = 8
        /// Most writes committed in one transaction.
        public var maxGroupSize = 512
        /// Sign the audit head every this many entries.
        public var auditCheckpointInterval = 1000
        /// A customer's newest DEK older than this gets a new generation on its next write (nil: never).
        public var dekRotationDays: Int? = 90
        /// Retention for sessions written without `retention_days` (0 = keep).
        public var defaultRetentionDays = 0
        /// PII types redacted on every write, whatever the request says.
        public var redactOnWrite: Set<PIIType> = []
        /// Page size of a new data.db (8 KiB stores ~2 KiB chunks denser than 4 KiB).
        public var dataPageSize = 8192
        /// The WAL size, in pages, past which the writer finishes the background checkpoint
        /// itself so the WAL starts over (4096 × 8 KiB = 32 MiB). Without it a busy WAL is
        /// never fully checkpointed, so it never restarts and grows without bound.
        public var walCheckpointFrames = 4096
        /// How often the background thread checkpoints the WAL when idle. While writes keep
        /// coming it checkpoints every 5 ms, so what the writer must copy itself to start
        /// the WAL over (see `walCheckpointFrames`) stays small.
        public var walCheckpointIntervalSeconds = 1.0
        /// Rotate the active KEK when it is older than this.
        public var kekRotationDays = 30
        /// DEKs re-wrapped per keys.db transaction (short, so other work interleaves).
        public var rewrapBatchSize = 500
        /// How often the scheduler runs its jobs.
        public var schedulerTickSeconds = 60.0
        /// Whether to run the scheduler thread (tests drive `scheduler.runOnce()` instead).
        public var runsScheduler = true
        /// Audit entries older than this are pruned, up to a signed checkpoint that stays as the
        /// anchor of the first kept entry (0 = keep for ever).
        public var auditRetentionDays = 0
        /// How long keys.db backups are kept, for the erasure receipt's `backup_horizon`.
        public var keysBackupRetentionDays: Int? = nil
        /// The erasure ledger file, apart from the state folder (nil: none, and an erasure
        /// does not survive a restore of keys.db from a backup taken before it).
        public var erasureLedgerPath: String? = nil
        /// The audit chain this daemon appends to, by name (`audit_chain`): nil, the store's
        /// first chain (0); a name, the chain registered under it in the keyring, registered
        /// at the first start that gives it. PostgreSQL only: each of several daemons over
        /// one store needs a chain of its own (docs/scaling.md).
        public var auditChainName: String? = nil
        /// Start even though data.db's audit chain is behind, cut or diverges from keys.db's
        /// anchor (`--accept-restored-data`: the operator restored an older data.db on purpose).
        public var acceptRestoredData = false
        /// Start even though keys.db records erasures the ledger lacks, appending them to it
        /// (`--rebuild-erasure-ledger`: the operator says the ledger was lost or is older).
        public var rebuildErasureLedger = false
        /// Other daemons serve this store too (`shared_store`): their erasures reach this
        /// daemon's erasure ledger from the keyring (`syncErasureLedger`), at start-up and
        /// every scheduler run, instead of counting as a ledger lost or rolled back.
        public var sharesStore = false
        /// Told before each schema step that upgrades an existing data.db starts (file name,
        /// the step's version and name), so the daemon can log why start-up waits.
        public var willMigrate: (@Sendable (_ file: String, _ version: Int, _ name: String) -> Void)? = nil
        /// Told after each batch of a start-up upgrade that rewrites rows (what, done, total),
        /// so the daemon can show progress on a large store.
        public var upgradeProgress: (@Sendable (_ what: String, _ done: Int, _ total: Int) -> Void)? = nil
        /// Called on the scheduler thread when a job run fails (the daemon logs it). Set
        /// before the store opens: the scheduler starts with it.
        public var onJobFailure: (@Sendable (_ job: String, _ error: String) -> Void)? = nil
        /// Told, on the writer's thread, when the check that no other daemon changed a cached
        /// customer (`checksCustomerVersions`) turns on after the start (PostgreSQL: the
        /// keyring's store lock seen again in the data's database), with why: the daemon logs it.
        public var versionCheckChanged: (@Sendable (_ state: String, _ why: String) -> Void)? = nil
        /// Told, on the writer's thread, when a committed group's lock on its customers in the
        /// keyring's other database (the keyring guard) was lost before it was confirmed: how
        /// many customers' replies were withheld or relabelled, and whether the keyring could
        /// not be asked. The daemon logs `store.keyring_guard.lost` (a warning).
        public var keyringGuardLost: (@Sendable (_ suspectCustomers: Int, _ recheckFailed: Bool) -> Void)? = nil
        /// Argon2id cost for a new passphrase-protected keyring.
        public var passphraseParameters: Argon2id.Parameters = .moderate
        public init() {}
    }

    /// The keyring itself, for tests and the bench (the server uses the operations below).
    @_spi(Testing) public let keyring: Keyring
    public let options: Options
    public let state: StateDirectory
    /// The engine the stores live on (`SQLiteEngine` unless `--store` chose another).
    let engine: any StorageEngine
    /// The state folder's lock, held while the store is open.
    private let lockDescriptor: Int32
    /// What the data store's engine holds while the store is open (`HoldsStore`), let go at
    /// `close`. Its records belong to the writer: touched only after the writer stopped.
    private nonisolated(unsafe) let dataHeld: (any HoldsStore)?
    /// The engine's parts (`TranscriptEngine.swift`); SQLite's today, opened in `init`.
    let writer: any TranscriptWriter
    let readers: any SnapshotReader
    let checkpointer: any LogScrubber
    /// The background jobs (rotation, re-wrap, retention, purge).
    @_spi(Testing) public private(set) nonisolated(unsafe) var scheduler: Scheduler?
    /// keys.db's record of this daemon's audit chain (see `AuditAnchor`), kept current by `recordAuditAnchor`.
    let auditAnchor: Mutex<AuditAnchor>
    /// The audit chain this daemon appends to (`Options.auditChainName`; 0: the store's first).
    public let auditChainID: Int
    /// The seq of the entry the scheduler's last `audit.anchor` signing wrote (see `anchorAuditHead`).
    let lastAnchorEntry = Mutex(0)
    /// The count of registered chains this daemon last wrote into its own chain (see
    /// `anchorAuditHead`; 0: none yet since it started).
    let recordedChainCount = Mutex(0)
    /// Where the erasure-mirror job's sweep through the erasures without a receipt goes on
    /// (an ordinal; nil: from the newest). See `mirrorErasuresWithoutReceipt`.
    let erasureMirrorSweep = Mutex<Int64?>(nil)
    /// The fields and seal the writer last wrote per session row (see `checkedFields`).
    let writtenSeals = Mutex<[Int64: (fields: SessionRowFields, seal: [UInt8])]>([:])
    /// The erasure ledger file, when configured (`erasure_ledger_path`).
    public let erasureLedger: ErasureLedger?
    /// Problems found at start-up that the operator should see (logged by the daemon).
    public internal(set) nonisolated(unsafe) var startupWarnings: [String] = []
    public let clock: any Clock
    private let redactor = Redactor()
    /// Session writes in flight per customer (undoes a failed first write's new customer).
    private let sessionWrites = SessionWritesInFlight()

    /// Opens the state directory on the embedded engine (its keys.db and data.db): checks
    /// its permissions, opens keys.db with the master key (refusing a wrong one before
    /// touching anything), migrates, and starts the writer.
    public convenience init(state: StateDirectory, masterKey: MasterKeySource, options: Options = Options(), clock: any Clock = SystemClock()) throws {
        try self.init(state: state, engine: SQLiteEngine(state: state), masterKey: masterKey, options: options, clock: clock)
    }

    /// Opens a store on `engine`. The state directory still holds what is this daemon's
    /// alone: its lock, the development key, the default socket.
    package init(state: StateDirectory, engine: any StorageEngine, masterKey: MasterKeySource, options: Options = Options(),
                 clock: any Clock = SystemClock()) throws {
        try state.prepare()
        let lock = try state.lock(purpose: "opening it")
        self.state = state
        self.engine = engine
        self.options = options
        self.clock = clock
        erasureLedger = options.erasureLedgerPath.map(ErasureLedger.init(path:))
        // Why data.db's chain disagreed with keys.db's anchor, when `acceptRestoredData` let it start.
        var restoredDataProblem: String?
        var binding = SessionBindingUpgrade.Outcome()
        var anchorValue: AuditAnchor
        var holding: (any HoldsStore)?
        do {
            let keyringRecords = try engine.openKeyring(options: options)
            keyring = try Keyring(records: keyringRecords, name: engine.keysName, source: masterKey, clock: clock,
                                  passphraseParameters: options.passphraseParameters)
            // The engine's data store, open and migrated; Core speaks to it only in its own
            // terms (`TranscriptRecords`), until the engine builds its writer and readers.
            let dataStore = try engine.openData(options: options)
            holding = dataStore.records as? HoldsStore
            let db = dataStore.records
            // An anchor that fails its MAC or was deleted is refused like a data.db that
            // disagrees with it; an operator restoring on purpose starts over from data.db.
            // This daemon's chain: the store's first, or the one registered under its name.
            var chainID = 0
            if let name = options.auditChainName {
                chainID = try keyring.registerAuditChain(name: name, acceptingRestored: options.acceptRestoredData).chain
            }
            auditChainID = chainID
            try dataStore.holdAuditChain(chainID, name: options.auditChainName)
            let log = db.auditLog(chain: chainID)
            var anchor: AuditAnchor?
            do { anchor = try keyring.auditAnchor(chain: chainID) }
            catch StoreError.integrity(let why, _) {
                guard options.acceptRestoredData else {
                    throw StoreError.integrity(why + ". If you restored files on purpose, start once with --accept-restored-data "
                        + "(the choice is audited)")
                }
                // A row that fails its MAC names its chain unauthenticated: the chain's own
                // entries say whose it is (`audit.anchor` name=…), so swapped or moved rows do
                // not hand this daemon another daemon's chain (session 19's attack review).
                if let name = options.auditChainName, let owner = try Self.recordedChainName(in: log), owner != name {
                    throw StoreError.integrity("audit chain \(chainID), whose keyring row now names \"\(name)\", is \"\(owner)\"'s by its "
                        + "own entries: the keyring's audit_anchor rows were renamed or renumbered outside confide (\(why)). "
                        + "--accept-restored-data does not give a daemon another daemon's chain: restore audit_anchor from a backup")
                }
                restoredDataProblem = why
                anchor = nil
            }
            let chain = try AuditChain(db: log, signingKey: keyring.auditSigningKey, checkpointInterval: options.auditCheckpointInterval,
                                       keyedFrom: anchor?.keyedFrom, storeName: engine.dataName)
            if let anchor {
                if let problem = try AuditAnchorCheck.problem(anchor, in: log, keysName: engine.keysName, dataName: engine.dataName) {
                    guard options.acceptRestoredData else {
                        throw StoreError.integrity(problem + ". If you restored an older data store on purpose, start once with "
                            + "--accept-restored-data (the choice is audited)")
                    }
                    restoredDataProblem = problem
                }
                anchorValue = anchor
                // An anchor from before anchors were authenticated (keys.db schema 4) gets its
                // MAC now, so the next start can require it.
                if !keyring.anchorAuthenticated { try keyring.setAuditAnchor(anchor) }
            } else {
                // The first start that keeps an anchor takes the chain as it is as the baseline
                // (entries already pruned stay pruned; older entries have no MACs).
                let firstSeq = try log.oldestAuditSeq()
                // Under its name: a named chain's row rewritten on accepted restored data stays
                // the chain its daemon's next start finds (session 18's review, F3).
                var first = AuditAnchor(keyedFrom: chain.keyed.keyedFrom, seq: nil, head: nil, prunedTo: max(0, (firstSeq ?? 1) - 1),
                                        chain: chainID, name: chainID == 0 ? nil : options.auditChainName)
                // Chain 0's row counts the chains: at least those the data holds (the keyring
                // adds its rows that pass their MAC, `setAuditAnchor(replacing:)`).
                if chainID == 0 { first.chains = max(1, (try db.storedAuditChains().max() ?? 0) + 1) }
                try keyring.setAuditAnchor(first, replacing: true)
                anchorValue = first
            }
            // Sessions written before they were bound to their history are re-sealed once;
            // after that keys.db says so, and a row without a seal is tampering. Again only when
            // the operator restored an older data.db on purpose.
            if !anchorValue.sessionsBound || restoredDataProblem != nil {
                binding = try SessionBindingUpgrade.run(db, keyring: keyring) { done, total in
                    options.upgradeProgress?("binding sessions to their history", done, total)
                }
                anchorValue.sessionsBound = true
                try keyring.setAuditAnchor(anchorValue)
            }
            auditAnchor = Mutex(anchorValue)
            (writer, readers, checkpointer) = try dataStore.parts(chain: chain, clock: clock, options: options)
        } catch {
            Glibc.close(lock)
            throw error
        }
        lockDescriptor = lock
        dataHeld = holding
        writer.start()
        checkpointer.start()
        do {
            if let problem = restoredDataProblem {
                // The operator's choice is itself audited, and the anchor starts over from here.
                try audit(AuditContext(role: "daemon", method: "daemon.restored-data-accepted", detail: problem), customerRef: nil, outcome: nil)
                try writer.signCheckpoint(.daemon("daemon.restored-data-accepted.checkpoint"))
                try recordAuditAnchor(resetting: true)
                startupWarnings.append("started on a data.db that keys.db's audit anchor does not match (--accept-restored-data): \(problem)")
            }
            if binding.unreadable > 0 {
                startupWarnings.append("\(binding.unreadable) sessions written before sessions were bound to their history failed "
                    + "authentication when re-sealed at start-up (edited outside confide): they stay in data.db and read as -32006")
            }
            try reconcileErasures()
            // A keyring put back from before erasures the data recorded, which the ledger did not
            // bring back either, is not served (session 23's attack review, S23B-4).
            if let reason = try keyring.erasuresLostAtStart() { throw StoreError.integrity(reason) }
            // The erasures without a receipt that the data's record lacks, all of them, before
            // serving (the scheduler's runs go a batch deeper each: S25E-1).
            _ = try mirrorErasuresWithoutReceipt(toTheEnd: true)
            // On a store with several chains, this chain records the registry's count at once
            // (`anchorAuditHead`), not only at the scheduler's first tick.
            let registered = (try? keyring.auditAnchor(chain: 0))??.chains ?? (auditChainID == 0 ? 1 : auditChainID + 1)
            if registered > 1 { try anchorAuditHead() }
            let leftovers = try recordPurgesOfErasedLeftovers()
            if leftovers > 0 {
                startupWarnings.append("\(leftovers) erased customers still had rows in the data store and no purge record (a write "
                    + "whose outcome was unknown, or whose purge record was lost, as another daemon erased its customer): their purge "
                    + "is recorded, and the next purge run removes them (they were unreadable: their keys are gone)")
            }
            let orphans = try findUnexplainedOrphans()
            if orphans > 0 {
                startupWarnings.append("\(orphans) customers have sessions in data.db but no keys in keys.db and no shred record: "
                    + "keys.db looks older than data.db (restored from a backup?). Their rows are unreadable and were left in place.")
            }
        } catch {
            writer.stop()
            checkpointer.stop()
            // The engine's sessions (and their store locks) end here, not at process exit:
            // a process that embeds the store and goes on must not keep the store held.
            keyring.letGoOfStore()
            dataHeld?.letGoOfStore()
            Glibc.close(lock)
            throw error
        }
        scheduler = Scheduler(store: self, leadership: engine.schedulerLeadership())
        if options.runsScheduler { scheduler?.start() }
    }

    /// The name the newest `audit.anchor` entry of `log` records for its chain, if any.
    static func recordedChainName(in log: any AuditLogStorage) throws -> String? {
        var name: String?
        try log.forEachAuditEntry { _, entry, _ in
            if case .success(let e) = entry, let recorded = AuditVerifier.recordedChainName(e) { name = recorded }
            return true
        }
        return name
    }

    /// True once another daemon took this store while this one's connections were down
    /// (PostgreSQL; see `HoldsStore`): every request answers `-32005` until a restart.
    public var lostTheStore: Bool { keyring.lostTheStore || (dataHeld?.lostTheStore ?? false) }

    /// A new probe of whether the stores answer (nil: the engine's cannot be out of reach).
    package func reachabilityProbe() -> (any StoreReachabilityProbe)? { engine.reachabilityProbe() }

    /// Stops the scheduler (giving its lead back), finishes queued writes, signs a final
    /// audit checkpoint, stops the writer, and lets go of the stores.
    public func close() {
        scheduler?.stop()
        writer.stop()
        try? recordAuditAnchor()
        checkpointer.stop()
        keyring.checkpoint()
        keyring.letGoOfStore()
        dataHeld?.letGoOfStore()
        Glibc.close(lockDescriptor)
    }

    /// Whether the writer checks, in each group, the versions of the customers whose cached
    /// keys its requests used (issue 21, "no stale trust"): on PostgreSQL with the keyring in
    /// the data's database, as the server says at start or later (it may turn on while the
    /// daemon runs; `Options.versionCheckChanged`); never on the embedded store, which one
    /// process owns.
    public var checksCustomerVersions: Bool { (writer as? GroupCommitWriter)?.checksCustomerVersions ?? false }

    /// Group-commit counters for `system.stats`.
    public var writerStatistics: WriterStatistics { writer.snapshotStats() }

    // MARK: Writes

    /// Appends `messages` to the session, creating the customer and session if absent.
    ///
    /// The session's row seal is checked before anything is added: an append must not
    /// re-seal, and so vouch for, a session someone cut or edited outside confide.
    public func append(customer: CustomerID, session: SessionID, messages: [Message], redact: Bool,
                       context: AuditContext) throws(StoreError) -> AppendResult {
        return try writeSession(customer, session, messages, redact: redact, context: context) { db, now, w in
            let (keys, sealer, types, encoded) = (w.keys, w.sealer, w.types, w.encoded)
            let row = try db.session(handle: keys.handle, index: sealer.sessionIndex)
            var fields = try row.map { r throws(StoreError) in try self.checkedFields(r, sealer: sealer, name: "\"\(session.value)\"") }
            var toStore = messages
            // The sealed header changes on an append only when redaction continues its
            // placeholder numbering; otherwise it is neither opened nor rewritten.
            var header: SessionHeader? = nil
            if !types.isEmpty {
                var opened = try row.map { r throws(StoreError) in try sealer.openHeader(r, fields!, name: "\"\(session.value)\"") }
                    ?? SessionHeader(customer: customer.value, session: session.value)
                toStore = self.redacted(messages, types: types, header: &opened, handle: keys.handle, tally: w.tally)
                header = opened
            }
            let sessionID: Int64
            if let row, let current = fields {
                sessionID = row.id
                if let header {
                    let h = try sealer.sealHeader(header, epoch: current.epoch)
                    try db.updateSessionHeader(id: row.id, header: h.sealed, generation: h.generation)
                    fields!.generation = h.generation
                    fields!.headerTag = SessionSealer.tag(of: h.sealed)
                }
            } else {
                let days = self.retentionDays(nil)
                var version = SessionRowFields.newVersion(generation: keys.newestGeneration, now: now, retentionDays: days,
                                                          expiresAt: self.expiry(days: days, now: now))
                (version.rowID, version.headerTag) = try self.insertSession(
                    header ?? SessionHeader(customer: customer.value, session: session.value), version, sealer: sealer, in: db)
                sessionID = version.rowID
                fields = version
            }
            // The count comes from the row: one edited past any real size reads as tampering,
            // not as an overflow that stops the writer.
            guard fields!.count <= Int(Int32.max) - toStore.count else {
                throw StoreError.integrity("session has an impossible message count (edited outside confide)")
            }
            let first = fields!.count + 1
            var (next, last) = try sealer.appendChunks(encoded ?? SessionSealer.plaintexts(toStore), to: fields!, after: row?.lastChunk,
                                                       sessionID: sessionID, in: db)
            // Retention counts from the last write: an append moves the expiry forward.
            next.updatedAt = now.milliseconds
            if let days = next.retentionDays, days > 0 { next.expiresAt = self.expiry(days: days, now: now) }
            try self.writeSeal(sessionID, next, sealer: sealer, lastChunk: last, in: db)
            return AppendResult(session: session.value, count: next.count, firstSeq: first)
        }
    }

    /// Creates or replaces the whole session atomically. A replaced session gets a new epoch:
    /// nothing of its earlier version opens in the new one.
    public func put(customer: CustomerID, session: SessionID, messages: [Message], metadata: JSONObject?,
                    retentionDays: Int?, redact: Bool, context: AuditContext) throws(StoreError) -> Int {
        let (count, replaced) = try writeSession(customer, session, messages, redact: redact, context: context,
                                                 freezingHoldsToReplace: true) { db, now, w in
            let (keys, sealer, types, encoded) = (w.keys, w.sealer, w.types, w.encoded)
            let existing = try db.session(handle: keys.handle, index: sealer.sessionIndex)
            // Replacing would delete what a legal hold keeps; a new session only adds.
            if existing != nil {
                guard w.holdsFrozen else { throw RunTheRequestAgain() }  // created since it was queued: again, frozen
                // A hold or release since the freeze (the keyring's session lost meanwhile): again.
                if w.holdChangedSinceFrozen(db) { throw RunTheRequestAgain() }
                if w.held { throw StoreError.legalHold }
            }
            var header = SessionHeader(customer: customer.value, session: session.value, metadata: metadata)
            var toStore = messages
            if !types.isEmpty { toStore = self.redacted(messages, types: types, header: &header, handle: keys.handle, tally: w.tally) }
            let days = self.retentionDays(retentionDays)
            // A replaced session keeps its creation time, if its row proves it: `put` is also how
            // a session that reads as tampered is written anew, and must not seal an edited time.
            let created = existing.flatMap { try? sealer.checkSeal($0, name: "") }?.createdAt
            var version = SessionRowFields.newVersion(generation: keys.newestGeneration, now: now, retentionDays: days,
                                                      expiresAt: self.expiry(days: days, now: now), createdAt: created)
            if let existing {
                try ChunkChain.deleteAll(session: existing.id, last: existing.lastChunk, in: db)
                let h = try sealer.sealHeader(header, epoch: version.epoch)
                try db.updateSessionHeader(id: existing.id, header: h.sealed, generation: h.generation)
                (version.rowID, version.headerTag) = (existing.id, SessionSealer.tag(of: h.sealed))
            } else {
                (version.rowID, version.headerTag) = try self.insertSession(header, version, sealer: sealer, in: db)
            }
            let sessionID = version.rowID
            let (next, last) = try sealer.appendChunks(encoded ?? SessionSealer.plaintexts(toStore), to: version, after: nil,
                                                       sessionID: sessionID, in: db)
            try self.writeSeal(sessionID, next, sealer: sealer, lastChunk: last, in: db)
            return (toStore.count, existing != nil)
        }
        // The replaced messages' ciphertext must leave the WAL too.
        if replaced { checkpointer.requestScrub() }
        return count
    }

    /// The row's fields once its seal is checked. A row exactly as this writer last sealed it
    /// (the same fields and the same seal bytes) needs no cryptographic check: that seal was
    /// computed here, with the key, over those fields; whether it ever committed does not
    /// matter. Saves an AEAD open on nearly every append (issue 16's cost budget).
    func checkedFields(_ row: SessionRow, sealer: SessionSealer, name: @autoclosure () -> String) throws(StoreError) -> SessionRowFields {
        if let fields = row.fields, let seal = row.seal,
           let written = writtenSeals.withLock({ $0[row.id] }), written.fields == fields, written.seal == seal {
            return fields
        }
        return try sealer.checkSeal(row, name: name())
    }

    /// Seals `fields`, writes them over the row, and remembers what was written.
    func writeSeal(_ id: Int64, _ fields: SessionRowFields, sealer: SessionSealer, lastChunk: Int64?, in db: any TranscriptRecords) throws {
        let seal = try sealer.seal(fields)
        try db.updateSession(id: id, fields: fields, seal: seal, lastChunk: lastChunk)
        writtenSeals.withLock { seals in
            if seals.count >= 16_384 { seals.removeAll(keepingCapacity: true) }
            seals[id] = (fields, seal)
        }
    }

    /// Inserts a new session row for the version `fields` (sealed by the caller's
    /// `updateSession` once its chunks are written); returns its id and header's tag.
    private func insertSession(_ header: SessionHeader, _ fields: SessionRowFields, sealer: SessionSealer,
                               in db: any TranscriptRecords) throws -> (id: Int64, headerTag: [UInt8]) {
        let h = try sealer.sealHeader(header, epoch: fields.epoch)
        let id = try db.insertSession(handle: sealer.keys.handle, index: sealer.sessionIndex, header: h.sealed, generation: h.generation,
                                      fields: fields)
        return (id, SessionSealer.tag(of: h.sealed))
    }

    /// What a session write needs inside the writer.
    struct SessionWrite {
        let keys: CustomerKeys
        let sealer: SessionSealer
        /// PII types to redact before storing (empty: none).
        let types: Set<PIIType>
        /// The messages' chunk plaintexts, encoded before queueing (nil when redaction
        /// will rewrite them inside the writer, where the session's numbering lives).
        let encoded: [[UInt8]]?
        /// What redaction replaced in this run of the body, for its audit entry.
        let tally = RedactionTally()
        /// Whether the write runs with holds frozen (`freezingHoldsToReplace`), and whether the
        /// customer is under legal hold, read then (false when not frozen).
        var holdsFrozen = false
        var held = false
        /// The customer's `hold_changes` when holds were frozen (nil when not frozen).
        var frozenHoldChanges: Int64?

        /// Whether, inside the writer's transaction, the customer's row shows a hold or
        /// release committed since holds were frozen (see `Keyring.withHoldStatesFrozen`).
        func holdChangedSinceFrozen(_ db: any TranscriptRecords) -> Bool {
            guard let frozen = frozenHoldChanges, let locked = db.lockedCustomerHoldChanges(handle: keys.handle) else { return false }
            return locked != frozen
        }
    }

    /// The placeholders a session write put in, per PII type: recorded in the write's audit
    /// entry as `redacted: EMAIL=2 PHONE=1` (counts only, never a value), so an auditor's
    /// `confide report` can count redactions without opening a transcript. Touched only
    /// on the writer thread, inside one run of the write's body.
    final class RedactionTally: @unchecked Sendable {
        var counts: [PIIType: Int] = [:]
        var detail: String? {
            counts.isEmpty ? nil : "redacted: " + counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")
        }
    }

    /// A session write's value with the audit detail its redaction left.
    struct RedactedWrite<T>: AuditDetailCarrying {
        let value: T
        let auditDetail: String?
    }

    /// The common part of `append` and `put`: the customer's keys (created if absent), the
    /// session's sealer, then `body` inside the group-committed, audited write — refused if
    /// the customer was shredded while the write was queued.
    /// `freezingHoldsToReplace`: when the session exists (a reader's look before queueing),
    /// the write is queued and committed with holds frozen (`Keyring.withHoldFrozen`) and its
    /// body told whether the customer is held: a `put` that would replace a held customer's
    /// session refuses (`-32007`), and no hold commits between that answer and the write. A
    /// new session needs no hold's leave, and its write groups with others as before (frozen,
    /// every `put` was a group commit of its own: session 17's second attack review); one
    /// created after the look runs the request again (`RunTheRequestAgain`), frozen.
    private func writeSession<T>(_ customer: CustomerID, _ session: SessionID, _ messages: [Message], redact: Bool, context: AuditContext,
                                 freezingHoldsToReplace: Bool = false,
                                 _ body: @escaping (any TranscriptRecords, Timestamp, SessionWrite) throws -> T) throws(StoreError) -> T {
        try retryingIfTheCustomerChanged(customer, context: context) { () throws(StoreError) -> T in
            try writeSessionOnce(customer, session, messages, redact: redact, context: context, freezingHoldsToReplace: freezingHoldsToReplace, body)
        }
    }

    /// One attempt of `writeSession`.
    private func writeSessionOnce<T>(_ customer: CustomerID, _ session: SessionID, _ messages: [Message], redact: Bool, context: AuditContext,
                                     freezingHoldsToReplace: Bool, _ body: @escaping (any TranscriptRecords, Timestamp, SessionWrite) throws -> T) throws(StoreError) -> T {
        let index = keyring.blindIndex(of: customer)
        sessionWrites.begin(index)
        var created = false, committed = false, handle: [UInt8]? = nil
        defer { sessionWrites.end(index, created: created ? handle : nil, committed: committed, undo: undoCreation) }
        let keys = try storeCall { try keyring.lookupOrCreate(blindIndex: index, rotateAfterDays: options.dekRotationDays, created: &created) }
        handle = keys.handle
        let types = redactionTypes(redact)
        let sessionIndex = keyring.sessionIndex(handle: keys.handle, session: session)
        var write = SessionWrite(keys: keys, sealer: SessionSealer(keys: keys, sessionIndex: sessionIndex),
                                 types: types, encoded: types.isEmpty ? SessionSealer.plaintexts(messages) : nil)
        func commit(_ write: SessionWrite) throws(StoreError) -> T {
            // Replayable: the body reads the keys and writes data.db, nothing else.
            try writer.write(context, customerRef: keys.auditRef, replayable: true,
                             readsSession: SessionKey(handle: keys.handle, index: sessionIndex), reliesOn: keys.customerVersion) { db, now in
                try self.keyring.ensureWritable(keys)
                write.tally.counts = [:]  // a replayed body counts afresh
                let value = try body(db, now, write)
                return RedactedWrite(value: value, auditDetail: write.tally.detail)
            }.value
        }
        let value: T
        var replaces = false
        if freezingHoldsToReplace {
            replaces = try storeCall { try readers.read { db in try db.session(handle: keys.handle, index: sessionIndex) != nil } }
        }
        keyring.racePoints.reach(.writeKeysResolved)
        if replaces {
            write.holdsFrozen = true
            var frozen: T?
            try storeCall {
                try keyring.withHoldFrozen(keys.handle) { hold in
                    guard let hold else { throw StoreError.customerChanged }  // erased meanwhile: run again, as for a changed customer
                    write.held = hold.held
                    write.frozenHoldChanges = hold.holdChanges
                    frozen = try commit(write)
                }
            }
            guard let frozen else { throw .internal("a session write with holds frozen returned nothing") }
            value = frozen
        } else {
            value = try commit(write)
        }
        committed = true
        return value
    }

    /// After the last write of a customer that a failed write created: deletes the customer
    /// when the data store holds none of its sessions (no write of it committed), so the
    /// failed request changed nothing. Runs while no write of any customer can begin.
    private func undoCreation(_ index: [UInt8], _ handle: [UInt8]) {
        try? keyring.undoCreation(blindIndex: index, handle: handle) {
            try self.readers.readHoldingTheKeyring { try $0.sessions(handle: handle, afterID: 0, limit: 1).isEmpty }
        }
    }

    /// Deletes one session and its messages.
    public func delete(customer: CustomerID, session: SessionID, context: AuditContext) throws(StoreError) {
        try retryingIfTheCustomerChanged(customer, context: context) { () throws(StoreError) in try deleteOnce(customer: customer, session: session, context: context) }
    }

    /// One attempt of `delete`.
    private func deleteOnce(customer: CustomerID, session: SessionID, context: AuditContext) throws(StoreError) {
        let keys = try existingCustomer(customer, context: context)
        let index = keyring.sessionIndex(handle: keys.handle, session: session)
        keyring.racePoints.reach(.writeKeysResolved)
        // With holds frozen, as retention deletes: a held customer's session is refused
        // (-32007, audited as the job's outcome), and no hold commits between that answer
        // and the delete.
        try storeCall {
            try keyring.withHoldFrozen(keys.handle) { hold in
                guard let hold else { throw StoreError.customerChanged }  // erased meanwhile: run again, as for a changed customer
                try writer.write(context, customerRef: keys.auditRef, reliesOn: keys.customerVersion) { db, _ in
                    // A hold or release committed since the freeze (its keyring session lost
                    // meanwhile, so another daemon's hold could): run again, frozen afresh.
                    if let locked = db.lockedCustomerHoldChanges(handle: keys.handle), locked != hold.holdChanges { throw RunTheRequestAgain() }
                    guard let row = try db.session(handle: keys.handle, index: index) else { throw StoreError.notFound("session") }
                    if hold.held { throw StoreError.legalHold }
                    try ChunkChain.deleteAll(session: row.id, last: row.lastChunk, in: db)
                    try db.deleteSession(id: row.id)
                }
            }
        }
        checkpointer.requestScrub()
    }

    // MARK: Reads (fail-closed: the audit entry commits before any data is returned)

    /// One session, decrypted; `redactedView` de-identifies it without changing what is stored.
    public func get(customer: CustomerID, session: SessionID, redactedView: Bool, context: AuditContext) throws(StoreError) -> SessionTranscript {
        try retryingIfTheCustomerChanged(customer, context: context) { () throws(StoreError) -> SessionTranscript in
            try getOnce(customer: customer, session: session, redactedView: redactedView, context: context)
        }
    }

    /// One attempt of `get`.
    private func getOnce(customer: CustomerID, session: SessionID, redactedView: Bool, context: AuditContext) throws(StoreError) -> SessionTranscript {
        let keys = try existingCustomer(customer, context: context)
        let sealer = SessionSealer(keys: keys, sessionIndex: keyring.sessionIndex(handle: keys.handle, session: session))
        let result = Result { () throws(StoreError) -> SessionTranscript in
            let transcript = try storeCall { try readers.read { db in try self.readTranscript(db, sealer: sealer, name: "\"\(session.value)\"") } }
            return redactedView ? try deidentified(transcript) : transcript
        }
        try audit(context, customerRef: keys.auditRef, outcome: result.outcome, reliesOn: keys)
        let transcript = try result.get()
        // Last, right before the reply: de-identifying and auditing take time, and a shred
        // may have committed meanwhile.
        keyring.racePoints.reach(.readOpened)
        try keyring.ensureReadable(keys)
        return transcript
    }

    /// A page of the customer's sessions, oldest first; `after` is a cursor from a previous page.
    public func list(customer: CustomerID, limit: Int, after: String?, context: AuditContext) throws(StoreError) -> SessionPage {
        try retryingIfTheCustomerChanged(customer, context: context) { () throws(StoreError) -> SessionPage in
            try listOnce(customer: customer, limit: limit, after: after, context: context)
        }
    }

    /// One attempt of `list`.
    private func listOnce(customer: CustomerID, limit: Int, after: String?, context: AuditContext) throws(StoreError) -> SessionPage {
        var afterID: Int64 = 0
        if let after {
            guard let v = Int64(after), v >= 0 else { throw .invalidParameter(field: "after", rule: "must be a cursor returned as `next`") }
            afterID = v
        }
        let keys = try existingCustomer(customer, context: context)
        let result = Result { () throws(StoreError) -> SessionPage in
            let page = try storeCall {
                try readers.read { db in
                    let rows = try db.sessions(handle: keys.handle, afterID: afterID, limit: limit + 1)
                    let page = rows.prefix(limit)
                    let sessions = try page.map { row, index throws(StoreError) in
                        let (fields, header) = try SessionSealer(keys: keys, sessionIndex: index).openRow(row, name: "with row id \(row.id)")
                        return SessionSummary(session: header.session, count: fields.count, createdAt: row.createdAt, updatedAt: row.updatedAt)
                    }
                    return SessionPage(sessions: sessions, next: rows.count > limit ? String(page.last!.0.id) : nil)
                }
            }
            return page
        }
        try audit(context, customerRef: keys.auditRef, outcome: result.outcome, reliesOn: keys)
        let page = try result.get()
        keyring.racePoints.reach(.readOpened)
        try keyring.ensureReadable(keys)
        return page
    }

    /// Records an audit entry for a call that did not reach a store operation (refused,
    /// invalid parameters) or for a daemon event. Throws `unavailable` if it cannot.
    /// `reliesOn`: the customer keys a read used (`StoreError.customerChanged` when another
    /// daemon changed the customer since they were cached: nothing is recorded).
    public func audit(_ context: AuditContext, customerRef: [UInt8]?, outcome: Int?, reliesOn keys: CustomerKeys? = nil) throws(StoreError) {
        let relied = keys.map { keys -> CustomerVersion in
            var v = keys.customerVersion
            v.byARead = true
            return v
        }
        let _: Void = try writer.write(context, customerRef: customerRef, replayable: true, reliesOn: relied) { _, _ in
            if let outcome { throw OutcomeOnly(code: outcome) }
        }
    }

    // MARK: Helpers

    /// Looks for sessions whose customer has no keys and no purge record. A shred always
    /// writes its purge record before the erasure point, so such rows mean keys.db is older
    /// than data.db (restored from a backup?), unless an erasure record names their handle
    /// (`recordPurgesOfErasedLeftovers`). They are left in place — the newer keys.db may yet
    /// be found — and reported in `startupWarnings`.
    func findUnexplainedOrphans() throws -> Int {
        try orphanHandles().filter { !$0.erased }.count
    }

    /// Records the purge of rows left under a handle an erasure destroyed, with no purge
    /// record: a write of another daemon that committed after that erasure's purge and whose
    /// own purge record was lost (its COMMIT's outcome unknown at the time, or the daemon gone
    /// before the record was written: docs/scaling.md, the keyring guard). Unreadable (the keys
    /// are gone), but they must not outlive the erasure. Audited per customer. At start.
    func recordPurgesOfErasedLeftovers() throws -> Int {
        let leftovers = try orphanHandles().filter(\.erased)
        for leftover in leftovers {
            try writer.write(.daemon("store.erased-leftovers.purge-recorded"), customerRef: leftover.auditRef) { db, now in
                try db.recordPurge(handle: leftover.handle, at: now)
            }
        }
        return leftovers.count
    }

    /// Handles with sessions, no purge record and no keys; `erased` (with the erasure's audit
    /// pseudonym) when an erasure record names the handle.
    private func orphanHandles() throws -> [(handle: [UInt8], erased: Bool, auditRef: [UInt8]?)] {
        let handles = try readers.read { db in try db.customersWithSessionsAndNoPurge() }
        let orphans = try handles.filter { try !keyring.holdState(handle: $0).exists }
        guard !orphans.isEmpty else { return [] }
        let erasures = Dictionary(try keyring.erasures().map { ($0.handleTag, $0.auditRef) }, uniquingKeysWith: { a, _ in a })
        return orphans.map { handle in
            let record = erasures[keyring.erasureTag(handle: handle)]
            return (handle, record != nil, record ?? nil)
        }
    }

    /// One session, checked from its row seal through every chunk. `name` names the session
    /// in an integrity error (nil: the row id, until the header names it).
    /// `rowID`: the row an export listed; another row found by its index means a second row
    /// claims the same session (a copy under another id).
    func readTranscript(_ db: any TranscriptRecords, sealer: SessionSealer, name: String? = nil, rowID: Int64? = nil) throws -> SessionTranscript {
        guard let row = try db.session(handle: sealer.keys.handle, index: sealer.sessionIndex) else {
            throw StoreError.notFound("session")
        }
        if let rowID, rowID != row.id {
            throw SessionSealer.tampered("with row id \(rowID)", "a second row claims the session of row \(row.id) (copied outside confide)")
        }
        let (fields, header) = try sealer.openRow(row, name: name ?? "with row id \(row.id)")
        let label = name ?? "\"\(header.session)\""
        // The links run 1...n without gaps and n matches the sealed count; each chunk opens
        // only in this version, after its predecessor; the last is the sealed newest.
        let chunks: [ChunkChain.Chunk]
        do { chunks = try ChunkChain.read(session: row.id, last: row.lastChunk, count: fields.count, in: db) }
        catch StoreError.integrity(let why, _) { throw SessionSealer.tampered(label, why) }
        let messages = try sealer.openChunks(chunks, fields, name: label)
        return SessionTranscript(customer: header.customer, session: header.session, messages: messages,
                                 metadata: header.metadata, createdAt: row.createdAt, updatedAt: row.updatedAt)
    }

    /// Runs `attempt`, and once more with the customer's cached keys dropped when it failed
    /// because another daemon changed the customer's keys (a shred or a new DEK generation)
    /// after they were cached: that attempt changed and audited nothing
    /// (`StoreError.customerChanged`), and the next one meets the customer as it is now.
    /// When the second fails the same way, its -32005 is audited here, naming the customer
    /// (a read opened the transcript twice, though it returned nothing), not left to the
    /// dispatcher's entry, which knows no customer.
    func retryingIfTheCustomerChanged<T>(_ customer: CustomerID, context: AuditContext,
                                         _ attempt: () throws(StoreError) -> T) throws(StoreError) -> T {
        do { return try attempt() } catch let error where error == .customerChanged {
            keyring.forget(blindIndex: keyring.blindIndex(of: customer))
            do { return try attempt() } catch let again where again == .customerChanged {
                let ref = try? storeCall { try keyring.lookup(customer)?.auditRef }
                try audit(context, customerRef: ref ?? nil, outcome: again.code)
                throw again
            }
        }
    }

    /// The customer's keys; `erased` or `notFound` (audited) when it does not exist.
    func existingCustomer(_ customer: CustomerID, context: AuditContext) throws(StoreError) -> CustomerKeys {
        guard let keys = try storeCall({ try keyring.lookup(customer) }) else {
            try audit(context, customerRef: nil, outcome: StoreError.notFound("").code)
            if let erasure = try storeCall({ try keyring.erasure(blindIndex: keyring.blindIndex(of: customer)) }) {
                throw .erased(at: erasure.shreddedAt)
            }
            throw .notFound("customer")
        }
        return keys
    }

    /// The retention in force for a session written with `retentionDays` (nil: the
    /// configured default), stored on the row so later appends can extend the expiry.
    func retentionDays(_ requested: Int?) -> Int? {
        let days = requested ?? options.defaultRetentionDays
        return days > 0 ? days : nil
    }

    /// When a session written now with `days` of retention expires (nil: never).
    func expiry(days: Int?, now: Timestamp) -> Int64? {
        guard let days, days > 0 else { return nil }
        return now.adding(days: days).milliseconds
    }

    func redactionTypes(_ requested: Bool) -> Set<PIIType> {
        requested ? Set(PIIType.allCases) : options.redactOnWrite
    }

    /// Replaces PII before encryption, numbering placeholders consistently across the session.
    func redacted(_ messages: [Message], types: Set<PIIType>, header: inout SessionHeader, handle: [UInt8],
                  tally: RedactionTally? = nil) -> [Message] {
        let redactor = types == redactor.types ? redactor : Redactor(types: types)
        var numbering = header.numbering ?? PlaceholderNumbering()
        let out = messages.map { m -> Message in
            var m = m
            let result = redactor.redact(m.text, numbering: &numbering) { type, value in
                self.keyring.placeholderKey(handle: handle, type: type.rawValue, value: value)
            }
            m.text = result.text
            for span in result.spans { tally?.counts[span.type, default: 0] += 1 }
            return m
        }
        header.numbering = numbering
        return out
    }

    /// A de-identified copy of a transcript, numbered consistently over the whole session.
    func deidentified(_ transcript: SessionTranscript) throws(StoreError) -> SessionTranscript {
        var numbering = PlaceholderNumbering()
        let messages = try transcript.messages.map { item throws(StoreError) -> TranscriptMessage in
            var m = try item.decoded()
            m.text = redactor.redact(m.text, numbering: &numbering).text
            return TranscriptMessage(seq: item.seq, message: m)
        }
        return SessionTranscript(customer: transcript.customer, session: transcript.session, messages: messages,
                                 metadata: transcript.metadata, createdAt: transcript.createdAt, updatedAt: transcript.updatedAt)
    }
}

/// Makes the writer record a failure outcome for an audit-only job without other effect.
struct OutcomeOnly: Error { let code: Int }

/// Runs a keyring or storage call, mapping its errors onto `StoreError`.
public func storeCall<T>(_ body: () throws -> T) throws(StoreError) -> T {
    do { return try body() } catch { throw StoreError(error) }
}

extension StoreError {
    /// Maps any error from the layers below onto the protocol's error kinds, keeping it as
    /// the `cause`. Only a failed authentication (or a stored value of an impossible
    /// length) is tampering; running out of guarded memory is a resource running out.
    public init(_ error: any Error) {
        switch error {
        case let e as StoreError: self = e
        case let e as any StorageEngineError: self = e.storeError
        case let e as CryptoError:
            switch e {
            case .authenticationFailed, .invalidLength: self = .integrity("a ciphertext failed authentication", cause: .crypto(e))
            case .outOfSecureMemory, .keyDerivationFailed:
                self = .unavailable("\(e) (see operations.md, memory locking); nothing was changed", cause: .crypto(e))
            }
        case let e as SystemError: self = .unavailable("\(e); nothing was changed", cause: .system(e))
        default: self = .internal(String(describing: type(of: error)), cause: .unexpected(String(describing: type(of: error))))
        }
    }
}

extension Result where Failure == StoreError {
    /// The audit outcome of this result: nil for success, else the error code.
    var outcome: Int? {
        if case .failure(let e) = self { return e.code }
        return nil
    }
}

extension TranscriptStore {
    /// Records in keys.db the newest signed checkpoint the writer committed, so that a
    /// data.db cut, wiped or rolled back behind it is refused at the next start. Runs from
    /// the scheduler, after `audit.verify` and at close (never on the writer thread).
    func recordAuditAnchor(resetting: Bool = false) throws {
        guard let latest = writer.latestCheckpoint else { return }
        try auditAnchor.withLock { anchor in
            guard resetting || latest.seq > (anchor.seq ?? 0) else { return }
            var next = anchor
            next.seq = latest.seq
            next.head = latest.head
            // Merged with what other daemons recorded, unless starting over on accepted restored data.
            anchor = try keyring.setAuditAnchor(next, replacing: resetting)
        }
    }

    /// Signs the head when entries were committed since the newest checkpoint, then records
    /// it in keys.db: every scheduler tick, so a crash followed by putting back an older
    /// data.db can lose at most a tick's entries unseen, not up to a checkpoint interval's.
    /// (The tick's own entry, which its checkpoint cannot cover, does not call for another.)
    ///
    /// On a store with several chains the entry also records how many the registry counts
    /// (`detail` "chains=N"), and one is written whenever that count grew since this daemon
    /// last wrote it: the count then lives in the hash-chained entries of every daemon, not
    /// only in chain 0's anchor row, so deleting a chain with its anchor row and putting back
    /// an older, authentic chain-0 row (a lower count) fails `audit verify` while any other
    /// chain recorded the higher count (session 18's attack review, F1; `AuditVerifier`).
    ///
    /// A chain-0 row that cannot be read (it fails its MAC) never stops this daemon from
    /// signing and anchoring its own chain (the last count it knew is written instead, and
    /// the problem is thrown afterwards, failing the job): otherwise one edited row would
    /// freeze every chain's anchor, and a chain's newest entries could be cut unseen (session
    /// 19's attack review).
    func anchorAuditHead() throws {
        var countProblem: (any Error)?
        var chains = recordedChainCount.withLock { $0 }
        do { chains = max(chains, try keyring.auditAnchor(chain: 0)?.chains ?? 1) } catch { countProblem = error }
        let covered = max(writer.latestCheckpoint?.seq ?? 0, lastAnchorEntry.withLock { $0 })
        let countGrew = chains > 1 && chains > recordedChainCount.withLock { $0 }
        if writer.lastCommittedSeq > covered || countGrew {
            let detail = chains > 1 ? AuditVerifier.chainCountDetail(chains, name: auditChainID == 0 ? nil : options.auditChainName) : nil
            let entry = try writer.signCheckpoint(AuditContext(role: "daemon", method: "audit.anchor", detail: detail))
            lastAnchorEntry.withLock { $0 = entry.seq }
            if chains > 1 { recordedChainCount.withLock { $0 = max($0, chains) } }
        }
        try recordAuditAnchor()
        if let countProblem { throw countProblem }
    }

    /// Records that the audit-prune job is about to remove entries up to `seq` (before it
    /// does: a crash in between leaves keys.db ahead, which is harmless).
    /// `head`: the signed head at `seq` (the checkpoint the prune keeps). An anchor recording
    /// an older checkpoint moves up to it, since that one is about to be deleted: a stopped or
    /// killed daemon's chain, pruned by the leader past its last record, would otherwise
    /// "diverge" from its anchor at the next verify and start (session 18's attack review).
    func recordAuditPrune(to seq: Int, chain: Int, head: [UInt8]? = nil) throws {
        guard chain == auditChainID else {
            // Another daemon's chain: its anchor in the keyring, merged (that daemon's own
            // later writes keep the higher prune and the newer checkpoint).
            guard var anchor = try keyring.auditAnchor(chain: chain), seq > anchor.prunedTo else { return }
            anchor.prunedTo = seq
            if let head, (anchor.seq ?? 0) < seq { (anchor.seq, anchor.head) = (seq, head) }
            try keyring.setAuditAnchor(anchor)
            return
        }
        try auditAnchor.withLock { anchor in
            guard seq > anchor.prunedTo else { return }
            var next = anchor
            next.prunedTo = seq
            anchor = try keyring.setAuditAnchor(next)
        }
    }
}

/// Compares the data store's audit chain with the keyring's anchor at start-up.
enum AuditAnchorCheck {
    /// Why the chain in `db` cannot be the one the keyring vouches for; nil when it can.
    /// The message names both stores as the engine does (`keysName`, `dataName`: a file of
    /// the state folder, or a PostgreSQL URI without its password).
    static func problem(_ anchor: AuditAnchor, in db: any AuditLogStorage, keysName: String, dataName: String) throws -> String? {
        let (first, last) = (try db.oldestAuditSeq(), try db.newestAuditEntry()?.seq)
        if let first, first > 1, first - 1 > anchor.prunedTo {
            return "the audit chain in \(dataName) starts at seq \(first), but the keyring (\(keysName)) records pruning only up to "
                + "seq \(anchor.prunedTo): entries \(anchor.prunedTo + 1)…\(first - 1) were deleted outside confide"
        }
        guard let seq = anchor.seq, let head = anchor.head else { return nil }
        let anchorText = "the keyring's audit anchor (seq \(seq), head \(encodeHex(Array(head.prefix(8)))), in \(keysName))"
        guard let last else {
            return "the audit chain in \(dataName) is empty, but \(anchorText) says it held \(seq) entries: the data store was wiped or replaced"
        }
        if last < seq {
            return "the audit chain in \(dataName) ends at seq \(last), behind \(anchorText): the data store was cut or rolled back"
        }
        let entry = try db.auditHash(seq: seq)
        let checkpoint = try db.checkpointHead(seq: seq)
        if entry == head || (entry == nil && checkpoint == head) { return nil }
        return "the audit chain in \(dataName) at seq \(seq) (head \(encodeHex(Array((entry ?? checkpoint ?? []).prefix(8))))) diverges from "
            + "\(anchorText): it was rewritten, or belongs to another store"
    }
}
