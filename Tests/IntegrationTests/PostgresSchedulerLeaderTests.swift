import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// The scheduler's lead on PostgreSQL (`PostgresSchedulerLeadership`): only the daemon that
/// holds the store's "cfdl" advisory lock runs the background jobs, `keys.status` says who
/// leads, and the lead passes on within seconds when its holder lets go or is killed.
///
/// One daemon per store still holds (issue 21 lifts it), so the other contender here is a
/// test session holding the same lock, as a second daemon's scheduler connection would.
final class PostgresSchedulerLeaderTests: DaemonTestCase {
    private static let leaderTag: Int64 = 0x6366_646C

    private func store() throws -> (uri: String, key: Int64) {
        guard PostgresTestStore.ownerURI != nil, PostgresTestStore.superuserURI != nil else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI and CONFIDE_TEST_POSTGRES_SUPERUSER_URI are not set: run scripts/test, "
                + "or eval \"$(scripts/pg-cluster start)\" first")
        }
        let uri = try PostgresTestStore.freshSchemaURI(label: "leader")
        let oid = try PostgresTestStore.schemaOID(try XCTUnwrap(PostgresTestStore.schema(of: uri)))
        return (uri, Self.leaderTag << 32 | oid)
    }

    /// Polls `keys.status` until `condition` holds on its `scheduler` member (or `seconds` pass).
    private func schedulerState(_ c: ConfideClient, within seconds: Double, until condition: (JSONValue) -> Bool) throws -> JSONValue {
        let deadline = Date().addingTimeInterval(seconds)
        var status = try ok(c, "keys.status")
        while !condition(status), Date() < deadline {
            usleep(100_000)
            status = try ok(c, "keys.status")
        }
        return status
    }

    func testOnlyTheLeaderRunsTheJobsAndTheLeadPassesOnWhenItsHolderLetsGoOrIsKilled() throws {
        let (uri, key) = try store()
        // Another contender leads first.
        let other = try XCTUnwrap(try PostgresTestStore.AdvisoryLock(key, on: uri, applicationName: "other-daemon-scheduler"))
        let daemon = try startDaemon(["store": .string(uri), "scheduler_tick_s": .double(0.3), "rewrap_batch_size": 2])
        let c = daemon.client()
        for i in 0..<5 { try ok(c, "session.append", sessionParams("lead-\(i)", "s", [message("text \(i)")])) }

        // It does not lead: it names the leader, runs no job, and leaves a rotation's re-wrap alone.
        var status = try schedulerState(c, within: 10) { $0["scheduler"]?["problem"] == nil && $0["scheduler"]?["leads"] != nil }
        XCTAssertEqual(status["scheduler"]?["leads"], .bool(false), "\(status)")
        XCTAssertEqual(status["scheduler"]?["leader"]?.stringValue, "other-daemon-scheduler", "\(status)")
        try ok(c, "keys.rotate", ["target": "kek"])  // an admin's request, not a job: any daemon serves it
        usleep(1_500_000)  // five ticks
        status = try ok(c, "keys.status")
        XCTAssertEqual(status["rewrap_pending"]?.intValue, 5, "a daemon that does not lead re-wraps nothing: \(status)")
        // Only what every daemon runs: its own audit chain's anchoring (every daemon signs and
        // anchors its own chain) and the data's record of erasures left without a receipt.
        XCTAssertEqual(status["jobs"]?.objectValue?.members.map { $0.0 }.sorted(), ["audit-anchor", "erasure-mirror"],
                       "no job of the leader's ran: \(status)")

        // The leader lets go: this daemon leads within seconds, with the KEK versions as they
        // stand, and finishes the re-wrap.
        other.release()
        status = try schedulerState(c, within: 15) { $0["scheduler"]?["leads"] == .bool(true) && $0["rewrap_pending"]?.intValue == 0 }
        XCTAssertEqual(status["scheduler"]?["leads"], .bool(true), "\(status)")
        XCTAssertEqual(status["rewrap_pending"]?.intValue, 0, "the new leader re-wrapped every DEK: \(status)")
        let name = try XCTUnwrap(status["scheduler"]?["leader"]?.stringValue, "\(status)")
        XCTAssertTrue(name.hasPrefix("confide on ") && name.hasSuffix(" pid \(daemon.pid ?? -1)"), "names itself: \(name)")
        XCTAssertNil(try PostgresTestStore.AdvisoryLock(key, on: uri, applicationName: "late-contender"), "the daemon holds the lead")

        // Killed with kill -9, it leaves the lead to the next contender within seconds.
        daemon.kill9()
        XCTAssertNotNil(try PostgresTestStore.AdvisoryLock(key, on: uri, applicationName: "next-contender", waitSeconds: 10),
                        "a killed leader's lock ends with its session")
    }

    func testADaemonThatStopsGivesTheLeadBackAtOnce() throws {
        let (uri, key) = try store()
        let daemon = try startDaemon(["store": .string(uri), "scheduler_tick_s": .double(0.3)])
        let status = try schedulerState(daemon.client(), within: 10) { $0["scheduler"]?["leads"] == .bool(true) }
        XCTAssertEqual(status["scheduler"]?["leads"], .bool(true), "alone, it leads: \(status)")
        XCTAssertNil(try PostgresTestStore.AdvisoryLock(key, on: uri, applicationName: "contender"), "the daemon holds the lead")
        let exit = try daemon.terminate()
        XCTAssertEqual(exit, .status(0), "\(exit)")
        XCTAssertNotNil(try PostgresTestStore.AdvisoryLock(key, on: uri, applicationName: "contender", waitSeconds: 2), "given back at shutdown")
    }
}
