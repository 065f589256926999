import ConfideCrypto
import ConfidePostgres
import ConfideSystem
import Foundation
import Synchronization

/// The ceiling for durable appends on a PostgreSQL server, before the daemon can serve from
/// one: raw libpq from this process writing the rows the daemon writes per append (the
/// sealed chunk, the session row's update, the audit entry) into the embedded PostgreSQL
/// data schema, with `synchronous_commit=on`, from N client threads.
///
/// Two ways to commit, to answer whether the daemon's group commit is still needed on
/// PostgreSQL (which already flushes the WAL of concurrent commits together):
/// - `.perClient(g)`: every client has its own connection and commits its own appends,
///   g per transaction (g = 1: a daemon with a connection pool and no grouping);
/// - `.singleWriter`: clients queue one append each and wait; one connection commits
///   everything queued in one transaction (the daemon's group-commit writer).
/// `commitDelayMicroseconds` sets PostgreSQL's `commit_delay` (0 is its default).
public enum PostgresBaseline {
    enum Grouping: CustomStringConvertible {
        case perClient(Int)
        case singleWriter
        case singleWriterPipelined
        /// No clients: one connection commits `group` appends per transaction, round-robin
        /// over the sessions, as fast as it can (the ceiling `confide bench --store
        /// --baseline` sets beside the daemon at the daemon's own group size); pipelined:
        /// one statement per append, the whole group in one round trip.
        case oneConnection(group: Int, pipelined: Bool)
        /// No clients: `count` connections, as the group-commit writers of `count` daemons
        /// over one store, each committing `group` appends per transaction in one round trip
        /// as fast as it can, and each transaction also locking and advancing an audit chain's
        /// head row: one row for all (`sharedHead`: one chain across the daemons, whose head
        /// a transaction holds until its COMMIT is flushed) or one row per writer (a chain
        /// per daemon). The shared head's best case: the lock is taken by the group's first
        /// statement, in the same round trip (a daemon would also have to read the head
        /// before hashing its entries, a round trip more under the lock).
        case writers(count: Int, group: Int, sharedHead: Bool)

        var description: String {
            switch self {
            case .oneConnection(let g, false): return "one connection, \(g)-append groups, a round trip per statement"
            case .oneConnection(let g, true): return "one connection, \(g)-append groups, each group in one round trip (libpq pipeline mode)"
            case .perClient(1): return "one connection per client, 1 append per commit"
            case .perClient(let g): return "one connection per client, \(g) appends per commit"
            case .singleWriter: return "one writer connection committing every queued append (daemon-style group commit)"
            case .singleWriterPipelined: return "one writer connection committing every queued append in one round trip (group commit, libpq pipeline mode)"
            case .writers(let n, let g, let shared):
                return "\(n) writer connection\(n == 1 ? "" : "s"), \(g)-append groups in one round trip, \(shared ? "one audit head for all (row-locked to COMMIT)" : "one audit head per writer")"
            }
        }
    }

    /// How an append's three writes reach the server.
    public enum Statements: String, CaseIterable, Sendable {
        /// One statement (INSERT chunk, UPDATE session, INSERT audit_entry chained in a
        /// WITH): one round trip per append.
        case one
        /// Three statements, as the SQLite baseline: three round trips per append.
        case perRow = "per-row"
    }

    struct Result {
        let appendsPerSecond: Double
        let commitsPerSecond: Double
        /// Client-observed time from asking for an append to its commit.
        let latency: LatencySample
        /// How long the clients ran.
        let seconds: Double
        /// WAL flushes the server made per second (`pg_stat_wal.wal_sync`): fewer than
        /// commits/s means PostgreSQL flushed several commits at once.
        var walSyncsPerSecond: Double? = nil
        var averageGroup: Double { appendsPerSecond / max(commitsPerSecond, 1) }
    }

    /// One measured run in a fresh schema of the database at `uri`, dropped afterwards;
    /// `clients` sessions (one per client, or for `.oneConnection` the sessions its groups
    /// go round).
    static func run(uri: String, grouping: Grouping, statements: Statements, clients: Int, commitDelayMicroseconds: Int,
                    rowBytes: Int, seconds: Double) throws -> Result {
        let scratch = try ScratchSchema(in: uri, label: "baseline")
        defer { scratch.drop() }
        let schema = scratch.name
        let sessions = try {
            let setup = try connect(uri, schema: schema, commitDelayMicroseconds: 0)
            try PostgresMigrator.embedded(.data).migrate(setup)
            if case .writers(let count, _, _) = grouping {
                // The audit heads the writers lock (the data schema keeps its chain's head in memory).
                try setup.execute("CREATE TABLE bench_audit_head (id int8 PRIMARY KEY, seq int8 NOT NULL, head bytea NOT NULL)")
                for w in 0..<count { try setup.run("INSERT INTO bench_audit_head VALUES ($1, 0, $2)", .int8(Int64(w)), .bytea(SecureRandom.bytes(32))) }
            }
            return try setup.transaction {
                try (0..<clients).map { _ in
                    try setup.queryOne("""
                        INSERT INTO session (customer_handle, blind_index, header, generation, message_count, created_at, updated_at)
                        VALUES ($1, $2, $3, 1, 0, 0, 0) RETURNING id
                        """, [.bytea(SecureRandom.bytes(16)), .bytea(SecureRandom.bytes(32)), .bytea(SecureRandom.bytes(160))]) { try $0.int64(0) }!
                }
            }
        }()
        Thread.sleep(forTimeInterval: 1.1)  // the set-up connection has exited and reported its counts
        let before = scratch.walSyncs()
        var result = try measure(uri: uri, schema: schema, sessions: sessions, grouping: grouping, statements: statements, clients: clients,
                                 commitDelayMicroseconds: commitDelayMicroseconds, rowBytes: rowBytes, seconds: seconds)
        Thread.sleep(forTimeInterval: 1.1)  // the run's backends have exited and reported their counts
        if let before, let after = scratch.walSyncs() { result.walSyncsPerSecond = Double(after - before) / result.seconds }
        // What was written is what the daemon would have: every chunk counted by its session
        // and linked to its predecessor, one audit entry per chunk.
        let consistent = try scratch.inSchema { admin in
            try admin.queryOne("""
            SELECT (SELECT coalesce(sum(message_count), 0) FROM session) = (SELECT count(*) FROM chunk)
               AND (SELECT count(*) FROM audit_entry) = (SELECT count(*) FROM chunk)
               AND NOT EXISTS (SELECT 1 FROM chunk c LEFT JOIN chunk p ON p.id = c.prev
                               WHERE CASE WHEN c.seq = 1 THEN c.prev IS NOT NULL
                                          ELSE p.id IS NULL OR p.session_id <> c.session_id OR p.seq <> c.seq - 1 END)
               AND NOT EXISTS (SELECT 1 FROM session s LEFT JOIN chunk c ON c.id = s.last_chunk
                               WHERE s.message_count > 0 AND (c.session_id IS DISTINCT FROM s.id OR c.seq <> s.message_count))
            """) { try $0.bool(0) }
        }
        guard consistent == true else { throw BenchError("PostgreSQL baseline wrote inconsistent rows (\(grouping)); its figures are void") }
        if case .writers = grouping {
            // Every group advanced its audit head by its appends.
            let counted = try scratch.inSchema { admin in
                try admin.queryOne("SELECT (SELECT sum(seq) FROM bench_audit_head) = (SELECT count(*) FROM audit_entry)") { try $0.bool(0) }
            }
            guard counted == true else { throw BenchError("the audit heads do not count every append (\(grouping)); the figures are void") }
        }
        return result
    }

    /// The measured part of `run`: its connections are closed on return.
    private static func measure(uri: String, schema: String, sessions: [Int64], grouping: Grouping, statements: Statements, clients: Int,
                                commitDelayMicroseconds: Int, rowBytes: Int, seconds: Double) throws -> Result {
        let writer = Writer(statements: statements, payload: SecureRandom.bytes(rowBytes), sessions: sessions)
        switch grouping {
        case .oneConnection(let group, let pipelined):
            let db = Unshared(try connect(uri, schema: schema, commitDelayMicroseconds: commitDelayMicroseconds))
            // Distinct sessions in a group: an append links to its session's previous chunk,
            // known only once that one's INSERT answered (a pipelined group sends all at once).
            let group = min(group, sessions.count)
            return try measure(clients: 1, seconds: seconds) { _, stop in
                var latency = LatencySample(), commits = 0, appends = 0, next = 0
                while !stop() {
                    let batch = (0..<group).map { (next + $0) % sessions.count }
                    next += group
                    let start = MonotonicClock.seconds()
                    if pipelined {
                        try writer.appendPipelined(db.value, sessions: batch)
                    } else {
                        try db.value.transaction { for s in batch { try writer.append(db.value, session: s) } }
                    }
                    latency.record(MonotonicClock.seconds() - start)
                    commits += 1
                    appends += group
                }
                return (latency, appends, commits)
            }
        case .writers(let count, let group, let sharedHead):
            let connections = Unshared(try (0..<count).map { _ in try connect(uri, schema: schema, commitDelayMicroseconds: commitDelayMicroseconds) })
            return try measure(clients: count, seconds: seconds) { w, stop in
                // Writer w's sessions: w, w + count, …; distinct within a group.
                let mine = Array(stride(from: w, to: sessions.count, by: count))
                let group = min(group, mine.count)
                var latency = LatencySample(), commits = 0, appends = 0, next = 0
                while !stop() {
                    let batch = (0..<group).map { mine[(next + $0) % mine.count] }
                    next += group
                    let start = MonotonicClock.seconds()
                    try writer.appendPipelined(connections.value[w], sessions: batch, auditHead: sharedHead ? 0 : Int64(w))
                    latency.record(MonotonicClock.seconds() - start)
                    commits += 1
                    appends += group
                }
                return (latency, appends, commits)
            }
        case .perClient(let group):
            let connections = Unshared(try (0..<clients).map { _ in try connect(uri, schema: schema, commitDelayMicroseconds: commitDelayMicroseconds) })
            return try measure(clients: clients, seconds: seconds) { client, stop in
                let db = connections.value[client]
                var latency = LatencySample(), commits = 0, appends = 0
                while !stop() {
                    let start = MonotonicClock.seconds()
                    if group == 1 && statements == .one {
                        try writer.append(db, session: client)  // one statement: atomic without BEGIN/COMMIT
                    } else {
                        try db.transaction { for _ in 0..<group { try writer.append(db, session: client) } }
                    }
                    let t = MonotonicClock.seconds() - start
                    for _ in 0..<group { latency.record(t) }
                    commits += 1
                    appends += group
                }
                return (latency, appends, commits)
            }
        case .singleWriter, .singleWriterPipelined:
            let pipelined = if case .singleWriterPipelined = grouping { true } else { false }
            let db = Unshared(try connect(uri, schema: schema, commitDelayMicroseconds: commitDelayMicroseconds))
            let queue = CommitQueue()
            let commits = Atomic<Int>(0)
            let failure = Mutex<(any Error)?>(nil)
            let writerThread = Thread {
                while let batch = queue.takeAll() {
                    do {
                        if pipelined {
                            try writer.appendPipelined(db.value, sessions: batch.map(\.session))
                        } else {
                            try db.value.transaction { for request in batch { try writer.append(db.value, session: request.session) } }
                        }
                        commits.add(1, ordering: .relaxed)
                    } catch {
                        failure.withLock { $0 = $0 ?? error }
                    }
                    for request in batch { request.done.signal() }
                }
            }
            writerThread.start()
            defer { queue.close() }
            let result = try measure(clients: clients, seconds: seconds) { client, stop in
                var latency = LatencySample(), appends = 0
                while !stop() {
                    let start = MonotonicClock.seconds()
                    let done = DispatchSemaphore(value: 0)
                    queue.add(.init(session: client, done: done))
                    done.wait()
                    if let error = failure.withLock({ $0 }) { throw error }
                    latency.record(MonotonicClock.seconds() - start)
                    appends += 1
                }
                return (latency, appends, 0)
            }
            return Result(appendsPerSecond: result.appendsPerSecond,
                          commitsPerSecond: Double(commits.load(ordering: .relaxed)) / result.seconds, latency: result.latency, seconds: result.seconds)
        }
    }

    /// A connection working in `schema`, durable commits stated rather than assumed.
    private static func connect(_ uri: String, schema: String, commitDelayMicroseconds: Int) throws -> PostgresConnection {
        let db = try PostgresConnection(uri: uri, applicationName: "confide bench")
        try db.execute("SET search_path TO \(schema); SET synchronous_commit = on")
        if commitDelayMicroseconds > 0 {
            do { try db.execute("SET commit_delay = \(commitDelayMicroseconds)") } catch let e as PostgresError {
                throw BenchError("cannot set commit_delay as \(db.target): \(e.message) (a superuser can allow it: GRANT SET ON PARAMETER commit_delay TO <role>)")
            }
        }
        return db
    }

    /// Runs `client` on `clients` threads for `seconds`; sums what they report.
    private static func measure(clients: Int, seconds: Double,
                                _ client: @escaping @Sendable (Int, () -> Bool) throws -> (LatencySample, Int, Int)) throws -> Result {
        let deadline = MonotonicClock.seconds() + seconds
        let totals = Mutex<(LatencySample, Int, Int, [String])>((LatencySample(), 0, 0, []))
        let group = DispatchGroup()
        let started = MonotonicClock.seconds()
        for c in 0..<clients {
            DispatchQueue.global().async(group: group) {
                do {
                    let (l, a, k) = try client(c) { MonotonicClock.seconds() >= deadline }
                    totals.withLock { $0.0.merge(l); $0.1 += a; $0.2 += k }
                } catch {
                    totals.withLock { $0.3.append("\(error)") }
                }
            }
        }
        group.wait()
        let elapsed = MonotonicClock.seconds() - started
        let (latency, appends, commits, failures) = totals.withLock { $0 }
        if let first = failures.first { throw BenchError("PostgreSQL baseline failed: \(first)") }
        return Result(appendsPerSecond: Double(appends) / elapsed, commitsPerSecond: Double(commits) / elapsed, latency: latency, seconds: elapsed)
    }

    /// Writes one append's rows, as the daemon does: the chunk linked to its session's
    /// previous one, the session row's update, the audit entry. Each client's session is
    /// its own, so its counters need no lock (raw memory, one cell per session: a Swift
    /// array written from several threads would race on its copy-on-write buffer); audit
    /// seqs come from one atomic counter.
    private final class Writer: @unchecked Sendable {
        let statements: Statements
        let payload: [UInt8]
        let sessions: [Int64]
        let (customerRef, hash) = (SecureRandom.bytes(16), SecureRandom.bytes(32))
        /// Per session: messages written, id of its newest chunk.
        private let state: UnsafeMutableBufferPointer<(count: Int, lastChunk: Int64?)>
        private let auditSeq = Atomic<Int>(0)

        init(statements: Statements, payload: [UInt8], sessions: [Int64]) {
            self.statements = statements
            self.payload = payload
            self.sessions = sessions
            state = .allocate(capacity: sessions.count)
            state.initialize(repeating: (0, nil))
        }

        deinit { state.deallocate() }

        /// The three writes as one statement: one round trip instead of three.
        static let oneStatement = """
            WITH c AS (
                INSERT INTO chunk (session_id, seq, generation, prev, sealed) VALUES ($1, $2, 1, $3, $4) RETURNING id
            ), s AS (
                UPDATE session SET message_count = $2, last_chunk = (SELECT id FROM c), updated_at = $5,
                       expires_at = CASE WHEN retention_days > 0 THEN $5 + retention_days * 86400000 ELSE expires_at END
                WHERE id = $1
            )
            INSERT INTO audit_entry (seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash)
            VALUES ($6, $5, 1000, 4242, 'support', 'session.append', NULL, $7, 'ok', $8)
            RETURNING (SELECT id FROM c)
            """

        private func oneStatementValues(_ s: Int, prev: PostgresValue, now: Int64, seq: PostgresValue) -> [PostgresValue] {
            [.int8(sessions[s]), .int(state[s].count), prev, .bytea(payload), .int8(now), seq, .bytea(customerRef), .bytea(hash)]
        }

        /// One append to each of `sessions` (distinct: each client has one in flight), all
        /// in one transaction sent in one round trip; with `auditHead`, the transaction first
        /// locks that row of `bench_audit_head` and last advances it (see `.writers`).
        func appendPipelined(_ db: PostgresConnection, sessions batch: [Int], auditHead: Int64? = nil) throws {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let statements = batch.map { s -> (sql: String, values: [PostgresValue]) in
                state[s].count += 1
                let seq = PostgresValue.int(auditSeq.add(1, ordering: .relaxed).newValue)
                return (Self.oneStatement, oneStatementValues(s, prev: state[s].lastChunk.map { .int8($0) } ?? .null, now: now, seq: seq))
            }
            guard let auditHead else {
                let results = try db.pipelinedTransaction(statements)
                for (s, r) in zip(batch, results) { state[s].lastChunk = try r.row(0).int64(0) }
                return
            }
            let results = try db.pipelinedTransaction([("SELECT seq FROM bench_audit_head WHERE id = $1 FOR UPDATE", [.int8(auditHead)])]
                + statements + [("UPDATE bench_audit_head SET seq = seq + $2, head = $3 WHERE id = $1", [.int8(auditHead), .int8(Int64(batch.count)), .bytea(hash)])])
            for (s, r) in zip(batch, results.dropFirst()) { state[s].lastChunk = try r.row(0).int64(0) }
        }

        /// Called for session `s` by one thread at a time (its client, or the one writer).
        func append(_ db: PostgresConnection, session s: Int) throws {
            state[s].count += 1
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let seq = PostgresValue.int(auditSeq.add(1, ordering: .relaxed).newValue)
            let prev = state[s].lastChunk.map { PostgresValue.int8($0) } ?? .null
            switch statements {
            case .one:
                state[s].lastChunk = try db.queryOne(Self.oneStatement, oneStatementValues(s, prev: prev, now: now, seq: seq)) { try $0.int64(0) }
            case .perRow:
                let id = try db.queryOne("INSERT INTO chunk (session_id, seq, generation, prev, sealed) VALUES ($1, $2, 1, $3, $4) RETURNING id",
                                         [.int8(sessions[s]), .int(state[s].count), prev, .bytea(payload)]) { try $0.int64(0) }
                state[s].lastChunk = id
                try db.run("""
                    UPDATE session SET message_count = $1, last_chunk = $2, updated_at = $3,
                           expires_at = CASE WHEN retention_days > 0 THEN $3 + retention_days * 86400000 ELSE expires_at END WHERE id = $4
                    """, .int(state[s].count), id.map { .int8($0) } ?? .null, .int8(now), .int8(sessions[s]))
                try db.run("""
                    INSERT INTO audit_entry (seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash)
                    VALUES ($1, $2, 1000, 4242, 'support', 'session.append', NULL, $3, 'ok', $4)
                    """, seq, .int8(now), .bytea(customerRef), .bytea(hash))
            }
        }
    }

    /// A connection (or several) handed to the one thread that uses each.
    private struct Unshared<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// The single writer's queue: clients add one request each; the writer takes all.
    private final class CommitQueue: @unchecked Sendable {
        struct Request { let session: Int; let done: DispatchSemaphore }
        private let condition = NSCondition()
        private var pending: [Request] = []
        private var closed = false

        func add(_ r: Request) {
            condition.lock(); pending.append(r); condition.signal(); condition.unlock()
        }

        /// Everything queued, waiting for at least one; nil once closed.
        func takeAll() -> [Request]? {
            condition.lock(); defer { condition.unlock() }
            while pending.isEmpty && !closed { condition.wait() }
            if pending.isEmpty { return nil }
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }

        func close() {
            condition.lock(); closed = true; condition.broadcast(); condition.unlock()
        }
    }
}

extension BenchScenarios {
    /// `--scenario postgresql-baseline --store URI`: every grouping at every commit_delay.
    func postgresBaselineRun() throws -> [(String, String)] {
        guard let uri = settings.store else { throw BenchError("--scenario postgresql-baseline needs --store postgresql://...") }
        let probe = try PostgresConnection(uri: uri)
        var notes: [(String, String)] = [("server", "PostgreSQL \(probe.serverVersion / 10000).\(probe.serverVersion % 100), \(probe.target)")]
        let settingsRow = try probe.queryOne("SELECT current_setting('synchronous_commit'), current_setting('fsync'), current_setting('wal_sync_method'), current_setting('commit_siblings')") {
            "synchronous_commit=\(try $0.text(0)!), fsync=\(try $0.text(1)!), wal_sync_method=\(try $0.text(2)!), commit_siblings=\(try $0.text(3)!)"
        }
        notes.append(("settings", settingsRow ?? "?"))
        let groupings = settings.groups.map { PostgresBaseline.Grouping.perClient($0) } + [.singleWriter, .singleWriterPipelined]
        for n in settings.clients {
            for delay in settings.commitDelays {
                for statements in settings.pgStatements {
                for grouping in groupings {
                    if case .singleWriterPipelined = grouping, statements != .one { continue }
                    let label = "\(n) clients, commit_delay=\(delay) µs, \(statements == .one ? "1 statement" : "3 statements") per append, \(grouping)"
                    if !settings.json { progress("postgresql baseline: \(label)...") }
                    let r = try PostgresBaseline.run(uri: uri, grouping: grouping, statements: statements, clients: n, commitDelayMicroseconds: delay,
                                                     rowBytes: settings.chunkBytes + 120, seconds: settings.seconds)
                    notes.append((label,
                                  String(format: "%.0f appends/s, %.0f commits/s (%.1f appends per commit), %@, append latency p50 %.2f ms, p99 %.2f ms",
                                         r.appendsPerSecond, r.commitsPerSecond, r.averageGroup,
                                         r.walSyncsPerSecond.map { String(format: "%.0f WAL flushes/s (%.1f commits per flush)", $0, r.commitsPerSecond / max($0, 1)) } ?? "WAL flushes unknown",
                                         r.latency.percentile(0.5) * 1000, r.latency.percentile(0.99) * 1000)))
                }
                }
            }
        }
        return notes
    }
}

extension BenchScenarios {
    /// `--scenario audit-chain --store URI`: for each writer count, one audit head shared by
    /// every writer against one head per writer, `rounds` times alternating, medians.
    func auditChainRun() throws -> [(String, String)] {
        guard let uri = settings.store else { throw BenchError("--scenario audit-chain needs --store postgresql://...") }
        let probe = try PostgresConnection(uri: uri)
        var notes: [(String, String)] = [("server", "PostgreSQL \(probe.serverVersion / 10000).\(probe.serverVersion % 100), \(probe.target)")]
        let group = settings.groups.first ?? 8
        for n in settings.writers {
            var figures: [Bool: [PostgresBaseline.Result]] = [true: [], false: []]
            for round in 1...max(1, settings.rounds) {
                for shared in [true, false] {
                    let grouping = PostgresBaseline.Grouping.writers(count: n, group: group, sharedHead: shared)
                    if !settings.json { progress("audit chain, round \(round): \(grouping)...") }
                    figures[shared]!.append(try PostgresBaseline.run(uri: uri, grouping: grouping, statements: .one, clients: n * group,
                                                                     commitDelayMicroseconds: 0, rowBytes: settings.chunkBytes + 120,
                                                                     seconds: settings.seconds))
                }
            }
            func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
            for shared in [true, false] {
                let rs = figures[shared]!
                let label = "\(PostgresBaseline.Grouping.writers(count: n, group: group, sharedHead: shared))"
                let appends = rs.map(\.appendsPerSecond)
                notes.append((label, String(format: "%.0f appends/s (median of %d; %@), %.0f commits/s, commit p50 %.2f ms, p99 %.2f ms%@",
                                            median(appends), rs.count, appends.map { String(format: "%.0f", $0) }.joined(separator: " "),
                                            median(rs.map(\.commitsPerSecond)), median(rs.map { $0.latency.percentile(0.5) }) * 1000,
                                            median(rs.map { $0.latency.percentile(0.99) }) * 1000,
                                            rs.compactMap(\.walSyncsPerSecond).isEmpty ? "" : String(format: ", %.0f WAL flushes/s",
                                                                                                       median(rs.compactMap(\.walSyncsPerSecond))))))
            }
        }
        return notes
    }
}
