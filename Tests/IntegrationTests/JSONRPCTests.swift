import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// JSON-RPC 2.0 framing through the daemon: the specification's examples, notifications,
/// batches and pipelining.
final class JSONRPCTests: DaemonTestCase {
    /// Sends a health request with a unique id and checks that the very next line answers
    /// it: proof that nothing else (a stray reply to a notification, say) was queued before.
    func assertNextLineAnswersProbe(_ c: RawSocket, after what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let id = JSONValue.string(unique("probe"))
        try c.sendLine(["jsonrpc": "2.0", "method": "system.health", "id": id])
        let reply = try c.readReply()
        XCTAssertEqual(reply.id, id, "after \(what): the next line is not the probe's reply: \(reply)", file: file, line: line)
        XCTAssertEqual(reply.result?["status"], "ok", "after \(what): \(reply)", file: file, line: line)
    }

    func testEverySpecificationExampleGetsTheConfideResponse() throws {
        let data = try TestEnvironment.testData("jsonrpc2-spec-examples.json")
        let examples = try XCTUnwrap(JSONParser.parse([UInt8](data))["examples"]?.arrayValue)
        XCTAssertEqual(examples.count, 15)
        let c = try startDaemon().rawSocket()
        for example in examples {
            let name = example["name"]?.stringValue ?? "?"
            let request = try XCTUnwrap(example["request"]?.stringValue, name)
            let expected = try XCTUnwrap(example["confide_response"], name)
            try c.sendLine(request)
            switch expected {
            case .null:
                break  // no reply: the probe below must be answered next
            case .object(let want):
                let got = try c.readReply()
                XCTAssertTrue(got.isWellFormedError, "\(name): \(got)")
                XCTAssertEqual(got.code, want["error"]?["code"]?.intValue, "\(name): \(got)")
                XCTAssertEqual(got.id, want["id"], "\(name): \(got)")
            case .array(let want):
                let got = try XCTUnwrap(c.readValue().arrayValue, "\(name): a batch is answered with an array line")
                assertBatch(got, matches: want, name)
            default:
                XCTFail("\(name): unexpected confide_response \(expected)")
            }
            try assertNextLineAnswersProbe(c, after: name)
        }
    }

    /// Batch members matched by id; members with id null by count.
    func assertBatch(_ got: [JSONValue], matches want: [JSONValue], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, "\(name): \(got)", file: file, line: line)
        func key(_ v: JSONValue) -> String { JSONWriter.string(v["id"] ?? .null) }
        func codes(_ list: [JSONValue]) -> [String: [Int]] {
            Dictionary(grouping: list, by: key).mapValues { $0.map { $0["error"]?["code"]?.intValue ?? 0 }.sorted() }
        }
        XCTAssertEqual(codes(got), codes(want), "\(name): \(got)", file: file, line: line)
        for member in got {
            guard let o = member.objectValue else { XCTFail("\(name): member \(member) is not an object", file: file, line: line); continue }
            XCTAssertTrue(Reply(object: o).isWellFormedError || (o["result"] != nil && o["jsonrpc"] == "2.0"),
                          "\(name): \(member)", file: file, line: line)
        }
    }

    func testNotificationsAreExecutedButNeverAnswered() throws {
        let c = try startDaemon().rawSocket()
        // A notification of a real method is executed...
        try c.sendLine(["jsonrpc": "2.0", "method": "session.append", "params": .object(sessionParams("cust-n", "s", [message("quiet")]))])
        try assertNextLineAnswersProbe(c, after: "an append notification")
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-n", "s"))), ["quiet"])
        // ...and one that fails (unknown method, bad params, not found) is not answered either.
        try c.sendLine(#"{"jsonrpc":"2.0","method":"no.such.method"}"#)
        try c.sendLine(#"{"jsonrpc":"2.0","method":"session.get","params":{"customer":5}}"#)
        try c.sendLine(#"{"jsonrpc":"2.0","method":"session.get","params":{"customer":"nobody","session":"s"}}"#)
        try assertNextLineAnswersProbe(c, after: "failing notifications")
        // A batch of notifications gets no line at all.
        try c.sendLine(.array([
            ["jsonrpc": "2.0", "method": "session.append", "params": .object(sessionParams("cust-n", "s", [message("batched")]))],
            ["jsonrpc": "2.0", "method": "system.health"],
            ["jsonrpc": "2.0", "method": "nope"],
        ]))
        try assertNextLineAnswersProbe(c, after: "a batch of notifications")
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-n", "s"))), ["quiet", "batched"])
    }

    func testBatchAnswersEveryRequestInOneArrayLineAndOmitsNotifications() throws {
        let c = try startDaemon().rawSocket()
        try c.sendLine(.array([
            ["jsonrpc": "2.0", "method": "session.append", "params": .object(sessionParams("cust-b", "s", [message("a")])), "id": "append"],
            ["jsonrpc": "2.0", "method": "session.append", "params": .object(sessionParams("cust-b", "s", [message("b")]))],
            ["jsonrpc": "2.0", "method": "system.health", "id": 7],
            ["jsonrpc": "2.0", "method": "session.get", "params": ["customer": "cust-b"], "id": "bad"],
            ["jsonrpc": "1.0", "method": "system.health", "id": 8],
            "not a request",
        ]))
        let replies = try XCTUnwrap(c.readValue().arrayValue)
        let byID = Dictionary(replies.map { (JSONWriter.string($0["id"] ?? .null), $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(replies.count, 5, "\(replies)")
        XCTAssertEqual(byID["\"append\""]?["result"]?["first_seq"]?.intValue, 1)
        XCTAssertEqual(byID["7"]?["result"]?["status"], "ok")
        XCTAssertEqual(byID["\"bad\""]?["error"]?["code"]?.intValue, -32602)
        XCTAssertEqual(byID["8"]?["error"]?["code"]?.intValue, -32600)
        XCTAssertEqual(byID["null"]?["error"]?["code"]?.intValue, -32600)
        try assertNextLineAnswersProbe(c, after: "a mixed batch")
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-b", "s"))).sorted(), ["a", "b"])
    }

    func testRequestIDsAreEchoedExactlyAndNullIsARequestNotANotification() throws {
        let c = try startDaemon().rawSocket()
        for id in ["12345678901234567890123", "-0", "1.50", "1E+2", "\"ключ 🔑\"", "\"\"", "null"] {
            try c.sendLine(#"{"jsonrpc":"2.0","method":"system.health","id":\#(id)}"#)
            let line = try c.readLine()
            let reply = try JSONParser.parse(line)
            XCTAssertEqual(reply["id"], try JSONParser.parse(id), "id \(id) echoed as \(String(decoding: line, as: UTF8.self))")
            XCTAssertEqual(reply["result"]?["status"], "ok", "id \(id)")
        }
    }

    func testPipelinedRequestsInOneWriteAreAnsweredInOrder() throws {
        let c = try startDaemon().rawSocket()
        var bytes: [UInt8] = []
        var expectedIDs: [JSONValue] = []
        for i in 0..<60 {
            let id: JSONValue = i % 2 == 0 ? .int(1000 + i) : .string("req-\(i)")
            let request: JSONValue
            switch i % 5 {
            case 0: request = ["jsonrpc": "2.0", "method": "session.append", "params": .object(sessionParams("cust-pipe", "s", [message("m\(i)")])), "id": id]
            case 1: request = ["jsonrpc": "2.0", "method": "system.health", "id": id]
            case 2: request = ["jsonrpc": "2.0", "method": "session.get", "params": .object(ids("cust-pipe", "s")), "id": id]
            case 3: request = ["jsonrpc": "2.0", "method": "missing.method", "id": id]
            default: request = ["jsonrpc": "2.0", "method": "session.get", "params": .object(ids("nobody", "s")), "id": id]
            }
            bytes += JSONWriter.bytes(request) + [0x0a]
            expectedIDs.append(id)
            if i % 10 == 9 { bytes += Array(#"{"jsonrpc":"2.0","method":"system.health"}"#.utf8) + [0x0a] }  // a notification in between
        }
        try c.send(bytes)
        var appendSeqs: [Int] = []
        for (i, id) in expectedIDs.enumerated() {
            let reply = try c.readReply()
            XCTAssertEqual(reply.id, id, "reply \(i) out of order: \(reply)")
            switch i % 5 {
            case 0: appendSeqs.append(reply.result?["first_seq"]?.intValue ?? -1)
            case 2: XCTAssertEqual(reply.result?["messages"]?.arrayValue?.count, i / 5 + 1, "the get sees every earlier append")
            case 3: XCTAssertEqual(reply.code, -32601)
            case 4: XCTAssertEqual(reply.code, -32004)
            default: XCTAssertEqual(reply.result?["status"], "ok")
            }
        }
        XCTAssertEqual(appendSeqs, Array(1...12))
        try assertNextLineAnswersProbe(c, after: "the pipelined requests")
    }
}
