import ConfideCore
import ConfidePostgres
import Synchronization

/// The PostgreSQL engine: the keyring's tables and the data tables in a PostgreSQL
/// database (or two: `keysURI` may name another database or cluster than `dataURI`), with
/// the same sealed rows and blind indexes as the embedded store. PostgreSQL never sees a
/// key, a plaintext, a customer id or a session id.
///
/// Connections: one for the keyring, one for the writer, `Options.readerCount` for reads
/// (`reader_connections`). Each runs
/// `statement_timeout` (when set), reconnects on its next use after a drop (with backoff),
/// and never continues a transaction across a drop. Schemas are migrated under an advisory
/// lock (`PostgresMigrator`), so daemons starting together migrate once.
package struct PostgresEngine: StorageEngine {
    /// Connection settings shared by every connection of the engine.
    package struct Settings: Sendable {
        package var connectTimeoutSeconds = 10
        /// Fails a statement that runs longer (SQLSTATE 57014, answered -32005); nil: the
        /// server's setting.
        package var statementTimeoutMilliseconds: Int? = 30_000
        /// How long the writer waits for the server to come back after a COMMIT's answer was
        /// lost, to learn whether it committed (`PostgresGroupConnection`).
        package var commitOutcomeWaitSeconds = 30.0
        /// Several daemons share the store (`shared_store`): each takes the store's locks
        /// shared, so they serve it together and one that would serve it alone is refused
        /// (and refuses them), and each appends to an audit chain of its own, locked for it
        /// (`holdAuditChain`). Every request checks the keyring changes another daemon made:
        /// in the data's transaction when the keyring is beside the data, else through the
        /// keyring guard (`PostgresKeyringGuard`) on a connection of its own to the keyring.
        package var sharedStore = false
        /// The keyring guard's `lock_timeout` (`postgres_keyring_guard_wait_ms`): how long a
        /// group waits for a customer another daemon is changing before its requests on that
        /// customer fail and are run again.
        package var keyringGuardWaitMilliseconds = 5_000
        /// How long a start waits for the store's lock, and for its audit chain's, when
        /// another daemon holds it (one just killed may still hold it for a few seconds).
        package var storeLockWaitSeconds = 10.0
        package init() {}
    }

    package let keysURI: String
    package let dataURI: String
    package let settings: Settings
    /// The store locks this engine's connections took (`holdTheStore`), for the health probe.
    let heldLocks = HeldStoreLocks()
    /// The keyring guard's test hooks and switch.
    package let keyringGuardHooks = KeyringGuardHooks()

    package init(keysURI: String, dataURI: String, settings: Settings = Settings()) {
        self.keysURI = keysURI
        self.dataURI = dataURI
        self.settings = settings
    }

    package var keysName: String { Self.redacted(keysURI) }
    package var dataName: String { Self.redacted(dataURI) }

    package func openKeyring(options: TranscriptStore.Options) throws -> any KeyringRecords {
        let connection = try connect(keysURI)
        try holdTheStore(connection, .keys, tag: Self.keyringLockTag, name: keysName)
        try refuseANewKeyringBesideData(connection)
        try migrate(connection, .keys, options: options)
        try checkTheSearchPath(connection, .keys, name: keysName, migrated: true)
        try connection.keepForEverySession("SET synchronous_commit = on")
        try refuseAnotherDatabaseAfterAReconnect(connection, name: keysName)
        // And on the same database, the erasures this daemon committed must still be there.
        let erasures = CommittedErasures()
        // Before the start re-applies the erasure ledger: the erasures it records again take
        // ordinals above every one the data's record holds, so none of them ranks below the
        // newest checked (session 24's third review, S24C-2: one re-applied at ordinal 1 and
        // recorded late fell out of the newest 256, and a copy lacking it was served).
        erasures.raiseOrdinalFloor(to: try highestRecordedOrdinal(keyring: connection) + 1)
        erasures.checkAtStart = keyringHoldsTheErasuresTheDataRecorded(atStart: erasures)
        connection.attachment = erasures
        let sameDatabase = connection.checkNewSession, erasuresMirrored = keyringHoldsTheErasuresTheDataRecorded()
        connection.checkNewSession = { [keysName] c in
            try sameDatabase?(c) ?? erasures.refusal(on: c, name: keysName) ?? erasuresMirrored(c)
        }
        return connection
    }

    /// A connection to the data's database for the checks of the keyring against the data's
    /// record of erasures: the keyring's own where both are in one database, else a new one.
    private func recordConnection(keyring: PostgresConnection) throws -> PostgresConnection {
        keysURI == dataURI ? keyring : try PostgresConnection(uri: dataURI, connectTimeoutSeconds: settings.connectTimeoutSeconds,
                                                               statementTimeoutMilliseconds: settings.statementTimeoutMilliseconds)
    }

    /// The highest ordinal in the data's record of erasures; 0 when it holds none, or has no
    /// ordinals yet (the data not migrated to 0003 or 0004). Any other failure (the data
    /// unreachable) fails the start, which would otherwise re-apply the erasure ledger under
    /// ordinals below the record's (S24C-2; session 25's fourth review).
    private func highestRecordedOrdinal(keyring: PostgresConnection) throws -> Int64 {
        do {
            let highest = try recordConnection(keyring: keyring).queryOne("SELECT MAX(ordinal) FROM keyring_mirror") { try $0.optionalInt64(0) }
            return (highest ?? nil) ?? 0
        } catch let e as PostgresError where e.sqlState == "42P01" || e.sqlState == "42703" {
            return 0
        }
    }

    /// A check for every new session of a connection to the keyring (its own, the keyring
    /// guard's), and for the keyring at start once the erasure ledger was re-applied: it must
    /// hold the newest erasures the data store recorded (`keyring_mirror`, one row per erased
    /// customer, written by each shred's audit-entry transaction after the keyring committed
    /// the erasure; the newest `CommittedErasures.kept`), each with the same handle tag or a
    /// later erasure of the same customer, else the keyring was put back from before one of
    /// them and is refused for good. Unlike `CommittedErasures`, it sees erasures other
    /// daemons of a shared store made (session 23's attack review, S23-1c: a daemon that erased
    /// nobody served a keyring restored to the same timeline number, and a write under the
    /// erased customer's destroyed keys was answered as committed). It needs the data
    /// elsewhere, not restored with the keyring (then the data's own checks see the rollback).
    /// The data is asked on a connection of its own, opened for the check.
    ///
    /// The erasures from before keys migration 0005 that the record got only after it (the
    /// erasure-mirror job, a repeated shred: no number, `recorded` below the sequence) rank
    /// after every other row, so that they never push a row the data recorded in time out of
    /// the newest (S24B-3), and are all checked besides the newest rows (session 25's reviews:
    /// S25B-1, behind 256 rows recorded before the upgrade the last erasure before it was never
    /// checked; S25C-2, the newest of them by the keyring's order is an order by daemons'
    /// clocks). That set holds only erasures from before the upgrade whose record failed then,
    /// so it is small and stops growing once the job has written them.
    ///
    /// `skippedWhileTheDataIsAway`: for the keyring guard, whose new sessions come in the
    /// middle of a group's answer (a recheck after a lapse): when the data's database cannot be
    /// reached the check is left out rather than failing the recheck, whose answer would then
    /// turn vague (-32005 for what it could tell was erased: `Session20AttackBTests`). The
    /// keyring's own connection keeps the check strict.
    ///
    /// `atStart`: the start's check, which also raises the keyring connection's ordinal floor
    /// above the record's highest (`CommittedErasures.ordinalFloor`), so erasures made from
    /// now on stay among the newest checked even on a keyring put back whose lost erasures
    /// the start re-applied under lower ordinals.
    func keyringHoldsTheErasuresTheDataRecorded(skippedWhileTheDataIsAway: Bool = false, atStart: CommittedErasures? = nil)
        -> (PostgresConnection) throws -> String? {
        let (keysName, beside) = (keysName, keysURI == dataURI)
        return { [self] keyring in
            let recorded: [CommittedErasures.Erasure]
            do {
                let data = try recordConnection(keyring: keyring)
                // The newest in the keyring's order of erasures, not in the order they were
                // written here: the erasure-mirror job writes older erasures late (S24-4);
                // and every one of those from before the upgrade written late (S25B-1, S25C-2).
                recorded = try data.query("""
                    (SELECT customer_tag, handle_tag, number, shredded_at FROM keyring_mirror
                     ORDER BY ordinal DESC NULLS LAST, recorded DESC LIMIT \(CommittedErasures.kept))
                    UNION
                    SELECT customer_tag, handle_tag, number, shredded_at FROM keyring_mirror WHERE recorded < 0
                    """) { (try $0.bytea(0) ?? [], try $0.bytea(1) ?? [], try $0.optionalInt(2), try $0.int64(3)) }
                if let atStart, let highest = try data.queryOne("SELECT MAX(ordinal) FROM keyring_mirror", row: { try $0.optionalInt64(0) }) ?? nil {
                    atStart.raiseOrdinalFloor(to: highest + 1)
                }
            } catch let e as PostgresError where e.sqlState == "42P01" {
                return nil  // the data's schema not migrated yet: nothing recorded
            } catch let e as PostgresError where skippedWhileTheDataIsAway && !beside && (e.isConnectionLoss || e.sqlState == nil) {
                return nil
            }
            guard !recorded.isEmpty else { return nil }
            let missing = try CommittedErasures.missing(recorded, on: keyring)
            guard missing > 0 else { return nil }
            let remedy = atStart != nil
                ? "the start re-applied this daemon's erasure ledger, which lacks them (another daemon of a shared store made "
                    + "them, or the ledger is older): restore the keyring from a backup that holds them, or start once the daemon "
                    + "whose ledger holds them"
                : "a running daemon does not serve it; restart this daemon, whose start re-applies the erasure ledger"
            return "\(keysName) lacks \(missing) of the \(recorded.count) newest erasures the data store recorded (with those from before the "
                + "upgrade it recorded late): the keyring was put "
                + "back from before them (a restore, or a failover to a standby that had not received them); \(remedy)"
        }
    }

    /// A new session of the keyring's connection must be on the database and schema the
    /// daemon started on (`databaseIdentity`: the cluster's system identifier and the
    /// database's OID; and the OID of the schema the search path names), or the connection
    /// refuses for good, as when another daemon took the store. A keys database restored
    /// from a backup (or a copy made by `CREATE DATABASE … TEMPLATE`) put under the same name
    /// while the daemon ran would otherwise be served at once: erased customers' keys back,
    /// and none of the start's checks run (the erasure ledger that erases them again runs at
    /// start). A physical copy of the whole cluster keeps every identifier; a promoted standby
    /// or a base backup restored to a point in time is told apart by its new WAL timeline
    /// (`databaseIdentity`); one on the same timeline (a file-system snapshot, a base backup
    /// started without archive recovery) by the keyring's check of the erasures it committed
    /// (`CommittedErasures`, `openKeyring`) when it lacks one. Not told apart: such a copy that
    /// lacks no erasure of this daemon's, and a schema restored in place while the connection
    /// stays up (no new session: stop the daemons before a restore).
    ///
    /// The data's connections (the writer's, the readers') get the same check
    /// (`startedOn`: the place the data's first connection found): where the keyring is
    /// beside the data, their copy holds the keyring's customer rows too, and a daemon of a
    /// shared store whose keys were cached read and wrote an erased customer there (session
    /// 21's attack review, A1).
    @discardableResult
    fileprivate func refuseAnotherDatabaseAfterAReconnect(_ connection: PostgresConnection, name: String, data: Bool = false,
                                                          startedOn: String? = nil) throws -> String {
        func place(_ c: PostgresConnection) throws -> String {
            let schema = try c.queryOne("SELECT oid::int8 FROM pg_namespace WHERE nspname = current_schema()") { try $0.int64(0) } ?? nil
            return try c.databaseIdentity() + " schema " + (schema.map(String.init) ?? "none")
        }
        let what = !data
            ? "a keyring restored or copied under the same name is not served by a running daemon; restart this daemon, "
                + "whose start checks a restored keyring against the erasures recorded beside the data"
            : "a data store restored or copied under the same name is not served by a running daemon (erasures other daemons made "
                + "since the copy was taken are not in it, and this daemon's cached keys would serve it); restart this daemon, "
                + "whose start checks restored data against the erasures recorded"
        func refusal(_ identity: String, _ now: String) -> String {
            if let (then, today) = PostgresConnection.timelines(identity, now), then != today {
                return "\(name) is on WAL timeline \(today), not \(then) as when this daemon started: a promoted standby or a base "
                    + "backup restored to a point in time, which may lack the last transactions the old server committed (erasures "
                    + "among them); restart this daemon, whose start checks the store against the erasures recorded"
            }
            return "\(name) is another database than the one this daemon started on (cluster, database, timeline and schema \(identity), "
                + "now \(now)): \(what)"
        }
        let identity = try startedOn ?? place(connection)
        if startedOn != nil {
            let now = try place(connection)
            guard try PostgresConnection.isSameDatabase(identity, now) else { throw StoreError.unavailable(refusal(identity, now)) }
        }
        connection.checkNewSession = { c in
            let now = try place(c)
            guard try !PostgresConnection.isSameDatabase(identity, now) else { return nil }
            return refusal(identity, now)
        }
        return identity
    }

    package func openData(options: TranscriptStore.Options) throws -> any OpenedDataStore {
        let connection = try connect(dataURI)
        try holdTheStore(connection, .data, tag: Self.dataLockTag, name: dataName)
        try migrate(connection, .data, options: options)
        let schema = try checkTheSearchPath(connection, .data, name: dataName, migrated: true)
        let dataPlace = try refuseAnotherDatabaseAfterAReconnect(connection, name: dataName, data: true)
        var keyringGuard: PostgresKeyringGuard?
        if settings.sharedStore && !keyringIsBeside(connection) && !keyringGuardHooks.disabled.load(ordering: .acquiring) {
            keyringGuard = try openKeyringGuard()
        }
        return OpenedPostgresData(engine: self, connection: connection, schemaOID: schema.oid, keyringGuard: keyringGuard, dataPlace: dataPlace)
    }

    /// `shared_store` with the keyring in another database: the keyring guard, on a connection
    /// of its own to the keyring, which must find the keyring's customer table there (its store
    /// lock held in that database, on rows its role may lock), else the start is refused.
    private func openKeyringGuard() throws -> PostgresKeyringGuard {
        let refusal = "shared_store with the keyring in another database (\(keysName)) than the data (\(dataName)) needs the keyring "
            + "guard, and its connection to \(keysName) does not find the keyring's customer table there: the keyring's store lock "
            + "(`SELECT * FROM pg_locks WHERE locktype = 'advisory' AND classid = \(Self.keyringLockTag)`) must be held in that "
            + "database (the one the keyring took its lock in, not a copy of it), on a schema whose customer table the keyring's role may read and update"
        guard let lock = heldLocks.keyring, let database = heldLocks.keyringDatabase.withLock({ $0 }), !database.isEmpty else {
            throw StoreError.unavailable(refusal)
        }
        let statementSeconds = Double(settings.statementTimeoutMilliseconds ?? 30_000) / 1000
        let idle = max(120, Int(2 * (statementSeconds + settings.commitOutcomeWaitSeconds)))
        guard let keyringGuard = try PostgresKeyringGuard(connection: try connect(keysURI), keyringLock: lock, keyringDatabase: database,
                                                          waitMilliseconds: settings.keyringGuardWaitMilliseconds, idleSeconds: idle,
                                                          hooks: keyringGuardHooks,
                                                          alsoCheck: keyringHoldsTheErasuresTheDataRecorded(skippedWhileTheDataIsAway: true))
        else { throw StoreError.unavailable(refusal) }
        return keyringGuard
    }

    package func openForReading() throws -> (keys: any KeyringRecords, data: any TranscriptRecords) {
        (try connect(keysURI), try connect(dataURI))
    }

    /// PostgreSQL is backed up with its own tools (pg_basebackup and WAL archiving, or
    /// pg_dump), which also serve point-in-time recovery: see docs/postgresql.md.
    package var onlineBackup: (any OnlineBackup)? { nil }
    package var mirrorsErasures: Bool { true }

    func connect(_ uri: String) throws -> PostgresConnection {
        try PostgresConnection(uri: uri, connectTimeoutSeconds: settings.connectTimeoutSeconds,
                               statementTimeoutMilliseconds: settings.statementTimeoutMilliseconds)
    }

    /// The embedded store's rule (`StateDirectory`: a data.db without its keys.db) on
    /// PostgreSQL: a keyring store that holds no keyring, beside a data store that holds an
    /// audit chain or sessions (a wrong `keys_store`, a keyring database lost or not
    /// restored), stops the start before anything is written in either: a new keyring could
    /// never open the existing data. (Before, a new keyring was made and the start then
    /// failed on the audit chain's MAC, blaming the data.)
    private func refuseANewKeyringBesideData(_ keys: PostgresConnection) throws {
        func holdsRows(_ c: PostgresConnection, _ table: String) throws -> Bool {
            guard try c.queryOne("SELECT to_regclass($1) IS NOT NULL", [.text(table)], row: { try $0.bool(0) ?? false }) ?? false else { return false }
            return try c.queryOne("SELECT EXISTS (SELECT 1 FROM \(table))", row: { try $0.bool(0) ?? false }) ?? false
        }
        guard try !holdsRows(keys, "keyring") else { return }
        let data = keysURI == dataURI ? keys : try connect(dataURI)
        guard try holdsRows(data, "audit_entry") || holdsRows(data, "session") else { return }
        throw StoreError.integrity("\(dataName) holds transcripts and an audit chain, but \(keysName) holds no keyring: restore the "
            + "keyring's database (or schema) from its backup, or correct keys_store. Refusing to create a new keyring, which "
            + "could never open the existing data.")
    }

    /// The session-level advisory locks a daemon holds, on the connections that write its
    /// keyring and its data, for its whole life: the high half of the key says which store
    /// ("cfdk", "cfdd"), the low half is the OID of the schema the store's tables are in
    /// (found through the search path as the store's statements find them), so
    /// one database may hold both stores, and several stores in several schemas.
    package static let keyringLockTag: Int64 = 0x6366_646B
    package static let dataLockTag: Int64 = 0x6366_6464

    /// One daemon per store, as the embedded store has one per state folder (its `flock`):
    /// two daemons over one store would each trust their own caches (a DEK, a hold) after
    /// the other changed them, and write the same audit seqs. Until several daemons share a
    /// store safely, a second one is refused before it writes anything, naming the store.
    /// The start waits up to `storeLockWaitSeconds` (10 s) for it (a daemon just killed may
    /// still hold it). The lock is
    /// taken again after every reconnect (`holdSessionLock`); if another daemon took the
    /// store meanwhile, this one answers `-32005` for good, naming it, until restarted.
    private func holdTheStore(_ connection: PostgresConnection, _ component: PostgresSchema, tag: Int64, name: String) throws {
        let schema = try checkTheSearchPath(connection, component, name: name, migrated: false)
        // A daemon killed mid-statement leaves a server process that holds the lock until it
        // notices: with this it checks its client every second even while a statement runs
        // (PostgreSQL 14 and later), and the start below waits that long.
        if connection.serverVersion >= 140000 { try connection.keepForEverySession("SET client_connection_check_interval = 1000") }
        let holders = "`SELECT pid, client_addr, mode FROM pg_locks JOIN pg_stat_activity USING (pid) WHERE locktype = 'advisory' AND "
            + "classid = \(tag)` names"
        do {
            try connection.holdSessionLock(tag << 32 | schema.oid, shared: settings.sharedStore, waitSeconds: settings.storeLockWaitSeconds,
                                            heldElsewhere: settings.sharedStore
                ? "a confide daemon serves \(name) (schema \(schema.name)) alone, without shared_store: it holds the advisory lock (classid "
                    + "\(tag), objid \(schema.oid)) of that store exclusively, and \(holders) it. Daemons share a store only if every one "
                    + "of them is started with shared_store"
                : "another confide daemon serves \(name) (schema \(schema.name)): it holds the advisory lock (classid \(tag), objid "
                    + "\(schema.oid)) of that store, and \(holders) it (mode ShareLock: daemons started with shared_store). One daemon "
                    + "per store: stop that one, give this one another database or schema, or start every daemon of the store with "
                    + "shared_store and an audit_chain of its own")
        } catch let e as PostgresError where e.sqlState == "55P03" {
            throw StoreError.unavailable(e.message)
        }
        heldLocks.add(uri: component == .keys ? keysURI : dataURI, name: name, isKeyring: component == .keys, watch: connection.lockWatch)
        if component == .keys {
            heldLocks.keyringPlace.withLock { $0 = try? connection.serverPlace() }
            // Not `try?`: without it the keyring guard is refused at start with a message about
            // its table, which would mislead (session 21's attack review, P5).
            let identity = try connection.databaseIdentity()
            heldLocks.keyringDatabase.withLock { $0 = identity }
        }
    }

    /// Whether the keyring is known to be in `data`'s database, with its `customer` table one
    /// the data's role may lock: one URI for both stores, or the same database of the same
    /// server as the keyring's session saw it when it took its lock (`serverPlace`), whatever
    /// the two URIs' spelling. Then, while the keyring's lock is not seen from the writer (its
    /// session lost), the writer serves nothing on keys it cannot check
    /// (`PostgresGroupConnection.VersionCheck.unconfirmed`). (Session 17's attack review: one
    /// database named by two URI strings was "off" after a lost keyring session, and a read
    /// served plaintext from cached keys after another daemon's shred.)
    func keyringIsBeside(_ data: PostgresConnection) -> Bool {
        if keysURI == dataURI { return true }
        guard let place = heldLocks.keyringPlace.withLock({ $0 }), let watch = heldLocks.keyring,
              let here = try? data.serverPlace(), here == place else { return false }
        return (try? data.mayLockCustomers(inSchema: watch.key.load(ordering: .acquiring) & 0xFFFF_FFFF)) ?? false
    }

    /// The store's schema: the first schema of the search path (`current_schema()`), where
    /// the migrator creates its tables. Every table of the store that the search path
    /// reaches must be in it, and once migrated all of them must be: a path that reaches a
    /// store's tables (or a decoy `confide_schema`) further along would let the lock name one
    /// schema while the statements use another, so two daemons could serve one store.
    /// Refused at start, naming the table and where it was found.
    @discardableResult
    private func checkTheSearchPath(_ connection: PostgresConnection, _ component: PostgresSchema, name: String,
                                    migrated: Bool) throws -> (oid: Int64, name: String) {
        guard let schema = try connection.queryOne(
            "SELECT oid::int8, nspname::text FROM pg_namespace WHERE nspname = current_schema()", row: { (oid: try $0.int64(0), name: try $0.text(1) ?? "") })
        else {
            throw StoreError.unavailable("\(name): no schema of its search path exists (current_schema() is NULL); create the store's "
                + "schema or correct search_path")
        }
        for table in Self.tables(of: component) {
            let found = try connection.queryOne("""
                SELECT n.oid::int8, n.nspname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = to_regclass($1)
                """, [.text(table)], row: { (oid: try $0.int64(0), name: try $0.text(1) ?? "") })
            if let found, found.oid != schema.oid {
                throw StoreError.integrity("\(name): its search path reaches table \(table) in schema \(found.name), not in its first "
                    + "schema \(schema.name), where confide keeps the store: put the store's schema first in search_path "
                    + "(options=-csearch_path=\(found.name)), or remove the stray table")
            }
            if found == nil && migrated {
                throw StoreError.integrity("\(name): table \(table) is missing from schema \(schema.name) although its "
                    + "confide_schema says the store is migrated: restore the schema from its backup")
            }
        }
        return schema
    }

    /// The tables a component's migrations create, and `confide_schema`.
    static func tables(of component: PostgresSchema) -> [String] {
        let pattern = /CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/
        let created = ((try? PostgresMigrator.embedded(component).migrations) ?? []).flatMap { step in
            step.sql.matches(of: pattern).map { String($0.1) }
        }
        return ["confide_schema"] + created
    }

    private func migrate(_ connection: PostgresConnection, _ schema: PostgresSchema, options: TranscriptStore.Options) throws {
        try PostgresMigrator.embedded(schema).migrate(connection, willApply: { step, from in
            if from > 0 { options.willMigrate?("the \(schema.rawValue) schema in \(connection.target)", step.version, step.name) }
        })
    }

    /// `uri` without its password (`postgresql://user:secret@host/db` → `postgresql://user@host/db`),
    /// and without a `password=` parameter, for messages and logs.
    package static func redacted(_ uri: String) -> String {
        var s = uri
        if let scheme = s.range(of: "://"), let at = s[scheme.upperBound...].firstIndex(of: "@") {
            let userInfo = s[scheme.upperBound..<at]
            if let colon = userInfo.firstIndex(of: ":") { s.removeSubrange(colon..<at) }
        }
        return s.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let eq = part.range(of: "password=") else { return String(part) }
            return String(part[..<eq.upperBound]) + "…"
        }.joined(separator: "&")
    }
}

/// The data schema opened for a daemon: its writer connection, then the readers.
private struct OpenedPostgresData: OpenedDataStore {
    let engine: PostgresEngine
    let connection: PostgresConnection
    /// The OID of the data's schema (the store lock's key holds it too).
    let schemaOID: Int64
    /// `shared_store` with the keyring elsewhere: the writer's keyring guard.
    let keyringGuard: PostgresKeyringGuard?
    /// Where the data's first connection found the data (database and schema identity):
    /// every session of the readers must be there too (`refuseAnotherDatabaseAfterAReconnect`).
    let dataPlace: String

    /// "ca" (16 bits), the schema's OID (32), the chain (16): one key per chain of a store.
    static func auditChainLockKey(schemaOID: Int64, chain: Int) -> Int64 {
        Int64(0x6361) << 48 | (schemaOID & 0xFFFF_FFFF) << 16 | Int64(chain & 0xFFFF)
    }

    func holdAuditChain(_ chain: Int, name: String?) throws {
        guard chain <= 0xFFFF else { throw StoreError.unavailable("audit chain \(chain): a store keeps at most 65,536 chains") }
        do {
            try connection.holdSessionLock(Self.auditChainLockKey(schemaOID: schemaOID, chain: chain), waitSeconds: engine.settings.storeLockWaitSeconds,
                                            heldElsewhere:
                "another confide daemon appends to audit chain \(chain)\(name.map { " (\"\($0)\")" } ?? " (the store's first)") of "
                + "\(engine.dataName): every daemon sharing a store needs an audit_chain name of its own")
        } catch let e as PostgresError where e.sqlState == "55P03" {
            throw StoreError.unavailable(e.message)
        }
    }

    var records: any TranscriptRecords & Transactional { connection }

    func parts(chain: AuditChain, clock: any Clock, options: TranscriptStore.Options) throws
        -> (writer: any TranscriptWriter, readers: any SnapshotReader, scrubber: any LogScrubber) {
        // Whether the writer checks customers' versions: asked of the server, and asked again
        // while it says no (`PostgresGroupConnection.VersionCheck`). Where the keyring is known
        // to be in the data's database (`keyringIsBeside`), lock seen or not, a no fails closed.
        let group = try PostgresGroupConnection(connection, outcomeWaitSeconds: engine.settings.commitOutcomeWaitSeconds,
                                                keyring: engine.heldLocks.keyring, keyringHere: engine.keyringIsBeside(connection),
                                                auditChain: chain.chainID, sharedStore: engine.settings.sharedStore,
                                                keyringGuard: keyringGuard, guardHooks: engine.keyringGuardHooks, versionCheckChanged: options.versionCheckChanged)
        let writer = GroupCommitWriter(connection: group, chain: chain, clock: clock, maxGroupSize: options.maxGroupSize,
                                       guardLost: options.keyringGuardLost)
        let reader = { () throws -> PostgresConnection in
            let c = try engine.connect(engine.dataURI)
            try engine.refuseAnotherDatabaseAfterAReconnect(c, name: engine.dataName, data: true, startedOn: dataPlace)
            return c
        }
        let readers = PostgresSnapshotReader(connections: try (0..<max(1, options.readerCount)).map { _ in try reader() },
                                             reserved: try reader())
        return (writer, readers, PostgresLogScrubber())
    }
}

/// The store locks an engine's connections hold (`PostgresEngine.holdTheStore`), by store:
/// what the health probe checks against `pg_locks`.
final class HeldStoreLocks: Sendable {
    private let locks = Mutex<[(uri: String, name: String, isKeyring: Bool, watch: SessionLockWatch)]>([])

    func add(uri: String, name: String, isKeyring: Bool, watch: SessionLockWatch) { locks.withLock { $0.append((uri, name, isKeyring, watch)) } }
    /// Where the keyring's session was when it took its lock (`PostgresConnection.serverPlace`).
    let keyringPlace = Mutex<String?>(nil)
    /// The database the keyring's session took its lock in (`PostgresConnection.databaseIdentity`):
    /// the keyring guard's sessions must be on that one.
    let keyringDatabase = Mutex<String?>(nil)
    /// The keyring connection's lock, once held: which server process holds which key.
    var keyring: SessionLockWatch? { locks.withLock { $0.first { $0.isKeyring && $0.watch.held.load(ordering: .acquiring) }?.watch } }
    /// The locks held on `uri` (the ones given back, after `close`, left out).
    func held(on uri: String) -> [(name: String, watch: SessionLockWatch)] {
        locks.withLock { $0.filter { $0.uri == uri && $0.watch.held.load(ordering: .acquiring) }.map { ($0.name, $0.watch) } }
    }
}
