import ConfideCrypto
import ConfideJSON
import ConfideStorage
import Foundation

extension TranscriptStore {
    /// Most chunks deleted inside the shred's own transaction; a larger customer's rows are
    /// removed by the background purge (the erasure point does not wait for either).
    static let inlinePurgeLimit = 2_000

    /// Crypto-shreds a customer: destroys every DEK (the erasure point), then records the
    /// audit entry and schedules removal of the now-unreadable rows, and returns a signed
    /// receipt. Held customers are refused (-32007) with nothing changed.
    ///
    /// In order: (1) on the writer thread, the purge intent and a fence that refuses every
    /// later write of the customer, so what the receipt counts is all there is; (2) the
    /// count, from ciphertext that authenticates under the customer's keys; (3) the keys.db
    /// transaction that decides the hold and destroys the keys: the erasure point; (4) the
    /// audit entry and the inline purge. A shred that stops before (3) lifts its fence.
    public func shred(customer: CustomerID, reason: String, context: AuditContext) throws(StoreError) -> ErasureReceipt {
        let keys = try existingCustomer(customer, context: context)
        // Only a shortcut: the hold is decided again inside the erasure's own transaction.
        if keys.heldSince != nil {
            try audit(context, customerRef: keys.auditRef, outcome: StoreError.legalHold.code)
            throw .legalHold
        }
        let shred = keyring.fence.newShred()
        let destroyed: DestroyedKeys
        let counts: (sessions: Int, messages: Int)
        do throws(StoreError) {
            // Intent first: a purge record committed before the erasure point, so a crash right
            // after it still gets the rows removed. Harmless if the shred stops here: the purge
            // job drops records of customers whose keys still exist.
            var prepare = context
            prepare.method = "customer.shred.prepare"
            try writer.write(prepare, customerRef: keys.auditRef) { db, now in
                try db.run("INSERT OR IGNORE INTO pending_purge (customer_handle, requested_at) VALUES (?, ?)",
                           .blob(keys.handle), .integer(now.milliseconds))
                self.keyring.fence.fenceWrites(keys.handle, shred: shred)
            }
            counts = try authenticatedContents(of: keys)
            keyring.racePoints.reach(.shredBeforeErasure)
            // The erasure point. Before it nothing readable was changed; after it nothing can be read.
            guard let keysDestroyed = try storeCall({ try keyring.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle) }) else {
                throw StoreError.notFound("customer")
            }
            destroyed = keysDestroyed
        } catch {
            keyring.fence.lift(keys.handle, shred: shred)
            if error == .legalHold || error == .notFound("customer") {
                try audit(context, customerRef: error == .legalHold ? keys.auditRef : nil, outcome: error.code)
            }
            throw error
        }
        let shreddedAt = clock.now()
        // The audit record and the clean-up. A failure here cannot undo the erasure, so the
        // caller is told exactly that, not "nothing was changed".
        let entry: AuditEntry
        do {
            entry = try writer.writeRecordingEntry(context, customerRef: destroyed.auditRef) { db, now in
                try db.run("INSERT OR IGNORE INTO pending_purge (customer_handle, requested_at) VALUES (?, ?)",
                           .blob(destroyed.handle), .integer(now.milliseconds))
                if counts.messages <= TranscriptStore.inlinePurgeLimit {
                    try TranscriptStore.purgeRows(of: destroyed.handle, limit: Int.max, in: db)
                }
            }.entry
        } catch {
            throw .unavailable("the customer's keys were destroyed at \(shreddedAt.rfc3339): the erasure is complete and cannot be undone, "
                + "but its audit record could not be written (\(error)); the unreadable rows are purged in the background. "
                + "No receipt can be issued; a repeated shred answers not found")
        }
        checkpointer.requestScrub()
        scheduler?.wake()
        let verified = destroyed.walTruncated && (try? keyring.isErased(handle: destroyed.handle)) == true
            && (try? keyring.lookup(customer)) == nil
        return ErasureReceipt(body: receiptBody(destroyed: destroyed, counts: counts, reason: reason, at: shreddedAt, entry: entry,
                                                verified: verified), signingKey: keyring.auditSigningKey)
    }

    /// The customer's sessions whose sealed header authenticates under its keys, and the
    /// messages in their chains that authenticate: what the receipt says was erased. The
    /// plaintext `message_count` column is not trusted (anyone who can write data.db could
    /// make a receipt overstate or understate the erasure).
    func authenticatedContents(of keys: CustomerKeys) throws(StoreError) -> (sessions: Int, messages: Int) {
        try storeCall {
            try readers.read { db in
                let rows = try db.query("SELECT \(SessionRow.columns), blind_index FROM session WHERE customer_handle = ?",
                                        [.blob(keys.handle)]) { (SessionRow($0), $0.blob(7)) }
                var sessions = 0, messages = 0
                for (row, index) in rows {
                    let sealer = SessionSealer(keys: keys, sessionIndex: index)
                    guard (try? sealer.openHeader(row)) != nil else { continue }
                    sessions += 1
                    for chunk in try ChunkChain.walk(session: row.id, last: row.lastChunk, in: db)
                    where (try? sealer.openChunk(chunk.sealed, seq: chunk.seq, generation: chunk.generation)) != nil {
                        messages += 1
                    }
                }
                return (sessions, messages)
            }
        }
    }

    private func receiptBody(destroyed: DestroyedKeys, counts: (sessions: Int, messages: Int), reason: String,
                             at shreddedAt: Timestamp, entry: AuditEntry, verified: Bool) -> JSONObject {
        var body: JSONObject = [
            "customer_ref": .string(encodeHex(destroyed.auditRef)),
            "reason": .string(reason),
            "sessions": .int(counts.sessions),
            "messages": .int(counts.messages),
            "keys_destroyed": .int(destroyed.dekCount),
            "shredded_at": .string(shreddedAt.rfc3339),
            "audit_seq": .int(entry.seq),
            "audit_head": .string(encodeHex(entry.hash)),
            "kek_versions": .array(destroyed.kekVersions.map { .int($0) }),
            "verified": .bool(verified),
        ]
        body["live_keys_destroyed_by"] = liveKeysDestroyedBy(destroyed.kekVersions).map { .string($0.rfc3339) } ?? .null
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
    static func purgeRows(of handle: [UInt8], limit: Int, in db: Database) throws -> Bool {
        let sessions = try db.query("SELECT id, last_chunk, message_count FROM session WHERE customer_handle = ?", [.blob(handle)]) {
            (id: $0.int64(0), last: $0.isNull(1) ? nil : $0.int64(1), count: $0.int(2))
        }
        var budget = limit
        for session in sessions {
            if budget <= 0 { return false }
            // The session's newest `budget` chunks, from the end of its chain.
            let (ids, rest) = try ChunkChain.newest(budget, session: session.id, last: session.last, in: db)
            for id in ids { try db.run("DELETE FROM chunk WHERE id = ?", .integer(id)) }
            if budget != Int.max { budget -= ids.count }
            if let rest {
                try db.run("UPDATE session SET last_chunk = ?, message_count = ? WHERE id = ?",
                           .integer(rest), .int(session.count > ids.count ? session.count - ids.count : 0), .integer(session.id))
                return false
            }
            try db.run("DELETE FROM session WHERE id = ?", .integer(session.id))
        }
        try db.run("DELETE FROM pending_purge WHERE customer_handle = ?", .blob(handle))
        return true
    }

    /// Places or lifts a legal hold (GDPR Art. 17(3)(e)): a held customer is neither
    /// shredded nor expired by retention.
    public func setHold(customer: CustomerID, held: Bool, context: AuditContext) throws(StoreError) -> (held: Bool, since: Timestamp?) {
        let keys = try existingCustomer(customer, context: context)
        let result = Result { () throws(StoreError) -> (held: Bool, since: Timestamp?) in
            guard let state = try storeCall({ try keyring.setHold(blindIndex: keys.blindIndex, held: held) }) else { throw .notFound("customer") }
            return state
        }
        try audit(context, customerRef: keys.auditRef, outcome: result.outcome)
        return try result.get()
    }

    /// Subject access: every session of the customer, one at a time to `each` (so a huge
    /// customer is never held in memory whole), read from one consistent snapshot. The
    /// audit entry commits before the first session is handed out.
    public func export(customer: CustomerID, redacted: Bool, context: AuditContext,
                       each: (SessionTranscript) throws -> Void) throws(StoreError) -> Int {
        let keys = try existingCustomer(customer, context: context)
        try audit(context, customerRef: keys.auditRef, outcome: nil)
        return try storeCall {
            try readers.read { db in
                let rows = try db.query("SELECT blind_index FROM session WHERE customer_handle = ? ORDER BY id", [.blob(keys.handle)]) { $0.blob(0) }
                for index in rows {
                    var t = try readTranscript(db, sealer: SessionSealer(keys: keys, sessionIndex: index))
                    keyring.racePoints.reach(.readOpened)
                    try keyring.ensureReadable(keys)
                    if redacted { t = try deidentified(t) }
                    try each(t)
                }
                return rows.count
            }
        }
    }
}
