import ConfideCore
import ConfidePostgres

/// Reads beside the writer on PostgreSQL: a fixed pool of connections, each read in one
/// `REPEATABLE READ` transaction, so it sees one snapshot (the same promise as
/// SQLite's read transaction in WAL mode). A connection that dropped reconnects on its
/// next read.
final class PostgresSnapshotReader: SnapshotReader, Sendable {
    private let pool: ConnectionPool<PostgresConnection>

    /// `reserved`: the connection of `readHoldingTheKeyring`, apart from the pool.
    init(connections: [PostgresConnection], reserved: PostgresConnection) {
        pool = ConnectionPool(connections, reserved: reserved)
    }

    func read<T>(_ body: (any TranscriptRecords) throws -> T) throws -> T {
        try pool.borrow { connection in try Self.snapshot(connection, body) }
    }

    func readHoldingTheKeyring<T>(_ body: (any TranscriptRecords) throws -> T) throws -> T {
        try pool.borrowReserved { connection in try Self.snapshot(connection, body) }
    }

    private static func snapshot<T>(_ connection: PostgresConnection, _ body: (any TranscriptRecords) throws -> T) throws -> T {
        // A connection that sat idle through a server restart reconnects here (`begin`).
        try connection.begin(.repeatableRead)
        defer { connection.rollbackIfOpen() }
        return try body(connection)
    }
}

/// What scrubbing the log means on PostgreSQL: nothing a client can do. A deleted row stays
/// as a dead tuple until VACUUM (autovacuum, or the owner's) reuses its space, and its bytes
/// stay in the WAL, its archive and base backups for as long as those are kept. That is why
/// only crypto-shred makes data unreadable at once there (docs/threat-model.md,
/// docs/postgresql.md "Delete and shred").
struct PostgresLogScrubber: LogScrubber {
    func requestScrub() {}
    func start() {}
    func stop() {}
}
