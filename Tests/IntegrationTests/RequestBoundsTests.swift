import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Bounds every peer lives under: batch length, reply size, and the daemon's peak memory
/// under the worst input the defaults allow.
final class RequestBoundsTests: DaemonTestCase {
    func testBatchLongerThanTheDefaultLimitIsRefusedWholeNamingTheLimit() throws {
        let harness = try startDaemon()
        let c = try harness.rawSocket()
        let batch = JSONValue.array((0..<101).map { i in
            c.request("session.append", sessionParams("cust-batch", "s", [message("m\(i)")])).value
        })
        try c.sendLine(batch)
        let reply = try c.readValue()
        guard case .object(let o) = reply else { return XCTFail("one error for the whole batch, got \(JSONWriter.string(reply).prefix(300))") }
        let r = Reply(object: o)
        XCTAssertTrue(r.isWellFormedError, "\(r)")
        XCTAssertEqual(r.code, -32600, "\(r)")
        XCTAssertEqual(r.id, .null)
        XCTAssertTrue(r.message.contains("max_batch_requests") && r.message.contains("100"), r.message)
        try expectError(c, "session.get", ids("cust-batch", "s"), code: -32004)
        // At the limit the batch is served.
        let full = JSONValue.array((0..<100).map { _ in c.request("system.health").value })
        try c.sendLine(full)
        XCTAssertEqual(try c.readValue().arrayValue?.count, 100)
    }

    func testCommasAndBracketsInsideStringsAndNestedValuesAreNotBatchElements() throws {
        let harness = try startDaemon(["max_batch_requests": 2])
        let c = try harness.rawSocket()
        let tricky = String(repeating: #",[{]}\","#, count: 50)
        let first = c.request("session.append", sessionParams("cust-commas", "s", [message(tricky, meta: ["list": .array((0..<50).map { .int($0) })])]))
        try c.sendLine(.array([first.value, c.request("session.get", ids("cust-commas", "s")).value]))
        let replies = try XCTUnwrap(c.readValue().arrayValue, "two elements are served")
        XCTAssertEqual(replies.count, 2)
        XCTAssertEqual(texts(try XCTUnwrap(replies[1]["result"])), [tricky])
    }

    func testBatchLimitIsConfigurable() throws {
        let c = try startDaemon(["max_batch_requests": 3]).rawSocket()
        try c.sendLine(.array((0..<4).map { _ in c.request("system.health").value }))
        let r = try c.readReply()
        XCTAssertEqual(r.code, -32600, "\(r)")
        XCTAssertTrue(r.message.contains("max_batch_requests (3)"), r.message)
        try c.sendLine(.array((0..<3).map { _ in c.request("system.health").value }))
        XCTAssertEqual(try c.readValue().arrayValue?.count, 3)
    }

    func testReplyLongerThanMaxReplyBytesIsAnErrorNamingTheLimitAndExportStillStreams() throws {
        let limit = 64 << 10
        let harness = try startDaemon(["max_reply_bytes": .int(limit)])
        let c = try harness.rawSocket()
        let text = String(repeating: "r", count: 1000)
        try ok(c, "session.append", sessionParams("cust-big", "big", (0..<100).map { _ in message(text) }))
        try ok(c, "session.append", sessionParams("cust-big", "small", [message("short")]))
        let r = try expectError(c, "session.get", ids("cust-big", "big"), code: -32005, mentioning: ["max_reply_bytes", String(limit)])
        XCTAssertFalse(r.message.contains(text.prefix(20)), "no data in the error")
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-big", "small"))), ["short"])
        // In a batch each reply counts towards the limit: the small one fits, the big one does not.
        try c.sendLine(.array([c.request("session.get", ids("cust-big", "small")).value, c.request("session.get", ids("cust-big", "big")).value]))
        let replies = try XCTUnwrap(c.readValue().arrayValue)
        XCTAssertEqual(replies.count, 2)
        XCTAssertEqual(texts(try XCTUnwrap(replies[0]["result"])), ["short"])
        XCTAssertEqual(replies[1]["error"]?["code"]?.intValue, -32005, "\(replies[1])")
        // The streamed export is not bounded by max_reply_bytes.
        let export = try c.roundTrip("customer.export", ["customer": "cust-big", "purpose": "subject-access"])
        XCTAssertEqual(export.result?["sessions"]?.arrayValue?.count, 2, "\(export.description.prefix(300))")
    }

    /// The worst the defaults allow from hostile peers at once: every connection a peer
    /// with no role may hold sending refused lines, and mapped connections each sending
    /// full-size lines built to expand the most in memory: one request whose params are a
    /// million zeros (values cost far more parsed than as text), then a batch of a million
    /// elements (each would become an error reply). Peak RSS (VmHWM) must stay within a
    /// budget proportional to the connections and `max_request_bytes`.
    func testPeakMemoryStaysBoundedUnderHostileLinesAtTheDefaults() throws {
        guard getuid() == 0 else { throw XCTSkip("needs root to connect as uid 65534") }
        let harness = try startDaemon()
        let pid = try XCTUnwrap(harness.pid)
        let baseline = try XCTUnwrap(kib(procStatus(pid, "VmHWM")))
        let defaultMaxRequestBytes = 2 << 20
        // `[0,0,…,0]` just under the default line limit: about a million values.
        var zeros = [UInt8](repeating: 0x30, count: defaultMaxRequestBytes - 4095)  // odd: "[0,0,…,0]"
        for i in stride(from: 2, to: zeros.count - 1, by: 2) { zeros[i] = 0x2c }
        zeros[0] = 0x5b
        zeros[zeros.count - 1] = 0x5d
        let head = Array(#"{"jsonrpc":"2.0","id":1,"method":"system.health","params":{"pad":"#.utf8)
        let single = head + zeros.prefix(zeros.count - head.count - 2) + Array("]}}".utf8)
        let mapped = try (0..<8).map { _ in try harness.rawSocket(timeout: 120) }
        let unmapped = try (0..<4).map { _ in try connectAs(HostilePeerTests.nobody, harness) }
        for c in unmapped {
            for _ in 0..<3 { try? c.sendLine(Array(zeros.prefix(4001)) + [0x5d]) }
        }
        for c in mapped { try c.sendLine(single) }
        for c in mapped {
            let r = try c.readReply(timeout: 120)
            XCTAssertEqual(r.code, -32700, "\(r)")
            XCTAssertTrue(r.message.contains("max_request_values"), r.message)
        }
        for c in mapped { try c.sendLine(zeros) }
        for c in mapped {
            let reply = try c.readValue(timeout: 120)
            XCTAssertEqual(reply.objectValue.map { Reply(object: $0).code } ?? nil, -32600, "\(JSONWriter.string(reply).prefix(200))")
        }
        assertAlive(harness)
        let peak = try XCTUnwrap(kib(procStatus(pid, "VmHWM")))
        // KiB: per mapped connection six times max_request_bytes (the line buffer, the parse
        // up to max_request_values, the reply), plus 16 MiB of slack for the allocator.
        let budget = mapped.count * 6 * (defaultMaxRequestBytes >> 10) + (16 << 10)
        XCTAssertLessThan(peak - baseline, budget, "peak RSS grew by \(peak - baseline) KiB (baseline \(baseline) KiB)")
        print("peak RSS: baseline \(baseline) KiB, peak \(peak) KiB, growth \(peak - baseline) KiB, budget \(budget) KiB")
    }

    /// Found by an attack on issue 17: one batch line of 100 `session.get` of a large session
    /// held every decrypted reply until the batch ended (+1.5 GiB for a 15 MiB session). Each
    /// reply is now encoded as it comes and the whole line stays within `max_reply_bytes`.
    func testABatchOfLargeReadsKeepsAtMostOneReplyLineInMemory() throws {
        let harness = try startDaemon()
        let pid = try XCTUnwrap(harness.pid)
        let c = try harness.rawSocket(timeout: 300)
        let text = String(repeating: "x", count: 900 << 10)
        for _ in 0..<4 { try ok(c, "session.append", sessionParams("big-reader", "s", [message(text)])) }
        let baseline = try XCTUnwrap(kib(procStatus(pid, "VmHWM")))
        let get = #"{"jsonrpc":"2.0","id":1,"method":"session.get","params":{"customer":"big-reader","session":"s"}}"#
        try c.sendLine("[" + Array(repeating: get, count: 40).joined(separator: ",") + "]")
        let line = try c.readLine(timeout: 300)
        XCTAssertLessThanOrEqual(line.count, (16 << 20) + 1, "the batch reply is longer than max_reply_bytes")
        let growth = try XCTUnwrap(kib(procStatus(pid, "VmHWM"))) - baseline
        // 40 replies of ~3.6 MiB held at once are ~145 MiB (more as decoded values); one reply
        // line of at most 16 MiB plus one read in flight stays far below this.
        XCTAssertLessThan(growth, 96 << 10, "peak RSS grew by \(growth) KiB for one batch line")
        print("batch of 40 large gets: peak RSS growth \(growth) KiB")
    }

    /// "123456 kB" → 123456.
    func kib(_ field: String?) -> Int? { field?.split(separator: " ").first.flatMap { Int($0) } }
}
