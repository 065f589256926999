import ConfideJSON

extension AuditEntry {
    /// The protocol's form of an entry (`audit.tail`, `confide audit export`): hex
    /// pseudonym and hash, RFC 3339 time, no raw ids anywhere.
    public var json: JSONValue {
        var o: JSONObject = ["seq": .int(seq), "ts": .string(timestamp.rfc3339)]
        var peer = JSONObject()
        if let uid { peer["uid"] = .int(Int(uid)) }
        if let pid { peer["pid"] = .int(Int(pid)) }
        o["peer"] = .object(peer)
        o["role"] = role.map { .string($0) } ?? .null
        o["method"] = .string(method)
        if let purpose { o["purpose"] = .string(purpose) }
        if let customerRef { o["customer_ref"] = .string(encodeHex(customerRef)) }
        o["outcome"] = .string(outcome)
        if let detail { o["detail"] = .string(detail) }
        o["hash"] = .string(encodeHex(hash))
        return .object(o)
    }
}

extension AuditVerifier.Report {
    /// The protocol's `audit.verify` result (also printed by `confide audit verify --offline`).
    public var json: JSONValue {
        var o: JSONObject = ["ok": .bool(ok), "entries": .int(entries), "head": .string(head), "checkpoints": .int(checkpoints),
                             "unsigned_tail": .int(unsignedTail)]
        if let firstBadSeq { o["first_bad_seq"] = .int(firstBadSeq) }
        if let problem { o["problem"] = .string(problem) }
        if !chains.isEmpty {
            o["chain"] = .int(chain)
            o["chains"] = .array(chains.map { c in
                var j = c.json.objectValue ?? [:]
                j["chain"] = .int(c.chain)
                j["name"] = c.chainName.map { .string($0) } ?? .null
                return .object(j)
            })
        }
        return .object(o)
    }
}
