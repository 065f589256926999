@_spi(Testing) import ConfideCore
import ConfideJSON
import ConfideStorage
import Foundation
import TestSupport
import XCTest

private typealias TS = CoreTestSupport

/// `PrivacyReport` and what it reads: redaction counts in the writes' audit entries, and
/// the clear timestamps measured against the cryptoperiods and retentions at a given time.
final class PrivacyReportTests: XCTestCase {
    private var state: CoreTestState!
    override func setUpWithError() throws { state = try CoreTestState() }
    override func tearDown() { state?.remove() }

    private func report(at now: Timestamp, policy: PrivacyReport.Policy = .init()) throws -> JSONObject {
        try PrivacyReport.build(state: state.state, policy: policy, since: nil, now: now).json
    }

    func testARedactingWriteRecordsItsCountsPerTypeAndNoValueInItsAuditEntry() throws {
        let store = try state.open()
        defer { store.close() }
        try store.testAppend("c-1", "s-1", [TS.message("ana@example.com and bob@example.org, call +44 20 7946 0958")], redact: true)
        try store.testAppend("c-1", "s-1", [TS.message("no pii here, ana@example.com not redacted")], redact: false)
        let writes = try store.auditTail(limit: 100, context: nil).filter { $0.method == "session.append" }
        XCTAssertEqual(writes.map(\.detail), ["redacted: EMAIL=2 PHONE=1", nil])
        let verified = try store.verifyAudit(context: TS.context("audit.verify"))
        XCTAssertTrue(verified.ok, "an entry with a detail must hash like any other: \(verified)")
    }

    func testKeysAndSessionsArePastTheirPeriodsOnlyOnceThePeriodsHaveRun() throws {
        let store = try state.open()
        try store.put(customer: TS.customer("c-1"), session: TS.session("s-1"), messages: [TS.message("ten days")], metadata: nil,
                      retentionDays: 10, redact: false, context: TS.context("session.put"))
        try store.put(customer: TS.customer("c-2"), session: TS.session("s-1"), messages: [TS.message("held")], metadata: nil,
                      retentionDays: 10, redact: false, context: TS.context("session.put"))
        _ = try store.setHold(customer: TS.customer("c-2"), held: true, context: TS.context("customer.hold"))
        store.close()
        let start = Timestamp.now()

        let soon = try report(at: start.adding(days: 5))
        XCTAssertEqual(soon["retention"]?["past_retention"], 0)
        XCTAssertEqual(soon["keys"]?["kek_past_cryptoperiod"], 0)
        XCTAssertEqual(soon["holds"]?["active"], 1)

        let after11 = try report(at: start.adding(days: 11))
        XCTAssertEqual(after11["retention"]?["past_retention"], 1)
        XCTAssertEqual(after11["retention"]?["past_retention_held"], 1)
        XCTAssertEqual(after11["keys"]?["kek_past_cryptoperiod"], 0)

        let after31 = try report(at: start.adding(days: 31))
        XCTAssertEqual(after31["keys"]?["kek_past_cryptoperiod"], 1)
        XCTAssertEqual(after31["keys"]?["dek_past_cryptoperiod"], 0)

        let after91 = try report(at: start.adding(days: 91))
        XCTAssertEqual(after91["keys"]?["dek_past_cryptoperiod"], 2)
        XCTAssertEqual(after91["holds"]?["items"]?.arrayValue?.first?["days"], 91)
        let noDEKLimit = try report(at: start.adding(days: 91), policy: .init(kekRotationDays: 100, dekRotationDays: nil))
        XCTAssertEqual(noDEKLimit["keys"]?["dek_past_cryptoperiod"], 0)
        XCTAssertEqual(noDEKLimit["keys"]?["kek_past_cryptoperiod"], 0)
    }

    func testAnErasureReceiptEditedInKeysDBIsReportedAsAnInvalidSignature() throws {
        let store = try state.open()
        try store.testAppend("c-1", "s-1", [TS.message("bye")])
        _ = try store.testShred("c-1", reason: "GDPR-1")
        store.close()
        XCTAssertEqual(try report(at: .now())["erasures"]?["receipts_valid"], 1)

        let db = try Database(path: state.state.keysPath)
        let receipt = try XCTUnwrap(db.queryOne("SELECT receipt FROM erasure", row: { String(decoding: $0.blob(0), as: UTF8.self) }))
        let edited = receipt.replacingOccurrences(of: "\"messages\":1", with: "\"messages\":0")
        XCTAssertNotEqual(edited, receipt)
        try db.run("UPDATE erasure SET receipt = ?", .blob(Array(edited.utf8)))
        let r = try report(at: .now())
        XCTAssertEqual(r["erasures"]?["receipts_signed"], 1)
        XCTAssertEqual(r["erasures"]?["receipts_valid"], 0)
        XCTAssertEqual(r["erasures"]?["items"]?.arrayValue?.first?["receipt"], "invalid signature")
    }
}
