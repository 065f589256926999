import ConfideCrypto
@_spi(Testing) import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// What a `TranscriptStore` on `PostgresEngine` does when PostgreSQL fails under it, against
/// the real server of `CONFIDE_TEST_POSTGRES_URI`: a statement timeout and a server restart
/// answer -32005 for the requests they hit, leave nothing half-written (every acknowledged
/// append is there, no failed one is, the audit chain verifies), and the same store serves
/// again without being reopened. (A dropped connection: `PostgresEngineTests`.)
final class PostgresFailureTests: PostgresStoreTestCase {
    /// A store on two new schemas (keyring, data); returns it with the data schema's URI.
    /// `sessionDefaults`: more `-c name=value` settings every session of the store starts
    /// with (URI-encoded, as a role or database default would set them).
    private func openStore(statementTimeoutMilliseconds: Int? = 30_000, commitOutcomeWaitSeconds: Double = 30, sessionDefaults: String = "")
        throws -> (store: TranscriptStore, keysURI: String, dataURI: String) {
        let uris = try ["keys", "data"].map { label in try schemaURI("fail_\(label)", extra: sessionDefaults).uri }
        var settings = PostgresEngine.Settings()
        settings.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        settings.commitOutcomeWaitSeconds = commitOutcomeWaitSeconds
        var options = TranscriptStore.Options()
        options.runsScheduler = false
        options.readerCount = 2
        let store = try TranscriptStore(state: state,
                                        engine: PostgresEngine(keysURI: uris[0], dataURI: uris[1], settings: settings),
                                        masterKey: masterKey, options: options)
        return (store, uris[0], uris[1])
    }





    /// `texts`, retried for a few seconds while the store answers -32005 (a reader
    /// connection finding its drop on first use).
    private func textsOnceServing(_ store: TranscriptStore, _ customer: String, _ session: String) throws -> [String] {
        let deadline = ProcessInfo.processInfo.systemUptime + 15
        while true {
            do { return try texts(store, customer, session) } catch let e as StoreError where e.code == -32005 && ProcessInfo.processInfo.systemUptime < deadline {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    /// The audit chain in `dataURI` verifies up to its last signed checkpoint (after `close`).
    private func auditVerifies(_ dataURI: String, _ store: TranscriptStore, file: StaticString = #filePath, line: UInt = #line) throws {
        let report = try AuditVerifier.verify(log: PostgresConnection(uri: dataURI).auditLog(chain: 0), publicKey: store.auditPublicKey)
        XCTAssertTrue(report.ok, "the audit chain verifies: \(report.problem ?? "")", file: file, line: line)
    }

    func testAStatementTimeoutAnswersUnavailableWritesNothingAndTheNextAppendIsServed() throws {
        let (store, keysURI, dataURI) = try openStore(statementTimeoutMilliseconds: 300)
        try append(store, "cust-timeout", "sess-1", "before")
        let data = try PostgresConnection(uri: dataURI), keys = try PostgresConnection(uri: keysURI)
        func count(_ table: String) throws -> Int { try data.queryOne("SELECT COUNT(*) FROM \(table)") { try $0.int(0) } ?? -1 }

        // Each table an append writes, held by another session (as a long migration, a
        // VACUUM FULL or an operator's stray transaction would) for longer than the timeout.
        // An existing session, a new session, a new customer: each waits on a data table; a
        // new customer on the keyring's (a known customer's key is cached).
        for (holder, table, keyring) in [(data, "chunk", false), (data, "session", false), (data, "audit_entry", false), (keys, "customer", true)] {
            let (chunks, sessions) = (try count("chunk"), try count("session"))
            try holder.begin()
            try holder.execute("LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE")
            let appends = [("cust-timeout", "sess-1"), ("cust-timeout", "sess-new-\(table)"), ("cust-new-\(table)", "sess-1")]
            for (customer, session) in keyring ? [appends[2]] : appends {
                XCTAssertThrowsError(try append(store, customer, session, "during the lock on \(table)"), "\(table), \(customer)/\(session)") {
                    let e = $0 as? StoreError
                    XCTAssertEqual(e?.code, -32005, "\(table): \($0)")
                    XCTAssertTrue("\($0)".contains("57014"), "names the statement timeout: \($0)")
                }
            }
            holder.rollbackIfOpen()
            XCTAssertEqual(try count("chunk"), chunks, "no message of the failed appends (lock on \(table))")
            XCTAssertEqual(try count("session"), sessions, "no session of the failed appends (lock on \(table))")
            XCTAssertEqual(try texts(store, "cust-timeout", "sess-1"), ["before"], "lock on \(table)")
            XCTAssertThrowsError(try texts(store, "cust-timeout", "sess-new-\(table)")) { XCTAssertEqual(($0 as? StoreError)?.code, -32004, "\($0)") }
        }
        // No statement still waits on a lock, no transaction is left open: the next writes are served.
        try append(store, "cust-timeout", "sess-1", "after")
        try append(store, "cust-new-chunk", "sess-1", "a new customer after")
        XCTAssertEqual(try texts(store, "cust-timeout", "sess-1"), ["before", "after"])
        XCTAssertEqual(try texts(store, "cust-new-chunk", "sess-1"), ["a new customer after"])
        store.close()  // signs the final checkpoint
        try auditVerifies(dataURI, store)
    }

    func testAServerRestartUnderLoadLosesNoAcknowledgedAppendWritesNoFailedOneAndTheStoreServesAgain() throws {
        guard let clusterDir = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_DIR"], !clusterDir.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_DIR is not set: the test restarts the throwaway cluster of scripts/pg-cluster")
        }
        let (store, _, dataURI) = try openStore()

        /// What one writer saw: every text it sent, in order, and how each ended.
        struct Outcomes {
            var sent: [String] = []
            var acknowledged: Set<String> = []
            var acknowledgedAfterRestart = 0
            var failures: [(text: String, code: Int, message: String)] = []
        }
        let writers = 4
        let outcomes = (0..<writers).map { _ in Locked(Outcomes()) }
        let restarted = Locked(false), stop = Locked(false)
        let done = DispatchGroup()
        for w in 0..<writers {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                var i = 0
                while !stop.snapshot {
                    i += 1
                    let text = "writer \(w) message \(i)"
                    outcomes[w].withLock { $0.sent.append(text) }
                    let afterRestart = restarted.snapshot
                    do {
                        try Self.append(store, "cust-restart-\(w)", "sess-1", text)
                        outcomes[w].withLock {
                            $0.acknowledged.insert(text)
                            if afterRestart { $0.acknowledgedAfterRestart += 1 }
                        }
                    } catch {
                        outcomes[w].withLock { $0.failures.append((text, (error as? StoreError)?.code ?? 0, "\(error)")) }
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                }
            }
        }
        func waitUntil(_ condition: () -> Bool) -> Bool {
            let deadline = ProcessInfo.processInfo.systemUptime + 30
            while !condition() && ProcessInfo.processInfo.systemUptime < deadline { Thread.sleep(forTimeInterval: 0.02) }
            return condition()
        }
        XCTAssertTrue(waitUntil { outcomes.allSatisfy { $0.snapshot.acknowledged.count >= 3 } }, "every writer is under way")

        // pg_ctl restart -m fast: the server ends every session (57P01) and comes back.
        let startedBefore = try PostgresConnection(uri: dataURI).queryOne("SELECT pg_postmaster_start_time()::text") { try $0.text(0) }
        XCTAssertEqual(Self.pgCluster(["restart", clusterDir]), 0,
                       "scripts/pg-cluster restart")
        restarted.withLock { $0 = true }

        // The same store serves again, without being reopened.
        let servedAgain = waitUntil { outcomes.allSatisfy { $0.snapshot.acknowledgedAfterRestart >= 3 } }
        stop.withLock { $0 = true }
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success, "the writers stop")
        XCTAssertTrue(servedAgain, "every writer's appends are acknowledged again after the restart: "
                      + "\(outcomes.map { $0.snapshot.acknowledgedAfterRestart })")

        let all = outcomes.map(\.snapshot)
        let failures = all.flatMap(\.failures)
        // The restart really happened. It need not fail a request: when it cuts the group's
        // COMMIT, the writer waits for the server and answers the group as it ended
        // (committed: every caller acknowledged), while the other writers wait behind it.
        // Which requests fail is timing; that none is lost or half-written is the invariant.
        XCTAssertNotEqual(try PostgresConnection(uri: dataURI).queryOne("SELECT pg_postmaster_start_time()::text") { try $0.text(0) }, startedBefore,
                          "the server restarted")
        for f in failures {
            XCTAssertEqual(f.code, -32005, "a restart answers unavailable, nothing else: \(f.text): \(f.message)")
        }
        for (w, o) in all.enumerated() {
            let stored = try textsOnceServing(store, "cust-restart-\(w)", "sess-1")
            // A COMMIT whose answer was lost while the server could not be asked may have
            // committed: such a failure says the outcome is unknown, and only it may be there.
            let unknown = Set(o.failures.filter { $0.message.contains("unknown") }.map(\.text))
            XCTAssertEqual(Set(stored).subtracting(o.acknowledged).subtracting(unknown), [], "writer \(w): a failed append is there")
            XCTAssertEqual(o.acknowledged.subtracting(stored), [], "writer \(w): an acknowledged append is missing")
            XCTAssertEqual(stored, o.sent.filter(Set(stored).contains), "writer \(w): in the order sent, each once")
        }
        store.close()  // signs the final checkpoint
        try auditVerifies(dataURI, store)
    }

    /// The server stays away longer than the writer waits for it after a cut COMMIT: the
    /// callers hear "unknown"; when the server is back, the writer reads the group's last
    /// entry before its next group and goes on from it. (Before, a group that did commit left
    /// the chain's head behind the table: every later write failed on the duplicate seq until
    /// the daemon restarted.)
    func testACommitWhoseServerStaysAwayIsAnsweredUnknownAndSettledWhenTheServerReturns() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let clusterDir = environment["CONFIDE_TEST_POSTGRES_DIR"], !clusterDir.isEmpty,
              let superuserURI = environment["CONFIDE_TEST_POSTGRES_SUPERUSER_URI"], !superuserURI.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_DIR and _SUPERUSER_URI are not set: the test stops the throwaway cluster of scripts/pg-cluster")
        }
        let (store, _, dataURI) = try openStore(commitOutcomeWaitSeconds: 0.5)
        try append(store, "cust-away", "sess-1", "before")
        let superuser = try PostgresConnection(uri: superuserURI)
        try superuser.execute("ALTER SYSTEM SET synchronous_standby_names = 'confide_absent_standby'")
        try superuser.execute("SELECT pg_reload_conf()")
        defer {
            let again = try? PostgresConnection(uri: superuserURI)
            try? again?.execute("ALTER SYSTEM RESET synchronous_standby_names")
            try? again?.execute("SELECT pg_reload_conf()")
        }
        Thread.sleep(forTimeInterval: 0.3)  // every backend rereads its configuration when idle
        let outcome = Locked<Result<Void, Error>?>(nil)
        Thread.detachNewThread {
            do { try Self.append(store, "cust-away", "sess-1", "in doubt"); outcome.withLock { $0 = .success(()) } }
            catch { outcome.withLock { $0 = .failure(error) } }
        }
        let deadline = ProcessInfo.processInfo.systemUptime + 10
        while try superuser.queryOne("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'", row: { try $0.int(0) }) != 1 {
            guard ProcessInfo.processInfo.systemUptime < deadline else { return XCTFail("the COMMIT never waited for the standby") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try superuser.execute("ALTER SYSTEM RESET synchronous_standby_names")  // read by the restarted server
        // Down for 3 s, six times the writer's wait: the COMMIT's outcome cannot be learned.
        XCTAssertEqual(Self.pgCluster(["restart", clusterDir, "--down", "3"]), 0)
        guard case .failure(let e)? = outcome.snapshot else {
            return XCTFail("the append was answered \(String(describing: outcome.snapshot)) while the server was away")
        }
        XCTAssertEqual((e as? StoreError)?.code, -32005, "\(e)")
        XCTAssertTrue("\(e)".contains("unknown"), "the caller is told the outcome is unknown: \(e)")

        // The server is back: the next append is served, after the one that did commit.
        var after: Error? = nil
        for _ in 0..<100 {
            do { try append(store, "cust-away", "sess-1", "after"); after = nil; break } catch { after = error; Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertNil(after, "the writer serves again once the server is back: \(String(describing: after))")
        XCTAssertEqual(try textsOnceServing(store, "cust-away", "sess-1"), ["before", "in doubt", "after"],
                       "the COMMIT the store could not settle did commit (it was durable before the standby wait)")
        store.close()
        try auditVerifies(dataURI, store)
    }

    /// The writer sends a group's writes without waiting, so a write the server refuses
    /// is reported at the COMMIT, not in its job: the group runs again with a savepoint per
    /// job, and only that write's own append may fail. (Before, every append of the group
    /// failed with -32005.) The refusal: someone with write access put a chunk row under the
    /// id the writer takes next (a duplicate primary key); the rerun takes fresh ids.
    func testAWriteTheServerRefusesAtCommitFailsNoOtherAppendOfItsGroup() throws {
        let (store, _, dataURI) = try openStore()
        let writers = 6
        for w in 0..<writers { try append(store, "cust-squat-\(w)", "sess-1", "first") }
        let owner = try PostgresConnection(uri: dataURI)
        let next = try XCTUnwrap(owner.queryOne("SELECT max(id) + 1 FROM chunk") { try $0.int64(0) })
        // next + 1: the first chunk of the group after a lone one, or the second of the first.
        try owner.run("INSERT INTO chunk (id, session_id, seq, generation, prev, sealed) VALUES ($1, 0, 0, 0, NULL, $2)",
                      .int8(next + 1), .bytea([1]))
        // The writer waits on the lock while the appends queue behind it: they form one group.
        try owner.begin()
        try owner.execute("LOCK TABLE session IN ACCESS EXCLUSIVE MODE")
        let results = (0..<writers).map { _ in Locked<Result<Void, Error>?>(nil) }
        let done = DispatchGroup()
        for w in 0..<writers {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                do { try Self.append(store, "cust-squat-\(w)", "sess-1", "second"); results[w].withLock { $0 = .success(()) } }
                catch { results[w].withLock { $0 = .failure(error) } }
            }
        }
        Thread.sleep(forTimeInterval: 0.5)
        owner.rollbackIfOpen()
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        for w in 0..<writers {
            if case .failure(let e)? = results[w].snapshot { XCTFail("writer \(w): \(e)") }
            XCTAssertEqual(try texts(store, "cust-squat-\(w)", "sess-1"), ["first", "second"], "writer \(w)")
        }
        store.close()
        try auditVerifies(dataURI, store)
    }

    func testACommitCutByARestartIsAnsweredAsItEndedAndTheWriterGoesOn() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let clusterDir = environment["CONFIDE_TEST_POSTGRES_DIR"], !clusterDir.isEmpty,
              let superuserURI = environment["CONFIDE_TEST_POSTGRES_SUPERUSER_URI"], !superuserURI.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_DIR and _SUPERUSER_URI are not set: the test restarts the throwaway cluster of scripts/pg-cluster")
        }
        let (store, _, dataURI) = try openStore()
        try append(store, "cust-doubt", "sess-1", "before")

        // A synchronous standby that never comes holds the next COMMIT after it is durable
        // here (wait event SyncRep): the restart then cuts a COMMIT that did commit, and its
        // answer never reaches the store, every time.
        let superuser = try PostgresConnection(uri: superuserURI)
        try superuser.execute("ALTER SYSTEM SET synchronous_standby_names = 'confide_absent_standby'")
        try superuser.execute("SELECT pg_reload_conf()")
        defer {
            let again = try? PostgresConnection(uri: superuserURI)
            try? again?.execute("ALTER SYSTEM RESET synchronous_standby_names")
            try? again?.execute("SELECT pg_reload_conf()")
        }
        Thread.sleep(forTimeInterval: 0.3)  // every backend rereads its configuration when idle
        let outcome = Locked<Result<Void, Error>?>(nil)
        Thread.detachNewThread {
            do { try Self.append(store, "cust-doubt", "sess-1", "in doubt"); outcome.withLock { $0 = .success(()) } }
            catch { outcome.withLock { $0 = .failure(error) } }
        }
        let deadline = ProcessInfo.processInfo.systemUptime + 10
        while try superuser.queryOne("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'", row: { try $0.int(0) }) != 1 {
            guard ProcessInfo.processInfo.systemUptime < deadline else { return XCTFail("the COMMIT never waited for the standby") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try superuser.execute("ALTER SYSTEM RESET synchronous_standby_names")  // read by the restarted server
        XCTAssertEqual(Self.pgCluster(["restart", clusterDir]), 0)
        while outcome.snapshot == nil && ProcessInfo.processInfo.systemUptime < deadline + 60 { Thread.sleep(forTimeInterval: 0.02) }

        // It committed: answered so (or, if the server could not be asked, -32005 saying the
        // outcome is unknown); either way the next appends are served, after it.
        var acknowledged = ["before"]
        switch outcome.snapshot {
        case .success?: acknowledged.append("in doubt")
        case .failure(let e)?:
            XCTAssertEqual((e as? StoreError)?.code, -32005, "\(e)")
            XCTAssertTrue("\(e)".contains("unknown"), "\(e)")
        case nil: return XCTFail("the append cut by the restart was never answered")
        }
        var after: Error? = nil
        for _ in 0..<100 {
            do { try append(store, "cust-doubt", "sess-1", "after"); after = nil; break } catch { after = error; Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertNil(after, "the writer serves again after the restart")
        XCTAssertEqual(try textsOnceServing(store, "cust-doubt", "sess-1"), ["before", "in doubt", "after"])
        XCTAssertEqual(acknowledged, ["before", "in doubt"], "the store asked the restarted server and answered the COMMIT as it ended")
        store.close()
        try auditVerifies(dataURI, store)
    }

    func testAfterAReconnectTheStoreStillCommitsWithSynchronousCommitOn() throws {
        guard let superuserURI = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_SUPERUSER_URI"], !superuserURI.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_SUPERUSER_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        // Sessions start with synchronous_commit = local, as a role or database default
        // (ALTER ROLE … SET) would make them; the store must set `on` again on every session.
        let (store, _, dataURI) = try openStore(sessionDefaults: "%20-csynchronous_commit%3Dlocal")
        try append(store, "cust-sync", "sess-1", "before")
        let superuser = try PostgresConnection(uri: superuserURI)
        let ended = try superuser.query("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND usename = 'confide_owner'
            """) { try $0.bool(0) ?? false }.filter { $0 }.count
        XCTAssertGreaterThanOrEqual(ended, 2, "the store's sessions ended")
        var reconnected = false
        for _ in 0..<50 where !reconnected {
            do { try append(store, "cust-sync", "sess-1", "after the reconnect"); reconnected = true } catch { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertTrue(reconnected, "the store serves again")

        // With a synchronous standby named (one that never comes), a COMMIT at `on` waits for
        // it (wait event SyncRep); at `local` it returns at once: the reply would not mean
        // what `on` promises once a standby is configured, nor durable with `off`.
        try superuser.execute("ALTER SYSTEM SET synchronous_standby_names = 'confide_absent_standby'")
        try superuser.execute("SELECT pg_reload_conf()")
        var reset = false
        func resetStandby() {
            guard !reset else { return }
            reset = true
            try? superuser.execute("ALTER SYSTEM RESET synchronous_standby_names")
            try? superuser.execute("SELECT pg_reload_conf()")  // releases a COMMIT still waiting
        }
        defer { resetStandby() }
        Thread.sleep(forTimeInterval: 0.3)  // every backend rereads its configuration when idle
        let answered = Locked(false)
        Thread.detachNewThread {
            _ = try? Self.append(store, "cust-sync", "sess-1", "probe")
            answered.withLock { $0 = true }
        }
        let deadline = ProcessInfo.processInfo.systemUptime + 5
        var waitedForTheStandby = false
        while !waitedForTheStandby && !answered.snapshot && ProcessInfo.processInfo.systemUptime < deadline {
            waitedForTheStandby = try superuser.queryOne("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'", row: { try $0.int(0) }) == 1
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertTrue(waitedForTheStandby, "after a reconnect the writer's COMMIT still runs with synchronous_commit = on")
        resetStandby()
        let released = ProcessInfo.processInfo.systemUptime + 10
        while !answered.snapshot && ProcessInfo.processInfo.systemUptime < released { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertTrue(answered.snapshot)
        store.close()
        try auditVerifies(dataURI, store)
    }
}
