import ConfideCore
import ConfidePostgres

/// A PostgreSQL connection as Core's `Transactional`: the keyring's own transactions and the
/// start-up upgrade's, on the connection that holds their records.
extension PostgresConnection: Transactional {
    /// The `pg_advisory_xact_lock` key every `inTransaction` of a database takes: "confidew".
    /// (The migrator's session lock is "confide\0".)
    package static let writeLockKey: Int64 = 0x636F_6E66_6964_6577

    /// Runs `body` in `BEGIN ... COMMIT` (READ COMMITTED), rolled back if it throws, as the
    /// only such transaction of the database at a time: it first waits for `writeLockKey`,
    /// held until it ends. That is SQLite's `BEGIN IMMEDIATE`, which the keyring's rules
    /// assume: a shred decides "not held" and deletes inside one transaction, and no hold of
    /// another daemon commits in between (READ COMMITTED alone would let it).
    ///
    /// Refused inside an open transaction, as SQLite refuses a nested `BEGIN`: PostgreSQL
    /// would only warn, and the inner COMMIT would then commit the outer transaction's work
    /// before the outer one decided.
    package func inTransaction<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else {
            throw PostgresError(message: "cannot start a transaction within a transaction (\(target))")
        }
        return try transaction(.readCommitted) {
            _ = try result("SELECT pg_advisory_xact_lock($1)", [.int8(Self.writeLockKey)])
            return try body()
        }
    }

    /// Nothing to do on PostgreSQL. On SQLite this checkpoints and truncates the WAL so the
    /// deleted rows' old pages leave the files at once; PostgreSQL's WAL is the server's, not
    /// something a client can empty (a `CHECKPOINT` needs `pg_checkpoint` and still leaves
    /// the segments for recycling, archiving and standbys), and a deleted row stays as a dead
    /// tuple until VACUUM. What delete and shred leave behind on PostgreSQL is for the
    /// threat model to state; only crypto-shredding makes the data unreadable at once.
    package func emptyLog() throws {}

    /// Never: see `emptyLog`. A receipt from PostgreSQL says `verified: false`.
    package var emptyLogScrubsDeletedRows: Bool { false }
}

/// The store's advisory lock (`PostgresEngine.holdTheStore`), let go when the store closes.
extension PostgresConnection: HoldsStore {
    package func letGoOfStore() { releaseSessionLock() }
    package var lostTheStore: Bool { sessionLockLost }
}
