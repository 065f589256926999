@_spi(Testing) @testable import ConfideCore
import ConfideCrypto
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// Session 18's attack review of issue 21 (one audit chain per daemon, shared_store, the hold
/// in-flight lock): its tests, kept as regression tests. Those that failed before their fix:
/// appends to one session from two sharing daemons (lost, or a session read as tampered),
/// the leader's prune of a stopped or crashed daemon's chain (verify failed for good), an
/// unregistered chain stopping retention, a chain registered during a live verify (reported
/// as tampering), a receipt that named no chain (fixed in session 18); an older authentic
/// chain-0 anchor put back to hide a deleted chain, and `--accept-restored-data` on a store
/// with several chains (fixed in session 19).
final class PostgresSharedStoreReviewTests: PostgresStoreTestCase {
    private func daemon(_ uri: String, _ label: String, chain name: String?, shared: Bool = false,
                        acceptRestored: Bool = false) throws -> TranscriptStore {
        try daemon(uri, label, chain: name, shared: shared, ledger: nil, acceptRestored: acceptRestored)
    }

    // MARK: F1 — keys+data attacker: an older, authentic chain-0 anchor row lowers the registry's count

    /// Write access to both schemas, no master key. The attacker keeps a copy of chain 0's
    /// anchor row from before any chain was registered (authentic: its MAC is valid). Later a
    /// daemon "host-a" registers chain 1 and shreds bob on it. The attacker deletes chain 1
    /// from the data and its anchor row, and puts chain 0's old row back (count 1). Chain 0's
    /// entries are untouched, and its daemon, started after host-a registered, wrote the count
    /// (2) into chain 0: verify fails, online and offline. (Before: it passed, entries 4.)
    func testAnOlderChainZeroAnchorPutBackDoesNotHideADaemonsChainDeletedWithItsAnchor() throws {
        let (uri, schema) = try schemaURI("a18replay")
        do {
            let first = try daemon(uri, "first", chain: nil)
            try append(first, "alice", "s1", "hello from the first daemon")
            _ = try first.verifyAudit(context: context("audit.verify"))
            first.close()
        }
        let db = try owner()
        try db.execute("CREATE TABLE \(schema).saved_anchor AS SELECT * FROM \(schema).audit_anchor WHERE chain = 0")
        do {
            let a = try daemon(uri, "a", chain: "host-a")
            XCTAssertEqual(a.auditChainID, 1)
            try append(a, "bob", "s1", "bob's transcript")
            _ = try a.shred(customer: CustomerID("bob"), reason: "gdpr", context: context("customer.shred"))
            a.close()
        }
        do {  // the honest state verifies; the first daemon's start recorded the count on chain 0
            let first = try daemon(uri, "first", chain: nil)
            let report = try first.verifyAudit(context: context("audit.verify"))
            XCTAssertTrue(report.ok, report.problem ?? "")
            XCTAssertEqual(report.chains.map(\.chain), [0, 1])
            XCTAssertEqual(report.chains.map(\.recordedChains), [2, 2], "each chain recorded the registry's count")
            first.close()
        }
        try db.execute("""
            DELETE FROM \(schema).audit_entry WHERE chain = 1; DELETE FROM \(schema).audit_checkpoint WHERE chain = 1;
            DELETE FROM \(schema).audit_anchor WHERE chain = 1;
            UPDATE \(schema).audit_anchor a SET keyed_from = s.keyed_from, seq = s.seq, head = s.head, pruned_to = s.pruned_to,
                sessions_bound = s.sessions_bound, mac = s.mac, name = s.name, chains = s.chains
              FROM \(schema).saved_anchor s WHERE a.chain = 0
            """)
        let first = try daemon(uri, "first", chain: nil)
        defer { first.close() }
        let report = try first.verifyAudit(context: context("audit.verify"))
        XCTAssertFalse(report.ok, "host-a's chain deleted with its anchor row, the count lowered by an older authentic row: verify passed, "
            + "chains=\(report.chains.map(\.chain)), entries=\(report.entries)")
        XCTAssertTrue(report.problem?.contains("audit chain 1 is gone") == true, report.problem ?? "")
        // Offline, as `audit verify --offline --store` reads it: the registry's rows unauthenticated.
        let connection = try PostgresConnection(uri: uri)
        let rows = try connection.auditAnchorRows().map { AuditVerifier.RegisteredChain(chain: $0.anchor.chain, name: $0.anchor.name, anchor: $0.anchor) }
        let offline = try AuditVerifier.verify(chains: connection, registry: rows)
        XCTAssertFalse(offline.ok, "offline verify passed without chain 1")
        XCTAssertTrue(offline.problem?.contains("records 2 registered chains") == true, offline.problem ?? "")
    }

    // MARK: F3 — --accept-restored-data on a store with several chains

    /// Three chains. Chain 0's anchor row is lost and the operator starts the first daemon
    /// once with --accept-restored-data, as the refusal says. Afterwards the other chains are
    /// still registered, verify passes, and "host-a" continues chain 1. (Before: the rewritten
    /// row counted 1 chain, and every later start and verify failed on chains [1, 2].)
    func testAcceptingRestoredDataOnTheFirstChainKeepsTheOtherChainsRegistered() throws {
        let (uri, schema) = try schemaURI("a18accept")
        for (name, customer) in [(nil, "alice"), ("host-a", "bob"), ("host-b", "carol")] as [(String?, String)] {
            let store = try daemon(uri, name ?? "first", chain: name)
            try append(store, customer, "s1", "hello")
            store.close()
        }
        try owner().execute("DELETE FROM \(schema).audit_anchor WHERE chain = 0")
        XCTAssertThrowsError(try daemon(uri, "first", chain: nil)) { XCTAssertTrue("\($0)".contains("accept-restored-data"), "\($0)") }
        try daemon(uri, "first", chain: nil, acceptRestored: true).close()
        let first = try daemon(uri, "first", chain: nil)
        let report = try first.verifyAudit(context: context("audit.verify"))
        first.close()
        XCTAssertTrue(report.ok, "after the accepted restore: \(report.problem ?? "")")
        XCTAssertEqual(report.chains.map(\.chain), [0, 1, 2])
        let a = try daemon(uri, "a", chain: "host-a")
        defer { a.close() }
        XCTAssertEqual(a.auditChainID, 1, "host-a continues its chain")
    }

    /// A named chain's row fails its MAC (edited). Every named daemon is refused, and told
    /// which chain's daemon must accept; that one, started once with --accept-restored-data,
    /// rewrites the row under its name, its next start continues chain 1, and the others
    /// start again (before: the accepting start was refused too, and it would have lost its name).
    func testAcceptingRestoredDataOnANamedChainKeepsItsNameAndDoesNotStopTheOthers() throws {
        let (uri, schema) = try schemaURI("a18acceptn")
        for (name, customer) in [(nil, "alice"), ("host-a", "bob"), ("host-b", "carol")] as [(String?, String)] {
            let store = try daemon(uri, name ?? "first", chain: name)
            try append(store, customer, "s1", "hello")
            store.close()
        }
        try owner().execute("UPDATE \(schema).audit_anchor SET pruned_to = 0, seq = seq + 1 WHERE chain = 1")
        XCTAssertThrowsError(try daemon(uri, "a", chain: "host-a")) { XCTAssertTrue("\($0)".contains("accept-restored-data"), "\($0)") }
        for name in ["host-b", "host-c"] {
            XCTAssertThrowsError(try daemon(uri, name, chain: name)) {
                XCTAssertTrue("\($0)".contains("chains [1] fail their MAC") && "\($0)".contains("accept-restored-data"), "\($0)")
            }
        }
        try daemon(uri, "a", chain: "host-a", acceptRestored: true).close()
        let b = try daemon(uri, "b", chain: "host-b")
        XCTAssertEqual(b.auditChainID, 2)
        b.close()
        let again = try daemon(uri, "a", chain: "host-a")
        defer { again.close() }
        XCTAssertEqual(again.auditChainID, 1, "host-a continues chain 1 after the accepted restore")
        let report = try again.verifyAudit(context: context("audit.verify"))
        XCTAssertTrue(report.ok, report.problem ?? "")
        XCTAssertEqual(report.chains.map(\.chain), [0, 1, 2])
    }

    // MARK: F2 — a receipt does not name the chain its audit entry is on

    /// docs/scaling.md: "a receipt names its own chain and seq". A shred through a daemon on
    /// chain 1 returns a receipt with `audit_seq` and `audit_head` only; the same seq on chain
    /// 0 is another entry. Expected: the receipt names its chain (signed).
    func testAShredReceiptNamesTheAuditChainOfItsEntry() throws {
        let (uri, schema) = try schemaURI("a18receipt")
        do {
            let first = try daemon(uri, "first", chain: nil)
            for i in 0..<6 { try append(first, "alice", "s1", "message \(i)") }
            first.close()
        }
        let a = try daemon(uri, "a", chain: "host-a")
        defer { a.close() }
        try append(a, "bob", "s1", "bob's transcript")
        let receipt = try a.shred(customer: CustomerID("bob"), reason: "gdpr", context: context("customer.shred"))
        let seq = try XCTUnwrap(receipt.body["audit_seq"]?.intValue)
        let methods = try owner().query("SELECT chain, method FROM \(schema).audit_entry WHERE seq = $1 ORDER BY chain", [.int8(Int64(seq))]) {
            "\(try $0.int(0)):\(try $0.text(1) ?? "")"
        }
        XCTAssertEqual(receipt.body["audit_chain"], .int(1),
                        "the receipt names no chain, and seq \(seq) is on several chains: \(methods); keys: \(receipt.body.keys.sorted())")
    }

    // MARK: F4 — two sharing daemons appending to one session

    /// Two daemons sharing a store, each appending to the same customer's same session at
    /// once (one application, two hosts, a load balancer without stickiness). Expected: every
    /// acknowledged append is in the transcript, read through either daemon, and none fails.
    func testTwoSharingDaemonsAppendingToOneSessionLoseNothing() throws {
        let (uri, schema) = try schemaURI("a18samesess")
        let a = try daemon(uri, "a", chain: "host-a", shared: true)
        defer { a.close() }
        let b = try daemon(uri, "b", chain: "host-b", shared: true)
        defer { b.close() }
        try append(a, "alice", "s1", "opening")
        let acknowledged = Mutex<[String]>(["opening"])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            let store = i % 2 == 0 ? a : b
            for n in 0..<15 {
                let text = "writer \(i) message \(n)"
                do {
                    _ = try PostgresSharedStoreReviewTests.append(store, "alice", "s1", text)
                    acknowledged.withLock { $0.append(text) }
                } catch {
                    failures.withLock { $0.append("\(text): \(error)") }
                }
            }
        }
        let failed = failures.withLock { $0 }
        XCTAssertTrue(failed.isEmpty, "\(failed.count) of 90 appends to one session through two daemons failed, first: \(failed.prefix(3))")
        let db = try owner()
        try db.execute("SET search_path TO \(schema)")
        let rows = try db.query("SELECT (SELECT count(*) FROM chunk), (SELECT count(DISTINCT seq) FROM chunk), (SELECT count(*) FROM chunk c WHERE prev IS NOT NULL AND (SELECT count(*) FROM chunk d WHERE d.prev = c.prev) > 1), (SELECT sum(message_count)::bigint FROM session), (SELECT count(*) FROM session)") {
            "chunk rows \(try $0.int(0)), distinct seqs \(try $0.int(1)), chunks sharing a prev \(try $0.int(2)), session.message_count \(try $0.int(3)), session rows \(try $0.int(4))"
        }
        print("F4 diagnostics: \(rows)")
        for store in [a, b] {
            let got = try texts(store, "alice", "s1")
            let want = acknowledged.withLock { $0 }
            XCTAssertEqual(Set(got), Set(want), "acknowledged but missing: \(Set(want).subtracting(got).sorted().prefix(5))")
            XCTAssertEqual(got.count, want.count)
        }
        for store in [a, b] {
            let report = try store.verifyAudit(context: context("audit.verify"))
            XCTAssertTrue(report.ok, report.problem ?? "")
        }
    }

    /// The same with redaction on (placeholder numbering lives in the sealed header, which an
    /// append then rewrites): expected every acknowledged append readable, and the session
    /// readable at all.
    func testTwoSharingDaemonsRedactingAppendsToOneSessionKeepItReadable() throws {
        let (uri, _) = try schemaURI("a18redact")
        let a = try daemon(uri, "a", chain: "host-a", shared: true)
        defer { a.close() }
        let b = try daemon(uri, "b", chain: "host-b", shared: true)
        defer { b.close() }
        @Sendable func redacting(_ store: TranscriptStore, _ text: String) throws {
            _ = try store.append(customer: CustomerID("alice"), session: SessionID("s1"),
                                 messages: [Message(role: .customer, text: text, timestamp: Timestamp(milliseconds: 1_767_225_600_000))],
                                 redact: true, context: PostgresSharedStoreReviewTests.context("session.append"))
        }
        try redacting(a, "opening from first@example.com")
        let acknowledged = Mutex(1)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            let store = i % 2 == 0 ? a : b
            for n in 0..<10 {
                do {
                    try redacting(store, "writer \(i) message \(n): mail me at w\(i)m\(n)@example.com")
                    acknowledged.withLock { $0 += 1 }
                } catch { failures.withLock { $0.append("\(error)") } }
            }
        }
        XCTAssertTrue(failures.withLock { $0 }.isEmpty, "appends failed: \(failures.withLock { $0 }.prefix(3))")
        for store in [a, b] {
            do {
                let got = try texts(store, "alice", "s1")
                XCTAssertEqual(got.count, acknowledged.withLock { $0 }, "acknowledged appends missing from the session")
            } catch {
                XCTFail("the session no longer reads after concurrent redacting appends through two daemons: \(error)")
            }
        }
    }

    /// A session replaced (`session.put`) on one daemon while the other appends to it: either
    /// order is fine, but the session must read afterwards (not as tampered, -32006).
    func testAPutOnOneDaemonAndAnAppendOnTheOtherLeaveTheSessionReadable() throws {
        let (uri, _) = try schemaURI("a18put")
        let a = try daemon(uri, "a", chain: "host-a", shared: true)
        defer { a.close() }
        let b = try daemon(uri, "b", chain: "host-b", shared: true)
        defer { b.close() }
        var unreadable: [String] = []
        for round in 0..<15 {
            let session = "s\(round)"
            for n in 0..<3 { try append(a, "alice", session, "first \(n)") }
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 {
                    _ = try? a.put(customer: CustomerID("alice"), session: SessionID(session),
                                   messages: [Message(role: .agent, text: "replaced", timestamp: Timestamp(milliseconds: 1_767_225_600_000))],
                                   metadata: nil, retentionDays: nil, redact: false, context: PostgresSharedStoreReviewTests.context("session.put"))
                } else {
                    _ = try? PostgresSharedStoreReviewTests.append(b, "alice", session, "appended on b")
                }
            }
            do { _ = try texts(a, "alice", session) } catch { unreadable.append("\(session): \(error)") }
        }
        XCTAssertTrue(unreadable.isEmpty, "\(unreadable.count) of 15 sessions read as tampered after a put and an append raced: \(unreadable.prefix(2))")
    }

    // MARK: F5 — a chain registered while a live verify runs

    /// `verifyAudit` reads the registry, then opens its snapshot. A daemon that registers a
    /// chain and commits its first entries between the two makes the live verify report a
    /// chain "written outside confide". Reconstructed with the steps of `verifyAudit` in its
    /// order (the window is a keyring round trip, too short to hit reliably from outside).
    func testAChainRegisteredBetweenTheRegistryReadAndTheSnapshotIsNoTampering() throws {
        let (uri, _) = try schemaURI("a18regrace")
        let a = try daemon(uri, "a", chain: "host-a", shared: true)
        defer { a.close() }
        try append(a, "alice", "s1", "hello")
        try a.writer.signCheckpoint(context("audit.verify"))
        try a.recordAuditAnchor()
        let before = try a.registeredChains()  // verifyAudit: `before`
        // Another daemon starts, registers "host-b", and writes.
        let b = try daemon(uri, "b", chain: "host-b", shared: true)
        defer { b.close() }
        try append(b, "bob", "s1", "hello from b")
        let report = try a.readers.read { db in try a.verifyChains(db, registeredBefore: before, publicKey: nil) }
        XCTAssertTrue(report.ok, "a legitimate registration in flight reported as tampering: \(report.problem ?? "")")
    }

    /// Two sharing daemons each making the first append to the same new sessions at once.
    /// Expected: every acknowledged append is readable; none fails.
    func testTwoSharingDaemonsCreatingOneSessionAtOnceLoseNothing() throws {
        let (uri, schema) = try schemaURI("a18newsess")
        let a = try daemon(uri, "a", chain: "host-a", shared: true)
        defer { a.close() }
        let b = try daemon(uri, "b", chain: "host-b", shared: true)
        defer { b.close() }
        try append(a, "alice", "warm-up", "keys exist")
        _ = try texts(b, "alice", "warm-up")
        let acknowledged = Mutex<[String: [String]]>([:])
        let failures = Mutex<[String]>([])
        for round in 0..<20 {
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let store = i == 0 ? a : b
                let text = "round \(round) from \(i == 0 ? "a" : "b")"
                do {
                    _ = try PostgresSharedStoreReviewTests.append(store, "alice", "new-\(round)", text)
                    acknowledged.withLock { $0["new-\(round)", default: []].append(text) }
                } catch { failures.withLock { $0.append("\(text): \(error)") } }
            }
        }
        let failed = failures.withLock { $0 }
        XCTAssertTrue(failed.isEmpty, "\(failed.count) of 40 first appends failed, first: \(failed.prefix(3))")
        var lost: [String] = []
        for (session, want) in acknowledged.withLock({ $0 }) {
            let got = (try? texts(a, "alice", session)) ?? []
            lost += Set(want).subtracting(got).sorted()
        }
        let rows = try owner().query("SELECT count(*) FROM \(schema).session") { try $0.int(0) }
        XCTAssertTrue(lost.isEmpty, "acknowledged first appends not in their session: \(lost.count), e.g. \(lost.prefix(4)); session rows: \(rows)")
    }

    // MARK: F6 — the leader prunes a crashed daemon's chain past that chain's anchor

    /// Daemon B ("host-b") signs checkpoints inline every 5 entries and records its anchor once
    /// a scheduler tick; it is killed (-9) between a tick and the next, so its anchor names an
    /// older checkpoint than its chain holds (simulated by putting back the anchor row as the
    /// keyring held it right after that tick: the row B's kill leaves). Audit retention later
    /// passes and the leader's audit-prune prunes B's chain through its newest old checkpoint,
    /// deleting older checkpoints, the anchor's among them. Expected: the store still verifies
    /// and B starts again on its chain; nothing was tampered with.
    func testTheLeadersPruneOfACrashedDaemonsChainKeepsItVerifiable() throws {
        let (uri, schema) = try schemaURI("a18prunecrash")
        let clock = StoreTestClock()
        func open(_ label: String, _ name: String?) throws -> TranscriptStore {
            var options = options()
            options.auditChainName = name
            options.auditRetentionDays = 30
            options.auditCheckpointInterval = 5
            var settings = PostgresEngine.Settings()
            settings.sharedStore = true
            return try TranscriptStore(state: StateDirectory(path: folder.path + "/state-\(label)"),
                                       engine: PostgresEngine(keysURI: uri, dataURI: uri, settings: settings), masterKey: masterKey,
                                       options: options, clock: clock)
        }
        let leader = try open("leader", nil)
        defer { leader.close() }
        try append(leader, "alice", "s1", "hello")
        do {
            let b = try open("b", "host-b")
            for i in 0..<3 { try append(b, "bob", "s1", "before the tick \(i)") }
            try b.anchorAuditHead()
            try owner().execute("CREATE TABLE \(schema).saved_anchor AS SELECT * FROM \(schema).audit_anchor WHERE chain = 1")
            for i in 0..<20 { try append(b, "bob", "s1", "after the tick \(i)") }
            b.close()
            // The anchor row as B's kill -9 leaves it: as recorded at its last tick.
            try owner().execute("""
                UPDATE \(schema).audit_anchor a SET keyed_from = s.keyed_from, seq = s.seq, head = s.head, pruned_to = s.pruned_to,
                    sessions_bound = s.sessions_bound, mac = s.mac, name = s.name, chains = s.chains
                  FROM \(schema).saved_anchor s WHERE a.chain = 1
                """)
        }
        let before = try leader.verifyAudit(context: context("audit.verify"))
        XCTAssertTrue(before.ok, "before the prune: \(before.problem ?? "")")
        clock.advance(days: 40)
        try append(leader, "alice", "s1", "forty days later")
        leader.scheduler!.runOnce()
        let job = leader.scheduler!.jobStates["audit-prune"]
        XCTAssertGreaterThan(job?.itemsDone ?? 0, 0, "the prune ran: \(job?.lastOutcome ?? "never"), leads: \(leader.scheduler!.role.leads)")
        let pruned = try owner().query("SELECT min(seq) FROM \(schema).audit_entry WHERE chain = 1") { try $0.optionalInt(0) }
        let report = try leader.verifyAudit(context: context("audit.verify"))
        XCTAssertTrue(report.ok, "after the leader pruned host-b's chain (it now starts at \(pruned)): \(report.problem ?? "")")
        XCTAssertNoThrow(try open("b", "host-b").close(), "host-b starts again on its chain")
    }

    /// The same without a crash: host-b stops cleanly (its anchor is its last entry) and is
    /// not started again for longer than audit retention (a host scaled in). The leader's
    /// audit-prune prunes its whole chain. Expected: the store still verifies; host-b can start.
    func testTheLeadersPruneOfAStoppedDaemonsChainKeepsItVerifiable() throws {
        let (uri, schema) = try schemaURI("a18prunestop")
        let clock = StoreTestClock()
        func open(_ label: String, _ name: String?) throws -> TranscriptStore {
            var options = options()
            options.auditChainName = name
            options.auditRetentionDays = 30
            options.auditCheckpointInterval = 5
            var settings = PostgresEngine.Settings()
            settings.sharedStore = true
            return try TranscriptStore(state: StateDirectory(path: folder.path + "/state-\(label)"),
                                       engine: PostgresEngine(keysURI: uri, dataURI: uri, settings: settings), masterKey: masterKey,
                                       options: options, clock: clock)
        }
        let leader = try open("leader", nil)
        defer { leader.close() }
        try append(leader, "alice", "s1", "hello")
        do {
            let b = try open("b", "host-b")
            for i in 0..<3 { try append(b, "bob", "s1", "before the tick \(i)") }
            for i in 0..<20 { try append(b, "bob", "s1", "after the tick \(i)") }
            b.close()

        }
        let before = try leader.verifyAudit(context: context("audit.verify"))
        XCTAssertTrue(before.ok, "before the prune: \(before.problem ?? "")")
        clock.advance(days: 40)
        try append(leader, "alice", "s1", "forty days later")
        leader.scheduler!.runOnce()
        let job = leader.scheduler!.jobStates["audit-prune"]
        XCTAssertGreaterThan(job?.itemsDone ?? 0, 0, "the prune ran: \(job?.lastOutcome ?? "never"), leads: \(leader.scheduler!.role.leads)")
        let pruned = try owner().query("SELECT min(seq) FROM \(schema).audit_entry WHERE chain = 1") { try $0.optionalInt(0) }
        let report = try leader.verifyAudit(context: context("audit.verify"))
        XCTAssertTrue(report.ok, "after the leader pruned host-b's chain (it now starts at \(pruned)): \(report.problem ?? "")")
        XCTAssertNoThrow(try open("b", "host-b").close(), "host-b starts again on its chain")
    }

    // MARK: upgrade of a store written before chains (data 0001, keys 0003)

    /// A store with data, a hold, a shred and an anchor written before session 18 (its tables
    /// put back as data 0001 and keys 0003 left them), opened by this build: migrated, it
    /// verifies, and a named daemon then registers a chain and both verify.
    func testAStoreFromBeforeChainsUpgradesAndVerifies() throws {
        let (uri, schema) = try schemaURI("a18upgrade")
        do {
            let first = try daemon(uri, "first", chain: nil)
            try append(first, "alice", "s1", "hello")
            try append(first, "bob", "s1", "hello")
            _ = try first.setHold(customer: CustomerID("alice"), held: true, context: context("customer.hold"))
            _ = try first.shred(customer: CustomerID("bob"), reason: "gdpr", context: context("customer.shred"))
            first.close()
        }
        let db = try owner()
        try db.execute("""
            SET search_path TO \(schema);
            ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_pkey; ALTER TABLE audit_entry DROP COLUMN chain; ALTER TABLE audit_entry ADD PRIMARY KEY (seq);
            ALTER TABLE audit_checkpoint DROP CONSTRAINT audit_checkpoint_pkey; ALTER TABLE audit_checkpoint DROP COLUMN chain;
            ALTER TABLE audit_checkpoint ADD PRIMARY KEY (seq);
            ALTER TABLE audit_anchor DROP COLUMN chain, DROP COLUMN name, DROP COLUMN chains;
            ALTER TABLE audit_anchor ADD COLUMN id bigint NOT NULL DEFAULT 1 PRIMARY KEY CHECK (id = 1);
            DROP TABLE keyring_mirror;
            DROP INDEX erasure_without_receipt; DROP INDEX erasure_ordinal; ALTER TABLE erasure DROP COLUMN number, DROP COLUMN ordinal;
            UPDATE confide_schema SET version = 1 WHERE component = 'data';
            UPDATE confide_schema SET version = 3 WHERE component = 'keys';
            """)
        let versions = try db.query("SELECT component, version FROM \(schema).confide_schema ORDER BY component") { "\(try $0.text(0) ?? ""):\(try $0.int(1))" }
        XCTAssertEqual(versions, ["data:1", "keys:3"])
        do {
            let first = try daemon(uri, "first", chain: nil)
            let report = try first.verifyAudit(context: context("audit.verify"))
            XCTAssertTrue(report.ok, "after the upgrade: \(report.problem ?? "")")
            try append(first, "alice", "s1", "after the upgrade")
            // bob's erasure, from before erasures were numbered, has no number (how many came
            // before it is not known) and the first ordinal; erased again after the upgrade,
            // at least his second.
            XCTAssertEqual(try db.query("SELECT COALESCE(number::text, 'none') || ' ' || ordinal FROM \(schema).erasure") { try $0.text(0) ?? "" },
                           ["none 1"])
            try append(first, "bob", "s1", "a new bob")
            _ = try first.shred(customer: CustomerID("bob"), reason: "gdpr", context: context("customer.shred"))
            XCTAssertEqual(try db.query("SELECT number FROM \(schema).erasure") { try $0.int(0) }, [2])
            XCTAssertEqual(try db.query("SELECT number FROM \(schema).keyring_mirror") { try $0.int(0) }, [2])
            first.close()
        }
        let a = try daemon(uri, "a", chain: "host-a", shared: false)
        try append(a, "carol", "s1", "on host-a")
        a.close()
        let first = try daemon(uri, "first", chain: nil)
        defer { first.close() }
        let report = try first.verifyAudit(context: context("audit.verify"))
        XCTAssertTrue(report.ok, "with a second chain: \(report.problem ?? "")")
        XCTAssertEqual(report.chains.map(\.chain), [0, 1])
        XCTAssertEqual(try texts(first, "alice", "s1"), ["hello", "after the upgrade"])
    }

    // MARK: two daemons on one chain through a reconnect

    /// host-a's writer session is cut; before it reconnects, a second daemon started with the
    /// same name takes the chain and appends. Expected: host-a's next request fails (-32005)
    /// and writes nothing to the chain; the chain verifies.
    func testADaemonWhoseWriterSessionWasCutCannotWriteAChainAnotherNowHolds() throws {
        let (uri, schema) = try schemaURI("a18chainsteal")
        do { try daemon(uri, "first", chain: nil).close() }
        let a = try daemon(uri, "a", chain: "host-a", shared: true)
        defer { a.close() }
        try append(a, "alice", "s1", "from a")
        let db = try owner()
        let oid = try XCTUnwrap(db.queryOne("SELECT oid::int8 FROM pg_namespace WHERE nspname = $1", [.text(schema)]) { try $0.int64(0) })
        let key = Int64(0x6361) << 48 | (oid & 0xFFFF_FFFF) << 16 | 1  // OpenedPostgresData.auditChainLockKey
        let ended = try db.query("""
            SELECT pg_terminate_backend(pid, 5000) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
              AND classid::int8 = $1 AND objid::int8 = $2
            """, [.int8(key >> 32), .int8(key & 0xFFFF_FFFF)]) { try $0.bool(0) }
        XCTAssertEqual(ended, [true], "host-a's writer session held its chain's lock")
        let c = try daemon(uri, "c", chain: "host-a", shared: true)
        defer { c.close() }
        try append(c, "carol", "s1", "from c")
        XCTAssertThrowsError(try append(a, "alice", "s1", "from a after the cut")) { XCTAssertEqual(($0 as? StoreError)?.code, -32005, "\($0)") }
        try append(c, "carol", "s1", "from c again")
        let report = try c.verifyAudit(context: context("audit.verify"))
        XCTAssertTrue(report.ok, report.problem ?? "")
    }

    // MARK: F8 — data-only attacker: one unregistered chain stops audit retention for all

    /// Write access to the data schema only. The attacker inserts one entry and one
    /// checkpoint under chain -1 (sorts before every real chain). `audit verify` reports it,
    /// but the leader's audit-prune walks the chains in order, meets -1 first, fails on its
    /// missing anchor and prunes no chain at all. Expected: the registered chains are still
    /// pruned (retention is an obligation; the unknown chain is for verify to report).
    func testAnUnregisteredChainInTheDataDoesNotStopAuditRetentionOfTheOthers() throws {
        let (uri, schema) = try schemaURI("a18prunedos")
        let clock = StoreTestClock()
        var options = options()
        options.auditRetentionDays = 30
        options.auditCheckpointInterval = 5
        let leader = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey,
                                         options: options, clock: clock)
        defer { leader.close() }
        for i in 0..<12 { try append(leader, "alice", "s1", "old \(i)") }
        try owner().execute("""
            SET search_path TO \(schema);
            INSERT INTO audit_entry (chain, seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail, mac)
              SELECT -1, seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail, mac FROM audit_entry
              WHERE chain = 0 AND seq = (SELECT min(seq) FROM audit_checkpoint WHERE chain = 0);
            INSERT INTO audit_checkpoint (chain, seq, head, ts, signature)
              SELECT -1, seq, head, ts, signature FROM audit_checkpoint WHERE chain = 0 AND seq = (SELECT min(seq) FROM audit_checkpoint WHERE chain = 0);
            """)
        clock.advance(days: 40)
        try append(leader, "alice", "s1", "forty days later")
        leader.scheduler!.runOnce()
        let oldest = try owner().query("SELECT min(seq) FROM \(schema).audit_entry WHERE chain = 0") { try $0.optionalInt(0) }
        let job = leader.scheduler!.jobStates["audit-prune"]
        XCTAssertGreaterThan(oldest.first.flatMap { $0 } ?? 0, 1, "chain 0 was not pruned: \(job?.lastOutcome ?? "never run")")
    }

    // MARK: F7 — holds and releases of one customer on two daemons under that customer's traffic

    /// Two sharing daemons: each places and lifts alice's hold in a loop while both append to
    /// and read alice's sessions (each daemon its own session). Expected: no call fails or
    /// hangs (each under 10 s), and the final hold state is the last answered one.
    func testHoldsAndReleasesOnTwoDaemonsUnderTrafficNeitherFailNorHang() throws {
        let (uri, _) = try schemaURI("a18holdload")
        let a = try daemon(uri, "a", chain: "host-a", shared: true)
        defer { a.close() }
        let b = try daemon(uri, "b", chain: "host-b", shared: true)
        defer { b.close() }
        try append(a, "alice", "sa", "hello")
        try append(b, "alice", "sb", "hello")
        let failures = Mutex<[String]>([])
        let slowest = Mutex<Double>(0)
        @Sendable func timed(_ what: String, _ body: () throws -> Void) {
            let t0 = Date()
            do { try body() } catch { failures.withLock { $0.append("\(what): \(error)") } }
            let dt = Date().timeIntervalSince(t0)
            slowest.withLock { $0 = max($0, dt) }
        }
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            let store = i % 2 == 0 ? a : b
            for n in 0..<25 {
                if i < 2 {
                    timed("hold \(i)/\(n)") { _ = try store.setHold(customer: CustomerID("alice"), held: n % 2 == 0, context: PostgresSharedStoreReviewTests.context("customer.hold")) }
                } else {
                    timed("append \(i)/\(n)") { _ = try PostgresSharedStoreReviewTests.append(store, "alice", i == 2 ? "sa" : "sb", "m\(n)") }
                    timed("read \(i)/\(n)") {
                        _ = try store.get(customer: CustomerID("alice"), session: SessionID(i == 2 ? "sa" : "sb"), redactedView: false,
                                          context: PostgresSharedStoreReviewTests.context("session.get", purpose: "support"))
                    }
                }
            }
        }
        let failed = failures.withLock { $0 }
        XCTAssertTrue(failed.isEmpty, "\(failed.count) calls failed: \(failed.prefix(4))")
        XCTAssertLessThan(slowest.withLock { $0 }, 10, "a call took \(slowest.withLock { $0 }) s")
        for store in [a, b] {
            let report = try store.verifyAudit(context: context("audit.verify"))
            XCTAssertTrue(report.ok, report.problem ?? "")
        }
    }
}

/// A clock that moves only when told to (as ConfideCoreTests' ManualClock), for this
/// module's store tests.
final class StoreTestClock: Clock {
    private let current = Mutex(Timestamp(milliseconds: 1_767_225_600_000))
    func now() -> Timestamp { current.withLock { $0 } }
    func advance(days: Int) { current.withLock { $0.milliseconds += Int64(days) * 86_400_000 } }
}
