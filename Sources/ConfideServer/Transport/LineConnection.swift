import ConfideSystem
import Foundation

/// One client connection read as newline-delimited frames, with the protocol's bounds:
/// a maximum line length, an idle timeout between requests, a deadline for completing a
/// started line (no slow-loris hold of a slot), and a write timeout for peers that do not
/// read their replies.
final class LineConnection {
    let fd: Int32
    /// Received bytes live in `storage[head..<tail]`; `scanned` marks how far a newline
    /// was already searched for, so a long line is never rescanned.
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private var head = 0
    private var tail = 0
    private var scanned = 0
    private let maxLineBytes: Int
    private let idleTimeout: Double
    private let requestTimeout: Double
    /// Checked between receive slices, so shutdown is noticed within `slice` ms.
    private let shouldStop: () -> Bool
    private static let slice: Int32 = 200
    private static let initialCapacity = 64 * 1024

    enum Frame {
        case line([UInt8])
        /// The line grew past `maxLineBytes`.
        case tooLong
        case closed
        case idleTimeout
        case requestTimeout
        case stopping
    }

    /// Sets the socket's send and receive timeouts; a failed `setsockopt` is thrown, since
    /// without them a stalled peer would hold the thread for ever.
    init(fd: Int32, maxLineBytes: Int, idleTimeout: Double, requestTimeout: Double, writeTimeout: Double, shouldStop: @escaping () -> Bool) throws {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.shouldStop = shouldStop
        var tv = timeval(tv_sec: Int(writeTimeout), tv_usec: Int((writeTimeout - Double(Int(writeTimeout))) * 1e6))
        guard setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            throw SystemError("setsockopt(SO_SNDTIMEO)")
        }
        // A blocking receive that gives up after one slice: one system call per request
        // instead of a poll and then a receive.
        var slice = timeval(tv_sec: Int(LineConnection.slice / 1000), tv_usec: Int(LineConnection.slice % 1000) * 1000)
        guard setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &slice, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            throw SystemError("setsockopt(SO_RCVTIMEO)")
        }
        capacity = LineConnection.initialCapacity
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// The next frame. Bytes already received for following lines stay buffered, so
    /// pipelined requests are answered one by one, in order.
    func nextFrame() -> Frame {
        var lineStarted: Double? = tail > head ? MonotonicClock.seconds() : nil
        let idleSince = MonotonicClock.seconds()
        while true {
            if scanned < tail, let hit = memchr(storage + scanned, 0x0a, tail - scanned) {
                let nl = storage.distance(to: hit)
                if nl - head > maxLineBytes { return .tooLong }
                let line = [UInt8](UnsafeRawBufferPointer(start: storage + head, count: nl - head))
                head = nl + 1
                scanned = head
                if head == tail { reset() }
                return .line(line)
            }
            scanned = tail
            if tail - head > maxLineBytes { return .tooLong }
            if shouldStop() && tail == head { return .stopping }
            let t = MonotonicClock.seconds()
            if let started = lineStarted {
                if t - started > requestTimeout { return .requestTimeout }
            } else if t - idleSince > idleTimeout {
                return .idleTimeout
            }
            makeRoom()
            let got = retryingOnInterrupt { recv(fd, storage + tail, capacity - tail, 0) }
            if got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { continue }  // a slice passed with nothing
            if got <= 0 { return .closed }
            tail += got
            if lineStarted == nil { lineStarted = MonotonicClock.seconds() }
        }
    }

    /// Ensures free space after `tail`: moves pending bytes to the front, then grows
    /// (up to just past the line limit, so a huge line is refused, not buffered).
    private func makeRoom() {
        if tail < capacity { return }
        if head > 0 {
            memmove(storage, storage + head, tail - head)
            tail -= head
            scanned -= head
            head = 0
            if tail < capacity { return }
        }
        let grown = min(max(capacity * 2, LineConnection.initialCapacity), maxLineBytes + 65_536)
        guard grown > capacity else { return }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        bigger.copyMemory(from: storage, byteCount: tail)
        storage.deallocate()
        storage = bigger
        capacity = grown
    }

    /// Empties the buffer, giving back memory a big line took.
    private func reset() {
        head = 0
        tail = 0
        scanned = 0
        if capacity > LineConnection.initialCapacity {
            storage.deallocate()
            capacity = LineConnection.initialCapacity
            storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        }
    }

    /// Writes all of `bytes`; false if the peer is gone or did not read within the write timeout.
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { b in
                retryingOnInterrupt { Glibc.send(fd, b.baseAddress! + offset, b.count - offset, Int32(MSG_NOSIGNAL)) }
            }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    func close() { Glibc.close(fd) }

}
