import ConfideCrypto

/// Recomputes the audit chain of a data.db and checks its signed checkpoints. Needs no
/// master key, so an auditor can run it offline against a copy of data.db.
public enum AuditVerifier {
    /// What the walk found.
    public struct Report: Sendable, Equatable {
        public let ok: Bool
        public let entries: Int
        /// Hex hash of the last entry (the chain head).
        public let head: String
        /// The first entry that is missing, out of place, altered, or contradicts a checkpoint.
        public let firstBadSeq: Int?
        public let checkpoints: Int
        /// Human-readable reason when not ok.
        public let problem: String?
        /// Entries after the last signed checkpoint: hash-chained but vouched for by no
        /// signature, so they could have been rewritten together with their hashes.
        public var unsignedTail: Int = 0
    }

    /// Verifies a chain kept by any engine (a PostgreSQL connection, say) against
    /// `publicKey`, or the copy the store keeps beside the chain.
    public static func verify(log: any AuditLogStorage, publicKey: SigningPublicKey? = nil) throws -> Report {
        try verify(log, publicKey: publicKey, mac: nil)
    }


    /// Verifies the chain in `db`; see `verify(dataFile:publicKey:)`.
    ///
    /// With `mac` (the daemon's own check: it holds the audit key), every commit's MAC is
    /// checked too, and the chain must end on an entry that carries one: a chain rewritten
    /// with recomputed hashes fails at the first commit it changed.
    static func verify(_ db: any AuditLogStorage, publicKey: SigningPublicKey? = nil, mac: AuditMAC? = nil) throws -> Report {
        let key: SigningPublicKey
        if let publicKey { key = publicKey } else {
            guard let stored = try db.storedAuditPublicKey() else {
                return Report(ok: false, entries: 0, head: "", firstBadSeq: 1, checkpoints: 0, problem: "no audit public key in data.db")
            }
            key = try SigningPublicKey(bytes: stored)
        }
        var checkpoints: [Int: (head: [UInt8], signature: [UInt8])] = [:]
        for c in try db.auditCheckpoints() { checkpoints[c.seq] = (c.head, c.signature) }
        // Every checkpoint signature must be valid before anything else is trusted.
        for (seq, c) in checkpoints.sorted(by: { $0.key < $1.key })
        where !key.isValidSignature(c.signature, for: AuditEntry.checkpointMessage(seq: seq, head: c.head)) {
            return Report(ok: false, entries: 0, head: "", firstBadSeq: seq, checkpoints: checkpoints.count, problem: "checkpoint at seq \(seq) has an invalid signature")
        }
        // Pruned logs start after an anchor checkpoint whose head is the previous hash.
        let first = try db.oldestAuditSeq()
        var previous = AuditEntry.genesisHash
        var expected = 1
        if let first, first > 1 {
            guard let anchor = checkpoints[first - 1] else {
                return Report(ok: false, entries: 0, head: "", firstBadSeq: 1, checkpoints: checkpoints.count,
                              problem: "the log starts at seq \(first) without a signed checkpoint at seq \(first - 1)")
            }
            previous = anchor.head
            expected = first
        }
        var count = 0
        var lastMACed = true
        var failure: Report?
        try db.forEachAuditEntry { seq, decoded, stored in
            guard seq == expected else {
                failure = Report(ok: false, entries: count, head: encodeHex(previous), firstBadSeq: expected, checkpoints: checkpoints.count,
                                 problem: "entry \(expected) is missing")
                return false
            }
            guard case .success(let entry) = decoded else {
                failure = Report(ok: false, entries: count, head: encodeHex(previous), firstBadSeq: seq, checkpoints: checkpoints.count,
                                 problem: "entry \(seq) holds an impossible time, uid or pid (edited outside confide)")
                return false
            }
            let computed = entry.chainHash(previous: previous)
            // NULL and empty hash alike; the writer stores only NULL, so an empty value was edited in.
            guard computed == entry.hash, entry.role != "", entry.purpose != "", entry.customerRef != [], entry.detail != "" else {
                failure = Report(ok: false, entries: count, head: encodeHex(previous), firstBadSeq: seq, checkpoints: checkpoints.count,
                                 problem: "entry \(seq) does not match its hash chain (altered, reordered or forged)")
                return false
            }
            if let mac {
                if let stored, stored != mac.mac(seq: seq, head: computed) {
                    failure = Report(ok: false, entries: count, head: encodeHex(previous), firstBadSeq: seq, checkpoints: checkpoints.count,
                                     problem: "entry \(seq)'s MAC fails: the chain was rewritten without the audit key")
                    return false
                }
                lastMACed = stored != nil || seq < mac.keyedFrom
            }
            if let c = checkpoints[seq], c.head != computed {
                failure = Report(ok: false, entries: count, head: encodeHex(previous), firstBadSeq: seq, checkpoints: checkpoints.count,
                                 problem: "entry \(seq) contradicts the signed checkpoint")
                return false
            }
            previous = computed
            expected += 1
            count += 1
            return true
        }
        if let failure { return failure }
        if mac != nil && !lastMACed {
            return Report(ok: false, entries: count, head: encodeHex(previous), firstBadSeq: expected - 1, checkpoints: checkpoints.count,
                          problem: "the chain's last entry \(expected - 1) carries no MAC: entries after the last commit were added or edited outside confide")
        }
        if let last = checkpoints.keys.max(), last >= expected {
            return Report(ok: false, entries: count, head: encodeHex(previous), firstBadSeq: expected, checkpoints: checkpoints.count,
                          problem: "entries \(expected)...\(last) vouched for by a signed checkpoint are missing (truncated)")
        }
        let lastSigned = checkpoints.keys.max() ?? 0
        if count > 0 && checkpoints.isEmpty {
            return Report(ok: false, entries: count, head: encodeHex(previous), firstBadSeq: first ?? 1, checkpoints: 0,
                          problem: "no signed checkpoint: nothing authenticates this chain (checkpoints deleted, or the daemon never signed one)",
                          unsignedTail: count)
        }
        return Report(ok: true, entries: count, head: encodeHex(previous), firstBadSeq: nil, checkpoints: checkpoints.count, problem: nil,
                      unsignedTail: max(0, expected - 1 - lastSigned))
    }

    /// The newest `limit` entries, oldest first.
    static func tail(_ db: any AuditLogStorage, limit: Int, afterSeq: Int? = nil) throws -> [AuditEntry] {
        try db.auditEntries(after: afterSeq, limit: limit)
    }

    /// The entries after `afterSeq` (at most `limit`), or the newest `limit`, oldest first,
    /// of a chain kept by any engine.
    public static func tail(log: any AuditLogStorage, limit: Int, afterSeq: Int? = nil) throws -> [AuditEntry] {
        try tail(log, limit: limit, afterSeq: afterSeq)
    }
}

extension TranscriptStore {
    /// `audit.verify` on the live database, from a reader's snapshot, against `publicKey`
    /// when the caller gives one (so a wrong key fails), else the audit key held by the
    /// keyring (not the copy stored in data.db).
    public func verifyAudit(context: AuditContext, publicKey: SigningPublicKey? = nil) throws(StoreError) -> AuditVerifier.Report {
        // Sign the current head first, so the live chain is covered up to this call.
        try writer.signCheckpoint(context)
        try? recordAuditAnchor()
        return try storeCall {
            try readers.read { db in try AuditVerifier.verify(db, publicKey: publicKey ?? keyring.auditPublicKey, mac: writer.auditMAC) }
        }
    }

    /// `audit.tail`: the newest entries. `context` nil reads without an audit entry: only
    /// for the polls of a follow whose start was audited.
    public func auditTail(limit: Int, afterSeq: Int? = nil, context: AuditContext?) throws(StoreError) -> [AuditEntry] {
        if let context { try audit(context, customerRef: nil, outcome: nil) }
        return try storeCall { try readers.read { db in try AuditVerifier.tail(db, limit: limit, afterSeq: afterSeq) } }
    }
}
