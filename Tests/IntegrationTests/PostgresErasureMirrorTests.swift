import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// The data store's record of the keyring's erasures (`keyring_mirror`), through a real
/// daemon's socket: a shred whose audit-entry transaction fails leaves the erasure done in
/// the keyring and missing from the record; the daemon's scheduler writes it there once the
/// data takes the write (the `erasure-mirror` job; session 23's attack review, S23B-5, whose
/// in-process test is `Session23AttackBTests.testAnErasureWhoseAuditEntryFailed…`).
final class PostgresErasureMirrorTests: DaemonTestCase {
    func testAShredWhoseAuditEntryFailedIsRecordedInTheDataByTheNextSchedulerRun() throws {
        guard PostgresTestStore.ownerURI != nil else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        let store = try PostgresTestStore.freshSchemaURI(label: "mirror")
        let schema = try XCTUnwrap(PostgresTestStore.schema(of: store))
        let daemon = try startDaemon(["store": .string(store), "scheduler_tick_s": .double(0.3)])
        let c = daemon.client()
        try ok(c, "session.append", sessionParams("mira", "s1", [message("my card is 4111 1111 1111 1111")]))
        func recorded() throws -> String { try XCTUnwrap(PostgresTestStore.column("SELECT COUNT(*)::text FROM keyring_mirror", on: store).first) }

        // The record's table away for a moment: the shred's audit-entry transaction fails
        // after the keyring committed the erasure.
        try PostgresTestStore.execute("ALTER TABLE \(schema).keyring_mirror RENAME TO keyring_mirror_away", on: store)
        try expectError(c, "customer.shred", ["customer": "mira", "reason": "GDPR-7"], code: -32005,
                        mentioning: ["the erasure is complete and cannot be undone"])
        usleep(1_000_000)  // a few scheduler runs, each failing while the table is away
        try PostgresTestStore.execute("ALTER TABLE \(schema).keyring_mirror_away RENAME TO keyring_mirror", on: store)
        XCTAssertEqual(try recorded(), "0", "nothing recorded while the table was away")

        // The next run records it, once, and audits that it did.
        let deadline = Date().addingTimeInterval(15)
        while try recorded() == "0", Date() < deadline { usleep(100_000) }
        XCTAssertEqual(try recorded(), "1", "the scheduler recorded the erasure in the data")
        XCTAssertEqual(try PostgresTestStore.column("SELECT number::text FROM keyring_mirror", on: store), ["1"])
        let status = try ok(c, "keys.status")
        XCTAssertEqual(status["jobs"]?["erasure-mirror"]?["items_done"]?.intValue, 1, "\(status)")
        let tail = try ok(c, "audit.tail", ["limit": 200])
        let written = (tail["entries"]?.arrayValue ?? []).filter { $0["method"] == "daemon.erasure-mirror.written" }
        XCTAssertEqual(written.count, 1, "audited once: \(written)")
        XCTAssertEqual(written.first?["detail"]?.stringValue, "1")

        // The erasure is completed on request as before, its receipt for the erasure the record holds.
        let receipt = try ok(c, "customer.receipt", ["customer": "mira"])
        XCTAssertEqual(receipt["reason"]?.stringValue, "GDPR-7")
        XCTAssertEqual(try recorded(), "1")
        try expectError(c, "session.get", ["customer": "mira", "session": "s1"], code: -32004)
        assertAlive(daemon)
    }
}
