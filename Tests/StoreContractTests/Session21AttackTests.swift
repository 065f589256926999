@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Session 21's attack review of the keyring-database identity checks (84e0f13, 481598d,
/// 081bbf9, 56dbe79), with real PostgreSQL: databases copied and renamed into place while
/// daemons run, `pg_control_system()` revoked and granted. Red on main (56dbe79):
/// docs/evidence/session21-attack-review-red.txt (A1, A3; A2 red on d3438c5 only).
final class Session21AttackTests: PostgresStoreTestCase {
    private var revoked: [String] = []

    override func tearDown() {
        for name in revoked {
            try? PostgresConnection(uri: superuserURI(database: name)).execute("GRANT EXECUTE ON FUNCTION pg_control_system() TO PUBLIC")
        }
        super.tearDown()
    }

    /// A1. The keyring beside the data (one URI, the usual layout), two daemons sharing the
    /// store. Daemon B has read xena (her keys cached); a copy of the database is taken;
    /// daemon A shreds xena; the copy is renamed into the database's place while both run.
    /// 081bbf9 makes the keyring's own connection refuse a new session on another database,
    /// but B's data connections (its writer, whose `foreignAuditEntries` only compares B's own
    /// audit chain, and its readers, which check nothing) reconnect by name to the copy, where
    /// xena's customer row is back at the version B cached: B must neither serve her
    /// plaintext nor write under her destroyed keys.
    func testADatabaseSwappedUnderASharedStoreWithTheKeyringBesideIsNotServed() throws {
        let db = try freshDatabase("swap21_")
        let a = try daemon(db.uri, "a", chain: "a", shared: true)
        defer { a.close() }
        let b = try daemon(db.uri, "b", chain: "b", shared: true)
        defer { b.close() }
        try append(a, "xena", "s1", "my card is 4111 1111 1111 1111")
        XCTAssertEqual(try texts(b, "xena", "s1"), ["my card is 4111 1111 1111 1111"], "B has xena's keys cached")

        try alone(db.name, "CREATE DATABASE \(db.name)_copy TEMPLATE \(db.name) STRATEGY = FILE_COPY")
        _ = try a.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        XCTAssertNil(try a.keyring.lookup(CustomerID("xena")), "erased")

        try alone(db.name, "ALTER DATABASE \(db.name) RENAME TO \(db.name)_old")
        try PostgresConnection(uri: superuserURI()).execute("ALTER DATABASE \(db.name)_copy RENAME TO \(db.name)")

        var served: [String]?
        do { served = try texts(b, "xena", "s1") } catch {}
        XCTAssertNil(served, "daemon B served an erased customer's plaintext from a copy renamed into the store's place")
        var written: AppendResult?
        do { written = try append(b, "xena", "s1", "after the erasure") } catch {}
        XCTAssertNil(written, "daemon B wrote (and answered) under an erased customer's keys on the copy")
    }

    /// A2. `pg_control_system()` not executable by the daemon's role (revoked from PUBLIC, as
    /// some hardening guides and managed services do). 081bbf9 asked it on the keyring's
    /// connection of every PostgreSQL daemon, also one that serves its store alone with the
    /// keyring beside the data, and such a daemon no longer started ("permission denied for
    /// function pg_control_system"). Red on d3438c5; fixed on main meanwhile by 56dbe79
    /// ("cluster unknown"), whose own test revokes the function in confide_test only, not in
    /// the keys database its swap runs on (function privileges are per database): this one
    /// revokes it where the daemon's keyring is.
    func testADaemonServingItsStoreAloneStartsWithoutPgControlSystem() throws {
        let db = try freshDatabase("ctl21_")
        try PostgresConnection(uri: superuserURI(database: db.name)).execute("REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC")
        revoked.append(db.name)
        let store: TranscriptStore
        do {
            store = try daemon(db.uri, "alone", chain: nil, shared: false)
        } catch {
            return XCTFail("a daemon on a cluster where its role may not run pg_control_system() does not start: \(error)")
        }
        defer { store.close() }
        try append(store, "yves", "s1", "hello")
        XCTAssertEqual(try texts(store, "yves", "s1"), ["hello"])
    }

    /// A3. 56dbe79's fallback: a role that may not run `pg_control_system()` gets "cluster
    /// unknown" in its identity. The identity recorded at start is compared as a string with
    /// every new session's, so a daemon started while the function was revoked, whose
    /// administrator then grants it back (undoing a hardening step), finds "its" database to
    /// be another one at its next reconnect (a server restart, an idle timeout) and refuses
    /// for good, until restarted, saying the database was swapped, which it was not. (And the
    /// other way round: a revoke while it runs.)
    func testGrantingPgControlSystemBackWhileADaemonRunsIsNotTakenForASwappedDatabase() throws {
        let db = try freshDatabase("grant21_")
        let admin = try PostgresConnection(uri: superuserURI(database: db.name))
        try admin.execute("REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC")
        revoked.append(db.name)
        let store = try daemon(db.uri, "alone", chain: nil, shared: false)
        defer { store.close() }
        try append(store, "yves", "s1", "before")

        try admin.execute("GRANT EXECUTE ON FUNCTION pg_control_system() TO PUBLIC")
        // A restart's worth: every session of the daemon ends, and reconnects on its next use.
        _ = try PostgresConnection(uri: superuserURI()).result(
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [.text(db.name)])

        // A request or two may meet the drop (-32005); the store must serve again, not refuse for good.
        var last: (any Error)?
        for _ in 0..<20 {
            do {
                try append(store, "yves", "s1", "after")
                try append(store, "zoe", "s1", "a new customer: the keyring's own connection")
                last = nil
                break
            } catch {
                last = error
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        XCTAssertNil(last, "the same database, refused after pg_control_system() was granted back: \(String(describing: last))")
        XCTAssertFalse(store.lostTheStore, "health: the store is not lost")
    }

    /// A3, the other way round: `pg_control_system()` revoked while a daemon runs. Its next
    /// session cannot tell the cluster, so it must not serve (fail closed), but the database
    /// was not swapped: once the function is granted again it serves again, without a
    /// restart. On main the "cluster unknown" session was taken for another database and
    /// refused for good.
    func testRevokingPgControlSystemWhileADaemonRunsFailsClosedUntilItIsGrantedAgain() throws {
        let db = try freshDatabase("revoke21_")
        let store = try daemon(db.uri, "alone", chain: nil, shared: false)
        defer { store.close() }
        try append(store, "yves", "s1", "before")
        let admin = try PostgresConnection(uri: superuserURI(database: db.name))
        func endTheDaemonsSessions() throws {
            _ = try PostgresConnection(uri: superuserURI()).result(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [.text(db.name)])
        }
        try admin.execute("REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC")
        revoked.append(db.name)
        try endTheDaemonsSessions()
        for i in 0..<3 {
            XCTAssertThrowsError(try append(store, "zoe-\(i)", "s1", "while revoked"), "a new customer: the keyring's connection cannot tell its cluster")
            Thread.sleep(forTimeInterval: 0.2)
        }

        try admin.execute("GRANT EXECUTE ON FUNCTION pg_control_system() TO PUBLIC")
        var last: (any Error)?
        for _ in 0..<40 {
            do {
                try append(store, "yves", "s1", "after")
                try append(store, "zoe", "s1", "a new customer: the keyring's own connection")
                last = nil
                break
            } catch {
                last = error
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        XCTAssertNil(last, "the same database, refused for good after a revoke and a grant: \(String(describing: last))")
        XCTAssertFalse(store.lostTheStore, "health: the store is not lost")
    }
}

/// Session 21's attack review, the keyring in another database (shared_store, keyring guard):
/// false refusals the new checks could cause. These held (green on main): kept as guards.
final class Session21GuardAttackTests: KeyringElsewhereTestCase {
    /// H1. The guard's session ended while idle (an idle timeout, an administrator): libpq
    /// learns it only when the deferred BEGIN goes out (481598d), in `reconnectIfLost`, after
    /// the table was checked on the old session. The group must not run on the unchecked
    /// session; the request is run again and served, the daemon not refused for good.
    func testAGuardSessionEndedWhileIdleIsCheckedAgainAndTheRequestServed() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "alice", "s1", "one")
        let before = hooks.guardPID.load(ordering: .acquiring)
        try terminateTheGuard(hooks)
        XCTAssertNil(eventually { try append(a, "alice", "s1", "two") }, "served again after the guard's idle drop")
        XCTAssertNotEqual(hooks.guardPID.load(ordering: .acquiring), before, "on a new guard session")
        XCTAssertEqual(try Self.texts(a, "alice", "s1"), ["one", "two"])
        XCTAssertFalse(a.lostTheStore)
    }

    /// H2. A plain server restart (pg_ctl restart -m fast) under a shared store with the
    /// keyring elsewhere: every session (keyring, guard, writer, readers) reconnects to the same
    /// databases (system identifier and OIDs unchanged), so no identity check refuses: the
    /// cached customer and a new one are served again without restarting the daemon.
    func testAServerRestartIsNotTakenForASwappedDatabase() throws {
        guard let clusterDir = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_DIR"], !clusterDir.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_DIR is not set: the test restarts the throwaway cluster of scripts/pg-cluster")
        }
        let layout = try layout()
        let (a, _) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "alice", "s1", "before")
        let started = { try PostgresConnection(uri: layout.data).queryOne("SELECT pg_postmaster_start_time()::text") { try $0.text(0) } }
        let startedBefore = try started()
        XCTAssertEqual(Self.pgCluster(["restart", clusterDir]), 0, "scripts/pg-cluster restart")
        XCTAssertNotEqual(try started(), startedBefore, "the server restarted")
        XCTAssertNil(eventually {
            try append(a, "alice", "s1", "after")
            try append(a, "bob", "s1", "a new customer")
        }, "served again after a restart")
        XCTAssertEqual(try Self.texts(a, "alice", "s1"), ["before", "after"])
        XCTAssertFalse(a.lostTheStore)
    }
}
