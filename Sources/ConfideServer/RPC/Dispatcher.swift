import ConfideCore
import ConfideJSON
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
    private let roleMap: Mutex<ServerConfiguration>
    nonisolated(unsafe) private var methods: [String: MethodSpec] = [:]

    init(store: TranscriptStore, configuration: ServerConfiguration) {
        self.store = store
        self.roleMap = Mutex(configuration)
    }

    /// Registers the method table; called once before serving.
    func register(_ table: [String: MethodSpec]) { methods.merge(table) { $1 } }

    /// The configuration in force (role map reloadable by SIGHUP).
    var configuration: ServerConfiguration { roleMap.withLock { $0 } }
    func reload(_ configuration: ServerConfiguration) { roleMap.withLock { $0 = configuration } }

    /// Handles one line, sending its reply (if any) through `send`; false when the
    /// connection must be closed (the peer stopped reading, or a streamed reply broke).
    func handle(line: ArraySlice<UInt8>, peer: PeerCredentials, roles: Set<Role>, send: @escaping ([UInt8]) -> Bool) -> Bool {
        // The line is parsed once; streaming or not is decided on the parsed value.
        let reply: [UInt8]?
        switch line.withUnsafeBytes({ bytes in Result { () throws(JSONParseError) in try JSONParser.parse(bytes) } }) {
        case .failure(let error):
            reply = encode(RPCReply.error(.parse(error.reason), id: .null))
        case .success(let value):
            if let streamed = streamIfPossible(value, lineBytes: line.count, peer: peer, roles: roles, send: send) { return streamed }
            reply = self.reply(to: value, peer: peer, roles: roles)
        }
        guard let reply else { return true }
        stats.bytes(in: line.count + 1, out: reply.count)
        return send(reply)
    }

    /// The reply line for a parsed request or batch; nil when nothing is to be sent
    /// (notifications only).
    private func reply(to value: JSONValue, peer: PeerCredentials, roles: Set<Role>) -> [UInt8]? {
        if case .array(let items) = value {
            guard !items.isEmpty else { return encode(RPCReply.error(.invalidRequest("empty batch"), id: .null)) }
            let replies = items.compactMap { handleOne($0, peer: peer, roles: roles) }
            return replies.isEmpty ? nil : encode(.array(replies))
        }
        return handleOne(value, peer: peer, roles: roles).map(encode)
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
        let started = DispatchTime.now().uptimeNanoseconds
        let outcome = run(request, peer: peer, roles: roles)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if case .failure(let e) = outcome, methods[request.method] != nil || roles.isEmpty {
            stats.record(method: safeName(request.method), seconds: seconds, failed: true)
            let level: LogLevel = e.code == -32603 ? .error : (e.code == -32005 || e.code == -32006 ? .warn : .debug)
            Log.shared.write(level, "request.failed",
                             ["method": .string(safeName(request.method)), "code": .int(e.code),
                              "uid": .int(Int(peer.uid)), "pid": .int(Int(peer.pid)), "ms": .double((seconds * 1e5).rounded() / 100)])
        } else if case .success = outcome {
            stats.record(method: request.method, seconds: seconds, failed: false)
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
        let started = DispatchTime.now().uptimeNanoseconds
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
            stats.record(method: request.method, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, failed: true)
            return send(encode(RPCReply.error(e, id: id)))
        }
        stats.record(method: request.method, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, failed: false)
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
