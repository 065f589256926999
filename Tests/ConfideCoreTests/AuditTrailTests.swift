// Issue 6: every store call is audited with the right fields, no entry (or file) holds raw
// ids or text, and signed checkpoints are written every N entries and at close.
@_spi(Testing) import ConfideCore
import ConfideCrypto
import ConfideJSON
import ConfideStorage
import Foundation
import XCTest

final class AuditTrailTests: XCTestCase {
    private struct Expected {
        let method: String, role: String?, outcome: String, ref: [UInt8]?, purpose: String?
    }

    func testEveryStoreCallWritesOneEntryWithMethodRoleOutcomeAndPseudonym() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        let store = try t.open(options: CoreTestSupport.options(), clock: clock)
        let c = CoreTestSupport.customer("audited"), d = CoreTestSupport.customer("to-shred")
        let s1 = CoreTestSupport.session("s1"), s2 = CoreTestSupport.session("s2")
        let msg = [CoreTestSupport.message("hello")]
        var expected: [Expected] = []

        _ = try store.append(customer: c, session: s1, messages: msg, redact: false, context: RAKit.context("session.append"))
        let ref = try store.keyring.lookup(c)!.auditRef
        expected.append(.init(method: "session.append", role: "support", outcome: "ok", ref: ref, purpose: nil))
        _ = try store.put(customer: c, session: s2, messages: msg, metadata: nil, retentionDays: nil, redact: false,
                          context: RAKit.context("session.put"))
        expected.append(.init(method: "session.put", role: "support", outcome: "ok", ref: ref, purpose: nil))
        _ = try store.get(customer: c, session: s1, redactedView: false, context: RAKit.context("session.get", purpose: "support"))
        expected.append(.init(method: "session.get", role: "support", outcome: "ok", ref: ref, purpose: "support"))
        _ = try store.list(customer: c, limit: 10, after: nil, context: RAKit.context("session.list", purpose: "analytics"))
        expected.append(.init(method: "session.list", role: "support", outcome: "ok", ref: ref, purpose: "analytics"))
        XCTAssertTrue(RAKit.isNotFound(RAKit.storeError {
            _ = try store.get(customer: c, session: CoreTestSupport.session("nope"), redactedView: false, context: RAKit.context("session.get"))
        }))
        expected.append(.init(method: "session.get", role: "support", outcome: "-32004", ref: ref, purpose: nil))
        XCTAssertTrue(RAKit.isNotFound(RAKit.storeError {
            _ = try store.get(customer: CoreTestSupport.customer("stranger"), session: s1, redactedView: false, context: RAKit.context("session.get"))
        }))
        expected.append(.init(method: "session.get", role: "support", outcome: "-32004", ref: nil, purpose: nil))
        try store.delete(customer: c, session: s2, context: RAKit.context("session.delete"))
        expected.append(.init(method: "session.delete", role: "support", outcome: "ok", ref: ref, purpose: nil))
        XCTAssertTrue(RAKit.isNotFound(RAKit.storeError { try store.delete(customer: c, session: s2, context: RAKit.context("session.delete")) }))
        expected.append(.init(method: "session.delete", role: "support", outcome: "-32004", ref: ref, purpose: nil))
        // A peer without a role refused before any store operation (what the server records).
        try store.audit(RAKit.context("session.get", role: nil), customerRef: nil, outcome: -32003)
        expected.append(.init(method: "session.get", role: nil, outcome: "-32003", ref: nil, purpose: nil))
        try store.audit(RAKit.context("session.append"), customerRef: nil, outcome: -32602)
        expected.append(.init(method: "session.append", role: "support", outcome: "-32602", ref: nil, purpose: nil))
        // Empty role and reference are recorded as absent (they hash alike; the verifier rejects stored empties).
        try store.audit(RAKit.context("system.stats", role: ""), customerRef: [], outcome: nil)
        expected.append(.init(method: "system.stats", role: nil, outcome: "ok", ref: nil, purpose: nil))
        _ = try store.setHold(customer: c, held: true, context: RAKit.context("customer.hold", role: "legal"))
        expected.append(.init(method: "customer.hold", role: "legal", outcome: "ok", ref: ref, purpose: nil))
        _ = try store.export(customer: c, redacted: false, context: RAKit.context("customer.export", role: "legal", purpose: "subject-access")) { _ in }
        expected.append(.init(method: "customer.export", role: "legal", outcome: "ok", ref: ref, purpose: "subject-access"))
        XCTAssertEqual(RAKit.storeError { _ = try store.shred(customer: c, reason: "T-1", context: RAKit.context("customer.shred", role: "legal")) },
                       .legalHold)
        expected.append(.init(method: "customer.shred", role: "legal", outcome: "-32007", ref: ref, purpose: nil))
        _ = try store.append(customer: d, session: s1, messages: msg, redact: false, context: RAKit.context("session.append"))
        let dRef = try store.keyring.lookup(d)!.auditRef
        expected.append(.init(method: "session.append", role: "support", outcome: "ok", ref: dRef, purpose: nil))
        _ = try store.shred(customer: d, reason: "T-2", context: RAKit.context("customer.shred", role: "legal"))
        // A shred records its purge intent before the erasure point, then the erasure itself.
        expected.append(.init(method: "customer.shred.prepare", role: "legal", outcome: "ok", ref: dRef, purpose: nil))
        expected.append(.init(method: "customer.shred", role: "legal", outcome: "ok", ref: dRef, purpose: nil))
        store.close()

        let entries = try RAKit.entries(t.state.dataPath)
        XCTAssertEqual(entries.map(\.seq), Array(1...expected.count), "one entry per call (two for a shred), in order")
        for (e, x) in zip(entries, expected) {
            let label = "seq \(e.seq) \(x.method)"
            XCTAssertEqual(e.method, x.method, label)
            XCTAssertEqual(e.role, x.role, label)
            XCTAssertEqual(e.outcome, x.outcome, label)
            XCTAssertEqual(e.customerRef, x.ref, label)
            XCTAssertEqual(e.purpose, x.purpose, label)
            XCTAssertEqual(e.uid, 1001, label)
            XCTAssertEqual(e.pid, 4242, label)
            XCTAssertEqual(e.timestamp, clock.now(), label)
        }
        XCTAssertNotEqual(ref, dRef, "each customer has its own pseudonym")
        XCTAssertTrue(try RAKit.verify(t.state.dataPath).ok)
    }

    func testNoEntryOrDatabaseFileHoldsRawIdsOrMessageText() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        let markers = ["CUSTMARKER7f3a", "SESSMARKER91bc", "TEXTMARKERc0de", "METAMARKER5e11", "AUTHMARKERbee5", "SHREDMARKERd00d"]
        let c = CoreTestSupport.customer("id-\(markers[0])"), s = CoreTestSupport.session("sess-\(markers[1])")
        let shredded = CoreTestSupport.customer("gone-\(markers[5])")
        let message = CoreTestSupport.message("text \(markers[2]) end", author: "agent-\(markers[4])")
        _ = try store.put(customer: c, session: s, messages: [message], metadata: ["note": .string(markers[3])], retentionDays: 5,
                          redact: false, context: RAKit.context("session.put"))
        _ = try store.append(customer: c, session: s, messages: [message], redact: false, context: RAKit.context("session.append"))
        _ = try store.append(customer: c, session: CoreTestSupport.session("other-\(markers[1])"), messages: [message], redact: true,
                             context: RAKit.context("session.append"))
        XCTAssertEqual(try RAKit.texts(store, c, s).count, 2)
        _ = try store.list(customer: c, limit: 10, after: nil, context: RAKit.context("session.list"))
        try store.delete(customer: c, session: CoreTestSupport.session("other-\(markers[1])"), context: RAKit.context("session.delete"))
        _ = RAKit.storeError { _ = try RAKit.texts(store, c, CoreTestSupport.session("missing-\(markers[1])")) }
        _ = try store.append(customer: shredded, session: s, messages: [message], redact: false, context: RAKit.context("session.append"))
        _ = try store.shred(customer: shredded, reason: "ticket", context: RAKit.context("customer.shred", role: "legal"))

        // Every column of every entry, as SQLite stores it.
        let columns = try RAKit.raw(t.state.dataPath) { db in
            try db.query("SELECT seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash FROM audit_entry") { s in
                (0..<10).map { s.blob(Int32($0)) }
            }
        }
        XCTAssertGreaterThanOrEqual(columns.count, 9)
        let needles = markers.map { Array($0.utf8) }
        for row in columns { for value in row { for n in needles { XCTAssertFalse(RAKit.contains(value, n)) } } }
        // The whole files while open (the WAL still holds the recent pages) and after close.
        let files = ["data.db", "data.db-wal", "keys.db", "keys.db-wal"].map { t.state.path + "/" + $0 }
        // The delete and the shred empty the WAL soon after (a scrub); once they have, one more
        // write puts the recent pages back in it, so the scan below has a WAL to look at.
        let deadline = Date().addingTimeInterval(10)
        while (try RAKit.bytesViaChildProcess(files[1]).count) > 0 && Date() < deadline { usleep(20_000) }
        _ = try store.append(customer: c, session: s, messages: [message], redact: false, context: RAKit.context("session.append"))
        XCTAssertGreaterThan(try RAKit.bytesViaChildProcess(files[1]).count, 0, "the scan sees a non-empty WAL")
        func scan(_ when: String) throws {
            for f in files {
                let bytes = try RAKit.bytesViaChildProcess(f)
                for (m, n) in zip(markers, needles) { XCTAssertFalse(RAKit.contains(bytes, n), "\(m) found in \(f) \(when)") }
            }
        }
        try scan("while open")
        store.close()
        try scan("after close")
        // Control: the scan does find what is there.
        XCTAssertTrue(RAKit.contains(try RAKit.bytesViaChildProcess(t.state.dataPath), Array("session.append".utf8)))
    }

    func testSignedCheckpointsEveryNEntriesAndAtCloseAndWrongKeyFails() throws {
        let t = try CoreTestState(); defer { t.remove() }
        var options = CoreTestSupport.options()
        options.auditCheckpointInterval = 10
        var store = try t.open(options: options)
        let publicKey = store.keyring.auditPublicKey
        for _ in 0..<25 { try store.audit(RAKit.context("test.event"), customerRef: nil, outcome: nil) }
        store.close()
        XCTAssertEqual(try checkpointSeqs(t, publicKey), [10, 20, 25], "every 10 entries, and the head at close")

        store = try t.open(options: options)
        for _ in 0..<10 { try store.audit(RAKit.context("test.event"), customerRef: nil, outcome: nil) }
        XCTAssertEqual(try checkpointSeqs(t, publicKey), [10, 20, 25, 35], "the count resumes after a restart")
        store.close()
        XCTAssertEqual(try checkpointSeqs(t, publicKey), [10, 20, 25, 35], "nothing new to sign at close")

        let good = try RAKit.verify(t.state.dataPath, publicKey: publicKey)
        XCTAssertTrue(good.ok)
        XCTAssertEqual(good.entries, 35)
        XCTAssertEqual(good.checkpoints, 4)
        let wrong = try RAKit.verify(t.state.dataPath, publicKey: try SigningKey.generate().publicKey)
        XCTAssertFalse(wrong.ok)
        XCTAssertEqual(wrong.firstBadSeq, 10)
    }

    /// The checkpoints of data.db, each checked: head = that entry's hash, signature valid.
    private func checkpointSeqs(_ t: CoreTestState, _ key: SigningPublicKey) throws -> [Int] {
        let hashes = Dictionary(uniqueKeysWithValues: try RAKit.entries(t.state.dataPath).map { ($0.seq, $0.hash) })
        let rows = try RAKit.raw(t.state.dataPath) { db in
            try db.query("SELECT seq, head, signature FROM audit_checkpoint ORDER BY seq") { ($0.int(0), $0.blob(1), $0.blob(2)) }
        }
        for (seq, head, signature) in rows {
            XCTAssertEqual(head, hashes[seq], "checkpoint \(seq) signs that entry's hash")
            XCTAssertTrue(key.isValidSignature(signature, for: AuditEntry.checkpointMessage(seq: seq, head: head)), "checkpoint \(seq)")
        }
        return rows.map(\.0)
    }
}
