import ConfideCore
import ConfideJSON

/// A JSON-RPC 2.0 error object: one of the protocol's codes and a message naming the
/// field and the rule. Messages never contain key material, text, or raw ids.
public struct RPCError: Error, Sendable, Equatable {
    public let code: Int
    public let message: String
    public var data: JSONValue? = nil

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public static func parse(_ why: String) -> RPCError { RPCError(code: -32700, message: "Parse error: \(why)") }
    public static func invalidRequest(_ why: String) -> RPCError { RPCError(code: -32600, message: "Invalid Request: \(why)") }
    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: -32601, message: "Method not found: \(method.prefix(64))")
    }
    /// A read of a batch withheld because a customer was erased before the batch's reply
    /// line went out (which customer is not known here); nothing changed, repeat the read.
    static let erasedDuringBatch = RPCError(code: -32005, message: "Unavailable: a customer was erased while this batch ran, "
        + "so its reads are withheld; nothing was changed, repeat them")

    public static func invalidParams(_ field: String, _ rule: String) -> RPCError {
        RPCError(code: -32602, message: "Invalid params: \(field): \(rule)", data: ["field": .string(field), "rule": .string(rule)])
    }
    /// A reply too long to build in memory (`max_reply_bytes`); replaces the reply.
    public static func replyTooLong(_ bytes: Int, limit: Int) -> RPCError {
        RPCError(code: -32005, message: "Unavailable: reply of \(bytes) bytes would exceed max_reply_bytes (\(limit) bytes); the request ran (a write was committed), only its reply is withheld; ask for less at once (customer.export streams any size)")
    }
    public static func forbidden(_ method: String, roles: Set<Role>) -> RPCError {
        let held = roles.isEmpty ? "no role" : "roles " + roles.sorted().map(\.rawValue).joined(separator: ", ")
        return RPCError(code: -32003, message: "Forbidden: the peer holds \(held), which may not call \(method)")
    }

    /// The protocol error for a store failure, as told to a peer acting as `role`: only
    /// legal and admin peers learn that (and when) a customer was erased.
    public init(_ error: StoreError, for role: Role? = nil) {
        switch error {
        case let .invalidParameter(field, rule): self = .invalidParams(field, rule)
        case let .notFound(what): self.init(code: -32004, message: "Not found: \(what)")
        case let .erased(at):
            if role == .legal || role == .admin {
                self.init(code: -32004, message: "Not found: customer (erased)",
                          data: ["erased": true, "shredded_at": .string(at.rfc3339)])
            } else {
                self.init(code: -32004, message: "Not found: customer")
            }
        case let .unavailable(why, _): self.init(code: -32005, message: "Unavailable: \(why)")
        case let .integrity(what, _): self.init(code: -32006, message: "Integrity failure: \(what)")
        case .legalHold: self.init(code: -32007, message: "Customer is under legal hold: not erased, nothing changed")
        case let .internal(why, _): self.init(code: -32603, message: "Internal error: \(why)")
        }
    }

    var json: JSONValue {
        var o: JSONObject = ["code": .int(code), "message": .string(message)]
        if let data { o["data"] = data }
        return .object(o)
    }
}

/// Builders for the reply lines.
enum RPCReply {
    static func result(_ result: JSONValue, id: JSONValue) -> JSONValue {
        .object(["jsonrpc": "2.0", "result": result, "id": id])
    }
    static func error(_ error: RPCError, id: JSONValue) -> JSONValue {
        .object(["jsonrpc": "2.0", "error": error.json, "id": id])
    }
}
