import Foundation

/// One client connection read as newline-delimited frames, with the protocol's bounds:
/// a maximum line length, an idle timeout between requests, a deadline for completing a
/// started line (no slow-loris hold of a slot), and a write timeout for peers that do not
/// read their replies.
final class LineConnection {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var scanned = 0
    private let maxLineBytes: Int
    private let idleTimeout: Double
    private let requestTimeout: Double
    /// Checked between poll slices, so shutdown is noticed within `slice` ms.
    private let shouldStop: () -> Bool
    private static let slice: Int32 = 200

    enum Frame {
        case line(ArraySlice<UInt8>)
        /// The line grew past `maxLineBytes`.
        case tooLong
        case closed
        case idleTimeout
        case requestTimeout
        case stopping
    }

    init(fd: Int32, maxLineBytes: Int, idleTimeout: Double, requestTimeout: Double, writeTimeout: Double, shouldStop: @escaping () -> Bool) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.shouldStop = shouldStop
        var tv = timeval(tv_sec: Int(writeTimeout), tv_usec: Int((writeTimeout - Double(Int(writeTimeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next frame. Bytes already received for following lines stay buffered, so
    /// pipelined requests are answered one by one, in order.
    func nextFrame() -> Frame {
        var lineStarted: Double? = buffer.isEmpty ? nil : now()
        let idleSince = now()
        while true {
            if let nl = buffer[scanned...].firstIndex(of: 0x0a) {
                if nl > maxLineBytes { return .tooLong }
                let rest = nl + 1
                let frame = Frame.line(buffer[0..<nl])
                // Keep what follows the newline for the next call.
                buffer = Array(buffer[rest...])
                scanned = 0
                return frame
            }
            scanned = buffer.count
            if buffer.count > maxLineBytes { return .tooLong }
            if shouldStop() && buffer.isEmpty { return .stopping }
            let t = now()
            if let started = lineStarted {
                if t - started > requestTimeout { return .requestTimeout }
            } else if t - idleSince > idleTimeout {
                return .idleTimeout
            }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = retryingOnInterrupt { poll(&p, 1, LineConnection.slice) }
            if ready < 0 { return .closed }
            if ready == 0 { continue }
            let oldCount = buffer.count
            let want = 65_536
            buffer.reserveCapacity(oldCount + want)
            var got = 0
            buffer.append(contentsOf: repeatElement(0, count: want))
            buffer.withUnsafeMutableBytes { b in
                got = retryingOnInterrupt { recv(fd, b.baseAddress! + oldCount, want, 0) }
            }
            buffer.removeLast(want - max(0, got))
            if got <= 0 { return .closed }
            if lineStarted == nil { lineStarted = now() }
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

    private func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
