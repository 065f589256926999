import ConfideCore
import ConfidePostgres

/// What a PostgreSQL failure means for a request: a lost connection, a restart, a statement
/// timeout, a serialization failure, a full disk or any other resource running out is
/// `unavailable` (nothing was changed; retry later); anything else is a bug. The server's
/// error stays the cause (SQLSTATE and primary message only, never a DETAIL quoting values).
extension PostgresError: StorageEngineError {
    public var storeError: StoreError {
        if isUnavailable || isDiskFull {
            return .unavailable("storage: PostgreSQL \(sqlState ?? "connection"): \(message); nothing was changed", cause: .storage(self))
        }
        if sqlStateClass == "XX" { return .integrity("storage corrupted: PostgreSQL \(sqlState!): \(message)", cause: .storage(self)) }
        return .internal("storage: PostgreSQL error \(sqlState ?? "-")", cause: .storage(self))
    }
}
