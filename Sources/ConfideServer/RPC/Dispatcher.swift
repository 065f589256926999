import ConfideCore
import ConfideJSON
import ConfideSystem
import Foundation
import Synchronization

/// One authorized call being handled: its parameters, the peer, and the audit context.
struct Call {
    let request: RPCRequest
    let params: JSONObject
    let peer: PeerCredentials
    let role: Role?
    let receivedAt: Timestamp
    /// Whether the configuration makes this role state a purpose on reads.
    let purposeRequired: Bool
    /// The request's one audit entry (see `AuditTicket`).
    let ticket: AuditTicket
    var purpose: Purpose? = nil

    /// The audit context of this call.
    var context: AuditContext {
        AuditContext(uid: peer.uid, pid: peer.pid, role: role?.rawValue, method: request.method, purpose: purpose, ticket: ticket)
    }
}

/// A method: who may call it and what it does.
struct MethodSpec: Sendable {
    /// Roles allowed; empty means anyone (system.health).
    let roles: Set<Role>
    /// Audit the call; false only for the health probe, which anyone may poll.
    var audited = true
    let handler: @Sendable (inout Call) throws -> JSONValue
    /// Writes the result straight to the socket (single requests only; in a batch the
    /// `handler` builds the value instead).
    var stream: (@Sendable (inout Call, ReplyStream) throws -> Void)? = nil
}

/// Turns one request line into at most one reply line: strict parsing, JSON-RPC 2.0
/// validation, batches, role checks, the method, statistics, and the request's audit entry.
///
/// Audit: every call that reaches authorization gets exactly one entry, success or failure.
/// A store operation writes it when the entry must commit with the operation's effect;
/// otherwise `finish` writes it when the request ends (`AuditTicket` says which). The
/// exceptions, all on purpose and in docs/protocol.md: `system.health` (anyone may poll
/// it), unknown methods, the polls of an `audit.tail` follow (its start stands for them),
/// and refusals of peers with no role, audited at most once per uid per
/// `refusal_audit_interval_s` with the count they stand for (`UnmappedRefusals`).
final class Dispatcher: Sendable {
    let store: TranscriptStore
    let stats: ServerStats
    /// Refusals of peers with no role, per uid; which of them are audited and logged.
    let unmappedRefusals: UnmappedRefusals
    let authorizer: Authorizer
    /// The limits in force (not reloaded: a SIGHUP changes only the role map).
    private let limits: ServerConfiguration
    private let methods: [String: MethodSpec]

    init(store: TranscriptStore, limits: ServerConfiguration, authorizer: Authorizer, stats: ServerStats,
         unmappedRefusals: UnmappedRefusals, methods: [String: MethodSpec]) {
        self.store = store
        self.limits = limits
        self.authorizer = authorizer
        self.stats = stats
        self.unmappedRefusals = unmappedRefusals
        self.methods = methods
    }

    /// Handles one line, sending its reply (if any) through `send`; false when the
    /// connection must be closed (the peer stopped reading, or a streamed reply broke).
    /// `refusals` counts the lines refused to a peer with no role on this connection.
    func handle(line: ArraySlice<UInt8>, peer: PeerCredentials, refusals: inout Int,
                send: @escaping ([UInt8]) -> Bool) -> Bool {
        let roles = authorizer.roles(of: peer)
        let reply: [UInt8]?
        if let n = BatchLength.count(line, upTo: limits.maxBatchRequests), n > limits.maxBatchRequests {
            // Refused before parsing: the elements are never built, let alone run.
            var error = RPCError.invalidRequest("batch longer than max_batch_requests (\(limits.maxBatchRequests)); nothing in it was run")
            if roles.isEmpty { error = refuseUnmapped(peer, label: "(batch)", refusals: &refusals, error: error) }
            reply = encode(RPCReply.error(error, id: .null))
        } else {
            // The line is parsed once; streaming or not is decided on the parsed value.
            let maxValues = limits.maxRequestValues
            switch line.withUnsafeBytes({ bytes in Result { () throws(JSONParseError) in try JSONParser.parse(bytes, maxValues: maxValues) } }) {
            case .failure(let error):
                let tooMany = error.reason == "more than \(maxValues) values"
                var e = RPCError.parse(tooMany ? "\(error.reason) (max_request_values); nothing was run" : error.reason)
                if roles.isEmpty { e = refuseUnmapped(peer, label: "(invalid request)", refusals: &refusals, error: e) }
                reply = encode(RPCReply.error(e, id: .null))
            case .success(let value):
                if roles.isEmpty {
                    reply = unmappedReply(to: value, peer: peer, refusals: &refusals)
                } else {
                    switch streamIfPossible(value, lineBytes: line.count, peer: peer, roles: roles, send: send) {
                    case .streamed(let open)?: return open
                    case .answered(let answer)?: reply = encode(answer)
                    case nil: reply = self.reply(to: value, peer: peer, roles: roles, maxBytes: limits.maxReplyBytes)
                    }
                }
            }
        }
        guard let reply else { return true }
        stats.bytes(in: line.count + 1, out: reply.count)
        return send(reply)
    }

    /// The reply line for a parsed request or batch; nil when nothing is to be sent
    /// (notifications only). Built one reply at a time: a reply that would take the line
    /// past `maxBytes` is replaced by an error naming the limit.
    private func reply(to value: JSONValue, peer: PeerCredentials, roles: Set<Role>, maxBytes: Int) -> [UInt8]? {
        guard case .array(let items) = value else {
            guard let one = handleOne(value, peer: peer, roles: roles) else { return nil }
            let line = encode(one)
            return line.count <= maxBytes ? line : encode(RPCReply.error(.replyTooLong(line.count - 1, limit: maxBytes), id: one["id"] ?? .null))
        }
        guard !items.isEmpty else { return encode(RPCReply.error(.invalidRequest("empty batch"), id: .null)) }
        // A batch's reply goes out only after its last request: a plaintext read early in
        // the batch must not be handed out if a shred committed before the line is sent.
        let reads = items.contains { Dispatcher.plaintextReads.contains($0["method"]?.stringValue ?? "") }
        let epoch = reads ? store.erasureEpoch() : 0
        // Each reply is encoded as soon as its request ran, so only bytes are kept (at most
        // `maxBytes` of them): holding the decoded results of 100 large reads cost GiBs.
        // `read`: a plaintext read that succeeded, withheld if an erasure committed meanwhile.
        // (A Bool, not an optional id: `JSONValue` is nil-literal-convertible, so an
        // optional id of nil read back as `.null` and withheld every reply of the batch.)
        var pieces: [(bytes: [UInt8], id: JSONValue, read: Bool)] = []
        var size = 1
        for item in items {
            guard let one = handleOne(item, peer: peer, roles: roles) else { continue }
            let id = one["id"] ?? .null
            var piece = [UInt8]()
            JSONWriter.write(one, into: &piece)
            if size + piece.count + 2 > maxBytes {
                let length = piece.count
                piece.removeAll()
                JSONWriter.write(RPCReply.error(.replyTooLong(length, limit: maxBytes), id: id), into: &piece)
            }
            size += piece.count + 1
            let isRead = Dispatcher.plaintextReads.contains(item["method"]?.stringValue ?? "") && one["result"] != nil
            pieces.append((piece, id, isRead))
        }
        if reads && store.erasureEpoch() != epoch {
            for i in pieces.indices {
                guard pieces[i].read else { continue }
                pieces[i].bytes = JSONWriter.bytes(RPCReply.error(.erasedDuringBatch, id: pieces[i].id))
            }
        }
        var out: [UInt8] = [0x5b]
        out.reserveCapacity(size + 2)
        for (piece, _, _) in pieces {
            if out.count > 1 { out.append(0x2c) }
            out += piece
        }
        guard out.count > 1 else { return nil }
        out += [0x5d, 0x0a]
        return out
    }

    /// The methods whose result carries customer plaintext.
    static let plaintextReads: Set<String> = ["session.get", "session.list", "customer.export"]

    /// A peer with no role: health probes are answered as usual; anything else, a request,
    /// a batch or an invalid line, is one refusal costing O(1), whatever it holds.
    private func unmappedReply(to value: JSONValue, peer: PeerCredentials, refusals: inout Int) -> [UInt8]? {
        let maxBytes = limits.maxReplyBytes
        switch value {
        case .object:
            switch RPCRequest.validate(value) {
            case .success(let request) where request.method == "system.health":
                return reply(to: value, peer: peer, roles: [], maxBytes: maxBytes)
            case .success(let request):
                let name = safeName(request.method)
                let error = refuseUnmapped(peer, label: name, refusals: &refusals, error: .forbidden(name, roles: []))
                return request.id.map { encode(RPCReply.error(error, id: $0)) }
            case .failure(let rejection):
                return encode(RPCReply.error(refuseUnmapped(peer, label: "(invalid request)", refusals: &refusals, error: rejection.error),
                                             id: rejection.id))
            }
        case .array(let items) where !items.isEmpty && items.allSatisfy(Dispatcher.isHealthCall):
            return reply(to: value, peer: peer, roles: [], maxBytes: maxBytes)
        case .array:
            let error = RPCError(code: -32003, message: "Forbidden: the peer holds no role, which may call only system.health; nothing in the batch was run")
            return encode(RPCReply.error(refuseUnmapped(peer, label: "(batch)", refusals: &refusals, error: error), id: .null))
        default:
            let error = RPCError.invalidRequest("a request must be a JSON object")
            return encode(RPCReply.error(refuseUnmapped(peer, label: "(invalid request)", refusals: &refusals, error: error), id: .null))
        }
    }

    private static func isHealthCall(_ value: JSONValue) -> Bool {
        if case .success(let r) = RPCRequest.validate(value) { return r.method == "system.health" }
        return false
    }

    /// Counts a line of a peer with no role refused before parsing (too long), audited
    /// at the same rate as every other refusal.
    func countUnmappedLineTooLong(_ peer: PeerCredentials) {
        var refusals = 0  // the connection is closed anyway
        _ = refuseUnmapped(peer, label: "(line too long)", refusals: &refusals, error: .invalidRequest("line too long"))
    }

    /// Counts one refusal of a peer with no role and returns the error to answer with.
    /// Only the uid's first refusal, then one per `refusal_audit_interval_s`, is audited
    /// and logged; that entry says how many refusals it stands for. If the audit cannot be
    /// written, the answer is -32005 (fail closed, as for every audited refusal).
    private func refuseUnmapped(_ peer: PeerCredentials, label: String, refusals: inout Int, error: RPCError) -> RPCError {
        refusals += 1
        guard let (count, other) = unmappedRefusals.refused(uid: peer.uid) else { return error }
        // The untracked uids' refusals are counted together: their entry names no uid (it
        // would attribute other uids' refusals to this one).
        let method = other ? "(\(count) refused requests of untracked uids)" : count == 1 ? label : "(\(count) refused requests)"
        Log.warn("request.forbidden", ["method": .string(method), "uid": .int(Int(peer.uid)), "pid": .int(Int(peer.pid)), "refused": .int(count)])
        let context = AuditContext(uid: other ? nil : peer.uid, pid: other ? nil : peer.pid, role: nil, method: method, purpose: nil)
        do {
            try store.audit(context, customerRef: nil, outcome: -32003)
        } catch let failure {
            unmappedRefusals.notRecorded(uid: peer.uid, count: count, other: other)
            return RPCError(failure)
        }
        return error
    }

    private func encode(_ reply: JSONValue) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(256)
        JSONWriter.write(reply, into: &out)
        out.append(0x0a)
        return out
    }

    /// One request object; nil for a notification.
    private func handleOne(_ value: JSONValue, peer: PeerCredentials, roles: Set<Role>) -> JSONValue? {
        let request: RPCRequest
        switch RPCRequest.validate(value) {
        case .failure(let rejection): return RPCReply.error(rejection.error, id: rejection.id)
        case .success(let r): request = r
        }
        let outcome: Result<JSONValue, RPCError>
        switch admit(request, peer: peer, roles: roles) {
        case .answered(let answer): outcome = answer
        case .call(var call, let spec):
            let started = MonotonicClock.seconds()
            outcome = finish(call, spec, started: started, Result { try spec.handler(&call) }, purpose: call.purpose)
        }
        guard let id = request.id else { return nil }
        switch outcome {
        case .success(let result): return RPCReply.result(result, id: id)
        case .failure(let error): return RPCReply.error(error, id: id)
        }
    }

    /// What became of a request before its method ran.
    private enum Admission {
        /// Answered without running the method (refused, unknown, bad parameters).
        case answered(Result<JSONValue, RPCError>)
        /// Authorized: run `spec` with `call`.
        case call(Call, MethodSpec)
    }

    /// Authorization and the parameters' shape, the same for every path (plain, batch,
    /// streamed). A refusal or a bad `params` is answered (and audited) here.
    private func admit(_ request: RPCRequest, peer: PeerCredentials, roles: Set<Role>) -> Admission {
        let spec = methods[request.method]
        // An unmapped peer may call only the health probe; it learns nothing else, not
        // even which methods exist.
        if roles.isEmpty && !(spec?.roles.isEmpty ?? false) { return .answered(refuse(request, peer: peer, roles: roles)) }
        // An unknown method of a mapped peer: not a call of anything, so neither audited nor
        // counted (docs/protocol.md); the name is the client's text.
        guard let spec else { return .answered(.failure(.methodNotFound(request.method))) }
        let role = spec.roles.isEmpty ? roles.sorted().first : spec.roles.intersection(roles).sorted().first
        guard spec.roles.isEmpty || role != nil else { return .answered(refuse(request, peer: peer, roles: roles)) }
        let ticket = AuditTicket(method: request.method)
        do {
            let call = Call(request: request, params: try request.params(), peer: peer, role: role, receivedAt: store.clock.now(),
                            purposeRequired: authorizer.purposeRequired(role), ticket: ticket)
            return .call(call, spec)
        } catch {
            let context = AuditContext(uid: peer.uid, pid: peer.pid, role: role?.rawValue, method: request.method, ticket: ticket)
            let started = MonotonicClock.seconds()
            let outcome = close(context, .failure(error), audited: spec.audited)
            record(request.method, peer: peer, started: started, outcome)
            return .answered(outcome)
        }
    }

    /// Ends an admitted call: maps its error, writes its audit entry unless the store did,
    /// counts and logs it. The one place a request's outcome is decided.
    private func finish(_ call: Call, _ spec: MethodSpec, started: Double, _ result: Result<JSONValue, any Error>,
                        purpose: Purpose?) -> Result<JSONValue, RPCError> {
        var context = call.context
        context.purpose = purpose
        let outcome = close(context, result, audited: spec.audited)
        record(call.request.method, peer: call.peer, started: started, outcome)
        return outcome
    }

    /// The request's result as a reply, after its audit entry is committed: written here
    /// unless a store operation already did (`AuditTicket`). If the entry cannot be
    /// written, the caller gets -32005 and no result: fail closed.
    private func close(_ context: AuditContext, _ result: Result<JSONValue, any Error>, audited: Bool) -> Result<JSONValue, RPCError> {
        let role = context.role.flatMap(Role.init(rawValue:))
        var outcome: Result<JSONValue, RPCError>
        switch result {
        case .success(let value): outcome = .success(value)
        case .failure(let e as StoreError):
            outcome = .failure(RPCError(e, for: role))
            if let cause = e.cause { Log.warn("request.cause", ["method": .string(context.method), "code": .int(e.code), "cause": .string("\(cause)")]) }
        case .failure(let e as RPCError): outcome = .failure(e)
        case .failure(let e):
            Log.error("request.internal", ["method": .string(context.method), "error": .string(String(describing: type(of: e)))])
            outcome = .failure(RPCError(code: -32603, message: "Internal error"))
        }
        guard audited, context.ticket?.isRecorded != true else { return outcome }
        let code: Int? = if case .failure(let e) = outcome { e.code } else { nil }
        do {
            try store.audit(context, customerRef: nil, outcome: code)
        } catch {
            // Fail closed: a call whose entry cannot be written is answered -32005, whatever it
            // was going to say. Except a -32005 of its own, which already says what happened
            // (a shred whose keys were destroyed before its audit record failed must not read
            // as "nothing was changed").
            guard case .failure(let original) = outcome, original.code == -32005 else { return .failure(RPCError(error)) }
            Log.error("audit.failed", ["method": .string(context.method), "outcome": .int(code ?? 0), "error": .string("\(StoreError(error))")])
        }
        return outcome
    }

    /// Counts a finished call and logs a failure (at warn for -32005/-32006, error for -32603).
    private func record(_ method: String, peer: PeerCredentials, started: Double, _ outcome: Result<JSONValue, RPCError>) {
        let seconds = MonotonicClock.seconds() - started
        switch outcome {
        case .success: stats.record(method: method, seconds: seconds, errorCode: nil)
        case .failure(let e):
            stats.record(method: safeName(method), seconds: seconds, errorCode: e.code)
            let level: LogLevel = e.code == -32603 ? .error : (e.code == -32005 || e.code == -32006 ? .warn : .debug)
            Log.shared.write(level, "request.failed",
                             ["method": .string(safeName(method)), "code": .int(e.code),
                              "uid": .int(Int(peer.uid)), "pid": .int(Int(peer.pid)), "ms": .double((seconds * 1e5).rounded() / 100)])
        }
    }

    /// The method name as it may appear in logs and the audit chain: client-chosen text
    /// is never recorded, so an unknown name becomes a fixed label.
    private func safeName(_ method: String) -> String { methods[method] != nil ? method : "(unknown method)" }

    /// What `streamIfPossible` did with a request.
    private enum Streaming {
        /// The result went out piece by piece; false when the connection must be closed.
        case streamed(Bool)
        /// Answered with an ordinary reply (refused, bad params, or failed before any byte).
        case answered(JSONValue)
    }

    /// Streams the reply of a single request to a streaming method; nil when the value is
    /// anything else (then the ordinary path answers it). Admission, audit and statistics
    /// are the ordinary path's; only the result's bytes go out piece by piece.
    private func streamIfPossible(_ value: JSONValue, lineBytes: Int, peer: PeerCredentials, roles: Set<Role>,
                                  send: @escaping ([UInt8]) -> Bool) -> Streaming? {
        guard case .object(let object) = value, let method = object["method"]?.stringValue, methods[method]?.stream != nil,
              case .success(let request) = RPCRequest.validate(value), let id = request.id else { return nil }
        let admitted = admit(request, peer: peer, roles: roles)
        guard case .call(var call, let spec) = admitted, let stream = spec.stream else {
            if case .answered(.failure(let e)) = admitted { return .answered(RPCReply.error(e, id: id)) }
            if case .answered(.success(let v)) = admitted { return .answered(RPCReply.result(v, id: id)) }
            return nil
        }
        var prefix = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
        JSONWriter.write(id, into: &prefix)
        prefix += Array(#","result":"#.utf8)
        let replyStream = ReplyStream(prefix: prefix, send: send)
        let started = MonotonicClock.seconds()
        do {
            try stream(&call, replyStream)
            replyStream.finish()
        } catch {
            // Bytes already on the wire: the line is cut and the connection closed. Nothing
            // sent yet (what was written is still buffered): an ordinary error reply.
            let outcome = finish(call, spec, started: started, .failure(error), purpose: call.purpose)
            if replyStream.bytesSent > 0 || replyStream.broken {
                Log.error("reply.stream_failed", ["method": .string(request.method), "error": .string("\(StoreError(error))")])
                return .streamed(false)
            }
            guard case .failure(let e) = outcome else { return .streamed(false) }
            return .answered(RPCReply.error(e, id: id))
        }
        _ = finish(call, spec, started: started, .success(.null), purpose: call.purpose)
        stats.bytes(in: lineBytes + 1, out: replyStream.bytesSent)
        return .streamed(!replyStream.broken)
    }

    /// Records a refused call (-32003) in the audit chain, then refuses it.
    private func refuse(_ request: RPCRequest, peer: PeerCredentials, roles: Set<Role>) -> Result<JSONValue, RPCError> {
        let name = safeName(request.method)
        Log.warn("request.forbidden", ["method": .string(name), "uid": .int(Int(peer.uid)), "pid": .int(Int(peer.pid))])
        let context = AuditContext(uid: peer.uid, pid: peer.pid, role: nil, method: name, ticket: AuditTicket(method: name))
        let started = MonotonicClock.seconds()
        let outcome = close(context, .failure(RPCError.forbidden(name, roles: roles)), audited: true)
        if !roles.isEmpty || methods[request.method] != nil { record(request.method, peer: peer, started: started, outcome) }
        return outcome
    }
}
