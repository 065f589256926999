import Foundation

/// A fixed set of connections lent one at a time: a caller borrows one for the span of
/// `body` and blocks while all are in use. The readers of every engine use it
/// (`ReaderPool`, PostgreSQL's snapshot reader).
package final class ConnectionPool<Connection>: @unchecked Sendable {
    private var idle: [Connection]
    private let condition = NSCondition()
    /// One more connection, never lent by `borrow` (see `borrowReserved`).
    private let reserved: Connection
    private let reservedLock = NSLock()

    /// `connections` are lent by `borrow`; `reserved` only by `borrowReserved`.
    package init(_ connections: [Connection], reserved: Connection) {
        precondition(!connections.isEmpty, "a pool needs a connection")
        idle = connections
        self.reserved = reserved
    }

    /// The reserved connection, for callers that must not wait for the pool because a
    /// borrower of the pool may be waiting for them (`SnapshotReader.readHoldingTheKeyring`).
    /// They wait only for each other.
    package func borrowReserved<T>(_ body: (Connection) throws -> T) throws -> T {
        reservedLock.lock()
        defer { reservedLock.unlock() }
        return try body(reserved)
    }

    package func borrow<T>(_ body: (Connection) throws -> T) throws -> T {
        condition.lock()
        while idle.isEmpty { condition.wait() }
        let connection = idle.removeLast()
        condition.unlock()
        defer {
            condition.lock()
            idle.append(connection)
            condition.signal()
            condition.unlock()
        }
        return try body(connection)
    }
}
