import ConfideCore
import ConfideJSON

/// `customer.*`: the legal team's methods (subject access, erasure, legal hold).
enum CustomerMethods {
    static func table(store: TranscriptStore) -> [String: MethodSpec] {
        [
            "customer.export": MethodSpec(roles: [.legal], handler: { call in
                let (customer, redacted) = try exportParams(&call)
                var sessions: [JSONValue] = []
                _ = try store.export(customer: customer, redacted: redacted, context: call.context) { sessions.append(SessionMethods.transcriptJSON($0)) }
                return ["customer": .string(customer.value), "sessions": .array(sessions)]
            }, stream: { call, out in
                let (customer, redacted) = try exportParams(&call)
                var first = true
                let count = try store.export(customer: customer, redacted: redacted, context: call.context) { t in
                    if first {
                        out.write(Array(#"{"customer":"#.utf8) + JSONWriter.bytes(.string(customer.value)) + Array(#","sessions":["#.utf8))
                        first = false
                    } else {
                        out.write([0x2c])
                    }
                    out.write(JSONWriter.bytes(SessionMethods.transcriptJSON(t)))
                }
                if count == 0 { out.write(Array(#"{"customer":"#.utf8) + JSONWriter.bytes(.string(customer.value)) + Array(#","sessions":["#.utf8)) }
                out.write(Array("]}".utf8))
            }),
            "customer.shred": MethodSpec(roles: [.legal]) { call in
                let p = try Params(call.params, allowed: ["customer", "reason"])
                let customer = try p.customer()
                let reason = try p.string("reason")
                guard (1...1024).contains(reason.utf8.count) else { throw RPCError.invalidParams("reason", "must be 1–1024 bytes (e.g. the ticket id)") }
                return try store.shred(customer: customer, reason: reason, context: call.context).json
            },
            "customer.receipt": MethodSpec(roles: [.legal, .admin]) { call in
                let p = try Params(call.params, allowed: ["customer"])
                return try store.receipt(customer: try p.customer(), context: call.context).json
            },
            "customer.hold": MethodSpec(roles: [.legal]) { call in try hold(&call, store: store, held: true) },
            "customer.release": MethodSpec(roles: [.legal]) { call in try hold(&call, store: store, held: false) },
        ]
    }

    private static func exportParams(_ call: inout Call) throws -> (CustomerID, Bool) {
        let p = try Params(call.params, allowed: ["customer", "purpose", "view"])
        call.purpose = try SessionMethods.requirePurpose(p, call)
        let view = try p.optionalString("view") ?? "full"
        guard view == "full" || view == "redacted" else { throw RPCError.invalidParams("view", "must be \"full\" or \"redacted\"") }
        return (try p.customer(), view == "redacted")
    }

    private static func hold(_ call: inout Call, store: TranscriptStore, held: Bool) throws -> JSONValue {
        let p = try Params(call.params, allowed: ["customer", "reason"])
        let customer = try p.customer()
        let reason = try p.string("reason")
        guard (1...1024).contains(reason.utf8.count) else { throw RPCError.invalidParams("reason", "must be 1–1024 bytes (e.g. the case number)") }
        let state = try store.setHold(customer: customer, held: held, context: call.context)
        return ["held": .bool(state.held), "since": state.since.map { .string($0.rfc3339) } ?? .null]
    }
}
