import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// Targeted recovery and de-identification checks on the real daemon: a SIGKILL right after
/// a shred reply, a SIGKILL in the middle of a KEK re-wrap, the redacted read views, and the
/// offline check of an erasure receipt. Every wait is bounded; nothing asserts on timing.
final class TargetedRecoveryTests: DaemonTestCase {

    // MARK: 1. SIGKILL right after a shred reply

    func testSIGKILLRightAfterShredReplyKeepsCustomerErasedAndBackgroundPurgeFinishesAfterRestart() throws {
        let harness = try startDaemon(["scheduler_tick_s": 1])
        let c = harness.client(timeout: 30)
        let shredded = unique("big")
        let other = unique("other")
        let sessions = ["s1", "s2", "s3"]
        // 3 × 1,000 messages: above the 2,000 inline limit, so the rows go in the background.
        for s in sessions {
            let messages = (0..<1_000).map { message("\(s) message \($0)") }
            let r = try ok(c, "session.put", sessionParams(shredded, s, messages))
            XCTAssertEqual(r["count"]?.intValue, 1_000)
        }
        try ok(c, "session.append", sessionParams(other, "keep", [message("still here 1"), message("still here 2")]))

        let receipt = try ok(c, "customer.shred", ["customer": .string(shredded), "reason": "T-shred-kill"])
        // SIGKILL at once: nothing after the reply may be needed for the erasure to hold.
        XCTAssertEqual(harness.kill9(), .signal(SIGKILL))
        XCTAssertEqual(receipt["sessions"]?.intValue, 3, "\(receipt)")
        XCTAssertEqual(receipt["messages"]?.intValue, 3_000, "\(receipt)")
        XCTAssertNotNil(receipt["signature"]?.stringValue, "\(receipt)")

        // What the kill left: the purge record must be durable unless the purge already finished.
        let left = try purgeState(harness)
        XCTAssertTrue(left.pendingPurge > 0 || left.orphanSessions == 0,
                      "after SIGKILL: \(left.orphanSessions) sessions of erased customers but no pending_purge record")
        print("TargetedRecoveryTests: at the kill, pending_purge=\(left.pendingPurge), sessions of erased customers=\(left.orphanSessions)")

        try harness.start()
        let after = harness.client(timeout: 30)
        for s in sessions {
            try expectError(after, "session.get", ids(shredded, s), code: -32004)
        }
        try expectError(after, "customer.export", ["customer": .string(shredded)], code: -32004)
        XCTAssertEqual(texts(try ok(after, "session.get", ids(other, "keep"))), ["still here 1", "still here 2"])

        // One complete purge run of the restarted daemon drains pending_purge (the job loops
        // over every record until it is finished), so wait for it, bounded.
        var purge: JSONValue? = nil
        let deadline = MonotonicClock.seconds() + 30
        while MonotonicClock.seconds() < deadline {
            purge = try ok(after, "system.stats")["jobs"]?["purge"]
            if (purge?["runs"]?.intValue ?? 0) >= 1 && purge?["last_outcome"]?.stringValue == "ok" { break }
            usleep(100_000)
        }
        XCTAssertGreaterThanOrEqual(purge?["runs"]?.intValue ?? 0, 1, "the purge job never completed a run after restart: \(purge.map { "\($0)" } ?? "nil")")
        XCTAssertEqual(purge?["last_outcome"]?.stringValue, "ok", "\(purge.map { "\($0)" } ?? "nil")")
        if left.pendingPurge > 0 {
            XCTAssertGreaterThanOrEqual(purge?["items_done"]?.intValue ?? 0, 1, "a pending purge was left at the kill, but the restarted daemon purged nothing")
        }

        try harness.terminate()
        let end = try purgeState(harness)
        XCTAssertEqual(end.pendingPurge, 0, "pending_purge not drained")
        XCTAssertEqual(end.orphanSessions, 0, "session rows of an erased customer remain")
        XCTAssertEqual(end.orphanChunks, 0, "chunk rows without a session remain")
        XCTAssertEqual(end.sessions, 1, "only the other customer's session should be left")

        let verify = try harness.runCLI(["audit", "verify", "--offline"] + harness.offlineStore)
        XCTAssertEqual(verify.status, 0, "audit verify: \(verify.stdout) \(verify.stderr)")
        XCTAssertEqual(try JSONParser.parse(verify.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["ok"], true, verify.stdout)
    }

    /// Counts in a stopped (or killed) daemon's files, read-only: pending purge records,
    /// sessions whose customer has no key left in keys.db, chunks without a session, sessions.
    /// On PostgreSQL (scripts/test's second pass), the same counts in its store's schema.
    private func purgeState(_ harness: DaemonHarness) throws -> (pendingPurge: Int, orphanSessions: Int, orphanChunks: Int, sessions: Int) {
        if harness.usesPostgres, let store = harness.offlineStore.last {
            let n = try PostgresTestStore.column("""
                SELECT concat_ws(' ', (SELECT COUNT(*) FROM pending_purge),
                    (SELECT COUNT(*) FROM session s WHERE NOT EXISTS (SELECT 1 FROM dek d WHERE d.customer_handle = s.customer_handle)),
                    (SELECT COUNT(*) FROM chunk WHERE session_id NOT IN (SELECT id FROM session)),
                    (SELECT COUNT(*) FROM session))
                """, on: store).first?.split(separator: " ").compactMap { Int($0) } ?? []
            guard n.count == 4 else { throw HarnessError("reading the PostgreSQL store failed: \(n)") }
            return (n[0], n[1], n[2], n[3])
        }
        let program = """
            import sqlite3, sys
            c = sqlite3.connect('file:' + sys.argv[1] + '/data.db?mode=ro', uri=True)
            c.execute("ATTACH DATABASE ? AS k", ('file:' + sys.argv[1] + '/keys.db?mode=ro',))
            q = lambda s: c.execute(s).fetchone()[0]
            print(q('SELECT COUNT(*) FROM pending_purge'),
                  q('SELECT COUNT(*) FROM session s WHERE NOT EXISTS (SELECT 1 FROM k.dek d WHERE d.customer_handle = s.customer_handle)'),
                  q('SELECT COUNT(*) FROM chunk WHERE session_id NOT IN (SELECT id FROM session)'),
                  q('SELECT COUNT(*) FROM session'))
            c.close()
            """
        let r = try python(program, [harness.stateDir])
        let n = r.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard r.status == 0, !r.signaled, n.count == 4 else { throw HarnessError("reading \(harness.stateDir) with python3 failed: \(r)") }
        return (n[0], n[1], n[2], n[3])
    }

    // MARK: 2. SIGKILL in the middle of a re-wrap

    func testSIGKILLMidRewrapResumesAfterRestartLeavesOneLiveKEKAndEveryCustomerReads() throws {
        let total = 3_000
        let harness = try startDaemon(["rewrap_batch_size": 10, "scheduler_tick_s": 1])
        let prefix = unique("rw")
        let socket = harness.socketPath
        let failures = Locked([String]())
        let threads = 6
        let finished = runOnThreads(threads, timeout: 120) { t in
            let c = ConfideClient(socketPath: socket, callTimeout: .seconds(30))
            for i in stride(from: t, to: total, by: threads) {
                do {
                    let r = try c.reply("session.append", sessionParams("\(prefix)-\(i)", "s", [message("text of customer \(i)")]))
                    if r.result?["count"]?.intValue != 1 { failures.withLock { $0.append("append \(i): \(r)") }; return }
                } catch {
                    failures.withLock { $0.append("append \(i): \(error)") }
                    return
                }
            }
        }
        XCTAssertTrue(finished, "the appends did not finish within 120 s")
        XCTAssertEqual(failures.snapshot, [])
        guard finished, failures.snapshot.isEmpty else { return }

        let admin = harness.client(timeout: 30)
        let before = try ok(admin, "keys.status")
        XCTAssertEqual(before["customers"]?.intValue, total, "\(before)")
        XCTAssertEqual(before["rewrap_pending"]?.intValue, 0, "\(before)")
        XCTAssertEqual(before["scheduler"]?["leads"], .bool(true), "the only daemon of its store leads: \(before)")

        // Rotate, and SIGKILL as soon as keys.status shows the re-wrap part-way. The re-wrap
        // is fast on a quick disk, so a rotation whose re-wrap we never see part-way is
        // followed by another (bounded); each rotation makes every DEK pending again.
        var killedAt: Int? = nil
        var rotations = 0
        while killedAt == nil && rotations < 5 {
            rotations += 1
            let rotated = try ok(admin, "keys.rotate", ["target": "kek"])
            XCTAssertEqual(rotated["target"], "kek")
            let deadline = MonotonicClock.seconds() + 30
            while MonotonicClock.seconds() < deadline {
                guard let pending = try admin.reply("keys.status").result?["rewrap_pending"]?.intValue else { continue }
                if pending > 0 && pending < total {
                    harness.kill9()
                    killedAt = pending
                    break
                }
                if pending == 0 { break }
            }
        }
        guard let pendingAtKill = killedAt else {
            XCTFail("never saw the re-wrap part-way in \(rotations) rotations (rewrap_batch_size 10, \(total) DEKs)")
            return
        }
        print("TargetedRecoveryTests: SIGKILL with rewrap_pending=\(pendingAtKill) of \(total) (rotation \(rotations))")
        XCTAssertFalse(harness.isRunning)
        for db in ["keys.db", "data.db"] where !harness.usesPostgres {
            XCTAssertEqual(try sqliteIntegrity(harness.stateDir + "/" + db, readOnly: true), "ok", "\(db) after SIGKILL")
        }

        try harness.start()
        let c = harness.client(timeout: 30)
        var status: JSONValue = .null
        var live: [JSONValue] = []
        let deadline = MonotonicClock.seconds() + 60
        while MonotonicClock.seconds() < deadline {
            status = try ok(c, "keys.status")
            live = (status["kek"]?.arrayValue ?? []).filter { $0["state"]?.stringValue != "destroyed" }
            if status["rewrap_pending"]?.intValue == 0 && live.count == 1 { break }
            usleep(100_000)
        }
        XCTAssertEqual(status["rewrap_pending"]?.intValue, 0, "\(status)")
        XCTAssertEqual(live.count, 1, "KEK versions not destroyed: \(live)")
        XCTAssertEqual(live.first?["state"]?.stringValue, "active", "\(live)")
        XCTAssertEqual(live.first?["deks"]?.intValue, total, "\(live)")
        XCTAssertEqual(status["customers"]?.intValue, total, "\(status)")
        XCTAssertEqual(status["kek"]?.arrayValue?.count, rotations + 1, "\(status)")

        let readFailures = Locked([String]())
        let readAll = runOnThreads(threads, timeout: 120) { t in
            let r = ConfideClient(socketPath: socket, callTimeout: .seconds(30))
            for i in stride(from: t, to: total, by: threads) {
                do {
                    let reply = try r.reply("session.get", ids("\(prefix)-\(i)", "s"))
                    guard let result = reply.result, texts(result) == ["text of customer \(i)"] else {
                        readFailures.withLock { $0.append("customer \(i): \(reply)") }
                        continue
                    }
                } catch {
                    readFailures.withLock { $0.append("customer \(i): \(error)") }
                    return
                }
            }
        }
        XCTAssertTrue(readAll, "the reads did not finish within 120 s")
        let problems = readFailures.snapshot
        XCTAssertEqual(problems.count, 0, "\(problems.count) customers do not read back, e.g. \(problems.prefix(5))")
    }

    // MARK: 4. Redacted views

    /// `redact_on_write` accepts the word-level types: with `["PERSON", "ADDRESS"]` names and
    /// street addresses are replaced before sealing, e-mail addresses are left as written.
    func testRedactOnWriteAcceptsPersonAndAddress() throws {
        let harness = try startDaemon(["redact_on_write": .array([.string("person"), .string("ADDRESS")])])
        let c = try harness.client()
        let customer = unique("row")
        try ok(c, "session.append", sessionParams(customer, "s", [
            message("Hi, this is Ana Souza, 10 Downing Street, London SW1A 2AA"),
            message("Ana again, mail ana@example.com"),
        ]))
        let stored = try ok(c, "session.get", ids(customer, "s"))
        XCTAssertEqual(texts(stored), ["Hi, this is [PERSON_1], [ADDRESS_1]", "[PERSON_1] again, mail ana@example.com"])
    }

    func testRedactedViewsDeidentifyWithConsistentNumbersAndLeaveStoredTextUnchanged() throws {
        let harness = try startDaemon()
        let c = harness.client()
        let customer = unique("view")
        let first = [
            "Hi, I'm Ana, ana@example.com",
            "Card 4111 1111 1111 1111, and again ana@example.com",
            "Forward to bob@example.org, not ana@example.com",
            "Same card: 4111 1111 1111 1111",
        ]
        let second = ["Write to carol@example.net", "carol@example.net or dave@example.com", "no PII here"]
        try ok(c, "session.put", sessionParams(customer, "one", first.map { message($0) }))
        try ok(c, "session.put", sessionParams(customer, "two", second.map { message($0) }))

        let expectedFirst = [
            "Hi, I'm [PERSON_1], [EMAIL_1]",
            "Card [CARD_1], and again [EMAIL_1]",
            "Forward to [EMAIL_2], not [EMAIL_1]",
            "Same card: [CARD_1]",
        ]
        let redacted = try ok(c, "session.get", ids(customer, "one").merging(["view": "redacted"]))
        XCTAssertEqual(texts(redacted), expectedFirst)
        XCTAssertEqual(redacted["count"]?.intValue, first.count)
        XCTAssertEqual((redacted["messages"]?.arrayValue ?? []).map { $0["seq"]?.intValue }, [1, 2, 3, 4])

        // The stored transcript is untouched by the redacted read.
        XCTAssertEqual(texts(try ok(c, "session.get", ids(customer, "one"))), first)

        let export = try ok(c, "customer.export", ["customer": .string(customer), "view": "redacted"])
        let sessions = export["sessions"]?.arrayValue ?? []
        XCTAssertEqual(sessions.count, 2, "\(export)")
        let bySession = Dictionary(sessions.compactMap { s in s["session"]?.stringValue.map { ($0, texts(s)) } }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(bySession["one"], expectedFirst)
        let two = bySession["two"] ?? []
        XCTAssertEqual(two.count, 3, "\(export)")
        if two.count == 3 {
            // carol keeps one number across the session's messages; dave gets another.
            let carol = placeholders(in: two[0])
            XCTAssertEqual(carol.count, 1, two[0])
            XCTAssertEqual(placeholders(in: two[1]).first, carol.first, "\(two)")
            XCTAssertEqual(placeholders(in: two[1]).count, 2, "\(two)")
            XCTAssertNotEqual(placeholders(in: two[1]).last, carol.first, "\(two)")
            XCTAssertTrue(placeholders(in: two[1]).allSatisfy { $0.hasPrefix("[EMAIL_") }, "\(two)")
            XCTAssertEqual(two[2], "no PII here")
            for t in two { XCTAssertFalse(t.contains("@"), t) }
        }

        // And the plain reads afterwards still return exactly what was stored.
        XCTAssertEqual(texts(try ok(c, "session.get", ids(customer, "one"))), first)
        XCTAssertEqual(texts(try ok(c, "session.get", ids(customer, "two"))), second)
        let plain = try ok(c, "customer.export", ["customer": .string(customer)])
        let plainTexts = Set((plain["sessions"]?.arrayValue ?? []).map(texts))
        XCTAssertEqual(plainTexts, [first, second])
    }

    /// The `[TYPE_N]` placeholders of a text, in order.
    private func placeholders(in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            out.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    // MARK: 5. Offline receipt verification

    func testVerifyReceiptAcceptsRealReceiptAndRejectsEditedFieldAndOtherKey() throws {
        let harness = try startDaemon()
        let c = harness.client()
        let customer = unique("receipt")
        try ok(c, "session.put", sessionParams(customer, "s", [message("one"), message("two")]))
        let file = harness.root.path + "/receipt.json"

        let shred = try harness.runCLI(["shred", "--customer", customer, "--reason", "T-receipt", "--yes",
                                        "--receipt-out", file, "--socket", harness.socketPath])
        XCTAssertEqual(shred.status, 0, "shred: \(shred.stdout) \(shred.stderr)")
        guard let saved = FileManager.default.contents(atPath: file), let receipt = try? JSONParser.parse([UInt8](saved).filter { $0 != 0x0a }).objectValue else {
            XCTFail("no receipt at \(file)")
            return
        }
        XCTAssertEqual(receipt["messages"]?.intValue, 2, "\(receipt)")

        let publicKey = try harness.runCLI(["keys", "public", "--state-dir", harness.stateDir])
        XCTAssertEqual(publicKey.status, 0, publicKey.stderr)
        let key = publicKey.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(key.count, 64, key)

        let good = try harness.runCLI(["verify-receipt", file, "--public-key", key])
        XCTAssertEqual(good.status, 0, "the real receipt: \(good.stderr)")

        // Re-encoded unchanged it still verifies (the signature covers the canonical form) ...
        let rewritten = harness.root.path + "/receipt-rewritten.json"
        try Data(JSONWriter.bytes(.object(receipt)) + [0x0a]).write(to: URL(fileURLWithPath: rewritten))
        XCTAssertEqual(try harness.runCLI(["verify-receipt", rewritten, "--public-key", key]).status, 0)

        // ... but one changed field does not.
        var edited = receipt
        edited["messages"] = .int(1)
        let editedFile = harness.root.path + "/receipt-edited.json"
        try Data(JSONWriter.bytes(.object(edited)) + [0x0a]).write(to: URL(fileURLWithPath: editedFile))
        let bad = try harness.runCLI(["verify-receipt", editedFile, "--public-key", key])
        XCTAssertEqual(bad.status, 1, "an edited receipt: \(bad.stdout) \(bad.stderr)")
        XCTAssertTrue(bad.stderr.contains("INVALID"), bad.stderr)

        // Another valid 32-byte Ed25519 public key (RFC 8032, test 1) does not verify it either.
        let otherKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        XCTAssertNotEqual(otherKey, key)
        let wrongKey = try harness.runCLI(["verify-receipt", file, "--public-key", otherKey])
        XCTAssertEqual(wrongKey.status, 1, "another key: \(wrongKey.stdout) \(wrongKey.stderr)")
        XCTAssertTrue(wrongKey.stderr.contains("INVALID"), wrongKey.stderr)
    }
}
