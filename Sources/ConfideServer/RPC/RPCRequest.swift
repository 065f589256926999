import ConfideJSON

/// A validated JSON-RPC 2.0 request object.
struct RPCRequest {
    /// A request object that is not valid, with the id to answer it with.
    struct Rejection: Error {
        let error: RPCError
        let id: JSONValue
    }

    let method: String
    /// `params` as sent; its shape is checked after method lookup, so an unknown method
    /// is reported as such whatever its params look like.
    let rawParams: JSONValue?
    /// nil for a notification (no `id` member): executed, never answered.
    let id: JSONValue?

    /// Validates one request object; on failure returns the error and the id to answer
    /// it with (the request's id when that member was usable, else null).
    static func validate(_ value: JSONValue) -> Result<RPCRequest, Rejection> {
        guard let o = value.objectValue else { return .failure(Rejection(error: .invalidRequest("a request must be a JSON object"), id: .null)) }
        var id: JSONValue? = nil
        if let raw = o["id"] {
            switch raw {
            case .string, .number, .null: id = raw
            default: return .failure(Rejection(error: .invalidRequest("id must be a string, number or null"), id: .null))
            }
        }
        let replyID = id ?? .null
        // A malformed request is answered even without an id: the spec's examples do.
        guard o["jsonrpc"]?.stringValue == "2.0" else { return .failure(Rejection(error: .invalidRequest("jsonrpc must be \"2.0\""), id: replyID)) }
        guard let method = o["method"]?.stringValue else { return .failure(Rejection(error: .invalidRequest("method must be a string"), id: replyID)) }
        switch o["params"] {
        case nil, .object?, .array?: break
        default: return .failure(Rejection(error: .invalidRequest("params must be an object or array"), id: replyID))
        }
        return .success(RPCRequest(method: method, rawParams: o["params"], id: id))
    }
}

extension RPCRequest {
    /// The by-name parameters; Confide's methods take no positional ones.
    func params() throws(RPCError) -> JSONObject {
        switch rawParams {
        case nil: return JSONObject()
        case .object(let p)?: return p
        default: throw RPCError.invalidParams("params", "must be an object (by-name parameters)")
        }
    }
}
