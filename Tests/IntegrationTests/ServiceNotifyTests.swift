import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// `Type=notify` readiness: the daemon reports to the datagram socket in `NOTIFY_SOCKET`
/// (as systemd sets it) that it is starting, serving (`READY=1`), alive (`WATCHDOG=1`)
/// and stopping, in that order.
final class ServiceNotifyTests: DaemonTestCase {
    /// A bound AF_UNIX datagram socket standing in for systemd's notification socket.
    final class NotifySocket {
        let fd: Int32
        /// What to put in `NOTIFY_SOCKET`.
        let name: String

        /// `abstract`: a Linux abstract name (`@…`), else a file in `folder`.
        init(abstract: Bool, folder: String) throws {
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw HarnessError("socket: errno \(errno)") }
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            var bytes: [UInt8]
            if abstract {
                name = "@confide-test-\(UUID().uuidString.prefix(8))"
                bytes = Array(name.utf8)
                bytes[0] = 0
            } else {
                name = folder + "/notify.sock"
                bytes = Array(name.utf8) + [0]
            }
            withUnsafeMutableBytes(of: &addr.sun_path) { dst in bytes.withUnsafeBytes { dst.copyMemory(from: $0) } }
            let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
            let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
            guard rc == 0 else { close(fd); throw HarnessError("bind \(name): errno \(errno)") }
        }

        /// The next datagram, or nil after `timeout` seconds without one.
        func receive(timeout: Double) -> String? {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(timeout * 1000)) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &buffer, buffer.count, 0)
            return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : nil
        }

        /// Datagrams until `stop` matches one (included) or `timeout` passes.
        func receive(until stop: (String) -> Bool, timeout: Double) -> [String] {
            var got: [String] = []
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline, let m = receive(timeout: deadline.timeIntervalSinceNow) {
                got.append(m)
                if stop(m) { break }
            }
            return got
        }

        deinit { close(fd) }
    }

    /// Start-up status, then READY=1 with the socket already answering, watchdog pings at
    /// about half of WATCHDOG_USEC, and STOPPING=1 before the final status on SIGTERM.
    func testReadinessWatchdogAndStoppingInOrderOnAnAbstractSocket() throws {
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        let notify = try NotifySocket(abstract: true, folder: harness.root.path)
        harness.environment = ["NOTIFY_SOCKET": notify.name, "WATCHDOG_USEC": "600000"]
        try harness.start()
        let startup = notify.receive(until: { $0.contains("READY=1") }, timeout: 10)
        XCTAssertEqual(startup.first, "STATUS=loading the master key and opening \(harness.stateDir)", "\(startup)")
        let ready = try XCTUnwrap(startup.last)
        XCTAssertTrue(ready.hasPrefix("READY=1\nSTATUS=serving on \(harness.socketPath)"), ready)
        XCTAssertTrue(startup.dropLast().allSatisfy { $0.hasPrefix("STATUS=") }, "before READY only STATUS lines: \(startup)")
        // A client connecting right after READY is served.
        XCTAssertEqual(try harness.client().reply("system.health").result?["status"], "ok")

        // Pings every 0.3 to 0.5 s (half of 0.6 s, checked on each 200 ms turn of the accept
        // loop): at least 3 in 2.5 s, and nothing else but STATUS.
        var pings = 0
        let deadline = Date().addingTimeInterval(2.5)
        while Date() < deadline, let m = notify.receive(timeout: deadline.timeIntervalSinceNow) {
            if m == "WATCHDOG=1" { pings += 1 } else { XCTAssertTrue(m.hasPrefix("STATUS=serving"), m) }
        }
        XCTAssertGreaterThanOrEqual(pings, 3)

        XCTAssertEqual(try harness.terminate(), .status(0))
        let stopping = notify.receive(until: { $0 == "STATUS=stopped" }, timeout: 10).filter { $0 != "WATCHDOG=1" }
        XCTAssertEqual(stopping.first, "STOPPING=1\nSTATUS=stopping (SIGTERM): finishing in-flight requests", "\(stopping)")
        XCTAssertEqual(stopping.last, "STATUS=stopped", "\(stopping)")
        XCTAssertFalse(stopping.contains("READY=1"))
    }

    /// A path socket works the same; WATCHDOG_PID naming another process turns pings off
    /// (the watchdog is meant for that process), as sd_notify's rules say.
    func testPathSocketAndNoPingsForAnotherProcessesWatchdog() throws {
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        let notify = try NotifySocket(abstract: false, folder: harness.root.path)
        harness.environment = ["NOTIFY_SOCKET": notify.name, "WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"]
        try harness.start()
        let startup = notify.receive(until: { $0.contains("READY=1") }, timeout: 10)
        XCTAssertTrue(startup.last?.hasPrefix("READY=1") == true, "\(startup)")
        XCTAssertNil(notify.receive(timeout: 1.0), "no watchdog pings when WATCHDOG_PID is not the daemon")
        XCTAssertEqual(try harness.terminate(), .status(0))
        XCTAssertEqual(notify.receive(timeout: 5), "STOPPING=1\nSTATUS=stopping (SIGTERM): finishing in-flight requests")
    }

    /// Without NOTIFY_SOCKET nothing changes (the other tests run that way); with an
    /// unusable one the daemon still serves and says why it reports nothing.
    func testUnusableNotifySocketIsLoggedNotFatal() throws {
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        harness.environment = ["NOTIFY_SOCKET": "relative/path.sock"]
        try harness.start()
        XCTAssertTrue(harness.log.contains("NOTIFY_SOCKET is not a usable socket address"), harness.log)
        XCTAssertEqual(try harness.terminate(), .status(0))
    }
}
