import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// A batch holding a plaintext read during which an erasure commits withholds its reads,
/// and only its reads: the attack on issue 19 found every reply of such a batch replaced
/// (`-32005 … nothing was changed`, ids lost), although its writes, holds and the shred
/// itself had committed and been audited — the shred's receipt lost, a hold reported as not
/// taken. The shred here is in the batch itself, so the erasure lands between the read and
/// the end of the batch every time.
final class BatchErasureTests: DaemonTestCase {
    func testOnlyTheReadsOfABatchAreWithheldWhenAShredCommitsDuringIt() throws {
        let harness = try startDaemon()
        let c = try harness.rawSocket()
        try ok(c, "session.append", sessionParams("keep", "s", [message("kept")]))
        try ok(c, "session.append", sessionParams("gone", "s", [message("erase me")]))
        try ok(c, "session.append", sessionParams("held", "s", [message("hold me")]))
        let batch: JSONValue = .array([
            ["jsonrpc": "2.0", "id": 1, "method": "session.get", "params": ["customer": "keep", "session": "s"]],
            ["jsonrpc": "2.0", "id": 2, "method": "session.append", "params": .object(sessionParams("keep", "s", [message("after")]))],
            ["jsonrpc": "2.0", "id": 3, "method": "customer.hold", "params": ["customer": "held", "reason": "case 7"]],
            ["jsonrpc": "2.0", "id": 4, "method": "customer.shred", "params": ["customer": "gone", "reason": "T-9"]],
        ])
        try c.sendLine(batch)
        let replies = try XCTUnwrap(c.readValue().arrayValue)
        XCTAssertEqual(replies.count, 4, "\(replies)")
        func reply(_ id: Int) -> JSONValue? { replies.first { $0["id"] == .int(id) } }
        // The read is withheld: its data was read before the erasure point.
        XCTAssertEqual(reply(1)?["error"]?["code"], -32005, "\(replies)")
        // Everything else ran and says so, under its own id.
        XCTAssertEqual(reply(2)?["result"]?["count"], 2, "the append committed: \(replies)")
        XCTAssertEqual(reply(3)?["result"]?["held"], true, "the hold took effect: \(replies)")
        XCTAssertNotNil(reply(4)?["result"]?["signature"], "the shred's receipt must reach the caller: \(replies)")
        XCTAssertEqual(try ok(c, "session.get", ids("keep", "s"))["messages"]?.arrayValue?.count, 2)
    }
}

