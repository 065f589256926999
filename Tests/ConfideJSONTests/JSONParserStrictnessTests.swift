import Foundation
import XCTest

import ConfideJSON

/// The parser refuses everything that is not strict RFC 8259 JSON, with a useful reason.
final class JSONParserStrictnessTests: XCTestCase {
    func testDuplicateMemberNameAtTopLevelIsRejectedWithNameInReason() {
        let error = parseError(#"{"method":"a","method":"b"}"#)
        XCTAssertEqual(error, JSONParseError(offset: 14, reason: #"duplicate member name "method""#))
    }

    func testDuplicateMemberNameInNestedObjectIsRejected() {
        XCTAssertEqual(parseError(#"{"x":[{"b":1,"c":2,"b":3}]}"#)?.reason, #"duplicate member name "b""#)
        XCTAssertEqual(parseError(#"{"p":{"q":{"r":{"s":1,"s":1}}}}"#)?.reason, #"duplicate member name "s""#)
    }

    func testMemberNamesEqualOnlyAfterUnescapingAreDuplicates() {
        XCTAssertEqual(parseError(#"{"a":1,"\u0061":2}"#)?.reason, #"duplicate member name "a""#)
        XCTAssertNotNil(parseError(#"{"\/":1,"/":2}"#))
        XCTAssertNotNil(parseError(#"{"\ud83d\ude00":1,"😀":2}"#))
        XCTAssertNotNil(parseError(#"{"\n":1,"\u000a":2}"#))
    }

    func testDuplicateInLargeObjectIsFoundByHashedLookup() {
        var text = "{"
        for i in 0..<200 { text += "\"k\(i)\":\(i)," }
        text += "\"k137\":0}"
        XCTAssertEqual(parseError(text)?.reason, #"duplicate member name "k137""#)
        let unique = "{" + (0..<200).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        XCTAssertEqual(parsed(unique)?.objectValue?.count, 200)
    }

    func testSameNameInSeparateObjectsIsAllowed() {
        XCTAssertNotNil(parsed(#"{"a":{"a":1},"b":[{"a":2},{"a":3}]}"#))
    }

    func testNamesDifferingOnlyInNormalizationAreDistinct() {
        let object = parsed("{\"\u{E9}\":1,\"e\u{301}\":2}")?.objectValue
        XCTAssertEqual(object?.count, 2)
        XCTAssertEqual(object?["e\u{301}"], 2)
        XCTAssertEqual(object?["\u{E9}"], 1)
    }

    func testDuplicateNameReasonEscapesControlCharactersAndTruncates() {
        XCTAssertEqual(parseError(#"{"a\"\u0001":1,"a\"\u0001":2}"#)?.reason, #"duplicate member name "a\"\u0001""#)
        let long = String(repeating: "x", count: 1000)
        let reason = parseError("{\"\(long)\":1,\"\(long)\":2}")?.reason ?? ""
        XCTAssertLessThan(reason.count, 100)
        XCTAssertTrue(reason.hasSuffix("…\""), reason)
    }

    func testByteOrderMarkIsRejected() {
        XCTAssertEqual(parseError([0xEF, 0xBB, 0xBF, 0x7B, 0x7D]),
                       JSONParseError(offset: 0, reason: "byte order mark is not allowed"))
        XCTAssertEqual(parseError("\u{FEFF}[]")?.offset, 0)
        XCTAssertNotNil(parseError([0xEF, 0xBB]))
    }

    func testTenThousandNestedArraysAreRejectedQuicklyWithoutCrash() {
        let start = Date()
        let error = parseError([UInt8](repeating: 0x5B, count: 10_000))
        XCTAssertEqual(error, JSONParseError(offset: 512, reason: "nesting deeper than 512"))
        let closed = [UInt8](repeating: 0x5B, count: 10_000) + [UInt8](repeating: 0x5D, count: 10_000)
        XCTAssertEqual(parseError(closed)?.reason, "nesting deeper than 512")
        let objects = String(repeating: #"{"a":"#, count: 10_000)
        XCTAssertEqual(parseError(objects)?.reason, "nesting deeper than 512")
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
    }

    func testNestingExactlyAtMaxDepthParsesAndOneMoreFails() {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNotNil(parsed(ok))
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        XCTAssertEqual(parseError(tooDeep)?.offset, 512)
        XCTAssertNotNil(parsed("[[1]]", maxDepth: 2))
        XCTAssertEqual(parseError("[[1]]", maxDepth: 1)?.reason, "nesting deeper than 1")
        XCTAssertEqual(parsed("7", maxDepth: 0), 7)
        XCTAssertNotNil(parseError("[]", maxDepth: 0))
    }

    func testDeepNestingBeyondDefaultWorksWhenAllowedSinceParserUsesNoRecursion() {
        let depth = 20_000
        let unterminated = [UInt8](repeating: 0x5B, count: depth)
        XCTAssertEqual(parseError(unterminated, maxDepth: depth)?.reason, "unexpected end of input")
    }

    func testTrailingGarbageAfterValueIsRejected() {
        for text in ["{} x", "1 2", "[]]", "{}}", "{}\n{}", "nullnull", "\"a\"\"b\"", "true,", "0 /", "[] // c"] {
            XCTAssertNotNil(parseError(text), text)
        }
        XCTAssertEqual(parseError("{}x")?.reason, "unexpected character 'x' after the value")
        XCTAssertEqual(parseError([0x5B, 0x5D, 0x00])?.reason, "unexpected byte 0x00 after the value")
        XCTAssertEqual(parseError([0x5B, 0x5D, 0xFF])?.reason, "unexpected byte 0xFF after the value")
    }

    func testOnlySpaceTabLineFeedAndCarriageReturnAreWhitespace() {
        XCTAssertEqual(parsed(" \t\r\n[ \t\r\n1 \t\r\n] \t\r\n"), [1])
        for ws in ["\u{0C}", "\u{0B}", "\u{A0}", "\u{2028}", "\u{3000}", "\u{00}"] {
            XCTAssertNotNil(parseError("[1\(ws)]"), ws.unicodeScalars.first!.debugDescription)
            XCTAssertNotNil(parseError("\(ws)1"), ws.unicodeScalars.first!.debugDescription)
        }
    }

    func testEmptyOrWhitespaceOnlyInputIsRejected() {
        XCTAssertEqual(parseError([]), JSONParseError(offset: 0, reason: "empty input"))
        XCTAssertEqual(parseError(" \n"), JSONParseError(offset: 2, reason: "unexpected end of input"))
        XCTAssertThrowsError(try JSONParser.parse(UnsafeRawBufferPointer(start: nil, count: 0)))
    }

    func testTrailingCommasAreRejected() {
        XCTAssertEqual(parseError("[1,]"), JSONParseError(offset: 3, reason: "trailing comma"))
        XCTAssertEqual(parseError(#"{"a":1 , }"#)?.reason, "trailing comma")
        XCTAssertNotNil(parseError("[1,,2]"))
        XCTAssertNotNil(parseError("[,]"))
        XCTAssertNotNil(parseError("{,}"))
    }

    func testCommentsAreRejected() {
        XCTAssertEqual(parseError("[/* c */ 1]")?.reason, "comments are not allowed")
        XCTAssertNotNil(parseError("// c\n1"))
        XCTAssertNotNil(parseError("[1 # c\n]"))
    }

    func testNaNAndInfinityAreRejected() {
        for text in ["NaN", "[NaN]", "Infinity", "-Infinity", "[-Inf]", "nan", "inf"] {
            XCTAssertNotNil(parseError(text), text)
        }
        XCTAssertEqual(parseError("[NaN]")?.reason, "NaN and Infinity are not allowed")
    }

    func testMalformedNumbersAndLeadingZerosAreRejected() {
        for text in ["01", "-01", "00", "[007]", "1.", "1.e5", ".1", "+1", "1e", "1e+", "1E-", "-", "--1",
                     "0x10", "1_000", "1.5.2", "1e5e5", "- 1", "[1 2]", "0.", "-.5"] {
            XCTAssertNotNil(parseError(text), text)
        }
        XCTAssertEqual(parseError("[01]"), JSONParseError(offset: 1, reason: "leading zero in number"))
    }

    func testUnescapedControlCharactersInStringsAreRejected() {
        for b: UInt8 in [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F] {
            XCTAssertEqual(parseError([0x22, 0x61, b, 0x22]),
                           JSONParseError(offset: 2, reason: "unescaped control character in string"))
        }
        XCTAssertEqual(parsed([0x22, 0x7F, 0x22]), .string("\u{7F}"))
    }

    func testInvalidUTF8IsRejectedWithoutEchoingIt() {
        let bad: [[UInt8]] = [
            [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0xAF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xC3, 0x41],
            [0xE2, 0x28, 0xA1], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80],
        ]
        for seq in bad {
            XCTAssertEqual(parseError([0x22, 0x61] + seq + [0x22]), JSONParseError(offset: 2, reason: "invalid UTF-8"),
                           "\(seq)")
            // Also after a long plain run, where the word-at-a-time scanner is active.
            let padded: [UInt8] = [0x22] + Array(repeating: 0x61, count: 21) + seq + Array(repeating: 0x62, count: 9) + [0x22]
            XCTAssertEqual(parseError(padded)?.offset, 22, "\(seq)")
            // And after an escape, on the slow path.
            XCTAssertEqual(parseError([0x22, 0x5C, 0x6E] + seq + [0x22])?.reason, "invalid UTF-8", "\(seq)")
        }
        XCTAssertEqual(parseError([0x5B, 0xC3, 0xA9, 0x5D])?.reason, "unexpected byte 0xC3 where a value was expected")
    }

    func testBoundaryUTF8SequencesAreAccepted() {
        let good: [([UInt8], String)] = [
            ([0xC2, 0x80], "\u{80}"), ([0xDF, 0xBF], "\u{7FF}"), ([0xE0, 0xA0, 0x80], "\u{800}"),
            ([0xED, 0x9F, 0xBF], "\u{D7FF}"), ([0xEE, 0x80, 0x80], "\u{E000}"), ([0xEF, 0xBF, 0xBF], "\u{FFFF}"),
            ([0xF0, 0x90, 0x80, 0x80], "\u{10000}"), ([0xF4, 0x8F, 0xBF, 0xBF], "\u{10FFFF}"),
        ]
        for (seq, expected) in good {
            XCTAssertEqual(parsed([0x22] + seq + [0x22]), .string(expected))
        }
    }

    func testLoneSurrogateEscapesAreRejected() {
        for text in [#""\uD800""#, #""\udc00""#, #""\uD800\u0041""#, #""\uD800x""#, #""\uDBFF\uDBFF""#,
                     #""\uDE00\uD83D""#, #"{"\uDFAA":0}"#, #""\uD800\n""#, #""\uD800\""#] {
            XCTAssertNotNil(parseError(text), text)
        }
        XCTAssertEqual(parseError(#"["\uD800"]"#), JSONParseError(offset: 2, reason: #"unpaired surrogate \uD800 in string"#))
        XCTAssertEqual(parsed(#""\uD83D\uDE00""#), "😀")
        XCTAssertEqual(parsed(#""\uDBFF\uDFFF""#), .string("\u{10FFFF}"))
    }

    func testEscapesDecodeAndInvalidEscapesAreRejected() {
        XCTAssertEqual(parsed(#""\"\\\/\b\f\n\r\t\u0000\u00e9\u20AC""#), .string("\"\\/\u{8}\u{C}\n\r\t\u{0}é€"))
        for text in [#""\x41""#, #""\U0041""#, #""\u12G4""#, #""\u123""#, #""\'""#, #""\a""#, #""\"#, #""\u"#, "\"\\\u{E9}\""] {
            XCTAssertNotNil(parseError(text), text)
        }
    }

    func testOtherNonJSONSyntaxIsRejected() {
        for text in ["'a'", "{a:1}", #"{"a" 1}"#, #"{"a":}"#, #"{1:2}"#, "[1;2]", "tru", "True", "nul", "nulls",
                     #""abc"#, "[", "{", "]", #"{"a":1"#, "undefined", "()", "@"] {
            XCTAssertNotNil(parseError(text), text)
        }
    }

    func testEveryTruncationOfARequestLineIsRejected() {
        let line = Array(#"{"jsonrpc":"2.0","id":7,"method":"m","params":{"t":"a\u00e9\"","n":[1.5e3,true,null]}}"#.utf8)
        XCTAssertNotNil(parsed(line))
        for n in 0..<line.count {
            _ = parseError(Array(line[0..<n]))
        }
    }

    func testScalarTopLevelValuesAreAccepted() {
        XCTAssertEqual(parsed("null"), .null)
        XCTAssertEqual(parsed(" true "), true)
        XCTAssertEqual(parsed("false"), false)
        XCTAssertEqual(parsed("\"\""), "")
        XCTAssertEqual(parsed("-0"), .number("-0"))
    }
}
