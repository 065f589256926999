import ConfideCore
import ConfideCrypto
import ConfideJSON

/// `keys.*` and `audit.*`: the admins' methods.
enum AdminMethods {
    static func table(store: TranscriptStore) -> [String: MethodSpec] {
        [
            "keys.status": MethodSpec(roles: [.admin]) { call in
                _ = try Params(call.params, allowed: [])
                let result = try keysStatus(store)
                try store.audit(call.context, customerRef: nil, outcome: nil)
                return result
            },
            "keys.rotate": MethodSpec(roles: [.admin]) { call in
                let p = try Params(call.params, allowed: ["target", "customer"])
                switch try p.string("target") {
                case "kek":
                    let version = try storeCall { try store.keyring.rotateKEK() }
                    try store.audit(call.context, customerRef: nil, outcome: nil)
                    store.scheduler?.wake()
                    let pending = try storeCall { try store.keyring.status().rewrapPending }
                    return ["target": "kek", "version": .int(version), "rewrap_pending": .int(pending)]
                case "customer":
                    let customer = try p.customer()
                    guard let keys = try storeCall({ try store.keyring.rotateDEK(customer) }) else {
                        try store.audit(call.context, customerRef: nil, outcome: -32004)
                        throw StoreError.notFound("customer")
                    }
                    try store.audit(call.context, customerRef: keys.auditRef, outcome: nil)
                    let pending = try storeCall { try store.keyring.status().rewrapPending }
                    return ["target": "customer", "generation": .int(keys.newestGeneration), "rewrap_pending": .int(pending)]
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
                    return ["entries": .array(entries.map(\.json)), "follow": .string(token)]
                default:
                    throw RPCError.invalidParams("follow", "must be true (start a follow) or the token a previous audit.tail returned")
                }
            },
        ]
    }

    static func keysStatus(_ store: TranscriptStore) throws -> JSONValue {
        let s = try storeCall { try store.keyring.status() }
        let o = store.options
        return [
            "master": ["fingerprint": .string(store.keyring.masterFingerprint), "loaded_at": .string(store.keyring.loadedAt.rfc3339)],
            "kek": .array(s.keks.map { ["version": .int($0.version), "state": .string($0.state), "created_at": .string($0.createdAt.rfc3339), "deks": .int($0.deks)] }),
            "customers": .int(s.customers),
            "rewrap_pending": .int(s.rewrapPending),
            "next_rotation_at": .string(s.activeCreatedAt.adding(days: o.kekRotationDays).rfc3339),
            "dek_rotation_days": o.dekRotationDays.map { .int($0) } ?? .null,
            "kek_rotation_days": .int(o.kekRotationDays),
            "jobs": jobsJSON(store),
        ]
    }

    static func jobsJSON(_ store: TranscriptStore) -> JSONValue {
        var jobs = JSONObject()
        for (name, j) in (store.scheduler?.jobStates ?? [:]).sorted(by: { $0.key < $1.key }) {
            jobs[name] = ["last_run_at": j.lastRunAt.map { .string($0.rfc3339) } ?? .null, "last_outcome": .string(j.lastOutcome),
                          "runs": .int(j.runs), "items_done": .int(j.itemsDone)]
        }
        return .object(jobs)
    }

}
