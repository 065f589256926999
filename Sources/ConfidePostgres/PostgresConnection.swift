import CLibPQ
import Foundation
import Synchronization

/// One PostgreSQL connection (`PGconn*`, libpq), owned by this object and closed on release.
///
/// Not thread-safe: each connection is used by one thread at a time, like a SQLite
/// `Database`. Statements are prepared on the server once per connection and cached;
/// parameters and results travel in binary format.
public final class PostgresConnection {
    /// Transaction isolation for `transaction`.
    public enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// The raw handle, for the few calls this wrapper does not cover.
    public let handle: OpaquePointer
    /// Where it is connected, for messages: database, user, host or socket folder, port.
    /// Never the password.
    public let target: String
    private var statementCache: [StatementKey: PostgresStatement] = [:]
    private var preparedCount = 0
    /// Replayed on every new session (`reconnect`).
    private let statementTimeoutMilliseconds: Int?
    /// A transaction was open when the connection dropped: every statement fails until the
    /// caller's rollback ends that transaction, so no statement of it runs on a new session
    /// (where it would commit on its own, half of what the caller meant).
    private var lostInTransaction = false
    /// Settings made with `keepForEverySession`, replayed on every new session (`reconnect`).
    private var sessionSettings: [String] = []
    /// When a reconnect last failed, and how long to wait before the next try (backoff).
    private var reconnectBackoff: (failedAt: Double, wait: Double)?
    /// The SQL of each statement `write` sent in pipeline mode whose answer is not read yet,
    /// in the order sent.
    private var unreadWrites: [String] = []
    /// Ids taken from a table's identity sequence and not used yet (`reservedID`), by
    /// table and column.
    private var reservedIDs: [String: ArraySlice<Int64>] = [:]

    /// Rows a layer above read ahead for the transaction in progress, under keys of its
    /// choosing (the store's `readAheadSessions`). Emptied whenever a transaction begins or
    /// ends and on every new session, so nothing read ahead outlives its transaction.
    public var readAhead: [String: Any] = [:]

    /// What a layer above keeps for the connection's whole life, across reconnects, under
    /// keys of its choosing (the store: the keyring's table its writer locks).
    public var attachments: [String: Any] = [:]

    /// When true, `write` sends its statement without waiting for the answer (libpq
    /// pipeline mode), and the next statement that must be waited for (`result`, `query`,
    /// `commit`, ...) goes out behind it: the writes cost no round trip of their own. The
    /// answers are read then, in order, and the first error among them is thrown by that
    /// statement (which the server skipped). A transaction a write failed in is aborted on
    /// the server, so its `commit` fails whoever caught the error. For the group-commit
    /// writer's connection, whose writes are many and whose answers are rarely needed.
    public var defersWrites = false
    /// With `defersWrites`: consecutive writes to different tables go out as one statement
    /// (`PostgresWriteMerger` says when that means the same). On by default; off, each write
    /// is its own statement (`PostgresJoinedWriteTests` runs both).
    public var joinsWrites = true
    /// The deferred writes being joined into one statement, not sent yet.
    private var merger = PostgresWriteMerger()
    /// Most statements a pipeline carries before it is read: their answers (about 20
    /// bytes each) must fit the socket buffers while the client is still writing.
    private static let maximumUnreadWrites = 512

    private struct StatementKey: Hashable {
        let sql: String
        let types: [Oid]
    }

    /// Connects to `uri` (`postgresql://user@host/db?sslmode=verify-full` or a
    /// `key=value` conninfo string), waiting at most `connectTimeoutSeconds` (unless the URI
    /// sets its own `connect_timeout`). With `statementTimeoutMilliseconds`, every statement
    /// that runs longer fails with SQLSTATE 57014. Throws a `PostgresError` with libpq's
    /// message when the server cannot be reached or refuses the login.
    public init(uri: String, connectTimeoutSeconds: Int = 10, statementTimeoutMilliseconds: Int? = nil,
                applicationName: String = "confide") throws {
        // Earlier keywords are defaults: the expanded `dbname` (the URI) overrides them.
        let parameters = [
            ("connect_timeout", String(max(2, connectTimeoutSeconds))),
            ("client_encoding", "UTF8"),
            ("fallback_application_name", applicationName),
        ] + DeadPeerDetection.standard.clientParameters + [
            ("dbname", uri),
        ]
        let keys = parameters.map { strdup($0.0) }, values = parameters.map { strdup($0.1) }
        defer { (keys + values).forEach { free($0) } }
        let conn: OpaquePointer? = (keys.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { k in
            (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { v in
                PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
            }
        }
        guard let conn else { throw PostgresError(message: "cannot connect: libpq is out of memory", connectionBroken: true) }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(conn))
            PQfinish(conn)
            throw PostgresError(message: "cannot connect: \(message)", connectionBroken: true)
        }
        self.handle = conn
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        let socket = String(cString: PQhost(conn))
        self.target = "database \(String(cString: PQdb(conn))) as \(String(cString: PQuser(conn))) at \(socket):\(String(cString: PQport(conn)))"
        // Notices ("relation already exists, skipping") would go to stderr unasked.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        sessionBackendPID = PQbackendPID(conn)
        lockWatch.sessions.store(Int64(UInt32(bitPattern: sessionBackendPID)), ordering: .releasing)  // observers do not run in init
        if let statementTimeoutMilliseconds {
            try execute("SET statement_timeout = \(max(0, statementTimeoutMilliseconds))")
        }
        // The server's side of the same: over TCP, a session whose client fell silent ends
        // within seconds, and with it the locks it holds (the store's, the scheduler's lead).
        if let setting = DeadPeerDetection.standard.serverSetting(serverVersion: serverVersion) { try keepForEverySession(setting) }
    }

    deinit {
        statementCache.removeAll()
        PQfinish(handle)
    }

    /// True while the connection is usable (`PQstatus` is `CONNECTION_OK`).
    public var isConnected: Bool { !mustReset && PQstatus(handle) == CONNECTION_OK }
    /// The session is out of step with what this object expects (a pipeline that could not
    /// be read to its end): treated as dropped, so the next statement reconnects.
    private var mustReset = false

    /// Opens a new session on the same server (`PQreset`) when the connection dropped (a
    /// server restart, a terminated backend, a network cut), at most once per backoff step
    /// (0.1 s doubling to 5 s while it keeps failing). Never inside a transaction: after a
    /// drop mid-transaction, statements fail until the caller rolls back. Prepared
    /// statements, the statement timeout and `keepForEverySession` settings are made
    /// again. Called before each statement, so a caller just retries its request.
    public func reconnectIfDropped() throws {
        guard !isConnected else { return }
        if let lockLost { throw PostgresError(sqlState: "55P03", message: lockLost, connectionBroken: true) }
        guard !lostInTransaction && !openedTransaction else {
            throw PostgresError(message: "the connection dropped inside a transaction; it was not committed", connectionBroken: true)
        }
        let now = Date().timeIntervalSince1970
        if let backoff = reconnectBackoff, now - backoff.failedAt < backoff.wait {
            throw PostgresError(message: "the connection to \(target) is down; the next reconnect is due in "
                + "\(Int(((backoff.wait - (now - backoff.failedAt)) * 1000).rounded(.up))) ms", connectionBroken: true)
        }
        statementCache.removeAll()  // the server's prepared statements went with the old session
        readAhead.removeAll()
        previousBackendPID = sessionBackendPID
        PQreset(handle)
        mustReset = false
        guard PQstatus(handle) == CONNECTION_OK else {
            reconnectBackoff = (now, min(5, (reconnectBackoff?.wait ?? 0.05) * 2))
            throw PostgresError(message: "cannot reconnect to \(target): \(Self.trimmed(PQerrorMessage(handle)))", connectionBroken: true)
        }
        reconnectBackoff = nil
        sessionBackendPID = PQbackendPID(handle)
        do {
            if let statementTimeoutMilliseconds {
                try execute("SET statement_timeout = \(max(0, statementTimeoutMilliseconds))")
            }
            for setting in sessionSettings { try execute(setting) }
            for sessionLock in sessionLocks {
                do { try takeSessionLock(sessionLock, previousSession: previousBackendPID) } catch let e as PostgresError where e.sqlState == "55P03" {
                    lockLost = e.message + ". It took this store while this daemon's connection was down: restart this "
                        + "daemon once that one has stopped (what it changed is not in this one's caches)"
                    endRefusedSession()
                    throw PostgresError(sqlState: "55P03", message: lockLost!, connectionBroken: true)
                }
            }
            if let checkNewSession, let reason = try checkNewSession(self) {
                lockLost = reason
                endRefusedSession()
                throw PostgresError(sqlState: "55P03", message: reason, connectionBroken: true)
            }
        } catch {
            // A session without its settings or its lock is not this connection's: the next
            // use tries a new one (after the backoff step), nothing runs on this one.
            mustReset = true
            reconnectBackoff = (now, min(5, (reconnectBackoff?.wait ?? 0.05) * 2))
            throw error
        }
    }

    /// Takes the session-level advisory lock `key` now, and again on every new session after
    /// a reconnect, for as long as this connection lives. The lock ends with the session, so
    /// a process that dies (kill -9) releases it as soon as its server process notices;
    /// meanwhile the first take waits up to `waitSeconds`. Then, and on a new session that
    /// finds another session holding it, throws `heldElsewhere` (SQLSTATE `55P03`, a
    /// connection loss: `-32005`). A new session that finds its own previous session still
    /// holding the lock (a network cut the server has not noticed yet) ends that session and
    /// takes the lock: nobody else can have held it in between. What it is for: one daemon
    /// per store (`PostgresEngine`), or, `shared`, daemons that share a store among
    /// themselves but not with one that serves it alone; and one daemon per audit chain.
    /// A connection may hold several; `lockWatch` follows the first.
    public func holdSessionLock(_ key: Int64, shared: Bool = false, waitSeconds: Double = 0, heldElsewhere: String) throws {
        let lock = SessionLock(key: key, shared: shared, heldElsewhere: heldElsewhere)
        let deadline = Date().addingTimeInterval(waitSeconds)
        while true {
            do {
                try takeSessionLock(lock, previousSession: nil)
                break
            } catch let e as PostgresError where e.sqlState == "55P03" && Date() < deadline {
                usleep(100_000)
            }
        }
        sessionLocks.append(lock)
        guard sessionLocks.count == 1 else { return }
        lockWatch.key.store(key, ordering: .releasing)
        lockWatch.shared.store(shared, ordering: .releasing)
        lockWatch.held.store(true, ordering: .releasing)
    }

    /// Gives the locks of `holdSessionLock` back (when the session still holds them) and
    /// stops taking them on new sessions.
    public func releaseSessionLock() {
        guard !sessionLocks.isEmpty else { return }
        let locks = sessionLocks
        sessionLocks = []
        lockWatch.held.store(false, ordering: .releasing)
        if isConnected && !isInTransaction {
            for lock in locks.reversed() {
                _ = try? queryOne("SELECT pg_advisory_unlock\(lock.shared ? "_shared" : "")($1)", [.int8(lock.key)], row: { try $0.bool(0) })
            }
        }
    }

    /// Ends a new session refused for good (`lockLost`): nothing will run on it again, and
    /// left open it would keep the locks it took (the store's, in a copy renamed into place)
    /// and a connection slot until the daemon stops, so no other daemon could take that store.
    /// Shutting the socket makes the server end the session at once; the handle is freed
    /// with the connection, and `reconnectIfDropped` never resets it again.
    private func endRefusedSession() {
        mustReset = true
        let socket = PQsocket(handle)
        if socket >= 0 { shutdown(socket, Int32(SHUT_RDWR)) }
    }

    private struct SessionLock { let key: Int64; let shared: Bool; let heldElsewhere: String }
    private var sessionLocks: [SessionLock] = []
    /// Run on every new session after a reconnect, once the lock of `holdSessionLock` is
    /// taken again: a reason to refuse this connection for good, as when the lock was found
    /// held elsewhere (`sessionLockLost`), or nil. For what the lock alone cannot tell:
    /// another process that held it and let go while this one's session was down.
    public var checkNewSession: ((PostgresConnection) throws -> String?)?
    /// What a layer above keeps with this connection for its `checkNewSession` (the store:
    /// the erasures the keyring's connection committed). The connection never reads it.
    public var attachment: AnyObject?
    /// Set when a new session found the lock held by another session: for good, since
    /// whatever that one changed meanwhile is not in this process's caches.
    private var lockLost: String? {
        didSet { lockLostFlag.store(lockLost != nil, ordering: .releasing) }
    }
    private let lockLostFlag = Atomic<Bool>(false)
    /// True once a new session found the lock of `holdSessionLock` held by another session
    /// (every statement fails from then on). Safe to read from any thread, unlike the rest
    /// of the connection: for a health probe.
    public var sessionLockLost: Bool { lockLostFlag.load(ordering: .acquiring) }
    /// The server process of the current session, and of the one before the last reconnect
    /// (`PQbackendPID` answers 0 once libpq sees the connection bad, so it is kept here).
    private var sessionBackendPID: Int32 = 0 {
        didSet { lockWatch.sessions.store(Int64(oldValue) << 32 | Int64(UInt32(bitPattern: sessionBackendPID)), ordering: .releasing) }
    }
    private var previousBackendPID: Int32 = 0

    /// What another thread may ask about the lock of `holdSessionLock`: see `SessionLockWatch`.
    public let lockWatch = SessionLockWatch()

    private func takeSessionLock(_ lock: SessionLock, previousSession: Int32?) throws {
        let tryLock = "SELECT pg_try_advisory_lock\(lock.shared ? "_shared" : "")($1)"
        if try queryOne(tryLock, [.int8(lock.key)], row: { try $0.bool(0) }) == true { return }
        if let previousSession, previousSession != 0,
           try queryOne("""
               SELECT pg_terminate_backend(pid, 5000) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted
               AND ((classid::int8 << 32) | objid::int8) = $1 AND pid = $2
               """, [.int8(lock.key), .int8(Int64(previousSession))], row: { try $0.bool(0) }) == true,
           try queryOne(tryLock, [.int8(lock.key)], row: { try $0.bool(0) }) == true {
            return
        }
        throw PostgresError(sqlState: "55P03", message: lock.heldElsewhere, connectionBroken: true)
    }

    /// Runs `setting` (a `SET`) now and again on every new session after a reconnect. A
    /// plain `execute("SET …")` ends with its session: after a drop, the role's or the
    /// database's default would come back (`synchronous_commit = off`, say) unnoticed.
    public func keepForEverySession(_ setting: String) throws {
        try execute(setting)
        sessionSettings.append(setting)
    }

    /// The server process serving this connection (`pg_backend_pid()`), for
    /// `pg_stat_activity` and `pg_terminate_backend`.
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Whether the server still runs the process `pid` (`pg_stat_activity`): once a session's
    /// process has ended, whatever transaction it ran has committed or rolled back for good.
    public func serverProcessExists(pid: Int32) throws -> Bool {
        guard pid > 0 else { return false }
        return try queryOne("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1)", [.int8(Int64(pid))]) { try $0.bool(0) } == true
    }

    /// The server's version as a number (150018 for 15.18).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// libpq's version as a number, for `confide --version`.
    public static var libraryVersion: Int { Int(PQlibVersion()) }

    /// Runs one or more SQL statements that bind nothing (simple query protocol; rows, if
    /// any, are discarded). For migrations and session settings.
    public func execute(_ sql: String) throws {
        try flushWrites()  // the simple query protocol has no place in a pipeline
        if !isInTransaction { try reconnectIfLost() }
        _ = try check(PQexec(handle, sql), sql: sql)
    }

    /// A prepared statement for `sql` with these parameter types, cached on this connection.
    func cachedStatement(_ sql: String, types: [Oid]) throws -> PostgresStatement {
        let key = StatementKey(sql: sql, types: types)
        if let s = statementCache[key] { return s }
        try flushWrites()  // preparing waits for its answer, which pipeline mode does not allow
        preparedCount += 1
        let s = try PostgresStatement(connection: self, name: "s\(preparedCount)", sql: sql, parameterTypes: types)
        statementCache[key] = s
        return s
    }

    /// Runs `sql` (`$1`, `$2`, ... for `values`) as a cached prepared statement, with
    /// parameters and results in binary format.
    public func result(_ sql: String, _ values: [PostgresValue]) throws -> PostgresResult {
        try sendJoinedWrites()
        if unreadWrites.isEmpty { try reconnectIfLost() }
        let statement = try cachedStatement(sql, types: values.map(\.typeOID))
        if !unreadWrites.isEmpty {
            guard let r = try readPipeline(endingWith: (statement, values)) else {
                throw PostgresError(message: "no answer to the statement", sql: sql, connectionBroken: !isConnected)
            }
            return r
        }
        let raw = Self.withBinaryParameters(values) { pointers, lengths, formats in
            PQexecPrepared(handle, statement.name, Int32(values.count), pointers, lengths, formats, 1)
        }
        return try check(raw, sql: sql)
    }

    /// Calls `body` with `values` in libpq's binary parameter arrays (values, lengths,
    /// formats), valid only during the call. Every value is written once into one buffer
    /// (plus a byte, so an empty bytea still gets a non-nil pointer: nil means NULL).
    private static func withBinaryParameters<R>(_ values: [PostgresValue],
                                                _ body: ([UnsafePointer<CChar>?], [Int32], [Int32]) -> R) -> R {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(values.reduce(1) { $0 + $1.binaryCount })
        var offsets: [Int] = []  // -1 for NULL
        offsets.reserveCapacity(values.count)
        var lengths: [Int32] = []
        lengths.reserveCapacity(values.count)
        for value in values {
            let start = buffer.count
            guard value.appendBinary(to: &buffer) else {
                offsets.append(-1)
                lengths.append(0)
                continue
            }
            offsets.append(start)
            lengths.append(Int32(buffer.count - start))
        }
        buffer.append(0)
        let formats = [Int32](repeating: 1, count: values.count)
        return buffer.withUnsafeBufferPointer { b in
            let base = UnsafeRawPointer(b.baseAddress!).assumingMemoryBound(to: CChar.self)
            return body(offsets.map { $0 < 0 ? nil : base + $0 }, lengths, formats)
        }
    }

    /// Runs `statements` as one transaction in one round trip (libpq pipeline mode): BEGIN,
    /// each statement, COMMIT, one sync. Returns each statement's result; if one fails,
    /// the server skips the rest, the transaction is rolled back and the first error thrown.
    ///
    /// For a group-commit writer: without it, a group of N statements costs N + 2 round
    /// trips on one connection, and round trips, not the WAL flush, bound the writer. Meant
    /// for groups of up to a few hundred KiB (in blocking mode, a pipeline far larger than
    /// the socket buffers can stall with both sides writing).
    public func pipelinedTransaction(_ statements: [(sql: String, values: [PostgresValue])]) throws -> [PostgresResult] {
        guard !isInTransaction && unreadWrites.isEmpty && merger.isEmpty else { throw PostgresError(message: "pipelinedTransaction inside an open transaction") }
        // Prepared first: preparing is synchronous, which pipeline mode does not allow.
        let begin = try cachedStatement("BEGIN", types: []), commit = try cachedStatement("COMMIT", types: [])
        let prepared = try statements.map { try cachedStatement($0.sql, types: $0.values.map(\.typeOID)) }
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(message: "cannot enter pipeline mode: \(Self.trimmed(PQerrorMessage(handle)))", connectionBroken: !isConnected)
        }
        var sendError: PostgresError?
        let queue = [(begin, [PostgresValue]())] + zip(prepared, statements.map(\.values)).map { ($0, $1) } + [(commit, [])]
        for (statement, values) in queue where sendError == nil {
            let sent = Self.withBinaryParameters(values) { pointers, lengths, formats in
                PQsendQueryPrepared(handle, statement.name, Int32(values.count), pointers, lengths, formats, 1)
            }
            if sent != 1 { sendError = PostgresError(message: Self.trimmed(PQerrorMessage(handle)), sql: statement.sql, connectionBroken: !isConnected) }
        }
        if sendError == nil && PQpipelineSync(handle) != 1 {
            sendError = PostgresError(message: Self.trimmed(PQerrorMessage(handle)), connectionBroken: !isConnected)
        }
        // Read every result up to the sync, keeping the first error.
        var results: [PostgresResult] = []
        var firstError = sendError
        var commitTag = ""
        if sendError == nil {
            for (i, (statement, _)) in queue.enumerated() {
                guard let raw = PQgetResult(handle) else {
                    firstError = firstError ?? PostgresError(message: Self.trimmed(PQerrorMessage(handle)), sql: statement.sql, connectionBroken: !isConnected)
                    break
                }
                while let extra = PQgetResult(handle) { PQclear(extra) }  // the NULL that ends each statement's results
                if PQresultStatus(raw) == PGRES_PIPELINE_ABORTED { PQclear(raw); continue }
                do {
                    let r = try check(raw, sql: statement.sql)
                    if i == queue.count - 1 { commitTag = String(cString: PQcmdStatus(r.handle)) } else if i > 0 { results.append(r) }
                } catch let e as PostgresError {
                    firstError = firstError ?? e
                }
            }
            if firstError == nil || isConnected {
                // The sync's own result.
                while let raw = PQgetResult(handle) {
                    let status = PQresultStatus(raw)
                    PQclear(raw)
                    if status == PGRES_PIPELINE_SYNC { break }
                }
            }
        }
        _ = PQexitPipelineMode(handle)
        if let firstError {
            rollbackIfOpen()
            throw firstError
        }
        guard commitTag == "COMMIT" else {
            rollbackIfOpen()
            throw PostgresError(sqlState: "25P02", message: "the transaction was rolled back (COMMIT answered \(commitTag))", sql: "COMMIT")
        }
        return results
    }

    /// Runs an INSERT/UPDATE/DELETE; returns how many rows it changed.
    @discardableResult
    public func run(_ sql: String, _ values: PostgresValue...) throws -> Int {
        try result(sql, values).affectedRows
    }

    /// The rows `sql` returns, each mapped by `row`.
    public func query<T>(_ sql: String, _ values: [PostgresValue] = [], row: (PostgresRow) throws -> T) throws -> [T] {
        let r = try result(sql, values)
        return try (0..<r.rowCount).map { try row(r.row($0)) }
    }

    /// The first row `sql` returns, mapped by `row`, or nil.
    public func queryOne<T>(_ sql: String, _ values: [PostgresValue] = [], row: (PostgresRow) throws -> T) throws -> T? {
        let r = try result(sql, values)
        return r.rowCount > 0 ? try row(r.row(0)) : nil
    }

    /// Runs `body` inside `BEGIN ... COMMIT`, rolling back if it throws. A serialization
    /// failure or lost connection is thrown as it is (`PostgresError.isSerializationFailure`,
    /// `.isConnectionLoss`): the caller decides whether to retry.
    @discardableResult
    public func transaction<T>(_ isolation: IsolationLevel = .readCommitted, _ body: () throws -> T) throws -> T {
        try begin(isolation)
        do {
            let value = try body()
            try commit()
            return value
        } catch {
            rollbackIfOpen()
            throw error
        }
    }

    /// `BEGIN` at `isolation`. Prepared once: it runs for every transaction.
    public func begin(_ isolation: IsolationLevel = .readCommitted) throws {
        lostInTransaction = false
        readAhead.removeAll()
        let sql = isolation == .readCommitted ? "BEGIN" : "BEGIN ISOLATION LEVEL \(isolation.rawValue)"
        if defersWrites {
            try write(sql, [])
            openedTransaction = true
            return
        }
        defer { openedTransaction = isInTransaction }
        _ = try result(sql, [])
    }

    /// Before a statement that starts a round trip, outside a transaction: reconnects a
    /// session that dropped, including one whose server went away while it sat idle (a
    /// restart, a crash). libpq learns that only when it next reads, and may call such a
    /// connection good until its second failed statement, so the caller's first request
    /// after every outage failed (a deferred `BEGIN` even failed mid-transaction). An idle
    /// session has nothing to read: a readable socket means the server said goodbye
    /// (`57P01`/`57P02` and end of file), which `PQconsumeInput` turns into a bad status.
    /// One `poll` with no wait, no round trip. A server still down fails the statement
    /// (`isConnectionLoss`).
    private func reconnectIfLost() throws {
        if isConnected && unreadWrites.isEmpty && !openedTransaction && !isInTransaction {
            for _ in 0..<4 {
                var socket = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
                guard poll(&socket, 1, 0) > 0 else { break }
                // A ParameterStatus after a configuration reload is read and ignored; the
                // goodbye's end of file shows on the next round.
                if PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK {
                    mustReset = true
                    break
                }
            }
        }
        if !isConnected { try reconnectIfDropped() }
    }

    /// `COMMIT`. PostgreSQL answers a COMMIT of a transaction that an earlier error aborted
    /// with a silent ROLLBACK; that is an error here, so nothing reports success unwritten.
    public func commit() throws {
        readAhead.removeAll()
        defer { if !isInTransaction { openedTransaction = false } }
        let abortedEarlier = PQtransactionStatus(handle) == PQTRANS_INERROR
        let r = try result("COMMIT", [])
        let tag = String(cString: PQcmdStatus(r.handle))
        guard !abortedEarlier, tag == "COMMIT" else {
            throw PostgresError(sqlState: "25P02", message: "the transaction was rolled back: an earlier statement in it failed", sql: "COMMIT")
        }
    }

    /// `ROLLBACK` when a transaction is open; errors are ignored (the connection may be
    /// gone, and the caller is reporting the error that got it here).
    public func rollbackIfOpen() {
        readAhead.removeAll()
        merger.discard()  // never sent: nothing to undo
        try? flushWrites()  // reads what is still in the pipeline; its errors are the caller's already
        if isInTransaction && isConnected { _ = try? result("ROLLBACK", []) }
        openedTransaction = false
        lostInTransaction = false
    }

    /// Whether this wrapper's `begin` opened a transaction not yet ended by `commit` or
    /// `rollbackIfOpen` (libpq forgets it when the connection drops; this does not).
    private var openedTransaction = false

    /// Runs `body` inside a savepoint, so one failing step of a larger transaction undoes
    /// only itself. On PostgreSQL this is required, not just tidy: after an error every
    /// further statement of the transaction fails until a rollback to a savepoint.
    @discardableResult
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        try write("SAVEPOINT step", [])
        do {
            let value = try body()
            _ = try result("RELEASE step", [])  // waits: the body's deferred writes fail inside the savepoint
            return value
        } catch {
            _ = try? result("ROLLBACK TO step", [])
            _ = try? result("RELEASE step", [])
            throw error
        }
    }

    // MARK: Deferred writes (pipeline mode)

    /// Runs `sql`, an INSERT, UPDATE, DELETE or transaction statement whose answer the caller
    /// does not read. With `defersWrites`, it is sent without waiting (see there), and its
    /// error, if any, is thrown by the next statement that waits or by `flushWrites`;
    /// otherwise it runs at once, like `run`.
    public func write(_ sql: String, _ values: [PostgresValue]) throws {
        guard defersWrites else {
            _ = try result(sql, values)
            return
        }
        if unreadWrites.isEmpty && merger.isEmpty { try reconnectIfLost() }
        if unreadWrites.count >= Self.maximumUnreadWrites { try flushWrites() }
        if joinsWrites {
            if merger.add(sql, values) { return }
            try sendJoinedWrites()
            if merger.add(sql, values) { return }
        }
        try send(sql, values)
    }

    /// Sends the writes joined so far, as one statement.
    private func sendJoinedWrites() throws {
        if let (sql, values) = merger.take() { try send(sql, values) }
    }

    /// Sends one deferred statement without waiting for its answer.
    private func send(_ sql: String, _ values: [PostgresValue]) throws {
        let statement = try cachedStatement(sql, types: values.map(\.typeOID))
        if PQpipelineStatus(handle) == PQ_PIPELINE_OFF {
            guard PQenterPipelineMode(handle) == 1 else {
                throw PostgresError(message: "cannot enter pipeline mode: \(Self.trimmed(PQerrorMessage(handle)))", sql: sql,
                                    connectionBroken: !isConnected)
            }
        }
        let sent = Self.withBinaryParameters(values) { pointers, lengths, formats in
            PQsendQueryPrepared(handle, statement.name, Int32(values.count), pointers, lengths, formats, 1)
        }
        guard sent == 1 else {
            let error = PostgresError(message: Self.trimmed(PQerrorMessage(handle)), sql: sql, connectionBroken: !isConnected)
            _ = try? readPipeline(endingWith: nil)
            throw error
        }
        unreadWrites.append(sql)
        // Not flushed here: libpq sends at 64 KiB or the sync. Sending each write at once
        // (PQflush), so the server could run it while the writer builds the next, gained
        // nothing measurable on 2 cores (docs/benchmarks.md, "Session 11").
    }

    /// Reads the answers of every deferred `write` (one round trip when there are any) and
    /// throws the first error among them.
    public func flushWrites() throws {
        try sendJoinedWrites()
        if !unreadWrites.isEmpty { _ = try readPipeline(endingWith: nil) }
    }

    /// Sends `last` (if any) behind the unread writes, then a sync, and reads every answer
    /// in order: returns `last`'s result, or throws the first error (the server skips every
    /// statement after a failed one until the sync). Leaves pipeline mode and nothing
    /// unread, whatever happens; on a dropped connection, what was sent is simply lost
    /// (the next statement reconnects, outside a transaction).
    private func readPipeline(endingWith last: (statement: PostgresStatement, values: [PostgresValue])?) throws -> PostgresResult? {
        var sqls = unreadWrites
        unreadWrites.removeAll(keepingCapacity: true)
        var firstError: PostgresError?
        var lastIndex = -1  // of `last` in `sqls`, once sent
        if let (statement, values) = last {
            let sent = Self.withBinaryParameters(values) { pointers, lengths, formats in
                PQsendQueryPrepared(handle, statement.name, Int32(values.count), pointers, lengths, formats, 1)
            }
            if sent == 1 {
                sqls.append(statement.sql)
                lastIndex = sqls.count - 1
            } else {
                firstError = PostgresError(message: Self.trimmed(PQerrorMessage(handle)), sql: statement.sql, connectionBroken: !isConnected)
            }
        }
        var lastResult: PostgresResult?
        if PQpipelineSync(handle) != 1 {
            firstError = firstError ?? PostgresError(message: Self.trimmed(PQerrorMessage(handle)), sql: sqls.first, connectionBroken: !isConnected)
        } else {
            for (i, sql) in sqls.enumerated() {
                guard let raw = PQgetResult(handle) else {
                    firstError = firstError ?? PostgresError(message: Self.trimmed(PQerrorMessage(handle)), sql: sql, connectionBroken: !isConnected)
                    break
                }
                while let extra = PQgetResult(handle) { PQclear(extra) }  // the NULL that ends each statement's results
                if PQresultStatus(raw) == PGRES_PIPELINE_ABORTED { PQclear(raw); continue }
                do {
                    let r = try check(raw, sql: sql)
                    if i == lastIndex { lastResult = r }
                } catch let e as PostgresError {
                    firstError = firstError ?? e
                }
            }
            if isConnected {
                while let raw = PQgetResult(handle) {  // the sync's own result
                    let status = PQresultStatus(raw)
                    PQclear(raw)
                    if status == PGRES_PIPELINE_SYNC { break }
                }
            }
        }
        if PQexitPipelineMode(handle) != 1 && isConnected {
            // Answers left unread on a live connection: nothing later could be read in order,
            // so the session is dropped as if the server had (`reconnectIfDropped` makes a new one).
            mustReset = true
            firstError = firstError ?? PostgresError(message: "the pipeline could not be read to its end; the session was reset",
                                                     sql: sqls.last, connectionBroken: true)
        }
        if openedTransaction && !isConnected { lostInTransaction = true }
        if let firstError { throw firstError }
        return lastResult
    }

    /// An id for a new row of `table`, taken from its identity column's sequence (which
    /// `INSERT`s without an id use too, so the two never collide), reserved 128 at a time:
    /// an insert that names its id needs no answer, so a deferred `write` can send it.
    /// Ids of a rolled-back transaction are not reused: gaps, as a sequence always leaves.
    public func reservedID(table: String, column: String = "id") throws -> Int64 {
        let key = table + "." + column
        if reservedIDs[key]?.isEmpty ?? true {
            // The sequence is looked up once, not per id (that cost ~1 ms per 128).
            let ids = try query("""
                WITH q AS MATERIALIZED (SELECT pg_get_serial_sequence($1, $2)::regclass AS s)
                SELECT nextval(q.s) FROM q, generate_series(1, 128)
                """,
                                [.text(table), .text(column)]) { try $0.int64(0) }
            reservedIDs[key] = ArraySlice(ids)
        }
        return reservedIDs[key]!.removeFirst()
    }

    /// True while the transaction this wrapper's `begin` opened is still open on the same
    /// session, with no error in it (`PQTRANS_INTRANS`): its locks are still held. Asked
    /// before a statement is sent; the statement's answer is the proof.
    public var transactionIsIntact: Bool {
        openedTransaction && !lostInTransaction && isConnected && PQtransactionStatus(handle) == PQTRANS_INTRANS
    }

    /// True inside a transaction block, including one an error aborted.
    public var isInTransaction: Bool {
        let s = PQtransactionStatus(handle)
        return s == PQTRANS_INTRANS || s == PQTRANS_INERROR
    }

    /// `raw` as a result when it succeeded, else the server's error (SQLSTATE, primary
    /// message, constraint) or libpq's (no SQLSTATE; for a dropped connection).
    func check(_ raw: OpaquePointer?, sql: String?) throws -> PostgresResult {
        if openedTransaction && !isConnected { lostInTransaction = true }
        guard let raw else {
            let error = PostgresError(message: Self.trimmed(PQerrorMessage(handle)), sql: sql, connectionBroken: !isConnected)
            droppedIfLost(error)
            throw error
        }
        let result = PostgresResult(handle: raw, sql: sql)
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                return result
        default:
            func field(_ code: Character) -> String? {
                PQresultErrorField(raw, Int32(code.asciiValue!)).map { String(cString: $0) }
            }
            let message = field("M") ?? Self.trimmed(PQresultErrorMessage(raw))
            let error = PostgresError(sqlState: field("C"), message: message, constraint: field("n"), sql: sql, connectionBroken: !isConnected)
            droppedIfLost(error)
            throw error
        }
    }

    /// After a crash libpq may still call an idle connection good when its first statement
    /// fails ("server closed the connection unexpectedly"; `PQstatus` turns bad only on
    /// the second). An error that says the connection is lost drops the session here, so
    /// the next statement reconnects at once instead of failing a second time.
    private func droppedIfLost(_ error: PostgresError) {
        guard error.isConnectionLoss, PQstatus(handle) == CONNECTION_OK else { return }
        mustReset = true
        if openedTransaction { lostInTransaction = true }
    }

    /// libpq's message on one line: it stacks several ("could not receive data from server:
    /// No route to host\nSSL SYSCALL error: …"), which replies and log lines show joined by "; ".
    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown error" }
        let lines = String(cString: message).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let s = lines.filter { !$0.isEmpty }.joined(separator: "; ")
        return s.isEmpty ? "unknown error" : s
    }
}

/// The lock a connection holds for its whole life (`holdSessionLock`) and its server
/// processes, readable from any thread: a health probe on a connection of its own looks the
/// lock up in `pg_locks` and tells a holder of this connection's from another process's. The
/// connection's own session learns of a loss only at its next statement, which an idle
/// daemon may not run for a long time.
public final class SessionLockWatch: Sendable {
    /// The advisory lock's key, valid while `held`.
    public let key = Atomic<Int64>(0)
    /// Whether the connection holds (or takes again after each reconnect) the lock.
    public let held = Atomic<Bool>(false)
    /// Whether it is held shared (daemons sharing a store): other sessions holding it shared
    /// too are then no sign that it was lost.
    public let shared = Atomic<Bool>(false)
    /// The server process of the connection's session (low 32 bits) and of the one before
    /// its last reconnect (high 32 bits), stored together so a reader never sees half a change.
    let sessions = Atomic<Int64>(0)

    /// The server process of the connection's current session (0 before the first).
    public var currentPID: Int32 { Int32(truncatingIfNeeded: sessions.load(ordering: .acquiring)) }

    /// Whether server process `pid` is this connection's session, or the one it had before
    /// its last reconnect (whose lock a new session takes over: `holdSessionLock`).
    public func isOwn(_ pid: Int32) -> Bool {
        let both = sessions.load(ordering: .acquiring)
        return pid != 0 && (pid == Int32(truncatingIfNeeded: both) || pid == Int32(truncatingIfNeeded: both >> 32))
    }
}
