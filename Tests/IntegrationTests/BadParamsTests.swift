import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Well-formed requests with bad parameters: -32602 naming the field, and nothing stored.
final class BadParamsTests: DaemonTestCase {
    func testWrongTypesAndMissingFieldsAreInvalidParamsNamingTheField() throws {
        let c = try startDaemon().client()
        let good = [message("ok")]
        let cases: [(String, JSONObject, String)] = [
            ("session.append", ["session": "s", "messages": .array(good)], "customer"),
            ("session.append", ["customer": "c", "messages": .array(good)], "session"),
            ("session.append", ["customer": "c", "session": "s"], "messages"),
            ("session.append", ["customer": 5, "session": "s", "messages": .array(good)], "customer"),
            ("session.append", ["customer": "c", "session": ["s"], "messages": .array(good)], "session"),
            ("session.append", ["customer": "c", "session": "s", "messages": "hello"], "messages"),
            ("session.append", ["customer": "c", "session": "s", "messages": []], "messages"),
            ("session.append", ["customer": "c", "session": "s", "messages": ["text"]], "messages[0]"),
            ("session.append", ["customer": "c", "session": "s", "messages": [["text": "no role"]]], "messages[0].role"),
            ("session.append", ["customer": "c", "session": "s", "messages": [["role": "robot", "text": "x"]]], "messages[0].role"),
            ("session.append", ["customer": "c", "session": "s", "messages": [message("a"), ["role": "agent"]]], "messages[1].text"),
            ("session.append", ["customer": "c", "session": "s", "messages": [["role": "agent", "text": 42]]], "messages[0].text"),
            ("session.append", ["customer": "c", "session": "s", "messages": [message("x", ts: "yesterday")]], "messages[0].ts"),
            ("session.append", ["customer": "c", "session": "s", "messages": [["role": "agent", "text": "x", "author": 1]]], "messages[0].author"),
            ("session.append", ["customer": "c", "session": "s", "messages": [["role": "agent", "text": "x", "meta": []]]], "messages[0].meta"),
            ("session.append", ["customer": "c", "session": "s", "messages": [["role": "agent", "text": "x", "colour": "red"]]], "messages[0].colour"),
            ("session.append", ["customer": "c", "session": "s", "messages": .array(good), "redact": "yes"], "redact"),
            ("session.append", ["customer": "c", "session": "s", "messages": .array(good), "custmer": "typo"], "custmer"),
            ("session.put", ["customer": "c", "session": "s", "messages": .array(good), "metadata": ["not", "an", "object"]], "metadata"),
            ("session.put", ["customer": "c", "session": "s", "messages": .array(good), "retention_days": -1], "retention_days"),
            ("session.put", ["customer": "c", "session": "s", "messages": .array(good), "retention_days": "30"], "retention_days"),
            ("session.get", ["customer": "c"], "session"),
            ("session.get", ["customer": "c", "session": "s", "view": "partial"], "view"),
            ("session.get", ["customer": "c", "session": "s", "purpose": "Not A Label!"], "purpose"),
            ("session.list", ["customer": "c", "limit": "10"], "limit"),
            ("session.list", ["customer": "c", "limit": .number("2.5")], "limit"),
            ("session.list", ["limit": 10], "customer"),
            ("session.delete", ["customer": "c", "session": 7], "session"),
        ]
        for (method, params, field) in cases {
            let reply = try expectError(c, method, params, code: -32602, mentioning: [field])
            XCTAssertEqual(reply.field, field, "\(method) \(params): \(reply)")
        }
        // Positional params are refused for these by-name methods.
        let raw = try c.rawSocket()
        try raw.sendLine(#"{"jsonrpc":"2.0","method":"session.get","params":["c","s"],"id":1}"#)
        let positional = try raw.readReply()
        XCTAssertEqual(positional.code, -32602, "\(positional)")
        XCTAssertTrue(positional.message.contains("params"), "\(positional)")
        // None of those stored anything.
        try expectError(c, "session.list", ["customer": "c"], code: -32004)
    }

    func testCustomerAndSessionIdentifierRules() throws {
        let c = try startDaemon().client()
        let max = String(repeating: "é", count: 128)  // 256 bytes of UTF-8: allowed
        XCTAssertEqual(max.utf8.count, 256)
        try ok(c, "session.append", sessionParams(max, max, [message("longest ids")]))
        XCTAssertEqual(texts(try ok(c, "session.get", ids(max, max))), ["longest ids"])

        let tooLong = String(repeating: "a", count: 257)
        let tooLongMultibyte = String(repeating: "é", count: 128) + "a"
        for (customer, session, field) in [(tooLong, "s", "customer"), ("c", tooLong, "session"), (tooLongMultibyte, "s", "customer"),
                                           ("bad\u{01}id", "s", "customer"), ("c", "tab\there", "session"), ("c", "new\nline", "session"),
                                           ("del\u{7F}", "s", "customer"), ("c1", "c1\u{85}", "session"), ("", "s", "customer"), ("c", "", "session")] {
            try expectError(c, "session.append", sessionParams(customer, session, [message("x")]), code: -32602, mentioning: [field])
            try expectError(c, "session.get", ids(customer, session), code: -32602, mentioning: [field])
        }
        try expectError(c, "session.get", ids(String(tooLong.dropLast()), "s"), code: -32004)
        try expectError(c, "session.list", ["customer": "c"], code: -32004)
        try expectError(c, "session.list", ["customer": "c1"], code: -32004)
    }

    func testTextOverOneMebibyteIsRefusedAndExactlyOneIsStored() throws {
        let c = try startDaemon(["max_request_bytes": .int(4 << 20)]).client()
        let limit = 1 << 20
        try expectError(c, "session.append", sessionParams("cust-big", "s", [message(String(repeating: "x", count: limit + 1))]),
                        code: -32602, mentioning: ["messages[0].text"])
        // 1 MiB exactly, with multi-byte characters counted in bytes.
        let exact = String(repeating: "ü", count: limit / 2)
        XCTAssertEqual(exact.utf8.count, limit)
        try expectError(c, "session.put", sessionParams("cust-big", "s", [message("small"), message(exact + "!")]),
                        code: -32602, mentioning: ["messages[1].text"])
        try expectError(c, "session.get", ids("cust-big", "s"), code: -32004)
        XCTAssertEqual(try ok(c, "session.append", sessionParams("cust-big", "s", [message(exact)]))["count"]?.intValue, 1)
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-big", "s"))), [exact])
    }

    func testMoreThanAThousandMessagesInOneAppendIsRefused() throws {
        let c = try startDaemon().client()
        let many = (0..<1001).map { message("m\($0)") }
        try expectError(c, "session.append", sessionParams("cust-many", "s", many), code: -32602, mentioning: ["messages", "1000"])
        try expectError(c, "session.get", ids("cust-many", "s"), code: -32004)
        let result = try ok(c, "session.append", sessionParams("cust-many", "s", Array(many.prefix(1000))))
        XCTAssertEqual(result["count"]?.intValue, 1000)
        let got = try ok(c, "session.get", ids("cust-many", "s"))
        XCTAssertEqual(texts(got).count, 1000)
        XCTAssertEqual(texts(got).last, "m999")
    }

    func testUnmappedMethodNamesAndMalformedRequestsGetTheirCodes() throws {
        let c = try startDaemon().client()
        try expectError(c, "session.nope", [:], code: -32601)
        try expectError(c, "", [:], code: -32601)
        let raw = try c.rawSocket()
        for line in [#"{"jsonrpc":"2.0","id":1}"#, #"{"method":"system.health","id":1}"#, #"{"jsonrpc":2.0,"method":"system.health","id":1}"#,
                     #"{"jsonrpc":"2.0","method":"system.health","params":"x","id":1}"#, #"{"jsonrpc":"2.0","method":"system.health","id":{}}"#,
                     "[]", "42", "\"text\"", "null"] {
            try raw.sendLine(line)
            let reply = try raw.readReply()
            XCTAssertTrue(reply.isWellFormedError, "\(line): \(reply)")
            XCTAssertEqual(reply.code, -32600, "\(line): \(reply)")
        }
    }
}
