import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// When a call's audit entry cannot be written, the call fails closed (-32005) and changes
/// nothing. data.db's write lock is held from outside for longer than the daemon's busy
/// timeout (5 s), so exactly the audit writes in that window fail while keys.db still
/// commits — the way the second attack on issue 19 isolated them. Before its fixes a
/// call with bad params answered -32602 with no entry at all (N2), and a hold stayed in
/// force behind "nothing was changed" (F5).
final class AuditFailClosedTests: DaemonTestCase {
    /// Holds `BEGIN IMMEDIATE` on the data.db at `path` for `seconds`; returns once it holds it.
    private func lockData(_ path: String, seconds: Double) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            c.execute("BEGIN IMMEDIATE"); print("locked", flush=True); time.sleep(float(sys.argv[2])); c.execute("ROLLBACK")
            """, path, String(seconds)]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("locked") else { throw HarnessError("python3 could not lock \(path): \(line)") }
        return p
    }

    func testCallsWhoseAuditEntryCannotBeWrittenFailClosedAndChangeNothing() throws {
        let harness = try startDaemon()
        let client = harness.client(timeout: 30)
        try ok(client, "session.append", sessionParams("c", "s", [message("x")]))
        let lock = try lockData(harness.stateDir + "/data.db", seconds: 13)
        defer { lock.waitUntilExit() }
        // Bad params: the refusal itself cannot be audited, so the answer is -32005.
        XCTAssertEqual(try client.reply("session.get", ["bogus": 1]).code, -32005)
        // A hold commits in keys.db, its entry fails: it is undone, and the answer is -32005.
        XCTAssertEqual(try client.reply("customer.hold", ["customer": "c", "reason": "case 9"]).code, -32005)
        lock.waitUntilExit()
        XCTAssertEqual(try ok(client, "customer.hold", ["customer": "c", "reason": "case 9"])["since"]?.stringValue?.isEmpty, false)
        // The first hold left nothing: releasing the second one leaves the customer shreddable.
        try ok(client, "customer.release", ["customer": "c", "reason": "closed"])
        XCTAssertNotNil(try ok(client, "customer.shred", ["customer": "c", "reason": "T-4"])["signature"])
    }
}
