@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Session 25's second attack review (attack25b) of 7cd1f4b (S24C-3: the job writes an
/// unnumbered erasure with no ordinal and `recorded = ordinal - Int64.max`) and 65d8c19
/// (S25-1: an unnumbered replacement keeps the row's place; data 0005). Tests only; a
/// finding's test asserts the secure behaviour and is red on 65d8c19
/// (docs/evidence/session25-attack-b-red.txt); a "Control" test is its finding's scenario
/// without the one ingredient the finding needs (green).
///
/// Findings: S25B-1 (the documented residual of S24C-3's fix is larger than stated: an
/// erasure from before the upgrade whose record failed, written late (by the job, or by the
/// repeated shred the failed shred's error asks for), ranks below EVERY row recorded before
/// the upgrade, not only below those recorded after it; on a store that recorded 256
/// erasures before the upgrade it is never checked, even when it was the very last erasure
/// before the upgrade and nothing was recorded after it, and a keyring backup from just
/// before it is served. On 640912a it ranked by its keyring ordinal (time order) and was
/// checked: a regression of 7cd1f4b.) S25B-2 (data 0005 on a store whose job ran on
/// 640912a: the rows that job wrote late keep the fresh `recorded` it gave them, and once 0005
/// takes their ordinals off they rank above every row recorded before the upgrade: S24B-3
/// again on the stores 0005 is for). Both need a restore with no numbered erasure recorded
/// since the upgrade that the restored keyring lacks (a keyring from before the upgrade lacks
/// every numbered one; a daemon's erasure ledger re-applies its own).
///
/// Held (by test): a numbered erasure over a row whose place S25-1's fix kept. Held by
/// reading, no test: an unnumbered erasure never replaces a numbered row; two daemons' jobs
/// (or a job and a repeated shred) writing the same erasure (the second finds the same
/// handle tag and changes nothing) or her later numbered erasure (an unnumbered one is
/// never later); GREATEST only ever keeps a row's place or lifts a late row among the late
/// ones; the ordinal floor reads only numbered rows' ordinals after 0005, and numbered rows
/// rank above every unnumbered row whatever their ordinal; the re-apply's unnumbered rows
/// take high keyring ordinals but rank by `recorded` (negative) when written late.
///
/// Since then (session 25): S25B-1 is caught (the rows written late below the sequence are
/// all checked besides the newest 256 rows: `keyringHoldsTheErasuresTheDataRecorded`; first
/// only the newest 256 of them, which the third review broke, S25C-2); S25B-2 too (data 0005, rewritten in
/// place, moves every unnumbered row that carries an ordinal into that late set in its
/// ordinal's order instead of only clearing the ordinal).
final class Session25AttackBTests: PostgresStoreTestCase {

    /// S25B-1 through the erasure-mirror job (breaks the erasure promise: an erased customer's
    /// keys served again and a write under them answered as committed; medium-low: needs, before
    /// the upgrade, at least 256 erasures recorded in all (at any time, e.g. a store in use for
    /// a while) and one erasure, the last, whose audit entry failed and whose receipt nobody
    /// asked for before the upgrade; after the upgrade one run of the job; then a keyring backup
    /// from before that erasure (after the others) restored and a daemon without an erasure
    /// ledger, the default, started on it).
    ///
    /// Before the upgrade: A shreds 256 customers (all recorded); zoe writes; a copy of the
    /// keyring is taken; A shreds zoe while the data takes no record (her audit entry fails):
    /// the LAST erasure before the upgrade, none recorded after it. The upgrade's NULLs; B's
    /// job writes zoe's erasure (ordinal NULL, recorded = o - Int64.max: rank 257 of 257). The
    /// keyring is put back from the copy and B starts on it. docs/postgresql.md's residual
    /// ("with 256 erasures recorded before the upgrade after it, it is not among those
    /// checked") says this one is checked (0 recorded after it). What should happen: the start
    /// refuses the copy (it lacks zoe's erasure, which the record holds) and serves neither
    /// her keys nor a write under them.
    func testTheLastErasureBeforeTheUpgradeWrittenLateByTheJobIsUncheckedBehind256OlderRecordedOnes() throws {
        XCTAssertEqual(try lastErasureWrittenLate(recordedBefore: CommittedErasures.kept, runTheJob: true), [])
    }

    /// S25B-1 through the shred path, no job: after the upgrade the operator repeats zoe's
    /// shred to get the receipt, as the failed shred's error says. `complete` writes her
    /// erasure through `mirrorErasure`, at the bottom rank. On the binary from before the
    /// upgrade (no job; the record written by the completion, at the end of the sequence) the
    /// same repeated shred put her row first among those checked. What should happen: as
    /// above, the copy is refused.
    func testTheLastErasureBeforeTheUpgradeCompletedByARepeatedShredIsUncheckedBehind256OlderRecordedOnes() throws {
        XCTAssertEqual(try lastErasureWrittenLate(recordedBefore: CommittedErasures.kept, runTheJob: false, repeatTheShred: true), [])
    }

    /// Control for S25B-1 (green): the same with 255 erasures recorded before hers, not 256:
    /// zoe's late row is the 256th and checked, and the copy is refused. The one ingredient is
    /// the count of rows recorded before the upgrade, whatever their time relative to hers.
    func testControlWith255RecordedBeforeTheLateErasureIsCheckedAndTheCopyRefused() throws {
        try longControl()
        XCTAssertEqual(try lastErasureWrittenLate(recordedBefore: CommittedErasures.kept - 1, runTheJob: true), [])
    }

    private func lastErasureWrittenLate(recordedBefore: Int, runTheJob: Bool, repeatTheShred: Bool = false) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        var b: TranscriptStore? = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close(); b?.close() }
        for i in 0..<recordedBefore {
            try append(a!, "c\(i)", "s1", "hello")
            _ = try a!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred"))
        }
        try append(a!, "zoe", "s1", "my card is 5500 0000 0000 0004")
        let zoe = try XCTUnwrap(a!.keyring.lookup(CustomerID("zoe")))
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        // The last erasure before the upgrade; its audit entry fails (the data's record away).
        try shredWhileTheRecordIsAway(a!, "zoe", dataSchema: dataSchema)
        a!.close(); b!.close()
        a = nil; b = nil

        // The upgrade: keys 0005 (number NULL; ordinals in time order, as they are) and data 0004.
        try upgradeToErasureNumbers(keysURI: keysURI, dataSchema: dataSchema)
        a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        let zoeTag = b!.keyring.erasureTag(blindIndex: try b!.keyring.blindIndex(of: CustomerID("zoe")))
        func zoesRank(_ when: String) throws { try printRankInTheRecord(of: "zoe", tag: zoeTag, dataSchema: dataSchema, "S25B-1 \(when)") }
        try zoesRank("after the upgrade")
        if runTheJob { XCTAssertEqual(try b!.mirrorErasuresWithoutReceipt(), 0, "b's erasure-mirror job wrote zoe's erasure: at the daemons' start, before this run (S25E-1's fix)") }
        if repeatTheShred {
            let receipt = try b!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
            XCTAssertTrue(receipt.isRepeat, "the repeated shred completes her erasure")
        }
        try zoesRank(runTheJob ? "after the job's run" : "after the repeated shred")
        a!.close(); b!.close()
        a = nil; b = nil

        // The keyring backup from just before zoe's erasure (after every other) put back; as keys 0005 leaves it.
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        XCTAssertNil(eventually { try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL") })
        return erasedLifeServedByAStart("b", customer: "zoe", erasedHandle: zoe.handle, session: "s3") {
            try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        }
    }

    /// S25B-2 (low: only a store whose erasure-mirror job ran on 4636865 or 640912a, the
    /// development commits data migration 0005 was written for; needs, before the upgrade, 256
    /// erasures whose audit entry failed (the data's record away) and a later one recorded,
    /// then the job's first run on such a commit, the upgrade to 65d8c19 (data 0005), and a
    /// keyring backup from before the recorded erasure restored).
    ///
    /// On 640912a the job first placed the record's pre-upgrade rows (the keyring's ordinal)
    /// and then wrote the 256 older erasures late with their keyring ordinals and a FRESH
    /// `recorded` (the sequence's next values: `recorded = EXCLUDED.recorded`, the default).
    /// There the recorded erasure (zoe's, the newest keyring ordinal) ranks first and is
    /// checked (the control below). Data 0005 takes every unnumbered row's ordinal off, so they
    /// all rank by `recorded`: the 256 rows the job wrote late now rank ABOVE zoe's row, which
    /// reached the record before them, and push it out of the 256 checked (S24B-3 again, on
    /// exactly the stores 0005 is for). The job's writes are simulated in SQL as 640912a's
    /// `placeMirroredErasure`/`mirrorErasure` made them; 0005 is run from its file.
    func testDataMigration0005RanksTheRowsA640912aJobWroteLateAboveTheRecordedOnes() throws {
        XCTAssertEqual(try developmentJobsStore(migrate0005: true), [])
    }

    /// Control for S25B-2 (green): the same store left as 640912a's job made it (no data
    /// 0005): zoe's row has the newest ordinal, is checked, and the copy is refused.
    func testControlWithout0005TheDevelopmentStoreChecksTheRecordedErasureAndRefusesTheCopy() throws {
        try longControl()
        XCTAssertEqual(try developmentJobsStore(migrate0005: false), [])
    }

    private func developmentJobsStore(migrate0005: Bool) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close() }
        // Before the upgrade: 256 erasures whose audit entry failed (the data's record away).
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror RENAME TO keyring_mirror_away")
        for i in 0..<CommittedErasures.kept {
            try append(a!, "c\(i)", "s1", "hello")
            XCTAssertThrowsError(try a!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred")))
        }
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror_away RENAME TO keyring_mirror")
        // zoe, erased after them and recorded: the record's newest (and only) row.
        try append(a!, "zoe", "s1", "my card is 5500 0000 0000 0004")
        let zoe = try XCTUnwrap(a!.keyring.lookup(CustomerID("zoe")))
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        _ = try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
        let zoeTag = a!.keyring.erasureTag(blindIndex: try a!.keyring.blindIndex(of: CustomerID("zoe")))
        a!.close()
        a = nil

        // The upgrade (keys 0005, data 0004), then 640912a's job: it places zoe's row (her
        // keyring ordinal), then writes the 256 erasures without a receipt late, each with its
        // keyring ordinal and the sequence's next `recorded`.
        do {
        let keys = try PostgresConnection(uri: keysURI)
        try keys.execute("UPDATE erasure SET number = NULL")
        try owner().execute("UPDATE \(dataSchema).keyring_mirror SET number = NULL, ordinal = NULL")
        let rows = try keys.query("SELECT customer_tag, handle_tag, shredded_at, ordinal, receipt IS NULL FROM erasure ORDER BY ordinal DESC") {
            (try $0.bytea(0) ?? [], try $0.bytea(1) ?? [], try $0.int64(2), try $0.int64(3), try $0.bool(4) ?? false)
        }
        let data = try owner()
        for row in rows where row.0 == zoeTag {
            _ = try data.query("UPDATE \(dataSchema).keyring_mirror SET ordinal = $3 WHERE customer_tag = $1 AND handle_tag = $2 AND ordinal IS NULL RETURNING 1",
                               [.bytea(row.0), .bytea(row.1), .int8(row.3)]) { _ in 1 }
        }
        var late = 0
        for row in rows where row.4 && row.0 != zoeTag {
            late += try data.query("""
                INSERT INTO \(dataSchema).keyring_mirror (customer_tag, handle_tag, shredded_at, number, ordinal) VALUES ($1, $2, $3, NULL, $4)
                ON CONFLICT (customer_tag) DO NOTHING RETURNING 1
                """, [.bytea(row.0), .bytea(row.1), .int8(row.2), .int8(row.3)]) { _ in 1 }.count
        }
        XCTAssertEqual(late, CommittedErasures.kept, "640912a's job wrote the 256 erasures late")
        func zoesRank(_ when: String) throws { try printRankInTheRecord(of: "zoe", tag: zoeTag, dataSchema: dataSchema, "S25B-2 \(when)") }
        try zoesRank("after 640912a's job")
        if migrate0005 {
            let sql = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("Migrations/postgresql/data/0005_keyring_mirror_unplaced.sql"),
                                 encoding: .utf8)
            try owner().execute("SET search_path = \(dataSchema); " + sql)
            try zoesRank("after data 0005")
        }
        }

        // The keyring backup from before zoe's erasure (after the 256 others) put back.
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        XCTAssertNil(eventually { try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL") })
        return erasedLifeServedByAStart("b", customer: "zoe", erasedHandle: zoe.handle, session: "s3") {
            try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        }
    }

    /// Held (green): a NUMBERED erasure replacing a row whose place S25-1's fix kept (its
    /// `recorded` kept high by GREATEST while its content changed). Before the upgrade: 256
    /// recorded; zoe erased (recorded, the newest row); zoe back and erased again with her
    /// audit entry failing. After the upgrade the job writes her second erasure over her row
    /// (keeping its place); she comes back a third time and writes; a keyring copy is taken
    /// (after the upgrade: it holds her second erasure and her third-life keys); she is
    /// shredded again (numbered: her row takes her keyring ordinal, the top rank). The copy put
    /// back is refused (it holds her second erasure, unnumbered, not the numbered third).
    func testHeldANumberedErasureReplacingARowKeptInPlaceTakesTheTopRankAndTheCopyIsRefused() throws {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close() }
        for i in 0..<CommittedErasures.kept {
            try append(a!, "c\(i)", "s1", "hello")
            _ = try a!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred"))
        }
        try append(a!, "zoe", "s1", "first life")
        _ = try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
        try append(a!, "zoe", "s2", "second life")
        try shredWhileTheRecordIsAway(a!, "zoe", dataSchema: dataSchema)
        a!.close()
        a = nil
        try upgradeToErasureNumbers(keysURI: keysURI, dataSchema: dataSchema)
        a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        XCTAssertEqual(try a!.mirrorErasuresWithoutReceipt(), 0, "the job wrote zoe's second erasure over her row: at the daemons' start, before this run (S25E-1's fix)")
        try append(a!, "zoe", "s3", "third life")
        let zoe = try XCTUnwrap(a!.keyring.lookup(CustomerID("zoe")))
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        let receipt = try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
        XCTAssertFalse(receipt.isRepeat)
        let zoeTag = a!.keyring.erasureTag(blindIndex: try a!.keyring.blindIndex(of: CustomerID("zoe")))
        let rank = try owner().query("""
            SELECT customer_tag = $1 FROM \(dataSchema).keyring_mirror ORDER BY ordinal DESC NULLS LAST, recorded DESC
            """, [.bytea(zoeTag)]) { try $0.bool(0) ?? false }.firstIndex(of: true)
        XCTAssertEqual(rank, 0, "her numbered erasure ranks first")
        a!.close()
        a = nil
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        XCTAssertEqual(erasedLifeServedByAStart("b", customer: "zoe", erasedHandle: zoe.handle, session: "s4") {
            try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        }, [])
    }
}
