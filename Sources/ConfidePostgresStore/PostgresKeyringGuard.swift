import ConfideCore
import ConfidePostgres
import Foundation
import Synchronization

/// The keyring guard (docs/design/keyring-elsewhere.md): with `shared_store` and the keyring
/// in another database, the writer's group locks the customers its jobs rely on there, on
/// this connection of its own, before the data transaction takes any lock, and keeps them
/// locked until the data COMMIT has returned. Another daemon's shred or new DEK generation
/// (CFCU exclusive, then the row) waits for the group, or committed before and is seen.
///
/// A READ COMMITTED transaction that writes nothing: `BEGIN` and the read-ahead's own
/// statement (`customerVersionsLockSQL`: CFCU shared, then `FOR SHARE`) in one round trip, then, after the data
/// COMMIT, `ROLLBACK`, which counts as the proof (`confirm`) that the locks were held all
/// along: same server process, transaction still open and clean, answer received. Used by
/// the writer's thread only. Never the `Keyring`'s connection (that one serves every request,
/// and retention holds it while it waits for the writer) and never `confidew` (the keyring's
/// database-wide lock, held by retention while it waits for the writer): either would
/// deadlock.
final class PostgresKeyringGuard {
    private var connection: PostgresConnection
    /// The keyring's store lock, whose holder tells where its table is.
    private let keyringLock: SessionLockWatch
    /// The database the keyring's session took that lock in (`databaseIdentity`). The lock's
    /// key names a schema by OID, and a copy of the keyring's database (`CREATE DATABASE …
    /// TEMPLATE`) has the same schema OIDs: where another daemon holds the same key in such a
    /// copy, the table check alone passes, and the guard would lock rows no erasure ever
    /// waits for (session 20's attack review, T2). Every session of the guard must be here.
    private let keyringDatabase: String
    /// The settings every session of the guard gets (`keepForEverySession`).
    private let sessionSettings: [String]
    /// The keyring's customer table, schema-qualified, found at start on this connection.
    let table: String
    /// The session on which `table` was last found again (`keyringCustomerTable`): a new
    /// session must find the same table before it locks anything (a pooler or a DNS change
    /// may have sent it to another database).
    private var confirmedSession: Int32
    /// The server process that holds the locks, and the customers locked, while `holding`.
    private var lockingPID: Int32 = 0
    private(set) var lockedCustomers: [[UInt8]] = []
    private(set) var holding = false
    /// Test hooks; the guard tells them its server process.
    let hooks: KeyringGuardHooks

    /// Opens the guard on `connection` (to the keyring's database): nil when the keyring's
    /// table is not found there (its store lock not held in that database, or this role may not
    /// lock its rows).
    init?(connection: PostgresConnection, keyringLock: SessionLockWatch, keyringDatabase: String, waitMilliseconds: Int, idleSeconds: Int,
          hooks: KeyringGuardHooks, alsoCheck: ((PostgresConnection) throws -> String?)? = nil) throws {
        self.connection = connection
        self.hooks = hooks
        self.keyringLock = keyringLock
        self.keyringDatabase = keyringDatabase
        sessionSettings = [
            // It never commits anything; belt and braces.
            "SET synchronous_commit = off",
            // A change holds CFCU exclusively for a short keyring transaction: past this wait the
            // relying jobs fail (customerChanged) rather than stall the writer for ever.
            "SET lock_timeout = \(max(1, waitMilliseconds))",
            // A wedged writer lets go of the locks; the confirmation then fails and says so.
            "SET idle_in_transaction_session_timeout = \(max(1, idleSeconds) * 1000)",
            "SET application_name = 'confide keyring guard (pid \(getpid()))'",
        ] + (connection.serverVersion >= 140000 ? ["SET client_connection_check_interval = 1000"] : [])
        for setting in sessionSettings { try connection.keepForEverySession(setting) }
        // `BEGIN` goes out with the lock statement: one round trip, not two.
        connection.defersWrites = true
        let onTheKeyringsDatabase = Self.onTheKeyringsDatabase(keyringDatabase)
        connection.checkNewSession = { c in try onTheKeyringsDatabase(c) ?? alsoCheck?(c) }
        guard try PostgresConnection.isSameDatabase(keyringDatabase, connection.databaseIdentity()),
              let table = try connection.keyringCustomerTable(sessionLock: keyringLock) else { return nil }
        self.table = table
        confirmedSession = connection.lockWatch.currentPID
        hooks.guardPID.store(connection.backendPID, ordering: .releasing)
    }

    /// BEGIN, then locks `handles` (deduplicated, not empty) and returns their versions (an
    /// erased customer is absent). Throws when they cannot be locked (connection lost,
    /// `lock_timeout`, the table not found again on a new session): the caller fails the
    /// relying jobs closed.
    func acquire(_ handles: [[UInt8]]) throws -> LockedCustomerRows {
        abandon()
        try confirmTableOnANewSession()
        try connection.begin(.readCommitted)
        lockingPID = connection.backendPID
        hooks.guardPID.store(lockingPID, ordering: .releasing)
        guard connection.lockWatch.currentPID == confirmedSession else {
            abandon()
            throw StoreError.unavailable("the keyring guard's connection started a new session before its table was found again")
        }
        let padded = PostgresConnection.paddedCustomerCount(handles.count)
        let values = (0..<padded).map { PostgresValue.bytea(handles[$0 < handles.count ? $0 : 0]) }
        var rows = LockedCustomerRows()
        do {
            _ = try connection.query(Self.lockSQL(padded, table: table), values) { r in try rows.add(r) }
        } catch {
            abandon()
            throw error
        }
        lockedCustomers = handles
        holding = true
        return rows
    }

    /// After the data COMMIT: true when the locks were held until now. Sends `ROLLBACK` only
    /// when the connection is up, on the same server process, with the transaction open and
    /// clean; true only when its answer came back. Nothing is sent on the guard between
    /// `acquire` and this, so its transaction cannot have aborted by error: a terminated
    /// process, a restart or a network loss shows as a failed round trip.
    func confirm() -> Bool {
        guard holding else { return true }
        holding = false
        defer { connection.rollbackIfOpen() }  // forgets the transaction, whatever happened
        guard connection.transactionIsIntact, connection.backendPID == lockingPID else { return false }
        do { try connection.execute("ROLLBACK") } catch { return false }
        return true
    }

    /// Lets go of the locks (ROLLBACK when a transaction is open): the group was undone.
    func abandon() {
        holding = false
        connection.rollbackIfOpen()
    }

    /// After a failed `confirm`: the customers' versions now, on a new session (which must
    /// find the same table first), read under the guard's own locks (CFCU shared, then `FOR
    /// SHARE`, within `lock_timeout`) and let go at once. The locks matter: an erasure point
    /// of another daemon that has locked the row and deleted the keys but not yet committed
    /// still shows the row to a plain read, which took the customer for not erased and
    /// answered a write whose rows that erasure then purged (session 20's attack review);
    /// locked, the read waits for that erasure and finds the row gone. An equal or newer
    /// version then means the customer was not erased: a version only grows and an erasure
    /// is final (a customer created again has a new handle).
    func recheck(_ handles: [[UInt8]]) throws -> LockedCustomerRows {
        connection.rollbackIfOpen()
        try confirmTableOnANewSession()
        if let hook = hooks.beforeRecheckBegins.withLock({ $0 }) { hook() }
        let padded = PostgresConnection.paddedCustomerCount(handles.count)
        let values = (0..<padded).map { PostgresValue.bytea(handles[$0 < handles.count ? $0 : 0]) }
        var rows = LockedCustomerRows()
        try connection.begin(.readCommitted)
        defer { connection.rollbackIfOpen() }
        // As in `acquire`: the deferred `BEGIN` may have met a session that ended after the table
        // was found again, and made a new one. Its database is checked (`onTheKeyringsDatabase`),
        // its schema is not: a schema swapped in place (an older copy renamed into the keyring's
        // schema's name) would be read, and an erased customer taken for alive (session 22's
        // attack review, S22-1). The caller answers as for a recheck that could not be made.
        guard connection.lockWatch.currentPID == confirmedSession else {
            throw StoreError.unavailable("the keyring guard's connection started a new session before its recheck, after the "
                + "keyring's table was found again")
        }
        _ = try connection.query(Self.lockSQL(padded, table: table), values) { r in try rows.add(r) }
        return rows
    }

    /// On a session other than the one that last found the table (a reconnect, done by the
    /// query itself when the connection dropped): the same query must find the same table.
    private func confirmTableOnANewSession() throws {
        if let uri = hooks.nextSessionURI.withLock({ uri in defer { uri = nil }; return uri }) {
            let moved = try PostgresConnection(uri: uri)
            for setting in sessionSettings { try moved.keepForEverySession(setting) }
            moved.defersWrites = true
            moved.checkNewSession = connection.checkNewSession
            connection = moved
        }
        try connection.reconnectIfDropped()
        guard connection.lockWatch.currentPID != confirmedSession else { return }
        guard try PostgresConnection.isSameDatabase(keyringDatabase, connection.databaseIdentity()) else {
            throw StoreError.unavailable("the keyring guard's new session is on another database than the one the keyring took its lock "
                + "in (another cluster, a copy of the keyring's database, or a new WAL timeline: a promoted standby or a restored "
                + "backup): requests on cached keys fail closed")
        }
        let found = try connection.keyringCustomerTable(sessionLock: keyringLock)
        guard found == table else {
            throw StoreError.unavailable("the keyring guard's new session does not find the keyring's customer table \(table) (its "
                + "store lock is not held in that database, or this role may not lock its rows): requests on cached keys fail closed")
        }
        confirmedSession = connection.lockWatch.currentPID
        hooks.guardPID.store(connection.backendPID, ordering: .releasing)
    }

    /// Every new session of the guard's connection, whatever statement makes it (a deferred
    /// `BEGIN` meets a session that ended while idle and reconnects at once, after
    /// `confirmTableOnANewSession` ran: session 21's attack review, P1), must be on the keyring's
    /// database, or the connection refuses for good, as the keyring's own does
    /// (`PostgresEngine.refuseAnotherDatabaseAfterAReconnect`). Without it a `recheck` after a
    /// lapse read an erased customer's row from an older copy renamed into the keys database's
    /// place, and a write under her destroyed keys was answered as committed
    /// (`KeyringGuardRecheckTests`).
    private static func onTheKeyringsDatabase(_ keyringDatabase: String) -> (PostgresConnection) throws -> String? {
        { c in
            let now = try c.databaseIdentity()
            guard try !PostgresConnection.isSameDatabase(keyringDatabase, now) else { return nil }
            return "the keyring guard's new session is on another database (\(now)) than the one the keyring took its lock in "
                + "(\(keyringDatabase)): a keys database restored or copied under the same name is not served by a running daemon; "
                + "restart this daemon"
        }
    }

    /// The guard's statement for `count` handles (a power of two), built once per size.
    private static func lockSQL(_ count: Int, table: String) -> String {
        builtSQLs.withLock { cache in
            let key = "\(count) \(table)"
            if let sql = cache[key] { return sql }
            let sql = PostgresConnection.customerVersionsLockSQL(handles: count, firstParameter: 1, table: table)
            cache[key] = sql
            return sql
        }
    }
    private static let builtSQLs = Mutex<[String: String]>([:])
}

/// Customer rows as `customerVersionsLockSQL` returns them, by handle (an erased customer
/// is absent).
package struct LockedCustomerRows: Equatable {
    package var versions: [[UInt8]: Int64] = [:]
    package var holdChanges: [[UInt8]: Int64] = [:]

    /// Reads one row (handle, version, hold_changes).
    mutating func add(_ r: PostgresRow) throws {
        let handle = try r.bytea(0) ?? []
        versions[handle] = try r.int64(1)
        holdChanges[handle] = try r.int64(2)
    }
}

/// Test hooks and switches of the keyring guard of one engine (shared by its copies).
package final class KeyringGuardHooks: Sendable {
    /// Runs on the writer's thread once a group's guard holds its customers, before the data
    /// transaction begins.
    package let afterGuard = Mutex<(@Sendable () -> Void)?>(nil)
    /// Runs on the writer's thread after the data COMMIT returned, before the guard is confirmed.
    package let afterCommitBeforeGuardEnd = Mutex<(@Sendable () -> Void)?>(nil)
    /// Testing only: start `shared_store` with the keyring elsewhere without a guard (requests
    /// on cached keys unchecked, as the refusal bypassed), to see the tests fail without it.
    package let disabled = Atomic<Bool>(false)
    /// Testing only: let go of the guard right after the data COMMIT without confirming it (as
    /// if steps 5 and 6 of the design were swapped, or the confirmation left out), to see the
    /// tests of the confirmation fail without it.
    package let skipsConfirmation = Atomic<Bool>(false)
    /// The guard's server process (0: none yet), for tests that end it.
    package let guardPID = Atomic<Int32>(0)
    /// Runs on the writer's thread in `recheck`, after the table was found again and before its
    /// `BEGIN` goes out.
    package let beforeRecheckBegins = Mutex<(@Sendable () -> Void)?>(nil)
    /// Testing only: the guard's next new session goes to this URI instead (as a pooler or a
    /// DNS change could send it to another database), once.
    package let nextSessionURI = Mutex<String?>(nil)
    package init() {}
}
