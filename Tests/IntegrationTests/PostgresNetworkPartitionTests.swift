import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// A daemon on another "host" (a network namespace, `NetworkPartition`) reaching PostgreSQL
/// over TCP and TLS, whose link goes silent: no reset, no answer, as when a switch or a
/// firewall drops the packets. Its requests must answer `-32005` (not wait out the kernel's
/// 15 minutes of retransmissions), nothing half-written, and it serves again without a
/// restart once the link is back (`DeadPeerDetection`).
final class PostgresNetworkPartitionTests: DaemonTestCase {
    /// What a `-32005` says when the write's COMMIT went out and its answer was lost: it may
    /// have committed. Every other `-32005` says nothing was changed.
    static let outcomeUnknown = "whether it committed is unknown"

    /// Runs `body` with a daemon in a network namespace whose store is a fresh schema on the
    /// test cluster's TLS port, reached through `NetworkPartition`'s forwarder.
    private func withDaemonAcrossALink(_ body: (NetworkPartition, DaemonHarness) throws -> Void) throws {
        guard let tls = PostgresTestStore.ownerTLSURI else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_TLS_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start --tls)\" first")
        }
        guard let match = tls.range(of: #":[0-9]+/"#, options: .regularExpression), let port = UInt16(tls[match].dropFirst().dropLast()) else {
            throw HarnessError("no port in the TLS URI \(tls)")
        }
        let partition = try NetworkPartition(targetPort: port)
        defer { partition.stop() }
        // The same server, through the forwarder on this side of the link.
        let remote = tls.replacingOccurrences(of: "hostaddr=127.0.0.1", with: "hostaddr=\(partition.hostAddress)")
            .replacingOccurrences(of: ":\(port)/", with: ":\(partition.port)/")
        XCTAssertNotEqual(remote, tls)
        let store = try PostgresTestStore.freshSchemaURI(label: "cut", over: remote)
        let harness = try DaemonHarness(config: ["store": .string(store)])
        let daemon = try harness.launch(wrapper: partition.wrapper)
        defer {
            if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
            if let run = testRun, run.failureCount + run.unexpectedExceptionCount > 0 { print("---- daemon log ----\n\(harness.log)\n----") }
            harness.cleanup()
        }
        try harness.waitUntilAnswering(daemon, timeout: 30)
        try body(partition, harness)
        XCTAssertTrue(daemon.isRunning, "the daemon survived the cut")
    }

    func testADaemonCutOffFromPostgreSQLAnswersUnavailableAndServesAgainWhenTheLinkReturns() throws {
        try withDaemonAcrossALink { partition, harness in
            // Longer than the daemon's detection and its wait for a cut COMMIT's outcome, far
            // shorter than the kernel's retransmissions: a hang fails the call with a timeout.
            let c = harness.client(timeout: 150)
            try ok(c, "session.append", sessionParams("cust-cut", "s1", [message("before the cut")]))

            try partition.cut()
            let cutAt = MonotonicClock.seconds()
            let during = try expectError(c, "session.append", sessionParams("cust-cut", "s1", [message("during the cut")]), code: -32005)
            print("a write during the cut answered -32005 after \(String(format: "%.1f", MonotonicClock.seconds() - cutAt)) s: \(during.message)")
            // And so does the next request, read or write, while the link is still down.
            try expectError(c, "session.get", ids("cust-cut", "s1"), code: -32005)
            try expectError(c, "session.append", sessionParams("cust-cut", "s2", [message("also during the cut")]), code: -32005)
            // Its health says so (a load balancer takes it out of rotation), naming the store.
            let down = try healthOnceItIs("unavailable", harness)
            XCTAssertTrue(down["reason"]?.stringValue?.contains("cannot reach the store postgresql://") == true, "\(down)")
            XCTAssertNil(JSONWriter.string(down).range(of: #":[0-9a-f]{32}@"#, options: .regularExpression), "no password in it: \(down)")

            try partition.heal()
            // Serves again without a restart (the writer reconnects with backoff).
            var served = false
            let deadline = MonotonicClock.seconds() + 90
            while !served && MonotonicClock.seconds() < deadline {
                switch try c.reply("session.append", sessionParams("cust-cut", "s1", [message("after the cut")])) {
                case .success: served = true
                case .failure(let e):
                    XCTAssertEqual(e.code.rawValue, -32005, "only unavailable while reconnecting: \(e)")
                    usleep(200_000)
                }
            }
            XCTAssertTrue(served, "the daemon did not serve again within 90 s of the link's return")
            XCTAssertEqual(try healthOnceItIs("ok", harness)["status"], "ok")
            let stored = texts(try ok(c, "session.get", ids("cust-cut", "s1")))
            XCTAssertEqual(stored.first, "before the cut")
            XCTAssertEqual(stored.last, "after the cut")
            // A refused write left nothing, unless the daemon said its outcome was unknown.
            if !during.message.contains(Self.outcomeUnknown) { XCTAssertFalse(stored.contains("during the cut"), "\(stored)") }
            try expectError(c, "session.get", ids("cust-cut", "s2"), code: -32004)

            // The chain is whole: nothing half-written by the requests the cut broke.
            let verify = try harness.runCLI(["audit", "verify", "--socket", harness.socketPath], timeout: 60)
            XCTAssertEqual(verify.status, 0, "audit verify: \(verify.stdout)\(verify.stderr)")
        }
    }

    /// Six writers append without pause through a cut and the link's return. Every append
    /// acknowledged is stored exactly once; every one refused is not, unless the reply said
    /// its outcome was unknown; the
    /// daemon never leaves a call unanswered (a hang fails the call after 150 s), and every
    /// writer is served again after the link is back.
    func testAppendsUnderLoadThroughACutLoseNothingAcknowledgedAndStoreNothingRefused() throws {
        try withDaemonAcrossALink { partition, harness in
            /// What one writer was told, read by the test's thread while the writer runs.
            struct Told {
                var acknowledged: [String] = [], refused: [String] = [], unknown: [String] = [], unexpected: [String] = []
                var servedAfterHeal = false
            }
            final class Writer: Sendable {
                let session: String
                let told = Locked(Told())
                init(_ i: Int) { session = "load-\(i)" }
            }
            let writers = (0..<6).map(Writer.init)
            let phase = Locked(0)  // 0 before the cut, 1 cut, 2 healed, 3 stop
            let done = DispatchGroup()
            for w in writers {
                done.enter()
                let c = harness.client(timeout: 150)
                Thread.detachNewThread {
                    defer { done.leave() }
                    var n = 0
                    while phase.snapshot < 3 {
                        n += 1
                        let text = "\(w.session) #\(n)"
                        let healed = phase.snapshot == 2
                        do {
                            switch try c.reply("session.append", sessionParams("cust-load", w.session, [message(text)])) {
                            case .success:
                                w.told.withLock { $0.acknowledged.append(text); if healed { $0.servedAfterHeal = true } }
                            case .failure(let e) where e.code.rawValue == -32005:
                                w.told.withLock { if e.message.contains(Self.outcomeUnknown) { $0.unknown.append(text) } else { $0.refused.append(text) } }
                                usleep(50_000)
                            case .failure(let e):
                                w.told.withLock { $0.unexpected.append("\(text): \(e)") }
                            }
                        } catch {
                            w.told.withLock { $0.unexpected.append("\(text): \(error)") }  // a timeout: the daemon hung
                            return
                        }
                    }
                }
            }
            usleep(1_500_000)
            try partition.cut()
            phase.withLock { $0 = 1 }
            // Until every writer has been refused at least once (bounded).
            let cutDeadline = MonotonicClock.seconds() + 120
            while writers.contains(where: { w in w.told.withLock { $0.refused.isEmpty && $0.unknown.isEmpty } }) && MonotonicClock.seconds() < cutDeadline {
                usleep(100_000)
            }
            try partition.heal()
            phase.withLock { $0 = 2 }
            let healDeadline = MonotonicClock.seconds() + 120
            while writers.contains(where: { w in !w.told.withLock { $0.servedAfterHeal } }) && MonotonicClock.seconds() < healDeadline { usleep(100_000) }
            phase.withLock { $0 = 3 }
            XCTAssertEqual(done.wait(timeout: .now() + 200), .success, "every writer's last call was answered")

            let c = harness.client(timeout: 60)
            var acknowledgedTotal = 0, refusedTotal = 0
            for writer in writers {
                let w = writer.told.snapshot
                let session = writer.session
                XCTAssertEqual(w.unexpected, [], "\(session): only -32005 during the cut")
                XCTAssertFalse(w.refused.isEmpty && w.unknown.isEmpty, "\(session) was never refused: the cut did not reach it")
                XCTAssertTrue(w.servedAfterHeal, "\(session) was not served again after the link returned")
                let stored = texts(try ok(c, "session.get", ids("cust-load", session)))
                XCTAssertEqual(Set(stored).count, stored.count, "\(session): no message stored twice")
                let missing = w.acknowledged.filter { !stored.contains($0) }
                XCTAssertEqual(missing, [], "\(session): acknowledged appends lost")
                let leaked = w.refused.filter { stored.contains($0) }
                XCTAssertEqual(leaked, [], "\(session): refused appends stored")
                let strays = stored.filter { !w.acknowledged.contains($0) && !w.unknown.contains($0) }
                XCTAssertEqual(strays, [], "\(session): stored messages nobody was told were written")
                // In the order acknowledged.
                XCTAssertEqual(stored.filter { w.acknowledged.contains($0) }, w.acknowledged, "\(session): order")
                acknowledgedTotal += w.acknowledged.count
                refusedTotal += w.refused.count + w.unknown.count
            }
            print("through the cut: \(acknowledgedTotal) appends acknowledged, \(refusedTotal) refused; "
                  + "unknown outcomes: \(writers.map { $0.told.snapshot.unknown.count }.reduce(0, +))")
            let verify = try harness.runCLI(["audit", "verify", "--socket", harness.socketPath], timeout: 60)
            XCTAssertEqual(verify.status, 0, "audit verify: \(verify.stdout)\(verify.stderr)")
        }
    }

    /// `system.health` once its status is `status` (asked every 200 ms for at most 60 s: the
    /// daemon checks its stores every 2 s, and a check on a dead link takes about 10 s).
    private func healthOnceItIs(_ status: String, _ harness: DaemonHarness, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        let deadline = MonotonicClock.seconds() + 60
        var last: JSONValue = .null
        while MonotonicClock.seconds() < deadline {
            last = try ok(harness.client(timeout: 20), "system.health")
            if last["status"]?.stringValue == status { return last }
            usleep(200_000)
        }
        XCTFail("health never became \(status) within 60 s; last: \(JSONWriter.string(last))", file: file, line: line)
        return last
    }
}
