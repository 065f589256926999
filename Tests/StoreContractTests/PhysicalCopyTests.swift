@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// A physical copy of the whole cluster put in place of the server a daemon runs on: a base
/// backup taken before a shred and restored afterwards, as an operator restoring "the
/// database" without stopping the daemons would, or as a failover to a standby that had not
/// received the shred does. The copy keeps the cluster's system identifier and every OID, so
/// the checks against a copied or renamed database (`KeyringDatabaseSwapTests`) pass; before
/// session 23 the running daemon reconnected to it and served the erased customer's keys.
///
/// Each test runs its own throwaway cluster (`scripts/pg-cluster start`), since restoring
/// one rolls back everything in it. Red without the WAL timeline in `databaseIdentity`:
/// docs/evidence/session23-physical-copy-red.txt; the same-timeline test without the
/// keyring's check of the erasures it committed: docs/evidence/session23-same-timeline-red.txt.
final class PhysicalCopyTests: PostgresStoreTestCase {
    /// The keyring alone on the cluster restored from a base backup to a point in time
    /// (archive recovery ending on a new WAL timeline, as a promoted standby's does), the data
    /// in another cluster: the keyring's new session is refused for good, xena's keys are not
    /// served again, and nothing is written. Before, her keys were back and her append was
    /// answered, encrypted under keys the shred had destroyed.
    func testAKeyringClusterRestoredToAPointInTimeUnderARunningDaemonIsNotServed() throws {
        let (store, cluster) = try aStoreWithXenaErasedAfterABaseBackup(dataInTheCluster: false)
        defer { store.close() }
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster, "--new-timeline"]), 0, "scripts/pg-cluster restore-basebackup")

        do {
            let keys = try store.keyring.lookup(CustomerID("xena"))
            XCTFail("the keyring's connection served the restored cluster: xena's keys are \(keys == nil ? "absent" : "back")")
        } catch {
            XCTAssertTrue("\(error)".contains("is on WAL timeline 2, not 1"), "\(error)")
        }
        assertNoAppendIsAnswered(store)
        XCTAssertTrue(store.lostTheStore, "health says unavailable, with the reason")
    }

    /// The keyring's cluster restored from a base backup on the same timeline (started without
    /// archive recovery, as a file-system snapshot put back is): every identifier the daemon
    /// compares is the same, but the erasures this daemon committed since the backup are not
    /// in the copy's `erasure` table, so its new session is refused for good.
    func testAKeyringClusterRestoredOnTheSameTimelineUnderARunningDaemonIsNotServed() throws {
        let (store, cluster) = try aStoreWithXenaErasedAfterABaseBackup(dataInTheCluster: false)
        defer { store.close() }
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup")

        do {
            let keys = try store.keyring.lookup(CustomerID("xena"))
            XCTFail("the keyring's connection served the restored cluster: xena's keys are \(keys == nil ? "absent" : "back")")
        } catch {
            XCTAssertTrue("\(error)".contains("lacks 1 of the 1 erasures this daemon committed"), "\(error)")
        }
        assertNoAppendIsAnswered(store, naming: "erasures this daemon committed")
        XCTAssertTrue(store.lostTheStore, "health says unavailable, with the reason")
    }

    /// Keyring and data on the restored cluster: every connection's new session (the
    /// keyring's, the writer's, the readers') is refused, naming the timeline. Before, the
    /// keyring served xena's keys and the writer refused on its audit chain, blaming "another
    /// confide daemon"; the readers served the copy.
    func testAWholeStoreRestoredToAPointInTimeUnderARunningDaemonIsNotServed() throws {
        let (store, cluster) = try aStoreWithXenaErasedAfterABaseBackup(dataInTheCluster: true)
        defer { store.close() }
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster, "--new-timeline"]), 0, "scripts/pg-cluster restore-basebackup")

        XCTAssertThrowsError(try store.keyring.lookup(CustomerID("xena")), "the keyring's connection on the restored cluster") { error in
            XCTAssertTrue("\(error)".contains("is on WAL timeline 2, not 1"), "\(error)")
        }
        assertNoAppendIsAnswered(store)
        XCTAssertThrowsError(try store.get(customer: CustomerID("wendy"), session: SessionID("s1"), redactedView: false,
                                           context: context("session.get")), "no read either: the readers are on the copy too") { error in
            XCTAssertTrue("\(error)".contains("WAL timeline"), "\(error)")
        }
        XCTAssertTrue(store.lostTheStore, "health says unavailable, with the reason")
    }

    /// A plain restart of the same server keeps its timeline: served again, nothing refused
    /// (the control for the tests above: the timeline, not the restart, refuses).
    func testARestartOfTheSameClusterIsServedAgain() throws {
        let (store, cluster) = try aStoreWithXenaErasedAfterABaseBackup(dataInTheCluster: true)
        defer { store.close() }
        XCTAssertEqual(Self.pgCluster(["restart", cluster]), 0, "scripts/pg-cluster restart")
        XCTAssertNil(eventually { try self.append(store, "yann", "s1", "a new customer") }, "served again after a restart")
        XCTAssertNil(try store.keyring.lookup(CustomerID("xena")), "still erased")
        XCTAssertEqual(try texts(store, "wendy", "s1"), ["hello"])
        XCTAssertFalse(store.lostTheStore)
    }

    /// No false refusal from that check: on a shared store, daemon A erases xena, she is created
    /// again and daemon B erases her again (her `erasure` row now holds B's erasure, another
    /// handle). A's keyring session ends; the new one finds B's later erasure in place of its
    /// own and is served.
    func testAKeyringSessionAfterAnotherDaemonErasedTheSameCustomerAgainIsServed() throws {
        let db = try freshDatabase("reerased23_")
        let a = try daemon(db.uri, "a", chain: "a", shared: true), b = try daemon(db.uri, "b", chain: "b", shared: true)
        defer { a.close(); b.close() }
        try append(a, "xena", "s1", "first life")
        _ = try a.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        try append(b, "xena", "s1", "second life")
        _ = try b.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        _ = try PostgresConnection(uri: superuserURI()).result(
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [.text(db.name)])
        XCTAssertNil(eventually {
            XCTAssertNil(try a.keyring.lookup(CustomerID("xena")), "erased")
            try self.append(a, "yann", "s1", "a new customer")
        }, "A is served again")
        XCTAssertFalse(a.lostTheStore)
    }

    /// Neither an erased customer's nor a new one's append is answered; each names the timeline.
    private func assertNoAppendIsAnswered(_ store: TranscriptStore, naming reason: String = "WAL timeline",
                                          file: StaticString = #filePath, line: UInt = #line) {
        for customer in ["xena", "yann"] {
            do {
                _ = try append(store, customer, "s1", "after the restore")
                XCTFail("\(customer)'s append was answered on the restored cluster", file: file, line: line)
            } catch {
                XCTAssertTrue("\(error)".contains(reason), "\(customer): \(error)", file: file, line: line)
            }
        }
    }

    /// A throwaway cluster of its own with the store's keyring (and its data, when
    /// `dataInTheCluster`; else a schema of the test cluster), xena and wendy appended, a base
    /// backup, then xena shredded.
    private func aStoreWithXenaErasedAfterABaseBackup(dataInTheCluster: Bool) throws -> (TranscriptStore, cluster: String) {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let dataURI = dataInTheCluster ? try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_URI"]) : try schemaURI("data").uri
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        var settings = PostgresEngine.Settings()
        settings.storeLockWaitSeconds = 2
        let store = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: keysURI, dataURI: dataURI, settings: settings),
                                        masterKey: masterKey, options: options())
        try append(store, "xena", "s1", "my card is 4111 1111 1111 1111")
        try append(store, "wendy", "s1", "hello")
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        _ = try store.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        XCTAssertNil(try store.keyring.lookup(CustomerID("xena")), "erased")
        return (store, cluster)
    }
}
