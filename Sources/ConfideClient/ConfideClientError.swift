import ConfideSystem
import Glibc

/// Why a `ConfideClient` call ended without a result. Each case says whether the request
/// may have run, because that decides what the caller may do next (repeat a read; look
/// before repeating a write).
public enum ConfideClientError: Error, Sendable, CustomStringConvertible {
    /// No connection could be made to `socketPath` (`ENOENT`: no daemon socket there;
    /// `ECONNREFUSED`: nothing listens; `EACCES`: the socket's mode or group keeps this
    /// user out). Nothing was sent.
    case connectFailed(socketPath: String, errno: Int32)
    /// A timeout passed. `.connect`: the daemon's backlog stayed full, nothing was sent.
    /// `.call`: no complete reply in time; the request may have run, and the connection
    /// was closed so a late reply cannot answer the next call.
    case timedOut(Phase, seconds: Double)
    /// The daemon closed the connection after the request reached it and before any of
    /// the reply arrived (a crash, a restart, a line it refused): the request may have run.
    case connectionClosed
    /// The daemon answered with an error; nothing beyond what the message says changed.
    case rpc(ConfideRPCError)
    /// The reply is not a JSON-RPC 2.0 reply to this request: not JSON, a line cut short
    /// (an export stopped by a shred: a failed call, never a shorter export), a wrong id.
    /// The connection was closed.
    case malformedReply(String)
    /// The handler given to a streaming call threw; the rest of the reply was left unread
    /// and the connection closed.
    case handlerFailed(any Error)
    /// Another system call failed (`socket`, `send`, `poll`, `recv`).
    case system(SystemError)

    /// Which timeout passed.
    public enum Phase: Sendable {
        case connect
        case call
    }

    /// The daemon's error object, when this is `.rpc`.
    public var rpcError: ConfideRPCError? {
        if case .rpc(let e) = self { return e }
        return nil
    }

    public var description: String {
        switch self {
        case let .connectFailed(path, e):
            let hint = e == ENOENT || e == ECONNREFUSED ? "; is the daemon running?"
                : e == EACCES ? "; this user must be allowed to open the socket (its mode and socket_group)" : ""
            return "cannot reach the confide daemon at \(path): connect failed: \(String(cString: strerror(e))) (errno \(e))\(hint)"
        case let .timedOut(.connect, s): return "connecting to the daemon timed out after \(s) s (its backlog is full); nothing was sent"
        case let .timedOut(.call, s): return "no complete reply within \(s) s; the call's outcome is unknown"
        case .connectionClosed: return "the daemon closed the connection before replying; the call's outcome is unknown"
        case .rpc(let e): return e.description
        case .malformedReply(let why): return "malformed reply from the daemon: \(why)"
        case .handlerFailed(let e): return "the reply handler failed: \(e)"
        case .system(let e): return e.description
        }
    }
}
