import Foundation
import TestSupport
import XCTest

import ConfideJSON

/// Runs every case of nst/JSONTestSuite (`Tests/TestSupport/Vectors/jsontestsuite_cases.json`).
final class JSONTestSuiteTests: XCTestCase {
    /// `y_` cases this parser rejects on purpose. Kept minimal: the daemon's contract is that an
    /// object with a duplicate member name is not accepted (RFC 8259 only says names SHOULD be
    /// unique), so these two must-accept cases are deliberate refusals. No `y_` case uses a lone
    /// surrogate escape, so none is listed for that rule.
    static let deliberatelyRejectedAcceptCases: [String: String] = [
        "y_object_duplicated_key.json": "duplicate member name (daemon policy)",
        "y_object_duplicated_key_and_value.json": "duplicate member name (daemon policy)",
    ]

    struct Case {
        let file: String
        let expect: String
        let bytes: [UInt8]
    }

    func loadCases() throws -> [Case] {
        let data = try TestEnvironment.testData("jsontestsuite_cases.json")
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cases = try XCTUnwrap(root["cases"] as? [[String: Any]])
        return try cases.map { c in
            let file = try XCTUnwrap(c["file"] as? String)
            let expect = try XCTUnwrap(c["expect"] as? String)
            let b64 = try XCTUnwrap(c["bytes_b64"] as? String)
            let bytes = try XCTUnwrap(Data(base64Encoded: b64), "bad base64 in \(file)")
            return Case(file: file, expect: expect, bytes: [UInt8](bytes))
        }
    }

    func outcome(_ bytes: [UInt8]) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(bytes) }
    }

    func testEveryAcceptCaseParsesExceptDeliberateDuplicateNameRefusals() throws {
        let cases = try loadCases().filter { $0.expect == "accept" }
        XCTAssertEqual(cases.count, 95)
        var refused: Set<String> = []
        for c in cases {
            switch outcome(c.bytes) {
            case .success:
                XCTAssertNil(Self.deliberatelyRejectedAcceptCases[c.file], "\(c.file) is listed as refused but parsed")
            case .failure(let error):
                if Self.deliberatelyRejectedAcceptCases[c.file] != nil {
                    XCTAssertTrue(error.reason.hasPrefix("duplicate member name"), "\(c.file): \(error)")
                    refused.insert(c.file)
                } else {
                    XCTFail("\(c.file) must be accepted: \(error)")
                }
            }
        }
        XCTAssertEqual(refused, Set(Self.deliberatelyRejectedAcceptCases.keys))
    }

    func testEveryRejectCaseThrows() throws {
        let cases = try loadCases().filter { $0.expect == "reject" }
        XCTAssertEqual(cases.count, 188)
        for c in cases {
            if case .success(let value) = outcome(c.bytes) {
                XCTFail("\(c.file) must be rejected, parsed as \(value)")
            }
        }
    }

    /// Either-way cases may go both ways per the suite; this pins down the choices made here:
    /// numbers of any size are kept as literals, 500-deep nesting is fine, distinct NFC/NFD
    /// names are distinct, an escaped NUL is a character; everything touching invalid UTF-8,
    /// lone surrogates, BOMs, UTF-16 or duplicate names is refused.
    func testEveryEitherCaseFollowsDocumentedPolicyWithoutCrashing() throws {
        let cases = try loadCases().filter { $0.expect == "either" }
        XCTAssertEqual(cases.count, 57)
        let acceptedByName: Set<String> = [
            "i_structure_500_nested_arrays.json", "object_key_nfc_nfd.json",
            "object_key_nfd_nfc.json", "string_with_escaped_NULL.json",
        ]
        for c in cases {
            let shouldAccept = c.file.hasPrefix("i_number_") || c.file.hasPrefix("number_")
                || acceptedByName.contains(c.file)
            switch outcome(c.bytes) {
            case .success(let value):
                XCTAssertTrue(shouldAccept, "\(c.file) parsed as \(value), expected a refusal")
            case .failure(let error):
                XCTAssertFalse(shouldAccept, "\(c.file) refused: \(error)")
            }
        }
    }

    func testEveryAcceptedCaseRoundTripsThroughWriter() throws {
        for c in try loadCases() {
            guard case .success(let value) = outcome(c.bytes) else { continue }
            let written = JSONWriter.bytes(value)
            switch outcome(written) {
            case .success(let again): XCTAssertEqual(again, value, c.file)
            case .failure(let error): XCTFail("\(c.file): writer output not re-parsable: \(error)")
            }
        }
    }

    func testErrorReasonsNeverContainReplacementCharactersOrBadOffsets() throws {
        for c in try loadCases() {
            guard case .failure(let error) = outcome(c.bytes) else { continue }
            XCTAssertFalse(error.reason.unicodeScalars.contains("\u{FFFD}"), "\(c.file): \(error.reason)")
            XCTAssertFalse(error.reason.isEmpty, c.file)
            XCTAssertTrue((0...c.bytes.count).contains(error.offset), "\(c.file): offset \(error.offset)")
        }
    }

    func testEveryCaseGivesSameResultFromRawBufferAndArrayEntryPoints() throws {
        for c in try loadCases() {
            let viaArray = outcome(c.bytes)
            let viaRaw = c.bytes.withUnsafeBytes { raw in
                Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(raw) }
            }
            XCTAssertEqual(viaArray, viaRaw, c.file)
        }
    }
}
