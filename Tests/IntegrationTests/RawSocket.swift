import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// Why a raw-socket operation ended without the line or reply it wanted.
enum ClientFailure: Error, CustomStringConvertible {
    case timeout(String)
    case closed
    case system(String, Int32)
    case malformed(String)

    var description: String {
        switch self {
        case .timeout(let what): return "timed out waiting for \(what)"
        case .closed: return "the daemon closed the connection"
        case let .system(call, e): return "\(call) failed: \(String(cString: strerror(e))) (errno \(e))"
        case .malformed(let why): return "malformed reply: \(why)"
        }
    }
}

/// One parsed reply object (`{"jsonrpc", "result" | "error", "id"}`), as read off a raw socket.
struct Reply: CustomStringConvertible {
    let object: JSONObject
    var id: JSONValue? { object["id"] }
    var result: JSONValue? { object["result"] }
    var error: JSONObject? { object["error"]?.objectValue }
    var code: Int? { error?["code"]?.intValue }
    var message: String { error?["message"]?.stringValue ?? "" }
    var description: String { JSONWriter.string(.object(object)) }

    /// Whether this is a well-formed JSON-RPC 2.0 error reply: exactly jsonrpc, error
    /// (integer code, string message, optional data) and id (string, number or null).
    var isWellFormedError: Bool {
        guard Set(object.keys) == ["jsonrpc", "error", "id"], object["jsonrpc"] == "2.0",
              let e = error, e["code"]?.intValue != nil, e["message"]?.stringValue != nil,
              Set(e.keys).isSubset(of: ["code", "message", "data"]) else { return false }
        switch object["id"] {
        case .null?, .string?, .number?: return true
        default: return false
        }
    }
}

/// Bytes on the daemon's Unix socket, for the tests that speak the wire protocol itself:
/// malformed, hostile, pipelined or half-sent lines, replies checked member by member,
/// connections held open or watched for the daemon's close. Not a client: tests that just
/// make calls use `ConfideClient` (`DaemonHarness.client()`). Every read and write is
/// bounded by a timeout, so a test never hangs on a silent daemon.
final class RawSocket {
    let fd: Int32
    /// Default bound for each read or write, in seconds.
    var timeout: Double
    private var buffer: [UInt8] = []
    /// How much of `buffer` is known to hold no newline.
    private var scanned = 0
    private var nextID = 1
    private var isOpen = true

    init(path: String, timeout: Double = 10) throws {
        self.timeout = timeout
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw ClientFailure.system("socket", errno) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { Glibc.close(s); throw ClientFailure.system("socket path", ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &addr.sun_path) { dst in bytes.withUnsafeBytes { dst.copyMemory(from: $0) } }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { let e = errno; Glibc.close(s); throw ClientFailure.system("connect \(path)", e) }
        // Writes block at most `timeout` (a daemon that stopped reading cannot hang a test).
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        fd = s
    }

    deinit { close() }

    func close() {
        if isOpen { Glibc.close(fd); isOpen = false }
    }

    // MARK: Writing

    /// Writes all of `bytes` (no newline added).
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { b in Glibc.send(fd, b.baseAddress! + offset, b.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                if e == EAGAIN || e == EWOULDBLOCK { throw ClientFailure.timeout("the daemon to read what we send") }
                if e == EPIPE || e == ECONNRESET { throw ClientFailure.closed }
                throw ClientFailure.system("send", e)
            }
            offset += n
        }
    }

    /// Writes `bytes` followed by a newline.
    func sendLine(_ bytes: [UInt8]) throws { try send(bytes + [0x0a]) }
    func sendLine(_ text: String) throws { try sendLine(Array(text.utf8)) }
    func sendLine(_ value: JSONValue) throws { try sendLine(JSONWriter.bytes(value)) }

    // MARK: Reading

    /// Reads up to the next newline (not included); throws `.timeout` or `.closed`.
    func readLine(timeout: Double? = nil) throws -> [UInt8] {
        let deadline = MonotonicClock.seconds() + (timeout ?? self.timeout)
        while true {
            if let nl = buffer[scanned...].firstIndex(of: 0x0a) {
                let line = Array(buffer[..<nl])
                buffer.removeFirst(nl + 1)
                scanned = 0
                return line
            }
            // Searched once only: rescanning a 16 MiB reply line from its start after every
            // 64 KiB received cost RequestBoundsTests a minute and a half.
            scanned = buffer.count
            guard try fill(until: deadline) else { throw ClientFailure.timeout("a reply line") }
        }
    }

    /// Reads and parses one reply line that must be a JSON object.
    func readReply(timeout: Double? = nil) throws -> Reply {
        guard let o = try readValue(timeout: timeout).objectValue else { throw ClientFailure.malformed("reply is not an object") }
        return Reply(object: o)
    }

    /// Reads and parses one reply line (object or array). The parser is strict, so this
    /// also proves the line is valid UTF-8 JSON.
    func readValue(timeout: Double? = nil) throws -> JSONValue {
        let line = try readLine(timeout: timeout)
        do { return try JSONParser.parse(line) } catch {
            throw ClientFailure.malformed("\(error): \(String(decoding: line.prefix(300), as: UTF8.self))")
        }
    }

    /// True once the daemon has closed the connection (EOF or reset), within `timeout`;
    /// anything it sent before is kept for `readLine`.
    func waitForClose(timeout: Double) -> Bool {
        let deadline = MonotonicClock.seconds() + timeout
        while true {
            do { guard try fill(until: deadline) else { return false } } catch { return true }
        }
    }

    /// Receives once; false on timeout, throws `.closed` at EOF/reset.
    private func fill(until deadline: Double) throws -> Bool {
        while true {
            let left = deadline - MonotonicClock.seconds()
            guard left > 0 else { return false }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, Int32(min(left, 1) * 1000) + 1)
            if ready < 0 { if errno == EINTR { continue }; throw ClientFailure.system("poll", errno) }
            if ready == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n < 0 {
                let e = errno
                if e == EINTR || e == EAGAIN { continue }
                if e == ECONNRESET || e == EPIPE { throw ClientFailure.closed }
                throw ClientFailure.system("recv", e)
            }
            if n == 0 { throw ClientFailure.closed }
            buffer.append(contentsOf: chunk[..<n])
            return true
        }
    }

    // MARK: Requests

    /// The request object for `method` with a fresh integer id.
    func request(_ method: String, _ params: JSONObject? = nil) -> (value: JSONValue, id: JSONValue) {
        let id = JSONValue.int(nextID)
        nextID += 1
        var o: JSONObject = ["jsonrpc": "2.0", "method": .string(method), "id": id]
        if let params { o["params"] = .object(params) }
        return (.object(o), id)
    }

    /// Sends one request line and reads one reply line, checking that it carries the
    /// request's id: the wire exchange itself, for tests on a raw connection.
    func roundTrip(_ method: String, _ params: JSONObject? = nil, timeout: Double? = nil) throws -> Reply {
        let (value, id) = request(method, params)
        try sendLine(value)
        let reply = try readReply(timeout: timeout)
        guard reply.id == id else { throw ClientFailure.malformed("reply id \(reply.id.map(JSONWriter.string) ?? "none") for request id \(id)") }
        return reply
    }
}

extension DaemonHarness {
    /// A new raw connection to the daemon's socket (see `RawSocket`).
    func rawSocket(timeout: Double = 10) throws -> RawSocket { try RawSocket(path: socketPath, timeout: timeout) }
}

extension ConfideClient {
    /// A new raw connection to the same daemon (see `RawSocket`).
    func rawSocket(timeout: Double = 10) throws -> RawSocket { try RawSocket(path: socketPath, timeout: timeout) }
}

/// A `ConfideClient` answer read like a `Reply`, so assertions read the same on both.
extension Result where Success == JSONValue, Failure == ConfideRPCError {
    /// The result, or nil for an error.
    var result: JSONValue? { if case .success(let r) = self { return r } else { return nil } }
    /// The error code, or nil for a result.
    var code: Int? { if case .failure(let e) = self { return e.code.rawValue } else { return nil } }
    /// The error message ("" for a result).
    var message: String { if case .failure(let e) = self { return e.message } else { return "" } }
}

// MARK: Assertions on a raw socket

extension DaemonTestCase {
    /// The result of a call on a raw socket that must succeed; fails the test (and throws)
    /// on an error reply.
    @discardableResult
    func ok(_ socket: RawSocket, _ method: String, _ params: JSONObject? = nil,
            file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        let reply = try socket.roundTrip(method, params)
        guard let result = reply.result else {
            XCTFail("\(method) failed: \(reply)", file: file, line: line)
            throw HarnessError("\(method) failed: \(reply)")
        }
        return result
    }

    /// Asserts that a call on a raw socket fails with a well-formed error of `code` whose
    /// message names every string of `mentioning`.
    @discardableResult
    func expectError(_ socket: RawSocket, _ method: String, _ params: JSONObject?, code: Int, mentioning: [String] = [],
                     file: StaticString = #filePath, line: UInt = #line) throws -> Reply {
        let reply = try socket.roundTrip(method, params)
        XCTAssertTrue(reply.isWellFormedError, "\(method): expected error \(code), got \(reply)", file: file, line: line)
        XCTAssertEqual(reply.code, code, "\(method) \(params.map { JSONWriter.string(.object($0)).prefix(200) } ?? ""): \(reply)",
                       file: file, line: line)
        for word in mentioning {
            XCTAssertTrue(reply.message.contains(word), "\(method): message \"\(reply.message)\" should name \(word)", file: file, line: line)
        }
        return reply
    }
}
