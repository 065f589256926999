// Issue 6: tampering with the audit chain in data.db (raw SQL, store closed) is detected
// at the exact first bad seq.
@_spi(Testing) @testable import ConfideCore
import ConfideCrypto
import ConfideStorage
import Foundation
import XCTest

final class AuditTamperTests: XCTestCase {
    /// A closed store with 35 distinct audit entries (every column set), checkpoints every 10.
    private struct Log {
        let t: CoreTestState
        let publicKey: SigningPublicKey
        var copies = 0
    }

    private func makeLog() throws -> Log {
        let t = try CoreTestState()
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.auditCheckpointInterval = 10
        let store = try t.open(options: options, clock: clock)
        let c = CoreTestSupport.customer("tamper")
        try RAKit.append(store, c, CoreTestSupport.session("s"), "x")  // seq 1
        let ref = try store.keyring.lookup(c)!.auditRef
        for i in 2...35 {
            clock.advance(seconds: 1)
            // Absent fields at 22 (role), 23 (purpose) and 24 (customer ref), as for refused calls.
            let context = RAKit.context("method.\(i)", role: i == 22 ? nil : i % 2 == 0 ? "support" : "legal",
                                        purpose: i == 23 ? nil : "purpose-\(i)", uid: UInt32(1000 + i), pid: Int32(2000 + i))
            try store.audit(context, customerRef: i == 24 ? nil : i % 3 == 0 ? [UInt8](repeating: UInt8(i), count: 16) : ref,
                            outcome: i % 4 == 0 ? -32004 : nil)
        }
        let publicKey = store.keyring.auditPublicKey
        store.close()
        let log = Log(t: t, publicKey: publicKey)
        let pristine = try RAKit.verify(t.state.dataPath, publicKey: publicKey)
        XCTAssertTrue(pristine.ok, "control: the untouched log verifies")
        XCTAssertEqual(pristine.entries, 35)
        XCTAssertEqual(pristine.checkpoints, 4)  // 10, 20, 30 and 35 (close)
        return log
    }

    /// Applies `tamper` to a fresh copy of the log's data.db and verifies it against the real key.
    private func verifyTampered(_ log: inout Log, _ tamper: (Database) throws -> Void) throws -> AuditVerifier.Report {
        log.copies += 1
        let dir = log.t.root.path + "/copy-\(log.copies)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        for name in ["data.db", "data.db-wal"] where FileManager.default.fileExists(atPath: log.t.state.path + "/" + name) {
            try FileManager.default.copyItem(atPath: log.t.state.path + "/" + name, toPath: dir + "/" + name)
        }
        try RAKit.raw(dir + "/data.db") { try tamper($0) }
        return try RAKit.verify(dir + "/data.db", publicKey: log.publicKey)
    }

    private func assertBad(_ report: AuditVerifier.Report, at seq: Int, _ what: String, line: UInt = #line) {
        XCTAssertFalse(report.ok, what, line: line)
        XCTAssertEqual(report.firstBadSeq, seq, "\(what): \(report.problem ?? "")", line: line)
    }

    func testEditingAnySingleFieldOfAnEntryIsDetectedAtThatSeq() throws {
        var log = try makeLog(); defer { log.t.remove() }
        let edits: [(column: String, value: String, seq: Int)] = [
            ("ts", "ts + 1", 1), ("ts", "ts - 1000", 5),
            ("peer_uid", "peer_uid + 1", 6), ("peer_uid", "NULL", 7),
            ("peer_pid", "peer_pid + 1", 8), ("peer_pid", "NULL", 9),
            ("role", "'admin'", 10), ("role", "NULL", 11),
            ("method", "'session.list'", 12),
            ("purpose", "'analytics'", 13), ("purpose", "NULL", 14),
            ("customer_ref", "randomblob(16)", 15), ("customer_ref", "NULL", 16),
            ("outcome", "'ok'", 20), ("outcome", "'-32003'", 17),
            ("hash", "randomblob(32)", 18), ("hash", "zeroblob(32)", 35),
        ]
        for e in edits {
            let report = try verifyTampered(&log) { db in
                try db.execute("UPDATE audit_entry SET \(e.column) = \(e.value) WHERE seq = \(e.seq)")
                XCTAssertEqual(db.changes, 1)
            }
            assertBad(report, at: e.seq, "\(e.column) = \(e.value) at \(e.seq)")
        }
    }

    /// An absent field (NULL) and an empty one hash alike, so turning one into the other must
    /// be caught another way: the writer never stores empty values.
    func testReplacingAnAbsentFieldByAnEmptyValueIsDetected() throws {
        var log = try makeLog(); defer { log.t.remove() }
        for (column, value, seq) in [("role", "''", 22), ("purpose", "''", 23), ("purpose", "''", 1), ("customer_ref", "X''", 24)] {
            let report = try verifyTampered(&log) { db in
                try db.execute("UPDATE audit_entry SET \(column) = \(value) WHERE seq = \(seq) AND \(column) IS NULL")
                XCTAssertEqual(db.changes, 1)
            }
            assertBad(report, at: seq, "\(column) NULL -> \(value) at \(seq)")
        }
    }

    func testDeletingAnEntryIsDetectedAtItsSeq() throws {
        var log = try makeLog(); defer { log.t.remove() }
        for seq in [1, 17, 20, 34, 35] {
            assertBad(try verifyTampered(&log) { try $0.execute("DELETE FROM audit_entry WHERE seq = \(seq)") }, at: seq, "delete \(seq)")
        }
    }

    /// A last seq edited past any real count stops the start-up with an integrity error,
    /// instead of overflowing in the writer on the next entry.
    func testAnAbsurdLastSeqIsRefusedAtOpen() throws {
        let log = try makeLog(); defer { log.t.remove() }
        try StoreTestKit.withRawDatabase(log.t.state.dataPath) { db in
            try db.run("UPDATE audit_entry SET seq = ? WHERE seq = 35", .integer(Int64.max))
        }
        assertStoreError({ _ = try log.t.open() }, "open", matches: StoreTestKit.isIntegrity)
    }

    func testSwappingTheContentsOfTwoEntriesIsDetectedAtTheEarlierOne() throws {
        var log = try makeLog(); defer { log.t.remove() }
        for (a, b) in [(12, 15), (1, 2), (30, 35)] {
            let report = try verifyTampered(&log) { db in
                try db.execute("""
                    UPDATE audit_entry SET seq = -1 WHERE seq = \(a); UPDATE audit_entry SET seq = \(a) WHERE seq = \(b);
                    UPDATE audit_entry SET seq = \(b) WHERE seq = -1;
                    """)
            }
            assertBad(report, at: a, "swap \(a) and \(b)")
        }
    }

    func testTruncatingEntriesVouchedForByASignedCheckpointIsDetected() throws {
        var log = try makeLog(); defer { log.t.remove() }
        assertBad(try verifyTampered(&log) { try $0.execute("DELETE FROM audit_entry WHERE seq > 20") }, at: 21, "cut after 20")
        assertBad(try verifyTampered(&log) { try $0.execute("DELETE FROM audit_entry WHERE seq > 32") }, at: 33, "cut after 32")
        assertBad(try verifyTampered(&log) { try $0.execute("DELETE FROM audit_entry") }, at: 1, "everything deleted")
    }

    func testForgedOrAlteredCheckpointSignatureIsDetected() throws {
        var log = try makeLog(); defer { log.t.remove() }
        // One flipped bit in a signature.
        assertBad(try verifyTampered(&log) { db in
            var signature = try db.queryOne("SELECT signature FROM audit_checkpoint WHERE seq = 20") { $0.blob(0) }!
            signature[17] ^= 0x04
            try db.run("UPDATE audit_checkpoint SET signature = ? WHERE seq = 20", .blob(signature))
        }, at: 20, "one bit of a signature")
        // The head changed, the old signature kept.
        assertBad(try verifyTampered(&log) { db in
            try db.execute("UPDATE audit_checkpoint SET head = zeroblob(32) WHERE seq = 30")
        }, at: 30, "head changed")
        // A checkpoint added by someone without the audit key.
        let forger = try SigningKey.generate()
        assertBad(try verifyTampered(&log) { db in
            let head = try db.queryOne("SELECT hash FROM audit_entry WHERE seq = 15") { $0.blob(0) }!
            try db.run("INSERT INTO audit_checkpoint (seq, head, ts, signature) VALUES (15, ?, 0, ?)",
                       .blob(head), .blob(forger.sign(AuditEntry.checkpointMessage(seq: 15, head: head))))
        }, at: 15, "checkpoint signed by another key")
    }

    func testRechainedEditIsCaughtByTheNextCheckpointOrThePinnedKey() throws {
        var log = try makeLog(); defer { log.t.remove() }
        // The attacker edits entry 13 and recomputes every hash after it, but cannot sign.
        assertBad(try verifyTampered(&log) { try rechain($0, editing: 13, signer: nil) }, at: 20, "re-chained without the key")

        // With their own key they re-sign every checkpoint and replace the key stored in data.db:
        // the file is then consistent with itself, but not with the real audit key.
        let forger = try SigningKey.generate()
        var selfConsistent: AuditVerifier.Report?
        let pinned = try verifyTampered(&log) { db in
            try rechain(db, editing: 13, signer: forger)
            selfConsistent = try AuditVerifier.verify(db)
        }
        XCTAssertEqual(selfConsistent?.ok, true, "control: the forgery is complete")
        assertBad(pinned, at: 10, "forged key, verified with the real one")
    }

    /// Changes entry `seq`'s method and rewrites the hash chain from there (and, given a
    /// signer, every checkpoint and the stored public key), as a capable attacker would.
    private func rechain(_ db: Database, editing seq: Int, signer: SigningKey?) throws {
        var entries = try AuditVerifier.tail(db, limit: 1_000)
        var previous = entries[seq - 2].hash
        for i in (seq - 1)..<entries.count {
            if entries[i].seq == seq { entries[i].method = "session.list" }
            entries[i].hash = entries[i].chainHash(previous: previous)
            previous = entries[i].hash
            try db.run("UPDATE audit_entry SET method = ?, hash = ? WHERE seq = ?",
                       .text(entries[i].method), .blob(entries[i].hash), .int(entries[i].seq))
        }
        guard let signer else { return }
        for c in try db.query("SELECT seq FROM audit_checkpoint", row: { $0.int(0) }) {
            let head = entries[c - 1].hash
            try db.run("UPDATE audit_checkpoint SET head = ?, signature = ? WHERE seq = ?",
                       .blob(head), .blob(signer.sign(AuditEntry.checkpointMessage(seq: c, head: head))), .int(c))
        }
        try db.run("UPDATE audit_meta SET public_key = ?", .blob(signer.publicKey.bytes))
    }
}
