import ConfideCore
import ConfideJSON

/// `session.*`: the support apps' methods.
enum SessionMethods {
    static func table(store: TranscriptStore) -> [String: MethodSpec] {
        [
            "session.append": MethodSpec(roles: [.support]) { call in
                let p = try Params(call.params, allowed: ["customer", "session", "messages", "redact"])
                let r = try store.append(customer: p.customer(), session: p.session(),
                                         messages: p.messages(count: 1...1000, receivedAt: call.receivedAt),
                                         redact: p.optionalBool("redact") ?? false, context: call.context)
                return ["session": .string(r.session), "count": .int(r.count), "first_seq": .int(r.firstSeq)]
            },
            "session.put": MethodSpec(roles: [.support]) { call in
                let p = try Params(call.params, allowed: ["customer", "session", "messages", "metadata", "retention_days", "redact"])
                let session = try p.session()
                let count = try store.put(customer: p.customer(), session: session,
                                          messages: p.messages(count: 0...100_000, receivedAt: call.receivedAt),
                                          metadata: p.optionalObject("metadata"), retentionDays: p.optionalInt("retention_days", in: 0...36_500),
                                          redact: p.optionalBool("redact") ?? false, context: call.context)
                return ["session": .string(session.value), "count": .int(count)]
            },
            "session.get": MethodSpec(roles: [.support]) { call in
                let p = try Params(call.params, allowed: ["customer", "session", "view", "purpose"])
                call.purpose = try requirePurpose(p, call)
                let view = try p.optionalString("view") ?? "full"
                guard view == "full" || view == "redacted" else { throw RPCError.invalidParams("view", "must be \"full\" or \"redacted\"") }
                let t = try store.get(customer: p.customer(), session: p.session(), redactedView: view == "redacted", context: call.context)
                return transcriptJSON(t)
            },
            "session.list": MethodSpec(roles: [.support]) { call in
                let p = try Params(call.params, allowed: ["customer", "limit", "after", "purpose"])
                call.purpose = try requirePurpose(p, call)
                let page = try store.list(customer: p.customer(), limit: p.optionalInt("limit", in: 1...1000) ?? 100,
                                          after: p.optionalString("after"), context: call.context)
                var o: JSONObject = ["sessions": .array(page.sessions.map { s in
                    ["session": .string(s.session), "count": .int(s.count),
                     "created_at": .string(s.createdAt.rfc3339), "updated_at": .string(s.updatedAt.rfc3339)]
                })]
                if let next = page.next { o["next"] = .string(next) }
                return .object(o)
            },
            "session.delete": MethodSpec(roles: [.support]) { call in
                let p = try Params(call.params, allowed: ["customer", "session"])
                try store.delete(customer: p.customer(), session: p.session(), context: call.context)
                return ["deleted": true]
            },
        ]
    }

    /// The session object of `session.get` and `customer.export`.
    static func transcriptJSON(_ t: SessionTranscript) -> JSONValue {
        [
            "customer": .string(t.customer),
            "session": .string(t.session),
            "messages": .array(t.messages.map(\.replyJSON)),
            "metadata": t.metadata.map(JSONValue.object) ?? .null,
            "created_at": .string(t.createdAt.rfc3339),
            "updated_at": .string(t.updatedAt.rfc3339),
            "count": .int(t.count),
        ]
    }

    /// The read's `purpose`, enforcing the configuration's per-role requirement.
    static func requirePurpose(_ p: Params, _ call: Call) throws -> Purpose? {
        let purpose = try p.purpose()
        if purpose == nil && call.purposeRequired {
            throw RPCError.invalidParams("purpose", "required for the \(call.role?.rawValue ?? "caller's") role by the configuration")
        }
        return purpose
    }
}
