import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// The test cluster's server crashing while a daemon on it is idle (`scripts/pg-cluster
/// crash`: an immediate stop, no shutdown checkpoint; then started again, crash recovery):
/// the daemon stays up, answers only -32005 until it has reconnected, and serves again
/// without a restart, nothing acknowledged lost. A crash under load, with the server down
/// until an operator acts: `PostgresDiskFullTests.testAFullWALVolume…`.
final class PostgresCrashTests: DaemonTestCase {
    func testAServerCrashWhileTheDaemonIsIdleAnswersOnlyUnavailableAndTheSameDaemonServesAgain() throws {
        guard let cluster = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_DIR"], !cluster.isEmpty,
              PostgresTestStore.ownerURI != nil else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_DIR is not set: the test crashes the throwaway cluster of scripts/pg-cluster")
        }
        let daemon = try startDaemon(["store": .string(try PostgresTestStore.freshSchemaURI(label: "crash"))])
        let pid = try XCTUnwrap(daemon.pid)
        let c = daemon.client(timeout: 60)
        try ok(c, "session.append", sessionParams("cust-crash", "s1", [message("before the crash")]))
        try ok(c, "customer.hold", ["customer": "cust-crash", "reason": "C-1"])
        try ok(c, "customer.release", ["customer": "cust-crash", "reason": "C-1"])
        let before = try ok(c, "session.get", ids("cust-crash", "s1"))

        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/pg-cluster").path
        XCTAssertEqual(PostgresDiskFullTests.shell("'\(script)' crash '\(cluster)' >/dev/null 2>&1"), 0, "scripts/pg-cluster crash")
        XCTAssertEqual(PostgresDiskFullTests.shell("'\(script)' restart '\(cluster)' >/dev/null 2>&1"), 0, "scripts/pg-cluster restart")

        // The writer's and the keyring's connections, idle at the crash, fail their first
        // one or two requests (libpq calls such a connection good until its second failed
        // statement; docs/postgresql.md, "Lost connections and reconnecting"): -32005,
        // nothing else, and served by the third call. (Any call fails so while the
        // writer has not reconnected: even a read's audit entry goes through it.)
        var failures: [String: Int] = [:]
        for (method, params) in [("session.append", sessionParams("cust-crash", "s1", [message("after the crash")])),
                                 ("customer.hold", ["customer": "cust-crash", "reason": "C-2"] as JSONObject),
                                 ("session.append", sessionParams("cust-crash-new", "s1", [message("a new customer")]))] {
            var answers: [Result<JSONValue, ConfideRPCError>] = []
            while answers.count < 3, answers.last?.result == nil {
                answers.append(try c.reply(method, params))
                if answers.last?.result == nil { usleep(150_000) }  // past the first reconnect backoff step
            }
            XCTAssertNotNil(answers.last?.result, "\(method) after the crash: \(answers)")
            for a in answers.dropLast() { XCTAssertEqual(a.code, -32005, "\(method): \(a)") }
            failures[method, default: 0] += answers.count - 1
        }
        // The readers, idle too, find their connections lost at BEGIN and reconnect there:
        // every read is served (each of the pool's connections is borrowed in turn by
        // concurrent reads).
        let readers = 8
        let reads = Locked([Result<JSONValue, ConfideRPCError>]())
        let group = DispatchGroup()
        for _ in 0..<readers * 2 {
            group.enter()
            let client = daemon.client(timeout: 60)
            Thread.detachNewThread {
                defer { group.leave() }
                if let r = try? client.reply("session.get", ids("cust-crash", "s1")) { reads.withLock { $0.append(r) } }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(reads.snapshot.count, readers * 2)
        for r in reads.snapshot { XCTAssertNotNil(r.result, "a read after the crash: \(r)") }
        print("PostgresCrashTests: requests answered -32005 before each was served after the crash: \(failures)")
        XCTAssertEqual(daemon.pid, pid, "the same daemon process throughout")
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-crash", "s1"))), ["before the crash", "after the crash"])
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-crash-new", "s1"))), ["a new customer"])
        XCTAssertEqual(try ok(c, "audit.verify")["ok"], .bool(true))
    }
}
