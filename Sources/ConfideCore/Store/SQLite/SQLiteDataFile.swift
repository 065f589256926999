import ConfideStorage

/// data.db as the SQLite engine opens it for a daemon: durable settings, secure delete,
/// no automatic checkpoints (they run on their own thread), the schema migrated, and no
/// trigger or view that confide did not create. Then, once Core has resumed its audit
/// chain on it, the engine's parts: the group-commit writer on this connection, the reader
/// pool and the WAL checkpointer on their own.
///
/// The one place `TranscriptStore` names its engine: a second engine opens its store and
/// builds its own `TranscriptWriter`, `SnapshotReader` and `LogScrubber` the same way.
struct SQLiteDataFile {
    let path: String
    /// The writer's connection, for the start-up checks before the writer exists.
    let connection: Database

    static func open(path: String, options: TranscriptStore.Options) throws -> SQLiteDataFile {
        let db = try Database(path: path)
        try db.configureDurable(secureDelete: true, pageSize: options.dataPageSize)
        try db.execute("PRAGMA wal_autocheckpoint=0")  // checkpoints run in the background, not inside commits
        db.observeWALSize()
        try Migrator(StoreSchema.data.migrations).migrate(db) { step, from in
            if from > 0 { options.willMigrate?("data.db", step.version, step.name) }  // an upgrade, not a new file
        }
        if let planted = try db.triggersAndViews().first {
            throw StoreError.integrity("data.db holds a \(planted), which confide never creates: the file was edited outside "
                + "confide to change what its writes do (restore data.db from a backup)")
        }
        return SQLiteDataFile(path: path, connection: db)
    }

    /// The writer (on `connection`, appending to `chain`), the readers and the checkpointer.
    func engine(chain: AuditChain, clock: any Clock, options: TranscriptStore.Options) throws
        -> (writer: any TranscriptWriter, readers: any SnapshotReader, scrubber: any LogScrubber) {
        let writer = GroupCommitWriter(db: connection, chain: chain, clock: clock, maxGroupSize: options.maxGroupSize,
                                       walCheckpointFrames: options.walCheckpointFrames)
        let readers = try ReaderPool(path: path, count: options.readerCount)
        let checkpointer = try WALCheckpointer(path: path, interval: options.walCheckpointIntervalSeconds,
                                               busyInterval: min(0.005, options.walCheckpointIntervalSeconds / 10))
        return (writer, readers, checkpointer)
    }
}
