@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Session 24's attack review (attack24) of a44d194: erasures numbered per customer
/// (`erasure.number`, `keyring_mirror.number`, the ledger's `number`; "later" decided by
/// number, old ledger lines by time) and the scheduler's `erasure-mirror` job
/// (`TranscriptStore.mirrorErasuresWithoutReceipt`). Tests only; a finding's test asserts the
/// secure behaviour and is red on a44d194 (docs/evidence/session24-attack-red.txt); a test
/// marked "Held" is an attack that did not get through (green); a "Control" test is its
/// finding's scenario without the one ingredient the finding needs (green), to show that
/// ingredient is what breaks it.
///
/// Findings: S24-1 (an upgraded keyring nobody restored refused for good: a receipt-less
/// re-erasure ties with the record's row at number 1), S24-2 (a ledger with lines before and
/// after the upgrade, re-applied to an older keyring, counts the old lines one more each and
/// leaves an older erasure as the customer's newest: the start refuses; on SQLite a repeated
/// shred answers the older receipt, Tests/ConfideCoreTests/Session24AttackSQLiteTests.swift),
/// S24-3 (the erasure-mirror job reads 1,000 receipt-less erasures, unordered: behind 1,000
/// it already recorded, a new one is never recorded and a copy from before it is served),
/// S24-4 (the job writes a batch of older erasures after a newer recorded one, pushing it out
/// of the 256 rows checked: a copy from between is served).
///
/// "Before the upgrade" below means the state keys 0005 and data 0004 leave for a store that
/// held it when they ran, and ledger lines without a `number` member. The tests make that
/// state with today's code and then set what the migrations would have: on a44d194 (where the
/// findings were red) `number = 1` on every row (their `DEFAULT 1` then); since the fix the
/// migrations leave `number` NULL (unknown: compared by time) and the record's `ordinal`
/// NULL, and the tests set that; the `number` member is taken off the ledger's lines
/// (rewritten with the product's own JSON writer, so signed receipts stay byte for byte).
///
/// Fixed in session 24, after this review: S24-1 and S24-2 (rows and ledger lines from before
/// erasures were numbered have no number and are compared by time, as before; the next
/// erasure of such a customer is at least her second), S24-3 (the job reads the erasures
/// without a receipt newest first, by the keyring's `ordinal`), S24-4 (the rows checked are
/// the newest by that ordinal, which the record keeps, not by when they reached the record).
final class Session24AttackTests: PostgresStoreTestCase {
    /// S24-1 (false refusal for good of a keyring nobody restored; high for availability, on
    /// the upgrade). An erasure whose audit-entry transaction failed before the upgrade
    /// (S23B-5, open until a44d194) left the keyring with the customer's SECOND erasure and no
    /// receipt, and the data's record (`keyring_mirror`) with her FIRST. The migrations number
    /// both rows 1. From then on, the record's row (her first erasure, number 1) is "found" in
    /// the keyring only by the same handle tag or a HIGHER number; the keyring holds her second
    /// erasure, another handle tag and the SAME number 1: the start's check says the keyring
    /// "lacks 1 of the newest erasures the data store recorded: put back from before them" and
    /// refuses it, for good, on every daemon, though nobody restored anything (before a44d194
    /// the time rule found it: her second erasure is later). Nothing in the product can mend
    /// it: the erasure-mirror job sees the erasure as missing from the record but its write
    /// only replaces a row with a higher number (it counts it as written, and audits so, every
    /// run), and a repeated shred's completion writes the record the same way.
    ///
    /// Here: one daemon (keyring and data in one schema); xena shredded; xena again, her
    /// second shred's audit entry failing (`keyring_mirror` renamed away for that moment, as
    /// in `Session23AttackBTests`); the daemon stopped; the upgrade's numbering set; the daemon
    /// started again. What should happen: it starts (the keyring holds a later erasure of xena
    /// than the record's), and the job or a repeated shred brings the record up to her second
    /// erasure.
    func testAnUpgradedKeyringWithAReceiptlessReErasureIsRefusedForGood() throws {
        XCTAssertEqual(try receiptlessReErasure(upgraded: true), [])
    }

    /// Control for S24-1 (green): the same erasures made after the upgrade (her second
    /// erasure numbered 2 by the keyring): the restart starts, and the job records her second
    /// erasure once.
    func testControlAReceiptlessReErasureMadeAfterTheUpgradeIsStartedOnAndRecorded() throws {
        XCTAssertEqual(try receiptlessReErasure(upgraded: false), [])
    }

    private func receiptlessReErasure(upgraded: Bool) throws -> [String] {
        let (uri, schema) = try schemaURI("s24one")
        var a: TranscriptStore? = try daemon(uri, "a", chain: nil, shared: false)
        defer { a?.close() }
        try append(a!, "xena", "s1", "hello")
        _ = try a!.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        try append(a!, "xena", "s2", "hello again")
        let second = try XCTUnwrap(a!.keyring.lookup(CustomerID("xena")))
        try owner().execute("ALTER TABLE \(schema).keyring_mirror RENAME TO keyring_mirror_away")
        XCTAssertThrowsError(try a!.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))) { error in
            XCTAssertTrue("\(error)".contains("the erasure is complete"), "\(error)")
        }
        try owner().execute("ALTER TABLE \(schema).keyring_mirror_away RENAME TO keyring_mirror")
        let xenaTag = a!.keyring.erasureTag(blindIndex: try a!.keyring.blindIndex(of: CustomerID("xena")))
        a!.close()
        a = nil

        if upgraded {
            // As the migrations leave a store upgraded with this in it.
            try owner().execute("UPDATE \(schema).erasure SET number = NULL")
            try owner().execute("UPDATE \(schema).keyring_mirror SET number = NULL, ordinal = NULL")
        }

        var problems: [String] = []
        do {
            let restarted = try daemon(uri, "a", chain: nil, shared: false)
            a = restarted
            _ = try restarted.mirrorErasuresWithoutReceipt()
            let second2 = try restarted.mirrorErasuresWithoutReceipt()
            if second2 != 0 { problems.append("the erasure-mirror job counted (and audited) \(second2) erasure(s) as written again") }
        } catch {
            problems.append("the keyring nobody restored was refused at start: \(error)")
        }
        let recorded = try owner().queryOne("SELECT handle_tag FROM \(schema).keyring_mirror WHERE customer_tag = $1", [.bytea(xenaTag)]) {
            try $0.bytea(0) ?? []
        } ?? nil
        if let a, recorded != a.keyring.erasureTag(handle: second.handle) {
            problems.append("the data's record still holds xena's first erasure after the job ran")
        }
        return problems
    }

    /// S24-1, on a running daemon (the same root cause): with the store in the state S24-1's
    /// upgrade leaves (set while the daemon runs, so no start check comes first), the remedy
    /// the shred's own message gives, "repeat the shred to get the receipt"
    /// (`customer.receipt`), completes xena's second erasure, but its write of the record
    /// (`mirrorErasure`, a row replaced only by a higher number) leaves her first erasure
    /// there; from then on the erasure has its receipt, so the job does not look at it again,
    /// and the record disagrees with a keyring nobody restored for good. What should happen:
    /// the record holds her second erasure once it is completed.
    func testARepeatedShredDoesNotMendTheRecordOfAnUpgradedReceiptlessReErasure() throws {
        let (uri, schema) = try schemaURI("s24oneb")
        let a = try daemon(uri, "a", chain: nil, shared: false)
        defer { a.close() }
        try append(a, "xena", "s1", "hello")
        _ = try a.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        try append(a, "xena", "s2", "hello again")
        let second = try XCTUnwrap(a.keyring.lookup(CustomerID("xena")))
        try shredWhileTheRecordIsAway(a, "xena", dataSchema: schema)
        try owner().execute("UPDATE \(schema).erasure SET number = NULL")
        try owner().execute("UPDATE \(schema).keyring_mirror SET number = NULL, ordinal = NULL")
        _ = try a.receipt(customer: CustomerID("xena"), context: context("customer.receipt"))
        let xenaTag = a.keyring.erasureTag(blindIndex: try a.keyring.blindIndex(of: CustomerID("xena")))
        let recorded = try owner().queryOne("SELECT handle_tag FROM \(schema).keyring_mirror WHERE customer_tag = $1", [.bytea(xenaTag)]) {
            try $0.bytea(0) ?? []
        } ?? nil
        XCTAssertEqual(recorded, a.keyring.erasureTag(handle: second.handle), "the record holds xena's completed second erasure")
    }

    /// S24-2 (false refusal for good of a keyring the ledger fully repaired; medium). The
    /// ledger re-applied at start counts a line without a number (written before the upgrade)
    /// as ONE MORE than the keyring's row (`COALESCE(number, e.number + 1)`), whereas the
    /// migration counted every erasure before the upgrade as 1. A customer erased twice before
    /// the upgrade and once after has her third erasure numbered 2 in the live keyring, the
    /// record and the ledger; re-applied to a keyring from before her first erasure, her two
    /// old lines count 1 and 2, and her third line (number 2) is then not "later" and is not
    /// merged. The keyring ends with her SECOND erasure as her newest, the start's check finds
    /// the record's (her third: other handle, same number) missing, and refuses the keyring for
    /// good, telling the operator to restore a backup that holds it, or to start the daemon
    /// whose ledger holds it: this one, whose ledger holds every erasure. (On SQLite, which
    /// has no record, the same re-apply leaves keys.db with her second erasure as her newest:
    /// its receipt is what a repeated shred answers.)
    ///
    /// Here: one daemon with a ledger; xena shredded twice; the upgrade's numbering set (rows
    /// and ledger lines); xena created again and shredded (number 2); the daemon stopped; the
    /// keyring put back from before xena was first erased (modelled by her `erasure` row
    /// deleted: her keys were gone already, and no other row differs); the daemon started
    /// again. What should happen: the start re-applies the ledger, the keyring's row for xena
    /// is her third erasure, and it starts.
    func testAMixedLedgerReappliedToAnOlderKeyringLeavesAnOlderErasureAndTheStartRefuses() throws {
        XCTAssertEqual(try mixedLedgerReapplied(upgradedBetween: true), [])
    }

    /// Control for S24-2 (green): the same three erasures all made after the upgrade
    /// (numbered 1, 2, 3 in rows and ledger lines): the re-apply leaves her third, and the
    /// start starts.
    func testControlANumberedLedgerReappliedToAnOlderKeyringIsStartedOn() throws {
        XCTAssertEqual(try mixedLedgerReapplied(upgradedBetween: false), [])
    }

    private func mixedLedgerReapplied(upgradedBetween: Bool) throws -> [String] {
        let (uri, schema) = try schemaURI("s24two")
        let ledger = folder.path + "/ledger-a"
        var a: TranscriptStore? = try daemon(uri, "a", chain: nil, shared: false, ledger: ledger)
        defer { a?.close() }
        for session in ["s1", "s2"] {
            try append(a!, "xena", session, "hello")
            Thread.sleep(forTimeInterval: 0.01)
            _ = try a!.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        }
        let xenaTag = a!.keyring.erasureTag(blindIndex: try a!.keyring.blindIndex(of: CustomerID("xena")))
        a!.close()
        a = nil
        if upgradedBetween {
            try owner().execute("UPDATE \(schema).erasure SET number = NULL")
            try owner().execute("UPDATE \(schema).keyring_mirror SET number = NULL, ordinal = NULL")
            try Self.stripNumbers(ledger)
        }

        a = try daemon(uri, "a", chain: nil, shared: false, ledger: ledger)
        try append(a!, "xena", "s3", "hello")
        let third = try XCTUnwrap(a!.keyring.lookup(CustomerID("xena")))
        _ = try a!.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        XCTAssertEqual(try a!.keyring.erasure(blindIndex: a!.keyring.blindIndex(of: CustomerID("xena")))?.number, upgradedBetween ? 2 : 3,
                       "her third erasure's number in the live keyring")
        a!.close()
        a = nil

        _ = try owner().result("DELETE FROM \(schema).erasure WHERE customer_tag = $1", [.bytea(xenaTag)])
        var problems: [String] = []
        do {
            a = try daemon(uri, "a", chain: nil, shared: false, ledger: ledger)
            let newest = try a!.keyring.erasure(blindIndex: a!.keyring.blindIndex(of: CustomerID("xena")))
            if newest?.handleTag != a!.keyring.erasureTag(handle: third.handle) {
                problems.append("after the re-apply the keyring's newest erasure of xena is not her third (number \(newest?.number ?? 0))")
            }
        } catch {
            problems.append("the start refused the keyring the ledger re-applied: \(error)")
        }
        return problems
    }

    /// S24-3 (breaks the erasure promise; medium: needs 1,000 erasures left without a
    /// receipt). The erasure-mirror job reads at most 1,000 erasures without a receipt
    /// (`erasuresWithoutReceipt(limit:)`, no order) and writes those the record lacks. An
    /// erasure whose audit entry failed keeps no receipt until somebody repeats the shred (a
    /// client may never: the product's own message says the erasure is complete), so such
    /// erasures pile up, ALREADY recorded by earlier runs, and every run reads the same 1,000
    /// of them again: a newer erasure whose audit entry failed is never read, never recorded,
    /// and S23B-5 is open again (every daemon but the erasing one serves a keyring copy from
    /// before it). A batch of shreds during a data outage is enough to get there.
    ///
    /// Which ones starve is the scan's order: through the partial index
    /// `erasure_without_receipt` it is the customer tag's (a keyed hash), so once more than
    /// 1,000 such erasures exist, those whose tags sort after the first 1,000 are never read,
    /// run after run (with 1,001, one in 1,001; with 2,000, half of them); a sequential scan
    /// reads in the table's physical order (the newest rows last).
    ///
    /// Here: 1,000 earlier receipt-less erasures, already in the record (rows written
    /// directly, with tags that sort before any real one, so the new erasure is the one left
    /// out in either scan order); xena's shred whose audit entry fails; the job run three
    /// times. What should happen: the record holds xena's erasure.
    func testTheErasureMirrorJobStarvesBehindAThousandRecordedReceiptlessErasures() throws {
        XCTAssertEqual(try xenaRecordedBehind(TranscriptStore.erasureMirrorBatch), 1,
                       "the data's record holds xena's erasure, whose audit entry failed, after three runs of the job")
    }

    /// Control for S24-3 (green): behind 999 recorded receipt-less erasures, one fewer than
    /// the job reads, xena's erasure is recorded by the first run.
    func testControlBehind999RecordedReceiptlessErasuresTheJobRecordsIt() throws {
        XCTAssertEqual(try xenaRecordedBehind(TranscriptStore.erasureMirrorBatch - 1), 1)
    }

    private func xenaRecordedBehind(_ earlier: Int) throws -> Int64? {
        let (uri, schema) = try schemaURI("s24three")
        let a = try daemon(uri, "a", chain: nil, shared: false)
        defer { a.close() }
        try owner().execute("""
            INSERT INTO \(schema).erasure (customer_tag, handle_tag, shredded_at, draft, receipt, number)
            SELECT decode(lpad(to_hex(i), 64, '0'), 'hex'), decode(md5(i::text) || md5('h' || i::text), 'hex'),
                   1767225600000 + i, convert_to('{}', 'UTF8'), NULL, 1
            FROM generate_series(1, \(earlier)) AS i
            """)
        try owner().execute("""
            INSERT INTO \(schema).keyring_mirror (customer_tag, handle_tag, shredded_at, number)
            SELECT customer_tag, handle_tag, shredded_at, number FROM \(schema).erasure ORDER BY shredded_at
            """)
        XCTAssertEqual(try a.mirrorErasuresWithoutReceipt(), 0, "the earlier ones are recorded")
        try append(a, "xena", "s1", "my card is 4111 1111 1111 1111")
        try owner().execute("ALTER TABLE \(schema).keyring_mirror RENAME TO keyring_mirror_away")
        XCTAssertThrowsError(try a.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))) { error in
            XCTAssertTrue("\(error)".contains("the erasure is complete"), "\(error)")
        }
        try owner().execute("ALTER TABLE \(schema).keyring_mirror_away RENAME TO keyring_mirror")
        let xenaTag = a.keyring.erasureTag(blindIndex: try a.keyring.blindIndex(of: CustomerID("xena")))
        for _ in 0..<3 { _ = try a.mirrorErasuresWithoutReceipt() }
        return try owner().queryOne("SELECT COUNT(*) FROM \(schema).keyring_mirror WHERE customer_tag = $1", [.bytea(xenaTag)]) {
            try $0.int64(0)
        }
    }

    /// S24-3, end to end (breaks the erasure promise): the same starvation on a shared store
    /// whose keyring is in a cluster of its own, and a real physical copy (scripts/pg-cluster
    /// `basebackup`, `restore-basebackup` on the same timeline), as in S23B-5's test
    /// (`Session23AttackBTests`): 1,000 earlier receipt-less erasures already recorded; a copy
    /// of the keyring; A's shred of xena whose audit entry fails; B's scheduler run twice once
    /// the data takes writes again (the erasure-mirror job: it should record xena's erasure);
    /// the copy restored under the running daemons. What should happen: B refuses the copy
    /// (the record holds xena's erasure) and serves neither xena's keys nor a write under them.
    func testBehindAThousandRecordedReceiptlessErasuresAStaleKeyringIsServedByAnotherDaemon() throws {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        let a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI), b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        defer { a.close(); b.close() }
        try PostgresConnection(uri: keysURI).execute("""
            INSERT INTO erasure (customer_tag, handle_tag, shredded_at, draft, receipt, number)
            SELECT decode(lpad(to_hex(i), 64, '0'), 'hex'), decode(md5(i::text) || md5('h' || i::text), 'hex'),
                   1767225600000 + i, convert_to('{}', 'UTF8'), NULL, 1
            FROM generate_series(1, \(TranscriptStore.erasureMirrorBatch)) AS i
            """)
        let earlier = try PostgresConnection(uri: keysURI).query("SELECT customer_tag, handle_tag, shredded_at FROM erasure ORDER BY shredded_at") {
            (try $0.bytea(0) ?? [], try $0.bytea(1) ?? [], try $0.int64(2))
        }
        for e in earlier {
            _ = try owner().result("INSERT INTO \(dataSchema).keyring_mirror (customer_tag, handle_tag, shredded_at, number) VALUES ($1, $2, $3, 1)",
                                   [.bytea(e.0), .bytea(e.1), .int8(e.2)])
        }
        let scheduler = try XCTUnwrap(b.scheduler)
        scheduler.runOnce()
        XCTAssertEqual(scheduler.jobStates["erasure-mirror"]?.itemsDone, 0, "the earlier ones are recorded")
        try append(a, "xena", "s1", "my card is 4111 1111 1111 1111")
        let xena = try XCTUnwrap(b.keyring.lookup(CustomerID("xena")))
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")

        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror RENAME TO keyring_mirror_away")
        XCTAssertThrowsError(try a.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))) { error in
            XCTAssertTrue("\(error)".contains("the erasure is complete"), "\(error)")
        }
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror_away RENAME TO keyring_mirror")
        XCTAssertNil(try a.keyring.lookup(CustomerID("xena")), "xena erased")
        scheduler.runOnce()
        scheduler.runOnce()
        print("b's erasure-mirror job: \(String(describing: scheduler.jobStates["erasure-mirror"]))")

        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        var served: [String] = []
        do {
            b.keyring.forget(blindIndex: try b.keyring.blindIndex(of: CustomerID("xena")))
            if let keys = try b.keyring.lookup(CustomerID("xena")), keys.handle == xena.handle {
                served.append("xena's erased keys are served again by b")
            }
        } catch { print("b, xena's keys: \(error)") }
        do {
            try append(b, "xena", "s2", "after the restore")
            served.append("b's append for xena was answered, under keys a's shred destroyed")
        } catch { print("b, xena's append: \(error)") }
        XCTAssertEqual(served, [], "a daemon served a keyring copy that lacks xena's erasure")
    }

    /// S24-4 (breaks the erasure promise; medium: needs 256 erasures whose audit entry failed,
    /// as a batch of shreds during a moment the data is away). The record's check reads the
    /// newest 256 rows by when they were WRITTEN (`ORDER BY recorded DESC`), and the
    /// erasure-mirror job writes erasures late: made before a newer erasure that was recorded
    /// at once, they are written after it and push it out of the 256 checked. A keyring copy
    /// taken after the batch and before the newer erasure holds every row checked, lacks the
    /// newer erasure, and is served by every daemon but the one that made it. Before a44d194
    /// the batch was never written, and the newer erasure stayed the newest row (refused): the
    /// job turns a missing record into a hidden one.
    ///
    /// Here (the keyring in a cluster of its own, a real physical copy): A's shreds of 256
    /// customers commit in the keyring while the data takes no record (`keyring_mirror` renamed
    /// away: each shred's audit entry fails); the data comes back; a copy of the keyring is
    /// taken; A shreds yann (recorded at once); B's scheduler runs (its job writes the 256);
    /// the copy is restored on the same timeline. What should happen: B refuses the copy and
    /// serves neither yann's keys nor a write under them.
    func testTheJobWritingABatchLatePushesANewerErasureOutOfTheRowsCheckedAndACopyIsServed() throws {
        XCTAssertEqual(try lateBatchThenCopy(batch: CommittedErasures.kept), [])
    }

    /// Control for S24-4 (green): with 255 in the batch, yann's row stays among the 256
    /// checked, and B refuses the copy.
    func testControlA255BatchWrittenLateLeavesTheNewerErasureCheckedAndTheCopyIsRefused() throws {
        try longControl()
        XCTAssertEqual(try lateBatchThenCopy(batch: CommittedErasures.kept - 1), [])
    }

    private func lateBatchThenCopy(batch: Int) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        let a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI), b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        defer { a.close(); b.close() }
        for i in 0..<batch { try append(a, "c\(i)", "s1", "hello") }
        try append(a, "yann", "s1", "my card is 5500 0000 0000 0004")
        let yann = try XCTUnwrap(b.keyring.lookup(CustomerID("yann")))
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror RENAME TO keyring_mirror_away")
        for i in 0..<batch {
            XCTAssertThrowsError(try a.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred")))
        }
        try owner().execute("ALTER TABLE \(dataSchema).keyring_mirror_away RENAME TO keyring_mirror")
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        _ = try a.shred(customer: CustomerID("yann"), reason: "gdpr", context: context("customer.shred"))
        let scheduler = try XCTUnwrap(b.scheduler)
        scheduler.runOnce()
        XCTAssertEqual(scheduler.jobStates["erasure-mirror"]?.itemsDone, batch, "b's job wrote the batch")

        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        var served: [String] = []
        do {
            b.keyring.forget(blindIndex: try b.keyring.blindIndex(of: CustomerID("yann")))
            if let keys = try b.keyring.lookup(CustomerID("yann")), keys.handle == yann.handle {
                served.append("yann's erased keys are served again by b")
            }
        } catch { print("b, yann's keys: \(error)") }
        do {
            try append(b, "yann", "s2", "after the restore")
            served.append("b's append for yann was answered, under keys a's shred destroyed")
        } catch { print("b, yann's append: \(error)") }
        return served
    }

    /// Held. The job writes nothing over a newer erasure's row, and does not move rows: xena
    /// erased (her audit entry failed; the job records number 1), created again and erased
    /// again (her audit entry written: number 2); a job run from a keyring copy that still
    /// holds her first erasure without its receipt (modelled on the live keyring by her
    /// erasure row set back to the first one) finds it older than the record's and writes
    /// nothing: the record keeps her second erasure, in the same place (`recorded`).
    func testHeldTheJobNeverWritesAnOlderErasureOverANewerRow() throws {
        let (uri, schema) = try schemaURI("s24held")
        let a = try daemon(uri, "a", chain: nil, shared: false)
        defer { a.close() }
        try append(a, "xena", "s1", "hello")
        let first = try XCTUnwrap(a.keyring.lookup(CustomerID("xena")))
        try shredWhileTheRecordIsAway(a, "xena", dataSchema: schema)
        XCTAssertEqual(try a.mirrorErasuresWithoutReceipt(), 1)
        let xenaTag = a.keyring.erasureTag(blindIndex: try a.keyring.blindIndex(of: CustomerID("xena")))
        let firstRow = try XCTUnwrap(a.keyring.erasure(blindIndex: a.keyring.blindIndex(of: CustomerID("xena"))))
        try append(a, "xena", "s2", "hello again")
        _ = try a.shred(customer: CustomerID("xena"), reason: "gdpr", context: context("customer.shred"))
        let before = try owner().queryOne("SELECT handle_tag, number, recorded FROM \(schema).keyring_mirror WHERE customer_tag = $1",
                                          [.bytea(xenaTag)]) { [try $0.bytea(0) ?? [], [UInt8(try $0.int(1))], Array("\(try $0.int64(2))".utf8)] }
        _ = try owner().result("UPDATE \(schema).erasure SET handle_tag = $1, number = 1, receipt = NULL, draft = $2 WHERE customer_tag = $3",
                            [.bytea(firstRow.handleTag), .bytea(JSONWriter.bytes(.object(firstRow.draft))), .bytea(xenaTag)])
        XCTAssertEqual(try a.mirrorErasuresWithoutReceipt(), 0, "nothing written")
        let after = try owner().queryOne("SELECT handle_tag, number, recorded FROM \(schema).keyring_mirror WHERE customer_tag = $1",
                                         [.bytea(xenaTag)]) { [try $0.bytea(0) ?? [], [UInt8(try $0.int(1))], Array("\(try $0.int64(2))".utf8)] }
        XCTAssertEqual(before, after, "the record's row of her second erasure stays as it was")
        XCTAssertEqual(before?[1], [2])
        XCTAssertNotEqual(before?[0], a.keyring.erasureTag(handle: first.handle))
    }

    // MARK: Helpers

    /// Takes the `number` member off every line of the erasure ledger at `path`, as a ledger
    /// written before erasures were numbered has them.
    static func stripNumbers(_ path: String) throws {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        var out: [UInt8] = []
        for line in [UInt8](data).split(separator: 0x0a) where !line.isEmpty {
            guard case .object(let o) = try JSONParser.parse(Array(line)) else { XCTFail("a ledger line"); continue }
            out += JSONWriter.bytes(.object(JSONObject(o.members.filter { $0.key != "number" }.map { ($0.key, $0.value) })))
            out.append(0x0a)
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(out), attributes: [.posixPermissions: 0o600]))
    }
}
