import Foundation

/// A fixed set of connections lent one at a time: a caller borrows one for the span of
/// `body` and blocks while all are in use. The readers of every engine use it
/// (`ReaderPool`, PostgreSQL's snapshot reader).
package final class ConnectionPool<Connection>: @unchecked Sendable {
    private var idle: [Connection]
    private let condition = NSCondition()

    package init(_ connections: [Connection]) {
        precondition(!connections.isEmpty, "a pool needs a connection")
        idle = connections
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
