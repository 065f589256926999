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
    func testADaemonCutOffFromPostgreSQLAnswersUnavailableAndServesAgainWhenTheLinkReturns() throws {
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
        XCTAssertTrue(daemon.isRunning, "the daemon survives the cut")
        // Its health says so (a load balancer takes it out of rotation), naming the store.
        let down = try healthOnceItIs("unavailable", harness)
        XCTAssertTrue(down["reason"]?.stringValue?.contains("cannot reach the keyring store postgresql://") == true, "\(down)")
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
        if !during.message.contains("unknown") { XCTAssertFalse(stored.contains("during the cut"), "\(stored)") }
        try expectError(c, "session.get", ids("cust-cut", "s2"), code: -32004)

        // The chain is whole: nothing half-written by the requests the cut broke.
        let verify = try harness.runCLI(["audit", "verify", "--socket", harness.socketPath], timeout: 60)
        XCTAssertEqual(verify.status, 0, "audit verify: \(verify.stdout)\(verify.stderr)")
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
