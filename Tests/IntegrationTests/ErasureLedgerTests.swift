import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Issue 18: a receipt can never be lost, and an erasure survives any restore. Each test
/// drives the real binary over its socket.
final class ErasureLedgerTests: DaemonTestCase {
    private func receipt(_ c: ConfideClient, _ customer: String, reason: String = "GDPR-1") throws -> JSONValue {
        try ok(c, "customer.shred", ["customer": .string(customer), "reason": .string(reason)])
    }

    /// The receipt without the unsigned `repeat` marker.
    private func signed(_ r: JSONValue) -> JSONValue {
        var o = r.objectValue ?? [:]
        o["repeat"] = nil
        return .object(o)
    }

    func testAShredWhoseReplyWasLostAnswersTheSameReceiptWhenRepeated() throws {
        let daemon = try startDaemon()
        let c = try daemon.rawSocket()  // one connection: the notification and the calls after it, in order
        try ok(c, "session.put", sessionParams("lost-1", "s", [message("one"), message("two")]))
        // Sent as a notification: the shred runs, its receipt goes nowhere.
        try c.sendLine(#"{"jsonrpc":"2.0","method":"customer.shred","params":{"customer":"lost-1","reason":"TICKET-77"}}"#)
        // The same connection answers in order: once this reply is in, the shred has run.
        try ok(c, "system.health")
        let again = try ok(c, "customer.shred", ["customer": "lost-1", "reason": "TICKET-77"])
        XCTAssertEqual(again["repeat"], true, "a repeated shred must say it is a repeat: \(again)")
        XCTAssertEqual(again["reason"], "TICKET-77")
        XCTAssertEqual(again["messages"], 2)
        let shreds = (try ok(c, "audit.tail", ["limit": 50])["entries"]?.arrayValue ?? []).filter { $0["method"] == "customer.shred" }
        XCTAssertEqual(shreds.map { $0["outcome"]?.stringValue ?? "" }, ["ok", "ok"], "one entry per shred call, the repeat included")
        let stored = try ok(c, "customer.receipt", ["customer": "lost-1"])
        XCTAssertNil(stored["repeat"])
        XCTAssertEqual(signed(again), stored, "the repeat is not the original receipt")
        // Still verifiable with the audit key, repeat marker and all.
        let file = daemon.root.path + "/receipt.json"
        try Data(JSONWriter.bytes(again)).write(to: URL(fileURLWithPath: file))
        let key = try daemon.runCLI(["keys", "public"] + daemon.offlineStore).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let verify = try daemon.runCLI(["verify-receipt", file, "--public-key", key])
        XCTAssertEqual(verify.status, 0, "verify-receipt: \(verify.stdout) \(verify.stderr)")
        // A client that closed before reading its reply: the receipt is still there.
        try ok(c, "session.put", sessionParams("lost-2", "s", [message("three")]))
        let gone = try daemon.rawSocket()
        try gone.sendLine(#"{"jsonrpc":"2.0","id":1,"method":"customer.shred","params":{"customer":"lost-2","reason":"TICKET-78"}}"#)
        gone.close()
        var repeated: JSONValue?
        for _ in 0..<100 {
            let r = try c.roundTrip("customer.shred", ["customer": "lost-2", "reason": "TICKET-78"])
            if r.result?["repeat"] == true { repeated = r.result; break }
            usleep(20_000)
        }
        XCTAssertEqual(repeated?["messages"], 1, "no stored receipt for the shred whose client went away")
    }

    func testAnErasedCustomerIsToldApartFromOneThatNeverExisted() throws {
        let daemon = try startDaemon()
        let c = daemon.client()
        try ok(c, "session.put", sessionParams("told-apart", "s", [message("x")]))
        let r = try receipt(c, "told-apart")
        // Legal and admin peers are told when it was erased; support peers only that it is not there.
        let erased = try expectError(c, "customer.export", ["customer": "told-apart", "purpose": "subject-access"], code: -32004)
        XCTAssertEqual(erased.data?["erased"], true, "\(erased)")
        XCTAssertEqual(erased.data?["shredded_at"], r["shredded_at"])
        let support = try expectError(c, "session.get", ids("told-apart", "s"), code: -32004)
        XCTAssertNil(support.data, "a support peer learned of the erasure: \(support)")
        let never = try expectError(c, "customer.export", ["customer": "never-was", "purpose": "subject-access"], code: -32004)
        XCTAssertNil(never.data, "\(never)")
        try expectError(c, "customer.receipt", ["customer": "never-was"], code: -32004)
        // The audit chain keeps the reason (the ticket) of the shred.
        let tail = try ok(c, "audit.tail", ["limit": 20])
        let shreds = (tail["entries"]?.arrayValue ?? []).filter { $0["method"] == "customer.shred" }
        XCTAssertEqual(shreds.first?["detail"], "GDPR-1", "\(shreds)")
    }

    func testAnErasureSurvivesRestoringABackupTakenBeforeIt() throws {
        let daemon = try startDaemon()
        var c = daemon.client()
        try ok(c, "session.put", sessionParams("restored", "s", [message("must stay erased")]))
        try ok(c, "session.put", sessionParams("bystander", "s", [message("keep")]))
        _ = try daemon.terminate()
        let backup = daemon.root.path + "/backup"
        try FileManager.default.copyItem(atPath: daemon.stateDir, toPath: backup)
        try daemon.start()
        c = daemon.client()
        let original = try receipt(c, "restored")
        _ = try daemon.terminate()
        // The operator restores the whole state folder from before the shred.
        try FileManager.default.removeItem(atPath: daemon.stateDir)
        try FileManager.default.copyItem(atPath: backup, toPath: daemon.stateDir)
        try daemon.start()
        c = daemon.client()
        let after = try expectError(c, "customer.hold", ["customer": "restored", "reason": "LIT-1"], code: -32004)
        XCTAssertEqual(after.data?["erased"], true, "the restored backup brought the customer back: \(after)")
        XCTAssertEqual(try ok(c, "customer.receipt", ["customer": "restored"]), original)
        XCTAssertEqual(texts(try ok(c, "session.get", ids("bystander", "s"))), ["keep"])
        XCTAssertTrue(daemon.log.contains("re-applied the erasure"), "the re-applied erasure was not logged")
        let tail = try ok(c, "audit.tail", ["limit": 50])
        XCTAssertTrue((tail["entries"]?.arrayValue ?? []).contains { $0["method"] == "customer.shred.reapplied" }, "not audited")
    }

    func testAKeysDatabaseWithErasuresTheLedgerLacksStopsTheStartUnlessRebuilt() throws {
        let daemon = try startDaemon()
        let c = daemon.client()
        for n in 1...2 {
            try ok(c, "session.put", sessionParams("gap-\(n)", "s", [message("x")]))
            _ = try receipt(c, "gap-\(n)")
        }
        _ = try daemon.terminate()
        let ledger = daemon.stateDir + "-erasures.jsonl"
        XCTAssertTrue(FileManager.default.fileExists(atPath: ledger), "no ledger beside the state folder")
        var st = stat()
        XCTAssertEqual(stat(ledger, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        try FileManager.default.removeItem(atPath: ledger)
        let refused = try daemon.runCLI(["serve"] + daemon.devServeArguments)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue((refused.stdout + refused.stderr).contains("--rebuild-erasure-ledger"), "\(refused.stdout) \(refused.stderr)")
        let rebuilt = try daemon.launch(daemon.devServeArguments + ["--rebuild-erasure-ledger"])
        try daemon.waitUntilAnswering(rebuilt)
        XCTAssertEqual(try ok(daemon.client(), "customer.receipt", ["customer": "gap-2"])["reason"], "GDPR-1")
        _ = stopProcess(rebuilt)
        let lines = (try String(contentsOfFile: ledger, encoding: .utf8)).split(separator: "\n")
        XCTAssertEqual(lines.count, 2, "the rebuilt ledger: \(lines)")
        try daemon.start()  // and now it starts without the flag
    }

    /// Found by an attack on issue 18: `restore --key-file K` replaced the state folder's
    /// files first and found out afterwards that K does not open them.
    func testARestoreWithAKeyThatDoesNotOpenTheBackupChangesNothing() throws {
        let daemon = try startDaemon()
        var c = daemon.client()
        try ok(c, "session.put", sessionParams("before", "s", [message("in the backup")]))
        let backup = daemon.root.path + "/bk"
        let made = try daemon.runCLI(["backup", "--to", backup, "--socket", daemon.socketPath])
        XCTAssertEqual(made.status, 0, made.stderr)
        try ok(c, "session.put", sessionParams("after", "s", [message("only in the live store")]))
        _ = try daemon.terminate()
        let otherKey = daemon.root.path + "/other.key"
        XCTAssertEqual(try daemon.runCLI(["keygen", "--out", otherKey]).status, 0)
        let restore = try daemon.runCLI(["restore", "--from", backup, "--state-dir", daemon.stateDir, "--key-file", otherKey,
                                         "--erasure-ledger", daemon.stateDir + "-erasures.jsonl"])
        XCTAssertNotEqual(restore.status, 0)
        XCTAssertTrue(restore.stderr.contains("nothing was restored"), restore.stderr)
        try daemon.start()
        c = daemon.client()
        XCTAssertEqual(texts(try ok(c, "session.get", ids("after", "s"))), ["only in the live store"], "the failed restore replaced the store")
    }

    /// Found by an attack on issue 18: a ledger line copied with a later time and an edited
    /// receipt was stored in keys.db and served by customer.receipt.
    func testAForgedReceiptInTheLedgerStopsTheStart() throws {
        let daemon = try startDaemon()
        let c = daemon.client()
        try ok(c, "session.put", sessionParams("forged", "s", [message("x")]))
        _ = try receipt(c, "forged", reason: "REAL-TICKET")
        _ = try daemon.terminate()
        let ledger = daemon.stateDir + "-erasures.jsonl"
        let lines = (try String(contentsOfFile: ledger, encoding: .utf8)).split(separator: "\n").map(String.init)
        let last = try XCTUnwrap(lines.last)
        var forged = try XCTUnwrap(JSONParser.parse(last).objectValue)
        var body = try XCTUnwrap(forged["receipt"]?.objectValue)
        body["reason"] = "FORGED-TICKET"
        forged["receipt"] = .object(body)
        forged["shredded_at"] = .int((forged["shredded_at"]?.intValue ?? 0) + 1)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: ledger))
        handle.seekToEndOfFile()
        handle.write(Data(JSONWriter.bytes(.object(forged)) + [0x0a]))
        try handle.close()
        let refused = try daemon.runCLI(["serve"] + daemon.devServeArguments)
        XCTAssertNotEqual(refused.status, 0, "the daemon started on a ledger with a forged receipt")
        XCTAssertTrue((refused.stdout + refused.stderr).contains("did not sign"), refused.stderr)
    }
}
