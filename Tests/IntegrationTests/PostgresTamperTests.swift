import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// The PostgreSQL twins of the daemon's black-box tests that read or edit the embedded
/// store's files (so cannot run in scripts/test's PostgreSQL pass): rows edited in
/// PostgreSQL as an attacker with write access to the database would, and what PostgreSQL
/// and the state folder hold. Each test starts its own daemon with `store` on a fresh
/// schema of the test cluster (`CONFIDE_TEST_POSTGRES_URI`), so it runs in the first pass.
/// Twins: `ReliabilityFaultTests` (tampered and misplaced chunks; a missing keys.db), the
/// audit tampering of
/// `ConfideCoreTests.AuditTamperTests` over the socket and offline, `ReportTests` (moved
/// timestamps, an edited entry), `ErasureLedgerTests` (a restore from before a shred),
/// `PlaintextOnDiskTests`, `HardeningDefaultsTests` (file modes) and `BackupRestoreTests`
/// (refused on PostgreSQL). A full disk: `PostgresDiskFullTests`. (`AuditCompletenessTests`
/// and `AuditFailClosedTests` lock the data store either way and run in the second pass.)
final class PostgresTamperTests: DaemonTestCase {
    /// A daemon whose keyring and data live in a fresh schema of the test cluster; returns
    /// it with its store's URI (the owner's, the schema first on the search path).
    private func startDaemonOnPostgres() throws -> (DaemonHarness, String) {
        guard PostgresTestStore.ownerURI != nil else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        let store = try PostgresTestStore.freshSchemaURI(label: "tamper")
        let daemon = try startDaemon(["store": .string(store)])
        XCTAssertTrue(daemon.usesPostgres)
        return (daemon, store)
    }

    /// The first column of the first row of `sql` in the store, as text.
    private func value(_ sql: String, _ store: String) throws -> String {
        try XCTUnwrap(try PostgresTestStore.column(sql, on: store).first, sql)
    }

    /// Runs an `UPDATE`/`DELETE` in the store; asserts it changed exactly `rows` rows.
    private func edit(_ sql: String, _ store: String, rows: Int = 1, file: StaticString = #filePath, line: UInt = #line) throws {
        let n = try value("WITH changed AS (\(sql) RETURNING 1) SELECT COUNT(*)::text FROM changed", store)
        XCTAssertEqual(n, String(rows), sql, file: file, line: line)
    }

    // MARK: Chunks and sessions edited in PostgreSQL

    func testEditedMovedAndSplicedChunksAndAnEditedSessionSealAreIntegrityErrorsWhileOtherSessionsStillRead() throws {
        let (h, store) = try startDaemonOnPostgres()
        let c = h.client()
        /// The id PostgreSQL gave the session written last.
        func newestSession() throws -> String { try value("SELECT max(id)::text FROM session", store) }
        var id: [String: String] = [:], reference: [String: JSONValue] = [:]
        for (cust, s) in [("cust-a", "s1"), ("cust-a", "s2"), ("cust-a", "s3"), ("cust-b", "s1"), ("cust-b", "s2"), ("cust-d", "s1")] {
            try ok(c, "session.append", sessionParams(cust, s, (0..<5).map { message("\(cust) \(s) message \($0)") }))
            reference["\(cust)/\(s)"] = try ok(c, "session.get", ids(cust, s))
            id["\(cust)/\(s)"] = try newestSession()
        }
        XCTAssertEqual(Set(id.values).count, 6, "one row per session: \(id)")
        // An older version of a session: its second chunk, kept before session.put replaces it.
        try ok(c, "session.append", sessionParams("cust-c", "s1", (0..<3).map { message("cust-c old version \($0)") }))
        let oldChunk = try value("SELECT encode(sealed, 'hex') FROM chunk WHERE session_id = \(try newestSession()) AND seq = 2", store)
        let lastChunkBeforePut = try value("SELECT max(id)::text FROM chunk", store)
        try ok(c, "session.put", sessionParams("cust-c", "s1", (0..<3).map { message("cust-c new version \($0)") }))
        XCTAssertEqual(try value("SELECT COUNT(*)::text FROM chunk WHERE id > \(lastChunkBeforePut)", store), "3")
        XCTAssertEqual(try h.terminate(), .status(0))

        func chunk(_ session: String, _ seq: Int) -> String { "(SELECT sealed FROM chunk WHERE session_id = \(id[session]!) AND seq = \(seq))" }
        // One bit flipped in the middle of a sealed message.
        try edit("UPDATE chunk SET sealed = set_byte(sealed, length(sealed) / 2, get_byte(sealed, length(sealed) / 2) # 1) "
                 + "WHERE session_id = \(id["cust-a/s1"]!) AND seq = 3", store)
        // A chunk moved to another position of its session.
        try edit("UPDATE chunk SET sealed = \(chunk("cust-b/s2", 1)) WHERE session_id = \(id["cust-b/s2"]!) AND seq = 2", store)
        // A chunk spliced from another session of the same customer (the same key seals both).
        try edit("UPDATE chunk SET sealed = \(chunk("cust-a/s2", 2)) WHERE session_id = \(id["cust-a/s3"]!) AND seq = 2", store)
        // The old version's chunk spliced into the new version, at its own position.
        try edit("UPDATE chunk SET sealed = decode('\(oldChunk)', 'hex') WHERE id > \(lastChunkBeforePut) AND seq = 2", store)
        // A session row's seal (AuditCompletenessTests' edit).
        try edit("UPDATE session SET seal = '\\x00' WHERE id = \(id["cust-d/s1"]!)", store)

        try h.start()
        let d = h.client()
        let flipped = try expectError(d, "session.get", ids("cust-a", "s1"), code: -32006, mentioning: ["authentication"])
        XCTAssertFalse(flipped.message.contains("message 2"), "no plaintext in the error: \(flipped.message)")
        try expectError(d, "session.get", ids("cust-b", "s2"), code: -32006)  // moved
        try expectError(d, "session.get", ids("cust-a", "s3"), code: -32006)  // from another session
        try expectError(d, "session.get", ids("cust-c", "s1"), code: -32006)  // from an older version
        try expectError(d, "session.get", ids("cust-d", "s1"), code: -32006)  // the session row's seal
        try expectError(d, "session.append", sessionParams("cust-d", "s1", [message("more")]), code: -32006)
        try expectError(d, "session.list", ["customer": "cust-d"], code: -32006)
        // The untouched sessions read exactly as before, the source of the splice included.
        XCTAssertEqual(try ok(d, "session.get", ids("cust-a", "s2")), reference["cust-a/s2"])
        XCTAssertEqual(try ok(d, "session.get", ids("cust-b", "s1")), reference["cust-b/s1"])
        try expectError(d, "customer.export", ["customer": "cust-a"], code: -32006)
        XCTAssertEqual(try ok(d, "session.list", ["customer": "cust-a"])["sessions"]?.arrayValue?.count, 3)
        // The failures are audited, and the chain (untouched) still verifies.
        let tail = try ok(d, "audit.tail", ["limit": 30])["entries"]?.arrayValue ?? []
        XCTAssertGreaterThanOrEqual(tail.filter { $0["method"] == "session.get" && $0["outcome"] == "-32006" }.count, 5, "\(tail)")
        XCTAssertEqual(try ok(d, "audit.verify")["ok"], .bool(true))
        // A write to a damaged session still works; the damaged row stays unreadable.
        try ok(d, "session.append", sessionParams("cust-a", "s1", [message("after tampering")]))
        try expectError(d, "session.get", ids("cust-a", "s1"), code: -32006)
        assertAlive(h)
    }

    // MARK: The audit chain edited in PostgreSQL

    /// How the offline verifier and a daemon restarted on the store answer, after an audit
    /// entry was edited or deleted in the stopped daemon's store.
    struct AuditTamperAnswers: Equatable, CustomStringConvertible {
        var offlineStatus: Int32 = -1
        var offlineNamesTheEntry = false
        var daemonStarts = false
        /// When the daemon refuses to start: whether it says how to accept the store (`--accept-restored-data`).
        var refusalNamesTheWayOut = false
        /// The refusal's line (not compared: it names the store, a path or a URI).
        var refusal = ""
        var onlineOK: JSONValue = .null
        var onlineNamesTheEntry = false
        var appendCode: Int? = -1
        var description: String {
            "offline: status \(offlineStatus), names the entry: \(offlineNamesTheEntry); daemon starts: \(daemonStarts) "
                + "(refusal names --accept-restored-data: \(refusalNamesTheWayOut)); "
                + "online ok: \(onlineOK), names the entry: \(onlineNamesTheEntry); an append afterwards: \(appendCode.map(String.init) ?? "ok")"
        }
        static func == (a: Self, b: Self) -> Bool { a.description == b.description }
    }

    /// Writes a few calls' entries, stops the daemon (its last checkpoint signed), runs
    /// `sql` (an UPDATE or DELETE of `audit_entry` whose first bad entry is `seq`) outside
    /// confide, and collects the answers. `onPostgres`: the store in PostgreSQL (SQL), else
    /// the embedded one (python3's sqlite3 on data.db).
    /// `seq` nil: the first bad entry is the one after the newest entry `sql` left (a cut-off tail).
    private func auditTamperAnswers(onPostgres: Bool, sql: String, seq expectedSeq: Int?) throws -> AuditTamperAnswers {
        let (h, store): (DaemonHarness, String?) = onPostgres ? try startDaemonOnPostgres() : (try startDaemon(["store": .null]), nil)
        XCTAssertEqual(h.usesPostgres, onPostgres)
        let c = h.client()
        for i in 0..<4 { try ok(c, "session.append", sessionParams("cust-audit", "s\(i)", [message("entry \(i)")])) }
        try ok(c, "session.get", ids("cust-audit", "s1"))
        XCTAssertEqual(try ok(c, "audit.verify")["ok"], .bool(true))
        XCTAssertEqual(try h.terminate(), .status(0))
        var last = -1
        if let store {
            let n = try value("WITH changed AS (\(sql) RETURNING 1) SELECT COUNT(*)::text FROM changed", store)
            XCTAssertNotEqual(n, "0", sql)
            last = Int(try value("SELECT COALESCE(max(seq), 0)::text FROM audit_entry", store)) ?? -1
        } else {
            let r = try python("import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nn=c.execute(sys.argv[2]).rowcount\nc.commit()\n"
                               + "print(n, c.execute('SELECT COALESCE(max(seq), 0) FROM audit_entry').fetchone()[0])",
                               [h.stateDir + "/data.db", sql])
            let counts = r.stdout.split(whereSeparator: \.isWhitespace)
            XCTAssertNotEqual(counts.first, "0", "\(r)")
            last = counts.count == 2 ? Int(counts[1]) ?? -1 : -1
        }
        let seq = expectedSeq ?? last + 1
        var answers = AuditTamperAnswers()
        let offline = try h.runCLI(["audit", "verify", "--offline"] + h.offlineStore, timeout: 60)
        print("PostgresTamperTests (\(onPostgres ? "PostgreSQL" : "SQLite"), \(sql)): offline: \(offline.status) \(offline.stdout) \(offline.stderr)")
        answers.offlineStatus = offline.status
        let report = try? JSONParser.parse(Array(offline.stdout.utf8))
        answers.offlineNamesTheEntry = report?["first_bad_seq"]?.intValue == seq
        do { try h.start() } catch {
            answers.refusal = h.log.split(separator: "\n").last { $0.hasPrefix("confide serve:") }.map(String.init) ?? "\(error)"
            answers.refusalNamesTheWayOut = answers.refusal.contains("--accept-restored-data")
            print("PostgresTamperTests: the daemon refused to start: \(answers.refusal)")
            return answers
        }
        answers.daemonStarts = true
        let d = h.client()
        let online = try d.reply("audit.verify")
        print("PostgresTamperTests: online: \(online)")
        answers.onlineOK = online.result?["ok"] ?? .string("error \(online.code ?? 0)")
        answers.onlineNamesTheEntry = online.result?["first_bad_seq"]?.intValue == seq
        answers.appendCode = try d.reply("session.append", sessionParams("cust-audit", "s0", [message("after")])).code
        return answers
    }

    func testAnAuditEntryEditedOrDeletedInPostgreSQLIsReportedOnlineAndOfflineAsOnTheEmbeddedStore() throws {
        // An entry edited, an entry deleted, the newest entries cut off, the newest entry's
        // MAC removed (which needs the audit key to see: the daemon refuses to start, while
        // the offline verifier, without that key, checks the chain and its signatures only).
        for (what, sql, seq, offlineSees) in [
            ("entry 2 edited", "UPDATE audit_entry SET purpose = 'edited' WHERE seq = 2", 2, true),
            ("entry 3 deleted", "DELETE FROM audit_entry WHERE seq = 3", 3, true),
            // Cut where a commit ended (its entry carries the head's MAC), as a store rolled
            // back to an earlier commit is: background entries (`audit.anchor`) may share a
            // commit with an append, so a fixed seq could cut a commit in half, which the
            // daemon reports as a missing MAC instead (the case below).
            ("the entries after the commit of entry 4 or before cut off",
             "DELETE FROM audit_entry WHERE seq > (SELECT max(seq) FROM audit_entry WHERE mac IS NOT NULL AND seq <= 4)", nil, true),
            ("the newest entry's MAC removed", "UPDATE audit_entry SET mac = NULL WHERE seq = (SELECT max(seq) FROM audit_entry)", 0 as Int?, false),
        ] {
            let embedded = try auditTamperAnswers(onPostgres: false, sql: sql, seq: seq)
            let postgres = try auditTamperAnswers(onPostgres: true, sql: sql, seq: seq)
            if offlineSees {
                XCTAssertNotEqual(postgres.offlineStatus, 0, "\(what): the offline verifier fails: \(postgres)")
                XCTAssertTrue(postgres.offlineNamesTheEntry, "\(what): the offline verifier names the entry: \(postgres)")
            }
            if postgres.daemonStarts {
                XCTAssertEqual(postgres.onlineOK, .bool(false), "\(what): audit.verify reports it: \(postgres)")
                XCTAssertTrue(postgres.onlineNamesTheEntry, "\(what): audit.verify names the entry: \(postgres)")
            }
            XCTAssertEqual(postgres, embedded, "\(what): PostgreSQL answers as the embedded store does")
            if !postgres.daemonStarts {
                // It names the store it refuses, which is no file of the state folder.
                XCTAssertFalse(postgres.refusal.contains("data.db") || postgres.refusal.contains("keys.db"), "\(what): \(postgres.refusal)")
                XCTAssertTrue(postgres.refusal.contains("postgresql://"), "\(what): \(postgres.refusal)")
                XCTAssertTrue(embedded.refusal.contains("/data.db"), "\(what): \(embedded.refusal)")
            }
        }
    }

    // MARK: A keyring lost beside its data

    /// The twin of `ReliabilityFaultTests.testMissingKeysDBWithDataDBPresent…`: the
    /// keyring's schema empty (a wrong `keys_store`, a keyring database lost) while the data
    /// schema holds transcripts. The daemon must not start with a new keyring, which could
    /// never open the existing data; it changes nothing in either schema.
    func testAnEmptyKeyringBesideDataInPostgreSQLIsAStartupErrorAndTouchesNothing() throws {
        guard PostgresTestStore.ownerURI != nil else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        let keys = try PostgresTestStore.freshSchemaURI(label: "lostkeys"), data = try PostgresTestStore.freshSchemaURI(label: "keptdata")
        let h = try startDaemon(["store": .string(data), "keys_store": .string(keys)])
        try ok(h.client(), "session.append", sessionParams("cust-keys", "s", [message("kept")]))
        XCTAssertEqual(try h.terminate(), .status(0))
        let keysSchema = try XCTUnwrap(PostgresTestStore.schema(of: keys))
        try PostgresTestStore.execute("DROP SCHEMA \(keysSchema) CASCADE; CREATE SCHEMA \(keysSchema)", on: keys)
        let dataBefore = try ["audit_entry", "chunk", "session"].map { try value("SELECT COUNT(*)::text FROM \($0)", data) }

        let r = try h.expectStartupRefusal(h.devServeArguments)
        print("PostgresTamperTests: the start was refused: \(r.stderr.split(separator: "\n").last ?? "")")
        XCTAssertEqual(r.status, 1, "a refusal, not a usage error: \(r)")
        XCTAssertTrue(r.stderr.contains("holds no keyring") && r.stderr.contains(keysSchema), "the message names the keyring's store: \(r.stderr)")
        XCTAssertFalse(r.stderr.contains("daemon.listening"), "it must not serve: \(r.stderr)")
        XCTAssertEqual(try PostgresTestStore.column("SELECT tablename::text FROM pg_tables WHERE schemaname = '\(keysSchema)'", on: keys),
                       [], "nothing was created in the keyring's schema")
        XCTAssertEqual(try ["audit_entry", "chunk", "session"].map { try value("SELECT COUNT(*)::text FROM \($0)", data) }, dataBefore,
                       "the data schema is untouched")
    }

    // MARK: A store restored to before an erasure

    /// The twin of `ErasureLedgerTests.testAnErasureSurvivesRestoringABackupTakenBeforeIt`,
    /// with PostgreSQL's own backup: the store's schema dumped (`pg_dump`) before a shred and
    /// restored (`pg_restore`) after it brings the customer's keys back; the erasure ledger
    /// beside the state folder re-applies the erasure at the next start (docs/postgresql.md,
    /// "Backups").
    func testAnErasureSurvivesRestoringAPgDumpTakenBeforeIt() throws {
        let (daemon, store) = try startDaemonOnPostgres()
        guard executablePath("pg_dump") != nil, executablePath("pg_restore") != nil else {
            throw XCTSkip("pg_dump and pg_restore are not installed (Debian's postgresql-client)")
        }
        let owner = try XCTUnwrap(PostgresTestStore.ownerURI), schema = try XCTUnwrap(PostgresTestStore.schema(of: store))
        var c = daemon.client()
        try ok(c, "session.put", sessionParams("restored", "s", [message("must stay erased")]))
        try ok(c, "session.put", sessionParams("bystander", "s", [message("keep")]))
        _ = try daemon.terminate()
        let dump = daemon.root.path + "/before-the-shred.dump"
        let dumped = try runProgram(["pg_dump", "--schema=\(schema)", "--format=custom", "--file=\(dump)", owner])
        XCTAssertEqual(dumped.status, 0, "pg_dump: \(dumped)")
        try daemon.start()
        c = daemon.client()
        let original = try ok(c, "customer.shred", ["customer": "restored", "reason": "GDPR-1"])
        _ = try daemon.terminate()
        XCTAssertTrue(FileManager.default.fileExists(atPath: daemon.stateDir + "-erasures.jsonl"), "the ledger beside the state folder")

        // The operator restores the store's schema from before the shred.
        try PostgresTestStore.execute("DROP SCHEMA \(schema) CASCADE", on: owner)
        let restored = try runProgram(["pg_restore", "--exit-on-error", "--dbname=\(owner)", dump])
        XCTAssertEqual(restored.status, 0, "pg_restore: \(restored)")
        XCTAssertEqual(try value("SELECT COUNT(*)::text FROM customer", store), "2", "the restore brought the erased customer's keys back")
        try daemon.start()
        c = daemon.client()
        let after = try expectError(c, "customer.hold", ["customer": "restored", "reason": "LIT-1"], code: -32004)
        XCTAssertEqual(after.data?["erased"], true, "the restored dump brought the customer back: \(after)")
        XCTAssertEqual(try ok(c, "customer.receipt", ["customer": "restored"]), original)
        try expectError(c, "session.get", ids("restored", "s"), code: -32004)
        XCTAssertEqual(texts(try ok(c, "session.get", ids("bystander", "s"))), ["keep"])
        XCTAssertEqual(try value("SELECT COUNT(*)::text FROM customer", store), "1", "the erased customer's keys are gone again")
        XCTAssertTrue(daemon.log.contains("re-applied the erasure"), "the re-applied erasure was not logged")
        let tail = try ok(c, "audit.tail", ["limit": 50])
        XCTAssertTrue((tail["entries"]?.arrayValue ?? []).contains { $0["method"] == "customer.shred.reapplied" }, "not audited")
    }

    // MARK: The privacy report over edited rows

    /// The twin of `ReportTests.testReportCountsSessionsPastRetention…` and of its red
    /// banner: `confide report --store` over a stopped daemon's PostgreSQL store whose clear
    /// timestamps were moved 100 days back counts the sessions past retention and the keys
    /// past their cryptoperiods; with an audit entry edited, it reports the chain broken
    /// and exits 1.
    func testReportOnPostgreSQLCountsWhatTimeMovedPastItsLimitsAndABrokenChain() throws {
        let (h, store) = try startDaemonOnPostgres()
        let c = h.client()
        try ok(c, "session.append", sessionParams("cust-a", "s1", [message("no retention")]))
        var shortLived = sessionParams("cust-a", "s2", [message("kept ten days")])
        shortLived["retention_days"] = 10
        try ok(c, "session.put", shortLived)
        var held = sessionParams("cust-b", "s1", [message("kept thirty days")])
        held["retention_days"] = 30
        try ok(c, "session.put", held)
        try ok(c, "customer.hold", ["customer": "cust-b", "reason": "LIT-9"])
        try ok(c, "audit.verify")  // signs the head, so the chain verifies offline
        XCTAssertEqual(try h.terminate(), .status(0))
        func report() throws -> (status: Int32, json: JSONValue?) {
            let r = try h.runCLI(["report", "--json"] + h.offlineStore, timeout: 60)
            return (r.status, try? JSONParser.parse(r.stdout))
        }
        let now = try report()
        XCTAssertEqual(now.status, 0)
        XCTAssertEqual(now.json?["retention"]?["past_retention"], 0, "\(now.json ?? .null)")
        XCTAssertEqual(now.json?["keys"]?["kek_past_cryptoperiod"], 0)

        let day = 86_400_000
        try edit("UPDATE session SET expires_at = expires_at - \(100 * day) WHERE expires_at IS NOT NULL", store, rows: 2)
        try edit("UPDATE kek SET created_at = created_at - \(100 * day)", store)
        try edit("UPDATE dek SET created_at = created_at - \(100 * day)", store, rows: 2)
        let later = try report()
        XCTAssertEqual(later.status, 0)
        let r = try XCTUnwrap(later.json)
        XCTAssertEqual(r["audit_chain"]?["ok"], true, "\(r["audit_chain"] ?? .null)")
        XCTAssertEqual(r["retention"]?["past_retention"], 1, "\(r["retention"] ?? .null)")
        XCTAssertEqual(r["retention"]?["past_retention_held"], 1)
        XCTAssertEqual(r["retention"]?["oldest_overdue_days"]?.intValue, 90)  // a 10-day retention, moved 100 days back
        XCTAssertEqual(r["keys"]?["kek_past_cryptoperiod"], 1)
        XCTAssertEqual(r["keys"]?["dek_past_cryptoperiod"], 2)

        try edit("UPDATE audit_entry SET purpose = 'edited' WHERE seq = 2", store)
        let broken = try report()
        XCTAssertEqual(broken.status, 1, "a broken chain fails the report")
        XCTAssertEqual(broken.json?["audit_chain"]?["ok"], false, "\(broken.json?["audit_chain"] ?? .null)")
        XCTAssertEqual(broken.json?["audit_chain"]?["first_bad_seq"], 2, "\(broken.json?["audit_chain"] ?? .null)")
    }

    // MARK: What PostgreSQL and the state folder hold

    func testNoRowFileOrWALOfPostgreSQLAndNoFileOfTheStateFolderHoldsPlaintextOrAnIdBeforeOrAfterAShred() throws {
        guard let superuser = PostgresTestStore.superuserURI else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_SUPERUSER_URI is not set (scripts/pg-cluster exports it): the test reads the cluster's files")
        }
        let (h, store) = try startDaemonOnPostgres()
        let schema = try XCTUnwrap(PostgresTestStore.schema(of: store))
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let markers = [
            "text": "TEXTMARK\(tag)", "customer": "CUSTMARK\(tag)", "session": "SESSMARK\(tag)",
            "second session": "SESS2MARK\(tag)", "author": "AUTHMARK\(tag)", "meta": "METAMARK\(tag)",
            "metadata": "MDMARK\(tag)", "unknown session": "NOSESSMARK\(tag)", "kept customer": "KEPTMARK\(tag)",
        ]
        let customer = markers["customer"]!, session = markers["session"]!
        let c = h.client()
        for i in 0..<20 {
            try ok(c, "session.append", sessionParams(customer, session, [
                message("\(markers["text"]!) number \(i) \(String(repeating: "p", count: 300))", author: markers["author"]!,
                        meta: ["note": .string(markers["meta"]!)]),
            ]))
        }
        var put = sessionParams(customer, markers["second session"]!, [message("plain \(markers["text"]!)")])
        put["metadata"] = ["ticket": .string(markers["metadata"]!)]
        try ok(c, "session.put", put)
        try ok(c, "session.append", sessionParams(markers["kept customer"]!, "s1", [message("kept"), message("also kept")]))
        XCTAssertEqual(texts(try ok(c, "session.get", ids(customer, session))).count, 20)
        try expectError(c, "session.get", ids(customer, markers["unknown session"]!), code: -32004)
        // A control: a row the test writes in the clear, so each scan is shown to see rows and files.
        let control = "CTRLMARK\(tag)"
        try PostgresTestStore.execute("CREATE TABLE scan_control (t text); INSERT INTO scan_control VALUES ('\(control)')", on: store)

        try assertNoMarkers(markers, control: control, schema: schema, superuser: superuser, when: "while serving")
        try ok(c, "customer.shred", ["customer": .string(customer), "reason": "T-PG-1"])
        // The shred's purge removes the customer's rows in the background: the kept
        // customer's two chunks and one session are all that stay.
        let deadline = Date().addingTimeInterval(20)
        var counts: [String] = []
        repeat {
            counts = try ["chunk", "session", "customer", "pending_purge"].map { try value("SELECT COUNT(*)::text FROM \($0)", store) }
            if counts == ["2", "1", "1", "0"] { break }
            usleep(100_000)
        } while Date() < deadline
        XCTAssertEqual(counts, ["2", "1", "1", "0"], "chunk, session, customer, pending_purge rows after the shred")
        try assertNoMarkers(markers, control: control, schema: schema, superuser: superuser, when: "after the shred")
        // What the daemon keeps on its own disk is private, as on the embedded store
        // (HardeningDefaultsTests): the folder 0700, each file 0600, the ledger beside it too.
        XCTAssertEqual(procStatus(try XCTUnwrap(h.pid), "Umask"), "0077", "the daemon's umask")
        XCTAssertEqual(permissionBits(h.stateDir), 0o700, "state folder")
        let names = try FileManager.default.contentsOfDirectory(atPath: h.stateDir)
        XCTAssertEqual(Set(names), ["confide.lock", "dev-master.key"], "the state folder of a daemon on PostgreSQL")
        for path in names.map({ h.stateDir + "/" + $0 }) + [h.stateDir + "-erasures.jsonl"] {
            XCTAssertEqual(permissionBits(path).map { String($0, radix: 8) }, "600", path)
        }
        XCTAssertEqual(try h.terminate(), .status(0))

        // The state folder of a daemon on PostgreSQL: no embedded store, no marker.
        let state = (try? FileManager.default.subpathsOfDirectory(atPath: h.stateDir)) ?? []
        XCTAssertFalse(state.contains { $0.hasSuffix("data.db") || $0.hasSuffix("keys.db") }, "\(state)")
        for rel in state {
            guard let bytes = FileManager.default.contents(atPath: h.stateDir + "/" + rel) else { continue }
            for (what, marker) in markers where bytes.range(of: Data(marker.utf8)) != nil {
                XCTFail("the \(what) marker is in the state folder's \(rel)")
            }
        }
        for (what, marker) in markers where h.log.contains(marker) { XCTFail("the \(what) marker is in the daemon's log") }
    }

    /// Asserts that no marker (as text, or as the hex of its bytes) is in any row of any
    /// table of `schema` (every row cast to text: `bytea` columns come out as hex), nor in
    /// any file of the cluster (data files after a CHECKPOINT, the WAL, the server's log),
    /// while `control` is found by both scans.
    private func assertNoMarkers(_ markers: [String: String], control: String, schema: String, superuser: String, when: String) throws {
        let hex = { (s: String) in Array(s.utf8).map { String(format: "%02x", $0) }.joined() }
        let tables = try PostgresTestStore.column("SELECT tablename::text FROM pg_tables WHERE schemaname = '\(schema)'", on: superuser)
        XCTAssertTrue(Set(tables).isSuperset(of: ["chunk", "session", "audit_entry", "customer", "dek", "kek", "erasure"]), "\(when): \(tables)")
        var controlRows = 0
        for table in tables {
            let dump = try PostgresTestStore.column("SELECT t::text FROM \(schema).\(table) t", on: superuser).joined(separator: "\n")
            if dump.contains(control) { controlRows += 1 }
            for (what, marker) in markers where dump.contains(marker) || dump.contains(hex(marker)) {
                XCTFail("\(when): the \(what) marker is in a row of \(schema).\(table)")
            }
        }
        XCTAssertEqual(controlRows, 1, "\(when): the row scan finds the control row")

        try PostgresTestStore.execute("CHECKPOINT", on: superuser)
        let dataDirectory = try XCTUnwrap(try PostgresTestStore.column("SHOW data_directory", on: superuser).first)
        let cluster = (dataDirectory as NSString).deletingLastPathComponent
        func filesHolding(_ patterns: [String]) throws -> [String] {
            // -a: binary files as text; status 2 (a file vanished mid-scan, e.g. a recycled WAL segment) still lists the hits.
            let r = try runProgram(["grep", "-rlaFs"] + patterns.flatMap { ["-e", $0] } + [cluster], timeout: 120)
            XCTAssertTrue([0, 1, 2].contains(r.status), "\(when): grep: \(r)")
            return r.stdout.split(separator: "\n").map(String.init)
        }
        XCTAssertFalse(try filesHolding([control]).isEmpty, "\(when): the file scan of \(cluster) finds the control row")
        let hits = try filesHolding(markers.values.flatMap { [$0, hex($0)] })
        XCTAssertEqual(hits, [], "\(when): a marker is in the cluster's files")
        for file in hits {
            let bytes = FileManager.default.contents(atPath: file) ?? Data()
            XCTFail("\(when): \(file) holds \(markers.filter { bytes.range(of: Data($0.value.utf8)) != nil }.keys.sorted())")
        }
    }

    // MARK: Backups

    func testBackupOnPostgreSQLIsRefusedNamingTheDatabasesOwnToolsAndIsAudited() throws {
        let (h, _) = try startDaemonOnPostgres()
        let c = h.client()
        try ok(c, "session.append", sessionParams("cust-bk", "s1", [message("to be backed up")]))
        let folder = h.root.path + "/backup"
        let refused = try expectError(c, "system.backup", ["to": .string(folder)], code: -32005, mentioning: ["pg_basebackup", "docs/postgresql.md"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "no folder is made: \(refused.message)")
        let tail = try ok(c, "audit.tail", ["limit": 5])["entries"]?.arrayValue ?? []
        XCTAssertTrue(tail.contains { $0["method"] == "system.backup" && $0["outcome"] == "-32005" }, "the refusal is audited: \(tail)")

        let cli = try h.runCLI(["backup", "--to", folder, "--socket", h.socketPath])
        XCTAssertNotEqual(cli.status, 0, "\(cli)")
        XCTAssertTrue(cli.stderr.contains("pg_basebackup"), "the CLI says what to use instead: \(cli.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder))
        assertAlive(h)
    }
}
