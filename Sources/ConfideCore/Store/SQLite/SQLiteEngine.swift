import ConfideStorage

/// The embedded engine: a state folder's keys.db and data.db, in SQLite.
///
/// keys.db and data.db are opened durable with secure delete, migrated by `StoreSchema`,
/// and refused when they hold a trigger or view (confide creates none: one would change
/// what its writes do). data.db runs no automatic checkpoints (they run on their own
/// thread); its writer is the `GroupCommitWriter` on the connection the start-up used,
/// its readers a `ReaderPool`, its scrubber the `WALCheckpointer`.
package struct SQLiteEngine: StorageEngine {
    package let keysPath: String
    package let dataPath: String

    /// A state folder's keys.db and data.db (the default layout).
    package init(state: StateDirectory) {
        self.init(keysPath: state.keysPath, dataPath: state.dataPath)
    }

    /// keys.db and data.db wherever they are (a keyring kept on another disk than the data).
    package init(keysPath: String, dataPath: String) {
        self.keysPath = keysPath
        self.dataPath = dataPath
    }

    package var keysName: String { keysPath }
    package var dataName: String { dataPath }

    package func openKeyring(options: TranscriptStore.Options) throws -> any KeyringRecords {
        try Self.openKeys(path: keysPath, options: options)
    }

    /// The keys.db at `path`, for a keyring (also the offline `Keyring(path:)` of rekey and tests).
    static func openKeys(path: String, options: TranscriptStore.Options) throws -> any KeyringRecords {
        let db = try Database(path: path)
        try db.configureDurable(secureDelete: true)
        try Migrator(StoreSchema.keys.migrations).migrate(db) { step, from in
            if from > 0 { options.willMigrate?("keys.db", step.version, step.name) }  // an upgrade, not a new file
        }
        try Self.refusePlantedObjects(db, name: "keys.db", remedy: "restore keys.db from a backup")
        return db
    }

    package func openData(options: TranscriptStore.Options) throws -> any OpenedDataStore {
        let db = try Database(path: dataPath)
        try db.configureDurable(secureDelete: true, pageSize: options.dataPageSize)
        try db.execute("PRAGMA wal_autocheckpoint=0")  // checkpoints run in the background, not inside commits
        db.observeWALSize()
        try Migrator(StoreSchema.data.migrations).migrate(db) { step, from in
            if from > 0 { options.willMigrate?("data.db", step.version, step.name) }
        }
        try Self.refusePlantedObjects(db, name: "data.db", remedy: "restore data.db from a backup")
        return OpenedDataFile(path: dataPath, connection: db)
    }

    package func openForReading() throws -> (keys: any KeyringRecords, data: any TranscriptRecords) {
        (try Self.openForReading(keysPath), try Self.openForReading(dataPath))
    }

    /// A keys.db or data.db file opened read-only (a live daemon's, or a backup's copy).
    static func openForReading(_ path: String) throws -> Database { try Database(path: path, mode: .readOnly) }

    package var onlineBackup: (any OnlineBackup)? { self }

    /// A trigger or view in a file confide opens: it was edited outside confide to change
    /// what its writes do.
    private static func refusePlantedObjects(_ db: Database, name: String, remedy: String) throws {
        if let planted = try db.triggersAndViews().first {
            throw StoreError.integrity("\(name) holds a \(planted), which confide never creates: the file was edited outside "
                + "confide to change what its writes do (\(remedy))")
        }
    }
}

extension SQLiteEngine: OnlineBackup {
    /// SQLite's backup API, from a read snapshot of its own, page by page while the writer goes on.
    package func copy(_ store: StorePart, to destination: String) throws -> Int {
        try Database(path: store == .keys ? keysPath : dataPath, mode: .readOnly).backup(to: destination)
        return try Database(path: destination, mode: .readOnly).userVersion
    }
}

/// data.db opened for a daemon: the connection the start-up uses, which becomes the writer's.
private struct OpenedDataFile: OpenedDataStore {
    /// One daemon per state folder (its `flock`), one chain.
    func holdAuditChain(_ chain: Int, name: String?) throws {}
    let path: String
    let connection: Database

    var records: any TranscriptRecords & Transactional { connection }

    func parts(chain: AuditChain, clock: any Clock, options: TranscriptStore.Options) throws
        -> (writer: any TranscriptWriter, readers: any SnapshotReader, scrubber: any LogScrubber) {
        let writer = GroupCommitWriter(connection: SQLiteGroupConnection(connection, walCheckpointFrames: options.walCheckpointFrames),
                                       chain: chain, clock: clock, maxGroupSize: options.maxGroupSize)
        let readers = try ReaderPool(path: path, count: options.readerCount)
        let checkpointer = try WALCheckpointer(path: path, interval: options.walCheckpointIntervalSeconds,
                                               busyInterval: min(0.005, options.walCheckpointIntervalSeconds / 10))
        return (writer, readers, checkpointer)
    }
}

extension TranscriptStore {
    /// The SQLite library's version (`confide --version`).
    public static var sqliteVersion: String { Database.libraryVersion }
}
