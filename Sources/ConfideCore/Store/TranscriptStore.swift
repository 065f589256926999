import ConfideCrypto
import ConfideJSON
import ConfideStorage
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
        /// Start even though data.db's audit chain is behind, cut or diverges from keys.db's
        /// anchor (`--accept-restored-data`: the operator restored an older data.db on purpose).
        public var acceptRestoredData = false
        /// Start even though keys.db records erasures the ledger lacks, appending them to it
        /// (`--rebuild-erasure-ledger`: the operator says the ledger was lost or is older).
        public var rebuildErasureLedger = false
        /// Told before each schema step that upgrades an existing data.db starts (file name,
        /// the step's version and name), so the daemon can log why start-up waits.
        public var willMigrate: (@Sendable (_ file: String, _ version: Int, _ name: String) -> Void)? = nil
        /// Argon2id cost for a new passphrase-protected keyring.
        public var passphraseParameters: Argon2id.Parameters = .moderate
        public init() {}
    }

    public let keyring: Keyring
    public let options: Options
    public let state: StateDirectory
    /// The state folder's lock, held while the store is open.
    private let lockDescriptor: Int32
    let writer: GroupCommitWriter
    let readers: ReaderPool
    let checkpointer: WALCheckpointer
    /// The background jobs (rotation, re-wrap, retention, purge).
    public private(set) nonisolated(unsafe) var scheduler: Scheduler?
    /// keys.db's record of the audit chain (see `AuditAnchor`), kept current by `recordAuditAnchor`.
    let auditAnchor: Mutex<AuditAnchor>
    /// The erasure ledger file, when configured (`erasure_ledger_path`).
    public let erasureLedger: ErasureLedger?
    /// Problems found at start-up that the operator should see (logged by the daemon).
    public internal(set) nonisolated(unsafe) var startupWarnings: [String] = []
    public let clock: any Clock
    private let redactor = Redactor()

    /// Opens the state directory: checks its permissions, opens keys.db with the master key
    /// (refusing a wrong one before touching anything), migrates, and starts the writer.
    public init(state: StateDirectory, masterKey: MasterKeySource, options: Options = Options(), clock: any Clock = SystemClock()) throws {
        try state.prepare()
        let lock = try state.lock(purpose: "opening it")
        self.state = state
        self.options = options
        self.clock = clock
        erasureLedger = options.erasureLedgerPath.map(ErasureLedger.init(path:))
        // Why data.db's chain disagreed with keys.db's anchor, when `acceptRestoredData` let it start.
        var restoredDataProblem: String?
        do {
            keyring = try Keyring(path: state.keysPath, source: masterKey, clock: clock, passphraseParameters: options.passphraseParameters)
            let db = try Database(path: state.dataPath)
            try db.configureDurable(secureDelete: true, pageSize: options.dataPageSize)
            try db.execute("PRAGMA wal_autocheckpoint=0")  // checkpoints run in the background, not inside commits
            db.observeWALSize()
            try Migrator(EmbeddedMigrations.migrations(for: "data")).migrate(db) { step, from in
                if from > 0 { options.willMigrate?("data.db", step.version, step.name) }  // an upgrade, not a new file
            }
            let anchor = try keyring.auditAnchor()
            let chain = try AuditChain(db: db, signingKey: keyring.auditSigningKey, checkpointInterval: options.auditCheckpointInterval,
                                       keyedFrom: anchor?.keyedFrom)
            if let anchor {
                if let problem = try AuditAnchorCheck.problem(anchor, in: db) {
                    guard options.acceptRestoredData else {
                        throw StoreError.integrity(problem + ". If you restored an older data.db on purpose, start once with "
                            + "--accept-restored-data (the choice is audited)")
                    }
                    restoredDataProblem = problem
                }
                auditAnchor = Mutex(anchor)
            } else {
                // The first start that keeps an anchor takes the chain as it is as the baseline
                // (entries already pruned stay pruned; older entries have no MACs).
                let firstSeq = try db.queryOne("SELECT MIN(seq) FROM audit_entry") { $0.optionalInt(0) } ?? nil
                let first = AuditAnchor(keyedFrom: chain.keyed.keyedFrom, seq: nil, head: nil, prunedTo: max(0, (firstSeq ?? 1) - 1))
                try keyring.setAuditAnchor(first)
                auditAnchor = Mutex(first)
            }
            writer = GroupCommitWriter(db: db, chain: chain, clock: clock, maxGroupSize: options.maxGroupSize,
                                       walCheckpointFrames: options.walCheckpointFrames)
            readers = try ReaderPool(path: state.dataPath, count: options.readerCount)
            checkpointer = try WALCheckpointer(path: state.dataPath, interval: options.walCheckpointIntervalSeconds,
                                               busyInterval: min(0.005, options.walCheckpointIntervalSeconds / 10))
        } catch {
            Glibc.close(lock)
            throw error
        }
        lockDescriptor = lock
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
            try reconcileErasures()
            let orphans = try findUnexplainedOrphans()
            if orphans > 0 {
                startupWarnings.append("\(orphans) customers have sessions in data.db but no keys in keys.db and no shred record: "
                    + "keys.db looks older than data.db (restored from a backup?). Their rows are unreadable and were left in place.")
            }
        } catch {
            writer.stop()
            checkpointer.stop()
            Glibc.close(lock)
            throw error
        }
        scheduler = Scheduler(store: self)
        if options.runsScheduler { scheduler?.start() }
    }

    /// Finishes queued writes, signs a final audit checkpoint, and stops the writer.
    public func close() {
        scheduler?.stop()
        writer.stop()
        try? recordAuditAnchor()
        checkpointer.stop()
        keyring.checkpoint()
        Glibc.close(lockDescriptor)
    }

    /// Group-commit counters for `system.stats`.
    public var writerStatistics: (commits: Int, jobs: Int, largestGroup: Int, walCatchUps: Int) {
        let s = writer.snapshotStats()
        return (s.commits, s.jobs, s.largestGroup, s.walCatchUps)
    }

    // MARK: Writes

    /// Appends `messages` to the session, creating the customer and session if absent.
    public func append(customer: CustomerID, session: SessionID, messages: [Message], redact: Bool,
                       context: AuditContext) throws(StoreError) -> AppendResult {
        return try writeSession(customer, session, messages, redact: redact, context: context) { db, now, w in
            let (keys, sealer, types, encoded) = (w.keys, w.sealer, w.types, w.encoded)
            var row = try SessionRow.find(db, handle: keys.handle, sessionIndex: sealer.sessionIndex)
            var toStore = messages
            // The sealed header changes on an append only when redaction continues its
            // placeholder numbering; otherwise it is neither opened nor rewritten.
            var header: SessionHeader? = nil
            if !types.isEmpty {
                var opened = try row.map { r throws(StoreError) in try sealer.openHeader(r) }
                    ?? SessionHeader(customer: customer.value, session: session.value)
                toStore = self.redacted(messages, types: types, header: &opened, handle: keys.handle, tally: w.tally)
                header = opened
            }
            if row == nil {
                let h = try sealer.sealHeader(header ?? SessionHeader(customer: customer.value, session: session.value))
                try db.run("""
                    INSERT INTO session (customer_handle, blind_index, header, generation, message_count, created_at, updated_at,
                                         retention_days, expires_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)
                    """, .blob(keys.handle), .blob(sealer.sessionIndex), .blob(h.sealed), .int(h.generation),
                    .integer(now.milliseconds), .integer(now.milliseconds), self.retention(nil), self.expiry(nil, now: now))
                row = try SessionRow.find(db, handle: keys.handle, sessionIndex: sealer.sessionIndex)
            } else if let header {
                let h = try sealer.sealHeader(header)
                try db.run("UPDATE session SET header = ?, generation = ? WHERE id = ?", .blob(h.sealed), .int(h.generation), .integer(row!.id))
            }
            // The count comes from the row: one edited past any real size reads as tampering,
            // not as an overflow that stops the writer.
            guard row!.count >= 0, row!.count <= Int(Int32.max) - toStore.count else {
                throw StoreError.integrity("session has an impossible message count (edited outside confide)")
            }
            let first = row!.count + 1
            let last = try sealer.appendChunks(encoded ?? SessionSealer.plaintexts(toStore), firstSeq: first, after: row!.lastChunk,
                                               sessionID: row!.id, in: db)
            // Retention counts from the last write: an append moves the expiry forward.
            try db.run("""
                UPDATE session SET message_count = ?, last_chunk = ?, updated_at = ?,
                       expires_at = CASE WHEN retention_days > 0 THEN ? + retention_days * 86400000 ELSE expires_at END WHERE id = ?
                """, .int(row!.count + toStore.count), last.map(SQLValue.integer) ?? .null, .integer(now.milliseconds),
                .integer(now.milliseconds), .integer(row!.id))
            return AppendResult(session: session.value, count: row!.count + toStore.count, firstSeq: first)
        }
    }

    /// Creates or replaces the whole session atomically.
    public func put(customer: CustomerID, session: SessionID, messages: [Message], metadata: JSONObject?,
                    retentionDays: Int?, redact: Bool, context: AuditContext) throws(StoreError) -> Int {
        let (count, replaced) = try writeSession(customer, session, messages, redact: redact, context: context) { db, now, w in
            let (keys, sealer, types, encoded) = (w.keys, w.sealer, w.types, w.encoded)
            let existing = try SessionRow.find(db, handle: keys.handle, sessionIndex: sealer.sessionIndex)
            var header = SessionHeader(customer: customer.value, session: session.value, metadata: metadata)
            var toStore = messages
            if !types.isEmpty { toStore = self.redacted(messages, types: types, header: &header, handle: keys.handle, tally: w.tally) }
            let h = try sealer.sealHeader(header)
            let sessionID: Int64
            if let existing {
                try ChunkChain.deleteAll(session: existing.id, last: existing.lastChunk, in: db)
                try db.run("""
                    UPDATE session SET header = ?, generation = ?, message_count = ?, updated_at = ?, retention_days = ?,
                                       expires_at = ? WHERE id = ?
                    """, .blob(h.sealed), .int(h.generation), .int(toStore.count), .integer(now.milliseconds),
                    self.retention(retentionDays), self.expiry(retentionDays, now: now), .integer(existing.id))
                sessionID = existing.id
            } else {
                try db.run("""
                    INSERT INTO session (customer_handle, blind_index, header, generation, message_count, created_at, updated_at,
                                         retention_days, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, .blob(keys.handle), .blob(sealer.sessionIndex), .blob(h.sealed), .int(h.generation), .int(toStore.count),
                    .integer(now.milliseconds), .integer(now.milliseconds), self.retention(retentionDays), self.expiry(retentionDays, now: now))
                sessionID = db.lastInsertRowID
            }
            let last = try sealer.appendChunks(encoded ?? SessionSealer.plaintexts(toStore), firstSeq: 1, after: nil,
                                               sessionID: sessionID, in: db)
            try db.run("UPDATE session SET last_chunk = ? WHERE id = ?", last.map(SQLValue.integer) ?? .null, .integer(sessionID))
            return (toStore.count, existing != nil)
        }
        // The replaced messages' ciphertext must leave the WAL too.
        if replaced { checkpointer.requestScrub() }
        return count
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
    private func writeSession<T>(_ customer: CustomerID, _ session: SessionID, _ messages: [Message], redact: Bool, context: AuditContext,
                                 _ body: @escaping (Database, Timestamp, SessionWrite) throws -> T) throws(StoreError) -> T {
        let keys = try storeCall { try keyring.lookupOrCreate(customer, rotateAfterDays: options.dekRotationDays) }
        let types = redactionTypes(redact)
        let write = SessionWrite(keys: keys, sealer: SessionSealer(keys: keys, sessionIndex: keyring.sessionIndex(handle: keys.handle, session: session)),
                                 types: types, encoded: types.isEmpty ? SessionSealer.plaintexts(messages) : nil)
        keyring.racePoints.reach(.writeKeysResolved)
        // Replayable: the body reads the keys and writes data.db, nothing else.
        return try writer.write(context, customerRef: keys.auditRef, replayable: true) { db, now in
            try self.keyring.ensureWritable(keys)
            write.tally.counts = [:]  // a replayed body counts afresh
            let value = try body(db, now, write)
            return RedactedWrite(value: value, auditDetail: write.tally.detail)
        }.value
    }

    /// Deletes one session and its messages.
    public func delete(customer: CustomerID, session: SessionID, context: AuditContext) throws(StoreError) {
        let keys = try existingCustomer(customer, context: context)
        let index = keyring.sessionIndex(handle: keys.handle, session: session)
        try writer.write(context, customerRef: keys.auditRef) { db, _ in
            guard let row = try SessionRow.find(db, handle: keys.handle, sessionIndex: index) else { throw StoreError.notFound("session") }
            try ChunkChain.deleteAll(session: row.id, last: row.lastChunk, in: db)
            try db.run("DELETE FROM session WHERE id = ?", .integer(row.id))
        }
        checkpointer.requestScrub()
    }

    // MARK: Reads (fail-closed: the audit entry commits before any data is returned)

    /// One session, decrypted; `redactedView` de-identifies it without changing what is stored.
    public func get(customer: CustomerID, session: SessionID, redactedView: Bool, context: AuditContext) throws(StoreError) -> SessionTranscript {
        let keys = try existingCustomer(customer, context: context)
        let sealer = SessionSealer(keys: keys, sessionIndex: keyring.sessionIndex(handle: keys.handle, session: session))
        let result = Result { () throws(StoreError) -> SessionTranscript in
            let transcript = try storeCall { try readers.read { db in try self.readTranscript(db, sealer: sealer) } }
            return redactedView ? try deidentified(transcript) : transcript
        }
        try audit(context, customerRef: keys.auditRef, outcome: result.outcome)
        let transcript = try result.get()
        // Last, right before the reply: de-identifying and auditing take time, and a shred
        // may have committed meanwhile.
        keyring.racePoints.reach(.readOpened)
        try keyring.ensureReadable(keys)
        return transcript
    }

    /// A page of the customer's sessions, oldest first; `after` is a cursor from a previous page.
    public func list(customer: CustomerID, limit: Int, after: String?, context: AuditContext) throws(StoreError) -> SessionPage {
        var afterID: Int64 = 0
        if let after {
            guard let v = Int64(after), v >= 0 else { throw .invalidParameter(field: "after", rule: "must be a cursor returned as `next`") }
            afterID = v
        }
        let keys = try existingCustomer(customer, context: context)
        let result = Result { () throws(StoreError) -> SessionPage in
            let page = try storeCall {
                try readers.read { db in
                    let rows = try db.query("SELECT \(SessionRow.columns), blind_index FROM session WHERE customer_handle = ? AND id > ? ORDER BY id LIMIT ?",
                                            [.blob(keys.handle), .integer(afterID), .int(limit + 1)]) { (try SessionRow($0), $0.blob(7)) }
                    let page = rows.prefix(limit)
                    let sessions = try page.map { row, index throws(StoreError) in
                        let header = try SessionSealer(keys: keys, sessionIndex: index).openHeader(row)
                        return SessionSummary(session: header.session, count: row.count, createdAt: row.createdAt, updatedAt: row.updatedAt)
                    }
                    return SessionPage(sessions: sessions, next: rows.count > limit ? String(page.last!.0.id) : nil)
                }
            }
            return page
        }
        try audit(context, customerRef: keys.auditRef, outcome: result.outcome)
        let page = try result.get()
        keyring.racePoints.reach(.readOpened)
        try keyring.ensureReadable(keys)
        return page
    }

    /// Records an audit entry for a call that did not reach a store operation (refused,
    /// invalid parameters) or for a daemon event. Throws `unavailable` if it cannot.
    public func audit(_ context: AuditContext, customerRef: [UInt8]?, outcome: Int?) throws(StoreError) {
        let _: Void = try writer.write(context, customerRef: customerRef, replayable: true) { _, _ in
            if let outcome { throw OutcomeOnly(code: outcome) }
        }
    }

    // MARK: Helpers

    /// Looks for sessions whose customer has no keys and no purge record. A shred always
    /// writes its purge record before the erasure point, so such rows mean keys.db is older
    /// than data.db (restored from a backup?). They are left in place — the newer keys.db
    /// may yet be found — and reported in `startupWarnings`.
    func findUnexplainedOrphans() throws -> Int {
        let handles = try readers.read { db in
            try db.query("SELECT DISTINCT customer_handle FROM session WHERE customer_handle NOT IN (SELECT customer_handle FROM pending_purge)") { $0.blob(0) }
        }
        return try handles.filter { try !keyring.holdState(handle: $0).exists }.count
    }

    func readTranscript(_ db: Database, sealer: SessionSealer) throws -> SessionTranscript {
        guard let row = try SessionRow.find(db, handle: sealer.keys.handle, sessionIndex: sealer.sessionIndex) else {
            throw StoreError.notFound("session")
        }
        let header = try sealer.openHeader(row)
        // The chain runs 1...n without gaps and n matches the row: a deleted, duplicated or
        // spliced chunk is tampering, not a shorter transcript. (A truncated tail with a
        // lowered count is not detectable here; see docs/threat-model.md.)
        let messages = try ChunkChain.read(session: row.id, last: row.lastChunk, count: row.count, in: db).map { c throws(StoreError) in
            try sealer.openChunk(c.sealed, seq: c.seq, generation: c.generation)
        }
        return SessionTranscript(customer: header.customer, session: header.session, messages: messages,
                                 metadata: header.metadata, createdAt: row.createdAt, updatedAt: row.updatedAt)
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
    func retention(_ retentionDays: Int?) -> SQLValue {
        let days = retentionDays ?? options.defaultRetentionDays
        return days > 0 ? .int(days) : .null
    }

    func expiry(_ retentionDays: Int?, now: Timestamp) -> SQLValue {
        let days = retentionDays ?? options.defaultRetentionDays
        return days > 0 ? .integer(now.adding(days: days).milliseconds) : .null
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
    /// Maps any error from the layers below onto the protocol's error kinds.
    public init(_ error: any Error) {
        switch error {
        case let e as StoreError: self = e
        case let e as SQLiteError where e.isUnavailable: self = .unavailable("storage: \(e.message); nothing was changed")
        case let e as SQLiteError where e.isCorruption: self = .integrity("storage corrupted: \(e.message)")
        case is CryptoError: self = .integrity("a ciphertext failed authentication")
        default: self = .internal(String(describing: type(of: error)))
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
            try keyring.setAuditAnchor(next)
            anchor = next
        }
    }

    /// Records that the audit-prune job is about to remove entries up to `seq` (before it
    /// does: a crash in between leaves keys.db ahead, which is harmless).
    func recordAuditPrune(to seq: Int) throws {
        try auditAnchor.withLock { anchor in
            guard seq > anchor.prunedTo else { return }
            var next = anchor
            next.prunedTo = seq
            try keyring.setAuditAnchor(next)
            anchor = next
        }
    }
}

/// Compares data.db's audit chain with keys.db's anchor at start-up.
enum AuditAnchorCheck {
    /// Why the chain in `db` cannot be the one keys.db vouches for; nil when it can.
    static func problem(_ anchor: AuditAnchor, in db: Database) throws -> String? {
        let bounds = try db.queryOne("SELECT MIN(seq), MAX(seq) FROM audit_entry") { ($0.optionalInt(0), $0.optionalInt(1)) }
        let (first, last) = (bounds?.0, bounds?.1)
        if let first, first > 1, first - 1 > anchor.prunedTo {
            return "data.db's audit chain starts at seq \(first), but keys.db records pruning only up to seq \(anchor.prunedTo): "
                + "entries \(anchor.prunedTo + 1)…\(first - 1) were deleted outside confide"
        }
        guard let seq = anchor.seq, let head = anchor.head else { return nil }
        let anchorText = "keys.db's audit anchor (seq \(seq), head \(encodeHex(Array(head.prefix(8)))))"
        guard let last else {
            return "data.db's audit chain is empty, but \(anchorText) says it held \(seq) entries: data.db was wiped or replaced"
        }
        if last < seq {
            return "data.db's audit chain ends at seq \(last), behind \(anchorText): data.db was cut or rolled back"
        }
        let entry = try db.queryOne("SELECT hash FROM audit_entry WHERE seq = ?", [.int(seq)]) { $0.blob(0) }
        let checkpoint = try db.queryOne("SELECT head FROM audit_checkpoint WHERE seq = ?", [.int(seq)]) { $0.blob(0) }
        if entry == head || (entry == nil && checkpoint == head) { return nil }
        return "data.db's audit chain at seq \(seq) (head \(encodeHex(Array((entry ?? checkpoint ?? []).prefix(8))))) diverges from "
            + "\(anchorText): it was rewritten, or belongs to another store"
    }
}
