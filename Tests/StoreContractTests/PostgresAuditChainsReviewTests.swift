import ConfideCrypto
@_spi(Testing) import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// Session 19's attack review of b714bc8 (F1: the registry's count recorded in every chain as
/// `audit.anchor` `chains=N`; F3: `--accept-restored-data` on a store with several chains),
/// kept as regression tests. Four failed on b714bc8 and were fixed after it (red output:
/// notes/session19-attack-output.txt): swapped row names under the flag, a junk row counted
/// by the rewritten chain-0 row, a registered chain without entries reported gone offline,
/// and an edited chain-0 row freezing every chain's anchor. Two held from the start.
final class PostgresAuditChainsReviewTests: PostgresStoreTestCase {
    private func d(_ uri: String, _ label: String, chain name: String?, shared: Bool = false,
                   ledger: String? = nil, acceptRestored: Bool = false) throws -> TranscriptStore {
        try daemon(uri, label, chain: name, shared: shared, ledger: ledger, acceptRestored: acceptRestored)
    }

    /// Three chains: 0 (first), 1 (host-a), 2 (host-b), each with a customer.
    private func threeChains(_ uri: String) throws {
        for (name, customer) in [(nil, "alice"), ("host-a", "bob"), ("host-b", "carol")] as [(String?, String)] {
            let store = try d(uri, name ?? "first", chain: name)
            try append(store, customer, "s1", "hello from \(name ?? "first")")
            store.close()
        }
    }

    // MARK: F3 — a row's name (unauthenticated when its MAC fails) steers the flag to another daemon's chain

    /// Attacker (both schemas, no master key) swaps the names of chains 1 and 2 in
    /// `audit_anchor` (three UPDATEs: name is UNIQUE). Every named daemon is refused and told
    /// chains [1, 2] fail their MAC and that their daemons must start once with
    /// --accept-restored-data; the operator does so for host-a and host-b.
    /// Invariant: a daemon started with the flag continues the chain that holds its own
    /// history (host-a: chain 1, host-b: chain 2), or is refused; it never takes another
    /// daemon's chain and relabels it so that verify passes.
    func testSwappedAnchorNamesDoNotHandADaemonAnotherDaemonsChainUnderTheFlag() throws {
        let (uri, schema) = try schemaURI("a19swap")
        try threeChains(uri)
        try owner().execute("""
            UPDATE \(schema).audit_anchor SET name = 'swap-tmp' WHERE chain = 1;
            UPDATE \(schema).audit_anchor SET name = 'host-a' WHERE chain = 2;
            UPDATE \(schema).audit_anchor SET name = 'host-b' WHERE chain = 1;
            """)
        XCTAssertThrowsError(try d(uri, "b", chain: "host-b")) { XCTAssertTrue("\($0)".contains("accept-restored-data"), "\($0)") }
        var taken: [String: Int] = [:]
        for name in ["host-b", "host-a"] {
            do {
                let s = try d(uri, name, chain: name, acceptRestored: true)
                taken[name] = s.auditChainID
                s.close()
            } catch { taken[name] = -1 }
        }
        let first = try d(uri, "first", chain: nil)
        let report = try first.verifyAudit(context: context("audit.verify"))
        first.close()
        let names = try owner().query("SELECT chain, name FROM \(schema).audit_anchor ORDER BY chain") { "\(try $0.int(0)):\(try $0.text(1) ?? "-")" }
        let detail = "host-a took \(taken["host-a"] ?? -2), host-b took \(taken["host-b"] ?? -2); registry now \(names); verify ok=\(report.ok) \(report.problem ?? "")"
        print("A19 swap: \(detail)")
        XCTAssertTrue(taken["host-b"] == 2 || taken["host-b"] == -1, "host-b, started with the flag, took host-a's chain: \(detail)")
        XCTAssertTrue(taken["host-a"] == 1 || taken["host-a"] == -1, "host-a, started with the flag, took host-b's chain: \(detail)")
        XCTAssertFalse(report.ok && (taken["host-b"] == 1), "the swap is silent: verify passes with the chains' histories relabeled: \(detail)")
    }

    /// While host-a runs (holding chain 1's lock), the attacker renames chain 1's row to
    /// host-b (and chain 2's away); host-b started with the flag must not append to chain 1.
    /// Expected to hold: the per-chain session lock refuses it.
    func testTheFlagCannotTakeARunningDaemonsChain() throws {
        let (uri, schema) = try schemaURI("a19live")
        try threeChains(uri)
        let a = try d(uri, "a", chain: "host-a", shared: true)
        defer { a.close() }
        let first = try d(uri, "first", chain: nil, shared: true)
        defer { first.close() }
        try owner().execute("""
            UPDATE \(schema).audit_anchor SET name = 'swap-tmp' WHERE chain = 2;
            UPDATE \(schema).audit_anchor SET name = 'host-b' WHERE chain = 1;
            """)
        var took: Int?
        do {
            let b = try d(uri, "b", chain: "host-b", shared: true, acceptRestored: true)
            took = b.auditChainID
            b.close()
        } catch { print("A19 live: host-b refused: \(error)") }
        XCTAssertNotEqual(took, 1, "host-b appended to chain 1 while host-a holds it")
    }

    // MARK: F3 — the rewritten chain-0 row counts unauthenticated rows

    /// Attacker inserts a junk anchor row (chain 7, name "ghost", bad MAC) and deletes chain
    /// 0's row. The first daemon's start is refused; the operator starts it once with
    /// --accept-restored-data (as told), then removes the junk row, which no daemon owns.
    /// Invariant: the store can be brought back to a verifying state by the documented
    /// means; the flag does not turn a row that failed its MAC into an authenticated count of
    /// chains that never existed (before b714bc8 the rewritten count ignored other rows).
    func testAcceptingRestoredDataDoesNotCountAnUnauthenticatedRowIntoTheRegistry() throws {
        let (uri, schema) = try schemaURI("a19ghost")
        try threeChains(uri)
        try owner().execute("""
            INSERT INTO \(schema).audit_anchor (chain, keyed_from, seq, head, pruned_to, sessions_bound, mac, name, chains)
              SELECT 7, keyed_from, NULL, NULL, 0, sessions_bound, mac, 'ghost', NULL FROM \(schema).audit_anchor WHERE chain = 1;
            DELETE FROM \(schema).audit_anchor WHERE chain = 0;
            """)
        XCTAssertThrowsError(try d(uri, "first", chain: nil)) { XCTAssertTrue("\($0)".contains("accept-restored-data"), "\($0)") }
        try d(uri, "first", chain: nil, acceptRestored: true).close()
        let count = try owner().query("SELECT chains FROM \(schema).audit_anchor WHERE chain = 0") { try $0.optionalInt(0) }.first ?? nil
        print("A19 ghost: chain 0's rewritten row counts \(count.map(String.init) ?? "nil") chains")
        try owner().execute("DELETE FROM \(schema).audit_anchor WHERE chain = 7")
        var problems: [String] = []
        do {
            let first = try d(uri, "first", chain: nil, acceptRestored: true)
            let r = try first.verifyAudit(context: context("audit.verify"))
            if !r.ok { problems.append("verify: \(r.problem ?? "")") }
            first.close()
        } catch { problems.append("first daemon: \(error)") }
        do { try d(uri, "a", chain: "host-a").close() } catch { problems.append("host-a: \(error)") }
        do {
            let c = try d(uri, "c", chain: "host-c")
            problems.append("a new daemon host-c got chain \(c.auditChainID)")
            c.close()
        } catch { problems.append("host-c: \(error)") }
        print("A19 ghost: \(problems)")
        XCTAssertEqual(count, 3, "the flag wrote an authenticated count of \(count.map(String.init) ?? "nil") chains from a junk row")
        XCTAssertTrue(problems.allSatisfy { $0.hasPrefix("a new daemon host-c got chain 3") }, "no way back after the junk row is gone: \(problems)")
    }

    // MARK: F1 — false positives of the count check

    /// A named daemon registers (count 2) but its start is refused before it writes any
    /// entry (its erasure ledger lacks a shred made on chain 0: a configuration error). The
    /// first daemon then starts and records chains=2. Nothing was tampered with.
    /// Invariant: online verify and offline verify without the keyring (registry nil, as
    /// `audit verify --offline` does with the keyring elsewhere) both pass.
    func testARegisteredChainWithoutEntriesIsNotReportedGone() throws {
        let (uri, schema) = try schemaURI("a19empty")
        do {
            let first = try d(uri, "first", chain: nil)
            for customer in ["bob", "dave"] {  // two: one missing erasure passes as a crash window
                try append(first, customer, "s1", "hello")
                _ = try first.shred(customer: CustomerID(customer), reason: "gdpr", context: context("customer.shred"))
            }
            first.close()
        }
        do {
            let c = try d(uri, "c", chain: "host-c", ledger: folder.path + "/fresh-ledger")
            XCTFail("host-c started (chain \(c.auditChainID)): the set-up needs its start refused after registering")
            c.close()
        } catch { print("A19 empty: host-c refused: \(error)") }
        let rows = try owner().query("SELECT chain, name FROM \(schema).audit_anchor ORDER BY chain") { "\(try $0.int(0)):\(try $0.text(1) ?? "-")" }
        print("A19 empty: registry after host-c's refused start: \(rows)")
        // The refused start let go of its sessions (and the store's lock) itself: the first
        // daemon starts in the same process (before session 19 it was refused until those
        // sessions were ended from outside).
        let first = try d(uri, "first", chain: nil)
        defer { first.close() }
        let online = try first.verifyAudit(context: context("audit.verify"))
        XCTAssertTrue(online.ok, "online: \(online.problem ?? "")")
        let offline = try AuditVerifier.verify(chains: PostgresConnection(uri: uri), registry: nil)
        XCTAssertTrue(offline.ok, "offline without the keyring, nothing tampered: \(offline.problem ?? "")")
    }

    // MARK: availability — every daemon's tick now depends on chain 0's row

    /// The attacker edits chain 0's anchor row (bad MAC) while host-a runs. Invariant (as
    /// before b714bc8): host-a's scheduler tick still signs and anchors host-a's own chain
    /// (its anchor row advances), so one row's edit does not stop every daemon's anchoring;
    /// the job then fails, naming the edited row.
    func testAnEditedChainZeroRowDoesNotStopOtherDaemonsAnchoringTheirChains() throws {
        let (uri, schema) = try schemaURI("a19tick")
        try threeChains(uri)
        let a = try d(uri, "a", chain: "host-a")
        defer { a.close() }
        try owner().execute("UPDATE \(schema).audit_anchor SET seq = seq + 1 WHERE chain = 0")
        try append(a, "bob", "s1", "after the edit")
        let before = try owner().query("SELECT seq FROM \(schema).audit_anchor WHERE chain = 1") { try $0.optionalInt(0) }.first ?? nil
        a.scheduler!.runOnce()
        let after = try owner().query("SELECT seq FROM \(schema).audit_anchor WHERE chain = 1") { try $0.optionalInt(0) }.first ?? nil
        let outcome = a.scheduler!.jobStates["audit-anchor"]?.lastOutcome ?? "never"
        print("A19 tick: host-a's anchor seq \(before.map(String.init) ?? "nil") -> \(after.map(String.init) ?? "nil"), audit-anchor: \(outcome)")
        // The edited row is reported (the job fails, naming it), after host-a's own anchor advanced.
        XCTAssertTrue(outcome.contains("fails its MAC"), "the job reports chain 0's edited row: \(outcome)")
        XCTAssertGreaterThan(after ?? 0, before ?? 0, "host-a's own anchor did not advance")
    }

    // MARK: F1 — the flag on chain 0 as the way to lower the count (expected to hold)

    /// Chain 0's daemon recorded chains=3. The attacker deletes host-b's chain 2 (entries,
    /// checkpoints, anchor row) and edits chain 0's row so that the first daemon is refused;
    /// the operator starts it once with --accept-restored-data, which rewrites chain 0's row
    /// counting the rows left (2). Invariant: verify still fails, from chain 0's witness.
    func testTheFlagOnChainZeroDoesNotLaunderADeletedChain() throws {
        let (uri, schema) = try schemaURI("a19launder")
        try threeChains(uri)
        try d(uri, "first", chain: nil).close()  // records chains=3 on chain 0
        try owner().execute("""
            DELETE FROM \(schema).audit_entry WHERE chain = 2; DELETE FROM \(schema).audit_checkpoint WHERE chain = 2;
            DELETE FROM \(schema).audit_anchor WHERE chain = 2;
            UPDATE \(schema).audit_anchor SET chains = 2 WHERE chain = 0;
            """)
        XCTAssertThrowsError(try d(uri, "first", chain: nil)) { XCTAssertTrue("\($0)".contains("accept-restored-data"), "\($0)") }
        try d(uri, "first", chain: nil, acceptRestored: true).close()
        let first = try d(uri, "first", chain: nil)
        defer { first.close() }
        let report = try first.verifyAudit(context: context("audit.verify"))
        print("A19 launder: ok=\(report.ok) \(report.problem ?? "")")
        XCTAssertFalse(report.ok, "host-b's chain deleted, count lowered through the flag: verify passed")
    }

    /// The exploit of the tick's new dependency. host-a runs; the attacker saves chain 0's
    /// authentic row and edits it (every daemon's audit-anchor tick now fails, so no chain's
    /// anchor advances). host-a shreds bob and reads carol over many ticks, then dies without a
    /// clean stop (its anchor is where the edit froze it). The attacker cuts host-a's chain back
    /// to its frozen anchor and puts chain 0's saved row back. Invariant: the shred's entry stays, or verify fails (before
    /// b714bc8 host-a's ticks kept advancing its anchor past the shred, so the cut was seen;
    /// docs: a crash loses at most a tick's entries unseen).
    func testAnEditedChainZeroRowFreezesEveryAnchorSoAChainsTailCanBeCutUnseen() throws {
        let (uri, schema) = try schemaURI("a19freeze")
        try threeChains(uri)
        let a = try d(uri, "a", chain: "host-a", shared: true)
        a.scheduler!.runOnce()
        let frozen = try owner().query("SELECT seq FROM \(schema).audit_anchor WHERE chain = 1") { try $0.optionalInt(0) }.first ?? nil
        try owner().execute("""
            CREATE TABLE \(schema).saved0 AS SELECT * FROM \(schema).audit_anchor WHERE chain = 0;
            UPDATE \(schema).audit_anchor SET seq = seq + 1 WHERE chain = 0;
            """)
        try append(a, "dave", "s1", "dave's transcript")
        _ = try a.shred(customer: CustomerID("dave"), reason: "gdpr", context: context("customer.shred"))
        for _ in 0..<3 { _ = try texts(a, "bob", "s1"); a.scheduler!.runOnce() }
        let anchorNow = try owner().query("SELECT seq FROM \(schema).audit_anchor WHERE chain = 1") { try $0.optionalInt(0) }.first ?? nil
        let last = try owner().query("SELECT max(seq) FROM \(schema).audit_entry WHERE chain = 1") { try $0.optionalInt(0) }.first ?? nil
        print("A19 freeze: host-a's anchor \(frozen.map(String.init) ?? "nil") -> \(anchorNow.map(String.init) ?? "nil") while its chain reached \(last.map(String.init) ?? "nil")")
        // host-a dies (kill -9): in-process, its writer simply stops being used; the cut and
        // the row put back follow.
        try owner().execute("""
            DELETE FROM \(schema).audit_entry WHERE chain = 1 AND seq > \(anchorNow ?? 0);
            DELETE FROM \(schema).audit_checkpoint WHERE chain = 1 AND seq > \(anchorNow ?? 0);
            UPDATE \(schema).audit_anchor a SET keyed_from = s.keyed_from, seq = s.seq, head = s.head, pruned_to = s.pruned_to,
                sessions_bound = s.sessions_bound, mac = s.mac, name = s.name, chains = s.chains
              FROM \(schema).saved0 s WHERE a.chain = 0;
            """)
        let first = try d(uri, "first", chain: nil, shared: true)
        let report = try first.verifyAudit(context: context("audit.verify"))
        let shredSeen = try owner().query("SELECT count(*) FROM \(schema).audit_entry WHERE chain = 1 AND method = 'customer.shred'") { try $0.int(0) }.first ?? 0
        print("A19 freeze: after the cut verify ok=\(report.ok) \(report.problem ?? ""); customer.shred entries left on chain 1: \(shredSeen)")
        first.close()
        // Before b714bc8 the same run cuts only the newest entry (its anchor followed each tick), and the shred stays.
        XCTAssertFalse(report.ok && shredSeen == 0, "host-a's shred and reads since the edit were cut from its chain unseen (anchor frozen at \(anchorNow.map(String.init) ?? "nil"))")
        a.close()
    }
}
