@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Session 25's third attack review (attack25c) of 7cd1f4b, 65d8c19 and 4cfb0af (the record's
/// late rows, `recorded < 0`, checked as a set of their own besides the newest 256 rows; an
/// unnumbered replacement keeps the row's place). Tests only; a finding's test asserts the
/// secure behaviour and is red on 4cfb0af (docs/evidence/session25-attack-c-red.txt); a
/// "Control" test is its finding's scenario without the one ingredient the finding needs
/// (green, behind CONFIDE_LONG_TESTS=1 as the other slow controls).
///
/// Findings: S25C-1 (65d8c19's fix and 4cfb0af's fix do not compose: a late unnumbered
/// erasure that REPLACES a customer's row recorded in time keeps that row's positive
/// `recorded` (`GREATEST(m.recorded, EXCLUDED.recorded)`), so it is not in the late set
/// (`recorded < 0`) that 4cfb0af checks; it is checked only where her EARLIER erasure ranked.
/// When her earlier erasure was recorded before 256 others, her later erasure, written late,
/// is in neither window: S25B-1 again, for a customer who was erased once before; also
/// through her repeated shred). S25C-2 (the late set is ranked by `recorded = keyring ordinal
/// - Int64.max`, and keys 0005 gave pre-upgrade erasures their ordinals in `shredded_at`
/// order: with more than 256 late rows, the real last erasure before the upgrade, stamped
/// early by a daemon whose clock was behind, is outside the late set's newest 256: S24C-3
/// inside the late set).
///
/// Held (by test): a late row the keyring superseded with a numbered erasure does not refuse
/// a restart (availability); S25C-1 on a store used after the upgrade (256 numbered erasures
/// push the kept-in-place row out of the newest 256) with a ledger daemon re-applying those
/// 256 onto a pre-upgrade copy: its start-up appended her late erasure to its ledger too
/// (`reconcileErasures` appends every erasure keys.db holds, receipt or not) and re-erases
/// her. Held by reading, no test: a numbered erasure over a late row takes a fresh positive
/// `recorded` and its ordinal (top rank); GREATEST over two late rows keeps the higher
/// keyring ordinal; no unnumbered write after 7cd1f4b is in time (every one is late), so no
/// late content ever gets a negative `recorded` kept from an in-time write other than S25C-1;
/// the UNION dedupes only identical rows (`customer_tag` is the key), so the windows overlap
/// without losing any; `missing` counts per row of the union.
///
/// Since then (session 25): both caught. A late unnumbered erasure that replaces a row joins
/// the late set (`recorded = EXCLUDED.recorded` again, no GREATEST), and the whole late set is
/// checked, not its newest 256 (`keyringHoldsTheErasuresTheDataRecorded`; `missing` asks
/// 1,000 at a time).
final class Session25AttackCTests: PostgresStoreTestCase {

    /// S25C-1 through the erasure-mirror job (breaks the erasure promise: an erased customer's
    /// keys served again and a write under them answered as committed; medium-low, as S25B-1,
    /// plus one ingredient: the customer was erased once before, early (before 256 others were
    /// recorded), and came back).
    ///
    /// Before the upgrade: A shreds zoe (recorded, the record's OLDEST row); zoe comes back and
    /// writes; A shreds 256 customers (all recorded); a copy of the keyring is taken (it holds
    /// her first erasure and her second-life keys); A shreds zoe again while the data takes no
    /// record (her audit entry fails): the last erasure before the upgrade. The upgrade's
    /// NULLs; B's job writes her second erasure, which replaces her row and keeps its place
    /// (65d8c19): `recorded` stays 1 (positive), rank 257 of 257, outside the newest 256, and
    /// not in the late set (`recorded < 0`) that 4cfb0af added. Without her first erasure the
    /// same late write lands in the late set and is checked (S25B-1's test, green on 4cfb0af).
    /// What should happen: the start refuses the copy (it lacks her second erasure, which the
    /// record holds) and serves neither her second-life keys nor a write under them.
    func testALateErasureReplacingHerEarlyRecordedRowKeepsAPositivePlaceAndEscapesBothWindows() throws {
        XCTAssertEqual(try lateErasureOverAnEarlyRow(firstErasureEarly: true, runTheJob: true), [])
    }

    /// S25C-1 through the shred path, no job: after the upgrade the operator repeats zoe's
    /// shred to get the receipt, as the failed shred's error says; `complete` writes her second
    /// erasure through the same `mirrorErasure`, over her early row. As above.
    func testARepeatedShredReplacingHerEarlyRecordedRowKeepsAPositivePlaceAndEscapesBothWindows() throws {
        XCTAssertEqual(try lateErasureOverAnEarlyRow(firstErasureEarly: true, runTheJob: false, repeatTheShred: true), [])
    }

    /// Control for S25C-1 (green): the same with no first erasure of zoe's (she is created
    /// once, at the same point): her late erasure is a fresh row in the late set, checked, and
    /// the copy is refused. The one ingredient is the early recorded row it replaces.
    func testControlWithoutHerEarlyFirstErasureTheLateRowIsInTheLateSetAndTheCopyIsRefused() throws {
        try longControl()
        XCTAssertEqual(try lateErasureOverAnEarlyRow(firstErasureEarly: false, runTheJob: true), [])
    }

    private func lateErasureOverAnEarlyRow(firstErasureEarly: Bool, runTheJob: Bool, repeatTheShred: Bool = false) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        var b: TranscriptStore? = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close(); b?.close() }
        if firstErasureEarly {
            try append(a!, "zoe", "s1", "first life")
            _ = try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
        }
        try append(a!, "zoe", "s2", "my card is 5500 0000 0000 0004")
        let zoe = try XCTUnwrap(a!.keyring.lookup(CustomerID("zoe")))
        for i in 0..<CommittedErasures.kept {
            try append(a!, "c\(i)", "s1", "hello")
            _ = try a!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred"))
        }
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        // The last erasure before the upgrade; its audit entry fails (the data's record away).
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror RENAME TO keyring_mirror_away")
        XCTAssertThrowsError(try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred")))
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror_away RENAME TO keyring_mirror")
        a!.close(); b!.close()
        a = nil; b = nil

        // The upgrade: keys 0005 (number NULL; ordinals in time order, as they are) and data 0004.
        try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL")
        try owner().execute("UPDATE \(dataSchema).keyring_mirror SET number = NULL, ordinal = NULL")
        a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        let zoeTag = b!.keyring.erasureTag(blindIndex: try b!.keyring.blindIndex(of: CustomerID("zoe")))
        func zoesRank(_ when: String) throws {
            let ranks = try owner().query("""
                SELECT customer_tag = $1, recorded FROM \(dataSchema).keyring_mirror ORDER BY ordinal DESC NULLS LAST, recorded DESC
                """, [.bytea(zoeTag)]) { (try $0.bool(0) ?? false, try $0.int64(1)) }
            print("S25C-1 \(when): the record: \(ranks.count) rows; zoe's rank \(String(describing: ranks.firstIndex { $0.0 }.map { $0 + 1 })), "
                  + "recorded \(String(describing: ranks.first { $0.0 }?.1)) (the check takes the first \(CommittedErasures.kept) "
                  + "and the newest \(CommittedErasures.kept) with recorded < 0)")
        }
        try zoesRank("after the upgrade")
        if runTheJob { XCTAssertEqual(try b!.mirrorErasuresWithoutReceipt(), 0, "b's erasure-mirror job wrote zoe's erasure: at the daemons' start, before this run (S25E-1's fix)") }
        if repeatTheShred {
            let receipt = try b!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
            XCTAssertTrue(receipt.isRepeat, "the repeated shred completes her erasure")
        }
        try zoesRank(runTheJob ? "after the job's run" : "after the repeated shred")
        a!.close(); b!.close()
        a = nil; b = nil

        // The keyring backup from just before zoe's last erasure put back; as keys 0005 leaves it.
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        XCTAssertNil(eventually { try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL") })
        return erasedLifeServedByAStart("b", customer: "zoe", erasedHandle: zoe.handle, session: "s3") {
            try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        }
    }

    /// S25C-2 (low: needs, before the upgrade, 257 erasures whose audit entry failed (the
    /// data's record unreachable while the keyring was not, e.g. a batch of shreds during a
    /// data outage) and daemons' clocks apart by more than the time between them; then a
    /// keyring backup from before the last of them restored).
    ///
    /// 4cfb0af checks the late set (`recorded < 0`) by `recorded = keyring ordinal - Int64.max`,
    /// and keys 0005 numbered the keyring's pre-upgrade erasures by `shredded_at`: the late
    /// set's order is the erasing daemons' clocks, which S24C-3/7cd1f4b took off the record's
    /// own rows for exactly that reason. Here, before the upgrade, with the record away: A
    /// shreds 256 customers; a keyring copy is taken; S, whose clock is 2 h behind, shreds zoe
    /// (the real last erasure, stamped the earliest). After the upgrade the job writes all 257
    /// late; zoe's keyring ordinal is 1, her late rank 257 of 257: in neither window. What
    /// should happen: the start refuses the copy (it lacks zoe's erasure, which the record
    /// holds) and serves neither her keys nor a write under them.
    func testTheLateSetRanksByTheErasingDaemonsClocksAndTheLastLateErasureStampedEarliestIsUnchecked() throws {
        XCTAssertEqual(try lateSetInClockOrder(skew: -2 * Self.hour), [])
    }

    /// Control for S25C-2 (green): the same with S's clock right: zoe's keyring ordinal is the
    /// highest, her late rank 1, and the copy is refused.
    func testControlWithClocksTogetherTheLastLateErasureRanksFirstInTheLateSetAndTheCopyIsRefused() throws {
        try longControl()
        XCTAssertEqual(try lateSetInClockOrder(skew: 0), [])
    }

    private static let hour: Int64 = 3_600_000

    private func lateSetInClockOrder(skew: Int64) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        var s: TranscriptStore? = try sharedDaemon("s", keysURI: keysURI, dataURI: dataURI, clock: SkewedClock(offset: skew))
        defer { a?.close(); s?.close() }
        try append(s!, "zoe", "s1", "my card is 5500 0000 0000 0004")
        let zoe = try XCTUnwrap(s!.keyring.lookup(CustomerID("zoe")))
        for i in 0..<CommittedErasures.kept { try append(a!, "c\(i)", "s1", "hello") }
        // A data outage of the record (the keyring up): every shred's audit entry fails.
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror RENAME TO keyring_mirror_away")
        for i in 0..<CommittedErasures.kept {
            XCTAssertThrowsError(try a!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred")))
        }
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        XCTAssertThrowsError(try s!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred")))
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror_away RENAME TO keyring_mirror")
        a!.close(); s!.close()
        a = nil; s = nil

        // The upgrade: keys 0005 (number NULL; ordinals in shredded_at order, as its UPDATE
        // numbers them) and data 0004 (number and ordinal NULL).
        let timeOrder = """
            UPDATE erasure SET number = NULL, ordinal = s.o
              FROM (SELECT customer_tag, row_number() OVER (ORDER BY shredded_at, customer_tag) AS o FROM erasure) AS s
             WHERE erasure.customer_tag = s.customer_tag
            """
        try PostgresConnection(uri: keysURI).execute(timeOrder)
        try owner().execute("UPDATE \(dataSchema).keyring_mirror SET number = NULL, ordinal = NULL")
        a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        XCTAssertEqual(try a!.mirrorErasuresWithoutReceipt(), 0, "a's job wrote the 257 erasures late: at the daemons' start, before this run (S25E-1's fix)")
        let zoeTag = a!.keyring.erasureTag(blindIndex: try a!.keyring.blindIndex(of: CustomerID("zoe")))
        let late = try owner().query("""
            SELECT customer_tag = $1 FROM \(dataSchema).keyring_mirror WHERE recorded < 0 ORDER BY recorded DESC
            """, [.bytea(zoeTag)]) { try $0.bool(0) ?? false }
        print("S25C-2 (skew \(skew)): the late set: \(late.count) rows; zoe's rank \(String(describing: late.firstIndex(of: true).map { $0 + 1 })) "
              + "(the check takes the first \(CommittedErasures.kept))")
        a!.close()
        a = nil

        // The keyring backup from before zoe's erasure put back; as keys 0005 leaves it.
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        XCTAssertNil(eventually { try PostgresConnection(uri: keysURI).execute(timeOrder) })
        return erasedLifeServedByAStart("b", customer: "zoe", erasedHandle: zoe.handle) {
            try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        }
    }

    /// Held (availability; green): a late-set row the keyring legitimately superseded is not
    /// a false refusal. Before the upgrade zoe's erasure's audit entry fails; after it the job
    /// writes it late (the late set); she comes back and is shredded again (numbered) while
    /// the record is away, so the record keeps her late unnumbered row and the keyring her
    /// numbered second erasure. A restart of a daemon (no restore) is served: a numbered
    /// erasure is later than any unnumbered one (`isLaterSQL`), and the late row counts as held.
    func testHeldALateRowTheKeyringSupersededWithANumberedErasureDoesNotRefuseARestart() throws {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close() }
        try append(a!, "zoe", "s1", "first life")
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror RENAME TO keyring_mirror_away")
        XCTAssertThrowsError(try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred")))
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror_away RENAME TO keyring_mirror")
        a!.close()
        a = nil
        try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL")
        try owner().execute("UPDATE \(dataSchema).keyring_mirror SET number = NULL, ordinal = NULL")
        a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        XCTAssertEqual(try a!.mirrorErasuresWithoutReceipt(), 0, "the job wrote zoe's erasure late: at the daemons' start, before this run (S25E-1's fix)")
        XCTAssertEqual(try owner().queryOne("SELECT count(*) FROM \(dataSchema).keyring_mirror WHERE recorded < 0") { try $0.int64(0) }, 1)
        try append(a!, "zoe", "s2", "second life")
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror RENAME TO keyring_mirror_away")
        XCTAssertThrowsError(try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred")))
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror_away RENAME TO keyring_mirror")
        a!.close()
        a = nil
        XCTAssertEqual(try owner().queryOne("SELECT count(*) FROM \(dataSchema).keyring_mirror WHERE recorded < 0") { try $0.int64(0) }, 1,
                       "the record still holds her late unnumbered row")
        var b: TranscriptStore?
        XCTAssertNoThrow(b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI), "a restart on the keyring nobody restored is served")
        XCTAssertNoThrow(try b.map { try append($0, "ann", "s1", "hello") })
        b?.close()
    }

    /// Held (green): S25C-1 without 256 erasures before the upgrade, on a store in use after
    /// it. The row kept in place (positive `recorded`, no ordinal) ranks after every numbered
    /// erasure, so 256 erasures after the upgrade push it out of the newest 256 for good, and
    /// the late set never held it; a keyring backup from before the upgrade lacks those 256,
    /// but a daemon with an erasure ledger re-applies them at start. It is held all the same:
    /// that daemon started after the upgrade, and its start appended every erasure keys.db
    /// held that its ledger lacked, her second erasure (no receipt) included
    /// (`reconcileErasures`, shared store), so its re-apply on the copy erases her again.
    ///
    /// Before the upgrade: A (no ledger) shreds zoe (recorded); she comes back and writes; a
    /// keyring copy is taken; A shreds her again while the record is away. After it: A's job
    /// writes her second erasure over her row (kept in place, rank 257); L (erasure ledger)
    /// shreds 256 customers. The copy is put back and L starts on it: her second-life keys are
    /// not served (an append makes her a new life, which is not a break).
    func testHeldALedgerDaemonStartedAfterTheUpgradeReappliesTheLateErasureKeptInPlace() throws {
        let served = try keptInPlaceThenUsedAfterTheUpgrade(firstErasure: true)
        XCTAssertEqual(served.filter { $0.contains("erased keys") }, [], "her second-life keys are not served")
    }

    private func keptInPlaceThenUsedAfterTheUpgrade(firstErasure: Bool) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        let ledger = folder.path + "/ledger-l"
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        var l: TranscriptStore?
        defer { a?.close(); l?.close() }
        if firstErasure {
            try append(a!, "zoe", "s1", "first life")
            _ = try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
        }
        try append(a!, "zoe", "s2", "my card is 5500 0000 0000 0004")
        let zoe = try XCTUnwrap(a!.keyring.lookup(CustomerID("zoe")))
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror RENAME TO keyring_mirror_away")
        XCTAssertThrowsError(try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred")))
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror_away RENAME TO keyring_mirror")
        a!.close()
        a = nil

        try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL")
        try owner().execute("UPDATE \(dataSchema).keyring_mirror SET number = NULL, ordinal = NULL")
        a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        XCTAssertEqual(try a!.mirrorErasuresWithoutReceipt(), 0, "a's job wrote zoe's second erasure: at the daemons' start, before this run (S25E-1's fix)")
        l = try sharedDaemon("l", keysURI: keysURI, dataURI: dataURI, ledger: ledger)
        for i in 0..<CommittedErasures.kept {
            try append(l!, "c\(i)", "s1", "hello")
            _ = try l!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred"))
        }
        let zoeTag = a!.keyring.erasureTag(blindIndex: try a!.keyring.blindIndex(of: CustomerID("zoe")))
        let ranks = try owner().query("""
            SELECT customer_tag = $1, recorded FROM \(dataSchema).keyring_mirror ORDER BY ordinal DESC NULLS LAST, recorded DESC
            """, [.bytea(zoeTag)]) { (try $0.bool(0) ?? false, try $0.int64(1)) }
        print("S25C-1 (ledger, first erasure \(firstErasure)): the record: \(ranks.count) rows; zoe's rank "
              + "\(String(describing: ranks.firstIndex { $0.0 }.map { $0 + 1 })), recorded \(String(describing: ranks.first { $0.0 }?.1))")
        a!.close(); l!.close()
        a = nil; l = nil

        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        XCTAssertNil(eventually { try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL") })
        return erasedLifeServedByAStart("l", customer: "zoe", erasedHandle: zoe.handle, session: "s3") {
            try sharedDaemon("l", keysURI: keysURI, dataURI: dataURI, ledger: ledger)
        }
    }
}
