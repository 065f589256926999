import ConfideCore
import ConfideCrypto
import ConfideJSON

/// `keys.*` and `audit.*`: the admins' methods.
enum AdminMethods {
    static func table(store: TranscriptStore) -> [String: MethodSpec] {
        [
            "keys.status": MethodSpec(roles: [.admin]) { call in
                _ = try Params(call.params, allowed: [])
                return try keysStatus(store)
            },
            "keys.rotate": MethodSpec(roles: [.admin]) { call in
                let p = try Params(call.params, allowed: ["target", "customer"])
                switch try p.string("target") {
                case "kek":
                    let r = try store.rotateKEK(context: call.context)
                    return ["target": "kek", "version": .int(r.version), "rewrap_pending": .int(r.rewrapPending)]
                case "customer":
                    let r = try store.rotateDEK(customer: try p.customer(), context: call.context)
                    return ["target": "customer", "generation": .int(r.generation), "rewrap_pending": .int(r.rewrapPending)]
                default:
                    throw RPCError.invalidParams("target", "must be \"kek\" or \"customer\"")
                }
            },
            "audit.verify": MethodSpec(roles: [.admin]) { call in
                let p = try Params(call.params, allowed: ["public_key"])
                let key = try p.optionalString("public_key").map { hex throws(RPCError) -> SigningPublicKey in
                    guard let bytes = decodeHex(Array(hex.utf8)), let key = try? SigningPublicKey(bytes: bytes) else {
                        throw RPCError.invalidParams("public_key", "must be 64 hex characters (an Ed25519 public key, from `confide keys public`)")
                    }
                    return key
                }
                return try store.verifyAudit(context: call.context, publicKey: key).json
            },
            "audit.tail": MethodSpec(roles: [.admin]) { call in
                let p = try Params(call.params, allowed: ["limit", "after", "follow"])
                let limit = try p.optionalInt("limit", in: 1...1000) ?? 100
                let after = try p.optionalInt("after", in: 0...Int.max)
                switch call.params["follow"] {
                case nil, .null?, .bool(false)?:
                    let entries = try store.auditTail(limit: limit, afterSeq: after, context: call.context)
                    return ["entries": .array(entries.map(\.json))]
                case .bool(true)?:
                    // The start of a follow: audited once, with purpose "follow".
                    call.purpose = try? Purpose("follow")
                    let entries = try store.auditTail(limit: limit, afterSeq: after, context: call.context)
                    return ["entries": .array(entries.map(\.json)), "follow": .string(AuditFollows.shared.open(uid: call.peer.uid))]
                case .string(let token)?:
                    guard AuditFollows.shared.poll(token, uid: call.peer.uid) else {
                        throw RPCError.invalidParams("follow", "unknown or expired follow token (a follow ends after \(Int(AuditFollows.idleSeconds)) s without a poll, or when the daemon restarts); start a new one with follow: true")
                    }
                    let entries = try store.auditTail(limit: limit, afterSeq: after, context: nil)
                    call.ticket.coveredByEarlierEntry()  // the follow's start was audited
                    return ["entries": .array(entries.map(\.json)), "follow": .string(token)]
                default:
                    throw RPCError.invalidParams("follow", "must be true (start a follow) or the token a previous audit.tail returned")
                }
            },
        ]
    }

    static func keysStatus(_ store: TranscriptStore) throws(StoreError) -> JSONValue {
        let s = try store.keyStatus()
        return [
            "master": ["fingerprint": .string(s.masterFingerprint), "loaded_at": .string(s.masterLoadedAt.rfc3339)],
            "kek": .array(s.keyring.keks.map { ["version": .int($0.version), "state": .string($0.state), "created_at": .string($0.createdAt.rfc3339), "deks": .int($0.deks)] }),
            "customers": .int(s.keyring.customers),
            "rewrap_pending": .int(s.keyring.rewrapPending),
            "next_rotation_at": .string(s.nextRotationAt.rfc3339),
            "dek_rotation_days": s.dekRotationDays.map { .int($0) } ?? .null,
            "kek_rotation_days": .int(s.kekRotationDays),
            "jobs": jobsJSON(s.jobs),
            "scheduler": s.scheduler.map(schedulerJSON) ?? .null,
        ]
    }

    /// Who runs the background jobs: this daemon (`leads`), or the daemon named `leader`.
    static func schedulerJSON(_ role: SchedulerRole) -> JSONValue {
        var object: JSONObject = ["leads": .bool(role.leads), "leader": role.leader.map { .string($0) } ?? .null]
        if let problem = role.problem { object["problem"] = .string(problem) }
        return .object(object)
    }

    static func jobsJSON(_ states: [String: Scheduler.JobState]) -> JSONValue {
        var jobs = JSONObject()
        for (name, j) in states.sorted(by: { $0.key < $1.key }) {
            jobs[name] = ["last_run_at": j.lastRunAt.map { .string($0.rfc3339) } ?? .null, "last_outcome": .string(j.lastOutcome),
                          "runs": .int(j.runs), "items_done": .int(j.itemsDone)]
        }
        return .object(jobs)
    }
}
