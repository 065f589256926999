@_spi(Testing) @testable import ConfideCore
import ConfideCrypto
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// One audit chain per daemon over one PostgreSQL store (issue 21; docs/scaling.md, "One
/// audit chain, or one per daemon"): each daemon given an audit chain name appends to a
/// chain of its own, registered in the keyring; `audit verify` covers every chain the
/// registry lists, and a chain deleted, moved, added or unregistered outside confide fails it.
final class PostgresAuditChainsTests: PostgresStoreTestCase {
    /// A daemon over `uri` (keyring and data in its schema) appending to the chain `name`
    /// (nil: the store's first chain).
    private func daemon(_ uri: String, chain name: String?) throws -> TranscriptStore {
        var options = options()
        options.auditChainName = name
        return try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options)
    }

    /// Three daemons, one after another (one daemon per store still): the first on chain 0,
    /// then "host-a" and "host-b". Returns the URI and schema.
    private func threeChains(_ label: String) throws -> (uri: String, schema: String) {
        let (uri, schema) = try schemaURI(label)
        for (name, customer) in [(nil, "alice"), ("host-a", "bob"), ("host-b", "carol")] as [(String?, String)] {
            let store = try daemon(uri, chain: name)
            try append(store, customer, "s1", "hello from \(name ?? "the first daemon")")
            _ = try texts(store, customer, "s1")
            store.close()
        }
        return (uri, schema)
    }

    private func verify(_ uri: String) throws -> AuditVerifier.Report {
        let store = try daemon(uri, chain: nil)
        defer { store.close() }
        return try store.verifyAudit(context: context("audit.verify"))
    }

    func testEachNamedDaemonAppendsToItsOwnChainAndVerifyCoversThemAll() throws {
        let (uri, _) = try threeChains("chains")
        let db = try owner()
        try db.execute("SET search_path TO \(try XCTUnwrap(schemas.last))")
        let counts = try db.query("SELECT chain, count(*) FROM audit_entry GROUP BY chain ORDER BY chain") { (try $0.int(0), try $0.int(1)) }
        XCTAssertEqual(counts.map(\.0), [0, 1, 2], "three daemons, three chains")
        XCTAssertTrue(counts.allSatisfy { $0.1 >= 2 }, "each chain holds its daemon's append and read: \(counts)")

        // "host-a" starting again continues its chain.
        let again = try daemon(uri, chain: "host-a")
        XCTAssertEqual(again.auditChainID, 1)
        try append(again, "bob", "s1", "back again")
        again.close()

        let report = try verify(uri)
        XCTAssertTrue(report.ok, report.problem ?? "")
        XCTAssertEqual(report.chains.map(\.chain), [0, 1, 2])
        XCTAssertEqual(report.chains.map(\.chainName), [nil, "host-a", "host-b"])
        XCTAssertEqual(report.entries, report.chains.reduce(0) { $0 + $1.entries })
        XCTAssertTrue(report.chains.allSatisfy(\.ok))
        // Offline, from the data alone (no master key), every chain verifies too.
        let offline = try AuditVerifier.verify(chains: PostgresConnection(uri: uri), registry: nil)
        XCTAssertTrue(offline.ok, offline.problem ?? "")
        XCTAssertEqual(offline.chains.map(\.chain), [0, 1, 2])
    }

    /// A daemon's whole chain deleted from the data (entries and checkpoints): the keyring's
    /// anchor of that chain says it held entries, so verification fails naming it.
    func testAChainDeletedWholeFailsVerification() throws {
        let (uri, schema) = try threeChains("chaindel")
        let db = try owner()
        try db.execute("DELETE FROM \(schema).audit_entry WHERE chain = 1; DELETE FROM \(schema).audit_checkpoint WHERE chain = 1")
        let report = try verify(uri)
        XCTAssertFalse(report.ok, "a chain deleted whole must not verify")
        XCTAssertTrue(report.problem?.contains("audit chain 1 (host-a)") == true, report.problem ?? "")
        XCTAssertTrue(report.problem?.contains("empty") == true, report.problem ?? "")
    }

    /// The chain and its anchor both deleted: the registry's count (under chain 0's MAC) still
    /// names it.
    func testAChainDeletedWithItsAnchorFailsVerification() throws {
        let (uri, schema) = try threeChains("chainanchor")
        let db = try owner()
        try db.execute("""
            DELETE FROM \(schema).audit_entry WHERE chain = 2; DELETE FROM \(schema).audit_checkpoint WHERE chain = 2;
            DELETE FROM \(schema).audit_anchor WHERE chain = 2
            """)
        // A daemon that registers by name reads the registry at start, and is refused.
        XCTAssertThrowsError(try daemon(uri, chain: "host-a")) {
            XCTAssertTrue("\($0)".contains("anchors of chains [2] are missing"), "\($0)")
        }
        let store = try daemon(uri, chain: nil)
        defer { store.close() }
        let report = try store.verifyAudit(context: context("audit.verify"))
        XCTAssertFalse(report.ok)
        XCTAssertTrue(report.problem?.contains("anchors of chains [2] are missing") == true, report.problem ?? "")
        // The count itself cannot be lowered: chain 0's anchor would fail its MAC.
        try db.execute("UPDATE \(schema).audit_anchor SET chains = 2 WHERE chain = 0")
        XCTAssertFalse(try store.verifyAudit(context: context("audit.verify")).ok)
    }

    /// Two daemons' chains swapped (each one's rows relabelled as the other's): every hash
    /// depends on its chain's number, so both fail.
    func testChainsSwappedBetweenDaemonsFailVerification() throws {
        let (uri, schema) = try threeChains("chainswap")
        let db = try owner()
        for table in ["audit_entry", "audit_checkpoint"] {
            try db.execute("UPDATE \(schema).\(table) SET chain = 99 WHERE chain = 1")
            try db.execute("UPDATE \(schema).\(table) SET chain = 1 WHERE chain = 2")
            try db.execute("UPDATE \(schema).\(table) SET chain = 2 WHERE chain = 99")
        }
        let report = try AuditVerifier.verify(chains: PostgresConnection(uri: uri), registry: nil)
        XCTAssertFalse(report.ok, "entries of one daemon's chain relabelled as another's must not verify")
        XCTAssertEqual(report.chains.filter { !$0.ok }.map(\.chain), [1, 2])
    }

    /// A chain the keyring never registered (a copy of chain 0 inserted as chain 7) fails.
    func testAChainTheRegistryDoesNotListFailsVerification() throws {
        let (uri, schema) = try threeChains("chainextra")
        let db = try owner()
        try db.execute("""
            INSERT INTO \(schema).audit_entry (chain, seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail, mac)
            SELECT 7, seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail, mac FROM \(schema).audit_entry WHERE chain = 0
            """)
        let report = try verify(uri)
        XCTAssertFalse(report.ok)
        XCTAssertTrue(report.problem?.contains("does not list") == true, report.problem ?? "")
    }

    /// Daemons starting at once register distinct chains (the keyring's transaction lock), and
    /// one name registered twice is one chain.
    func testDaemonsRegisteringAtOnceGetDistinctChains() throws {
        let (uri, _) = try schemaURI("chainreg")
        daemon: do { try daemon(uri, chain: nil).close() }
        let keyrings = try (0..<6).map { _ in try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey) }
        let chains = Mutex<[String: Int]>([:])
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            let name = "host-\(i % 3)"
            if let chain = try? keyrings[i].registerAuditChain(name: name).chain {
                chains.withLock { found in
                    XCTAssertEqual(found[name] ?? chain, chain, "one name, one chain")
                    found[name] = chain
                }
            }
        }
        XCTAssertEqual(Set(chains.withLock { $0.values }), [1, 2, 3])
        XCTAssertEqual(try keyrings[0].auditAnchors().map(\.chain), [0, 1, 2, 3])
    }

    /// The embedded store keeps one chain: a chain name is refused with the reason.
    func testTheEmbeddedStoreRefusesAChainName() throws {
        var options = options()
        options.auditChainName = "host-a"
        XCTAssertThrowsError(try TranscriptStore(state: state, masterKey: masterKey, options: options)) {
            XCTAssertTrue("\($0)".contains("need the PostgreSQL engine"), "\($0)")
        }
    }
}

/// Several daemons serving one PostgreSQL store together (`PostgresEngine.Settings.sharedStore`,
/// `shared_store`): the store's locks are taken shared, each daemon's audit chain is locked
/// for it alone, and a daemon serving the store alone excludes the sharing ones (and back).
final class PostgresSharedStoreTests: PostgresStoreTestCase {
    /// A daemon over `uri` with a state folder of its own (`label`), sharing the store when
    /// `shared`, appending to the chain `name`.
    private func daemon(_ uri: String, _ label: String, chain name: String?, shared: Bool = true, ledger: String? = nil) throws -> TranscriptStore {
        try daemon(uri, label, chain: name, shared: shared, ledger: ledger, acceptRestored: false)
    }

    func testTwoDaemonsSharingAStoreWriteAtOnceEachOnItsOwnChainAndBothVerify() throws {
        let (uri, schema) = try schemaURI("shared")
        let a = try daemon(uri, "a", chain: "host-a")
        defer { a.close() }
        let b = try daemon(uri, "b", chain: "host-b")
        defer { b.close() }
        XCTAssertEqual([a.auditChainID, b.auditChainID], [1, 2])
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let store = i % 2 == 0 ? a : b
            for n in 0..<20 {
                do { _ = try PostgresSharedStoreTests.append(store, "customer-\(i % 4)", "s-\(i)", "message \(n) of writer \(i)") }
                catch { XCTFail("writer \(i), append \(n): \(error)") }
            }
        }
        // Each daemon reads what the other wrote.
        XCTAssertEqual(try texts(a, "customer-1", "s-1").count, 20)
        XCTAssertEqual(try texts(b, "customer-0", "s-0").count, 20)
        for store in [a, b] {
            let report = try store.verifyAudit(context: context("audit.verify"))
            XCTAssertTrue(report.ok, report.problem ?? "")
            XCTAssertEqual(report.chains.map(\.chain), [0, 1, 2])
            XCTAssertEqual(report.chain, store.auditChainID)
        }
        let db = try owner()
        let perChain = try db.query("SELECT chain, count(*) FROM \(schema).audit_entry WHERE method = 'session.append' GROUP BY chain ORDER BY chain") {
            "\(try $0.int(0))=\(try $0.int(1))"
        }
        XCTAssertEqual(perChain, ["1=80", "2=80"], "every append in its daemon's chain")
    }

    /// Erasures made through another daemon reach this daemon's erasure ledger: at its next
    /// scheduler run while it runs, and at its start when it was stopped. (Before, a daemon's
    /// start after two shreds through another daemon was refused: its ledger "lacked" them.)
    func testEachSharingDaemonsErasureLedgerTakesTheErasuresMadeThroughTheOthers() throws {
        let (uri, _) = try schemaURI("ledger")
        let (ledgerA, ledgerB) = (folder.path + "/ledger-a.jsonl", folder.path + "/ledger-b.jsonl")
        let a = try daemon(uri, "a", chain: "host-a", ledger: ledgerA)
        let b = try daemon(uri, "b", chain: "host-b", ledger: ledgerB)
        defer { b.close() }
        for customer in ["alice", "bob"] {
            try append(b, customer, "s1", "to be erased")
            _ = try b.shred(customer: CustomerID(customer), reason: "gdpr", context: context("customer.shred"))
        }
        try XCTUnwrap(a.scheduler).runOnce()
        XCTAssertEqual(try ErasureLedger(path: ledgerA).entries().count, 2, "A's ledger holds B's erasures after A's next run")
        XCTAssertEqual(try a.syncErasureLedger(), 0, "once")
        a.close()
        // Two more while A is stopped: A starts, and takes them in.
        for customer in ["carol", "dave"] {
            try append(b, customer, "s1", "to be erased")
            _ = try b.shred(customer: CustomerID(customer), reason: "gdpr", context: context("customer.shred"))
        }
        let again = try daemon(uri, "a", chain: "host-a", ledger: ledgerA)
        defer { again.close() }
        XCTAssertEqual(try ErasureLedger(path: ledgerA).entries().count, 4)
        let synced = try again.auditTail(limit: 50, context: nil).filter { $0.method == "daemon.erasure-ledger.synced" }
        XCTAssertEqual(synced.map(\.detail), ["2", "2"], "each catch-up audited once, with its count")
    }

    func testASecondDaemonGivenTheSameChainNameIsRefused() throws {
        let (uri, _) = try schemaURI("samechain")
        let a = try daemon(uri, "a", chain: "host-a")
        defer { a.close() }
        XCTAssertThrowsError(try daemon(uri, "b", chain: "host-a")) {
            XCTAssertTrue("\($0)".contains("another confide daemon appends to audit chain 1 (\"host-a\")"), "\($0)")
        }
        // Two without a name would both append to the first chain: refused the same way.
        let c = try daemon(uri, "c", chain: nil)
        defer { c.close() }
        XCTAssertThrowsError(try daemon(uri, "d", chain: nil)) {
            XCTAssertTrue("\($0)".contains("audit chain 0 (the store's first)"), "\($0)")
        }
    }

    func testADaemonServingTheStoreAloneAndSharingDaemonsExcludeEachOther() throws {
        let (uri, _) = try schemaURI("alone")
        let shared = try daemon(uri, "a", chain: "host-a")
        XCTAssertThrowsError(try daemon(uri, "b", chain: "host-b", shared: false)) {
            XCTAssertTrue("\($0)".contains("mode ShareLock: daemons started with shared_store"), "\($0)")
        }
        shared.close()
        let alone = try daemon(uri, "c", chain: nil, shared: false)
        defer { alone.close() }
        XCTAssertThrowsError(try daemon(uri, "d", chain: "host-d")) {
            XCTAssertTrue("\($0)".contains("alone, without shared_store"), "\($0)")
        }
    }
}

/// A daemon serving its store alone notices, after its sessions were cut, that another daemon
/// served the store meanwhile on an audit chain of its own.
final class PostgresForeignChainTests: PostgresStoreTestCase {
    func testADaemonServingAloneRefusesAfterAnotherWroteItsOwnChainWhileItsSessionsWereCut() throws {
        let (uri, schema) = try schemaURI("foreign")
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options())
        defer { a.close() }
        try append(a, "alice", "s1", "before the cut")
        // Every session of this schema's daemon ends (a network cut, a server restart).
        let ended = try owner().query("""
            SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')
              AND query NOT LIKE '%pg_terminate_backend%' AND datname = current_database()
              AND pid IN (SELECT pid FROM pg_locks l JOIN pg_namespace n ON l.objid = n.oid WHERE n.nspname = '\(schema)')
            """) { try $0.bool(0) }
        XCTAssertFalse(ended.isEmpty, "the daemon's sessions held its store's locks")
        // Another daemon, with an audit chain of its own, serves the store and leaves.
        var options = options()
        options.auditChainName = "host-b"
        let b = try TranscriptStore(state: StateDirectory(path: folder.path + "/state-b"), engine: PostgresEngine(keysURI: uri, dataURI: uri),
                                    masterKey: masterKey, options: options)
        _ = try b.shred(customer: CustomerID("alice"), reason: "gdpr", context: context("customer.shred"))
        b.close()
        // The first one must not serve from its caches again.
        XCTAssertThrowsError(try append(a, "alice", "s1", "after the cut")) {
            XCTAssertEqual(($0 as? StoreError)?.code, -32005, "\($0)")
            XCTAssertTrue("\($0)".contains("audit chain 1 grew"), "\($0)")
        }
    }
}
