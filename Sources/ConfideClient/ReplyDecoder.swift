import ConfideJSON

/// Checks reply lines against JSON-RPC 2.0 as docs/protocol.md promises it: an object of
/// exactly `jsonrpc: "2.0"`, `result` or `error`, and `id`; an error object of an integer
/// `code`, a string `message` and optional `data`; the id of the request (or `null` on an
/// error the daemon could not tie to one: a parse error, a refused connection).
enum ReplyDecoder {
    /// One reply line. `id` nil accepts any id (a parting error of a refused connection).
    static func single(_ line: [UInt8], id: JSONValue?) throws(ConfideClientError) -> Result<JSONValue, ConfideRPCError> {
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            throw .malformedReply("\(error): \(String(decoding: line.prefix(200), as: UTF8.self))")
        }
        guard let o = value.objectValue else {
            // A batch-level refusal comes as one object; an array here answers no single call.
            throw .malformedReply("the reply is not a JSON object")
        }
        return try decode(o, id: id)
    }

    /// A batch's reply line: one answer per id, returned in the order of `ids`. A single
    /// error object (the whole batch refused) is thrown as `.rpc`.
    static func batch(_ line: [UInt8], ids: [Int]) throws(ConfideClientError) -> [Result<JSONValue, ConfideRPCError>] {
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch { throw .malformedReply("\(error)") }
        if let o = value.objectValue {
            if case .failure(let e) = try decode(o, id: .null) { throw .rpc(e) }
            throw .malformedReply("a batch was answered by a single result")
        }
        guard let replies = value.arrayValue, replies.count == ids.count else {
            throw .malformedReply("a batch of \(ids.count) calls was not answered by \(ids.count) replies")
        }
        var byID: [Int: Result<JSONValue, ConfideRPCError>] = [:]
        for r in replies {
            guard let o = r.objectValue, let id = o["id"]?.intValue, ids.contains(id), byID[id] == nil else {
                throw .malformedReply("a batch reply with a missing, unknown or repeated id")
            }
            byID[id] = try decode(o, id: .int(id))
        }
        return ids.map { byID[$0]! }
    }

    /// One reply object, checked member by member.
    static func decode(_ o: JSONObject, id: JSONValue?) throws(ConfideClientError) -> Result<JSONValue, ConfideRPCError> {
        guard o["jsonrpc"] == "2.0" else { throw .malformedReply("the reply is not JSON-RPC 2.0 (jsonrpc member)") }
        if let error = o["error"] {
            guard Set(o.keys) == ["jsonrpc", "error", "id"] else { throw .malformedReply("members \(o.keys) in an error reply") }
            guard id == nil || o["id"] == id || o["id"] == .null else {
                throw .malformedReply("error reply for id \(o["id"].map(JSONWriter.string) ?? "none"), expected \(id.map(JSONWriter.string) ?? "")")
            }
            return .failure(try rpcError(error))
        }
        guard Set(o.keys) == ["jsonrpc", "result", "id"], let result = o["result"] else {
            throw .malformedReply("members \(o.keys) in a reply")
        }
        guard id == nil || o["id"] == id else {
            throw .malformedReply("reply for id \(o["id"].map(JSONWriter.string) ?? "none"), expected \(id.map(JSONWriter.string) ?? "")")
        }
        return .success(result)
    }

    /// The `error` member as a `ConfideRPCError`.
    static func rpcError(_ value: JSONValue) throws(ConfideClientError) -> ConfideRPCError {
        guard let e = value.objectValue, let code = e["code"]?.intValue, let message = e["message"]?.stringValue,
              Set(e.keys).isSubset(of: ["code", "message", "data"]) else {
            throw .malformedReply("an error object without an integer code and a string message: \(JSONWriter.string(value).prefix(200))")
        }
        return ConfideRPCError(code: .init(rawValue: code), message: message, data: e["data"])
    }
}
