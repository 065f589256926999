import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// The test cluster's server crashing while a daemon on it is idle (`scripts/pg-cluster
/// crash`: an immediate stop, no shutdown checkpoint; then started again, crash recovery):
/// the daemon stays up, and its idle connections find the crash at their next `BEGIN` and
/// reconnect there: every request after the restart is served, nothing acknowledged lost. A crash under load, with the server down
/// until an operator acts: `PostgresDiskFullTests.testAFullWALVolume…`.
final class PostgresCrashTests: DaemonTestCase {
    func testAServerCrashWhileTheDaemonIsIdleFailsNoRequestAfterTheRestartAndTheSameDaemonServes() throws {
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

        // The writer's and the keyring's connections, idle at the crash, find it out at their
        // next BEGIN and reconnect there (libpq may call such a connection good until its
        // second failed statement): every request is served, none answers -32005.
        // (Before: the first one or two requests of each connection failed.)
        for (method, params) in [("session.append", sessionParams("cust-crash", "s1", [message("after the crash")])),
                                 ("customer.hold", ["customer": "cust-crash", "reason": "C-2"] as JSONObject),
                                 ("session.append", sessionParams("cust-crash-new", "s1", [message("a new customer")]))] {
            let answer = try c.reply(method, params)
            XCTAssertNotNil(answer.result, "\(method), the first call after the crash: \(answer)")
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
        XCTAssertEqual(daemon.pid, pid, "the same daemon process throughout")
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-crash", "s1"))), ["before the crash", "after the crash"])
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-crash-new", "s1"))), ["a new customer"])
        XCTAssertEqual(try ok(c, "audit.verify")["ok"], .bool(true))
    }
}
