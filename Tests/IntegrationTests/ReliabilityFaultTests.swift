import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Damaged or unusable state at start-up, and damaged rows at read time: a clear start-up
/// error (non-zero exit, the file named), or per-request -32006/-32005 — never a crash, never
/// an answer with wrong data.
final class ReliabilityFaultTests: DaemonTestCase {
    static let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    /// A stopped daemon's state holding one session, handed to uid 65534 (the service user:
    /// as root, file modes would not stop the daemon). Proves that user can run it.
    func stateOwnedByServiceUser() throws -> DaemonHarness {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: Self.asNobody[0]) else {
            throw XCTSkip("needs root and setpriv to run the daemon as another user (root ignores file modes)")
        }
        let h = try startDaemon()
        try ok(h.client(), "session.append", sessionParams("cust-ro", "s", [message("kept")]))
        XCTAssertEqual(try h.terminate(), DaemonHarness.Exit.status(0))
        let chown = try runProgram(["chown", "-R", "65534:65534", h.stateDir, h.root.path + "/sock"])
        XCTAssertEqual(chown.status, 0, "\(chown)")
        let control = try h.launch(wrapper: Self.asNobody)
        try h.waitUntilAnswering(control)
        XCTAssertEqual(stopProcess(control), DaemonHarness.Exit.status(0), "the service user runs the daemon on this state")
        return h
    }

    func testReadOnlyDataDBIsAStartupErrorNamingTheFile() throws {
        let h = try stateOwnedByServiceUser()
        XCTAssertEqual(chmod(h.stateDir + "/data.db", 0o400), 0)
        let r = try h.expectStartupRefusal(h.devServeArguments, wrapper: Self.asNobody)
        XCTAssertNotEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains(h.stateDir + "/data.db"), "the message names data.db: \(r.stderr)")
        XCTAssertFalse(r.stderr.contains("daemon.listening"), "it must not serve: \(r.stderr)")
    }

    func testReadOnlyStateDirectoryIsAStartupErrorNamingAFile() throws {
        let h = try stateOwnedByServiceUser()
        let files = try FileManager.default.contentsOfDirectory(atPath: h.stateDir)
        for f in files { XCTAssertEqual(chmod(h.stateDir + "/" + f, 0o400), 0, f) }
        XCTAssertEqual(chmod(h.stateDir, 0o500), 0)
        let r = try h.expectStartupRefusal(h.devServeArguments, wrapper: Self.asNobody)
        XCTAssertNotEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains(h.stateDir + "/"), "the message names the file: \(r.stderr)")
        XCTAssertFalse(r.stderr.contains("daemon.listening"), "it must not serve: \(r.stderr)")
    }

    func testMissingKeysDBWithDataDBPresentIsAStartupErrorAndTouchesNothing() throws {
        let h = try startDaemon()
        try ok(h.client(), "session.append", sessionParams("cust-keys", "s", [message("kept")]))
        XCTAssertEqual(try h.terminate(), DaemonHarness.Exit.status(0))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: h.stateDir + "/keys.db" + suffix) }
        let before = try Data(contentsOf: URL(fileURLWithPath: h.stateDir + "/data.db"))
        let r = try h.expectStartupRefusal(h.devServeArguments)
        XCTAssertNotEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("keys.db"), "the message names keys.db: \(r.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.stateDir + "/keys.db"), "no new keyring was created")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: h.stateDir + "/data.db")), before, "data.db untouched")
    }

    func testCorruptedPagesInDataDBGiveAStartupErrorOrErrorRepliesNeverACrashOrWrongData() throws {
        let seed = ReliabilitySettings.seed()
        print("ReliabilityFaultTests corruption: seed \(seed) (replay with CONFIDE_TEST_SEED=\(seed))")
        var rng = SeededRandom(seed: seed)
        let h = try startDaemon()
        let c = h.client()
        var expected: [(String, String, [String])] = []
        for cust in 0..<3 {
            for s in 0..<3 {
                let t = (0..<60).map { "c\(cust)s\(s)m\($0) " + String(repeating: "p", count: 200 + $0 * 7) }
                try ok(c, "session.put", sessionParams("cust-\(cust)", "s\(s)", t.map { message($0) }))
                expected.append(("cust-\(cust)", "s\(s)", t))
            }
        }
        XCTAssertEqual(try h.terminate(), DaemonHarness.Exit.status(0))
        let data = h.stateDir + "/data.db"
        let pristine = try Data(contentsOf: URL(fileURLWithPath: data))
        let pages = pristine.count / 8192
        XCTAssertGreaterThan(pages, 20, "enough pages to corrupt one in the middle")
        // Variants: a middle page's b-tree header, a middle page's cell content, a page
        // three quarters in, and a seeded random place (seed printed on failure).
        let places = [(pages / 2) * 8192 + 1, (pages / 2) * 8192 + 4000, (pages * 3 / 4) * 8192 + 6000,
                      Int.random(in: 2..<pages, using: &rng) * 8192 + Int.random(in: 0..<8100, using: &rng)]
        var outcomes: [String] = []
        for (variant, offset) in places.enumerated() {
            let what = "seed \(seed) variant \(variant) (offset \(offset))"
            var bytes = pristine
            for i in 0..<48 { bytes[offset + i] = UInt8.random(in: 0...255, using: &rng) }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: data + suffix) }
            try bytes.write(to: URL(fileURLWithPath: data))
            do { try h.start() } catch {
                let p = try XCTUnwrap(h.process)
                XCTAssertNotEqual(p.terminationReason, .uncaughtSignal, "\(what): the daemon crashed at start-up: \(error)")
                XCTAssertNotEqual(p.terminationStatus, 0, what)
                outcomes.append("v\(variant): start-up error")
                continue
            }
            var served = 0, refused: [Int] = []
            let c = h.client()
            for (cust, s, t) in expected {
                let r = try c.reply("session.get", ids(cust, s))
                if let v = r.result {
                    XCTAssertEqual(texts(v), t, "\(what): \(cust)/\(s) read back wrong data")
                    served += 1
                } else {
                    XCTAssertTrue([-32006, -32005].contains(r.code ?? 0), "\(what): \(cust)/\(s): \(r)")
                    refused.append(r.code ?? 0)
                }
            }
            var exporter = h.client()
            for cust in 0..<3 {
                let r: Result<JSONValue, ConfideRPCError>
                do { r = try exporter.reply("customer.export", ["customer": .string("cust-\(cust)")]) } catch {
                    guard error.cutTheReplyShort else { throw error }
                    // Documented: an export that fails after it started streaming ends the line
                    // unfinished and closes the connection (a truncated line, never a wrong one).
                    XCTAssertTrue(h.log.contains("reply.stream_failed"), "\(what): export cut off without a logged reason")
                    refused.append(0)
                    exporter = h.client()
                    continue
                }
                if let v = r.result {
                    let got = (v["sessions"]?.arrayValue ?? []).map { texts($0) }
                    XCTAssertEqual(got, expected.filter { $0.0 == "cust-\(cust)" }.map(\.2), "\(what): export cust-\(cust)")
                } else {
                    XCTAssertTrue([-32006, -32005].contains(r.code ?? 0), "\(what): export: \(r)")
                }
            }
            let audit = try c.reply("audit.verify")
            XCTAssertTrue(audit.result != nil || [-32006, -32005].contains(audit.code ?? 0), "\(what): \(audit)")
            assertAlive(h)
            let exit = try h.terminate()
            if case .signal = exit { XCTFail("\(what): the daemon died by a signal at shutdown: \(exit)") }
            outcomes.append("v\(variant): \(served) sessions served, errors \(refused) (0: export cut off)")
        }
        print("ReliabilityFaultTests corruption (seed \(seed)): \(outcomes.joined(separator: "; "))")
    }

    func testTamperedAndMisplacedChunksAreIntegrityErrorsWhileOtherSessionsStillRead() throws {
        let h = try startDaemon()
        let c = h.client()
        // Created in this order, so session ids are 1...4 in a fresh data.db.
        let sessions = [("cust-a", "s1"), ("cust-a", "s2"), ("cust-b", "s1"), ("cust-b", "s2")]
        var reference: [String: JSONValue] = [:]
        for (cust, s) in sessions {
            try ok(c, "session.append", sessionParams(cust, s, (0..<5).map { message("\(cust) \(s) message \($0)") }))
            reference["\(cust)/\(s)"] = try ok(c, "session.get", ids(cust, s))
        }
        XCTAssertEqual(try h.terminate(), DaemonHarness.Exit.status(0))
        let tamper = try python("""
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            b = bytearray(c.execute('select sealed from chunk where session_id=1 and seq=3').fetchone()[0])
            b[len(b) // 2] ^= 0x01
            n1 = c.execute('update chunk set sealed=? where session_id=1 and seq=3', (bytes(b),)).rowcount
            first = c.execute('select sealed from chunk where session_id=4 and seq=1').fetchone()[0]
            n2 = c.execute('update chunk set sealed=? where session_id=4 and seq=2', (first,)).rowcount
            c.commit(); c.close()
            print(n1, n2)
            """, [h.stateDir + "/data.db"])
        XCTAssertEqual(tamper.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "1 1", "\(tamper)")
        try h.start()
        let d = h.client()
        let flipped = try expectError(d, "session.get", ids("cust-a", "s1"), code: -32006, mentioning: ["authentication"])
        XCTAssertFalse(flipped.message.contains("message 2"), "no plaintext in the error: \(flipped.message)")
        try expectError(d, "session.get", ids("cust-b", "s2"), code: -32006)  // a row copied to another position
        XCTAssertEqual(try ok(d, "session.get", ids("cust-a", "s2")), reference["cust-a/s2"])
        XCTAssertEqual(try ok(d, "session.get", ids("cust-b", "s1")), reference["cust-b/s1"])
        try expectError(d, "customer.export", ["customer": "cust-a"], code: -32006)
        XCTAssertEqual(try ok(d, "session.list", ["customer": "cust-a"])["sessions"]?.arrayValue?.count, 2)
        // The failure is audited, and the chain (untouched) still verifies.
        let tail = try ok(d, "audit.tail", ["limit": 20])["entries"]?.arrayValue ?? []
        XCTAssertTrue(tail.contains { $0["method"] == "session.get" && $0["outcome"] == "-32006" }, "\(tail)")
        XCTAssertEqual(try ok(d, "audit.verify")["ok"], JSONValue.bool(true))
        // A write to the damaged session still works; the damaged row stays unreadable.
        try ok(d, "session.append", sessionParams("cust-a", "s1", [message("after tampering")]))
        try expectError(d, "session.get", ids("cust-a", "s1"), code: -32006)
        assertAlive(h)
    }
}

private extension ConfideClientError {
    /// The reply line ended unfinished (or before it began) and the connection closed.
    var cutTheReplyShort: Bool {
        switch self {
        case .malformedReply, .connectionClosed: return true
        default: return false
        }
    }
}
