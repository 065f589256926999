import ConfideStorage

/// data.db's writer connection as the group-commit writer drives it: `BEGIN IMMEDIATE` per
/// group, SQLite savepoints, a failed fsync read as "stop writing", and the WAL bounded
/// between groups.
///
/// The WAL is checkpointed by a background thread (`WALCheckpointer`), but under steady
/// load that checkpoint never catches up with the writer, and SQLite restarts the WAL from
/// its beginning only once every frame is checkpointed. So when the WAL passes
/// `walCheckpointFrames`, the writer checkpoints between groups itself: it copies only
/// what the background pass has not, and the next commit starts the WAL over.
final class SQLiteGroupConnection: GroupCommitConnection {
    let db: Database
    private let walCheckpointFrames: Int
    private var commitsSinceCatchUp = 0

    init(_ db: Database, walCheckpointFrames: Int) {
        self.db = db
        self.walCheckpointFrames = max(1, walCheckpointFrames)
    }

    var records: any TranscriptRecords { db }
    func beginGroup() throws { try db.begin(immediate: true) }
    func commitGroup() throws { try db.commit() }
    func rollbackGroup() { db.rollbackIfOpen() }
    func savepoint<T>(_ body: () throws -> T) throws -> T { try db.savepoint(body) }
    func inOwnTransaction<T>(_ body: () throws -> T) throws -> T { try db.transaction(body) }

    func failure(of error: any Error) -> (reason: String, cause: StoreError.Cause?, refuseFromNowOn: String?) {
        guard let e = error as? SQLiteError else { return ("storage write failed; nothing was changed", StoreError(error).cause, nil) }
        if e.isFsyncFailure {
            // After a failed flush the state of the disk is unknown: say so, and stop (like PostgreSQL).
            return ("the disk failed to flush (\(e.message)): whether this write reached the disk is unknown; "
                        + "writes are refused until the daemon is restarted", .storage(e),
                    "writes refused after a failed fsync (\(e.message)); nothing was changed; check the disk and restart the daemon")
        }
        return ("storage write failed: \(e.message); nothing was changed", .storage(e), nil)
    }

    /// SQLite's COMMIT runs in this process: when it throws, it did not commit.
    func committedDespite(_ error: any Error, chain: Int, headSeq: Int, head: [UInt8]) -> Bool { false }

    /// Checkpoints on the writer's own connection when the WAL is past its bound, after the
    /// group's replies are out. PASSIVE: it skips what the background pass already copied,
    /// and gives up at once (to try again later) if that pass is running. At most once every
    /// 16 commits, in case an open read keeps the WAL from restarting.
    func afterGroup() -> Bool {
        commitsSinceCatchUp += 1
        guard db.walFrames >= walCheckpointFrames, commitsSinceCatchUp >= 16 else { return false }
        commitsSinceCatchUp = 0
        return (try? db.checkpoint(truncate: false)) != nil
    }
}
