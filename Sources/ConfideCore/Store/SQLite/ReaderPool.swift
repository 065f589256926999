import ConfideStorage

/// A fixed set of read-only connections to data.db. WAL lets them read beside the single
/// writer; a caller borrows one for the span of a read and blocks while all are in use.
final class ReaderPool: SnapshotReader, Sendable {
    private let pool: ConnectionPool<Database>

    init(path: String, count: Int) throws {
        func reader() throws -> Database {
            let db = try Database(path: path, mode: .readOnly)
            try db.execute("PRAGMA query_only=ON")
            return db
        }
        pool = ConnectionPool(try (0..<max(1, count)).map { _ in try reader() }, reserved: try reader())
    }

    /// Runs `body` with a reader, inside one read transaction so it sees one snapshot.
    func read<T>(_ body: (any TranscriptRecords) throws -> T) throws -> T {
        try pool.borrow { db in try Self.snapshot(db, body) }
    }

    func readHoldingTheKeyring<T>(_ body: (any TranscriptRecords) throws -> T) throws -> T {
        try pool.borrowReserved { db in try Self.snapshot(db, body) }
    }

    private static func snapshot<T>(_ db: Database, _ body: (any TranscriptRecords) throws -> T) throws -> T {
        try db.begin(immediate: false)
        defer { try? db.commit() }
        return try body(db)
    }
}
