import TestSupport
import XCTest

import ConfideJSON

/// Pre-encoded values: written verbatim wherever they sit, and parse back to what they encode.
final class JSONFragmentTests: XCTestCase {
    func testFragmentsAreWrittenVerbatimInsideArraysAndObjects() throws {
        let inner: JSONValue = ["text": .string("a \"quoted\"\nline"), "n": .int(3)]
        let fragment = JSONFragment(encoding: inner)
        let value: JSONValue = ["list": .array([.fragment(fragment), .null]), "one": .fragment(fragment)]
        let text = String(decoding: JSONWriter.bytes(value), as: UTF8.self)
        let encoded = String(decoding: fragment.bytes, as: UTF8.self)
        XCTAssertEqual(text, #"{"list":["# + encoded + #",null],"one":"# + encoded + "}")
        XCTAssertEqual(try JSONParser.parse(JSONWriter.bytes(value)), ["list": .array([inner, .null]), "one": inner],
                       "what was written parses back to the values the fragments encode")
    }

    func testValidatingRefusesAnythingButOneJSONValue() {
        for bad in ["", "{", "[1,]", "1 2", "{\"a\":1}x", "nul", "\"\\x\""] {
            XCTAssertThrowsError(try JSONFragment(validating: Array(bad.utf8)), bad)
        }
        for good in ["1", "null", "{\"a\":[1,{}]}", "\"é\""] {
            XCTAssertEqual(try JSONFragment(validating: Array(good.utf8)).bytes, Array(good.utf8), good)
        }
    }

    func testFragmentsAreEqualByBytesOnly() {
        let a = JSONFragment(encoding: ["x": .int(1)])
        XCTAssertEqual(JSONValue.fragment(a), .fragment(JSONFragment(uncheckedBytes: Array(#"{"x":1}"#.utf8))))
        XCTAssertNotEqual(JSONValue.fragment(a), .fragment(JSONFragment(uncheckedBytes: Array(#"{"x": 1}"#.utf8))))
        XCTAssertNotEqual(JSONValue.fragment(a), ["x": .int(1)], "a fragment is not compared with the value it encodes")
    }
}
