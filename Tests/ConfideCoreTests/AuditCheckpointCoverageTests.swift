@_spi(Testing) import ConfideCore
import ConfideStorage
import XCTest

/// The hash chain alone is unkeyed: whoever can write data.db can rewrite entries and
/// recompute every later hash. Signed checkpoints are what authenticate it, so a chain
/// with none does not verify, and entries after the last one are reported as unsigned.
final class AuditCheckpointCoverageTests: XCTestCase {
    private func writeEntries(_ t: CoreTestState, count: Int, interval: Int) throws {
        var options = CoreTestSupport.options()
        options.auditCheckpointInterval = interval
        let store = try t.open(options: options)
        for i in 0..<count { try store.audit(RAKit.context("system.stats", role: "admin"), customerRef: nil, outcome: i % 2 == 0 ? nil : -32003) }
        store.close()
    }

    func testChainWithEveryCheckpointDeletedDoesNotVerify() throws {
        let t = try CoreTestState(); defer { t.remove() }
        try writeEntries(t, count: 25, interval: 10)
        XCTAssertTrue(try RAKit.verify(t.state.dataPath).ok)
        try RAKit.raw(t.state.dataPath) { db in try db.run("DELETE FROM audit_checkpoint") }
        let report = try RAKit.verify(t.state.dataPath)
        XCTAssertFalse(report.ok)
        XCTAssertEqual(report.unsignedTail, 25)
        XCTAssertTrue(report.problem?.contains("no signed checkpoint") == true, report.problem ?? "")
    }

    func testEntriesAfterTheLastCheckpointAreReportedAsUnsigned() throws {
        let t = try CoreTestState(); defer { t.remove() }
        try writeEntries(t, count: 25, interval: 10)
        // Close signed a final checkpoint over all 25; drop it to leave 20...25 unsigned.
        try RAKit.raw(t.state.dataPath) { db in try db.run("DELETE FROM audit_checkpoint WHERE seq > 20") }
        let report = try RAKit.verify(t.state.dataPath)
        XCTAssertTrue(report.ok)
        XCTAssertEqual(report.entries, 25)
        XCTAssertEqual(report.unsignedTail, 5)
    }

    func testLiveVerifySignsTheHeadFirst() throws {
        let t = try CoreTestState(); defer { t.remove() }
        var options = CoreTestSupport.options()
        options.auditCheckpointInterval = 1_000
        let store = try t.open(options: options)
        defer { store.close() }
        for _ in 0..<5 { try store.audit(RAKit.context("keys.status", role: "admin"), customerRef: nil, outcome: nil) }
        let report = try store.verifyAudit(context: RAKit.context("audit.verify", role: "admin"))
        XCTAssertTrue(report.ok, report.problem ?? "")
        XCTAssertGreaterThanOrEqual(report.checkpoints, 1)
        XCTAssertLessThanOrEqual(report.unsignedTail, 1, "at most the verify call's own entry")
    }
}
