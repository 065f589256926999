import Foundation
import Glibc
import XCTest

/// A second host for a daemon, simulated on this machine: a network namespace joined to
/// this one by a veth pair (`ip netns`, root only), and a TCP forwarder on this side that
/// passes each connection on to PostgreSQL's loopback port. `cut()` takes this side of the
/// veth down: from then on the daemon's packets vanish without an answer or a reset, as in a
/// real partition; `heal()` brings it back.
///
/// The forwarder is what the daemon's TCP talks to, so a cut is seen by the daemon's end
/// only: PostgreSQL's own connection (to the forwarder) stays healthy.
final class NetworkPartition {
    let namespace: String
    private let hostSide: String
    /// The address on this side, where the forwarder listens.
    let hostAddress: String
    /// The forwarder's port.
    private(set) var port: UInt16 = 0
    private let forwarder: Int32
    private let target: (host: String, port: UInt16)
    private var stopped = false
    /// Every forwarded connection, shut down by `stop`: a daemon killed while its side of the
    /// link is being deleted may never close its end, and the server's session behind the
    /// forwarder (its peer, which stays up) would live on with the daemon's store locks.
    private let forwarded = ForwardedConnections()

    /// Sets up the namespace and the forwarder to `targetPort` on 127.0.0.1; throws
    /// `XCTSkip` where namespaces cannot be made (not root, no `ip`, no CAP_NET_ADMIN).
    init(targetPort: UInt16) throws {
        let tag = String(getpid() % 10_000) + String(Int.random(in: 100..<1000))
        namespace = "cfp\(tag)"
        hostSide = "cfh\(tag)"
        let subnet = Int.random(in: 1..<250)
        hostAddress = "10.231.\(subnet).1"
        target = ("127.0.0.1", targetPort)
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: Self.ip) else {
            throw XCTSkip("network namespaces need root and \(Self.ip): the partition tests run as root in CI")
        }
        Self.removeLeftovers()
        do { try Self.run(["netns", "add", namespace]) } catch {
            throw XCTSkip("cannot create a network namespace here (\(error)): the partition tests need CAP_NET_ADMIN")
        }
        let nsSide = "cfn\(tag)"
        do {
            try Self.run(["link", "add", hostSide, "type", "veth", "peer", "name", nsSide])
            try Self.run(["link", "set", nsSide, "netns", namespace])
            try Self.run(["addr", "add", "\(hostAddress)/24", "dev", hostSide])
            try Self.run(["link", "set", hostSide, "up"])
            try Self.run(["-n", namespace, "addr", "add", "10.231.\(subnet).2/24", "dev", nsSide])
            try Self.run(["-n", namespace, "link", "set", nsSide, "up"])
            try Self.run(["-n", namespace, "link", "set", "lo", "up"])
        } catch {
            try? Self.run(["netns", "delete", namespace])
            try? Self.run(["link", "delete", hostSide])
            throw error
        }
        forwarder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(forwarder, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, hostAddress, &address.sin_addr)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(forwarder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(forwarder, 64) == 0 else {
            let e = errno
            close(forwarder)
            tearDownNamespace()
            throw NetworkPartitionError("the forwarder cannot listen on \(hostAddress): errno \(e)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(forwarder, $0, &length) } }
        port = UInt16(bigEndian: address.sin_port)
        let listener = forwarder
        let forwarded = self.forwarded
        Thread.detachNewThread { [target] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }  // closed by stop()
                let upstream = Self.connectTCP(target.host, target.port)
                guard upstream >= 0 else { close(client); continue }
                let pair = SocketPair(client, upstream)
                forwarded.add(pair)
                Thread.detachNewThread { Self.pump(client, upstream, pair) }
                Thread.detachNewThread { Self.pump(upstream, client, pair) }
            }
        }
    }

    /// The command prefix that runs a process on the other host.
    var wrapper: [String] { [Self.ip, "netns", "exec", namespace] }

    /// Drops every packet between the hosts, silently.
    func cut() throws { try Self.run(["link", "set", hostSide, "down"]) }
    /// Lets them through again.
    func heal() throws { try Self.run(["link", "set", hostSide, "up"]) }

    /// Stops the forwarder and deletes the namespace (and with it the veth pair).
    func stop() {
        guard !stopped else { return }
        stopped = true
        shutdown(forwarder, Int32(SHUT_RDWR))
        close(forwarder)
        forwarded.shutDownAll()
        tearDownNamespace()
    }

    /// The forwarded connections, so that `stop` can end them.
    private final class ForwardedConnections: @unchecked Sendable {
        private let lock = NSLock()
        private var pairs: [SocketPair] = []
        func add(_ pair: SocketPair) { lock.lock(); pairs.append(pair); lock.unlock() }
        /// Shuts both sockets of every pair down: the pumps wake, and the last one closes them.
        func shutDownAll() {
            lock.lock(); let all = pairs; pairs = []; lock.unlock()
            for pair in all { pair.shutDown() }
        }
    }

    deinit { stop() }

    private func tearDownNamespace() {
        try? Self.run(["netns", "delete", namespace])
        try? Self.run(["link", "delete", hostSide])  // gone with the namespace's end, normally
    }

    private static let ip = ["/usr/sbin/ip", "/usr/bin/ip", "/sbin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/ip"

    /// Namespaces an earlier test process left when it died before its `stop` (tests run
    /// one at a time, so none of them is in use).
    private static func removeLeftovers() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? []
        for name in names where name.hasPrefix("cfp") { try? run(["netns", "delete", name]) }
    }

    private static func run(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ip)
        p.arguments = arguments
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw NetworkPartitionError("ip \(arguments.joined(separator: " ")): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    private static func connectTCP(_ host: String, _ port: UInt16) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        if connected != 0 { close(fd); return -1 }
        return fd
    }

    /// The two sockets of one forwarded connection, closed by the second pump to finish
    /// (the first only shuts them down, which wakes the other).
    private final class SocketPair: @unchecked Sendable {
        private let lock = NSLock()
        private var running = 2
        let fds: (Int32, Int32)
        init(_ a: Int32, _ b: Int32) { fds = (a, b) }
        /// Wakes both pumps (never closes: the fds stay valid until the last pump is done).
        func shutDown() {
            lock.lock()
            let open = running > 0
            if open { shutdown(fds.0, Int32(SHUT_RDWR)); shutdown(fds.1, Int32(SHUT_RDWR)) }
            lock.unlock()
        }
        func finished() {
            lock.lock()
            running -= 1
            let last = running == 0
            lock.unlock()
            if last { close(fds.0); close(fds.1) }
        }
    }

    /// Copies `from` to `to` until either end closes, then shuts both down.
    private static func pump(_ from: Int32, _ to: Int32, _ pair: SocketPair) {
        defer { pair.finished() }
        var buffer = [UInt8](repeating: 0, count: 65536)
        loop: while true {
            let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            var sent = 0
            while sent < n {
                let m = buffer.withUnsafeBytes { send(to, $0.baseAddress! + sent, n - sent, Int32(MSG_NOSIGNAL)) }  // no SIGPIPE
                guard m > 0 else { break loop }
                sent += m
            }
        }
        shutdown(from, Int32(SHUT_RDWR))
        shutdown(to, Int32(SHUT_RDWR))
    }
}

struct NetworkPartitionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
