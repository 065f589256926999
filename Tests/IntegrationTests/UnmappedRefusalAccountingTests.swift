import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Every refusal of a peer with no role ends up on the record, even though they are audited
/// at a rate (one entry per uid per `refusal_audit_interval_s`, standing for the refusals
/// since the last). Found by the attack on issue 19: refusals after a uid's last entry were
/// never written (not even at shutdown), and uids beyond the first 1,024 were never audited.
final class UnmappedRefusalAccountingTests: DaemonTestCase {
    /// No second entry within a test: only the first refusal of each uid is audited at once.
    let longInterval: JSONObject = ["refusal_audit_interval_s": 86_400]

    /// Refusals the chain accounts for: an entry's method is the refused method (one) or
    /// `(N refused requests)`.
    private func refusalsOnRecord(_ harness: DaemonHarness) throws -> Int {
        let r = try harness.runCLI(["audit", "export"] + harness.offlineStore)
        XCTAssertEqual(r.status, 0, r.stderr)
        var total = 0
        for line in r.stdout.split(separator: "\n") {
            let e = try JSONParser.parse(String(line))
            guard e["outcome"] == "-32003", e["role"] == .null, let method = e["method"]?.stringValue else { continue }
            if method.hasPrefix("("), let n = Int(method.dropFirst().prefix { $0.isNumber }) { total += n } else { total += 1 }
            // Refusals of the uids counted together are not put on any one uid.
            if method.hasSuffix("untracked uids)") { XCTAssertNil(e["peer"]?["uid"]?.intValue, "\(e)") }
            if let uid = e["peer"]?["uid"]?.intValue, uid >= 200_000 + 1024 { XCTFail("an untracked uid's refusals named as its own: \(e)") }
        }
        return total
    }

    private func refuse(_ harness: DaemonHarness, uid: uid_t, times: Int) throws {
        for _ in 0..<times {
            let c = try connectAs(uid, harness)
            XCTAssertEqual(try c.roundTrip("session.get", ids("c", "s")).code, -32003)
            c.close()
        }
    }

    func testRefusalsAfterTheLastAuditedOneAreWrittenAtShutdown() throws {
        let harness = try startDaemon(longInterval)
        try refuse(harness, uid: 65534, times: 3)
        XCTAssertEqual(try harness.terminate(), .status(0))
        XCTAssertEqual(try refusalsOnRecord(harness), 3, "the first is audited at once, the other two at shutdown")
    }

    func testRefusalsOfUidsBeyondTheTrackedOnesAreStillAudited() throws {
        let harness = try startDaemon(longInterval)
        let uids = (0..<1030).map { uid_t(200_000 + $0) }   // more than the 1,024 uids tracked one by one
        for uid in uids { try refuse(harness, uid: uid, times: 1) }
        let stats = try ok(harness.client(), "system.stats")
        XCTAssertEqual(stats["unmapped_refusals"]?["other"]?.intValue, 6, "\(stats["unmapped_refusals"] ?? .null)")
        XCTAssertEqual(try harness.terminate(), .status(0))
        XCTAssertEqual(try refusalsOnRecord(harness), uids.count)
    }
}
