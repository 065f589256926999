import ConfideJSON
import ConfideSystem
import Foundation

/// A blocking JSON-RPC client over the daemon's Unix socket: one request line out, one
/// reply line in. Used by the CLI subcommands and the benchmark.
public final class SocketClient {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1

    /// Connects to the daemon at `path`.
    public init(path: String) throws {
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw SystemError("socket") }
        var addr = UnixListener.address(path)
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        guard rc == 0 else {
            let e = SystemError("connect", context: "cannot reach the confide daemon at \(path) (is `confide serve` running? set --socket or CONFIDE_SOCKET)")
            close(s)
            throw e
        }
        fd = s
    }

    deinit { close(fd) }

    /// A reply: the result, or the error object's code and message.
    public enum Reply {
        case result(JSONValue)
        case error(code: Int, message: String, data: JSONValue?)
    }

    /// Calls `method` with `params` and waits for its reply.
    public func call(_ method: String, _ params: JSONObject = JSONObject()) throws -> Reply {
        let id = nextID
        nextID += 1
        let request: JSONValue = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(params)]
        try sendLine(JSONWriter.bytes(request))
        let line = try readLine()
        let reply: JSONValue
        do { reply = try JSONParser.parse(line) } catch { throw ClientError.malformedReply("\(error)") }
        guard let o = reply.objectValue else { throw ClientError.malformedReply("reply is not an object") }
        if let e = o["error"]?.objectValue {
            return .error(code: e["code"]?.intValue ?? 0, message: e["message"]?.stringValue ?? "", data: e["data"])
        }
        return .result(o["result"] ?? .null)
    }

    /// Sends raw bytes followed by a newline (tests and benchmarks).
    public func sendLine(_ bytes: [UInt8]) throws {
        var out = bytes
        out.append(0x0a)
        var offset = 0
        while offset < out.count {
            let n = out.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SystemError("send", context: "the daemon closed the connection") }
            offset += n
        }
    }

    /// Half-closes the connection (`shutdown(SHUT_WR)`): the daemon answers what it has
    /// received, then sees the end of the input and closes (`confide rpc`).
    public func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// The next reply line, or nil when the daemon closed the connection without one.
    public func readLineOrEnd() throws -> [UInt8]? {
        do { return try readLine() } catch ClientError.connectionClosed where buffer.isEmpty { return nil }
    }

    /// Reads one reply line (without its newline).
    public func readLine() throws -> [UInt8] {
        while true {
            if let nl = buffer.firstIndex(of: 0x0a) {
                let line = Array(buffer[..<nl])
                buffer.removeFirst(nl + 1)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ClientError.connectionClosed }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}

/// Why a client call failed before a reply arrived.
public enum ClientError: Error, CustomStringConvertible {
    case connectionClosed
    case malformedReply(String)
    public var description: String {
        switch self {
        case .connectionClosed: return "the daemon closed the connection before replying"
        case .malformedReply(let why): return "malformed reply from the daemon: \(why)"
        }
    }
}
