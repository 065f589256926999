import ConfideCore
import ConfidePostgres
import Synchronization

/// The transcript rows on PostgreSQL (`session`, `chunk`, `pending_purge` of
/// Migrations/postgresql/data): the PostgreSQL side of Core's `TranscriptRecords`,
/// statement for statement what `Database+Transcripts.swift` does on data.db, so
/// `TranscriptStore` runs unchanged on either (`TranscriptRecordsContractTests` checks both
/// from one source). Row ids come from the identity columns, returned by `RETURNING id`.
/// Every statement runs in the transaction the caller opened (the writer's group, a
/// reader's snapshot, or `inTransaction`); the SQL of the append path is built once, so the
/// connection's statement cache finds it again by its text.
extension PostgresConnection: TranscriptRecords {
    /// The columns `sessionRow` reads, in its order; a query selecting more puts them after.
    private static let sessionColumns = "id, header, generation, message_count, created_at, updated_at, last_chunk, retention_days, "
        + "expires_at, epoch, last_tag, seal"
    private static let sessionColumnCount: Int32 = 12
    private static let findSessionSQL = "SELECT \(sessionColumns) FROM session WHERE customer_handle = $1 AND blind_index = $2"
    private static let updateSessionSQL = "UPDATE session SET epoch = $1, generation = $2, message_count = $3, last_tag = $4, created_at = $5, "
        + "updated_at = $6, retention_days = $7, expires_at = $8, seal = $9, last_chunk = $10 WHERE id = $11"
    private static let insertChunkSQL = "INSERT INTO chunk (session_id, seq, generation, prev, sealed) VALUES ($1, $2, $3, $4, $5) RETURNING id"
    private static let insertChunkWithIDSQL = "INSERT INTO chunk (id, session_id, seq, generation, prev, sealed) VALUES ($1, $2, $3, $4, $5, $6)"
    private static let chunkSQL = "SELECT session_id, seq, prev, generation, sealed FROM chunk WHERE id = $1"
    private static let chunkLinkSQL = "SELECT session_id, seq, prev FROM chunk WHERE id = $1"

    // MARK: Sessions

    package func session(handle: [UInt8], index: [UInt8]) throws -> SessionRow? {
        if let row = sessionsReadAhead?.rows[SessionKey(handle: handle, index: index)] { return row }
        return try queryOne(locksSessionRows ? Self.findSessionForUpdateSQL : Self.findSessionSQL, [.bytea(handle), .bytea(index)],
                            row: Self.sessionRow)
    }
    private static let findSessionForUpdateSQL = findSessionSQL + " FOR NO KEY UPDATE"

    /// Set on the writer's connection of a daemon that shares its store (`shared_store`):
    /// the session rows its group reads are locked until it commits (`FOR NO KEY UPDATE`,
    /// in id order in the read-ahead), so a group of another daemon that writes the same
    /// session waits for this one and then reads the row as it committed it. Without it, two
    /// daemons appending to one session each wrote the row from what they had read, and the
    /// second overwrote the first's newest chunk and count: acknowledged appends were lost
    /// and a put racing an append left a session that read as tampered (session 18's attack
    /// review). One daemon per store has one writer and needs no lock.
    package var locksSessionRows: Bool {
        get { attachments[Self.locksSessionRowsKey] as? Bool ?? false }
        set { attachments[Self.locksSessionRowsKey] = newValue }
    }
    private static let locksSessionRowsKey = "locksSessionRows"

    // MARK: Reading sessions ahead (the writer's group)

    /// Every session of `sessions` in one statement (one round trip, which also carries the
    /// group's BEGIN): the rows found, and nil for each key with none, answer `session`
    /// until the transaction ends or a write changes that row. Without it each job's lookup
    /// is a round trip of its own, and round trips bound the writer (docs/benchmarks.md).
    ///
    /// The same statement locks the keyring rows of `customers` (`FOR SHARE`, in a CTE of
    /// the same round trip) and keeps their versions for `lockedCustomerVersion`: another
    /// daemon's shred, hold or new DEK generation of one of them waits for this group's
    /// COMMIT, or committed before and is seen. The writer passes customers only when the
    /// keyring's table is in this connection's database (`keyringCustomerTable`), or while
    /// that is `keyringUnconfirmed`: then nothing is locked and every customer answers as
    /// changed (its row gone), so no job runs on keys it cannot check.
    package func readAhead(sessions keys: [SessionKey], customers: [[UInt8]]) throws {
        var unique: [SessionKey] = []
        var seen = Set<SessionKey>()
        for key in keys where seen.insert(key).inserted { unique.append(key) }
        var uniqueCustomers: [[UInt8]] = []
        var seenCustomers = Set<[UInt8]>()
        for handle in customers where seenCustomers.insert(handle).inserted { uniqueCustomers.append(handle) }
        let unconfirmed = keyringUnconfirmed && keyringCustomers == nil && !uniqueCustomers.isEmpty
        if unconfirmed { uniqueCustomers = [] }
        defer { if unconfirmed { readAhead[Self.customersKey] = CustomersReadAhead(versions: [:], holdChanges: [:]) } }
        guard !unique.isEmpty || !uniqueCustomers.isEmpty else { return }
        // Padded to powers of two (repeating the first key), so a handful of statements
        // serve every group size.
        let padded = Self.paddedCount(unique.count), paddedCustomers = Self.paddedCount(uniqueCustomers.count)
        var values = (0..<padded).flatMap { i -> [PostgresValue] in
            let key = unique[i < unique.count ? i : 0]
            return [.bytea(key.handle), .bytea(key.index)]
        }
        values += (0..<paddedCustomers).map { .bytea(uniqueCustomers[$0 < uniqueCustomers.count ? $0 : 0]) }
        let read = SessionsReadAhead()
        for key in unique { read.rows[key] = .some(nil) }
        var versions: [[UInt8]: Int64]? = uniqueCustomers.isEmpty ? nil : [:]
        var holdChanges: [[UInt8]: Int64] = [:]
        let sql = Self.readAheadSQL(sessions: padded, customers: paddedCustomers, table: keyringCustomers ?? "customer", lock: locksSessionRows)
        _ = try query(sql, values) { r in
            if padded == 0 {  // customers only: handle, version, hold_changes
                let handle = try r.bytea(0) ?? []
                versions?[handle] = try r.int64(1)
                holdChanges[handle] = try r.int64(2)
            } else if paddedCustomers > 0, !r.isNull(Self.sessionColumnCount + 2) {  // a customer's row of the union
                let handle = try r.bytea(Self.sessionColumnCount) ?? []
                versions?[handle] = try r.int64(Self.sessionColumnCount + 2)
                holdChanges[handle] = try r.int64(Self.sessionColumnCount + 3)
            } else {
                let key = SessionKey(handle: try r.bytea(Self.sessionColumnCount) ?? [], index: try r.bytea(Self.sessionColumnCount + 1) ?? [])
                let row = try Self.sessionRow(r)
                read.rows[key] = .some(row)
                read.keyOfID[row.id] = key
            }
        }
        readAhead[Self.sessionsKey] = read
        if let versions { readAhead[Self.customersKey] = CustomersReadAhead(versions: versions, holdChanges: holdChanges) }
    }

    /// The keyring's `customer` table, schema-qualified, when this connection can lock its
    /// rows (so the writer's groups check customers' versions: `readAhead(customers:)`,
    /// `GroupCommitConnection.checksCustomerVersions`); nil when it cannot. Asked of the
    /// server, not decided by comparing URIs: the keyring's store lock (`lock`: the keyring
    /// tag and the OID of the keyring's schema) must be held in this very database, on a
    /// schema holding `customer`, which this role may read and lock. So one database named by
    /// two URIs is one keyring, a keyring in another schema of it is too (named by its schema,
    /// whatever this connection's search path holds: a stray or later `customer` elsewhere is
    /// never taken for it), and a database of the same name in another cluster, or a copy of
    /// the keyring whose lock nobody holds, is not. (Found by session 16's attack review: the
    /// first version asked where the search path found `customer`.)
    package func keyringCustomerTable(sessionLock lock: SessionLockWatch) throws -> String? {
        let key = lock.key.load(ordering: .acquiring)
        guard lock.held.load(ordering: .acquiring) else { return nil }
        let schema = try queryOne("""
            SELECT n.nspname::text FROM pg_namespace n
            WHERE n.oid::int8 = $2
              AND EXISTS (SELECT 1 FROM pg_locks l
                  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid::int8 = $1 AND l.objid = n.oid
                    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
              AND to_regclass(format('%I.customer', n.nspname)) IS NOT NULL
              AND has_schema_privilege(n.oid, 'USAGE')
              AND has_table_privilege(format('%I.customer', n.nspname), 'SELECT')
              AND has_table_privilege(format('%I.customer', n.nspname), 'UPDATE')
            """, [.int8(key >> 32), .int8(key & 0xFFFF_FFFF)], row: { try $0.text(0) }) ?? nil
        return schema.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\".customer" }
    }

    /// Which database of which server this session is on: the server's start time (to the
    /// microsecond, as seconds since the epoch: a timestamp's text would follow the session's
    /// TimeZone and DateStyle) and the database's OID and name. Two sessions with the same
    /// place are on one database of one cluster, whatever their URIs or settings say.
    package func serverPlace() throws -> String {
        try queryOne("SELECT extract(epoch FROM pg_postmaster_start_time())::text || ' ' || oid::text || ' ' || datname::text FROM pg_database "
                     + "WHERE datname = current_database()", row: { try $0.text(0) ?? "" }) ?? ""
    }

    /// Which database this session is on, in a way no copy shares: the cluster's system
    /// identifier (set by `initdb`, kept across restarts) and the database's OID (kept across
    /// restarts and renames; a `CREATE DATABASE … TEMPLATE` copy gets a new one, though its
    /// schemas keep their OIDs), and the server's WAL timeline. Unlike `serverPlace`, a restart
    /// does not change it. A role that may not call `pg_control_system()` (revoked by an
    /// administrator; PostgreSQL lets every role call it by default) gets "cluster unknown"
    /// and only the OID and timeline compared.
    ///
    /// The timeline is what tells a physical copy of the whole cluster, which keeps the system
    /// identifier and every OID, from the server the daemon started on: a standby promoted
    /// after a failover and a base backup restored to a point in time both end their recovery
    /// on a new timeline, and either may lack the last transactions the old server committed
    /// (an erasure among them, with asynchronous replication or an older backup). A plain
    /// restart or crash recovery keeps the timeline. `pg_current_wal_lsn()` fails on a server
    /// in recovery, where the daemon could not write anyway.
    package func databaseIdentity() throws -> String {
        let mayAsk = try queryOne("SELECT has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')") { try $0.bool(0) ?? false } ?? false
        let cluster = mayAsk ? try queryOne("SELECT system_identifier::text FROM pg_control_system()") { try $0.text(0) ?? "" } ?? "" : nil
        let (database, walFile): (String, String)
        do {
            (database, walFile) = try queryOne("SELECT oid::text, pg_walfile_name(pg_current_wal_lsn()) FROM pg_database WHERE datname = current_database()") {
                (try $0.text(0) ?? "", try $0.text(1) ?? "")
            } ?? ("", "")
        } catch let e as PostgresError where e.sqlState == "42501" {
            // Revoked by an administrator (PostgreSQL grants both to PUBLIC): say what to grant.
            throw PostgresError(sqlState: e.sqlState, message: e.message + ": the daemon compares the WAL timeline of every new session "
                + "with the one it started on; GRANT EXECUTE ON FUNCTION pg_catalog.pg_current_wal_lsn(), "
                + "pg_catalog.pg_walfile_name(pg_lsn) TO its role (in this database)", connectionBroken: e.connectionBroken)
        }
        // A WAL file's name starts with its timeline, 8 hexadecimal digits.
        let timeline = walFile.count == 24 ? UInt32(walFile.prefix(8), radix: 16).map(String.init) : nil
        guard let timeline else {
            throw PostgresError(message: "cannot tell the WAL timeline of \(target) (pg_walfile_name gave \"\(walFile)\")")
        }
        return (cluster ?? "cluster unknown") + " " + database + " timeline " + timeline
    }

    /// The WAL timelines two `databaseIdentity` strings (with anything appended) name, or nil
    /// when one names none.
    package static func timelines(_ start: String, _ now: String) -> (String, String)? {
        func timeline(_ s: String) -> String? {
            guard let r = s.range(of: " timeline ") else { return nil }
            return String(s[r.upperBound...].prefix { $0.isNumber })
        }
        guard let a = timeline(start), let b = timeline(now) else { return nil }
        return (a, b)
    }

    /// Whether a session whose `databaseIdentity` (with anything appended, as the same
    /// suffix on both) is `now` is on the database that had `start`. The cluster takes part
    /// only where both sides know it: a daemon that started while `pg_control_system()` was
    /// revoked, whose administrator granted it back, is on the same database when the OIDs
    /// match (before, the two strings differed and the daemon refused for good, saying its
    /// database had been swapped: session 21's attack review, A3). The other way round (known
    /// at start, unknown now: revoked while it runs, or a session on another cluster where the
    /// role may not ask) nothing can tell: throws, failing closed until it can be told again,
    /// rather than for good.
    package static func isSameDatabase(_ start: String, _ now: String) throws -> Bool {
        let unknown = "cluster unknown "
        func split(_ s: String) -> (cluster: Substring?, rest: Substring) {
            if s.hasPrefix(unknown) { return (nil, s.dropFirst(unknown.count)) }
            guard let space = s.firstIndex(of: " ") else { return (Substring(s), "") }
            return (s[..<space], s[s.index(after: space)...])
        }
        let (a, b) = (split(start), split(now))
        guard a.rest == b.rest else { return false }
        switch (a.cluster, b.cluster) {
        case let (x?, y?): return x == y
        case (nil, _): return true
        case (_?, nil):
            throw PostgresError(sqlState: "42501", message: "this session may not run pg_control_system(), which it could when the daemon "
                + "started: whether it is on the same cluster cannot be told (GRANT EXECUTE ON FUNCTION pg_control_system() TO the "
                + "daemon's role again, or restart the daemon)", connectionBroken: true)
        }
    }

    /// Whether this role may read and lock the keyring's `customer` table in the schema with
    /// OID `schema` (what `keyringCustomerTable` also asks, without the keyring's lock).
    package func mayLockCustomers(inSchema schema: Int64) throws -> Bool {
        try queryOne("""
            SELECT to_regclass(format('%I.customer', n.nspname)) IS NOT NULL
              AND has_schema_privilege(n.oid, 'USAGE')
              AND has_table_privilege(format('%I.customer', n.nspname), 'SELECT')
              AND has_table_privilege(format('%I.customer', n.nspname), 'UPDATE')
            FROM pg_namespace n WHERE n.oid::int8 = $1
            """, [.int8(schema)], row: { try $0.bool(0) ?? false }) ?? false
    }

    /// The table `keyringCustomerTable` found, which the read-ahead locks; set once found (at
    /// start, or when the writer asks again: `PostgresGroupConnection.VersionCheck`).
    package var keyringCustomers: String? {
        get { attachments[Self.keyringCustomersKey] as? String }
        set { attachments[Self.keyringCustomersKey] = newValue }
    }
    private static let keyringCustomersKey = "keyringCustomers"

    /// True while the keyring is known to be in this database (one URI for both stores) but
    /// `keyringCustomerTable` has not found it (its store lock not held at that moment: its
    /// session lost): `readAhead(customers:)` locks nothing and answers each customer as
    /// changed. Set by the writer (`PostgresGroupConnection.VersionCheck.unconfirmed`).
    package var keyringUnconfirmed: Bool {
        get { attachments[Self.keyringUnconfirmedKey] as? Bool ?? false }
        set { attachments[Self.keyringUnconfirmedKey] = newValue }
    }
    private static let keyringUnconfirmedKey = "keyringUnconfirmed"

    package func lockedCustomerVersion(handle: [UInt8]) -> Int64?? {
        guard let read = readAhead[Self.customersKey] as? CustomersReadAhead else { return nil }
        return .some(read.versions[handle])
    }

    package func lockedCustomerHoldChanges(handle: [UInt8]) -> Int64?? {
        guard let read = readAhead[Self.customersKey] as? CustomersReadAhead else { return nil }
        holdChangesCompared.insert(handle)
        return .some(read.holdChanges[handle])
    }

    /// The customers whose `hold_changes` a job of the current group compared (kept past the
    /// COMMIT, unlike `readAhead`, for the keyring guard's recheck; emptied by the writer
    /// before each group, `PostgresGroupConnection.beginGroup(relyingOn:)`).
    package var holdChangesCompared: Set<[UInt8]> {
        get { attachments[Self.holdChangesComparedKey] as? Set<[UInt8]> ?? [] }
        set { attachments[Self.holdChangesComparedKey] = newValue }
    }
    private static let holdChangesComparedKey = "holdChangesCompared"

    /// The customer rows `readAhead` locked in this transaction: their versions and
    /// `hold_changes`.
    private struct CustomersReadAhead {
        let versions: [[UInt8]: Int64]
        let holdChanges: [[UInt8]: Int64]
    }
    private static let customersKey = "customers"

    private static func paddedCount(_ count: Int) -> Int {
        guard count > 0 else { return 0 }
        var padded = 1
        while padded < count { padded *= 2 }
        return padded
    }

    /// The read-ahead statement for `sessions` keys and `customers` handles (each zero or a
    /// power of two), built once per pair of sizes.
    private static func readAheadSQL(sessions: Int, customers: Int, table: String, lock: Bool) -> String {
        if customers == 0, !lock, sessions.trailingZeroBitCount < readAheadSQLs.count { return readAheadSQLs[sessions.trailingZeroBitCount] }
        return builtReadAheadSQLs.withLock { cache in
            let key = "\(sessions) \(customers) \(table) \(lock)"
            if let sql = cache[key] { return sql }
            let sql = buildReadAheadSQL(sessions: sessions, customers: customers, table: table, lock: lock)
            cache[key] = sql
            return sql
        }
    }
    private static let readAheadSQLs: [String] = (0..<10).map { buildReadAheadSQL(sessions: 1 << $0, customers: 0, table: "customer", lock: false) }
    private static let builtReadAheadSQLs = Mutex<[String: String]>([:])
    /// `lock`: the session rows locked in id order (`locksSessionRows`), so two daemons'
    /// groups over the same sessions take their locks in one order and never deadlock.
    private static func buildReadAheadSQL(sessions: Int, customers: Int, table: String, lock: Bool) -> String {
        let pairs = (0..<sessions).map { "($\(2 * $0 + 1), $\(2 * $0 + 2))" }.joined(separator: ", ")
        let sessionsSQL = "SELECT \(sessionColumns), customer_handle, blind_index FROM session WHERE (customer_handle, blind_index) IN (\(pairs))"
            + (lock ? " ORDER BY id FOR NO KEY UPDATE" : "")
        guard customers > 0 else { return sessionsSQL }
        let lockSQL = customerVersionsLockSQL(handles: customers, firstParameter: 2 * sessions + 1, table: table)
        guard sessions > 0 else { return lockSQL }
        let nulls = Array(repeating: "NULL", count: Int(sessionColumnCount)).joined(separator: ", ")
        if lock {  // a locking clause is not allowed beside UNION: the sessions in a CTE of their own
            return "WITH c AS (\(lockSQL)), s AS (\(sessionsSQL)) SELECT s.*, NULL::bigint, NULL::bigint FROM s "
                + "UNION ALL SELECT \(nulls), c.handle, NULL, c.version, c.hold_changes FROM c"
        }
        return "WITH c AS (\(lockSQL)) SELECT \(sessionColumns), customer_handle, blind_index, NULL::bigint, NULL::bigint FROM session "
            + "WHERE (customer_handle, blind_index) IN (\(pairs)) UNION ALL SELECT \(nulls), c.handle, NULL, c.version, c.hold_changes FROM c"
    }

    /// Locks the customers whose handles are parameters `$firstParameter`… (`handles` of them)
    /// and returns their rows (handle, version, hold_changes): the shared change lock first (fair: it queues
    /// behind a waiting keyring change), then the row `FOR SHARE`, which reads the row's newest
    /// committed version even when the statement's snapshot is older than the wait (see
    /// `customerLockSQL`). One statement for the read-ahead's CTE (keyring beside the data)
    /// and the keyring guard (`PostgresKeyringGuard`, keyring elsewhere), so both compare the
    /// same columns.
    static func customerVersionsLockSQL(handles: Int, firstParameter: Int, table: String) -> String {
        let parameters = (0..<handles).map { "$\(firstParameter + $0)" }.joined(separator: ", ")
        return "SELECT handle, version, hold_changes FROM \(table) WHERE handle IN (\(parameters)) AND "
            + "\(customerLockSQL("pg_advisory_xact_lock_shared", handleColumn: "handle")) IS NOT NULL FOR SHARE"
    }

    /// Sets the customer rows `lockedCustomerVersion` and `lockedCustomerHoldChanges` answer in
    /// this transaction, as locked elsewhere (the keyring guard, after `begin`, which forgets
    /// them); nil: they could not be locked, and every customer answers as changed (unrun,
    /// unaudited, run again).
    package func setLockedCustomerVersions(_ rows: LockedCustomerRows?) {
        readAhead[Self.customersKey] = CustomersReadAhead(versions: rows?.versions ?? [:], holdChanges: rows?.holdChanges ?? [:])
    }

    /// `paddedCount`, for the guard.
    static func paddedCustomerCount(_ count: Int) -> Int { paddedCount(count) }

    /// The sessions `readAheadSessions` read in this transaction, kept in the connection's
    /// `readAhead` (which ends with the transaction). A class, so that forgetting one row
    /// changes it in place: the writer forgets a row with every session write.
    private final class SessionsReadAhead {
        /// A row, or nil when there was none; keys it did not read are absent.
        var rows: [SessionKey: SessionRow?] = [:]
        var keyOfID: [Int64: SessionKey] = [:]
    }
    private var sessionsReadAhead: SessionsReadAhead? { readAhead[Self.sessionsKey] as? SessionsReadAhead }
    private static let sessionsKey = "sessions"

    /// A write changed session `id`: the row read ahead is no longer what the table holds.
    private func forgetReadAhead(sessionID id: Int64) {
        guard let read = sessionsReadAhead, let key = read.keyOfID.removeValue(forKey: id) else { return }
        read.rows.removeValue(forKey: key)
    }

    /// A session of `key` was inserted: "none" is no longer true.
    private func forgetReadAhead(_ key: SessionKey) {
        guard let read = sessionsReadAhead, let row = read.rows.removeValue(forKey: key) else { return }
        if let id = row?.id { read.keyOfID.removeValue(forKey: id) }
    }

    package func insertSession(handle: [UInt8], index: [UInt8], header: [UInt8], generation: Int, fields: SessionRowFields) throws -> Int64 {
        forgetReadAhead(SessionKey(handle: handle, index: index))
        let id = try queryOne("""
            INSERT INTO session (customer_handle, blind_index, header, generation, message_count, created_at, updated_at,
                                 retention_days, expires_at, epoch, last_tag) VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $9, $10)
            RETURNING id
            """, [.bytea(handle), .bytea(index), .bytea(header), .int(generation), .int8(fields.createdAt), .int8(fields.updatedAt),
                  .optionalInt(fields.retentionDays), fields.expiresAt.map(PostgresValue.int8) ?? .null, .bytea(fields.epoch),
                  .bytea(fields.lastTag)]) { try $0.int64(0) }
        guard let id else { throw PostgresError(message: "INSERT INTO session returned no id", sql: "INSERT INTO session") }
        return id
    }

    package func updateSessionHeader(id: Int64, header: [UInt8], generation: Int) throws {
        forgetReadAhead(sessionID: id)
        try write("UPDATE session SET header = $1, generation = $2 WHERE id = $3", [.bytea(header), .int(generation), .int8(id)])
    }

    package func updateSession(id: Int64, fields: SessionRowFields, seal: [UInt8], lastChunk: Int64?) throws {
        forgetReadAhead(sessionID: id)
        try write(Self.updateSessionSQL, [
            .bytea(fields.epoch), .int(fields.generation), .int(fields.count), .bytea(fields.lastTag), .int8(fields.createdAt),
            .int8(fields.updatedAt), .optionalInt(fields.retentionDays), fields.expiresAt.map(PostgresValue.int8) ?? .null, .bytea(seal),
            lastChunk.map(PostgresValue.int8) ?? .null, .int8(id),
        ])
    }

    package func deleteSession(id: Int64) throws {
        forgetReadAhead(sessionID: id)
        try run("DELETE FROM session WHERE id = $1", .int8(id))
    }

    /// `Int.max` is a LIMIT of 2^63 - 1, which PostgreSQL takes as it is (all rows).
    package func sessions(handle: [UInt8], afterID: Int64, limit: Int) throws -> [(row: SessionRow, index: [UInt8])] {
        try query("SELECT \(Self.sessionColumns), blind_index FROM session WHERE customer_handle = $1 AND id > $2 ORDER BY id LIMIT $3",
                  [.bytea(handle), .int8(afterID), .int(limit)]) { r in
            (try Self.sessionRow(r), try r.bytea(Self.sessionColumnCount) ?? [])
        }
    }

    package func sessionChains(handle: [UInt8]) throws -> [(id: Int64, lastChunk: Int64?, count: Int)] {
        try query("SELECT id, last_chunk, message_count FROM session WHERE customer_handle = $1", [.bytea(handle)]) { r in
            (id: try r.int64(0), lastChunk: try r.optionalInt64(1), count: try r.int(2))
        }
    }

    package func setSessionChain(id: Int64, lastChunk: Int64, count: Int) throws {
        forgetReadAhead(sessionID: id)
        try run("UPDATE session SET last_chunk = $1, message_count = $2 WHERE id = $3", .int8(lastChunk), .int(count), .int8(id))
    }

    /// `NOT EXISTS`, not SQLite's `NOT IN`: the same rows (`customer_handle` is never NULL),
    /// and PostgreSQL plans it as an anti-join instead of a subplan per row.
    package func customersWithSessionsAndNoPurge() throws -> [[UInt8]] {
        try query("""
            SELECT DISTINCT customer_handle FROM session s
            WHERE NOT EXISTS (SELECT 1 FROM pending_purge p WHERE p.customer_handle = s.customer_handle)
            """) { try $0.bytea(0) ?? [] }
    }

    // MARK: Retention

    package func dueSessions(at now: Timestamp, after: (expiresAt: Int64, id: Int64), limit: Int) throws
        -> [(id: Int64, handle: [UInt8], expiresAt: Int64, messages: Int)] {
        try query("""
            SELECT id, customer_handle, expires_at, message_count FROM session WHERE expires_at IS NOT NULL AND expires_at <= $1
            AND (expires_at > $2 OR (expires_at = $2 AND id > $3)) ORDER BY expires_at, id LIMIT $4
            """, [.int8(now.milliseconds), .int8(after.expiresAt), .int8(after.id), .int(limit)]) { r in
            (id: try r.int64(0), handle: try r.bytea(1) ?? [], expiresAt: try r.int64(2), messages: try r.int(3))
        }
    }

    package func dueSessionLastChunk(id: Int64, at now: Timestamp) throws -> Int64?? {
        try queryOne("SELECT last_chunk FROM session WHERE id = $1 AND expires_at <= $2", [.int8(id), .int8(now.milliseconds)]) {
            try $0.optionalInt64(0)
        }
    }

    package func dueSessionCount(at now: Timestamp) throws -> Int {
        try countRows("SELECT COUNT(*) FROM session WHERE expires_at IS NOT NULL AND expires_at <= $1", [.int8(now.milliseconds)])
    }

    package func sessionRetention(at now: Timestamp) throws -> (count: Int, withRetention: Int, expired: [(handle: [UInt8], expiresAt: Timestamp)]) {
        let total = try queryOne("SELECT COUNT(*), COUNT(expires_at) FROM session") { (try $0.int(0), try $0.int(1)) } ?? (0, 0)
        let expired = try query("SELECT customer_handle, expires_at FROM session WHERE expires_at IS NOT NULL AND expires_at < $1",
                                [.int8(now.milliseconds)]) { r in
            (handle: try r.bytea(0) ?? [], expiresAt: Timestamp(milliseconds: try r.int64(1)))
        }
        return (total.0, total.1, expired)
    }

    // MARK: The start-up upgrade

    package func unsealedSessionCount() throws -> Int {
        try countRows("SELECT COUNT(*) FROM session WHERE seal IS NULL")
    }

    package func unsealedSessions(afterID: Int64, limit: Int) throws -> [(row: SessionRow?, id: Int64, handle: [UInt8], index: [UInt8])] {
        try query("""
            SELECT \(Self.sessionColumns), customer_handle, blind_index FROM session WHERE seal IS NULL AND id > $1 ORDER BY id LIMIT $2
            """, [.int8(afterID), .int(limit)]) { r in
            (try? Self.sessionRow(r), try r.int64(0), try r.bytea(Self.sessionColumnCount) ?? [], try r.bytea(Self.sessionColumnCount + 1) ?? [])
        }
    }

    /// An empty seal bound as a parameter (SQLite's `X''`): present, zero bytes, never NULL.
    package func markSessionUnbound(id: Int64) throws {
        forgetReadAhead(sessionID: id)
        try run("UPDATE session SET epoch = NULL, seal = $1 WHERE id = $2", .bytea([]), .int8(id))
    }

    package func rewriteChunk(id: Int64, sealed: [UInt8], generation: Int) throws {
        try run("UPDATE chunk SET sealed = $1, generation = $2 WHERE id = $3", .bytea(sealed), .int(generation), .int8(id))
    }

    package func rewriteSessionHeader(id: Int64, header: [UInt8]) throws {
        forgetReadAhead(sessionID: id)
        try run("UPDATE session SET header = $1 WHERE id = $2", .bytea(header), .int8(id))
    }

    // MARK: Chunks

    /// On the writer's connection (`defersWrites`) the id is reserved from the identity
    /// sequence and the row sent without waiting; elsewhere the server assigns it.
    package func insertChunk(session: Int64, seq: Int, generation: Int, prev: Int64?, sealed: [UInt8]) throws -> Int64 {
        if defersWrites {
            let id = try reservedID(table: "chunk")
            try write(Self.insertChunkWithIDSQL, [.int8(id), .int8(session), .int(seq), .int(generation),
                                                  prev.map(PostgresValue.int8) ?? .null, .bytea(sealed)])
            return id
        }
        let id = try queryOne(Self.insertChunkSQL, [.int8(session), .int(seq), .int(generation), prev.map(PostgresValue.int8) ?? .null,
                                                    .bytea(sealed)]) { try $0.int64(0) }
        guard let id else { throw PostgresError(message: "INSERT INTO chunk returned no id", sql: Self.insertChunkSQL) }
        return id
    }

    package func chunk(id: Int64, withContent: Bool) throws -> ChunkChain.Row? {
        try queryOne(withContent ? Self.chunkSQL : Self.chunkLinkSQL, [.int8(id)]) { r in
            ChunkChain.Row(session: try r.int64(0), seq: try r.int(1), prev: try r.optionalInt64(2),
                           generation: withContent ? try r.int(3) : 0, sealed: withContent ? try r.bytea(4) ?? [] : [])
        }
    }

    package func chunks(ofSession session: Int64) throws -> [ChunkChain.Chunk] {
        try query("SELECT seq, generation, sealed FROM chunk WHERE session_id = $1", [.int8(session)]) { r in
            ChunkChain.Chunk(seq: try r.int(0), generation: try r.int(1), sealed: try r.bytea(2) ?? [])
        }
    }

    package func deleteChunk(id: Int64) throws {
        try run("DELETE FROM chunk WHERE id = $1", .int8(id))
    }

    package func deleteChunks(ofSession session: Int64) throws {
        try run("DELETE FROM chunk WHERE session_id = $1", .int8(session))
    }

    // MARK: Purges

    package func recordPurge(handle: [UInt8], at time: Timestamp) throws {
        try run("INSERT INTO pending_purge (customer_handle, requested_at) VALUES ($1, $2) "
                + "ON CONFLICT (customer_handle) DO UPDATE SET requested_at = EXCLUDED.requested_at",
                .bytea(handle), .int8(time.milliseconds))
    }

    /// A customer's row is replaced by a later erasure of hers (a higher number; where either
    /// has none, a later time) and then moves to the end (`recorded`); the same erasure or an
    /// older one leaves it as it is. Other customers' rows stay, so a completion written late
    /// never hides a newer erasure of someone else (S23B-1), nor of her.
    ///
    /// Where the row ranks among the newest checked (`ORDER BY ordinal DESC NULLS LAST,
    /// recorded DESC`): a numbered erasure by the keyring's ordinal. An unnumbered one (made
    /// before keys migration 0005, so written here late by the erasure-mirror job) gets no
    /// ordinal, like the rows recorded before data migration 0004, and a `recorded` below
    /// every value the sequence gives (`ordinal - Int64.max`): it ranks after all of them,
    /// which keep the order they reached the record in, and among the late ones by the
    /// keyring's ordinal. Its keyring ordinal follows `shredded_at`, stamped by clocks that
    /// may have been apart, so it cannot be interleaved with them (S24B-3, S24C-3). Those late
    /// rows are checked as a whole set (`keyringHoldsTheErasuresTheDataRecorded`); where one
    /// replaces her row (a later erasure of hers, both unnumbered), the row joins that set too
    /// and asks for the later erasure (S25-1, S25C-1).
    package func mirrorErasure(customerTag: [UInt8], handleTag: [UInt8], number: Int?, ordinal: Int64, shreddedAt: Timestamp) throws -> Bool {
        let (columns, rank): (String, [PostgresValue]) = number == nil
            ? ("recorded", [.int8(ordinal &- Int64.max)])  // no ordinal; ranked after every row with a sequence value
            : ("ordinal", [.int8(ordinal)])
        return try queryOne("""
            INSERT INTO keyring_mirror AS m (customer_tag, handle_tag, shredded_at, number, \(columns)) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (customer_tag) DO UPDATE SET handle_tag = EXCLUDED.handle_tag, shredded_at = EXCLUDED.shredded_at,
                number = EXCLUDED.number, ordinal = EXCLUDED.ordinal, recorded = EXCLUDED.recorded
            WHERE m.handle_tag <> EXCLUDED.handle_tag
              AND \(ErasureRecord.isLaterSQL(number: "EXCLUDED.number", at: "EXCLUDED.shredded_at", than: "m.number", at: "m.shredded_at"))
            RETURNING 1
            """, [.bytea(customerTag), .bytea(handleTag), .int8(shreddedAt.milliseconds), .optionalInt(number)] + rank) { _ in true } ?? false
    }

    package func erasuresNotMirrored(_ erasures: [ErasureRecord]) throws -> [ErasureRecord] {
        guard !erasures.isEmpty else { return [] }
        let rows = (0..<erasures.count).map { i in (1...5).map { "$\(i * 5 + $0)" } }
            .map { "(\($0[0])::int8, \($0[1])::bytea, \($0[2])::bytea, \($0[3])::int8, \($0[4])::int8)" }
        let lacking = try query("""
            SELECT w.i FROM (VALUES \(rows.joined(separator: ", "))) AS w (i, customer_tag, handle_tag, number, shredded_at)
            WHERE NOT EXISTS (SELECT 1 FROM keyring_mirror m
                              WHERE m.customer_tag = w.customer_tag
                                AND (m.handle_tag = w.handle_tag
                                     OR \(ErasureRecord.isLaterSQL(number: "m.number", at: "m.shredded_at", than: "w.number", at: "w.shredded_at",
                                                                     orAtTheSameTime: true))))
            """, erasures.enumerated().flatMap { i, e in
                [PostgresValue.int(i), .bytea(e.customerTag), .bytea(e.handleTag), .optionalInt(e.number), .int8(e.shreddedAt.milliseconds)]
            }) { try $0.int(0) }
        return lacking.map { erasures[$0] }
    }

    package func deletePurge(handle: [UInt8]) throws {
        try run("DELETE FROM pending_purge WHERE customer_handle = $1", .bytea(handle))
    }

    package func pendingPurges() throws -> [(handle: [UInt8], requestedAt: Timestamp)] {
        try query("SELECT customer_handle, requested_at FROM pending_purge") { (try $0.bytea(0) ?? [], Timestamp(milliseconds: try $0.int64(1))) }
    }

    // MARK: -

    /// A session from a row selecting `sessionColumns` (checked by Core's `SessionRow.init`).
    private static func sessionRow(_ r: PostgresRow) throws -> SessionRow {
        try SessionRow(id: r.int64(0), sealedHeader: r.bytea(1) ?? [], generation: r.int(2), count: r.int(3),
                       createdAt: r.int64(4), updatedAt: r.int64(5), lastChunk: r.optionalInt64(6), retentionDays: r.optionalInt(7),
                       expiresAt: r.optionalInt64(8), epoch: r.bytea(9), lastTag: r.bytea(10) ?? [], seal: r.bytea(11))
    }
}
