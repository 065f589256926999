import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// `max_connections`: a connection over the cap is told so (-32005) and closed, and the
/// admitted ones are unaffected.
final class ConnectionCapTests: DaemonTestCase {
    func testFifthConnectionIsRefusedWithUnavailableWhileTheFirstFourWork() throws {
        let harness = try startDaemon(["max_connections": 4])
        // start() probed health on a connection it then closed; wait until that slot is free.
        var admitted: [RawSocket] = []
        for i in 0..<4 {
            let c = try connectAdmitted(harness, "connection \(i + 1)")
            admitted.append(c)
        }
        let fifth = try harness.rawSocket()
        let refusal = try fifth.readReply(timeout: 5)
        XCTAssertTrue(refusal.isWellFormedError, "\(refusal)")
        XCTAssertEqual(refusal.code, -32005, "\(refusal)")
        XCTAssertEqual(refusal.id, .null)
        XCTAssertTrue(refusal.message.contains("max_connections"), refusal.message)
        XCTAssertTrue(fifth.waitForClose(timeout: 10), "the refused connection is closed")

        for (i, c) in admitted.enumerated() {
            let r = try ok(c, "session.append", sessionParams("cust-cap", "s", [message("from \(i)")]))
            XCTAssertEqual(r["count"]?.intValue, i + 1)
        }
        let stats = try ok(admitted[0], "system.stats")
        XCTAssertGreaterThanOrEqual(stats["connections"]?["refused"]?.intValue ?? 0, 1, "\(stats)")
        XCTAssertEqual(stats["connections"]?["open"]?.intValue, 4, "\(stats)")

        // A freed slot is reused.
        admitted.removeLast().close()
        let again = try connectAdmitted(harness, "a connection after one closed")
        XCTAssertEqual(texts(try ok(again, "session.get", ids("cust-cap", "s"))).count, 4)
    }

    /// Connects until admitted (a slot frees shortly after its client closes), bounded.
    func connectAdmitted(_ harness: DaemonHarness, _ what: String) throws -> RawSocket {
        let deadline = MonotonicClock.seconds() + 10
        var last = ""
        while MonotonicClock.seconds() < deadline {
            let c = try harness.rawSocket()
            do {
                let r = try c.roundTrip("system.health")
                if r.result?["status"] == "ok" { return c }
                last = "\(r)"
            } catch {
                last = "\(error)"
            }
            // A refused connection got the -32005 line instead of the health reply.
            usleep(50_000)
        }
        throw HarnessError("\(what) was never admitted: \(last)")
    }
}
