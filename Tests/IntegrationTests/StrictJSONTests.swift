import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Strict JSON at the socket: the JSONTestSuite cases and the protocol's named traps.
final class StrictJSONTests: DaemonTestCase {
    /// What the daemon must answer for one non-empty line.
    enum Expected: Equatable {
        case parseError            // -32700: not one valid UTF-8 JSON value
        case invalidRequest        // -32600: valid JSON but not a request object or batch
        case perElement(Int)       // a non-empty array: one -32600 per element
    }

    /// The answer a line deserves, by its structure. A line that our strict parser refuses is
    /// a parse error; the suite's own verdict is checked against this separately.
    func expected(for line: [UInt8]) -> Expected {
        guard let value = try? JSONParser.parse(line) else { return .parseError }
        if case .array(let items) = value, !items.isEmpty { return .perElement(items.count) }
        return .invalidRequest
    }

    /// Cases RFC 8259 allows but PROTOCOL.md refuses (duplicate member names).
    static let protocolRejects: Set<String> = ["y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json"]

    func testEveryJSONTestSuiteCaseGetsOneWellFormedErrorPerLine() throws {
        let data = try TestEnvironment.testData("jsontestsuite_cases.json")
        let cases = try XCTUnwrap(JSONParser.parse([UInt8](data))["cases"]?.arrayValue)
        XCTAssertEqual(cases.count, 340)
        let harness = try startDaemon()
        var c = try harness.rawSocket()
        var checkedLines = 0
        for item in cases {
            let file = item["file"]?.stringValue ?? "?"
            let bytes = try XCTUnwrap(Data(base64Encoded: item["bytes_b64"]?.stringValue ?? "").map { [UInt8]($0) }, file)
            let verdict = item["expect"]?.stringValue ?? "?"
            let lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false).map(Array.init)
            // The suite's verdict, where framing does not split the case; the protocol itself
            // refuses duplicate member names, which RFC 8259 parsers may accept.
            if lines.count == 1 {
                let accept = verdict == "accept" && !StrictJSONTests.protocolRejects.contains(file)
                let reject = verdict == "reject" || StrictJSONTests.protocolRejects.contains(file)
                if accept { XCTAssertNotEqual(expected(for: bytes), .parseError, "\(file) must be accepted as JSON") }
                if reject { XCTAssertEqual(expected(for: bytes), .parseError, "\(file) must be refused with -32700") }
            }
            try c.sendLine(bytes)
            for line in lines where !(line.isEmpty || line == [0x0d]) {
                let reply: JSONValue
                do { reply = try c.readValue() } catch {
                    XCTFail("\(file): no well-formed reply line (\(error))")
                    c = try harness.rawSocket()
                    continue
                }
                checkedLines += 1
                switch expected(for: line) {
                case .parseError, .invalidRequest:
                    let want = expected(for: line) == .parseError ? -32700 : -32600
                    guard let o = reply.objectValue else { XCTFail("\(file): expected one error object, got \(reply)"); continue }
                    let r = Reply(object: o)
                    XCTAssertTrue(r.isWellFormedError, "\(file): \(r)")
                    XCTAssertEqual(r.code, want, "\(file): \(r)")
                    if want == -32700 { XCTAssertEqual(r.id, .null, "\(file): \(r)") }
                case .perElement(let n):
                    let members = reply.arrayValue ?? []
                    XCTAssertEqual(members.count, n, "\(file): one error per element: \(reply)")
                    for m in members {
                        XCTAssertTrue(m.objectValue.map { Reply(object: $0).isWellFormedError } ?? false, "\(file): \(m)")
                        XCTAssertEqual(m["error"]?["code"]?.intValue, -32600, "\(file): \(m)")
                    }
                }
            }
            // The next valid request on the same connection still succeeds, and nothing extra came back.
            let probe = try c.roundTrip("system.health")
            XCTAssertEqual(probe.result?["status"], "ok", "\(file): the request after it failed: \(probe)")
        }
        XCTAssertGreaterThan(checkedLines, 340, "cases with newlines add lines")
        assertAlive(harness)
    }

    func testDuplicateMemberNamesAreParseErrorsAndNothingRuns() throws {
        let c = try startDaemon().rawSocket()
        let append = JSONWriter.string(.object(sessionParams("cust-dup", "s", [message("must not be stored")])))
        let lines = [
            #"{"jsonrpc":"2.0","method":"system.health","method":"session.append","params":\#(append),"id":1}"#,
            #"{"jsonrpc":"2.0","method":"session.append","method":"system.health","params":\#(append),"id":2}"#,
            #"{"jsonrpc":"2.0","method":"session.append","params":\#(append),"params":{},"id":3}"#,
            #"{"jsonrpc":"2.0","method":"session.append","params":\#(append),"id":4,"id":5}"#,
            #"[{"jsonrpc":"2.0","method":"session.append","method":"session.append","params":\#(append),"id":6}]"#,
        ]
        for line in lines {
            try c.sendLine(line)
            let reply = try c.readReply()
            XCTAssertTrue(reply.isWellFormedError, "\(reply)")
            XCTAssertEqual(reply.code, -32700, "\(line): \(reply)")
            XCTAssertEqual(reply.id, .null)
        }
        try expectError(c, "session.get", ids("cust-dup", "s"), code: -32004)
    }

    func testByteOrderMarkIsAParseError() throws {
        let c = try startDaemon().rawSocket()
        let request = Array(JSONWriter.string(["jsonrpc": "2.0", "method": "session.append",
                                               "params": .object(sessionParams("cust-bom", "s", [message("x")])), "id": 1]).utf8)
        try c.sendLine([0xEF, 0xBB, 0xBF] + request)
        let reply = try c.readReply()
        XCTAssertTrue(reply.isWellFormedError, "\(reply)")
        XCTAssertEqual(reply.code, -32700, "\(reply)")
        XCTAssertEqual(reply.id, .null)
        try expectError(c, "session.get", ids("cust-bom", "s"), code: -32004)
        // The same request without the BOM runs.
        try c.sendLine(request)
        XCTAssertEqual(try c.readReply().result?["count"]?.intValue, 1)
    }

    func testOtherNonStrictInputIsRefusedAndNotExecuted() throws {
        let c = try startDaemon().rawSocket()
        let p = JSONWriter.string(.object(sessionParams("cust-lax", "s", [message("x")])))
        let lines: [[UInt8]] = [
            Array(#"{"jsonrpc":"2.0","method":"session.append","params":\#(p),"id":1,}"#.utf8),           // trailing comma
            Array(#"{"jsonrpc":"2.0","method":"session.append","params":\#(p),"id":NaN}"#.utf8),          // NaN
            Array(#"/* c */{"jsonrpc":"2.0","method":"session.append","params":\#(p),"id":1}"#.utf8),     // comment
            Array(#"{'jsonrpc':'2.0','method':'session.append','params':\#(p),'id':1}"#.utf8),            // single quotes
            Array(#"{"jsonrpc":"2.0","method":"session.append","params":\#(p),"id":1}"#.utf8) + [0xFF],   // invalid UTF-8 after
            Array(#"{"jsonrpc":"2.0","method":"session.append","params":\#(p),"id":"\#u{0}"}"#.utf8),     // raw NUL in a string
            Array(#"{"jsonrpc":"2.0","method":"session.append","params":\#(p),"id":1} {}"#.utf8),         // two values
        ]
        for line in lines {
            try c.sendLine(line)
            let reply = try c.readReply()
            XCTAssertEqual(reply.code, -32700, "\(String(decoding: line, as: UTF8.self)): \(reply)")
        }
        try expectError(c, "session.get", ids("cust-lax", "s"), code: -32004)
    }
}
