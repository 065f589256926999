import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Disk full, two ways: a small tmpfs as the state folder (grown again with a remount), and
/// a file-size limit on the running daemon (`prlimit --fsize`, raised again). Either way
/// writes fail with -32005 — never a crash, never -32603 — reads answer the truth or fail
/// closed with -32005, and once there is room again writes succeed without a restart.
final class ReliabilityDiskFullTests: DaemonTestCase {
    static let bigText = String(repeating: "F", count: 256 << 10)

    /// What happened while the disk was full.
    struct Fill {
        var acked: [String] = []        // markers of the big appends acknowledged, in order
        var refusals = 0                // -32005 answers to writes
        var readsServed = 0, readsRefused = 0
    }

    func testDiskFullOnSmallTmpfsRefusesWritesWithUnavailableAndRecoversWithoutRestart() throws {
        guard getuid() == 0 else { throw XCTSkip("mounting a tmpfs needs root") }
        let harness = try DaemonHarness()
        try FileManager.default.createDirectory(atPath: harness.stateDir, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let mount = try runProgram(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", harness.stateDir])
        guard mount.status == 0 else {
            harness.cleanup()
            throw XCTSkip("cannot mount a tmpfs here (\(mount.stderr)); the prlimit variant covers disk full")
        }
        addTeardownBlock { [self] in
            harness.kill9()
            if (testRun?.totalFailureCount ?? 0) > 0 { print("---- daemon log ----\n\(harness.log)\n----") }
            if (try? runProgram(["umount", harness.stateDir]))?.status != 0 { _ = try? runProgram(["umount", "-l", harness.stateDir]) }
            harness.cleanup()
        }
        try harness.start()
        let reference = try writeReference(harness)
        var fill = try fillUntilUnavailable(harness, reference: reference)
        let grow = try runProgram(["mount", "-o", "remount,size=64m", harness.stateDir])
        XCTAssertEqual(grow.status, 0, "remount: \(grow)")
        try assertWritesWorkAgain(harness, reference: reference, fill: &fill)
        XCTAssertEqual(try harness.terminate(), DaemonHarness.Exit.status(0))
        for db in ["keys.db", "data.db"] { XCTAssertEqual(try sqliteIntegrity(harness.stateDir + "/" + db), "ok", db) }
    }

    func testFileSizeLimitRefusesWritesWithUnavailableWithoutKillingTheDaemonAndRecoversWhenRaised() throws {
        guard executablePath("prlimit") != nil else { throw XCTSkip("util-linux prlimit is not installed") }
        let harness = try startDaemon()
        let reference = try writeReference(harness)
        let pid = try XCTUnwrap(harness.pid)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: harness.stateDir)) ?? []
        let limit = (files.map { fileSize(harness.stateDir + "/" + $0) }.max() ?? 0) + (1 << 20)
        let set = try runProgram(["prlimit", "--pid", String(pid), "--fsize=\(limit):unlimited"])
        XCTAssertEqual(set.status, 0, "prlimit: \(set)")
        print("ReliabilityDiskFullTests: RLIMIT_FSIZE of the daemon set to \(limit) bytes")
        var fill = try fillUntilUnavailable(harness, reference: reference)
        let raise = try runProgram(["prlimit", "--pid", String(pid), "--fsize=unlimited:unlimited"])
        XCTAssertEqual(raise.status, 0, "prlimit: \(raise)")
        try assertWritesWorkAgain(harness, reference: reference, fill: &fill)
        XCTAssertEqual(harness.pid, pid, "the same daemon process throughout")
        XCTAssertEqual(try harness.terminate(), DaemonHarness.Exit.status(0))
        for db in ["keys.db", "data.db"] { XCTAssertEqual(try sqliteIntegrity(harness.stateDir + "/" + db), "ok", db) }
    }

    // MARK: Steps

    /// A small session written before the disk fills, read back after every step.
    func writeReference(_ harness: DaemonHarness) throws -> JSONValue {
        let c = harness.client()
        try ok(c, "session.append", sessionParams("cust-full", "ref", (0..<20).map { message("reference \($0)") }))
        return try ok(c, "session.get", ids("cust-full", "ref"))
    }

    /// Appends big messages until writes are refused (3 in a row); checks every answer.
    func fillUntilUnavailable(_ harness: DaemonHarness, reference: JSONValue) throws -> Fill {
        var fill = Fill()
        let c = harness.client(timeout: 60)
        var inARow = 0
        for i in 0..<300 where inARow < 3 {
            let marker = "big-\(i)"
            let r: Result<JSONValue, ConfideRPCError>
            do { r = try c.reply("session.append", sessionParams("cust-full", "big", [message(marker + " " + Self.bigText)])) } catch {
                usleep(200_000)
                let how = harness.isRunning ? "it is still running" : harness.kill9().map { "\($0)" } ?? "?"
                XCTFail("append \(i) got no reply (\(error)) while the disk filled; the daemon: \(how)")
                throw error
            }
            if let result = r.result {
                XCTAssertEqual(result["first_seq"]?.intValue, fill.acked.count + 1, "\(r)")
                fill.acked.append(marker)
                inARow = 0
            } else {
                // (ConfideClient takes only a well-formed JSON-RPC error reply as an error.)
                XCTAssertEqual(r.code, -32005, "a write on a full disk must be refused as unavailable: \(r)")
                fill.refusals += 1
                inARow += 1
            }
        }
        XCTAssertEqual(inARow, 3, "the disk never filled after \(fill.acked.count) big appends")
        // While full: a small write is refused or stored (never half), reads answer the
        // truth or fail closed (-32005: their audit entry cannot be written), health works.
        for _ in 0..<3 {
            let small = try c.reply("session.append", sessionParams("cust-full", "big", [message("small while full")]))
            if small.result != nil { fill.acked.append("small while full") } else { XCTAssertEqual(small.code, -32005, "\(small)") }
            try read(c, reference: reference, fill: &fill)
            let audit = try c.reply("audit.verify")
            if let r = audit.result { XCTAssertEqual(r["ok"], JSONValue.bool(true), "\(r)") } else { XCTAssertEqual(audit.code, -32005, "\(audit)") }
        }
        assertAlive(harness)
        print("ReliabilityDiskFullTests: \(fill.acked.count) big appends stored, then \(fill.refusals) refused with -32005; "
              + "reads while full: \(fill.readsServed) served, \(fill.readsRefused) refused with -32005")
        return fill
    }

    /// A read of the reference session (exact content) and of the customer's session list
    /// (the big session counts exactly the acknowledged appends), or -32005 for either.
    /// (The big session itself, megabytes, is read whole only once, at the end.)
    func read(_ c: ConfideClient, reference: JSONValue, fill: inout Fill) throws {
        for r in [try c.reply("session.get", ids("cust-full", "ref")), try c.reply("session.list", ["customer": "cust-full"])] {
            if let v = r.result {
                if let sessions = v["sessions"]?.arrayValue {
                    let big = sessions.first { $0["session"] == "big" }
                    XCTAssertEqual(big?["count"]?.intValue, fill.acked.count, "\(v)")
                } else {
                    XCTAssertEqual(v, reference)
                }
                fill.readsServed += 1
            } else {
                XCTAssertEqual(r.code, -32005, "a read may only fail closed: \(r)")
                fill.readsRefused += 1
            }
        }
    }

    /// After room was made: the first write succeeds (no restart), everything reads back.
    func assertWritesWorkAgain(_ harness: DaemonHarness, reference: JSONValue, fill: inout Fill) throws {
        let c = harness.client(timeout: 60)
        let small = try c.reply("session.append", sessionParams("cust-full", "after", [message("room again")]))
        XCTAssertNotNil(small.result, "the first write after the disk has room again must succeed: \(small)")
        let r = try ok(c, "session.append", sessionParams("cust-full", "big", [message("big-after " + Self.bigText)]))
        XCTAssertEqual(r["first_seq"]?.intValue, fill.acked.count + 1, "no refused append was stored")
        fill.acked.append("big-after")
        XCTAssertEqual(try ok(c, "session.get", ids("cust-full", "ref")), reference)
        XCTAssertEqual(markers(try ok(c, "session.get", ids("cust-full", "big"))), fill.acked)
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-full", "after"))), ["room again"])
        let audit = try ok(c, "audit.verify")
        XCTAssertEqual(audit["ok"], JSONValue.bool(true), "\(audit)")
        try ok(c, "customer.shred", ["customer": "cust-full", "reason": "disk-full test"])
        try expectError(c, "session.get", ids("cust-full", "ref"), code: -32004)
    }

    /// The first word of each message text (the markers of the big appends).
    func markers(_ transcript: JSONValue) -> [String] {
        texts(transcript).map { $0.hasPrefix("small") ? $0 : String($0.prefix { $0 != " " }) }
    }
}
