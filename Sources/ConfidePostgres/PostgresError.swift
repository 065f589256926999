/// A failed libpq call or server error, carrying the server's SQLSTATE and message.
///
/// Classified by SQLSTATE class (PostgreSQL Appendix A) into what a caller does next:
/// reconnect (`isConnectionLoss`), retry the transaction (`isSerializationFailure`), or
/// answer "unavailable" for now (`isStatementTimeout`, `isDiskFull`, and all of them:
/// `isUnavailable`).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE (`23505`, `40001`, ...); nil when the error came from
    /// libpq itself (a refused connection, a dropped socket) or from this wrapper.
    public let sqlState: String?
    /// The primary message (`PG_DIAG_MESSAGE_PRIMARY`, or libpq's `PQerrorMessage`). Only
    /// the primary message is kept: the DETAIL field can quote key values (a unique
    /// violation's `Key (blind_index)=(\x...)`), which must not reach a log.
    public let message: String
    /// The constraint a violation names (`PG_DIAG_CONSTRAINT_NAME`), when there is one.
    public let constraint: String?
    /// The statement that failed, when there was one (SQL text only, never values).
    public let sql: String?
    /// True when the connection was unusable after the failure (`PQstatus` bad): whatever
    /// the SQLSTATE, the caller must open a new connection.
    public let connectionBroken: Bool

    public init(sqlState: String? = nil, message: String, constraint: String? = nil, sql: String? = nil, connectionBroken: Bool = false) {
        self.sqlState = sqlState
        self.message = message
        self.constraint = constraint
        self.sql = sql
        self.connectionBroken = connectionBroken
    }

    /// The SQLSTATE's class: its first two characters (`08` connection exception, ...).
    public var sqlStateClass: Substring? { sqlState?.prefix(2) }

    /// The connection is gone: class 08 (connection exception), 57P01/57P02/57P03 (the
    /// server is shutting down, crashed, or not yet accepting connections; also what a
    /// backend ended by `pg_terminate_backend` reports), or the socket dropped without a
    /// message. Reconnect; what was in flight did not commit, except a COMMIT itself,
    /// whose outcome is then unknown.
    ///
    /// A server that crashed (a PANIC, kill -9, a full WAL volume) sends no message: libpq
    /// reports "server closed the connection unexpectedly" with no SQLSTATE, and on an
    /// idle connection it can still call the connection good at that moment. Such libpq
    /// messages are connection losses too (before, that first failure answered -32603).
    public var isConnectionLoss: Bool {
        connectionBroken || sqlStateClass == "08" || ["57P01", "57P02", "57P03"].contains(sqlState ?? "")
            || (sqlState == nil && Self.libpqConnectionFailures.contains { message.contains($0) })
    }

    /// libpq's own messages (fe-misc.c, fe-secure*.c, fe-exec.c) for a connection that
    /// stopped working under a statement.
    static let libpqConnectionFailures = [
        "server closed the connection unexpectedly", "no connection to the server", "could not send data to server",
        "could not receive data from server", "SSL SYSCALL error", "SSL connection has been closed unexpectedly",
    ]

    /// The transaction was rolled back because of concurrent transactions: class 40
    /// (`40001` serialization_failure, `40P01` deadlock_detected). Retrying it may succeed.
    public var isSerializationFailure: Bool { sqlStateClass == "40" }

    /// The statement ran out of time: `57014` query_canceled (what `statement_timeout`
    /// raises; Confide never cancels a query otherwise) or `55P03` lock_not_available
    /// (`lock_timeout`).
    public var isStatementTimeout: Bool { sqlState == "57014" || sqlState == "55P03" }

    /// The server could not write: `53100` disk_full.
    public var isDiskFull: Bool { sqlState == "53100" }

    /// The server cannot serve this now but may later: any of the above, or class 53
    /// (insufficient resources: out of memory, too many connections), 57 (operator
    /// intervention) or 58 (system error: I/O). Callers answer "unavailable" (-32005).
    public var isUnavailable: Bool {
        isConnectionLoss || isSerializationFailure || isStatementTimeout
            || ["53", "57", "58"].contains(sqlStateClass ?? "")
    }

    /// A unique or primary-key constraint refused the row: `23505`.
    public var isUniqueViolation: Bool { sqlState == "23505" }

    public var description: String {
        var s = "PostgreSQL error"
        if let sqlState { s += " \(sqlState)" }
        s += ": \(message)"
        if connectionBroken { s += " (connection lost)" }
        if let sql { s += " [\(sql.prefix(80))]" }
        return s
    }
}
