import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Issue 21, failures across daemons, black-box: two daemons share one PostgreSQL store
/// (`shared_store`), their clients write through both. One daemon killed with kill -9 under
/// load: its clients go on through the other (`ConfideClient(socketPaths:)`), and nothing
/// either daemon acknowledged is lost. The PostgreSQL server restarted under load: both
/// daemons serve again, and every acknowledged write is there.
final class PostgresSharedStoreFailoverTests: DaemonTestCase {
    /// What one writer saw: the texts acknowledged in order, those whose outcome it cannot
    /// know (the connection ended after the line was sent), and anything else that failed.
    private struct Writer {
        var acknowledged: [String] = []
        var unknown: Set<String> = []
        var refused: [String] = []
        /// Acknowledged after the event (kill or restart) had happened.
        var acknowledgedAfter = 0
    }

    /// `count` writers, each appending to its own session until `stop`, through a client
    /// of `paths(writer)`; `event` runs on the test's thread after `before` seconds, then
    /// writing goes on `after` seconds. Each writer's outcomes, by writer.
    private func writeUnderLoad(writers count: Int, paths: (Int) -> [String], before: Double, after: Double,
                                event: () throws -> Void) rethrows -> [Writer] {
        let results = Locked([Writer](repeating: Writer(), count: count))
        let happened = Locked(false), stop = Locked(false)
        let group = DispatchGroup()
        for w in 0..<count {
            group.enter()
            let client = ConfideClient(socketPaths: paths(w), connectTimeout: .seconds(5), callTimeout: .seconds(30))
            Thread.detachNewThread {
                defer { group.leave() }
                var n = 0
                while !stop.snapshot {
                    let text = "writer \(w) message \(n)"
                    n += 1
                    let after = happened.snapshot
                    do {
                        let answer = try client.reply("session.append", sessionParams("cust-w\(w)", "s", [message(text)]))
                        if answer.result != nil {
                            results.withLock { $0[w].acknowledged.append(text); if after { $0[w].acknowledgedAfter += 1 } }
                        } else {
                            // An error reply changed nothing (-32005 while the server is away).
                            results.withLock { $0[w].refused.append("\(text): \(answer)") }
                            usleep(50_000)
                        }
                    } catch {
                        switch error as? ConfideClientError {
                        case .connectionClosed?, .timedOut(.call, _)?:
                            // The line may have reached a daemon: its outcome is unknown.
                            results.withLock { _ = $0[w].unknown.insert(text) }
                        default:
                            results.withLock { $0[w].refused.append("\(text): \(error)") }
                            usleep(50_000)
                        }
                    }
                }
            }
        }
        usleep(UInt32(before * 1_000_000))
        try event()
        happened.withLock { $0 = true }
        usleep(UInt32(after * 1_000_000))
        stop.withLock { $0 = true }
        XCTAssertEqual(group.wait(timeout: .now() + 90), .success, "the writers did not stop")
        return results.snapshot
    }

    /// Every acknowledged text of every writer reads through `client`, in the order it was
    /// acknowledged; nothing reads that the writer was not told of (acknowledged or unknown).
    private func assertNothingAcknowledgedLost(_ writers: [Writer], through client: ConfideClient, file: StaticString = #filePath,
                                               line: UInt = #line) throws {
        for (w, writer) in writers.enumerated() {
            let stored = texts(try ok(client, "session.get", ids("cust-w\(w)", "s")))
            let storedSet = Set(stored)
            let lost = writer.acknowledged.filter { !storedSet.contains($0) }
            XCTAssertEqual(lost, [], "writer \(w): acknowledged appends lost", file: file, line: line)
            XCTAssertEqual(stored.filter { writer.acknowledged.contains($0) }, writer.acknowledged,
                           "writer \(w): acknowledged appends out of order", file: file, line: line)
            let unexplained = stored.filter { !writer.acknowledged.contains($0) && !writer.unknown.contains($0) }
            XCTAssertEqual(unexplained, [], "writer \(w): stored appends nobody was told of, or refused ones", file: file, line: line)
        }
    }

    /// A killed with kill -9 while four writers append, two preferring A, two B. A's writers
    /// go on through B (acknowledged after the kill); nothing acknowledged by either daemon
    /// is lost; every chain verifies through B, A's cut by the kill included, and again
    /// through A once it is restarted (its clients then go back to it).
    func testKillingOneDaemonUnderLoadLosesNothingAcknowledgedAndItsClientsGoOnThroughTheOther() throws {
        let (a, b, _) = try twoDaemons("failover")
        let writers = try writeUnderLoad(writers: 4, paths: { $0 % 2 == 0 ? [a.socketPath, b.socketPath] : [b.socketPath, a.socketPath] },
                                         before: 1.5, after: 2.0) {
            XCTAssertNotNil(a.kill9(), "A was killed")
        }
        let counts = writers.map { ($0.acknowledged.count, $0.acknowledgedAfter, $0.unknown.count, $0.refused.count) }
        print("failover: per writer (acknowledged, of which after the kill, unknown outcome, refused): \(counts)")
        for (w, writer) in writers.enumerated() {
            XCTAssertGreaterThan(writer.acknowledgedAfter, 0, "writer \(w) (preferring \(w % 2 == 0 ? "A" : "B")) wrote nothing after the kill")
            XCTAssertEqual(writer.refused, [], "writer \(w): an error reply or a failed connect: the other daemon was there")
            XCTAssertLessThanOrEqual(writer.unknown.count, 1, "writer \(w): at most the append in flight at the kill is unknown")
        }
        let cb = b.client(timeout: 30)
        try assertNothingAcknowledgedLost(writers, through: cb)
        let report = try ok(cb, "audit.verify")
        XCTAssertEqual(report["ok"], .bool(true), "every chain, A's cut by the kill included: \(report)")

        try a.start()
        let ca = a.client(timeout: 30)
        try assertNothingAcknowledgedLost(writers, through: ca)
        let again = try ok(ca, "audit.verify")
        XCTAssertEqual(again["ok"], .bool(true), "\(again)")
        XCTAssertEqual(again["chains"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["host-a", "host-b"], "\(again)")
        let back = ConfideClient(socketPaths: [a.socketPath, b.socketPath])
        try ok(back, "system.health")
        XCTAssertEqual(back.connectedSocketPath, a.socketPath, "a client preferring A goes back to it")
    }

    /// The server restarted (`scripts/pg-cluster restart`: a fast shutdown, then a start)
    /// while writers append through both daemons: requests in flight answer -32005 or lose
    /// their reply, both daemons serve again without a restart of their own, and every
    /// acknowledged append is there afterwards, read through either daemon.
    func testAServerRestartUnderLoadOnTwoDaemonsLosesNothingAcknowledged() throws {
        guard let cluster = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_DIR"], !cluster.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_DIR is not set: the test restarts the throwaway cluster of scripts/pg-cluster")
        }
        let (a, b, _) = try twoDaemons("pgrestart")
        let (pidA, pidB) = (a.pid, b.pid)
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/pg-cluster").path
        let writers = writeUnderLoad(writers: 4, paths: { $0 % 2 == 0 ? [a.socketPath] : [b.socketPath] }, before: 1.0, after: 4.0) {
            XCTAssertEqual(PostgresDiskFullTests.shell("'\(script)' restart '\(cluster)' >/dev/null 2>&1"), 0, "scripts/pg-cluster restart")
        }
        let counts = writers.map { ($0.acknowledged.count, $0.acknowledgedAfter, $0.unknown.count, $0.refused.count) }
        print("server restart: per writer (acknowledged, of which after the restart, unknown outcome, refused): \(counts)")
        if writers.contains(where: { $0.acknowledgedAfter == 0 }) { print("---- B's log ----\n\(b.log)\n---- end of B's log ----") }
        for (w, writer) in writers.enumerated() {
            XCTAssertGreaterThan(writer.acknowledgedAfter, 0, "writer \(w) wrote nothing after the server came back")
            for refusal in writer.refused {
                XCTAssertTrue(refusal.contains("-32005"), "writer \(w): only 'unavailable' while the server was away: \(refusal)")
            }
        }
        XCTAssertEqual(a.pid, pidA)
        XCTAssertEqual(b.pid, pidB, "the same daemon processes throughout")
        for daemon in [a, b] {
            let client = daemon.client(timeout: 30)
            try assertNothingAcknowledgedLost(writers, through: client)
            let report = try ok(client, "audit.verify")
            XCTAssertEqual(report["ok"], .bool(true), "\(report)")
        }
    }
}
