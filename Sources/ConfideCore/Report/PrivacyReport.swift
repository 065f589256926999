import ConfideCrypto
import ConfideJSON

/// The privacy report for auditors (`confide report`): erasures, legal holds, keys past
/// their cryptoperiod, sessions past retention, redactions, reads, refused calls and the
/// audit chain's state, read from a state folder's keys.db and data.db.
///
/// It needs no master key and opens no ciphertext: every figure comes from columns that
/// are stored in the clear (timestamps, counts, pseudonyms), the audit chain and the
/// signed erasure receipts. Like `audit verify --offline`, it opens the stores read-only,
/// so it runs on a live daemon's store or on a `confide backup` copy; it reads them only
/// through the record protocols, so any engine's stores make the same report.
public struct PrivacyReport: Sendable {
    /// The cryptoperiods and the clock the report measures against.
    public struct Policy: Sendable {
        /// A KEK is past its cryptoperiod this many days after its creation.
        public var kekRotationDays: Int
        /// A customer's newest DEK is past its cryptoperiod after this many days (nil: no limit).
        public var dekRotationDays: Int?
        public init(kekRotationDays: Int = 30, dekRotationDays: Int? = 90) {
            self.kekRotationDays = kekRotationDays
            self.dekRotationDays = dekRotationDays
        }
    }

    /// Methods that read transcripts (counted under `reads`).
    public static let readMethods: Set<String> = ["session.get", "session.list", "customer.export"]

    public let json: JSONObject

    /// Builds the report from a state folder's (or a backup folder's) keys.db and data.db,
    /// opened read-only. Figures drawn from the audit chain count entries at or after
    /// `since`; holds, keys and retention are the state at `now`.
    public static func build(state: StateDirectory, policy: Policy, since: Timestamp?, now: Timestamp) throws -> PrivacyReport {
        let stores = try SQLiteEngine(state: state).openForReading()
        return try build(keys: stores.keys, data: stores.data, policy: policy, since: since, now: now)
    }

    /// Builds the report from an engine's stores (opened read-only by `StorageEngine.openForReading`).
    package static func build(engine: any StorageEngine, policy: Policy, since: Timestamp?, now: Timestamp) throws -> PrivacyReport {
        let stores = try engine.openForReading()
        return try build(keys: stores.keys, data: stores.data, policy: policy, since: since, now: now)
    }

    static func build(keys: any KeyringRecords, data: any TranscriptRecords, policy: Policy, since: Timestamp?, now: Timestamp) throws -> PrivacyReport {
        guard let publicKeyBytes = try keys.keyringAuditPublicKey() else {
            throw StoreError.integrity("keys.db has no keyring")
        }
        let publicKey = try SigningPublicKey(bytes: publicKeyBytes)
        var o: JSONObject = [
            "format": "confide-report-1",
            "generated_at": .string(now.rfc3339),
            "since": since.map { .string($0.rfc3339) } ?? .null,
            "policy": ["kek_rotation_days": .int(policy.kekRotationDays), "dek_rotation_days": policy.dekRotationDays.map { .int($0) } ?? .null],
        ]
        // Verified against keys.db's audit key, not data.db's own copy of it.
        let registry = try keys.auditAnchorRows().map { AuditVerifier.RegisteredChain(chain: $0.anchor.chain, name: $0.anchor.name, anchor: $0.anchor) }
        let chain = try AuditVerifier.verify(chains: data, registry: registry.isEmpty ? nil : registry, publicKey: publicKey)
        let logs = try Set([0] + data.storedAuditChains()).sorted().map { data.auditLog(chain: $0) }
        var chainJSON: JSONObject = ["ok": .bool(chain.ok), "entries": .int(chain.entries), "checkpoints": .int(chain.checkpoints),
                                     "unsigned_tail": .int(chain.unsignedTail), "head": .string(chain.head),
                                     "public_key": .string(encodeHex(publicKeyBytes))]
        if let bad = chain.firstBadSeq { chainJSON["first_bad_seq"] = .int(bad) }
        if let problem = chain.problem { chainJSON["problem"] = .string(problem) }
        let prunedTo = (try? keys.auditAnchorRow())??.anchor.prunedTo ?? 0
        let activity = try AuditActivity(logs, since: since)
        chainJSON["first_seq"] = try data.auditLog(chain: 0).oldestAuditSeq().map { .int($0) } ?? .null
        if let chains = chain.json.objectValue?["chains"] { chainJSON["chains"] = chains }
        chainJSON["oldest_entry_at"] = activity.oldestEntryAt.map { .string($0.rfc3339) } ?? .null
        chainJSON["newest_entry_at"] = activity.newestEntryAt.map { .string($0.rfc3339) } ?? .null
        chainJSON["pruned_to"] = .int(prunedTo)
        o["audit_chain"] = .object(chainJSON)

        o["erasures"] = .object(try erasures(keys, activity: activity, publicKey: publicKey, since: since))
        o["holds"] = .object(try holds(keys, now: now))
        o["keys"] = .object(try cryptoperiods(keys, policy: policy, now: now))
        o["retention"] = .object(try retention(data, keys: keys, now: now))
        o["redactions"] = ["writes": .int(activity.redactingWrites), "by_type": .object(counts(activity.redactionsByType))]
        o["reads"] = [
            "total": .int(activity.reads.count),
            "without_purpose": .int(activity.reads.filter { $0.purpose == nil }.count),
            "by_role": .object(counts(Dictionary(grouping: activity.reads, by: { $0.role ?? "(none)" }).mapValues(\.count))),
            "by_purpose": .object(counts(Dictionary(grouping: activity.reads, by: { $0.purpose ?? "(none)" }).mapValues(\.count))),
            "by_method": .object(counts(Dictionary(grouping: activity.reads, by: \.method).mapValues(\.count))),
        ]
        // Every audited call that did not succeed; `forbidden` (-32003: no role for it) and
        // `legal_hold` (-32007: a shred refused) are the refusals proper.
        o["refused"] = [
            "total": .int(activity.refusedByCode.values.reduce(0, +)),
            "forbidden": .int(activity.refusedByCode["-32003"] ?? 0),
            "legal_hold": .int(activity.refusedByCode["-32007"] ?? 0),
            "by_code": .object(counts(activity.refusedByCode)),
            "by_method": .object(counts(activity.refusedByMethod)),
        ]
        return PrivacyReport(json: o)
    }

    /// A name → count object, largest first (ties by name).
    static func counts(_ d: [String: Int]) -> JSONObject {
        JSONObject(d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, .int($0.value)) })
    }

    // MARK: Sections

    /// Every erasure in keys.db shredded at or after `since`: its receipt (signed and valid
    /// against the audit key, or still pending), and the time from its `customer.shred.prepare`
    /// audit entry (the call that asked for it) to the erasure point.
    static func erasures(_ keys: any KeyringRecords, activity: AuditActivity, publicKey: SigningPublicKey, since: Timestamp?) throws -> JSONObject {
        let rows = try keys.allErasures().filter { $0.shreddedAt.milliseconds >= since?.milliseconds ?? Int64.min }
        var items: [JSONValue] = [], durations: [Int] = []
        var signed = 0, valid = 0
        for record in rows {
            let (at, draft) = (record.shreddedAt, record.draft)
            let ref = draft["customer_ref"]?.stringValue ?? ""
            var item: JSONObject = ["customer_ref": .string(ref), "reason": draft["reason"] ?? .null, "shredded_at": .string(at.rfc3339),
                                    "sessions": draft["sessions"] ?? .null, "messages": draft["messages"] ?? .null,
                                    "keys_destroyed": draft["keys_destroyed"] ?? .null]
            if let asked = activity.shredRequests[ref]?.last(where: { $0 <= at }) {
                let ms = Int(at.milliseconds - asked.milliseconds)
                item["requested_at"] = .string(asked.rfc3339)
                item["request_to_erasure_ms"] = .int(ms)
                durations.append(ms)
            } else {
                item["requested_at"] = .null  // its audit entry was pruned or is before `since`
                item["request_to_erasure_ms"] = .null
            }
            if let receipt = record.receipt.map(JSONValue.object) {
                signed += 1
                let ok = (try? ErasureReceipt.verify(receipt, publicKey: publicKey)) != nil
                if ok { valid += 1 }
                item["receipt"] = .string(ok ? "signed" : "invalid signature")
                item["audit_seq"] = receipt["audit_seq"] ?? .null
            } else {
                item["receipt"] = "pending"
            }
            items.append(.object(item))
        }
        durations.sort()
        let timing: JSONValue = durations.isEmpty ? .null : [
            "min": .int(durations.first!), "median": .int(durations[durations.count / 2]), "max": .int(durations.last!),
        ]
        return ["count": .int(rows.count), "receipts_signed": .int(signed), "receipts_valid": .int(valid),
                "receipts_pending": .int(rows.count - signed), "request_to_erasure_ms": timing, "items": .array(items)]
    }

    /// Customers under legal hold now, oldest hold first. A customer whose release is pending
    /// (committed, not completed: its audit entry not yet written, or a crash between the
    /// release's two steps) is still held, and listed with `release_pending: true`.
    static func holds(_ keys: any KeyringRecords, now: Timestamp) throws -> JSONObject {
        let rows = try keys.heldCustomers().map { (encodeHex($0.auditRef), $0.heldSince, $0.releasePending) }
        return ["active": .int(rows.count), "items": .array(rows.map { ref, since, pending in
            ["customer_ref": .string(ref), "held_since": .string(since.rfc3339), "days": .int(days(from: since, to: now)),
             "release_pending": .bool(pending)]
        })]
    }

    /// KEK versions and customers' newest DEKs against the cryptoperiods. A DEK is rotated
    /// on its customer's next write after the period, so an idle customer's stays past it.
    static func cryptoperiods(_ keys: any KeyringRecords, policy: Policy, now: Timestamp) throws -> JSONObject {
        let keks = try keys.kekSummary().map { ($0.version, $0.state, $0.createdAt) }
        var kekItems: [JSONValue] = []
        var kekPast = 0
        for (version, state, created) in keks {
            let age = days(from: created, to: now)
            let past = state != "destroyed" && created.adding(days: policy.kekRotationDays) < now
            if past { kekPast += 1 }
            kekItems.append(["version": .int(version), "state": .string(state), "created_at": .string(created.rfc3339),
                             "age_days": .int(age), "past_cryptoperiod": .bool(past)])
        }
        let newest = try keys.newestDEKTimes()
        let dekPast = policy.dekRotationDays.map { d in newest.filter { $0.adding(days: d) < now }.count } ?? 0
        let oldest = newest.min().map { days(from: $0, to: now) }
        return ["kek": .array(kekItems), "kek_past_cryptoperiod": .int(kekPast),
                "kek_retiring": .int(keks.filter { $0.1 == "retiring" }.count),
                "customers": .int(newest.count), "dek_past_cryptoperiod": .int(dekPast),
                "oldest_dek_age_days": oldest.map { .int($0) } ?? .null]
    }

    /// Sessions whose retention expired and that are still stored: the retention job's
    /// backlog, and those kept because their customer is under legal hold.
    static func retention(_ data: any TranscriptRecords, keys: any KeyringRecords, now: Timestamp) throws -> JSONObject {
        let held = Set(try keys.heldCustomers().map(\.handle))
        let sessions = try data.sessionRetention(at: now)
        let expired = sessions.expired.map { ($0.handle, $0.expiresAt) }
        let overdue = expired.filter { !held.contains($0.0) }
        return ["sessions": .int(sessions.count), "with_retention": .int(sessions.withRetention), "past_retention": .int(overdue.count),
                "past_retention_held": .int(expired.count - overdue.count),
                "oldest_overdue_days": overdue.map(\.1).min().map { .int(days(from: $0, to: now)) } ?? .null]
    }

    static func days(from: Timestamp, to: Timestamp) -> Int { Int((to.milliseconds - from.milliseconds) / 86_400_000) }
}

/// What the audit chain says happened since a date: reads, refused calls, redacting
/// writes and shred requests. One pass over the entries, fields only (no hashing: the
/// chain's integrity is `AuditVerifier`'s job).
struct AuditActivity {
    struct Read { let role: String?; let purpose: String?; let method: String }
    var reads: [Read] = []
    var refusedByCode: [String: Int] = [:]
    var refusedByMethod: [String: Int] = [:]
    var redactingWrites = 0
    var redactionsByType: [String: Int] = [:]
    /// `customer.shred.prepare` times per customer_ref (hex), oldest first.
    var shredRequests: [String: [Timestamp]] = [:]

    /// When the oldest and the newest entry still stored were written.
    var oldestEntryAt: Timestamp?
    var newestEntryAt: Timestamp?

    /// What the entries of every chain in `logs` record.
    init(_ logs: [any AuditLogStorage], since: Timestamp?) throws {
        let from = since?.milliseconds ?? Int64.min
        for log in logs { try log.forEachAuditEntry { _, result, _ in
            guard case .success(let entry) = result else { return true }  // an edited row: the verifier reports it
            if oldestEntryAt == nil { oldestEntryAt = entry.timestamp }
            newestEntryAt = max(newestEntryAt ?? entry.timestamp, entry.timestamp)
            oldestEntryAt = min(oldestEntryAt!, entry.timestamp)
            let method = entry.method, outcome = entry.outcome
            if method == "customer.shred.prepare", outcome == "ok", let ref = entry.customerRef {
                shredRequests[encodeHex(ref), default: []].append(entry.timestamp)
            }
            guard entry.timestamp.milliseconds >= from else { return true }
            if outcome != "ok" {
                // An unmapped peer's refusals are audited in batches: "(N refused requests)".
                let weight = AuditActivity.refusalBatch(method) ?? 1
                refusedByCode[outcome, default: 0] += weight
                refusedByMethod[AuditActivity.refusalBatch(method) == nil ? method : "(batched refusals)", default: 0] += weight
                return true
            }
            if PrivacyReport.readMethods.contains(method) { reads.append(Read(role: entry.role, purpose: entry.purpose, method: method)) }
            if let detail = entry.detail, detail.hasPrefix("redacted: "), method.hasPrefix("session.") {
                redactingWrites += 1
                for pair in detail.dropFirst("redacted: ".count).split(separator: " ") {
                    let parts = pair.split(separator: "=")
                    if parts.count == 2, let n = Int(parts[1]) { redactionsByType[String(parts[0]), default: 0] += n }
                }
            }
            return true
        } }
        // Oldest first across chains too.
        shredRequests = shredRequests.mapValues { $0.sorted() }
    }

    /// N of a batched refusal entry's method "(N refused requests)".
    static func refusalBatch(_ method: String) -> Int? {
        guard method.hasPrefix("("), method.hasSuffix(" refused requests)") || method.hasSuffix(" refused requests of untracked uids)") else { return nil }
        return Int(method.dropFirst().prefix { $0 != " " })
    }
}
