import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// Issue 19: every call that reaches authorization gets exactly one audit entry, whatever
/// its outcome. Each method is called once per outcome it can have (ok, invalid params,
/// refused, not found, held), and the chain is read offline after each call (`confide
/// audit export`, which is not itself a request): exactly one new entry of that method,
/// with the reply's outcome. Against the binary before the fix this test fails: an invalid
/// `session.list` cursor left no entry. (A storage failure inside `keys.status`,
/// `keys.rotate` or `system.stats` left none either, for the same reason — the dispatcher
/// took any store error as audited; that path needs a failing keys.db and is not driven
/// here.) The last class, -32005 because the entry itself cannot be written, is
/// `testEveryMethodWhoseEntryCannotBeWrittenAnswersUnavailableAndChangesNothing`.
final class AuditCompletenessTests: DaemonTestCase {
    /// A uid mapped to `support` only and one mapped to `legal` only, so every method has
    /// a peer that holds some role but not the method's.
    static let supportUID = "65534", legalUID = "65533"

    private var harness: DaemonHarness!
    private var lastSeq = 0

    /// The entries committed since the previous look, read from data.db offline.
    private func newEntries() throws -> [JSONObject] {
        let r = try harness.runCLI(["audit", "export"] + harness.offlineStore + ["--since", String(lastSeq)])
        guard r.status == 0 else { throw HarnessError("audit export failed: \(r.stderr)") }
        let entries = try r.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)).objectValue ?? [:] }
        if let seq = entries.last?["seq"]?.intValue { lastSeq = seq }
        return entries
    }

    /// Calls `method` (as the daemon's own uid, which holds every role, unless `asUID`) and
    /// asserts exactly one new entry of `auditedAs` (the method by default), whose outcome
    /// is the reply's: "ok" or the error code, which must be `expect` (nil: success).
    private func check(_ method: String, _ params: JSONObject, expect: Int?, asUID: String? = nil, auditedAs: String? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        _ = try newEntries()
        let code: Int?
        if let uid = asUID {
            let line = JSONWriter.string(.object(["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": .object(params)]))
            let copy = harness.root.path + "/confide"
            if !FileManager.default.fileExists(atPath: copy) {
                try FileManager.default.copyItem(atPath: harness.binary, toPath: copy)
                chmod(copy, 0o755)
            }
            let r = try harness.runCLI(["rpc", line, "--socket", harness.socketPath],
                                       wrapper: [try setpriv(), "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"], binary: copy)
            let text = r.stdout.isEmpty ? r.stderr : r.stdout
            code = (try? JSONParser.parse(text.trimmingCharacters(in: .whitespacesAndNewlines)))?["error"]?["code"]?.intValue
        } else {
            code = try harness.client().reply(method, params).code
        }
        XCTAssertEqual(code, expect, "\(method) \(params): reply", file: file, line: line)
        let name = auditedAs ?? method
        let mine = try newEntries().filter { $0["method"]?.stringValue == name }
        XCTAssertEqual(mine.count, 1, "\(method) → \(expect.map(String.init) ?? "ok"): entries \(mine)", file: file, line: line)
        XCTAssertEqual(mine.first?["outcome"]?.stringValue, expect.map(String.init) ?? "ok", "\(method): outcome", file: file, line: line)
    }

    private func setpriv() throws -> String {
        guard getuid() == 0 else { throw XCTSkip("switching uid needs root (these tests run as uid \(getuid()))") }
        guard let p = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("setpriv (util-linux) is not installed")
        }
        return p
    }

    func testEveryMethodAndOutcomeWritesExactlyOneEntry() throws {
        _ = try setpriv()
        harness = try startDaemon(["roles": ["support": ["uids": [.int(65534)]], "legal": ["uids": [.int(65533)]]]])
        let client = harness.client()
        try ok(client, "session.append", sessionParams("c1", "s1", [message("hello")]))
        let c1: JSONObject = ["customer": "c1"], s1: JSONObject = ["customer": "c1", "session": "s1"]
        let ghost: JSONObject = ["customer": "ghost"], ghostSession: JSONObject = ["customer": "ghost", "session": "s"]
        let bogus: JSONObject = ["bogus": 1]

        // Support methods.
        try check("session.append", sessionParams("c1", "s1", [message("more")]), expect: nil)
        try check("session.append", bogus, expect: -32602)
        try check("session.append", sessionParams("c1", "s1", [message("x")]), expect: -32003, asUID: Self.legalUID)
        try check("session.put", sessionParams("c1", "s2", [message("put")]), expect: nil)
        try check("session.put", bogus, expect: -32602)
        try check("session.put", sessionParams("c1", "s2", [message("x")]), expect: -32003, asUID: Self.legalUID)
        try check("session.get", s1, expect: nil)
        try check("session.get", bogus, expect: -32602)
        try check("session.get", ghostSession, expect: -32004)
        try check("session.get", ["customer": "c1", "session": "nope"], expect: -32004)
        try check("session.get", s1, expect: -32003, asUID: Self.legalUID)
        try check("session.list", c1, expect: nil)
        try check("session.list", ["customer": "c1", "after": "not-a-cursor"], expect: -32602)
        try check("session.list", ghost, expect: -32004)
        try check("session.list", c1, expect: -32003, asUID: Self.legalUID)
        try check("session.delete", ["customer": "c1", "session": "s2"], expect: nil)
        try check("session.delete", ["customer": "c1", "session": "s2"], expect: -32004)
        try check("session.delete", bogus, expect: -32602)
        try check("session.delete", s1, expect: -32003, asUID: Self.legalUID)

        // Legal methods.
        try check("customer.export", c1, expect: nil)
        try check("customer.export", ["customer": "c1", "view": "sideways"], expect: -32602)
        try check("customer.export", ghost, expect: -32004)
        try check("customer.export", c1, expect: -32003, asUID: Self.supportUID)
        try check("customer.hold", ["customer": "c1", "reason": "case 1"], expect: nil)
        try check("customer.hold", ["customer": "ghost", "reason": "case 1"], expect: -32004)
        try check("customer.hold", bogus, expect: -32602)
        try check("customer.hold", ["customer": "c1", "reason": "x"], expect: -32003, asUID: Self.supportUID)
        try check("customer.shred", ["customer": "c1", "reason": "t-1"], expect: -32007)
        try check("customer.release", ["customer": "c1", "reason": "case closed"], expect: nil)
        try check("customer.release", ["customer": "ghost", "reason": "x"], expect: -32004)
        try check("customer.release", bogus, expect: -32602)
        try check("customer.release", ["customer": "c1", "reason": "x"], expect: -32003, asUID: Self.supportUID)
        try check("customer.shred", ["customer": "c1", "reason": "t-1"], expect: nil)
        try check("customer.shred", ["customer": "ghost", "reason": "t-2"], expect: -32004)
        try check("customer.shred", ["customer": "c1", "reason": ""], expect: -32602)
        try check("customer.shred", ["customer": "c1", "reason": "t"], expect: -32003, asUID: Self.supportUID)
        try check("customer.receipt", c1, expect: nil)
        try check("customer.receipt", ghost, expect: -32004)
        try check("customer.receipt", bogus, expect: -32602)
        try check("customer.receipt", c1, expect: -32003, asUID: Self.supportUID)

        // Admin methods.
        try check("keys.status", [:], expect: nil)
        try check("keys.status", bogus, expect: -32602)
        try check("keys.status", [:], expect: -32003, asUID: Self.supportUID)
        try check("keys.rotate", ["target": "kek"], expect: nil)
        try check("keys.rotate", ["target": "customer", "customer": "ghost"], expect: -32004)
        try check("keys.rotate", ["target": "moon"], expect: -32602)
        try check("keys.rotate", ["target": "kek"], expect: -32003, asUID: Self.legalUID)
        try check("audit.verify", [:], expect: nil)
        try check("audit.verify", ["public_key": "zz"], expect: -32602)
        try check("audit.verify", [:], expect: -32003, asUID: Self.supportUID)
        try check("audit.tail", ["limit": 1], expect: nil)
        try check("audit.tail", ["limit": 0], expect: -32602)
        try check("audit.tail", ["follow": "no-such-token"], expect: -32602)
        try check("audit.tail", [:], expect: -32003, asUID: Self.supportUID)
        try check("system.stats", [:], expect: nil)
        try check("system.stats", bogus, expect: -32602)
        try check("system.stats", [:], expect: -32003, asUID: Self.legalUID)
        // (On PostgreSQL, whose own tools back it up, a backup is refused with -32005, audited.)
        try check("system.backup", ["to": .string(harness.root.path + "/backup")], expect: harness.usesPostgres ? -32005 : nil)
        try check("system.backup", ["to": .string(harness.root.path + "/b2"), "keys": false, "data": false], expect: -32602)
        try check("system.backup", ["to": .string(harness.root.path + "/b3")], expect: -32003, asUID: Self.supportUID)

        // A method that does not exist is not a call of anything: no entry (docs/protocol.md).
        _ = try newEntries()
        XCTAssertEqual(try client.reply("no.such.method").code, -32601)
        XCTAssertEqual(try newEntries().count, 0)

        // Integrity failures (-32006): every session row's seal edited outside confide (with
        // Python's sqlite3 module, as an attacker with write access to data.db would; on
        // PostgreSQL, with SQL).
        try ok(client, "session.put", sessionParams("c2", "t1", [message("to be tampered")]))
        if harness.usesPostgres, let store = harness.offlineStore.last {
            try PostgresTestStore.execute("UPDATE session SET seal = '\\x00'", on: store)
        } else {
            let edit = Process()
            edit.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            edit.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE session SET seal = X'00'\"); c.commit()",
                              harness.stateDir + "/data.db"]
            try edit.run()
            edit.waitUntilExit()
            XCTAssertEqual(edit.terminationStatus, 0, "python3 could not edit data.db")
        }
        try check("session.get", ["customer": "c2", "session": "t1"], expect: -32006)
        try check("session.append", sessionParams("c2", "t1", [message("more")]), expect: -32006)
        try check("session.list", ["customer": "c2"], expect: -32006)

        // The health probe is the one method not audited: anyone may poll it.
        _ = try newEntries()
        XCTAssertEqual(try client.reply("system.health").code, nil)
        XCTAssertEqual(try newEntries().filter { $0["method"]?.stringValue == "system.health" }.count, 0)
    }

    // MARK: -32005: the entry cannot be written

    /// A call made while data.db is locked, and the words its -32005 must hold.
    private struct LockedCall {
        let method: String
        let params: JSONObject
        var mentioning: [String] = ["nothing was changed"]
    }

    /// The last outcome class (issue 19, docs/protocol.md "Audited:"): every method, called
    /// as it would succeed and with bad params while no audit entry can be written, answers
    /// -32005 and changes nothing — except the documented rotations, whose -32005 says what
    /// was made. data.db's write lock is held from outside (`DataWriteLock`) while every
    /// call runs at once on its own connection (one busy timeout covers many of them), and
    /// only after the last reply is it released; then nothing a call would have changed is
    /// visible, none of them left an entry, and the chain still verifies.
    func testEveryMethodWhoseEntryCannotBeWrittenAnswersUnavailableAndChangesNothing() throws {
        harness = try startDaemon(DataWriteLock.daemonConfig)
        let client = harness.client(timeout: 30)
        try ok(client, "session.append", sessionParams("c1", "s1", [message("hello")]))
        try ok(client, "session.put", sessionParams("c1", "old", [message("old text")]))
        try ok(client, "session.put", sessionParams("c1", "gone", [message("to be deleted")]))
        for customer in ["free", "held", "victim", "erased", "rotated"] { try ok(client, "session.append", sessionParams(customer, "s", [message("kept")])) }
        try ok(client, "customer.hold", ["customer": "held", "reason": "case 1"])
        try ok(client, "customer.shred", ["customer": "erased", "reason": "T-1"])
        let kekBefore = try ok(client, "keys.status")["kek"]?.arrayValue?.compactMap { $0["version"]?.intValue }.max() ?? 0
        let backup = harness.root.path + "/backup-while-locked"

        let calls: [LockedCall] = [
            LockedCall(method: "session.append", params: sessionParams("c1", "s1", [message("lost append")])),
            LockedCall(method: "session.append", params: sessionParams("c1", "new-by-append", [message("lost append")])),
            LockedCall(method: "session.append", params: sessionParams("fresh", "s", [message("lost append")])),
            LockedCall(method: "session.put", params: sessionParams("c1", "old", [message("lost put")])),
            LockedCall(method: "session.put", params: sessionParams("c1", "new-by-put", [message("lost put")])),
            LockedCall(method: "session.get", params: ids("c1", "s1")),
            LockedCall(method: "session.list", params: ["customer": "c1"]),
            LockedCall(method: "session.delete", params: ids("c1", "gone")),
            LockedCall(method: "customer.export", params: ["customer": "c1"]),
            LockedCall(method: "customer.hold", params: ["customer": "free", "reason": "case 2"]),
            LockedCall(method: "customer.release", params: ["customer": "held", "reason": "case closed"]),
            LockedCall(method: "customer.shred", params: ["customer": "victim", "reason": "T-2"]),
            LockedCall(method: "customer.receipt", params: ["customer": "erased"]),
            LockedCall(method: "keys.status", params: [:]),
            LockedCall(method: "keys.rotate", params: ["target": "kek"],
                       mentioning: ["the KEK was rotated to version \(kekBefore + 1)", "audit record could not be written"]),
            // A customer no other call touches: on PostgreSQL a keyring change of a customer
            // waits for the writes in flight that rely on its keys (docs/scaling.md, "No
            // stale trust"), and those wait for the lock here until their statement timeout,
            // so a rotation of c1 could time out first and honestly answer "nothing changed".
            LockedCall(method: "keys.rotate", params: ["target": "customer", "customer": "rotated"],
                       mentioning: ["new DEK generation", "was created, but its audit record could not be written"]),
            LockedCall(method: "audit.verify", params: [:]),
            LockedCall(method: "audit.tail", params: ["limit": 5]),
            LockedCall(method: "audit.tail", params: ["follow": true]),
            LockedCall(method: "system.stats", params: [:]),
            LockedCall(method: "system.backup", params: ["to": .string(backup)]),
        ]
        // Every audited method once more with params it refuses: the refusal cannot be audited either.
        let methods = Array(Set(calls.map(\.method))).sorted()
        let all = calls + methods.map { LockedCall(method: $0, params: ["bogus": 1]) }
        XCTAssertEqual(methods.count, 16, "every audited method is called: \(methods)")

        _ = try newEntries()
        let before = lastSeq
        let lock = try DataWriteLock(harness)
        defer { lock.release() }
        let started = MonotonicClock.seconds()
        let replies = Locked([Int: Result<JSONValue, ConfideRPCError>]())
        let socketPath = harness.socketPath
        let finished = runOnThreads(all.count, timeout: 180) { i in
            let c = ConfideClient(socketPath: socketPath, connectTimeout: .seconds(5), callTimeout: .seconds(150))
            if let reply = try? c.reply(all[i].method, all[i].params) { replies.withLock { $0[i] = reply } }
        }
        // The probe anyone may poll is not audited, so it answers while nothing can be.
        XCTAssertEqual(try client.reply("system.health").code, nil)
        let seconds = MonotonicClock.seconds() - started
        lock.release()
        XCTAssertTrue(finished, "not every call was answered within 180 s")
        print("AuditCompletenessTests: \(all.count) calls answered -32005 within one lock in \(String(format: "%.1f", seconds)) s")
        for (i, call) in all.enumerated() {
            let label = "\(call.method) \(JSONWriter.string(.object(call.params)))"
            guard let reply = replies.snapshot[i] else { XCTFail("\(label): no reply"); continue }
            XCTAssertEqual(reply.code, -32005, "\(label): \(reply)")
            for word in call.params["bogus"] == nil && reply.code == -32005 ? call.mentioning : [] {
                XCTAssertTrue(reply.message.contains(word), "\(label): message \"\(reply.message)\" should say \"\(word)\"")
            }
        }

        // No call left an entry (none could be written), read before anything else is called.
        let entries = try newEntries()
        let called = Set(methods + ["customer.shred.prepare"])
        XCTAssertEqual(entries.filter { called.contains($0["method"]?.stringValue ?? "") }.count, 0, "entries after seq \(before): \(entries)")

        // Nothing the calls would have changed is visible.
        XCTAssertEqual(texts(try ok(client, "session.get", ids("c1", "s1"))), ["hello"], "the append is not there")
        XCTAssertEqual(texts(try ok(client, "session.get", ids("c1", "old"))), ["old text"], "the put did not replace the session")
        XCTAssertEqual(texts(try ok(client, "session.get", ids("c1", "gone"))), ["to be deleted"], "the delete did not remove the session")
        for created in ["new-by-append", "new-by-put"] {
            XCTAssertEqual(try client.reply("session.get", ids("c1", created)).code, -32004, "\(created) was not created")
        }
        // The first write of a new customer created its keys before the write failed: they
        // are deleted again, so the customer does not exist.
        XCTAssertEqual(try client.reply("session.list", ["customer": "fresh"]).code, -32004, "the failed first write left its new customer")
        XCTAssertFalse(FileManager.default.fileExists(atPath: backup), "the failed backup left its folder \(backup)")
        XCTAssertEqual(texts(try ok(client, "session.get", ids("victim", "s"))), ["kept"], "the shred destroyed nothing")
        XCTAssertEqual(try client.reply("customer.receipt", ["customer": "victim"]).code, -32004, "the shred recorded no erasure")
        XCTAssertEqual(try client.reply("customer.shred", ["customer": "held", "reason": "T-3"]).code, -32007, "the release was undone")
        XCTAssertNotNil(try ok(client, "customer.shred", ["customer": "free", "reason": "T-4"])["signature"], "the hold was undone")
        // The documented exceptions: the rotations were made, as their -32005 said.
        let versions = try ok(client, "keys.status")["kek"]?.arrayValue?.compactMap { $0["version"]?.intValue } ?? []
        XCTAssertEqual(versions.max(), kekBefore + 1, "the KEK rotation the -32005 reported: \(versions)")
        let dekIndex = all.firstIndex { $0.method == "keys.rotate" && $0.params["target"] == "customer" }!
        let reported = replies.snapshot[dekIndex]?.message.components(separatedBy: "generation ").dropFirst().first?.prefix { $0.isNumber }
        let next = try ok(client, "keys.rotate", ["target": "customer", "customer": "rotated"])["generation"]?.intValue
        XCTAssertEqual(next, reported.flatMap { Int($0) }.map { $0 + 1 }, "the DEK generation the -32005 reported was made")
        XCTAssertEqual(try ok(client, "audit.verify")["ok"], true, "the chain still verifies")
    }
}
