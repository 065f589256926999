import TestSupport
import XCTest

import ConfideJSON

/// The writer emits compact strict JSON that parses back to the same value.
final class JSONWriterTests: XCTestCase {
    static let trickyStrings: [String] = [
        "", "\"", "\\", "\\\"", "\"\\\"", "a\"b\\c", "/", "</script>", "\u{0}", "A\u{0}B",
        String(decoding: (0..<32).map { UInt8($0) }, as: UTF8.self), "\u{7F}",
        "line1\nline2\r\n\ttab\u{8}\u{C}", "😀👍🏽👨‍👩‍👧", "漢字かなカナ한글", "\u{2028}\u{2029}", "e\u{301}",
        "\u{E9}", "\u{FEFF}", "\u{10FFFF}", "\u{FFFD}", "Ω≈ç√∫", "\\u0041", String(repeating: "x\"", count: 300),
    ]

    func testTrickyStringsRoundTripThroughWriterAndParser() throws {
        for s in Self.trickyStrings {
            let value = JSONValue.string(s)
            let bytes = JSONWriter.bytes(value)
            XCTAssertFalse(bytes.contains(0x0A), "raw newline written for \(s.debugDescription)")
            XCTAssertEqual(try JSONParser.parse(bytes), value, s.debugDescription)
            let asKey: JSONValue = .object(JSONObject([(s, value)]))
            XCTAssertEqual(try JSONParser.parse(JSONWriter.bytes(asKey)), asKey, s.debugDescription)
        }
    }

    func testStringEscapesUseShortFormsAndLowercaseHexOnlyWhereNeeded() {
        XCTAssertEqual(JSONWriter.string("a\"b\\c/d"), #""a\"b\\c/d""#)
        XCTAssertEqual(JSONWriter.string("\n\r\t\u{8}\u{C}"), #""\n\r\t\b\f""#)
        XCTAssertEqual(JSONWriter.string("\u{0}\u{1}\u{1F}\u{7F}"), "\"\\u0000\\u0001\\u001f\u{7F}\"")
        XCTAssertEqual(JSONWriter.bytes("é😀"), [0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0x22])
        XCTAssertEqual(JSONWriter.string("\u{2028}"), "\"\u{2028}\"")
    }

    func testJSONRPCReplyShapeIsWrittenCompactInMemberOrder() {
        let reply: JSONValue = [
            "jsonrpc": "2.0",
            "id": 7,
            "result": ["ok": true, "items": [1, nil, "x", false, [], [:]], "ratio": .double(0.25)],
        ]
        XCTAssertEqual(JSONWriter.string(reply),
                       #"{"jsonrpc":"2.0","id":7,"result":{"ok":true,"items":[1,null,"x",false,[],{}],"ratio":0.25}}"#)
        let error: JSONValue = [
            "jsonrpc": "2.0",
            "error": ["code": -32601, "message": "Method not found"],
            "id": nil,
        ]
        XCTAssertEqual(JSONWriter.string(error),
                       #"{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":null}"#)
    }

    func testRequestIdEchoesBackByteForByte() throws {
        for id in ["7", "-0", "12345678901234567890123", "1.50", "1E+2", "0.000001e-999", #""abc""#, "null"] {
            let request = try JSONParser.parse(#"{"jsonrpc":"2.0","id":\#(id),"method":"m"}"#)
            let reply: JSONValue = ["jsonrpc": "2.0", "id": request["id"] ?? .null, "result": nil]
            XCTAssertEqual(JSONWriter.string(reply), #"{"jsonrpc":"2.0","id":\#(id),"result":null}"#)
        }
    }

    func testWriteAppendsToExistingBuffer() {
        var buffer: [UInt8] = Array("prefix:".utf8)
        JSONWriter.write([1, "a"], into: &buffer)
        JSONWriter.write(nil, into: &buffer)
        XCTAssertEqual(String(decoding: buffer, as: UTF8.self), #"prefix:[1,"a"]null"#)
    }

    func testHandBuiltInvalidNumberLiteralIsWrittenAsNull() {
        for literal in ["NaN", "inf", "", "01", "1.", "+1", "1 ", "0x1", "1e"] {
            XCTAssertEqual(JSONWriter.string(.number(literal)), "null", literal)
        }
        XCTAssertEqual(JSONWriter.string(.number("-1.5E-7")), "-1.5E-7")
    }

    func testDoubleFactoryWritesParsableShortestForm() throws {
        for d in [0.0, -0.0, 0.1, 1.0, -2.5, 1e-7, 1e21, 123456789.125, Double.greatestFiniteMagnitude,
                  Double.leastNonzeroMagnitude, .pi] {
            let value = JSONValue.double(d)
            let back = try JSONParser.parse(JSONWriter.bytes(value))
            XCTAssertEqual(back, value)
            XCTAssertEqual(back.doubleValue, d)
        }
    }

    func testRandomValuesRoundTrip() throws {
        var rng = SeededRandom(seed: 42)
        for _ in 0..<300 {
            let value = randomValue(&rng, depth: 0)
            let text = JSONWriter.bytes(value)
            XCTAssertEqual(try JSONParser.parse(text), value)
            XCTAssertEqual(JSONWriter.bytes(try JSONParser.parse(text)), text)
        }
    }

    func randomValue(_ rng: inout SeededRandom, depth: Int) -> JSONValue {
        switch rng.next() % (depth > 4 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(rng.next() % 2 == 0)
        case 2: return rng.next() % 2 == 0 ? .int(Int(truncatingIfNeeded: rng.next())) : .double(Double(rng.next() % 100_000) / 64)
        case 3: return .string(randomString(&rng))
        case 4: return .array((0..<Int(rng.next() % 5)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int(rng.next() % 5) { object[randomString(&rng)] = randomValue(&rng, depth: depth + 1) }
            return .object(object)
        }
    }

    func randomString(_ rng: inout SeededRandom) -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "\"", "\\", "/", "\n", "\u{0}", "\u{1F}", "é", "€", "😀", "\u{2028}", " "]
        var s = String.UnicodeScalarView()
        for _ in 0..<Int(rng.next() % 12) { s.append(pool[Int(rng.next() % UInt64(pool.count))]) }
        return String(s)
    }
}

