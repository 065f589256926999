import ConfideJSON

/// The daemon's answer when a call failed: a JSON-RPC 2.0 error object, with the code of
/// docs/protocol.md (Errors), its message, and its `data` (for `-32602`, the field and
/// the rule; for an erased customer, `erased` and `shredded_at`).
public struct ConfideRPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The protocol's error code.
    public let code: Code
    /// The daemon's message; it names the field and the rule, never key material or text.
    public let message: String
    /// The error's `data` member, when it has one.
    public let data: JSONValue?

    public init(code: Code, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// For `.invalidParams`: the parameter that broke a rule (`data.field`).
    public var field: String? { data?["field"]?.stringValue }
    /// For `.invalidParams`: the rule it broke (`data.rule`).
    public var rule: String? { data?["rule"]?.stringValue }
    /// For `.notFound` seen by a legal or admin peer: the customer was erased (`data.erased`).
    public var isErased: Bool { data?["erased"]?.boolValue == true }

    /// `error <code>: <message>`, as `confide` prints it.
    public var description: String { "error \(code.rawValue): \(message)" }

    /// A JSON-RPC error code. The protocol's codes are named; any other integer the daemon
    /// may send one day is kept as it came (like swift-system's `Errno`).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public var description: String { String(rawValue) }

        /// -32700: the line was not strict JSON (invalid UTF-8, duplicate member, too many
        /// values…). Nothing was run.
        public static let parseError = Code(rawValue: -32700)
        /// -32600: not a JSON-RPC 2.0 request, an empty or too long batch, or a line over
        /// `max_request_bytes` (the daemon then closes the connection).
        public static let invalidRequest = Code(rawValue: -32600)
        /// -32601: no such method (told only to peers that hold a role).
        public static let methodNotFound = Code(rawValue: -32601)
        /// -32602: a parameter broke a rule; `field` and `rule` say which and why.
        public static let invalidParams = Code(rawValue: -32602)
        /// -32603: a bug in the daemon.
        public static let internalError = Code(rawValue: -32603)
        /// -32003: this process's uid and groups hold no role that may call the method.
        public static let forbidden = Code(rawValue: -32003)
        /// -32004: unknown or erased customer, unknown session.
        public static let notFound = Code(rawValue: -32004)
        /// -32005: storage or audit write failed, shutting down, too many connections, a
        /// reply over `max_reply_bytes`; the message says whether anything changed.
        public static let unavailable = Code(rawValue: -32005)
        /// -32006: stored data failed authentication or is not what the daemon wrote.
        public static let integrity = Code(rawValue: -32006)
        /// -32007: the customer is under legal hold; nothing changed.
        public static let legalHold = Code(rawValue: -32007)
    }
}
