@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Session 24's third attack review (attack24c) of 4636865: the final form of the erasure
/// numbers (`ErasureRecord.isLaterSQL`), the keyring's ordinals and their floor, the record's
/// newest 256 checked, and the erasure-mirror job that places the record's pre-upgrade rows.
/// Tests only; a finding's test asserts the secure behaviour and is red on 4636865
/// (docs/evidence/session24-attack-c-red.txt); a "Held" test is an attack that did not get
/// through (green); a "Control" test is its finding's scenario without the one ingredient the
/// finding needs (green).
///
/// Findings: S24C-1 (a later erasure of a customer, re-applied from one daemon's erasure
/// ledger onto a keyring copy, stands beside the keys of her earlier life that another
/// daemon's shred destroyed: every check takes "a later erasure of hers" for the earlier
/// one, and both daemons serve those keys and answer a write under them), S24C-2 (the ledger
/// re-apply numbers what it merges in its own order, customers brought back first, so an
/// erasure made last gets the lowest ordinal; the erasure-mirror job writes it to the record
/// under that ordinal, outside the 256 newest checked, and a keyring copy lacking it is
/// served), S24C-3 (keys 0005 numbers the keyring's rows from before the upgrade in
/// `shredded_at` order, and the job's placement copies those ordinals onto the record's
/// rows: with clocks apart before the upgrade, the last erasure recorded, made by a daemon
/// whose clock was behind, falls out of the 256 checked and a keyring backup lacking it is
/// served).
///
/// Since then: S24C-1 is caught (the re-apply also erases a customer of the entry's id whose
/// keys.db records no erasure of her as late as the entry's: `Keyring.reapply`), S24C-2 too
/// (the floor is raised from the record before the ledger is re-applied, and `mergeErasure`
/// takes it). S24C-3 too, since session 25: the job no longer places the record's rows from
/// before the upgrade (they keep the order they reached the record in), and writes an
/// unnumbered erasure late below all of them (`mirrorErasure`), which is what now holds
/// S24B-3; its test was red on 640912a with CONFIDE_OPEN_BREAKS=1, the gate it had then.
///
/// Held: S24C-H1 (the floor of a daemon that never restarted: after a restore and the
/// re-apply the keyring's highest ordinal is back at the record's, even with customers
/// erased twice, so its erasures rank first), S24C-H2 (the erasure-mirror job on a keyring
/// its connection refuses: the run fails, nothing written, no loop; inside S24C-2's control).
///
/// Looked at, no test (held by reading, or not new): the job's placement (gone since
/// session 25) gave 0 where the keyring held another handle of the customer without asking
/// which erasure is later, and 1,000 unplaceable rows would have stopped the job from
/// writing any receipt-less erasure again.
/// Two unnumbered erasures compared by time with clocks apart predate the upgrade (S23B-2/3).
final class Session24AttackCTests: PostgresStoreTestCase {

    /// S24C-1 (breaks the erasure promise: an erased customer's keys served again, by the
    /// daemon that destroyed them and by the one that re-applied its ledger; high: needs a
    /// shared store, a customer erased twice by two daemons, and a keyring put back from
    /// before both erasures that the start of a daemon with an erasure ledger re-applies).
    /// The record keeps one row per customer, her newest erasure, and every check (the
    /// record's newest 256, `CommittedErasures`) accepts "the same handle tag OR a later
    /// erasure of hers". The ledger re-apply (`Keyring.reapply`) destroys only customer rows
    /// whose handle equals an entry's handle tag, and `mergeErasure` inserts the later erasure's
    /// row beside her older keys. So a keyring copy holding zoe alive under her first handle,
    /// on which A's ledger (which never got B's first erasure of her: it holds A's own, the
    /// second) re-applies only the second erasure, holds "a later erasure of hers" for every
    /// check, and still holds the keys of her first life that B's shred destroyed.
    ///
    /// Here (keyring in a cluster of its own, a real physical copy on the same timeline): A
    /// (erasure ledger) and B (none, the default) share the store; zoe writes through B; a
    /// base backup of the keyring is taken; B shreds zoe (number 1); she comes back and
    /// writes through A; A shreds her (number 2; A's scheduler's ledger sync did not run in
    /// between, so A's ledger has only this erasure). The keyring is put back from the copy
    /// under both daemons; A restarts (its start re-applies the ledger); B never restarts.
    /// What should happen: neither daemon serves zoe's first-life keys (the start destroys them
    /// or refuses the keyring), and no write under them is answered as committed.
    func testAKeyringCopyWithHerFirstLifeIsServedOnceTheLedgerReappliesOnlyHerSecondErasure() throws {
        XCTAssertEqual(try twoLivesAcrossTwoDaemons(ledgerSyncedBetween: false), [])
    }

    /// Control for S24C-1 (green): A's ledger sync ran between the two erasures (its ledger
    /// holds B's first erasure of zoe too), so the start's re-apply destroys her first-life
    /// keys: served by neither.
    func testControlALedgerHoldingBothErasuresDestroysHerFirstLifeOnTheCopy() throws {
        try longControl()
        XCTAssertEqual(try twoLivesAcrossTwoDaemons(ledgerSyncedBetween: true), [])
    }

    private func twoLivesAcrossTwoDaemons(ledgerSyncedBetween: Bool) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, _) = try schemaURI("data")
        let ledger = folder.path + "/ledger-a.jsonl"
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI, ledger: ledger)
        let b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close(); b.close() }

        try append(b, "zoe", "s1", "first life: my card is 4111 1111 1111 1111")
        let first = try XCTUnwrap(b.keyring.lookup(CustomerID("zoe")))
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        _ = try b.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
        if ledgerSyncedBetween { XCTAssertEqual(try a!.syncErasureLedger(), 1, "A's ledger sync took B's erasure") }
        try append(a!, "zoe", "s2", "second life")
        _ = try a!.shred(customer: CustomerID("zoe"), reason: "gdpr", context: context("customer.shred"))
        XCTAssertNil(try a!.keyring.lookup(CustomerID("zoe")))

        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        a!.close()
        a = nil
        var started: Error?
        for _ in 0..<40 {
            do { a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI, ledger: ledger); started = nil; break } catch {
                started = error
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        if let started { print("a's start on the copy: \(started)") }
        var served: [String] = []
        for (label, daemon) in [("a", a), ("b", Optional(b))] {
            guard let daemon else { continue }
            do {
                daemon.keyring.forget(blindIndex: try daemon.keyring.blindIndex(of: CustomerID("zoe")))
                var keys: CustomerKeys?
                let failed = eventually { keys = try daemon.keyring.lookup(CustomerID("zoe")) }
                if let failed { print("\(label), zoe's keys: \(failed)") }
                if let keys, keys.handle == first.handle {
                    served.append("zoe's first-life keys (destroyed by b's shred) are served again by \(label)")
                }
            } catch { print("\(label), zoe's keys: \(error)") }
            do {
                try append(daemon, "zoe", "s3-\(label)", "after the restore")
                if let keys = try daemon.keyring.lookup(CustomerID("zoe")), keys.handle == first.handle {
                    served.append("\(label)'s append for zoe was answered, under the keys b's shred destroyed")
                }
            } catch { print("\(label), zoe's append: \(error)") }
        }
        return served
    }

    /// S24C-2 (breaks the erasure promise: an erased customer's keys served again; medium-low:
    /// needs a shared store, an erasure whose audit entry failed, two keyring backups and
    /// two restores, the first before any erasure-mirror run recorded that erasure). The
    /// ledger re-apply gives ordinals in its own order, not the keyring's: `Keyring.reapply`
    /// merges the customers the copy brought back first, one transaction each, and every
    /// other entry afterwards, each `mergeErasure` taking the copy's `MAX(ordinal) + 1` (no
    /// floor: the start raises it only after the re-apply). An erasure made last, of a
    /// customer alive in the copy, gets the lowest ordinal; when its audit entry had failed,
    /// the erasure-mirror job writes it to the record late under that ordinal, below the 256
    /// newest checked, and a keyring copy lacking it is served.
    ///
    /// Here (keyring in a cluster of its own, real physical copies on the same timeline): A
    /// (erasure ledger) and B (none, the default) share the store; yann writes; copy C0 of the
    /// keyring; A shreds 257 customers created after it (recorded); copy C1; A shreds yann while
    /// the data's record is away (the keyring commits, the audit entry fails). The keyring is
    /// put back from C0; A restarts (re-apply: yann first, ordinal 1; the 257 after); B's
    /// erasure-mirror job writes yann's erasure to the record under ordinal 1 (rank 258). The
    /// keyring is put back from C1 (the 257, yann alive); B has not restarted. What should
    /// happen: B refuses the keyring (the data recorded yann's erasure, C1 lacks it) and serves
    /// neither yann's keys nor a write under them.
    func testALedgerReapplyGivesALateErasureTheLowestOrdinalAndACopyLackingItIsServed() throws {
        XCTAssertEqual(try reapplyReorder(restoreFirst: true), [])
    }

    /// Control for S24C-2 (green): no first restore; B's job writes yann's erasure under the
    /// ordinal the shred took (the highest), and C1 is refused.
    func testControlWithoutTheReapplyTheLateErasureKeepsItsOrdinalAndTheCopyIsRefused() throws {
        try longControl()
        XCTAssertEqual(try reapplyReorder(restoreFirst: false), [])
    }

    private func reapplyReorder(restoreFirst: Bool) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        let ledger = folder.path + "/ledger-a.jsonl"
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI, ledger: ledger)
        let b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close(); b.close() }
        let fm = FileManager.default
        try append(a!, "yann", "s1", "my card is 5500 0000 0000 0004")
        let yann = try XCTUnwrap(a!.keyring.lookup(CustomerID("yann")))
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup (C0)")
        try fm.moveItem(atPath: cluster + "/basebackup", toPath: cluster + "/basebackup-c0")
        let n = CommittedErasures.kept + 1
        for i in 0..<n {
            try append(a!, "c\(i)", "s1", "hello")
            _ = try a!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred"))
        }
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup (C1)")
        try fm.moveItem(atPath: cluster + "/basebackup", toPath: cluster + "/basebackup-c1")
        try shredWhileTheRecordIsAway(a!, "yann", dataSchema: dataSchema)
        XCTAssertNil(try a!.keyring.lookup(CustomerID("yann")), "yann's keys destroyed")

        if restoreFirst {
            try fm.moveItem(atPath: cluster + "/basebackup-c0", toPath: cluster + "/basebackup")
            XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "restore C0 (same timeline)")
            a!.close()
            a = nil
            var started: Error?
            for _ in 0..<40 {
                do { a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI, ledger: ledger); started = nil; break } catch {
                    started = error
                    Thread.sleep(forTimeInterval: 0.25)
                }
            }
            XCTAssertNil(started, "a's start on C0 re-applies its ledger")
        }
        var written = 0
        XCTAssertNil(eventually { written = try b.mirrorErasuresWithoutReceipt() })
        XCTAssertEqual(written, 0, "yann's erasure was written to the record by a's start, before b's run (S25E-1's fix)")
        let yannTag = b.keyring.erasureTag(blindIndex: try b.keyring.blindIndex(of: CustomerID("yann")))
        let ranks = try owner().query("SELECT customer_tag = $1 FROM \(dataSchema).keyring_mirror ORDER BY ordinal DESC NULLS LAST, recorded DESC",
                                      [.bytea(yannTag)]) { try $0.bool(0) ?? false }
        print("S24C-2 (restoreFirst \(restoreFirst)): the record: \(ranks.count) rows; yann's rank "
              + "\(String(describing: ranks.firstIndex(of: true).map { $0 + 1 })) (the check takes the first \(CommittedErasures.kept))")

        try fm.moveItem(atPath: cluster + "/basebackup-c1", toPath: cluster + "/basebackup")
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "restore C1 (same timeline)")
        var served: [String] = []
        if !restoreFirst {
            // Held (S24C-H2: the erasure-mirror job on a keyring its connection refuses): the run
            // fails (no loop, no write), and the record is left as it was.
            let before = try owner().queryOne("SELECT COUNT(*) FROM \(dataSchema).keyring_mirror") { try $0.int64(0) } ?? -1
            var runError: (any Error)?
            for _ in 0..<20 {
                do { _ = try b.mirrorErasuresWithoutReceipt(); runError = nil } catch { runError = error; break }
                Thread.sleep(forTimeInterval: 0.25)
            }
            XCTAssertNotNil(runError, "b's erasure-mirror run on C1 fails")
            print("S24C-H2: b's erasure-mirror run on C1: \(String(describing: runError))")
            XCTAssertEqual(try owner().queryOne("SELECT COUNT(*) FROM \(dataSchema).keyring_mirror") { try $0.int64(0) } ?? -1, before)
        }
        do {
            b.keyring.forget(blindIndex: try b.keyring.blindIndex(of: CustomerID("yann")))
            var keys: CustomerKeys?
            if let failed = eventually({ keys = try b.keyring.lookup(CustomerID("yann")) }) { print("b, yann's keys: \(failed)") }
            if let keys, keys.handle == yann.handle { served.append("yann's erased keys are served again by b, on C1") }
        }
        do {
            try append(b, "yann", "s2", "after the restore")
            if let keys = try b.keyring.lookup(CustomerID("yann")), keys.handle == yann.handle {
                served.append("b's append for yann was answered, under keys a's shred destroyed")
            }
        } catch { print("b, yann's append: \(error)") }
        return served
    }

    /// S24C-3 (breaks the erasure promise: an erased customer's keys served again and a
    /// write under them answered; medium-low: needs, before the upgrade, daemons' clocks apart
    /// by more than the time between the erasures concerned (as S23B-2/3, S24B-1/2), and a
    /// keyring backup from before the upgrade restored after it). Keys 0005 numbers the
    /// keyring's existing rows in `shredded_at` order, each stamped by its daemon's clock; the
    /// erasure-mirror job (4636865) then copies those ordinals onto the record's rows from
    /// before the upgrade, which until then were checked by `recorded` (the order the data
    /// got them). An erasure made last by a daemon whose clock is behind gets a low ordinal,
    /// and once the job has placed the record's rows it is no longer among the 256 newest
    /// checked: the placement the fix of S24B-3 added moves it out.
    ///
    /// Here (keyring in a cluster of its own, a real physical copy on the same timeline), before
    /// the upgrade: A (clock right) shreds 256 customers; a copy of the keyring is taken; B
    /// (clock one hour behind) shreds yann, recorded. The upgrade (keys 0005's ordinals in time
    /// order, the NULLs of keys 0005 and data 0004); the daemons start; A's erasure-mirror job
    /// runs (on 640912a it placed the record's 257 rows); the daemons stop; the keyring is put back from the copy and
    /// B starts on it. What should happen: the start refuses the copy (it lacks yann's erasure,
    /// the last one the data recorded) and serves neither yann's keys nor a write under them.
    func testKeys0005OrdinalsInTimeOrderPlacedByTheJobPushTheLastPreUpgradeErasureOutOfTheWindow() throws {
        XCTAssertEqual(try placedInTimeOrder(skew: -Self.hour), [])
    }

    /// Control for S24C-3 (green): with B's clock right, yann's erasure has the highest ordinal
    /// and the copy is refused.
    func testControlKeys0005OrdinalsWithClocksAgreeingKeepTheLastErasureChecked() throws {
        try longControl()
        XCTAssertEqual(try placedInTimeOrder(skew: 0), [])
    }

    /// Second control for S24C-3 (green): B's clock behind as in the finding, but no
    /// erasure-mirror run between the upgrade and the restore: the record's rows still have no
    /// ordinal and are checked by `recorded`, yann's first, and the copy is refused. The
    /// job's placement was what moved her erasure out (on 640912a; since session 25 the job
    /// leaves those rows as they are, so this differs from the finding only by a run that
    /// writes nothing).
    func testControlKeys0005OrdinalsWithoutThePlacementTheLastErasureStaysChecked() throws {
        try longControl()
        XCTAssertEqual(try placedInTimeOrder(skew: -Self.hour, runTheJob: false), [])
    }

    private static let hour: Int64 = 3_600_000

    private func placedInTimeOrder(skew: Int64, runTheJob: Bool = true) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        var b: TranscriptStore? = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI, clock: SkewedClock(offset: skew))
        defer { a?.close(); b?.close() }
        try append(b!, "yann", "s1", "my card is 5500 0000 0000 0004")
        let yann = try XCTUnwrap(b!.keyring.lookup(CustomerID("yann")))
        for i in 0..<CommittedErasures.kept {
            try append(a!, "c\(i)", "s1", "hello")
            _ = try a!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred"))
        }
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        _ = try b!.shred(customer: CustomerID("yann"), reason: "gdpr", context: context("customer.shred"))
        a!.close(); b!.close()
        a = nil; b = nil

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
        b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI, clock: SkewedClock(offset: skew))
        if runTheJob { _ = try a!.mirrorErasuresWithoutReceipt() }
        let yannTag = a!.keyring.erasureTag(blindIndex: try a!.keyring.blindIndex(of: CustomerID("yann")))
        let ranks = try owner().query("SELECT customer_tag = $1, ordinal FROM \(dataSchema).keyring_mirror ORDER BY ordinal DESC NULLS LAST, recorded DESC",
                                      [.bytea(yannTag)]) { (try $0.bool(0) ?? false, try $0.optionalInt64(1)) }
        print("S24C-3 (skew \(skew)): the record: \(ranks.count) rows, \(ranks.filter { $0.1 == nil }.count) without an ordinal; yann's rank "
              + "\(String(describing: ranks.firstIndex { $0.0 }.map { $0 + 1 })), ordinal \(String(describing: ranks.first { $0.0 }?.1)) "
              + "(the check takes the first \(CommittedErasures.kept))")
        a!.close(); b!.close()
        a = nil; b = nil

        // The keyring backup from before the upgrade put back; as keys 0005 leaves it.
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        XCTAssertNil(eventually { try PostgresConnection(uri: keysURI).execute(timeOrder) })
        return erasedLifeServedByAStart("b", customer: "yann", erasedHandle: yann.handle) {
            try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI, clock: SkewedClock(offset: skew))
        }
    }

    /// Held (S24C-H1: the ordinal floor of a daemon that never restarted). The floor is
    /// raised only at a daemon's start, so B, started before a restore, keeps a floor far
    /// below the record's highest ordinal. Tried: the keyring put back from a copy taken before
    /// A's erasures of three customers, two of them erased twice (their keyring rows took two
    /// ordinals each); A restarts (its ledger re-applied); B never restarts and erases xavier.
    /// The re-apply takes an ordinal for every ledger line it merges (each of a customer's
    /// erasures is a line of its own, and the later one replaces the earlier by number), so
    /// the keyring's highest is back at the record's and xavier's erasure ranks first in the
    /// record, among the newest checked, without B's floor.
    func testHeldADaemonThatNeverRestartedStillGivesItsErasureTheHighestOrdinalAfterARestore() throws {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        let ledger = folder.path + "/ledger-a.jsonl"
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI, ledger: ledger)
        let b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close(); b.close() }
        try append(a!, "c0", "s1", "hello")
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        for round in 0..<2 {
            for i in 0..<3 where round == 0 || i < 2 {
                try append(a!, "c\(i)", "s\(round)", "hello")
                _ = try a!.shred(customer: CustomerID("c\(i)"), reason: "gdpr", context: context("customer.shred"))
            }
        }
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        a!.close()
        a = nil
        XCTAssertNil(eventually { a = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI, ledger: ledger) }, "a's start re-applies its ledger")
        XCTAssertNil(eventually { try append(b, "xavier", "s1", "hello") })
        _ = try b.shred(customer: CustomerID("xavier"), reason: "gdpr", context: context("customer.shred"))
        let xTag = b.keyring.erasureTag(blindIndex: try b.keyring.blindIndex(of: CustomerID("xavier")))
        let rows = try owner().query("SELECT customer_tag = $1, ordinal FROM \(dataSchema).keyring_mirror ORDER BY ordinal DESC NULLS LAST, recorded DESC",
                                     [.bytea(xTag)]) { (try $0.bool(0) ?? false, try $0.optionalInt64(1)) }
        print("S24C-H1: the record's ordinals \(rows.map { "\($0.1.map(String.init) ?? "NULL")\($0.0 ? " (xavier)" : "")" })")
        XCTAssertEqual(rows.first?.0, true, "xavier's erasure, made by the daemon that never restarted, ranks first in the record")
    }

}
