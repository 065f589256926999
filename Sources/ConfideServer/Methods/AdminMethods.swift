import ConfideCore
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
                _ = try Params(call.params, allowed: [])
                return try store.verifyAudit(context: call.context).json
            },
            "audit.tail": MethodSpec(roles: [.admin]) { call in
                let p = try Params(call.params, allowed: ["limit", "after"])
                let entries = try store.auditTail(limit: p.optionalInt("limit", in: 1...1000) ?? 100,
                                                  afterSeq: p.optionalInt("after", in: 0...Int.max), context: call.context)
                return ["entries": .array(entries.map(\.json))]
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
