import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// Stopping the daemon under load: SIGTERM is graceful (exit 0, socket removed), SIGKILL is
/// not, and after either a restart serves every append whose reply was a result.
final class ShutdownTests: DaemonTestCase {
    static let writers = 8

    /// Starts `writers` clients appending continuously (client i to session `load-(i % 4)`)
    /// until their connection fails or `stop` is set.
    func startLoad(_ harness: DaemonHarness, record: Locked<LoadRecord>, stop: Locked<Bool>) -> Locked<Bool> {
        let socket = harness.socketPath
        let done = Locked(false)
        Thread {
            let finished = runOnThreads(ShutdownTests.writers, timeout: 60) { i in
                let session = "load-\(i % 4)"
                guard let c = try? RawSocket(path: socket, timeout: 15) else {
                    record.withLock { $0.failures.append("client \(i) could not connect") }
                    return
                }
                var order = 0
                while !stop.snapshot {
                    let texts = (0..<(order % 2 + 1)).map { "w\(i)-\(order)-\($0)" }
                    do {
                        let r = try c.roundTrip("session.append", sessionParams("cust-load", session, texts.map { message($0) }))
                        guard let first = r.result?["first_seq"]?.intValue else {
                            // An error reply (e.g. -32005 while shutting down) promises nothing was stored:
                            // these texts are neither acknowledged nor in doubt, so finding one fails the test.
                            return
                        }
                        record.withLock { $0.acks.append(Ack(client: i, order: order, customer: "cust-load", session: session, firstSeq: first, texts: texts)) }
                    } catch {
                        record.withLock { $0.inDoubt["cust-load/\(session)", default: []] += texts }
                        return
                    }
                    order += 1
                }
            }
            if !finished { record.withLock { $0.failures.append("load clients did not stop in time") } }
            done.withLock { $0 = true }
        }.start()
        return done
    }

    /// Waits (bounded) until at least `count` appends were acknowledged.
    func waitForAcks(_ record: Locked<LoadRecord>, _ count: Int) {
        let deadline = MonotonicClock.seconds() + 30
        while record.snapshot.acks.count < count && record.snapshot.failures.isEmpty && MonotonicClock.seconds() < deadline { usleep(10_000) }
        XCTAssertGreaterThanOrEqual(record.snapshot.acks.count, count, "the load did not get going: \(record.snapshot.failures)")
    }

    func waitUntilDone(_ done: Locked<Bool>) {
        let deadline = MonotonicClock.seconds() + 60
        while !done.snapshot && MonotonicClock.seconds() < deadline { usleep(10_000) }
        XCTAssertTrue(done.snapshot, "the load clients did not stop after the daemon did")
    }

    /// Every acknowledged append is readable at its seq, in-doubt ones at most once.
    func assertAcknowledgedAppendsPresent(_ harness: DaemonHarness, _ result: LoadRecord) throws {
        XCTAssertEqual(result.failures, [])
        let c = try harness.rawSocket()
        let sessions = Dictionary(grouping: result.acks) { "\($0.customer)/\($0.session)" }
        XCTAssertFalse(sessions.isEmpty)
        for (key, acks) in sessions {
            let parts = key.split(separator: "/").map(String.init)
            let transcript = try ok(c, "session.get", ids(parts[0], parts[1]))
            XCTAssertEqual(verifySession(transcript, acks: acks, inDoubt: result.inDoubt[key] ?? []), [], key)
        }
    }

    func testSIGTERMUnderLoadExitsZeroRemovesTheSocketAndKeepsEveryAcknowledgedAppend() throws {
        let harness = try startDaemon()
        let record = Locked(LoadRecord()), stop = Locked(false)
        let done = startLoad(harness, record: record, stop: stop)
        waitForAcks(record, 150)
        let exit = try harness.terminate()
        stop.withLock { $0 = true }
        XCTAssertEqual(exit, .status(0), "graceful stop exits 0")
        XCTAssertFalse(FileManager.default.fileExists(atPath: harness.socketPath), "the socket file is removed on SIGTERM")
        waitUntilDone(done)
        XCTAssertTrue(harness.log.contains("daemon.stopped"), "the daemon logged its orderly stop")
        try harness.start()
        try assertAcknowledgedAppendsPresent(harness, record.snapshot)
        // The restarted daemon takes new writes after the old ones.
        let next = try ok(harness.rawSocket(), "session.append", sessionParams("cust-load", "load-0", [message("after restart")]))
        XCTAssertGreaterThan(next["first_seq"]?.intValue ?? 0, 1)
    }

    func testSIGKILLUnderLoadThenRestartKeepsEveryAcknowledgedAppend() throws {
        let harness = try startDaemon()
        let record = Locked(LoadRecord()), stop = Locked(false)
        let done = startLoad(harness, record: record, stop: stop)
        waitForAcks(record, 150)
        let exit = harness.kill9()
        stop.withLock { $0 = true }
        XCTAssertEqual(exit, .signal(SIGKILL))
        waitUntilDone(done)
        XCTAssertTrue(FileManager.default.fileExists(atPath: harness.socketPath), "a killed daemon leaves its socket file behind")
        try harness.start()  // removes the stale socket file and recovers the WAL
        try assertAcknowledgedAppendsPresent(harness, record.snapshot)
        XCTAssertEqual(try harness.terminate(), .status(0))
    }

    func testSocketGetsTheConfiguredModeAndTheStateFolderIsPrivate() throws {
        let harness = try startDaemon(["socket_mode": "0640"])
        try ok(harness.rawSocket(), "session.append", sessionParams("cust-mode", "s", [message("x")]))
        func mode(_ path: String) -> Int {
            var st = stat()
            return stat(path, &st) == 0 ? Int(st.st_mode) & 0o777 : -1
        }
        XCTAssertEqual(String(mode(harness.socketPath), radix: 8), "640", "socket mode")
        XCTAssertEqual(String(mode(harness.stateDir), radix: 8), "700", "state folder mode")
        for name in ["keys.db", "data.db"] where !harness.usesPostgres {
            XCTAssertEqual(mode(harness.stateDir + "/" + name) & 0o077, 0, "\(name) is readable by group or others")
        }
    }

    func testSecondDaemonRefusesASocketALiveDaemonAnswersOn() throws {
        let first = try startDaemon()
        let c = try first.rawSocket()
        try ok(c, "session.append", sessionParams("cust-two", "s", [message("kept")]))
        // A second daemon on another state folder but the same socket path must not start.
        let second = try DaemonHarness()
        defer { second.cleanup() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: second.binary)
        p.arguments = ["serve", "--dev", "--state-dir", second.stateDir, "--socket", first.socketPath, "--config", second.configPath]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = MonotonicClock.seconds() + 15
        while p.isRunning && MonotonicClock.seconds() < deadline { usleep(10_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL); XCTFail("a second daemon kept running on a live socket") }
        XCTAssertNotEqual(p.terminationStatus, 0)
        XCTAssertEqual(texts(try ok(first.rawSocket(), "session.get", ids("cust-two", "s"))), ["kept"], "the first daemon still answers")
    }
}
