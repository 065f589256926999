import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Peers that map to no role, over the real socket: they may call `system.health` and
/// nothing else, and what else they send costs the daemon O(1): one audit entry per uid
/// per interval, a per-uid counter, the connection closed after a few refusals, a short
/// line limit and a few connection slots.
final class HostilePeerTests: DaemonTestCase {
    static let nobody: uid_t = 65534
    /// No second entry within a test: the interval never passes (no timing involved).
    let longInterval: JSONObject = ["refusal_audit_interval_s": 86_400]

    func testUnmappedRefusalsAreAuditedOnceCountedPerUidAndCloseTheConnectionAfterThree() throws {
        let harness = try startDaemon(longInterval)
        let admin = try harness.rawSocket()
        let entriesBefore = try refusedEntries(admin).count
        var refused = 0
        for round in 0..<3 {
            let c = try connect(harness, as: HostilePeerTests.nobody)
            XCTAssertEqual(try c.roundTrip("system.health").result?["status"], "ok", "round \(round): health stays open")
            for i in 0..<3 {
                let reply = try c.roundTrip("session.get", ids("cust-hostile", "s"))
                XCTAssertEqual(reply.code, -32003, "round \(round) refusal \(i): \(reply)")
                refused += 1
            }
            XCTAssertTrue(c.waitForClose(timeout: 10), "round \(round): the connection is closed after three refusals")
        }
        let entries = try refusedEntries(admin)
        XCTAssertEqual(entries.count - entriesBefore, 1, "one audit entry for \(refused) refusals of one uid: \(entries)")
        let stats = try ok(admin, "system.stats")
        XCTAssertEqual(stats["unmapped_refusals"]?["65534"]?.intValue, refused, "per-uid counter: \(stats)")
        let logged = harness.log.components(separatedBy: "\n").filter { $0.contains("request.forbidden") && $0.contains("\"uid\":65534") }
        XCTAssertEqual(logged.count, 1, "one log line for the uid: \(logged)")
    }

    /// Found by an attack on issue 17: a role-less peer that sends health probes and hangs
    /// up without reading got one `connection.dropped` log line per connection (3,500/s).
    func testUnmappedPeersThatHangUpUnreadWriteNothingToTheLog() throws {
        guard getuid() == 0 else { throw XCTSkip("needs root to connect as uid 65534") }
        let harness = try startDaemon()
        let probe = Array(String(repeating: #"{"jsonrpc":"2.0","id":1,"method":"system.health"}"# + "\n", count: 200).utf8)
        for _ in 0..<60 {
            let c = try connectAs(Self.nobody, harness)
            try? c.send(probe)
            c.close()
        }
        assertAlive(harness)
        let dropped = harness.log.components(separatedBy: "connection.dropped").count - 1
        XCTAssertEqual(dropped, 0, "role-less peers wrote \(dropped) log lines")
    }

    func testUnmappedBatchIsOneRefusalWithOneReply() throws {
        let harness = try startDaemon(longInterval)
        let admin = try harness.rawSocket()
        let entriesBefore = try refusedEntries(admin).count
        let c = try connect(harness, as: HostilePeerTests.nobody)
        let batch = JSONValue.array((0..<30).map { _ in c.request("session.get", ids("cust-hostile", "s")).value })
        try c.sendLine(batch)
        let reply = try c.readValue()
        guard case .object(let o) = reply else { return XCTFail("one error object for the whole batch, got \(String(describing: JSONWriter.string(reply).prefix(300)))") }
        XCTAssertEqual(Reply(object: o).code, -32003, "\(o)")
        XCTAssertEqual(Reply(object: o).id, .null)
        XCTAssertEqual(try refusedEntries(admin).count - entriesBefore, 1)
        XCTAssertEqual(try ok(admin, "system.stats")["unmapped_refusals"]?["65534"]?.intValue, 1)
    }

    func testAfterTheIntervalOneEntrySaysHowManyRefusalsItStandsFor() throws {
        let harness = try startDaemon(["refusal_audit_interval_s": 1])
        let admin = try harness.rawSocket()
        let entriesBefore = try refusedEntries(admin).count
        for count in [3, 2] {  // the first is audited; the next four are only counted
            let c = try connect(harness, as: HostilePeerTests.nobody)
            for _ in 0..<count { XCTAssertEqual(try c.roundTrip("keys.status").code, -32003) }
        }
        XCTAssertEqual(try refusedEntries(admin).count - entriesBefore, 1)
        usleep(1_200_000)  // past the interval, whatever the clock did before
        XCTAssertEqual(try connect(harness, as: HostilePeerTests.nobody).roundTrip("keys.status").code, -32003)
        let entries = try refusedEntries(admin)
        XCTAssertEqual(entries.count - entriesBefore, 2, "\(entries)")
        XCTAssertEqual(entries.last?["method"], "(5 refused requests)", "the entry counts the four unrecorded refusals and itself")
        XCTAssertTrue(harness.log.contains("\"refused\":5"), harness.log)
        XCTAssertEqual(try ok(admin, "system.stats")["unmapped_refusals"]?["65534"]?.intValue, 6)
    }

    func testUnmappedBatchOfHealthProbesIsServed() throws {
        let c = try connect(try startDaemon(), as: HostilePeerTests.nobody)
        try c.sendLine(.array((0..<5).map { _ in c.request("system.health").value }))
        let replies = try XCTUnwrap(c.readValue().arrayValue)
        XCTAssertEqual(replies.compactMap { $0["result"]?["status"] }, Array(repeating: "ok", count: 5))
        XCTAssertEqual(try c.roundTrip("system.health").result?["status"], "ok", "not counted as refusals: still open")
    }

    func testUnmappedPeerLineLongerThanTheHealthProbeNeedsIsCutOff() throws {
        let harness = try startDaemon(longInterval)
        let c = try connect(harness, as: HostilePeerTests.nobody)
        let pad = String(repeating: "x", count: 64 << 10)
        try c.sendLine(#"{"jsonrpc":"2.0","id":1,"method":"system.health","params":{"pad":"\#(pad)"}}"#)
        let reply = try c.readReply()
        XCTAssertEqual(reply.code, -32600, "\(reply)")
        XCTAssertTrue(reply.message.contains("4096"), "names the limit: \(reply.message)")
        XCTAssertTrue(c.waitForClose(timeout: 10))
        assertAlive(harness)
    }

    func testUnmappedPeersHoldAtMostFourConnectionsAndMappedPeersStillGetIn() throws {
        let harness = try startDaemon(["max_connections": 8])
        var held: [RawSocket] = []
        for i in 0..<4 {
            let c = try connect(harness, as: HostilePeerTests.nobody)
            XCTAssertEqual(try c.roundTrip("system.health").result?["status"], "ok", "unmapped connection \(i + 1)")
            held.append(c)
        }
        let fifth = try connect(harness, as: HostilePeerTests.nobody)
        let refusal = try fifth.readReply(timeout: 5)
        XCTAssertEqual(refusal.code, -32005, "\(refusal)")
        XCTAssertTrue(refusal.message.contains("max_unmapped_connections"), refusal.message)
        XCTAssertTrue(fifth.waitForClose(timeout: 10))
        // Four of the eight slots are left for mapped peers.
        let mapped = try (0..<4).map { _ in try harness.rawSocket() }
        for c in mapped { XCTAssertEqual(try c.roundTrip("system.health").result?["status"], "ok") }
        try ok(mapped[0], "session.append", sessionParams("cust-slots", "s", [message("x")]))
        withExtendedLifetime(held) {}
    }

    // MARK: Helpers

    func connect(_ harness: DaemonHarness, as uid: uid_t) throws -> RawSocket { try connectAs(uid, harness) }

    /// The audit entries of refused calls by uid 65534.
    func refusedEntries(_ admin: RawSocket) throws -> [JSONValue] {
        let entries = try ok(admin, "audit.tail", ["limit": 1000])["entries"]?.arrayValue ?? []
        return entries.filter { $0["peer"]?["uid"]?.intValue == 65534 && $0["outcome"] == "-32003" }
    }
}

/// Connects with effective uid `uid` (root only): `SO_PEERCRED` records the credentials
/// of the connecting process, so the daemon sees `uid` for the life of the connection.
func connectAs(_ uid: uid_t, _ harness: DaemonHarness) throws -> RawSocket {
    guard getuid() == 0 else { throw XCTSkip("connecting as uid \(uid) needs root (these tests run as uid \(getuid()))") }
    guard seteuid(uid) == 0 else { throw HarnessError("seteuid(\(uid)) failed: errno \(errno)") }
    defer { precondition(seteuid(0) == 0, "could not return to uid 0") }
    return try harness.rawSocket()
}
