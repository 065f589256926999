@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Session 25's sixth attack review (attack25f) of 7ad872c (every start writes, before
/// serving, all the receipt-less erasures the data's record lacks: `mirrorErasuresWithoutReceipt
/// (toTheEnd: true)`, after `erasuresLostAtStart`). Tests only. No finding: the tests here are
/// held attacks (green on 7ad872c).
///
/// Held (by test): two daemons starting at once on a keyring with 2,500 receipt-less erasures
/// from before the upgrade that the record lacks both start (the same page order, no deadlock;
/// the upsert's conflict rule makes the second writer's rows no-ops), the record ends with every
/// one of them in the late set, and a third start on the same keyring is served (its pass writes
/// nothing; the late set it checks is all held by the keyring).
///
/// Held by reading, no test: the pass runs only after `erasuresLostAtStart` (the one call site,
/// `TranscriptStore.init`, after `reconcileErasures`); a keyring copy's receipt-less erasures
/// the pass writes are erasures the live keyring also holds, or holds a later one of (a
/// higher number; numbers only grow on one keyring), so they cannot refuse it, except by the
/// inherited clock rule between two unnumbered erasures of one customer (documented, S23B-3);
/// a copy's numbered erasure of a life only the copy had takes number `COALESCE(n, 1) + 1`,
/// equal to the live keyring's, and equal numbers count as held both ways (`orAtTheSameTime`)
/// in `missing` and `erasuresNotMirrored`, so neither keyring is refused by the other's row;
/// `mirrorErasure` never throws on a refused upsert (`WHERE` false returns no row), and the
/// record has no unique constraint but its key, so the pass cannot fail a start for good by a
/// write the record refuses; the loop's cursor strictly decreases (`last - 1` when a page is
/// all one ordinal) and ends on a short page; every statement is a 1,000-row page (5,000
/// parameters at most), so no single statement grows with the set; SQLite never runs the pass
/// (`mirrorsErasures` false), so its `atOrBelow` only serves the sweep's contract tests.
final class Session25AttackFTests: PostgresStoreTestCase {

    /// Held (availability): two daemons started at once, each writing the same 2,500 late rows
    /// at start; both serve, the record holds all 2,500 as late rows, a third start is served.
    func testHeldTwoDaemonsStartingAtOnceBothWriteTheLateSetAndAThirdStartIsServed() throws {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        try append(a!, "zoe", "s1", "hello")
        a!.close(); a = nil
        // 2,500 receipt-less erasures the record lacks, numbered as the upgrade leaves them (none).
        try PostgresConnection(uri: keysURI).execute("""
            INSERT INTO erasure (customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal)
            SELECT decode(lpad(to_hex(i), 64, '0'), 'hex'), decode(md5(i::text) || md5('h' || i::text), 'hex'),
                   (extract(epoch FROM clock_timestamp()) * 1000)::int8 - 600000 + i, convert_to('{}', 'UTF8'), NULL, NULL,
                   (SELECT COALESCE(MAX(ordinal), 0) FROM erasure) + i
            FROM generate_series(1, 2500) AS i
            """)
        try upgradeToErasureNumbers(keysURI: keysURI, dataSchema: dataSchema)
        final class Outcomes: @unchecked Sendable {
            let lock = NSLock()
            var errors: [String] = []
            var started: [TranscriptStore] = []
        }
        let outcomes = Outcomes()
        let group = DispatchGroup()
        nonisolated(unsafe) let test = self
        for label in ["b", "c"] {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let d = try test.sharedDaemon(label, keysURI: keysURI, dataURI: dataURI)
                    outcomes.lock.lock(); outcomes.started.append(d); outcomes.lock.unlock()
                } catch {
                    outcomes.lock.lock(); outcomes.errors.append("\(label): \(error)"); outcomes.lock.unlock()
                }
            }
        }
        group.wait()
        let (errors, started) = (outcomes.errors, outcomes.started)
        defer { started.forEach { $0.close() } }
        XCTAssertEqual(errors, [], "both starts are served")
        let late = try owner().queryOne("SELECT COUNT(*) FROM \(dataSchema).keyring_mirror WHERE recorded < 0") { try $0.int64(0) }
        print("S25F held: late rows after two starts at once: \(String(describing: late)); errors \(errors)")
        XCTAssertEqual(late, 2_500)
        let d = try sharedDaemon("d", keysURI: keysURI, dataURI: dataURI)
        defer { d.close() }
        XCTAssertEqual(try d.mirrorErasuresWithoutReceipt(), 0)
        XCTAssertNoThrow(try append(d, "zoe", "s2", "after"))
    }
}
