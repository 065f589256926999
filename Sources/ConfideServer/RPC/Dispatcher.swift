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
    var purpose: Purpose? = nil

    /// The audit context of this call.
    var context: AuditContext {
        AuditContext(uid: peer.uid, pid: peer.pid, role: role?.rawValue, method: request.method, purpose: purpose)
    }
}

/// A method: who may call it and what it does.
struct MethodSpec {
    /// Roles allowed; empty means anyone (system.health).
    let roles: Set<Role>
    /// Audit the call; false only for the health probe, which anyone may poll.
    var audited = true
    let handler: (inout Call) throws -> JSONValue
    /// Writes the result straight to the socket (single requests only; in a batch the
    /// `handler` builds the value instead).
    var stream: ((inout Call, ReplyStream) throws -> Void)? = nil
}

/// Turns one request line into at most one reply line: strict parsing, JSON-RPC 2.0
/// validation, batches, role checks, the method, and the audit entry for every call
/// that reaches authorization.
final class Dispatcher: Sendable {
    let store: TranscriptStore
    let stats = ServerStats()
    /// Refusals of peers with no role, per uid; which of them are audited and logged.
    let unmappedRefusals: UnmappedRefusals
    private let roleMap: Mutex<ServerConfiguration>
    nonisolated(unsafe) private var methods: [String: MethodSpec] = [:]

    init(store: TranscriptStore, configuration: ServerConfiguration) {
        self.store = store
        self.roleMap = Mutex(configuration)
        unmappedRefusals = UnmappedRefusals(interval: configuration.refusalAuditIntervalSeconds)
    }

    /// Registers the method table; called once before serving.
    func register(_ table: [String: MethodSpec]) { methods.merge(table) { $1 } }

    /// The configuration in force (role map reloadable by SIGHUP).
    var configuration: ServerConfiguration { roleMap.withLock { $0 } }
    func reload(_ configuration: ServerConfiguration) { roleMap.withLock { $0 = configuration } }

    /// Handles one line, sending its reply (if any) through `send`; false when the
    /// connection must be closed (the peer stopped reading, or a streamed reply broke).
    /// `refusals` counts the lines refused to a peer with no role on this connection.
    func handle(line: ArraySlice<UInt8>, peer: PeerCredentials, roles: Set<Role>, refusals: inout Int,
                send: @escaping ([UInt8]) -> Bool) -> Bool {
        let limits = configuration
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
                    if let streamed = streamIfPossible(value, lineBytes: line.count, peer: peer, roles: roles, send: send) { return streamed }
                    reply = self.reply(to: value, peer: peer, roles: roles, maxBytes: limits.maxReplyBytes)
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
        let epoch = reads ? store.keyring.erasureEpoch() : 0
        // Each reply is encoded as soon as its request ran, so only bytes are kept (at most
        // `maxBytes` of them): holding the decoded results of 100 large reads cost GiBs.
        var pieces: [(bytes: [UInt8], withheldIfErased: JSONValue?)] = []
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
            pieces.append((piece, isRead ? id : nil))
        }
        if reads && store.keyring.erasureEpoch() != epoch {
            for i in pieces.indices {
                guard let id = pieces[i].withheldIfErased else { continue }
                pieces[i].bytes = JSONWriter.bytes(RPCReply.error(.erasedDuringBatch, id: id))
            }
        }
        var out: [UInt8] = [0x5b]
        out.reserveCapacity(size + 2)
        for (piece, _) in pieces {
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
        let maxBytes = configuration.maxReplyBytes
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
        guard let count = unmappedRefusals.refused(uid: peer.uid) else { return error }
        let method = count == 1 ? label : "(\(count) refused requests)"
        Log.warn("request.forbidden", ["method": .string(method), "uid": .int(Int(peer.uid)), "pid": .int(Int(peer.pid)), "refused": .int(count)])
        let context = AuditContext(uid: peer.uid, pid: peer.pid, role: nil, method: method, purpose: nil)
        do { try store.audit(context, customerRef: nil, outcome: -32003) } catch { return RPCError(error) }
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
        let started = MonotonicClock.seconds()
        let outcome = run(request, peer: peer, roles: roles)
        let seconds = (MonotonicClock.seconds() - started)
        if case .failure(let e) = outcome, methods[request.method] != nil || roles.isEmpty {
            stats.record(method: safeName(request.method), seconds: seconds, errorCode: e.code)
            let level: LogLevel = e.code == -32603 ? .error : (e.code == -32005 || e.code == -32006 ? .warn : .debug)
            Log.shared.write(level, "request.failed",
                             ["method": .string(safeName(request.method)), "code": .int(e.code),
                              "uid": .int(Int(peer.uid)), "pid": .int(Int(peer.pid)), "ms": .double((seconds * 1e5).rounded() / 100)])
        } else if case .success = outcome {
            stats.record(method: request.method, seconds: seconds, errorCode: nil)
        }
        guard let id = request.id else { return nil }
        switch outcome {
        case .success(let result): return RPCReply.result(result, id: id)
        case .failure(let error): return RPCReply.error(error, id: id)
        }
    }

    private func run(_ request: RPCRequest, peer: PeerCredentials, roles: Set<Role>) -> Result<JSONValue, RPCError> {
        let spec = methods[request.method]
        // An unmapped peer may call only the health probe; it learns nothing else, not
        // even which methods exist.
        if roles.isEmpty && !(spec?.roles.isEmpty ?? false) {
            return refuse(request, peer: peer, roles: roles)
        }
        guard let spec else { return .failure(.methodNotFound(request.method)) }
        let role = spec.roles.isEmpty ? roles.sorted().first : spec.roles.intersection(roles).sorted().first
        guard spec.roles.isEmpty || role != nil else { return refuse(request, peer: peer, roles: roles) }
        var call: Call
        do {
            call = Call(request: request, params: try request.params(), peer: peer, role: role, receivedAt: store.clock.now())
        } catch {
            return auditedFailure(error, request: request, peer: peer, role: role, audited: spec.audited)
        }
        do {
            return .success(try spec.handler(&call))
        } catch let e as StoreError {
            return .failure(RPCError(e, for: role))  // the store audited it
        } catch let e as RPCError {
            return auditedFailure(e, request: request, peer: peer, role: role, audited: spec.audited, purpose: call.purpose)
        } catch {
            Log.error("request.internal", ["method": .string(safeName(request.method)), "error": .string(String(describing: type(of: error)))])
            return .failure(RPCError(code: -32603, message: "Internal error"))
        }
    }

    /// The method name as it may appear in logs and the audit chain: client-chosen text
    /// is never recorded, so an unknown name becomes a fixed label.
    private func safeName(_ method: String) -> String { methods[method] != nil ? method : "(unknown method)" }

    /// Streams the reply of a single authorized request to a streaming method; nil when
    /// the value is anything else (then the ordinary path answers it).
    private func streamIfPossible(_ value: JSONValue, lineBytes: Int, peer: PeerCredentials, roles: Set<Role>,
                                  send: @escaping ([UInt8]) -> Bool) -> Bool? {
        guard case .object(let object) = value, let method = object["method"]?.stringValue, methods[method]?.stream != nil,
              case .success(let request) = RPCRequest.validate(value), let id = request.id,
              let spec = methods[request.method], let stream = spec.stream,
              let role = spec.roles.intersection(roles).sorted().first,
              let params = try? request.params() else { return nil }
        var call = Call(request: request, params: params, peer: peer, role: role, receivedAt: store.clock.now())
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
            if replyStream.bytesSent > 0 || replyStream.broken {
                Log.error("reply.stream_failed", ["method": .string(request.method), "error": .string("\(StoreError(error))")])
                return false
            }
            let e: RPCError
            switch error {
            case let s as StoreError: e = RPCError(s, for: role)
            case let r as RPCError:
                if case .failure(let audited) = auditedFailure(r, request: request, peer: peer, role: role, audited: true, purpose: call.purpose) { e = audited } else { e = r }
            default: e = RPCError(code: -32603, message: "Internal error")
            }
            stats.record(method: request.method, seconds: (MonotonicClock.seconds() - started), errorCode: e.code)
            return send(encode(RPCReply.error(e, id: id)))
        }
        stats.record(method: request.method, seconds: (MonotonicClock.seconds() - started), errorCode: nil)
        stats.bytes(in: lineBytes + 1, out: replyStream.bytesSent)
        return !replyStream.broken
    }

    /// Records a refused call (-32003) in the audit chain, then refuses it.
    private func refuse(_ request: RPCRequest, peer: PeerCredentials, roles: Set<Role>) -> Result<JSONValue, RPCError> {
        Log.warn("request.forbidden", ["method": .string(safeName(request.method)), "uid": .int(Int(peer.uid)), "pid": .int(Int(peer.pid))])
        return auditedFailure(.forbidden(safeName(request.method), roles: roles), request: request, peer: peer, role: nil, audited: true)
    }

    /// Audits a failure that happened before the store (refusal, bad params). If even the
    /// audit cannot be written, the caller gets -32005 instead: fail closed.
    private func auditedFailure(_ error: RPCError, request: RPCRequest, peer: PeerCredentials, role: Role?, audited: Bool,
                                purpose: Purpose? = nil) -> Result<JSONValue, RPCError> {
        guard audited else { return .failure(error) }
        let context = AuditContext(uid: peer.uid, pid: peer.pid, role: role?.rawValue, method: safeName(request.method), purpose: purpose)
        do { try store.audit(context, customerRef: nil, outcome: error.code) } catch { return .failure(RPCError(error)) }
        return .failure(error)
    }
}
