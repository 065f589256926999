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
        /// Which chain this report is about (0: the store's first), and its registered name.
        public var chain = 0
        public var chainName: String?
        /// With several chains (`verify(chains:…)`): the report of each, by chain; this
        /// report is then their sum (entries, checkpoints, unsigned tails), ok only if every
        /// chain is, its `head` that of `chain`, and its problem the first chain's that failed.
        public var chains: [Report] = []
        /// The highest count of registered chains an `audit.anchor` entry of this chain
        /// records (0: none), and that entry's seq (see `TranscriptStore.anchorAuditHead`).
        package var recordedChains = 0
        package var recordedChainsSeq = 0
    }

    /// The `detail` of an `audit.anchor` entry that records the registry's count of chains
    /// and, on a named chain, the name its daemon registered it under (`chains=N name=X`):
    /// MACed with the chain, so a start that must trust an anchor row failing its MAC can
    /// tell whose chain it is (`TranscriptStore.init`).
    package static func chainCountDetail(_ chains: Int, name: String? = nil) -> String {
        "chains=\(chains)" + (name.map { " name=\($0)" } ?? "")
    }

    /// The count an `audit.anchor` entry records, if it records one.
    static func recordedChainCount(_ entry: AuditEntry) -> Int? {
        guard entry.role == "daemon", entry.method == "audit.anchor", let detail = entry.detail, detail.hasPrefix("chains=") else { return nil }
        return Int(detail.dropFirst("chains=".count).prefix { $0 != " " })
    }

    /// The chain name an `audit.anchor` entry records, if it records one.
    static func recordedChainName(_ entry: AuditEntry) -> String? {
        guard recordedChainCount(entry) != nil, let detail = entry.detail, let at = detail.range(of: " name=") else { return nil }
        return String(detail[at.upperBound...])
    }

    /// One chain of a store as the keyring registers it (`AuditAnchor`): what `verify(chains:)`
    /// compares each stored chain with. Nil anchor: verified without the keyring (offline).
    package struct RegisteredChain {
        package let chain: Int
        package let name: String?
        package let anchor: AuditAnchor?
        package init(chain: Int, name: String?, anchor: AuditAnchor?) { (self.chain, self.name, self.anchor) = (chain, name, anchor) }
    }

    /// Verifies every audit chain of `data`: the chains `registry` lists (the keyring's
    /// anchors; nil offline, where the chains found in the data are verified), each as
    /// `verify` does and, where its anchor is known, against it (cut, wiped, rolled back or
    /// diverged: `AuditAnchorCheck`); and a chain stored in the data that the registry does
    /// not list fails (written outside confide). With one chain, chain 0, the report is that
    /// chain's, as before chains were per daemon. `own`: the chain whose head the report
    /// shows (the daemon's own).
    package static func verify(chains data: any TranscriptRecords, registry: [RegisteredChain]?, own: Int = 0,
                               publicKey: SigningPublicKey? = nil, mac: AuditMAC? = nil) throws -> Report {
        let stored = try data.storedAuditChains()
        // An empty registry (a keyring from before anchors) lists nothing: the stored chains then.
        let listed = registry.flatMap { $0.isEmpty ? nil : $0 }
            ?? Set([0] + stored).sorted().map { RegisteredChain(chain: $0, name: nil, anchor: nil) }
        var reports: [Report] = []
        for entry in listed {
            let log = data.auditLog(chain: entry.chain)
            // Each chain's MACs start where its anchor says (another daemon's chain: its first entry).
            let chainMAC = mac.map { m in entry.chain == own ? m : m.keyed(from: entry.anchor?.keyedFrom ?? 1) }
            var report = try verify(log, publicKey: publicKey, mac: chainMAC, live: entry.chain != own)
            if report.ok, let anchor = entry.anchor,
               let problem = try AuditAnchorCheck.problem(anchor, in: log, keysName: "the keyring", dataName: "the data store") {
                let claimed = (report.recordedChains, report.recordedChainsSeq)
                report = Report(ok: false, entries: report.entries, head: report.head, firstBadSeq: report.firstBadSeq,
                                checkpoints: report.checkpoints, problem: problem, unsignedTail: report.unsignedTail)
                (report.recordedChains, report.recordedChainsSeq) = claimed
            }
            report.chain = entry.chain
            report.chainName = entry.name
            reports.append(report)
        }
        for chain in stored where !listed.contains(where: { $0.chain == chain }) {
            reports.append(Report(ok: false, entries: 0, head: "", firstBadSeq: 1, checkpoints: 0,
                                  problem: "the data store holds audit chain \(chain), which the keyring's registry of chains does not list: "
                                    + "it was written outside confide", chain: chain))
        }
        // Every chain some daemon's entries say was registered must still be there: a chain
        // deleted together with its anchor row, with an older chain-0 row (a lower count) put
        // back, leaves the registry consistent but not the chains that recorded the count.
        // Without the keyring (`registry` nil) a registered chain whose daemon never wrote an
        // entry cannot be told from a deleted one: checked only against a registry.
        if registry?.isEmpty == false, let witness = reports.max(by: { $0.recordedChains < $1.recordedChains }), witness.recordedChains > 0 {
            let known = Set(listed.map(\.chain) + stored)
            for missing in (0..<witness.recordedChains) where !known.contains(missing) {
                reports.append(Report(ok: false, entries: 0, head: "", firstBadSeq: 1, checkpoints: 0,
                                      problem: "audit chain \(missing) is gone: entry \(witness.recordedChainsSeq) of audit chain \(witness.chain) "
                                        + "records \(witness.recordedChains) registered chains, but the registry lists \(listed.count) and the "
                                        + "data store holds \(Set(stored + [0]).count): a chain was deleted with its anchor row, and chain 0's "
                                        + "anchor row replaced by an older one, outside confide", chain: missing))
            }
        }
        if reports.count == 1, reports[0].chain == 0 { return reports[0] }
        let failed = reports.first { !$0.ok }
        let mine = reports.first { $0.chain == own }
        return Report(ok: failed == nil, entries: reports.reduce(0) { $0 + $1.entries }, head: mine?.head ?? "",
                      firstBadSeq: failed?.firstBadSeq, checkpoints: reports.reduce(0) { $0 + $1.checkpoints },
                      problem: failed.map { f in "audit chain \(f.chain)\(f.chainName.map { " (\($0))" } ?? ""): \(f.problem ?? "fails")" },
                      unsignedTail: reports.reduce(0) { $0 + $1.unsignedTail }, chain: own, chainName: mine?.chainName, chains: reports)
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
    ///
    /// `live`: another daemon's chain, read while that daemon appends to it. Its newest
    /// entries are signed only at that daemon's next scheduler tick, so a chain with no
    /// signed checkpoint yet is ok when every commit's MAC holds (only with `mac`).
    static func verify(_ db: any AuditLogStorage, publicKey: SigningPublicKey? = nil, mac: AuditMAC? = nil, live: Bool = false) throws -> Report {
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
        var previous = AuditEntry.genesisHash(chain: db.auditChainID)
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
        var claimed = (count: 0, seq: 0)
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
            if let recorded = recordedChainCount(entry), recorded > claimed.count { claimed = (recorded, seq) }
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
        if count > 0 && checkpoints.isEmpty && !(live && mac != nil) {
            return Report(ok: false, entries: count, head: encodeHex(previous), firstBadSeq: first ?? 1, checkpoints: 0,
                          problem: "no signed checkpoint: nothing authenticates this chain (checkpoints deleted, or the daemon never signed one)",
                          unsignedTail: count)
        }
        var report = Report(ok: true, entries: count, head: encodeHex(previous), firstBadSeq: nil, checkpoints: checkpoints.count, problem: nil,
                            unsignedTail: max(0, expected - 1 - lastSigned))
        (report.recordedChains, report.recordedChainsSeq) = claimed
        return report
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
            // The anchors' checkpoints are read before the snapshot (each was recorded after
            // its entries committed, so the snapshot holds them); their prunes after it (each
            // is recorded before its entries are deleted, so the snapshot's gap is covered).
            let before: [AuditVerifier.RegisteredChain]
            do { before = try registeredChains() } catch StoreError.integrity(let why, _) {
                // The registry itself was edited: that is the verification's finding.
                return AuditVerifier.Report(ok: false, entries: 0, head: "", firstBadSeq: nil, checkpoints: 0, problem: why)
            }
            return try readers.read { db in try verifyChains(db, registeredBefore: before, publicKey: publicKey) }
        }
    }

    /// The live verification of every chain in `db` (a reader's snapshot, not yet started),
    /// given the registry read before it (`registeredBefore`: each anchor's checkpoint record,
    /// which the snapshot then holds). Reads the registry again once the snapshot has started,
    /// for the prunes recorded since (each recorded before its entries are deleted) and the
    /// chains registered since: those are no tampering (session 18's attack review: a daemon
    /// registering during a verify was reported as "written outside confide").
    func verifyChains(_ db: any TranscriptRecords, registeredBefore before: [AuditVerifier.RegisteredChain],
                      publicKey: SigningPublicKey?) throws -> AuditVerifier.Report {
        // The snapshot starts with its first query: before the second registry read, so a
        // prune recorded after that read has not deleted anything the snapshot sees.
        _ = try db.storedAuditChains()
        let after = try registeredChains()
        let earlier = Dictionary(before.map { ($0.chain, $0) }, uniquingKeysWith: { a, _ in a })
        let registry = after.map { c -> AuditVerifier.RegisteredChain in
            // Registered between the two reads: verified, its checkpoint record (which may be
            // ahead of the snapshot) left out.
            guard let first = earlier[c.chain] else {
                var anchor = c.anchor
                anchor?.seq = nil
                anchor?.head = nil
                return AuditVerifier.RegisteredChain(chain: c.chain, name: c.name, anchor: anchor)
            }
            var anchor = first.anchor
            let prunedTo = max(anchor?.prunedTo ?? 0, c.anchor?.prunedTo ?? 0)
            anchor?.prunedTo = prunedTo
            return AuditVerifier.RegisteredChain(chain: c.chain, name: c.name, anchor: anchor)
        }
        return try AuditVerifier.verify(chains: db, registry: registry, own: auditChainID,
                                        publicKey: publicKey ?? keyring.auditPublicKey, mac: writer.auditMAC)
    }

    /// `audit.tail`: the newest entries. `context` nil reads without an audit entry: only
    /// for the polls of a follow whose start was audited.
    public func auditTail(limit: Int, afterSeq: Int? = nil, context: AuditContext?) throws(StoreError) -> [AuditEntry] {
        if let context { try audit(context, customerRef: nil, outcome: nil) }
        return try storeCall { try readers.read { db in try AuditVerifier.tail(db.auditLog(chain: auditChainID), limit: limit, afterSeq: afterSeq) } }
    }

    /// The keyring's registry of audit chains (checked: `Keyring.auditAnchors`), for `verify(chains:)`.
    func registeredChains() throws -> [AuditVerifier.RegisteredChain] {
        try keyring.auditAnchors().map { AuditVerifier.RegisteredChain(chain: $0.chain, name: $0.name, anchor: $0) }
    }
}
