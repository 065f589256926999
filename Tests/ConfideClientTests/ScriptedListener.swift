import ConfideSystem
import Foundation
import TestSupport

/// A Unix-socket listener that plays a misbehaving daemon for the transport tests: it
/// accepts and never answers, closes with the request unread, answers garbage. What the real
/// daemon never does on purpose (or does only in a race) is scripted here, one step at a time,
/// on the test's own thread or one it starts.
final class ScriptedListener: @unchecked Sendable {
    let directory: TemporaryDirectory
    let path: String
    let fd: Int32

    /// Listens at a fresh path with `backlog` (0: one connection waits, the next blocks).
    init(backlog: Int32 = 16) throws {
        directory = try TemporaryDirectory(prefix: "cfcl")
        path = directory.path + "/fake.sock"
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { dst in bytes.withUnsafeBytes { dst.copyMemory(from: $0) } }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, backlog) == 0 else { throw HarnessError("listener at \(path): errno \(errno)") }
    }

    deinit {
        close(fd)
        directory.remove()
    }

    /// The next connection, or nil if none arrives within `timeout` seconds.
    func accept(timeout: Double) -> Int32? {
        guard wait(fd, for: Int16(POLLIN), timeout: timeout) else { return nil }
        let c = Glibc.accept(fd, nil, nil)
        return c >= 0 ? c : nil
    }

    /// Whether `connection` has bytes to read (or was closed) within `timeout` seconds.
    func waitReadable(_ connection: Int32, timeout: Double) -> Bool { wait(connection, for: Int16(POLLIN), timeout: timeout) }

    /// Reads up to and including one newline (bounded); nil at end of stream or timeout.
    func readLine(_ connection: Int32, timeout: Double = 10) -> [UInt8]? {
        var line: [UInt8] = []
        let deadline = MonotonicClock.seconds() + timeout
        while MonotonicClock.seconds() < deadline {
            guard waitReadable(connection, timeout: deadline - MonotonicClock.seconds()) else { return nil }
            var byte: UInt8 = 0
            guard recv(connection, &byte, 1, 0) == 1 else { return nil }
            if byte == 0x0a { return line }
            line.append(byte)
        }
        return nil
    }

    /// Writes all of `bytes`.
    func write(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(connection, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            offset += n
        }
    }

    func write(_ connection: Int32, _ text: String) { write(connection, Array(text.utf8)) }

    /// Runs `script` on its own thread; `finish()` waits (bounded) for it to return.
    func run(_ script: @escaping @Sendable (ScriptedListener) -> Void) -> Finished {
        let done = DispatchSemaphore(value: 0)
        Thread { [self] in
            script(self)
            done.signal()
        }.start()
        return Finished(done: done)
    }

    struct Finished {
        let done: DispatchSemaphore
        /// Whether the script returned within `timeout` seconds.
        func finish(timeout: Double = 20) -> Bool { done.wait(timeout: .now() + timeout) == .success }
    }

    private func wait(_ fd: Int32, for events: Int16, timeout: Double) -> Bool {
        var p = pollfd(fd: fd, events: events, revents: 0)
        return poll(&p, 1, Int32(max(0, timeout) * 1000)) == 1
    }
}
