import ConfideSystem
import Glibc

/// One Unix-socket connection to the daemon, read and written as lines: the transport
/// under `ConfideClient`, public for callers that hold request bytes already (`confide rpc`,
/// the benchmark) or pipeline several requests before reading.
///
/// Blocking, with deadlines: the connect waits at most `connectTimeout` (a listener whose
/// backlog is full), a write at most `writeTimeout` (a daemon that stopped reading), a read
/// until the deadline it is given. Not thread-safe; `ConfideClient` serialises its use.
public final class ConfideConnection {
    /// The socket path this connection was made to.
    public let socketPath: String
    private let fd: Int32
    /// Received bytes not yet returned: `buffer[head...]`.
    private var buffer: [UInt8] = []
    private var head = 0
    /// How far past `head` a newline was already searched for, so a long line arriving in
    /// many pieces is scanned once, not once per piece.
    private var scanned = 0
    /// The most bytes ever held received and unread (what a streamed reply costs).
    private(set) var peakBufferedBytes = 0
    private var isOpen = true
    /// Where `recv` writes, allocated once: the hot path of a benchmark is one call per line.
    private let scratch: UnsafeMutableRawBufferPointer

    /// What happened to a line the connection tried to send.
    public enum SendFailure: Error, Sendable, CustomStringConvertible {
        /// The daemon had closed the connection (`EPIPE`, `ECONNRESET`) before the whole line
        /// reached it. It only runs complete lines, so it ran nothing of this one.
        case peerClosed(errno: Int32)
        /// The daemon did not take the line within the write timeout (it stopped reading).
        /// The newline was not sent, so this line cannot run either.
        case timedOut
        /// Another `send` failure.
        case failed(SystemError)

        public var description: String {
            switch self {
            case .peerClosed(let e): return "the daemon closed the connection (\(String(cString: strerror(e))))"
            case .timedOut: return "the daemon did not read the request in time"
            case .failed(let e): return e.description
            }
        }
    }

    /// How a read for a line ended without one.
    public enum ReadEnd: Error, Sendable, CustomStringConvertible {
        /// The daemon closed the connection in order (end of stream); `partial` bytes of an
        /// unfinished line came first (0 when it closed between lines).
        case closed(partial: Int)
        /// The daemon closed the connection with bytes of ours it had not read (Linux reports
        /// `ECONNRESET` for a Unix socket closed with unread data). With one request in
        /// flight, that request's newline was among them: it did not run.
        case closedUnread
        /// The deadline passed first.
        case timedOut
        /// Another `recv` or `poll` failure.
        case failed(SystemError)

        public var description: String {
            switch self {
            case .closed(0): return "the daemon closed the connection"
            case .closed(let n): return "the daemon closed the connection after \(n) bytes of an unfinished line"
            case .closedUnread: return "the daemon closed the connection without reading the request"
            case .timedOut: return "timed out waiting for the daemon"
            case .failed(let e): return e.description
            }
        }
    }

    /// Connects to the daemon's socket at `socketPath`, waiting at most `connectTimeout`
    /// seconds when the listener's backlog is full; sends then block at most `writeTimeout`.
    ///
    /// Throws `SystemError` for `connect` (`ENOENT`: no socket; `ECONNREFUSED`: nothing
    /// listens; `EACCES`: the socket's mode or group keeps this user out; `EAGAIN`: the
    /// backlog stayed full for `connectTimeout`).
    public init(socketPath: String, connectTimeout: Double, writeTimeout: Double) throws(SystemError) {
        self.socketPath = socketPath
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: addr.sun_path) else {
            throw SystemError("connect", errno: ENAMETOOLONG, context: "socket path of \(path.count) bytes")
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { dst in path.withUnsafeBytes { dst.copyMemory(from: $0) } }
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw SystemError("socket") }
        // A Unix-socket connect blocks only while the listener's backlog is full, and then
        // for at most SO_SNDTIMEO, after which it fails with EAGAIN.
        guard Self.setTimeout(s, SO_SNDTIMEO, connectTimeout) else {
            let e = SystemError("setsockopt(SO_SNDTIMEO)")
            Glibc.close(s)
            throw e
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { a in
                retryingOnInterrupt { connect(s, a, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        }
        guard rc == 0 || errno == EISCONN else {
            let e = SystemError("connect")
            Glibc.close(s)
            throw e
        }
        guard Self.setTimeout(s, SO_SNDTIMEO, writeTimeout) else {
            let e = SystemError("setsockopt(SO_SNDTIMEO)")
            Glibc.close(s)
            throw e
        }
        fd = s
        scratch = .allocate(byteCount: 65_536, alignment: 16)
    }

    deinit {
        close()
        scratch.deallocate()
    }

    /// Closes the socket; later sends and reads fail. Safe to call twice.
    public func close() {
        if isOpen { Glibc.close(fd); isOpen = false }
        buffer = []
        head = 0
        scanned = 0
    }

    // MARK: Writing

    /// Sends `line` and a newline. On failure nothing of the line has run (see `SendFailure`).
    public func send(line: [UInt8]) throws(SendFailure) {
        var bytes = line
        bytes.append(0x0a)
        try send(bytes)
    }

    /// Sends `bytes` exactly as given (the caller supplies the newlines).
    public func send(_ bytes: [UInt8]) throws(SendFailure) {
        guard isOpen else { throw .peerClosed(errno: EBADF) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { b in
                retryingOnInterrupt { Glibc.send(fd, b.baseAddress! + offset, b.count - offset, Int32(MSG_NOSIGNAL)) }
            }
            if n < 0 {
                let e = errno
                if e == EPIPE || e == ECONNRESET { throw .peerClosed(errno: e) }
                if e == EAGAIN || e == EWOULDBLOCK { throw .timedOut }
                throw .failed(SystemError("send", errno: e))
            }
            offset += n
        }
    }

    /// Half-closes the connection (`shutdown(SHUT_WR)`): the daemon answers what it has
    /// received, then sees the end of its input and closes. So a notification, which gets
    /// no reply, ends the wait for one instead of hanging (`confide rpc`).
    public func finishSending() { _ = shutdown(fd, Int32(SHUT_WR)) }

    // MARK: Reading

    /// The next line (without its newline), waiting until `deadline` (`MonotonicClock`
    /// seconds); `nil` when the daemon closed the connection between lines.
    public func readLine(until deadline: Double) throws(ReadEnd) -> [UInt8]? {
        while true {
            if let line = takeLine() { return line }
            do throws(ReadEnd) { try fill(until: deadline) } catch {
                if case .closed(0) = error { return nil }
                throw error
            }
        }
    }

    /// Calls `body` with each line as it arrives, until `body` returns false or the daemon
    /// closes the connection between lines. Each line waits at most `timeout` seconds, so
    /// a long stream of replies (pipelined requests) needs no deadline for the whole.
    public func forEachLine(timeout: Double, _ body: ([UInt8]) throws -> Bool) throws {
        while let line = try readLine(until: MonotonicClock.seconds() + timeout) {
            guard try body(line) else { return }
        }
    }

    /// The next received byte without consuming it, waiting at most `timeout` seconds for
    /// more to arrive; `nil` at end of stream. Used to parse a long reply as it arrives, so
    /// the timeout bounds each wait, not the whole reply.
    @inline(__always)
    func peekByte(timeout: Double) throws(ReadEnd) -> UInt8? {
        if head < buffer.count { return buffer[head] }
        let deadline = MonotonicClock.seconds() + timeout
        while head == buffer.count {
            do throws(ReadEnd) { try fill(until: deadline) } catch {
                if case .closed = error { return nil }
                throw error
            }
        }
        return buffer[head]
    }

    /// Moves the buffered bytes before the next `"` or `\` into `out`: the inside of a JSON
    /// string taken in one step instead of byte by byte (most of an export is text).
    func takeStringRun(into out: inout [UInt8]) {
        var end = head
        while end < buffer.count && buffer[end] != 0x22 && buffer[end] != 0x5c && buffer[end] != 0x0a { end += 1 }
        if end > head {
            out.append(contentsOf: buffer[head..<end])
            head = end
        }
    }

    /// Consumes one byte `peekByte` returned.
    func skipByte() { head += 1 }

    /// Whether received bytes are waiting (after a reply: a line nobody asked for).
    var hasBufferedBytes: Bool { head < buffer.count }

    /// True when the daemon has closed this connection (end of stream or reset) or sent
    /// something unasked, found without waiting: the check before reusing an idle
    /// connection, so a request is not sent into one the daemon closed for idleness.
    public var isClosedByPeer: Bool {
        guard isOpen, head == buffer.count else { return true }
        var byte: UInt8 = 0
        let n = retryingOnInterrupt { recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) }
        if n < 0 { return !(errno == EAGAIN || errno == EWOULDBLOCK) }
        return true  // 0: end of stream; 1: bytes nobody asked for
    }

    private func takeLine() -> [UInt8]? {
        let from = max(head, scanned)
        guard from < buffer.count else { return nil }
        let found: Int? = buffer.withUnsafeBytes { b in
            memchr(b.baseAddress! + from, 0x0a, b.count - from).map { b.baseAddress!.distance(to: UnsafeRawPointer($0)) }
        }
        guard let nl = found else {
            scanned = buffer.count
            return nil
        }
        let line = Array(buffer[head..<nl])
        head = nl + 1
        scanned = head
        if head == buffer.count { buffer.removeAll(keepingCapacity: true); head = 0; scanned = 0 }
        return line
    }

    /// Receives once (up to 64 KiB), waiting until `deadline`.
    private func fill(until deadline: Double) throws(ReadEnd) {
        guard isOpen else { throw .closed(partial: buffer.count - head) }
        while true {
            let left = deadline - MonotonicClock.seconds()
            guard left > 0 else { throw .timedOut }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, Int32(min(left, 3600) * 1000) + 1)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .failed(SystemError("poll"))
            }
            if ready == 0 { continue }
            if head > 0 && head == buffer.count { buffer.removeAll(keepingCapacity: true); head = 0; scanned = 0 }
            if head > 65_536 && head * 2 > buffer.count {
                buffer.removeFirst(head)
                scanned = max(0, scanned - head)
                head = 0
            }
            let n = retryingOnInterrupt { recv(fd, scratch.baseAddress, scratch.count, Int32(MSG_DONTWAIT)) }
            let e = errno
            if n > 0 {
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<n]))
                peakBufferedBytes = max(peakBufferedBytes, buffer.count)
                return
            }
            if n == 0 { throw .closed(partial: buffer.count - head) }
            if e == EAGAIN || e == EWOULDBLOCK { continue }
            if e == ECONNRESET { throw buffer.count > head ? .closed(partial: buffer.count - head) : .closedUnread }
            throw .failed(SystemError("recv", errno: e))
        }
    }

    /// Sets SO_SNDTIMEO or SO_RCVTIMEO; an infinite `seconds` means no timeout (0).
    private static func setTimeout(_ fd: Int32, _ option: Int32, _ seconds: Double) -> Bool {
        let s = seconds.isFinite ? max(0.001, seconds) : 0
        var tv = timeval(tv_sec: Int(s), tv_usec: Int((s - Double(Int(s))) * 1e6))
        return setsockopt(fd, SOL_SOCKET, option, &tv, socklen_t(MemoryLayout<timeval>.size)) == 0
    }
}
