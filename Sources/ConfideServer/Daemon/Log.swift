import ConfideCore
import ConfideJSON
import Foundation

/// Severity of a log record.
public enum LogLevel: String, Sendable, Comparable {
    case debug, info, warn, error
    private var rank: Int { switch self { case .debug: 0; case .info: 1; case .warn: 2; case .error: 3 } }
    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rank < b.rank }
}

/// Structured one-line JSON records on stderr: `ts`, `level`, `event`, then fields.
///
/// Callers pass only ids-free fields (method, duration, outcome, peer uid/pid, counts);
/// no transcript text, customer id, session id or key material is ever logged.
public final class Log: @unchecked Sendable {
    /// The process-wide logger.
    public static let shared = Log()
    private let lock = NSLock()
    private var minimum: LogLevel = .info

    /// Sets the lowest level written.
    public func setLevel(_ level: LogLevel) { lock.lock(); minimum = level; lock.unlock() }

    /// Writes one record if `level` is enabled.
    public func write(_ level: LogLevel, _ event: String, _ fields: KeyValuePairs<String, JSONValue> = [:]) {
        lock.lock()
        defer { lock.unlock() }
        guard level >= minimum else { return }
        var o = JSONObject()
        o["ts"] = .string(Timestamp.now().rfc3339)
        o["level"] = .string(level.rawValue)
        o["event"] = .string(event)
        for (k, v) in fields { o[k] = v }
        var line = JSONWriter.bytes(.object(o))
        line.append(0x0a)
        line.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    public static func debug(_ event: String, _ fields: KeyValuePairs<String, JSONValue> = [:]) { shared.write(.debug, event, fields) }
    public static func info(_ event: String, _ fields: KeyValuePairs<String, JSONValue> = [:]) { shared.write(.info, event, fields) }
    public static func warn(_ event: String, _ fields: KeyValuePairs<String, JSONValue> = [:]) { shared.write(.warn, event, fields) }
    public static func error(_ event: String, _ fields: KeyValuePairs<String, JSONValue> = [:]) { shared.write(.error, event, fields) }
}
