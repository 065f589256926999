@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Session 25's attack review (attack25) of 7cd1f4b: the erasure-mirror job no longer places
/// the record's rows from before the upgrade; `mirrorErasure` writes an unnumbered erasure
/// with no ordinal and `recorded = ordinal - Int64.max` (ranked after every row the sequence
/// numbered). Tests only; a finding's test asserts the secure behaviour and is red on 7cd1f4b
/// (docs/evidence/session25-attack-red.txt); a "Control" test is its finding's scenario
/// without the one ingredient the finding needs (green); a "Held" test is an attack that did
/// not get through (green).
///
/// Findings: S25-1 (the upsert's ON CONFLICT lets the job's late, unnumbered erasure of a
/// customer REPLACE the record's row of her earlier erasure, recorded before the upgrade, and
/// the replacing row takes the bottom rank: the recorded erasure, the last one the data got
/// before the upgrade, drops out of the 256 checked, and a keyring backup from before it is
/// served; also through a repeated shred after the upgrade, no job needed: `complete` calls
/// the same `mirrorErasure`).
///
/// Looked at, no test (held by reading, or not new): an unnumbered erasure never replaces a
/// numbered row (`isLaterSQL`: numbered is always later); a numbered erasure written late
/// ranks by its keyring ordinal above every unnumbered row; the ordinal floor
/// (`SELECT MAX(ordinal)`) ignores the late unnumbered rows, which rank below every numbered
/// row whatever their ordinal; the ledger re-apply's unnumbered rows (`mergeErasure`, a later
/// pre-upgrade line) take a high keyring ordinal but are written late below every recorded
/// row (the documented residual; where such a row replaces a recorded one, S25-1 again);
/// no other code reads `recorded`, and nothing (`confide migrate`, backups) copies
/// `keyring_mirror`; SQLite keeps no record (`mirrorsErasures` false). Not repaired by
/// 7cd1f4b: a store whose job ran on 4636865/640912a keeps the time-ordered ordinals that
/// placement copied onto its pre-upgrade rows (no migration clears them), so S24C-3 stays
/// on such a store.
///
/// Since then: S25-1 is caught (65d8c19 kept the replaced row's place, which the third review
/// broke, S25C-1; since 4cfb0af and the third review's fix every late row is checked, and the
/// replaced row joins them).
final class Session25AttackTests: PostgresStoreTestCase {

    /// S25-1 (breaks the erasure promise: an erased customer's keys served again and a write
    /// under them answered as committed; medium-low: needs, before the upgrade, at least 256
    /// recorded erasures before hers, her erasure recorded, and a second erasure of her (she
    /// came back) whose audit entry failed; after the upgrade one run of the erasure-mirror
    /// job, then a keyring backup from before her first erasure restored on a daemon without
    /// an erasure ledger, the default).
    ///
    /// `mirrorErasure`'s upsert replaces the customer's row when the written erasure is later
    /// (`isLaterSQL`: both unnumbered, by time), and sets `recorded = EXCLUDED.recorded`,
    /// which for an unnumbered erasure is now `ordinal - Int64.max`: her row, which held her
    /// FIRST erasure recorded before the upgrade at the top of the record's sequence (the last
    /// erasure the data recorded), moves to the very bottom. The documented residual says only
    /// that the erasure whose record failed ranks last; here the erasure that WAS recorded
    /// (and checked until the job ran) loses its place too. On 640912a the job ranked the
    /// replacing row by its keyring ordinal, above every pre-upgrade row, so this scenario was
    /// caught there: a regression of the fix.
    ///
    /// Here (the keyring in a cluster of its own, a real physical copy on the same timeline),
    /// before the upgrade: A shreds 256 customers (all recorded); zoe writes; a copy of the
    /// keyring is taken; A shreds zoe (recorded: the record's newest row); zoe comes back and
    /// writes; A shreds her again while the data takes no record (her audit entry fails). The
    /// upgrade's NULLs (keys 0005, data 0004); the daemons start and B's erasure-mirror job
    /// runs once (it writes zoe's second erasure, replacing her row); the daemons stop; the
    /// keyring is put back from the copy and B starts on it. What should happen: the start
    /// refuses the copy (it lacks zoe's first erasure, the last one the data recorded before
    /// the upgrade, and her second) and serves neither her first-life keys nor a write under them.
    func testTheJobsLateSecondErasureReplacesHerRecordedFirstAndDropsItOutOfTheCheckedRows() throws {
        XCTAssertEqual(try secondErasureWrittenLate(runTheJob: true), [])
    }

    /// S25-1 through the shred path, no job: after the upgrade the operator repeats zoe's
    /// shred to get the receipt (as the failed shred's error told them to): `complete` writes
    /// her second erasure through the same `mirrorErasure`, and her row drops to the bottom
    /// just the same. What should happen: as above, the copy is refused.
    func testARepeatedShredAfterTheUpgradeReplacesHerRecordedFirstErasureAndDropsItOutOfTheCheckedRows() throws {
        XCTAssertEqual(try secondErasureWrittenLate(runTheJob: false, repeatTheShred: true), [])
    }

    /// Control for S25-1 (green): the same, with no run of the job between the upgrade and the
    /// restore: zoe's row still holds her first erasure at the top of the record's sequence,
    /// it is checked, and the copy is refused.
    func testControlWithoutTheJobsRunHerRecordedFirstErasureStaysCheckedAndTheCopyIsRefused() throws {
        try longControl()
        XCTAssertEqual(try secondErasureWrittenLate(runTheJob: false), [])
    }

    private func secondErasureWrittenLate(runTheJob: Bool, repeatTheShred: Bool = false) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        var b: TranscriptStore? = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close(); b?.close() }
        for i in 0..<CommittedErasures.kept {
            try append(a!, "c\(i)", "s1", "hello")
            _ = try a!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred"))
        }
        try append(a!, "zoe", "s1", "my card is 5500 0000 0000 0004")
        let zoe = try XCTUnwrap(a!.keyring.lookup(CustomerID("zoe")))
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        _ = try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
        // She comes back; her second erasure's audit entry fails (the data's record away).
        try append(a!, "zoe", "s2", "back again")
        try shredWhileTheRecordIsAway(a!, "zoe", dataSchema: dataSchema)
        a!.close(); b!.close()
        a = nil; b = nil

        // The upgrade: keys 0005 (number NULL; ordinals in time order, as they are) and data 0004.
        try upgradeToErasureNumbers(keysURI: keysURI, dataSchema: dataSchema)
        a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        let zoeTag = b!.keyring.erasureTag(blindIndex: try b!.keyring.blindIndex(of: CustomerID("zoe")))
        func zoesRank(_ when: String) throws { try printRankInTheRecord(of: "zoe", tag: zoeTag, dataSchema: dataSchema, "S25-1 \(when)") }
        try zoesRank("after the upgrade")
        if runTheJob { XCTAssertEqual(try b!.mirrorErasuresWithoutReceipt(), 0, "b's erasure-mirror job wrote zoe's second erasure: at the daemons' start, before this run (S25E-1's fix)") }
        if repeatTheShred {
            let receipt = try b!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
            XCTAssertTrue(receipt.isRepeat, "the repeated shred completes her second erasure")
        }
        try zoesRank(runTheJob ? "after the job's run" : repeatTheShred ? "after the repeated shred" : "(no run of the job)")
        a!.close(); b!.close()
        a = nil; b = nil

        // The keyring backup from before zoe's first erasure put back; as keys 0005 leaves it.
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        XCTAssertNil(eventually { try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL") })
        return erasedLifeServedByAStart("b", customer: "zoe", erasedHandle: zoe.handle, session: "s3") {
            try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        }
    }
}
