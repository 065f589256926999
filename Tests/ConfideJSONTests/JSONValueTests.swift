import XCTest

import ConfideJSON

/// Number literals, typed accessors, literals and `JSONObject` semantics.
final class JSONValueTests: XCTestCase {
    func testBigIntegersAndExoticNumbersKeepTheirLiteral() {
        for literal in ["123456789012345678901234567890", "-237462374673276894279832749832423479823246327846",
                        "1.000000000000000005", "1E400", "-1e-9999", "0.4e00669999999", "1E+2", "1e-2", "-0",
                        "-0.0e-0", "0", "9223372036854775808", "123.456E+78"] {
            XCTAssertEqual(parsed("[\(literal)]"), .array([.number(literal)]), literal)
            XCTAssertEqual(JSONWriter.string(.array([.number(literal)])), "[\(literal)]")
        }
    }

    func testIntValueOnlyForIntegerLiteralsThatFitInt() {
        XCTAssertEqual(JSONValue.number("12").intValue, 12)
        XCTAssertEqual(JSONValue.number("-0").intValue, 0)
        XCTAssertEqual(JSONValue.number("-42").intValue, -42)
        XCTAssertEqual(JSONValue.number("9223372036854775807").intValue, Int.max)
        XCTAssertEqual(JSONValue.number("-9223372036854775808").intValue, Int.min)
        XCTAssertNil(JSONValue.number("9223372036854775808").intValue)
        XCTAssertNil(JSONValue.number("-9223372036854775809").intValue)
        XCTAssertNil(JSONValue.number("1.0").intValue)
        XCTAssertNil(JSONValue.number("1e2").intValue)
        XCTAssertNil(JSONValue.number("1E2").intValue)
        XCTAssertNil(JSONValue.number("+1").intValue)
        XCTAssertNil(JSONValue.string("12").intValue)
        XCTAssertNil(JSONValue.bool(true).intValue)
        XCTAssertEqual(parsed(#"{"id":7}"#)?["id"]?.intValue, 7)
    }

    func testDoubleValueConvertsFiniteNumbersOnly() {
        XCTAssertEqual(JSONValue.number("1.5e2").doubleValue, 150)
        XCTAssertEqual(JSONValue.number("12").doubleValue, 12)
        XCTAssertEqual(JSONValue.number("1e-400").doubleValue, 0)
        XCTAssertNil(JSONValue.number("1e400").doubleValue)
        XCTAssertNil(JSONValue.string("1").doubleValue)
    }

    func testTypedAccessorsReturnNilForOtherKinds() {
        let value: JSONValue = ["s": "x", "b": false, "a": [1], "o": ["k": nil], "n": nil]
        XCTAssertEqual(value["s"]?.stringValue, "x")
        XCTAssertEqual(value["b"]?.boolValue, false)
        XCTAssertEqual(value["a"]?.arrayValue, [1])
        XCTAssertEqual(value["o"]?.objectValue?.keys, ["k"])
        XCTAssertEqual(value["o"]?["k"]?.isNull, true)
        XCTAssertEqual(value["n"]?.isNull, true)
        XCTAssertNil(value["missing"])
        XCTAssertNil(value["s"]?.boolValue)
        XCTAssertNil(value["b"]?.stringValue)
        XCTAssertNil(value["a"]?.objectValue)
        XCTAssertNil(value["o"]?.arrayValue)
        XCTAssertEqual(value["s"]?.isNull, false)
        XCTAssertNil(JSONValue.array([])["k"])
    }

    func testLiteralsBuildExpectedCases() {
        XCTAssertEqual(JSONValue.int(-5), .number("-5"))
        XCTAssertEqual(5 as JSONValue, .number("5"))
        XCTAssertEqual(true as JSONValue, .bool(true))
        XCTAssertEqual("s" as JSONValue, .string("s"))
        XCTAssertEqual(nil as JSONValue, .null)
        XCTAssertEqual([1, "a"] as JSONValue, .array([.number("1"), .string("a")]))
        let object: JSONValue = ["z": 1, "a": 2, "m": 3]
        XCTAssertEqual(object.objectValue?.keys, ["z", "a", "m"])
    }

    func testObjectSubscriptAppendsReplacesAndRemovesKeepingOrder() {
        var object = JSONObject()
        object["b"] = 1
        object["a"] = 2
        object["c"] = 3
        XCTAssertEqual(object.keys, ["b", "a", "c"])
        object["a"] = "replaced"
        XCTAssertEqual(object.keys, ["b", "a", "c"])
        XCTAssertEqual(object["a"], "replaced")
        object["b"] = nil
        XCTAssertEqual(object.keys, ["a", "c"])
        object["missing"] = nil
        XCTAssertEqual(object.count, 2)
        XCTAssertEqual(object.members.map(\.key), ["a", "c"])
        XCTAssertEqual(object.map(\.value), ["replaced", 3])
        XCTAssertEqual(JSONWriter.string(.object(object)), #"{"a":"replaced","c":3}"#)
    }

    func testObjectEqualityRequiresSameMembersInSameOrder() {
        let ab = JSONObject([("a", 1), ("b", 2)])
        XCTAssertEqual(ab, JSONObject([("a", 1), ("b", 2)]))
        XCTAssertNotEqual(ab, JSONObject([("b", 2), ("a", 1)]))
        XCTAssertNotEqual(ab, JSONObject([("a", 1)]))
        XCTAssertNotEqual(ab, JSONObject([("a", 1), ("b", 3)]))
        XCTAssertEqual(JSONObject(), [:] as JSONObject)
    }

    func testParsedObjectKeepsInputMemberOrder() {
        let keys = parsed(#"{"z":1,"y":2,"a":3,"m":{"q":1,"b":2}}"#)?.objectValue?.keys
        XCTAssertEqual(keys, ["z", "y", "a", "m"])
    }

    func testStringsCompareByExactCodePointsNotCanonicalEquivalence() {
        XCTAssertNotEqual(JSONValue.string("\u{E9}"), JSONValue.string("e\u{301}"))
        XCTAssertEqual(JSONValue.string("é"), JSONValue.string("\u{E9}"))
        XCTAssertNotEqual(JSONValue.number("1.0"), JSONValue.number("1"))
        XCTAssertNotEqual(JSONValue.null, JSONValue.bool(false))
    }

    func testDescriptionsAreCompactJSON() {
        let value: JSONValue = ["a": [1, "x\n"]]
        XCTAssertEqual(value.description, #"{"a":[1,"x\n"]}"#)
        XCTAssertEqual(value.objectValue?.description, #"{"a":[1,"x\n"]}"#)
        XCTAssertEqual(JSONParseError(offset: 3, reason: "trailing comma").description, "trailing comma at byte 3")
    }
}
