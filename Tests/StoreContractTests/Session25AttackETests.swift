@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Session 25's fifth attack review (attack25e) of 465aa73 (the erasure-mirror job's sweep:
/// each run reads the newest 1,000 receipt-less erasures plus one batch of a sweep whose
/// cursor, `erasureMirrorSweep`, lives in the daemon's memory; the ordinal floor's query no
/// longer swallows errors). Tests only; a finding's test asserts the secure behaviour and is
/// red on 465aa73 (docs/evidence/session25-attack-e-red.txt); a "Control" test is its
/// finding's scenario without the one ingredient the finding needs (green, behind
/// CONFIDE_LONG_TESTS=1).
///
/// Finding S25E-1: the sweep's cursor is per daemon and in memory, reset by every start, and
/// a fresh cursor begins at the top (just below the newest 1,000). A run reaches at most the
/// newest ~2,000 receipt-less erasures plus 1,000 more per run since the daemon's start; an
/// erasure at rank r is reached only by a daemon that has run ceil((r - 2,000) / 1,000) + 1
/// times without a restart (with the 60 s default tick and no shred waking it: r / 1,000
/// minutes). Daemons restarted more often than that (a rolling deploy, a crash loop, a
/// short-lived `confide serve` per job) never write it, all of them sweeping the same top
/// pages: S25D-1 again, for any erasure deeper than ~2,000. Also, even with no restart, S25D-1's
/// exposure lasts a whole sweep cycle (200 minutes for the 200,000-row store the fourth
/// review timed), during which a copy lacking it is served.
///
/// Held (by test): the control (three runs on one daemon reach her; the copy is refused).
/// Held by reading, no test: ties in `ordinal` (the cursor re-reads the last ordinal unless the
/// whole page had it, which needs 1,000 erasures with one ordinal: keys 0005 numbers by
/// row_number, later ones by MAX + 1, ties only between concurrent shreds); `last - 1` and
/// the wrap (the cursor strictly decreases, a short or empty page resets it); erasures gaining
/// a receipt or replaced mid-sweep (the cursor is an ordinal, not an offset; a replacement
/// takes a top ordinal); a stale cursor (above or below the newest batch) only delays by at
/// most one cycle; two daemons sweep independently (no gap, no extra coverage); the ordinal
/// floor's query now throwing (a data store that cannot be reached already failed the strict
/// start check that follows; a data schema not migrated answers 42P01/42703, taken as 0; the
/// start check's own query catches only 42P01 but runs after this daemon migrated the data).
final class Session25AttackETests: PostgresStoreTestCase {

    private static let hourBehind: Int64 = -3_600_000

    /// keys 0005's ordinals: every erasure from before the upgrade in `shredded_at` order.
    private static let keys0005Ordinals = """
        UPDATE erasure SET ordinal = s.o
          FROM (SELECT customer_tag, row_number() OVER (ORDER BY shredded_at, customer_tag) AS o FROM erasure) AS s
         WHERE erasure.customer_tag = s.customer_tag
        """

    /// S25E-1 (breaks the erasure promise as S25D-1 did; low-medium: S25D-1's ingredients with
    /// 2,500 receipt-less erasures stamped after hers instead of 1,000, and daemons that each
    /// run the job once between restarts). S25D-1's scenario; after the upgrade B starts, runs
    /// its job once and is restarted, three times. Each run's sweep starts again at the top, so
    /// zoe's erasure (rank 2,501) is never written; the keyring backup from just before it is
    /// served. What should happen: the job reaches every receipt-less erasure in a bounded
    /// number of runs across restarts (or the copy is refused).
    func testTheSweepRestartsAtTheTopOnEveryStartAndADeepErasureIsNeverWritten() throws {
        XCTAssertEqual(try starvedAcrossRestarts(stampedAfterHers: 2_500, runsPerStart: 1, starts: 3), [])
    }

    /// Control for S25E-1 (green): the same three runs on one daemon that is not restarted: the
    /// sweep's second run reaches her, she is written into the late set, and the copy is refused.
    func testControlThreeRunsOnOneDaemonWriteHerErasureAndTheCopyIsRefused() throws {
        try longControl()
        XCTAssertEqual(try starvedAcrossRestarts(stampedAfterHers: 2_500, runsPerStart: 3, starts: 1), [])
    }

    private func starvedAcrossRestarts(stampedAfterHers: Int, runsPerStart: Int, starts: Int) throws -> [String] {
        let env = try startACluster()
        let keysURI = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_KEYS_URI"])
        let cluster = try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"])
        let (dataURI, dataSchema) = try schemaURI("data")
        var a: TranscriptStore? = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI, clock: SkewedClock(offset: Self.hourBehind))
        var b: TranscriptStore? = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        defer { a?.close(); b?.close() }
        try append(a!, "zoe", "s1", "my card is 5500 0000 0000 0004")
        let zoe = try XCTUnwrap(a!.keyring.lookup(CustomerID("zoe")))
        // Receipt-less erasures, made before zoe's in real time, stamped by a correct clock.
        try PostgresConnection(uri: keysURI).execute("""
            INSERT INTO erasure (customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal)
            SELECT decode(lpad(to_hex(i), 64, '0'), 'hex'), decode(md5(i::text) || md5('h' || i::text), 'hex'),
                   (extract(epoch FROM clock_timestamp()) * 1000)::int8 - 60000 + i, convert_to('{}', 'UTF8'), NULL, 1,
                   (SELECT COALESCE(MAX(ordinal), 0) FROM erasure) + i
            FROM generate_series(1, \(stampedAfterHers)) AS i
            """)
        let earlier = try PostgresConnection(uri: keysURI).query("SELECT customer_tag, handle_tag, shredded_at FROM erasure ORDER BY ordinal") {
            (try $0.bytea(0) ?? [], try $0.bytea(1) ?? [], try $0.int64(2))
        }
        let o = try owner()
        try o.execute("BEGIN")
        for e in earlier {  // each recorded in time, in order
            _ = try o.result("INSERT INTO \(dataSchema).keyring_mirror (customer_tag, handle_tag, shredded_at, number) VALUES ($1, $2, $3, 1)",
                             [.bytea(e.0), .bytea(e.1), .int8(e.2)])
        }
        try o.execute("COMMIT")
        XCTAssertEqual(try b!.mirrorErasuresWithoutReceipt(), 0, "the receipt-less erasures are recorded")
        XCTAssertEqual(Self.pgCluster(["basebackup", cluster]), 0, "scripts/pg-cluster basebackup")
        // The last erasure before the upgrade, stamped an hour early; its audit entry fails.
        try shredWhileTheRecordIsAway(a!, "zoe", dataSchema: dataSchema)
        a!.close(); b!.close()
        a = nil; b = nil

        // The upgrade: keys 0005 (number NULL, ordinals in shredded_at order) and data 0004.
        try upgradeToErasureNumbers(keysURI: keysURI, dataSchema: dataSchema)
        try PostgresConnection(uri: keysURI).execute(Self.keys0005Ordinals)
        var written: [Int] = []
        var zoeTag: [UInt8] = []
        for _ in 0..<starts {  // B started, its job run, B restarted (a deploy, a crash)
            b = try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
            zoeTag = b!.keyring.erasureTag(blindIndex: try b!.keyring.blindIndex(of: CustomerID("zoe")))
            for _ in 0..<runsPerStart { written.append(try b!.mirrorErasuresWithoutReceipt()) }
            b!.close()
            b = nil
        }
        let receiptless = try PostgresConnection(uri: keysURI).queryOne("""
            SELECT COUNT(*) FROM erasure WHERE receipt IS NULL AND ordinal > (SELECT ordinal FROM erasure WHERE customer_tag = $1)
            """, [.bytea(zoeTag)]) { try $0.int64(0) }
        print("S25E-1: receipt-less erasures above zoe's: \(String(describing: receiptless)); job runs wrote \(written) "
              + "(\(runsPerStart) run(s) per start, \(starts) start(s))")
        try printRankInTheRecord(of: "zoe", tag: zoeTag, dataSchema: dataSchema, "S25E-1 after the job's runs")

        // The keyring backup from just before zoe's erasure put back; as keys 0005 leaves it.
        XCTAssertEqual(Self.pgCluster(["restore-basebackup", cluster]), 0, "scripts/pg-cluster restore-basebackup (same timeline)")
        XCTAssertNil(eventually { try PostgresConnection(uri: keysURI).execute("UPDATE erasure SET number = NULL") })
        try PostgresConnection(uri: keysURI).execute(Self.keys0005Ordinals)
        return erasedLifeServedByAStart("b", customer: "zoe", erasedHandle: zoe.handle, session: "s3") {
            try sharedDaemon("b", keysURI: keysURI, dataURI: dataURI)
        }
    }
}
