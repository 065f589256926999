import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// Hostile or broken clients at the transport level: over-long and endless lines, deep
/// nesting, stalls, disconnects. The daemon stays up, serves others, and stores nothing
/// partial; a session written before reads back byte for byte the same.
final class TransportAbuseTests: DaemonTestCase {
    static let limit = 1 << 20
    /// A small line limit so the abuse is cheap.
    let config: JSONObject = ["max_request_bytes": .int(TransportAbuseTests.limit)]
    /// Short timeouts, only for the tests about them (elsewhere a busy CI host must not trip them).
    let quickTimeouts: JSONObject = ["max_request_bytes": .int(TransportAbuseTests.limit), "request_timeout_s": 1, "idle_timeout_s": 2]

    /// Writes a reference session and returns its `session.get` result.
    func writeReference(_ harness: DaemonHarness) throws -> JSONValue {
        let c = try harness.rawSocket()
        try ok(c, "session.put", sessionParams("cust-ref", "ref", (0..<5).map { message("reference \($0) ✓", author: "a\($0)") }))
        try ok(c, "session.append", sessionParams("cust-ref", "ref", [message("appended", meta: ["k": [1, 2]])]))
        return try ok(c, "session.get", ids("cust-ref", "ref"))
    }

    /// The reference session reads back identical, and its customer has no other session.
    func assertReferenceIntact(_ harness: DaemonHarness, _ reference: JSONValue, file: StaticString = #filePath, line: UInt = #line) throws {
        let c = try harness.rawSocket()
        XCTAssertEqual(try ok(c, "session.get", ids("cust-ref", "ref"), file: file, line: line), reference, file: file, line: line)
        let list = try ok(c, "session.list", ["customer": "cust-ref"], file: file, line: line)
        XCTAssertEqual(list["sessions"]?.arrayValue?.compactMap { $0["session"]?.stringValue }, ["ref"], file: file, line: line)
    }

    /// A complete, valid append request line of about `bytes` bytes (many small messages),
    /// so that storing any of it would be visible.
    func bigAppendLine(customer: String, bytes: Int) -> [UInt8] {
        let text = String(repeating: "z", count: 4000)
        let count = bytes / 4000 + 1
        return JSONWriter.bytes(["jsonrpc": "2.0", "method": "session.append", "id": 1,
                                 "params": .object(sessionParams(customer, "s", (0..<count).map { _ in message(text) }))])
    }

    /// Sends `bytes`, tolerating the daemon closing the connection part-way; returns bytes sent.
    @discardableResult
    func sendUntilClosed(_ c: RawSocket, _ bytes: [UInt8], chunk: Int = 256 << 10) -> Int {
        var sent = 0
        while sent < bytes.count {
            let end = min(bytes.count, sent + chunk)
            do { try c.send(Array(bytes[sent..<end])) } catch { return sent }
            sent = end
        }
        return sent
    }

    func testLineOverMaxRequestBytesGetsInvalidRequestNamingTheLimitAndIsClosed() throws {
        let harness = try startDaemon(config)
        let reference = try writeReference(harness)
        let c = try harness.rawSocket()
        let line = bigAppendLine(customer: "cust-long", bytes: 2 << 20)
        XCTAssertGreaterThan(line.count, 2 * TransportAbuseTests.limit - 10_000)
        sendUntilClosed(c, line)
        _ = sendUntilClosed(c, [0x0a])
        let reply = try c.readReply()
        XCTAssertTrue(reply.isWellFormedError, "\(reply)")
        XCTAssertEqual(reply.code, -32600, "\(reply)")
        XCTAssertEqual(reply.id, .null)
        XCTAssertTrue(reply.message.contains(String(TransportAbuseTests.limit)), "names the limit: \(reply.message)")
        XCTAssertTrue(c.waitForClose(timeout: 10), "the connection is closed after the refusal")
        try expectError(harness.rawSocket(), "session.get", ids("cust-long", "s"), code: -32004)
        // A line just under the limit is still served.
        let under = try harness.rawSocket()
        let fits = bigAppendLine(customer: "cust-fits", bytes: TransportAbuseTests.limit - 20_000)
        XCTAssertLessThan(fits.count, TransportAbuseTests.limit)
        try under.sendLine(fits)
        XCTAssertNotNil(try under.readReply().result?["count"])
        try assertReferenceIntact(harness, reference)
    }

    func testHundredMegabyteLineIsCutOffAndTheDaemonStaysUp() throws {
        let harness = try startDaemon(config)
        let reference = try writeReference(harness)
        let c = try harness.rawSocket()
        let head = Array(#"{"jsonrpc":"2.0","method":"session.append","id":1,"params":{"customer":"cust-huge","session":"s","messages":[{"role":"agent","text":""#.utf8)
        let chunk = [UInt8](repeating: 0x61, count: 1 << 20)
        var sent = 0
        var closedEarly = false
        do {
            try c.send(head)
            sent += head.count
            for _ in 0..<100 {
                try c.send(chunk)
                sent += chunk.count
            }
        } catch ClientFailure.closed {
            closedEarly = true
        }
        XCTAssertTrue(closedEarly, "the daemon should cut the line off long before 100 MB (sent \(sent) bytes)")
        XCTAssertLessThan(sent, 100 << 20)
        let reply = try c.readReply()
        XCTAssertEqual(reply.code, -32600, "\(reply)")
        assertAlive(harness)
        try expectError(harness.rawSocket(), "session.get", ids("cust-huge", "s"), code: -32004)
        try assertReferenceIntact(harness, reference)
    }

    func testDeepNestingIsAParseErrorAndTheDaemonStaysUp() throws {
        let harness = try startDaemon(config)
        let reference = try writeReference(harness)
        let c = try harness.rawSocket()
        let deep = 10_000
        let lines: [String] = [
            String(repeating: "[", count: deep),
            String(repeating: "[", count: deep) + String(repeating: "]", count: deep),
            String(repeating: #"{"a":"#, count: deep) + "1" + String(repeating: "}", count: deep),
            #"{"jsonrpc":"2.0","method":"session.append","id":1,"params":{"customer":"cust-deep","session":"s","messages":[{"role":"agent","text":"x","meta":"#
                + String(repeating: #"{"a":"#, count: deep) + "{}" + String(repeating: "}", count: deep) + "}]}}",
            String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
        ]
        for line in lines {
            try c.sendLine(line)
            let reply = try c.readReply()
            XCTAssertTrue(reply.isWellFormedError, "\(reply)")
            XCTAssertEqual(reply.code, -32700, "\(line.prefix(40))…: \(reply)")
        }
        XCTAssertEqual(try c.roundTrip("system.health").result?["status"], "ok")
        assertAlive(harness)
        try expectError(harness.rawSocket(), "session.get", ids("cust-deep", "s"), code: -32004)
        try assertReferenceIntact(harness, reference)
    }

    func testStalledHalfLineIsDroppedAfterRequestTimeoutWhileOtherClientsAreServed() throws {
        let harness = try startDaemon(quickTimeouts)
        let reference = try writeReference(harness)
        let staller = try harness.rawSocket()
        let line = JSONWriter.bytes(["jsonrpc": "2.0", "method": "session.append", "id": 1,
                                     "params": .object(sessionParams("cust-stall", "s", [message("half")]))])
        try staller.send(Array(line.prefix(line.count / 2)))
        // Meanwhile another client keeps working until the staller is dropped (bounded).
        let busy = try harness.rawSocket()
        var servedDuringStall = 0
        var dropped = false
        let deadline = MonotonicClock.seconds() + 15
        while MonotonicClock.seconds() < deadline {
            let r = try ok(busy, "session.append", sessionParams("cust-busy", "s", [message("during stall \(servedDuringStall)")]))
            XCTAssertEqual(r["count"]?.intValue, servedDuringStall + 1)
            servedDuringStall += 1
            if staller.waitForClose(timeout: 0.1) { dropped = true; break }
        }
        XCTAssertTrue(dropped, "a half line must not hold the connection beyond request_timeout")
        XCTAssertGreaterThan(servedDuringStall, 0)
        // Completing the line now reaches no one.
        _ = sendUntilClosed(staller, Array(line.suffix(from: line.count / 2)) + [0x0a])
        XCTAssertThrowsError(try staller.readLine(timeout: 1), "no reply after the drop")
        try expectError(harness.rawSocket(), "session.get", ids("cust-stall", "s"), code: -32004)
        XCTAssertEqual(texts(try ok(busy, "session.get", ids("cust-busy", "s"))).count, servedDuringStall)
        try assertReferenceIntact(harness, reference)
    }

    func testIdleConnectionIsClosedAfterIdleTimeout() throws {
        let harness = try startDaemon(quickTimeouts)
        let idle = try harness.rawSocket()
        XCTAssertEqual(try idle.roundTrip("system.health").result?["status"], "ok")
        XCTAssertTrue(idle.waitForClose(timeout: 15), "an idle connection must be closed after idle_timeout")
        assertAlive(harness)
    }

    func testClientThatNeverReadsItsRepliesIsDroppedWhileOthersAreServed() throws {
        let harness = try startDaemon(["max_request_bytes": .int(TransportAbuseTests.limit), "write_timeout_s": 1])
        let c = try harness.rawSocket()
        let big = String(repeating: "r", count: 500)
        for part in 0..<2 {  // about 1 MB of transcript (far more than a socket buffer), in lines under the limit
            try ok(c, "session.append", sessionParams("cust-read", "s", (0..<1000).map { message("\(part)-\($0) \(big)") }))
        }
        let reader = try harness.rawSocket()
        XCTAssertEqual(try ok(reader, "system.health")["status"], "ok")  // admitted and counted as open
        var pipelined: [UInt8] = []
        for _ in 0..<20 { pipelined += JSONWriter.bytes(reader.request("session.get", ids("cust-read", "s")).value) + [0x0a] }
        try reader.send(pipelined)  // about 20 MB of replies asked for; none read
        // Others are served meanwhile, and the daemon drops the non-reader (bounded wait).
        var open = 2
        let deadline = MonotonicClock.seconds() + 20
        while open > 1 && MonotonicClock.seconds() < deadline {
            XCTAssertEqual(try ok(c, "system.health")["status"], "ok")
            open = try ok(c, "system.stats")["connections"]?["open"]?.intValue ?? -1
            usleep(100_000)
        }
        XCTAssertEqual(open, 1, "the connection that does not read must be dropped after write_timeout")
        XCTAssertTrue(reader.waitForClose(timeout: 30), "the non-reader's connection ends once drained")
        // The check reads a megabyte itself: after a restart without the 1 s write timeout, so
        // a test host too busy to read it within a second does not get it dropped too (CI did).
        var config = try XCTUnwrap(JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: harness.configPath)))).objectValue)
        config["write_timeout_s"] = nil
        try Data(JSONWriter.bytes(.object(config))).write(to: URL(fileURLWithPath: harness.configPath))
        try harness.restart()
        XCTAssertEqual(texts(try ok(harness.rawSocket(), "session.get", ids("cust-read", "s"))).count, 2000)
    }

    func testClientsDisconnectingMidRequestLeaveNothingPartial() throws {
        let harness = try startDaemon(config)
        let reference = try writeReference(harness)
        // Half a request, then gone.
        let half = try harness.rawSocket()
        let line = bigAppendLine(customer: "cust-half", bytes: 200_000)
        try half.send(Array(line.prefix(line.count - 100)))
        half.close()
        // A whole request, gone before the reply: stored entirely or not at all.
        let whole = try harness.rawSocket()
        let count = 300
        try whole.sendLine(.object(["jsonrpc": "2.0", "method": "session.put", "id": 1,
                                    "params": .object(sessionParams("cust-gone", "s", (0..<count).map { message("msg \($0)") }))]))
        whole.close()
        assertAlive(harness)
        let c = try harness.rawSocket()
        try expectError(c, "session.get", ids("cust-half", "s"), code: -32004)
        let got = try c.roundTrip("session.get", ids("cust-gone", "s"))
        if let result = got.result {
            XCTAssertEqual(texts(result), (0..<count).map { "msg \($0)" }, "a put is all or nothing")
        } else {
            XCTAssertEqual(got.code, -32004, "\(got)")
        }
        try assertReferenceIntact(harness, reference)
    }

    func testAfterEveryAbuseAndARestartTheStoredStateIsIntact() throws {
        let harness = try startDaemon(config)
        let reference = try writeReference(harness)
        let c = try harness.rawSocket()
        // Failed writes aimed at the reference session itself.
        try expectError(c, "session.put", sessionParams("cust-ref", "ref", [message("replace"), ["role": "x", "text": "y"]]), code: -32602)
        try expectError(c, "session.append", sessionParams("cust-ref", "ref", (0..<1001).map { message("m\($0)") }), code: -32602)
        try expectError(c, "session.append", sessionParams("cust-ref", "ref", [message("ok"), message("bad", ts: "never")]), code: -32602)
        try c.sendLine([0x7B, 0xFF, 0xFE, 0x7D])
        XCTAssertEqual(try c.readReply().code, -32700)
        try c.sendLine(String(repeating: "[", count: 10_000))
        XCTAssertEqual(try c.readReply().code, -32700)
        // An over-long write to the reference session, and a half one from a vanishing client.
        let long = try harness.rawSocket()
        var params = sessionParams("cust-ref", "ref", (0..<600).map { _ in message(String(repeating: "q", count: 2000)) })
        params["metadata"] = ["note": "must not land"]
        sendUntilClosed(long, JSONWriter.bytes(["jsonrpc": "2.0", "method": "session.put", "id": 1, "params": .object(params)]) + [0x0a])
        XCTAssertEqual(try long.readReply().code, -32600)
        let vanishing = try harness.rawSocket()
        try vanishing.send(Array(JSONWriter.bytes(["jsonrpc": "2.0", "method": "session.put", "id": 1,
                                                   "params": .object(sessionParams("cust-ref", "ref", []))]).dropLast(3)))
        vanishing.close()
        assertAlive(harness)
        try assertReferenceIntact(harness, reference)
        try harness.restart()
        try assertReferenceIntact(harness, reference)
    }
}
