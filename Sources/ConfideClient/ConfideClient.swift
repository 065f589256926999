import ConfideJSON
import ConfideSystem
import Glibc
import Synchronization

/// A client of the Confide daemon: JSON-RPC 2.0 over its Unix socket, one JSON per line
/// (docs/protocol.md), for Swift support apps and the `confide` CLI alike.
///
///     let confide = ConfideClient(socketPath: "/run/confide/confide.sock")
///     try confide.call("session.append", ["customer": "c-42", "session": "s-1",
///                                         "messages": [["role": "customer", "text": "Hello"]]])
///     do {
///         let transcript = try confide.call("session.get", ["customer": "c-42", "session": "s-1"])
///     } catch .rpc(let e) where e.code == .notFound {
///         …
///     } catch {
///         throw error  // Swift 6.3 crashes on a typed do-catch without this last clause
///     }
///
/// One connection, opened on first use and kept between calls; calls on one client are
/// serialised (use one client per thread for calls in parallel: the daemon serves each
/// connection on its own thread).
///
/// **When a request is sent again.** The daemon closes a connection that was idle for
/// `idle_timeout_s` (60 s) without a word, and runs only complete lines. So the client
/// sends a request again, once, on a new connection exactly when the daemon cannot have
/// run it:
/// - before sending, a kept connection the daemon has closed is replaced (a peek, no wait);
/// - a send that fails with `EPIPE`/`ECONNRESET` (closed before the whole line reached
///   the daemon);
/// - a read that fails with `ECONNRESET` before any reply byte: on Linux a Unix socket
///   closed with unread data resets its peer, so the daemon closed without reading our
///   line's newline (the idle close racing our send).
///
/// Once the line may have reached the daemon (it was sent and the connection then ended
/// in order, or the reply timed out), nothing is repeated: the call throws
/// `.connectionClosed` or `.timedOut(.call, …)` and the outcome is the caller's to check.
///
/// **Several daemons** (`init(socketPaths:)`, daemons sharing one PostgreSQL store): each
/// new connection goes to the first socket whose daemon accepts it, in the order given, so
/// the clients of a daemon that died (`ECONNREFUSED`, `ENOENT`) go on through the next one
/// and come back to the first once it is up again. Only a connect moves on: a request is
/// never sent to a second daemon after it may have reached the first.
public final class ConfideClient: Sendable {
    /// The daemon's socket (the first of `socketPaths`).
    public let socketPath: String
    /// The sockets of the daemons this client may connect to, in order of preference.
    public let socketPaths: [String]
    /// How long a connect may wait while the daemon's backlog is full.
    public let connectTimeout: Duration
    /// How long a call may take from sending to its complete reply (a streamed call: each
    /// wait for more of the reply); `nil` waits as long as the daemon takes.
    public let callTimeout: Duration?
    private let state: Mutex<State>

    private struct State {
        var connection: ConfideConnection?
        var nextID = 1
        var connectionsOpened = 0
        /// When the connection last finished an exchange (`MonotonicClock` seconds).
        var lastUsed = 0.0
        /// The socket of the current (or last) connection.
        var connectedPath: String?
    }

    /// A client of the daemon at `socketPath`. Nothing is connected until the first call
    /// (or `connect()`).
    public convenience init(socketPath: String, connectTimeout: Duration = .seconds(5), callTimeout: Duration? = .seconds(30)) {
        self.init(socketPaths: [socketPath], connectTimeout: connectTimeout, callTimeout: callTimeout)
    }

    /// A client of whichever of the daemons at `socketPaths` (at least one) accepts first, in
    /// that order, at each new connection (see the type's comment).
    public init(socketPaths: [String], connectTimeout: Duration = .seconds(5), callTimeout: Duration? = .seconds(30)) {
        precondition(!socketPaths.isEmpty, "ConfideClient needs at least one socket path")
        self.socketPaths = socketPaths
        self.socketPath = socketPaths[0]
        self.connectTimeout = connectTimeout
        self.callTimeout = callTimeout
        state = Mutex(State())
    }

    /// Connections opened so far, the first included (reconnects are this minus one).
    public var connectionsOpened: Int { state.withLock { $0.connectionsOpened } }

    /// The socket of the current (or last) connection: which daemon answered.
    public var connectedSocketPath: String? { state.withLock { $0.connectedPath } }

    /// The most bytes the current connection ever held received and unread (tests).
    var peakBufferedBytes: Int? { state.withLock { $0.connection?.peakBufferedBytes } }

    /// Connects now, if not connected, so a missing daemon is reported before any work.
    public func connect() throws(ConfideClientError) {
        try state.withLock { (s: inout State) throws(ConfideClientError) in _ = try usableConnection(&s) }
    }

    /// Closes the connection; the next call opens a new one.
    public func close() {
        state.withLock { $0.connection?.close(); $0.connection = nil }
    }

    // MARK: Calls

    /// Calls `method` with `params` and returns its `result`; a daemon error is thrown as
    /// `.rpc` with its code, message and data.
    @discardableResult
    public func call(_ method: String, _ params: JSONObject = [:]) throws(ConfideClientError) -> JSONValue {
        switch try reply(method, params) {
        case .success(let result): return result
        case .failure(let error): throw .rpc(error)
        }
    }

    /// The daemon's answer to one call as a value, its result or its error; only transport
    /// failures throw. For callers that treat an error reply as an answer to show.
    public func reply(_ method: String, _ params: JSONObject = [:]) throws(ConfideClientError) -> Result<JSONValue, ConfideRPCError> {
        try state.withLock { (s: inout State) throws(ConfideClientError) in
            let id = s.nextID
            s.nextID += 1
            let line = JSONWriter.bytes(Self.request(method, params, id: id))
            let reply = try exchange(&s, line)
            do throws(ConfideClientError) { return try ReplyDecoder.single(reply, id: .int(id)) } catch {
                if case .malformedReply = error { drop(&s) }
                throw error
            }
        }
    }

    /// Several calls in one line (a JSON-RPC batch), run by the daemon in order; their
    /// answers in the same order. A batch refused whole (over `max_batch_requests`) throws
    /// `.rpc`.
    public func batch(_ requests: [ConfideRequest]) throws(ConfideClientError) -> [Result<JSONValue, ConfideRPCError>] {
        try state.withLock { (s: inout State) throws(ConfideClientError) in
            let first = s.nextID
            s.nextID += requests.count
            let line = JSONWriter.bytes(.array(requests.enumerated().map { Self.request($1.method, $1.params, id: first + $0) }))
            let reply = try exchange(&s, line)
            do throws(ConfideClientError) { return try ReplyDecoder.batch(reply, ids: (0..<requests.count).map { first + $0 }) } catch {
                if case .malformedReply = error { drop(&s) }
                throw error
            }
        }
    }

    /// Calls `method` and hands each element of the array `result[member]` to `handler` as
    /// soon as it is parsed, without holding the whole reply: a `customer.export` of many
    /// megabytes (`member` "sessions") costs the memory of one session. Returns the other
    /// members of `result`.
    ///
    /// A reply cut short (an export stopped by a shred) throws `.malformedReply` after
    /// some elements were handed over: treat it as a failed call, never a shorter result.
    /// A handler that throws ends the call with `.handlerFailed`; the connection is closed.
    /// Do not call this client from `handler` (calls are serialised: it would wait for itself).
    @discardableResult
    public func stream(_ method: String, _ params: JSONObject = [:], elementsOf member: String,
                       _ handler: (JSONValue) throws -> Void) throws(ConfideClientError) -> JSONObject {
        try state.withLock { (s: inout State) throws(ConfideClientError) in
            let id = s.nextID
            s.nextID += 1
            let line = JSONWriter.bytes(Self.request(method, params, id: id))
            let connection = try sendAwaitingReply(&s, line, deadline: MonotonicClock.seconds() + callSeconds)
            var reader = StreamedReplyReader(connection: connection, timeout: callSeconds)
            do throws(ConfideClientError) {
                return try reader.read(id: .int(id), streaming: member, handler)
            } catch {
                if error.rpcError == nil { drop(&s) }  // the rest of the line is unread, or it was not a reply
                throw error
            }
        }
    }

    /// Sends one request line exactly as given and returns the reply line unparsed: for
    /// callers that hold the bytes already (the benchmark, proxies). The same resend rule
    /// as `call`; the id is not checked.
    public func exchange(line: [UInt8]) throws(ConfideClientError) -> [UInt8] {
        try state.withLock { (s: inout State) throws(ConfideClientError) in try exchange(&s, line) }
    }

    // MARK: Transport

    private var callSeconds: Double { callTimeout.map(Self.seconds) ?? .infinity }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func request(_ method: String, _ params: JSONObject, id: Int) -> JSONValue {
        ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(params)]
    }

    private func drop(_ s: inout State) {
        s.connection?.close()
        s.connection = nil
    }

    /// The kept connection if the daemon has not closed it, else a new one.
    private func usableConnection(_ s: inout State) throws(ConfideClientError) -> ConfideConnection {
        // The peek costs a system call, so a connection used within the last 100 ms is taken
        // as it is (an idle close is at least the daemon's idle_timeout_s after its last
        // request; a close in between is still caught by the resend rule).
        if let c = s.connection, MonotonicClock.seconds() - s.lastUsed < 0.1 || !c.isClosedByPeer { return c }
        drop(&s)
        let timeout = Self.seconds(connectTimeout)
        var firstFailure: ConfideClientError?
        for path in socketPaths {
            do {
                let c = try ConfideConnection(socketPath: path, connectTimeout: timeout, writeTimeout: callSeconds)
                s.connection = c
                s.connectionsOpened += 1
                s.connectedPath = path
                return c
            } catch {
                let failure: ConfideClientError
                if error.call == "connect" && (error.errno == EAGAIN || error.errno == EWOULDBLOCK) { failure = .timedOut(.connect, seconds: timeout) }
                else if error.call == "connect" { failure = .connectFailed(socketPath: path, errno: error.errno) }
                else { failure = .system(error) }
                // Only a daemon that is not there (stopped, killed, never started) sends the
                // client on to the next socket; a busy or refusing one answers for itself.
                guard error.call == "connect", error.errno == ECONNREFUSED || error.errno == ENOENT else { throw failure }
                if firstFailure == nil { firstFailure = failure }
            }
        }
        throw firstFailure!
    }

    /// Sends `line` and reads its reply line, all within the call timeout.
    private func exchange(_ s: inout State, _ line: [UInt8]) throws(ConfideClientError) -> [UInt8] {
        let deadline = MonotonicClock.seconds() + callSeconds
        let connection = try sendAwaitingReply(&s, line, deadline: deadline)
        let reply: [UInt8]?
        do throws(ConfideConnection.ReadEnd) { reply = try connection.readLine(until: deadline) } catch {
            drop(&s)
            throw Self.readFailure(error, timeout: callSeconds)
        }
        guard let reply else {
            drop(&s)
            throw .connectionClosed
        }
        if connection.hasBufferedBytes { drop(&s) }  // more than one reply line: do not reuse
        s.lastUsed = MonotonicClock.seconds()
        return reply
    }

    /// Sends `line` and waits (until `deadline`) for the first byte of its reply, sending it
    /// again on a new connection (once) when the daemon cannot have run it (see the type's
    /// comment).
    private func sendAwaitingReply(_ s: inout State, _ line: [UInt8], deadline: Double) throws(ConfideClientError) -> ConfideConnection {
        var resent = false
        while true {
            let connection = try usableConnection(&s)
            do throws(ConfideConnection.SendFailure) { try connection.send(line: line) } catch {
                switch error {
                case .peerClosed:
                    // Why the daemon closed may be waiting unread ("too many connections").
                    let parting = try? connection.readLine(until: MonotonicClock.seconds() + 0.05)
                    drop(&s)
                    if let parting, case .failure(let e)? = try? ReplyDecoder.single(parting, id: nil) { throw .rpc(e) }
                    if resent { throw .connectionClosed }
                    resent = true
                    continue
                case .timedOut:
                    drop(&s)
                    throw .timedOut(.call, seconds: callSeconds)
                case .failed(let e):
                    drop(&s)
                    throw .system(e)
                }
            }
            let first: UInt8?
            do throws(ConfideConnection.ReadEnd) { first = try connection.peekByte(timeout: deadline - MonotonicClock.seconds()) } catch {
                drop(&s)
                if case .closedUnread = error, !resent {
                    resent = true
                    continue
                }
                throw Self.readFailure(error, timeout: callSeconds)
            }
            guard first != nil else {
                drop(&s)
                throw .connectionClosed
            }
            return connection
        }
    }

    static func readFailure(_ end: ConfideConnection.ReadEnd, timeout: Double) -> ConfideClientError {
        switch end {
        case .closed(0), .closedUnread: return .connectionClosed
        case .closed(let partial):
            return .malformedReply("the reply line ended after \(partial) bytes, before its JSON did; the call failed")
        case .timedOut: return .timedOut(.call, seconds: timeout)
        case .failed(let e): return .system(e)
        }
    }
}

/// One call of a batch: a method and its by-name params.
public struct ConfideRequest: Sendable {
    public var method: String
    public var params: JSONObject

    public init(_ method: String, _ params: JSONObject = [:]) {
        self.method = method
        self.params = params
    }
}
