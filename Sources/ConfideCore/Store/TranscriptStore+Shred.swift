import ConfideCrypto
import ConfideJSON
import Foundation

/// What `authenticatedContents` counted: the totals, and per session row id the row as
/// counted (its header authenticated) with the messages it counted, so a later count can
/// keep what did not change.
struct ContentsCount {
    struct Row: Equatable {
        /// The sealed fields (its id, header tag, epoch, count, newest tag …) and chain head.
        let fields: SessionRowFields
        let lastChunk: Int64?
        let index: [UInt8]
    }

    var rows: [Int64: (row: Row, found: Int)] = [:]
    var totals: (sessions: Int, messages: Int) = (0, 0)
}

extension TranscriptStore {
    /// Most chunks deleted inside the shred's own transaction; a larger customer's rows are
    /// removed by the background purge (the erasure point does not wait for either).
    static let inlinePurgeLimit = 2_000
    /// How old a purge record of a customer whose keys still exist must be before the purge
    /// job drops it as a stale intent (a shred refused by a hold, or one that crashed before
    /// its erasure point). Younger, it may be a shred under way on another daemon over the
    /// same stores, which this daemon's fence cannot see; its erasure point follows within
    /// the time a count of the customer's messages takes. A day, since a stale record costs
    /// only one keyring lookup per purge run.
    static let stalePurgeRecordMilliseconds: Int64 = 86_400_000

    /// Crypto-shreds a customer: destroys every DEK (the erasure point), then records the
    /// audit entry and schedules removal of the now-unreadable rows, and returns a signed
    /// receipt. Held customers are refused (-32007) with nothing changed. A customer erased
    /// before answers with its stored receipt, marked as a repeat.
    ///
    /// In order: (1) on the writer thread, the purge intent and a fence that refuses every
    /// later write of the customer through this daemon; (2) the count, from ciphertext that
    /// authenticates under the customer's keys; (3) the keys.db transaction that locks the
    /// customer's row, decides the hold, settles the count, destroys the keys and records
    /// the erasure: the erasure point; (4) the erasure ledger line; (5) the audit entry
    /// (with the reason) and the inline purge; (6) the signed receipt, stored in keys.db and
    /// the ledger. A shred that stops before (3) commits lifts its fence.
    ///
    /// The fence is this process's: on a store other daemons share, their writes of the
    /// customer go on until (3) locks its row. So (3) counts again, once that lock has waited
    /// out every write in flight, with the keys this shred holds (still in guarded memory;
    /// only the sessions that changed since (2) are opened again): the receipt counts what
    /// the erasure erased, not what (2) saw.
    public func shred(customer: CustomerID, reason: String, context: AuditContext) throws(StoreError) -> ErasureReceipt {
        var context = context
        context.detail = reason
        // One audit entry per call: a repeat is audited by `repeatedReceipt`, an unknown
        // customer here. The keys are read afresh, not from the cache: the count the receipt
        // signs opens only what the keys open, and another daemon may have added a DEK
        // generation (and messages under it) since this one cached the customer.
        keyring.forget(blindIndex: keyring.blindIndex(of: customer))
        guard let keys = try storeCall({ try keyring.lookup(customer) }) else {
            if try storeCall({ try keyring.erasure(blindIndex: keyring.blindIndex(of: customer)) }) != nil {
                return try repeatedReceipt(customer, context: context)
            }
            try audit(context, customerRef: nil, outcome: StoreError.notFound("").code)
            throw .notFound("customer")
        }
        // Only a shortcut: the hold is decided again inside the erasure's own transaction.
        // Read under the legal gate, so a hold still waiting for its audit entry (and perhaps
        // about to be undone) is not what refuses this shred.
        let heldNow = try storeCall { try keyring.legalGate.withLock { try keyring.holdState(handle: keys.handle).heldSince != nil } }
        if heldNow {
            try audit(context, customerRef: keys.auditRef, outcome: StoreError.legalHold.code)
            throw .legalHold
        }
        let shred = keyring.fence.newShred()
        let destroyed: DestroyedKeys
        var counts: (sessions: Int, messages: Int)
        do throws(StoreError) {
            // Intent first: a purge record committed before the erasure point, so a crash right
            // after it still gets the rows removed. Harmless if the shred stops here: the purge
            // job drops records of customers whose keys still exist, once a day old.
            var prepare = context
            prepare.method = "customer.shred.prepare"
            prepare.detail = nil
            try writer.write(prepare, customerRef: keys.auditRef) { db, now in
                try db.recordPurge(handle: keys.handle, at: now)
                self.keyring.fence.fenceWrites(keys.handle, shred: shred)
            }
            // Most of the work, before the erasure point's transaction: that one opens again
            // only what changed since.
            let counted = try authenticatedContents(of: keys)
            counts = counted.totals
            keyring.racePoints.reach(.shredBeforeErasure)
            // The erasure point. Before it nothing readable was changed; after it nothing can be read.
            guard let keysDestroyed = try storeCall({
                try keyring.legalGate.withLock {
                    try keyring.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle) { ref, dekCount, versions, at, keysNow in
                        // The row is locked: every write of the customer is in the data store
                        // or will fail. A generation added since the keys were read (another
                        // daemon's write, or this daemon's own write that fell due for a
                        // rotation and then met the fence) may seal messages the keys read
                        // cannot open: the count takes the keys as they are now, every
                        // generation this erasure destroys (session 20's attack review: failing
                        // the shred here refused an erasure for a rotation that sealed nothing).
                        var counting = keys
                        if dekCount != keys.deks.count {
                            guard let now = try keysNow(), now.handle == keys.handle else {
                                throw StoreError.unavailable("the customer's keys could not be read again at the erasure point; nothing was changed, retry")
                            }
                            counting = now
                        }
                        counts = try authenticatedContents(of: counting, since: counted, holdingTheKeyring: true).totals
                        return Self.draft(auditRef: ref, reason: reason, counts: counts, dekCount: dekCount, kekVersions: versions, at: at)
                    }
                }
            }) else { throw StoreError.notFound("customer") }
            destroyed = keysDestroyed
        } catch {
            keyring.fence.lift(keys.handle, shred: shred)
            if error == .legalHold || error == .notFound("customer") {
                try audit(context, customerRef: error == .legalHold ? keys.auditRef : nil, outcome: error.code)
            }
            throw error
        }
        let record = ErasureRecord(customerTag: keyring.erasureTag(blindIndex: keys.blindIndex), handleTag: keyring.erasureTag(handle: destroyed.handle),
                                   shreddedAt: destroyed.shreddedAt, number: destroyed.number, ordinal: destroyed.ordinal,
                                   draft: Self.draft(auditRef: destroyed.auditRef, reason: reason, counts: counts, dekCount: destroyed.dekCount,
                                                     kekVersions: destroyed.kekVersions, at: destroyed.shreddedAt),
                                   receipt: nil)
        do {
            try erasureLedger?.append(ErasureLedger.Entry(record: record))
        } catch {
            scheduler?.wake()  // the erasure-mirror job records it in the data (`mirrorErasuresWithoutReceipt`)
            throw .unavailable("the customer's keys were destroyed at \(destroyed.shreddedAt.rfc3339): the erasure is complete and cannot be "
                + "undone, but the erasure ledger could not be written (\(error)); repeat the shred to get the receipt")
        }
        return try complete(record, handle: destroyed.handle, customer: customer, context: context, walTruncated: destroyed.walTruncated)
    }

    /// `customer.receipt`: the stored receipt of the customer's newest erasure (completed
    /// first if a crash or failure left it without one); `notFound` if it was never erased.
    public func receipt(customer: CustomerID, context: AuditContext) throws(StoreError) -> ErasureReceipt {
        guard let record = try storeCall({ try keyring.erasure(blindIndex: keyring.blindIndex(of: customer)) }) else {
            try audit(context, customerRef: nil, outcome: StoreError.notFound("").code)
            throw .notFound("no erasure of this customer")
        }
        if record.receipt == nil { return try complete(record, handle: nil, customer: customer, context: context, walTruncated: keyring.truncateWAL()) }
        try audit(context, customerRef: record.auditRef, outcome: nil)
        return try stored(record)
    }

    /// A shred of a customer erased before: its original receipt, marked as a repeat.
    private func repeatedReceipt(_ customer: CustomerID, context: AuditContext) throws(StoreError) -> ErasureReceipt {
        guard let record = try storeCall({ try keyring.erasure(blindIndex: keyring.blindIndex(of: customer)) }) else {
            throw .notFound("customer")
        }
        var receipt: ErasureReceipt
        if record.receipt == nil {
            receipt = try complete(record, handle: nil, customer: customer, context: context, walTruncated: keyring.truncateWAL())
        } else {
            try audit(context, customerRef: record.auditRef, outcome: nil)
            receipt = try stored(record)
        }
        receipt.isRepeat = true
        return receipt
    }

    /// The stored receipt of `record` (which has one).
    private func stored(_ record: ErasureRecord) throws(StoreError) -> ErasureReceipt {
        guard let json = record.receipt, let receipt = ErasureReceipt(stored: json) else {
            throw .integrity("the stored erasure receipt is damaged (keys.db edited outside confide)")
        }
        return receipt
    }

    /// Steps (5) and (6) of a shred, for a fresh erasure (`handle` known: the rows are
    /// purged inline when few) or one whose receipt was never issued (`handle` nil: its
    /// purge record, written before the erasure point, has the purge job remove them):
    /// the `customer.shred` audit entry, then the signed receipt, stored in keys.db and
    /// appended to the ledger before it is returned.
    private func complete(_ record: ErasureRecord, handle: [UInt8]?, customer: CustomerID, context: AuditContext,
                          walTruncated: Bool) throws(StoreError) -> ErasureReceipt {
        let messages = record.draft["messages"]?.intValue ?? Int.max
        // The audit record and the clean-up. A failure here cannot undo the erasure, so the
        // caller is told exactly that, not "nothing was changed".
        let entry: AuditEntry
        do {
            entry = try writer.writeRecordingEntry(context, customerRef: record.auditRef, replayable: false, readsSession: nil, reliesOn: nil, locksCustomers: []) { db, now in
                try db.mirrorErasure(customerTag: record.customerTag, handleTag: record.handleTag, number: record.number,
                                     ordinal: record.ordinal, shreddedAt: record.shreddedAt)
                guard let handle else { return }
                try db.recordPurge(handle: handle, at: now)
                if messages <= TranscriptStore.inlinePurgeLimit {
                    try TranscriptStore.purgeRows(of: handle, limit: Int.max, in: db)
                }
            }.entry
        } catch {
            // The data's record of the erasure was in that transaction: the scheduler's
            // erasure-mirror job writes it as soon as the data takes it.
            scheduler?.wake()
            throw .unavailable("the customer's keys were destroyed at \(record.shreddedAt.rfc3339): the erasure is complete and cannot be undone, "
                + "but its audit record could not be written (\(error)); the unreadable rows are purged in the background. "
                + "Repeat the shred to get the receipt")
        }
        checkpointer.requestScrub()
        scheduler?.wake()
        let verified = walTruncated && (try? keyring.lookup(customer)) == nil
            && (try? handle.map { try keyring.isErased(handle: $0) } ?? true) == true
        let receipt = ErasureReceipt(body: receiptBody(record.draft, entry: entry, verified: verified), signingKey: keyring.auditSigningKey)
        // The erasure's one receipt is the first stored: a completion that raced this one (a
        // second `customer.receipt`, another daemon) may have stored its own first.
        let kept: JSONObject
        do {
            kept = try keyring.storeReceipt(receipt.stored, for: record)
            try erasureLedger?.append(ErasureLedger.Entry(customerTag: record.customerTag, handleTag: record.handleTag,
                                                          shreddedAt: record.shreddedAt, number: record.number, draft: record.draft, receipt: kept))
        } catch {
            throw .unavailable("the customer was erased at \(record.shreddedAt.rfc3339) and audited, but its receipt could not be stored "
                + "(\(error)); repeat the shred to get the receipt")
        }
        guard let first = ErasureReceipt(stored: kept) else {
            throw .integrity("the stored erasure receipt is damaged (keys.db edited outside confide)")
        }
        return first
    }

    /// The receipt's facts fixed at the erasure point.
    static func draft(auditRef: [UInt8], reason: String, counts: (sessions: Int, messages: Int), dekCount: Int, kekVersions: [Int],
                      at shreddedAt: Timestamp) -> JSONObject {
        [
            "customer_ref": .string(encodeHex(auditRef)),
            "reason": .string(reason),
            "sessions": .int(counts.sessions),
            "messages": .int(counts.messages),
            "keys_destroyed": .int(dekCount),
            "shredded_at": .string(shreddedAt.rfc3339),
            "kek_versions": .array(kekVersions.map { .int($0) }),
        ]
    }

    /// The customer's sessions whose sealed header authenticates under its keys, and the
    /// messages in their chains that authenticate: what the receipt says was erased. The
    /// plaintext `message_count` column is not trusted (anyone who can write data.db could
    /// make a receipt overstate or understate the erasure).
    ///
    /// `since`: an earlier count with the same keys (or fewer of its generations), whose result is kept for every session
    /// row unchanged since (same sealed fields and chain head), so only rows written since are
    /// opened again (the shred's second count, inside the erasure point's transaction).
    /// `holdingTheKeyring`: the caller holds the keyring (the erasure point), so the read
    /// takes the reader kept for that (`SnapshotReader.readHoldingTheKeyring`).
    func authenticatedContents(of keys: CustomerKeys, since earlier: ContentsCount? = nil,
                               holdingTheKeyring: Bool = false) throws(StoreError) -> ContentsCount {
        try storeCall {
            func read<T>(_ body: (any TranscriptRecords) throws -> T) throws -> T {
                holdingTheKeyring ? try readers.readHoldingTheKeyring(body) : try readers.read(body)
            }
            return try read { db in
                let rows = try db.sessions(handle: keys.handle, afterID: 0, limit: .max)
                var count = ContentsCount()
                // Per session (its index bytes), the longest chain that authenticates: a copy of
                // a row under another id (its index stored as text, past the unique constraint)
                // is the same session, not another one to count.
                var counted: [[UInt8]: Int] = [:]
                for (row, index) in rows {
                    guard let fields = row.fields else { continue }
                    let seen = ContentsCount.Row(fields: fields, lastChunk: row.lastChunk, index: index)
                    if let before = earlier?.rows[row.id], before.row == seen {
                        count.rows[row.id] = before
                        counted[index] = max(counted[index] ?? 0, before.found)
                        continue
                    }
                    let sealer = SessionSealer(keys: keys, sessionIndex: index)
                    guard (try? sealer.openHeader(row, fields, name: "")) != nil else { continue }
                    // Messages count as far as they authenticate as this version's chain from
                    // its first: an edited row or chain can only lower the count, never raise it.
                    var found = sealer.authenticChainLength(try ChunkChain.walk(session: row.id, last: row.lastChunk, in: db), epoch: fields.epoch)
                    // A chain that disagrees with the row was edited: count every chunk row of the
                    // session instead (a table scan, only in that case).
                    if found != row.count {
                        found = max(found, sealer.authenticChainLength(try ChunkChain.scan(session: row.id, in: db), epoch: fields.epoch))
                    }
                    count.rows[row.id] = (seen, found)
                    counted[index] = max(counted[index] ?? 0, found)
                }
                count.totals = (counted.count, counted.values.reduce(0, +))
                return count
            }
        }
    }

    private func receiptBody(_ draft: JSONObject, entry: AuditEntry, verified: Bool) -> JSONObject {
        var body = draft
        body["audit_seq"] = .int(entry.seq)
        body["audit_head"] = .string(encodeHex(entry.hash))
        // Which daemon's chain holds that entry, on a store with one chain per daemon (signed
        // with the rest; absent for chain 0, as before chains were per daemon).
        if auditChainID != 0 { body["audit_chain"] = .int(auditChainID) }
        body["verified"] = .bool(verified)
        let versions = draft["kek_versions"]?.arrayValue?.compactMap(\.intValue) ?? []
        let shreddedAt = draft["shredded_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) ?? clock.now()
        body["live_keys_destroyed_by"] = liveKeysDestroyedBy(versions).map { .string($0.rfc3339) } ?? .null
        if let days = options.keysBackupRetentionDays {
            body["backup_horizon"] = .string(shreddedAt.adding(days: days).rfc3339)
            body["backup_horizon_basis"] = "keys_backup_retention_days"
        } else {
            body["backup_horizon"] = .null
            body["backup_horizon_basis"] = .null
            body["backup_horizon_reason"] = .string("keys_backup_retention_days is not configured and no master-key rekey is scheduled: "
                + "a keys.db backup taken before the shred can open this customer's data until it is destroyed or the master key is rekeyed")
        }
        return body
    }

    /// When the rotation schedule will have destroyed every listed KEK version in the live
    /// keyring: retiring versions go after the pending re-wrap (next scheduler tick); the
    /// active one after it is rotated out (`kek_rotation_days` after its creation).
    func liveKeysDestroyedBy(_ versions: [Int]) -> Timestamp? {
        guard let info = try? keyring.kekInfo() else { return nil }
        let tick = Int(options.schedulerTickSeconds.rounded(.up))
        var latest = clock.now()
        for v in versions {
            guard let k = info.first(where: { $0.version == v }) else { continue }
            switch k.state {
            case "active": latest = max(latest, k.createdAt.adding(days: options.kekRotationDays).adding(seconds: 2 * tick))
            case "retiring": latest = max(latest, clock.now().adding(seconds: 2 * tick))
            default: break
            }
        }
        return latest
    }

    /// Deletes up to `limit` chunks of `handle`'s sessions (and the sessions once empty);
    /// returns true when nothing of the customer is left and its purge record is removed.
    @discardableResult
    static func purgeRows(of handle: [UInt8], limit: Int, in db: any TranscriptRecords) throws -> Bool {
        let sessions = try db.sessionChains(handle: handle)
        var budget = limit
        for session in sessions {
            if budget <= 0 { return false }
            // The session's newest `budget` chunks, from the end of its chain.
            let (ids, rest) = try ChunkChain.newest(budget, session: session.id, last: session.lastChunk, in: db)
            for id in ids { try db.deleteChunk(id: id) }
            // The whole chain is gone but it was shorter than the row says: rows were cut off
            // the chain by an edit; remove whatever still names the session (a table scan).
            if rest == nil && ids.count != session.count { try db.deleteChunks(ofSession: session.id) }
            if budget != Int.max { budget -= ids.count }
            if let rest {
                try db.setSessionChain(id: session.id, lastChunk: rest, count: session.count > ids.count ? session.count - ids.count : 0)
                return false
            }
            try db.deleteSession(id: session.id)
        }
        try db.deletePurge(handle: handle)
        return true
    }

    /// Places or lifts a legal hold (GDPR Art. 17(3)(e)): a held customer is neither
    /// shredded nor expired by retention.
    ///
    /// A release takes effect in two keyring commits (`Keyring.setHold`): the first marks it
    /// pending (the customer still held, for every daemon over the keyring), the second, after
    /// the release's audit entry has committed, lifts the hold. An audit entry that fails drops
    /// the mark; a second step that fails (or a crash before it) leaves the customer held with
    /// its release pending, and the next release completes it.
    ///
    /// On a keyring several daemons share, no other daemon's hold or release of the customer
    /// commits from before this call's keyring commit until it has answered
    /// (`Keyring.beginHoldChange`): audit entries and answers come in the order the keyring
    /// committed them. A lost keyring session lets go of that early; if another hold or
    /// release then came in between, the call fails (`unavailable`, check the hold) rather
    /// than answer what may no longer be in force.
    public func setHold(customer: CustomerID, held: Bool, context: AuditContext) throws(StoreError) -> (held: Bool, since: Timestamp?) {
        let keys = try existingCustomer(customer, context: context)
        // From the keys.db commit through the audit entry (and its undo), no other hold,
        // release or erasure point of this process runs: none can confirm or act on a hold
        // that is about to be undone.
        keyring.legalGate.lock()
        defer { keyring.legalGate.unlock() }
        try storeCall { try keyring.beginHoldChange(handle: keys.handle) }
        let outcome = Result { () throws(StoreError) in try changeHold(keys, held: held, context: context) }
        let keptInFlight = keyring.endHoldChange(handle: keys.handle)
        let (answer, holdChanges) = try outcome.get()
        guard !keptInFlight else { return answer }
        // The keyring's session ended inside the span: the answer stands only if no other
        // hold or release (of another daemon) came in between.
        guard let count = try? keyring.holdChanges(blindIndex: keys.blindIndex, handle: keys.handle), count == holdChanges else {
            throw .unavailable("the \(held ? "hold" : "release") was audited, but the keyring connection was lost while it was in flight "
                + "and another request may have changed or confirmed the customer's hold meanwhile: check the customer's state with "
                + "customer.hold before relying on it")
        }
        return answer
    }

    /// `setHold` from its keyring commit through its audit entry (or undo) and, for a
    /// release, its second step: the answer, and the customer's `hold_changes` as the call
    /// left it (nil: the customer is gone), by which `setHold` tells whether another call
    /// came in between.
    private func changeHold(_ keys: CustomerKeys, held: Bool, context: AuditContext) throws(StoreError)
        -> (answer: (held: Bool, since: Timestamp?), holdChanges: Int64?) {
        let result = Result { () throws(StoreError) -> HoldChange in
            guard let state = try storeCall({ try keyring.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: held) }) else { throw .notFound("customer") }
            return state
        }
        keyring.racePoints.reach(.holdBeforeAudit)
        do {
            try audit(context, customerRef: keys.auditRef, outcome: result.outcome)
        } catch {
            // keys.db and data.db commit apart: a hold (or release) that cannot be audited is
            // put back, so the failed call changed nothing, as its error says.
            if case .success(let state) = result, state.changed {
                // A release's first step leaves the customer held: only its mark stays.
                let tookEffect = held ? "the hold took effect" : "the release was marked pending (the customer is still held)"
                let undone: Bool
                do {
                    undone = try keyring.undoHold(blindIndex: keys.blindIndex, handle: keys.handle, holdChanges: state.holdChanges,
                                                  previous: state.previous, previousRelease: state.previousRelease)
                } catch let undo {
                    throw .unavailable("\(tookEffect) but its audit record could not be written (\(error)), "
                        + "and undoing it failed too (\(StoreError(undo))): check the customer's state with customer.hold before relying on it")
                }
                // Another request (on another daemon) confirmed or changed the hold after this
                // one: undoing would take back what that one answered.
                guard undone else {
                    throw .unavailable("\(tookEffect) but its audit record could not be written (\(error)); "
                        + "it was not undone because another request changed or confirmed the customer's hold meanwhile: "
                        + "check the customer's state with customer.hold before relying on it")
                }
            }
            throw error
        }
        let state = try result.get()
        guard let mark = state.pendingRelease else { return ((state.held, state.since), state.holdChanges) }
        // The release's second step: its audit entry committed, the hold is lifted.
        keyring.racePoints.reach(.releaseBeforeCompletion)
        do {
            // nil: no customer any more (erased by an erasure the ledger re-applied): no hold in force.
            // The second step counts itself in hold_changes.
            guard let done = try keyring.completeRelease(blindIndex: keys.blindIndex, handle: keys.handle, mark: mark) else {
                return ((false, nil), nil)
            }
            return (done, state.holdChanges + 1)
        } catch {
            throw .unavailable("the release was audited but the hold could not be lifted (\(StoreError(error))): the customer stays held, "
                + "its release pending; repeat customer.release to complete it")
        }
    }

    /// Subject access: every session of the customer, one at a time to `each` (so a huge
    /// customer is never held in memory whole). The audit entry commits before the first
    /// session is handed out.
    ///
    /// Each session is read in a read transaction of its own, closed before it is handed
    /// out: `each` writes to a client's socket, and a slow client must not hold a data.db
    /// snapshot open (it would keep the WAL, and the ciphertext of later deletes, from being
    /// emptied). Each session is consistent in itself; one written during the export may
    /// show a later state than another. A session deleted meanwhile is skipped; an erasure of
    /// the customer meanwhile fails the export (-32004), never shortens it.
    public func export(customer: CustomerID, redacted: Bool, context: AuditContext,
                       each: (SessionTranscript) throws -> Void) throws(StoreError) -> Int {
        // The audit entry, before anything is handed out, checks the customer's version.
        let keys = try retryingIfTheCustomerChanged(customer, context: context) { () throws(StoreError) -> CustomerKeys in
            let keys = try existingCustomer(customer, context: context)
            try audit(context, customerRef: keys.auditRef, outcome: nil, reliesOn: keys)
            return keys
        }
        let indexes = try storeCall {
            try readers.read { db in
                try db.sessions(handle: keys.handle, afterID: 0, limit: .max).map { ($0.row.id, $0.index) }
            }
        }
        var count = 0
        for (id, index) in indexes {
            var transcript: SessionTranscript
            do {
                transcript = try storeCall {
                    try readers.read { db in try readTranscript(db, sealer: SessionSealer(keys: keys, sessionIndex: index), rowID: id) }
                }
            } catch .notFound("session") {
                // Deleted meanwhile, or purged by a shred that overtook the export: only the
                // first may be skipped, or an erased customer's export ends short and whole-looking.
                try keyring.ensureReadable(keys)
                continue
            }
            if redacted { transcript = try deidentified(transcript) }
            keyring.racePoints.reach(.readOpened)
            // Each session, against the keyring too: a shred through another daemon after the
            // audit entry's check is seen before the next session goes out.
            try keyring.ensureStillReadable(keys)
            try storeCall { try each(transcript) }
            count += 1
        }
        return count
    }
}

/// keys.db records erasures that the erasure ledger file lacks: the ledger was lost, or is
/// older than keys.db. Starting would leave those erasures unprotected against a restore.
public struct ErasureLedgerGap: Error, CustomStringConvertible {
    public let missing: Int
    public let ledgerPath: String
    public let keysPath: String
    public var description: String {
        "\(keysPath) records \(missing) erasure(s) that the erasure ledger \(ledgerPath) lacks (the ledger was lost, or is older "
            + "than keys.db): restore the ledger file, or start once with --rebuild-erasure-ledger to append them to it"
    }
}

extension TranscriptStore {
    /// Makes keys.db and the erasure ledger agree, at start-up before anything is served.
    ///
    /// 1. Erasures keys.db records and the ledger lacks stop the start (`ErasureLedgerGap`),
    ///    unless `rebuildErasureLedger` (audited) — except the newest one alone, which a
    ///    crash between the erasure's commit and its ledger line leaves out: it is appended.
    ///    On a store other daemons share (`sharesStore`), an erasure made through another
    ///    daemon is in keys.db and not yet in this daemon's ledger: every missing one is
    ///    appended, audited once as `daemon.erasure-ledger.synced`.
    /// 2. Every ledger entry is re-applied: a customer an older keys.db brought back (same
    ///    handle) loses its keys again, audited as `customer.shred.reapplied` with a purge
    ///    record, and keys.db gets the erasure record (and receipt) it lacked.
    func reconcileErasures() throws {
        guard let ledger = erasureLedger else { return }
        let entries = try ledger.entries()
        // A receipt is served as stored: one the audit key did not sign was written into
        // the ledger by someone else (found by an attack on issue 18).
        for entry in entries {
            guard let receipt = entry.receipt else { continue }
            do { try ErasureReceipt.verify(.object(receipt), publicKey: keyring.auditPublicKey) } catch {
                throw StoreError.integrity("the erasure ledger \(ledger.path) holds a receipt (shredded at \(entry.shreddedAt.rfc3339)) "
                    + "that the audit key did not sign: the ledger was edited; restore it from its backup")
            }
        }
        let inLedger = Set(entries.map { $0.customerTag + $0.handleTag })
        let recorded = try keyring.erasures()
        let missing = recorded.filter { !inLedger.contains($0.customerTag + $0.handleTag) }
        let newestInLedger = entries.map(\.shreddedAt).max()
        let crashWindow = missing.count == 1 && missing[0].shreddedAt == recorded.last?.shreddedAt
            && (newestInLedger.map { missing[0].shreddedAt >= $0 } ?? (recorded.count == 1))
        if !missing.isEmpty && !crashWindow && !options.rebuildErasureLedger && !options.sharesStore {
            throw ErasureLedgerGap(missing: missing.count, ledgerPath: ledger.path, keysPath: keyring.path)
        }
        for record in missing { try ledger.append(ErasureLedger.Entry(record: record)) }
        if !missing.isEmpty && !crashWindow && options.sharesStore {
            try audit(AuditContext(role: "daemon", method: "daemon.erasure-ledger.synced", detail: "\(missing.count)"), customerRef: nil, outcome: nil)
        } else if !missing.isEmpty && !crashWindow {
            try audit(.daemon("daemon.erasure-ledger.rebuilt"), customerRef: nil, outcome: nil)
            startupWarnings.append("appended \(missing.count) erasure(s) recorded in keys.db to the erasure ledger \(ledger.path) "
                + "(--rebuild-erasure-ledger)")
        }
        // Each erasure is audited and its purge recorded as soon as it commits, so a reapply
        // that fails part-way leaves none unaccounted for.
        _ = try keyring.reapply(entries) { handle, auditRef, entry in
            try writer.write(.daemon("customer.shred.reapplied"), customerRef: auditRef) { db, now in
                try db.recordPurge(handle: handle, at: now)
            }
            startupWarnings.append("re-applied the erasure of customer_ref \(encodeHex(auditRef)) (shredded at "
                + "\(entry.shreddedAt.rfc3339)): keys.db still held its keys (restored from a backup taken before the shred?)")
        }
    }
}

extension TranscriptStore {
    /// On a store other daemons share (`Options.sharesStore`): appends to this daemon's
    /// erasure ledger the erasures keys.db records that it lacks and that carry their receipt
    /// (made and completed through another daemon), so a keys.db restored from a backup older
    /// than them is caught by this daemon's ledger as by theirs. Audited once per run that
    /// appends (`daemon.erasure-ledger.synced`, the count in `detail`). Returns how many.
    /// An erasure still without a receipt waits for a later run (it is being completed, or
    /// its daemon stopped mid-way: a start-up appends it).
    func syncErasureLedger() throws -> Int {
        guard options.sharesStore, let ledger = erasureLedger else { return 0 }
        let inLedger = Set(try ledger.entries().map { $0.customerTag + $0.handleTag })
        let missing = try keyring.erasures().filter { $0.receipt != nil && !inLedger.contains($0.customerTag + $0.handleTag) }
        for record in missing { try ledger.append(ErasureLedger.Entry(record: record)) }
        if !missing.isEmpty { try audit(AuditContext(role: "daemon", method: "daemon.erasure-ledger.synced", detail: "\(missing.count)"), customerRef: nil, outcome: nil) }
        return missing.count
    }
}

extension TranscriptStore {
    /// Most erasures one run of the erasure-mirror job writes (the rest wait for the next).
    static let erasureMirrorBatch = 1_000

    /// The erasure-mirror job (every daemon of an engine whose data store records the
    /// keyring's erasures, `StorageEngine.mirrorsErasures`): writes to that record every
    /// erasure the keyring holds without its receipt that the record lacks. A shred's
    /// audit-entry transaction records its erasure; when that transaction fails (the data
    /// away for a moment, a statement timeout, the daemon killed between the two commits)
    /// the keyring has the erasure and the data's record does not, and until now only the
    /// daemon that made it would have refused a keyring copy from before it (session 23's
    /// attack review, S23B-5: another daemon of a shared store served it). Any daemon's run
    /// closes that gap, the erasing daemon's included (woken at once by the failed shred),
    /// as soon as the data takes the write. Audited once per run that writes
    /// (`daemon.erasure-mirror.written`, the count in `detail`). Returns how many.
    ///
    /// Where a row written late ranks among the rows checked (the newest 256): an erasure
    /// with a number (made since the upgrade that numbered them) by its keyring ordinal, above
    /// every erasure from before it, as in the keyring. An erasure from before that upgrade
    /// (no number) has no trustworthy place: its keyring ordinal follows `shredded_at`, stamped
    /// by clocks that may have been apart, so it cannot be interleaved with the record's own
    /// rows from before the upgrade, which keep the order they reached the record in
    /// (`recorded`, one sequence). It ranks below all of those (the engine's `mirrorErasure`)
    /// and never pushes one of them out of the rows checked (session 24's second review,
    /// S24B-3), and is checked in a set of its own (session 25's second review, S25B-1); the
    /// record's rows keep their own order, not the keyring's time order, so the last erasure
    /// recorded before the upgrade stays checked whatever its daemon's clock said (the third
    /// review, S24C-3).
    ///
    /// Each run reads the newest erasures without a receipt and, when there are more than a
    /// batch, one more batch of a sweep through all of them that goes on where the last run
    /// stopped: an erasure behind a full batch of others the record already holds (its
    /// keyring ordinal low because its daemon's clock was behind before the upgrade) is
    /// reached in time instead of never (session 25's fourth review, S25D-1). `toTheEnd`
    /// (each start, before serving) goes through all of them at once, since a start sets the
    /// sweep back to the newest (the fifth review, S25E-1: daemons restarted before their
    /// sweeps got deep never wrote such an erasure).
    func mirrorErasuresWithoutReceipt(toTheEnd: Bool = false) throws -> Int {
        guard engine.mirrorsErasures else { return 0 }
        if toTheEnd {
            var written = 0
            var from: Int64?
            while true {
                let page = try keyring.erasuresWithoutReceipt(limit: Self.erasureMirrorBatch, atOrBelow: from)
                written += try mirrorErasuresTheRecordLacks(page)
                guard page.count == Self.erasureMirrorBatch, let last = page.last?.ordinal else { return written }
                from = Self.sweepPlace(afterAFullPageEndingAt: last, readFrom: from)
            }
        }
        var pending = try keyring.erasuresWithoutReceipt(limit: Self.erasureMirrorBatch)
        if pending.count == Self.erasureMirrorBatch, let lowest = pending.last?.ordinal {
            let from = erasureMirrorSweep.withLock { $0 } ?? lowest
            let page = try keyring.erasuresWithoutReceipt(limit: Self.erasureMirrorBatch, atOrBelow: from)
            let last = page.last?.ordinal ?? from
            // From the newest again once a page came back short.
            erasureMirrorSweep.withLock {
                $0 = page.count < Self.erasureMirrorBatch ? nil : Self.sweepPlace(afterAFullPageEndingAt: last, readFrom: from)
            }
            let seen = Set(pending.map { $0.customerTag + $0.handleTag })
            pending += page.filter { !seen.contains($0.customerTag + $0.handleTag) }
        }
        return try mirrorErasuresTheRecordLacks(pending)
    }

    /// Where a sweep down the receipt-less erasures reads next after a full page that ended at
    /// ordinal `last`, read at or below `from` (nil: from the newest): at `last` again, so rows
    /// sharing it are not skipped, unless the whole page had it (`last == from`), then below
    /// it, so every page moves the sweep down.
    static func sweepPlace(afterAFullPageEndingAt last: Int64, readFrom from: Int64?) -> Int64 {
        guard let from else { return last }
        return last < from ? last : last - 1
    }

    /// Writes to the data's record those of `pending` it lacks, in one audited transaction;
    /// returns how many.
    private func mirrorErasuresTheRecordLacks(_ pending: [ErasureRecord]) throws -> Int {
        guard !pending.isEmpty else { return 0 }
        let lacking = try readers.read { db in try db.erasuresNotMirrored(pending) }
        guard !lacking.isEmpty else { return 0 }
        let context = AuditContext(role: "daemon", method: "daemon.erasure-mirror.written", detail: "\(lacking.count)")
        try writer.write(context, customerRef: nil) { db, _ in
            for record in lacking {
                try db.mirrorErasure(customerTag: record.customerTag, handleTag: record.handleTag, number: record.number,
                                     ordinal: record.ordinal, shreddedAt: record.shreddedAt)
            }
        }
        return lacking.count
    }
}
