@_spi(Testing) import ConfideCore
import ConfideStorage
import XCTest

/// Audit retention: entries older than `auditRetentionDays` are pruned up to a signed
/// checkpoint, which stays as the anchor of the first kept entry, so the log still verifies.
final class AuditPruneTests: XCTestCase {
    func testPrunedLogStillVerifiesFromItsAnchorCheckpoint() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.auditCheckpointInterval = 10
        options.auditRetentionDays = 30
        let store = try t.open(options: options, clock: clock)
        let admin = RAKit.context("keys.status", role: "admin")
        for _ in 0..<35 { try store.audit(admin, customerRef: nil, outcome: nil) }  // checkpoints at 10, 20, 30
        clock.advance(days: 40)
        for _ in 0..<5 { try store.audit(admin, customerRef: nil, outcome: nil) }   // seq 36...40, checkpoint at 40
        store.scheduler!.runOnce()
        XCTAssertEqual(store.scheduler!.jobStates["audit-prune"]?.itemsDone, 30, "entries 1...30 pruned, up to the checkpoint at 30")

        let live = try store.verifyAudit(context: RAKit.context("audit.verify", role: "admin"))
        XCTAssertTrue(live.ok, live.problem ?? "")
        store.close()
        let entries = try RAKit.entries(t.state.dataPath)
        XCTAssertEqual(entries.first?.seq, 31)
        let offline = try RAKit.verify(t.state.dataPath, publicKey: nil)
        XCTAssertTrue(offline.ok, offline.problem ?? "")
        XCTAssertEqual(try RAKit.raw(t.state.dataPath) { db in try db.queryOne("SELECT MIN(seq) FROM audit_checkpoint") { $0.int(0) } }, 30,
                       "the anchor checkpoint is kept, older ones are gone")
    }

    func testRemovingTheAnchorOrEditingAKeptEntryIsStillDetected() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.auditCheckpointInterval = 10
        options.auditRetentionDays = 30
        let store = try t.open(options: options, clock: clock)
        for _ in 0..<25 { try store.audit(RAKit.context("keys.status", role: "admin"), customerRef: nil, outcome: nil) }
        clock.advance(days: 31)
        store.scheduler!.runOnce()
        store.close()
        XCTAssertTrue(try RAKit.verify(t.state.dataPath).ok)

        try RAKit.raw(t.state.dataPath) { db in try db.run("UPDATE audit_entry SET outcome = '-32003' WHERE seq = (SELECT MIN(seq) FROM audit_entry)") }
        XCTAssertFalse(try RAKit.verify(t.state.dataPath).ok)
        try RAKit.raw(t.state.dataPath) { db in
            try db.run("UPDATE audit_entry SET outcome = 'ok' WHERE seq = (SELECT MIN(seq) FROM audit_entry)")
            try db.run("DELETE FROM audit_checkpoint WHERE seq = (SELECT MIN(seq) FROM audit_checkpoint)")
        }
        let report = try RAKit.verify(t.state.dataPath)
        XCTAssertFalse(report.ok)
        XCTAssertTrue(report.problem?.contains("without a signed checkpoint") == true, report.problem ?? "")
    }

    func testNothingIsPrunedWhenRetentionIsOff() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.auditCheckpointInterval = 5
        let store = try t.open(options: options, clock: clock)
        for _ in 0..<12 { try store.audit(RAKit.context("keys.status", role: "admin"), customerRef: nil, outcome: nil) }
        clock.advance(days: 3650)
        store.scheduler!.runOnce()
        store.close()
        XCTAssertEqual(try RAKit.entries(t.state.dataPath).first?.seq, 1)
    }
}
