import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// Hostile clients: a thousand idle connections, clients that never read their replies, and
/// a client flooding one connection. The daemon's memory stays bounded, misbehaving peers
/// are dropped, and a normal client keeps getting answers throughout.
final class HardeningClientsTests: DaemonTestCase {
    /// VmRSS of a process in KiB.
    func rssKiB(_ pid: Int32) -> Int {
        Int(procStatus(pid, "VmRSS")?.split(separator: " ").first ?? "") ?? -1
    }

    /// Raises this process's descriptor limit (the daemon inherits it) to at least `n`.
    func ensureDescriptors(_ n: rlim_t) throws {
        var lim = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &lim)
        guard lim.rlim_cur < n else { return }
        lim.rlim_cur = min(n, lim.rlim_max)
        if lim.rlim_cur < n && getuid() == 0 { lim.rlim_max = n; lim.rlim_cur = n }
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &lim) == 0, lim.rlim_cur >= n else {
            throw XCTSkip("cannot raise RLIMIT_NOFILE to \(n) (hard limit \(lim.rlim_max))")
        }
    }

    /// Waits (bounded) until `system.stats` counts `predicate`-many open connections.
    @discardableResult
    func waitForOpenConnections(_ c: ConfideClient, timeout: Double = 60, _ predicate: (Int) -> Bool) throws -> Int {
        let deadline = MonotonicClock.seconds() + timeout
        var open = -1
        repeat {
            open = try ok(c, "system.stats")["connections"]?["open"]?.intValue ?? -1
            if predicate(open) { return open }
            usleep(50_000)
        } while MonotonicClock.seconds() < deadline
        return open
    }

    func testThousandIdleConnectionsKeepTheDaemonsMemoryBoundedAndANormalClientIsServed() throws {
        try ensureDescriptors(4096)
        let harness = try startDaemon(["max_connections": 2048, "idle_timeout_s": 600])
        let pid = try XCTUnwrap(harness.pid)
        let probe = harness.client()
        try ok(probe, "session.append", sessionParams("cust-idle", "s", [message("before")]))
        let before = rssKiB(pid)
        var idle: [RawSocket] = []  // connections held open, which a client would not do
        for i in 0..<1000 {
            do { idle.append(try harness.rawSocket(timeout: 10)) } catch { XCTFail("connection \(i): \(error)"); break }
        }
        let open = try waitForOpenConnections(probe) { $0 == 1001 }
        XCTAssertEqual(open, 1001, "every idle connection admitted (plus the probe)")
        // Admitted connections are live: a few of them answer.
        for i in stride(from: 0, to: idle.count, by: 199) { XCTAssertEqual(try ok(idle[i], "system.health")["status"], "ok") }
        usleep(500_000)
        let held = rssKiB(pid)
        let threads = procStatus(pid, "Threads") ?? "?"
        print("HardeningClientsTests: daemon VmRSS \(before / 1024) MiB before, \(held / 1024) MiB (\(held) KiB) with 1,000 idle connections, threads \(threads)")
        XCTAssertGreaterThan(held, 0)
        XCTAssertLessThan(held, 256 * 1024, "VmRSS with 1,000 idle connections must stay under 256 MiB")
        // A normal client is served as usual.
        let normal = harness.client()
        XCTAssertEqual(try ok(normal, "session.append", sessionParams("cust-idle", "s", [message("during")]))["count"]?.intValue, 2)
        XCTAssertEqual(texts(try ok(normal, "session.get", ids("cust-idle", "s"))), ["before", "during"])
        for c in idle { c.close() }
        idle.removeAll()
        XCTAssertLessThanOrEqual(try waitForOpenConnections(probe) { $0 <= 2 }, 2, "closed connections are released")
        print("HardeningClientsTests: daemon VmRSS \(rssKiB(pid) / 1024) MiB after the idle connections closed")
        assertAlive(harness)
    }

    func testClientsThatNeverReadTheirRepliesAreDroppedAfterWriteTimeoutWhileOthersAreServed() throws {
        let harness = try startDaemon(["write_timeout_s": 1, "idle_timeout_s": 600])
        let writer = harness.client()
        let pad = String(repeating: "w", count: 500)
        for part in 0..<2 {  // a ~1 MB session: many times a socket buffer
            try ok(writer, "session.append", sessionParams("cust-slow", "big", (0..<1000).map { message("\(part)-\($0) \(pad)") }))
        }
        let baseline = try waitForOpenConnections(writer) { $0 == 1 }
        XCTAssertEqual(baseline, 1)
        // One client pipelines 30 gets of the big session; six stream exports of it (more
        // than the pool of 4 readers). None of them reads a byte.
        var slow: [RawSocket] = []  // connections that never read, which a client would not do
        let getter = try harness.rawSocket()
        var lines: [UInt8] = []
        for _ in 0..<30 { lines += JSONWriter.bytes(getter.request("session.get", ids("cust-slow", "big")).value) + [0x0a] }
        try getter.send(lines)
        slow.append(getter)
        for _ in 0..<6 {
            let exporter = try harness.rawSocket()
            try exporter.sendLine(exporter.request("customer.export", ["customer": "cust-slow"]).value)
            slow.append(exporter)
        }
        // Meanwhile a normal client keeps working; the silent ones get dropped (bounded wait).
        var served = 0
        var open = 8
        let deadline = MonotonicClock.seconds() + 60
        while open > 1 && MonotonicClock.seconds() < deadline {
            let r = try ok(writer, "session.append", sessionParams("cust-busy", "s", [message("while stalled \(served)")]))
            XCTAssertEqual(r["count"]?.intValue, served + 1)
            XCTAssertEqual(try ok(writer, "session.list", ["customer": "cust-slow"])["sessions"]?.arrayValue?.count, 1)
            served += 1
            open = try ok(writer, "system.stats")["connections"]?["open"]?.intValue ?? -1
        }
        XCTAssertEqual(open, 1, "every client that does not read must be dropped after write_timeout_s")
        XCTAssertGreaterThan(served, 0, "a normal client was served while the others stalled")
        for c in slow { XCTAssertTrue(c.waitForClose(timeout: 30), "a dropped connection ends once drained") }
        XCTAssertTrue(harness.log.contains("peer did not read its replies") || harness.log.contains("reply.stream_failed"),
                      "the drop is logged")
        XCTAssertEqual(texts(try ok(writer, "session.get", ids("cust-busy", "s"))).count, served)
        XCTAssertEqual(try ok(writer, "audit.verify")["ok"], JSONValue.bool(true))
        print("HardeningClientsTests: \(served) rounds served to a normal client while 7 clients stalled and were dropped")
    }

    func testAClientFloodingOneConnectionDoesNotStopAnotherClientsRequests() throws {
        let harness = try startDaemon(["idle_timeout_s": 600])
        try ok(harness.client(), "session.append", sessionParams("cust-flood", "s", (0..<20).map { message("seed \($0)") }))
        let socket = harness.socketPath
        let stop = Locked(false), rounds = Locked(0), problems = Locked([String]())
        let flooder = Thread {
            // As fast as it can: 100 pipelined requests per write, read back, again.
            guard let c = try? RawSocket(path: socket, timeout: 60) else { problems.withLock { $0.append("cannot connect") }; return }
            var n = 0
            while !stop.snapshot {
                var batch: [UInt8] = []
                var expected: [JSONValue] = []
                for k in 0..<100 {
                    let (value, id): (JSONValue, JSONValue)
                    switch k % 5 {
                    case 0, 1: (value, id) = c.request("session.append", sessionParams("cust-flood", "f", [message("flood \(n)-\(k)")]))
                    case 2, 3: (value, id) = c.request("session.get", ids("cust-flood", "s"))
                    default: (value, id) = c.request("system.health")
                    }
                    batch += JSONWriter.bytes(value) + [0x0a]
                    expected.append(id)
                }
                do {
                    try c.send(batch)
                    for id in expected {
                        let r = try c.readReply()
                        if r.id != id || r.result == nil { problems.withLock { $0.append("flood reply \(r) for id \(id)") }; return }
                    }
                } catch {
                    problems.withLock { $0.append("flooder: \(error)") }
                    return
                }
                n += 1
                rounds.withLock { $0 = n }
            }
        }
        flooder.start()
        let started = MonotonicClock.seconds()
        while rounds.snapshot < 2 && problems.snapshot.isEmpty && MonotonicClock.seconds() - started < 60 { usleep(10_000) }
        XCTAssertGreaterThanOrEqual(rounds.snapshot, 2, "the flood did not get going: \(problems.snapshot)")
        let floodBefore = rounds.snapshot
        // The other client's requests each complete (a generous bound, not a latency check);
        // it goes on until it made 30 rounds and the flood made 3 more.
        let other = harness.client(timeout: 60)
        var i = 0
        let bound = MonotonicClock.seconds() + 120
        while (i < 30 || rounds.snapshot - floodBefore < 3) && problems.snapshot.isEmpty && MonotonicClock.seconds() < bound {
            XCTAssertEqual(try ok(other, "session.append", sessionParams("cust-other", "s", [message("other \(i)")]))["count"]?.intValue, i + 1)
            XCTAssertEqual(try ok(other, "session.get", ids("cust-other", "s"))["count"]?.intValue, i + 1)
            i += 1
        }
        XCTAssertGreaterThanOrEqual(i, 30, "the other client's calls completed")
        let floodDuring = rounds.snapshot - floodBefore
        stop.withLock { $0 = true }
        let deadline = MonotonicClock.seconds() + 60
        while flooder.isExecuting && MonotonicClock.seconds() < deadline { usleep(10_000) }
        XCTAssertEqual(problems.snapshot, [])
        XCTAssertGreaterThanOrEqual(floodDuring, 3, "the flood went on while the other client was served")
        print("HardeningClientsTests: \(floodDuring * 100) flood requests answered while the other client made \(2 * i) calls")
        let flooded = try ok(harness.client(), "session.get", ids("cust-flood", "f"))
        XCTAssertEqual(flooded["count"]?.intValue, rounds.snapshot * 40, "every flood append stored once")
        assertAlive(harness)
    }
}
