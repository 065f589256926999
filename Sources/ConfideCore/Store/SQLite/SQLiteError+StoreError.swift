import ConfideStorage

/// What a SQLite failure means for a request: busy, locked, full or I/O is a resource
/// running out (nothing was changed), corruption is an integrity failure, anything else a
/// bug. The SQLite error is kept as the cause.
extension SQLiteError: StorageEngineError {
    public var storeError: StoreError {
        if isUnavailable { return .unavailable("storage: \(message); nothing was changed", cause: .storage(self)) }
        if isCorruption { return .integrity("storage corrupted: \(message)", cause: .storage(self)) }
        return .internal("storage: SQLite error \(extendedCode)", cause: .storage(self))
    }
}
