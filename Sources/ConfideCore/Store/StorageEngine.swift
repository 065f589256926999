/// The storage engine a store runs on: what opens the keyring's records and the data
/// store's, and what builds the data store's writer, readers and scrubber. Core names no
/// engine anywhere else: `Keyring`, `TranscriptStore`, `AuditChain`, `AuditVerifier` and
/// `PrivacyReport` speak only in the record protocols (`KeyringRecords`,
/// `TranscriptRecords`, `AuditLogStorage`) and the engine parts (`TranscriptWriter`,
/// `SnapshotReader`, `LogScrubber`).
///
/// The embedded engine is `SQLiteEngine` (a state folder's keys.db and data.db,
/// `Store/SQLite/`). A second engine is an addition in its own module: it conforms to these
/// protocols (they are `package`, so any module of this package can) and the command line
/// chooses it (`--store`).
package protocol StorageEngine: Sendable {
    /// How messages and logs name the keyring's store and the data store ("…/keys.db",
    /// "…/data.db"): never a password or a secret of a connection string.
    var keysName: String { get }
    var dataName: String { get }

    /// The keyring's records, for a daemon: migrated (telling `options.willMigrate` of an
    /// upgrade) and checked for objects confide never creates.
    func openKeyring(options: TranscriptStore.Options) throws -> any KeyringRecords
    /// The data store, for a daemon: migrated and checked, its records ready for the
    /// start-up work that runs before its writer exists.
    func openData(options: TranscriptStore.Options) throws -> any OpenedDataStore
    /// Both stores read-only, for the tools that need no master key and must not change
    /// anything (the privacy report, `keys public`). Nil keyring: the store holds none yet.
    func openForReading() throws -> (keys: any KeyringRecords, data: any TranscriptRecords)
    /// How `system.backup` copies this engine's stores while the daemon serves; nil when the
    /// engine's backups are the database's own tools (said in `backupUnavailable`).
    var onlineBackup: (any OnlineBackup)? { get }
    /// Who runs the scheduler's jobs among the daemons of this store (`SchedulerLeadership`).
    func schedulerLeadership() -> any SchedulerLeadership
    /// How `system.health` asks whether the stores answer right now; nil for an engine whose
    /// stores cannot be out of reach while the daemon runs (the embedded one's files).
    func reachabilityProbe() -> (any StoreReachabilityProbe)?
    /// Whether the data store keeps a record of the keyring's erasures
    /// (`TranscriptRecords.mirrorErasure`), which the scheduler's erasure-mirror job keeps
    /// complete: an engine whose keyring can be put back under running daemons (PostgreSQL).
    var mirrorsErasures: Bool { get }
}

extension StorageEngine {
    /// One daemon per store (the embedded engine's state-folder lock): it leads.
    package func schedulerLeadership() -> any SchedulerLeadership { SoleSchedulerLeader() }
    package func reachabilityProbe() -> (any StoreReachabilityProbe)? { nil }
    package var mirrorsErasures: Bool { false }
}

/// One round trip to each of an engine's stores, on connections of the probe's own, so that
/// asking never waits behind the writer or a reader. Used by one thread at a time.
package protocol StoreReachabilityProbe: AnyObject {
    /// Nil when every store answered; else which did not, and why (no password in it).
    func check() -> StoreProblem?
}

/// What a `StoreReachabilityProbe` found wrong with a store.
package struct StoreProblem: Sendable, Equatable {
    /// Which store, and why (no password in it).
    package var reason: String
    /// True when only a restart ends it (another daemon took the store); false while the
    /// store may answer again by itself (a server or a network away).
    package var untilRestart = false

    package init(_ reason: String, untilRestart: Bool = false) {
        self.reason = reason
        self.untilRestart = untilRestart
    }

    /// What `system.health` says: the reason, and until when every request is refused.
    package var healthReason: String {
        reason + (untilRestart ? "" : "; every request answers -32005 until it answers again (checked every 2 s)")
    }
}

/// Records whose engine holds the store for the daemon that opened them, beyond the state
/// folder's lock (PostgreSQL: an advisory lock per store, so a second daemon is refused).
/// `TranscriptStore.close` lets go, so the store can be opened again in the same process.
package protocol HoldsStore: AnyObject {
    func letGoOfStore()
    /// True once another process was found holding the store (after this one's connection
    /// dropped): from then on this process serves nothing from it. Read from any thread.
    var lostTheStore: Bool { get }
}

/// A data store opened for a daemon, before its writer runs.
package protocol OpenedDataStore {
    /// The records, in the store's own transactions (the start-up checks and upgrade).
    var records: any TranscriptRecords & Transactional { get }
    /// Makes audit chain `chain` this daemon's alone before it appends to it (PostgreSQL: a
    /// session lock on the writer's connection, taken again after every reconnect, so two
    /// daemons given one chain name never both write it); `name` for the message. The
    /// embedded store has one daemon and one chain: nothing to do.
    func holdAuditChain(_ chain: Int, name: String?) throws
    /// The writer (appending to `chain`), the snapshot readers and the log scrubber. The
    /// records above belong to the writer from here on.
    func parts(chain: AuditChain, clock: any Clock, options: TranscriptStore.Options) throws
        -> (writer: any TranscriptWriter, readers: any SnapshotReader, scrubber: any LogScrubber)
}

/// Copies an engine's stores into a backup folder, each from one consistent snapshot while
/// writes go on. A backup folder is always an embedded state folder (keys.db, data.db,
/// manifest.json), so it can be verified offline and restored anywhere.
package protocol OnlineBackup: Sendable {
    /// Copies the keyring's store (`.keys`) or the data store (`.data`) into the new file
    /// `destination`; returns the copy's schema version.
    func copy(_ store: StorePart, to destination: String) throws -> Int
}

/// One of the two stores of an engine.
package enum StorePart: Sendable {
    case keys, data
}
