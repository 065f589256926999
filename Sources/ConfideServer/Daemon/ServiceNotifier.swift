import Foundation

/// systemd's readiness protocol (`sd_notify(3)`) without libsystemd: one datagram per
/// state change to the AF_UNIX socket named by `NOTIFY_SOCKET` (a path, or an abstract
/// name written with a leading `@`). `Type=notify` units learn from it when the daemon
/// serves (`READY=1`), what it is doing (`STATUS=`), that it is stopping (`STOPPING=1`),
/// and, with `WatchdogSec=`, that its accept loop is alive (`WATCHDOG=1` at half of
/// `WATCHDOG_USEC`). Outside systemd (no `NOTIFY_SOCKET`) every call does nothing.
public final class ServiceNotifier: Sendable {
    private let fd: Int32?
    private let address: sockaddr_un?
    private let addressLength: socklen_t
    /// How often to send `WATCHDOG=1` (half of `WATCHDOG_USEC`); nil when no watchdog is
    /// set for this process.
    public let watchdogInterval: Double?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    /// An unusable `NOTIFY_SOCKET` is logged once and ignored (the daemon still serves).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        var watchdog: Double? = nil
        if let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0,
           environment["WATCHDOG_PID"].map({ Int32($0) == getpid() }) ?? true {
            watchdog = Double(usec) / 2e6
        }
        guard let name = environment["NOTIFY_SOCKET"], !name.isEmpty else {
            fd = nil; address = nil; addressLength = 0; watchdogInterval = nil
            return
        }
        var bytes = Array(name.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }  // Linux abstract namespace: a leading NUL, no file
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        let s = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard bytes.count < capacity, bytes.first == 0 || bytes.first == UInt8(ascii: "/"), s >= 0 else {
            if s >= 0 { close(s) }
            Log.warn("systemd.notify", ["problem": "NOTIFY_SOCKET is not a usable socket address; readiness is not reported"])
            fd = nil; address = nil; addressLength = 0; watchdogInterval = nil
            return
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { dst in bytes.withUnsafeBytes { dst.copyMemory(from: $0) } }
        fd = s
        address = addr
        // An abstract name's length is exact (no terminating NUL); a path includes its NUL.
        addressLength = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
        watchdogInterval = watchdog
    }

    /// True when a service manager listens (`NOTIFY_SOCKET` was set and usable).
    public var isActive: Bool { fd != nil }

    /// Sends one notification, e.g. `"READY=1\nSTATUS=serving"`. Failures are ignored:
    /// the service manager may be gone, and serving matters more than reporting.
    public func notify(_ message: String) {
        guard let fd, var address else { return }
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { a in
            a.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sa, addressLength) }
            }
        }
    }

    /// `STATUS=<text>`: one line shown by `systemctl status`.
    public func status(_ text: String) { notify("STATUS=" + text.replacingOccurrences(of: "\n", with: " ")) }

    deinit { if let fd { close(fd) } }
}
