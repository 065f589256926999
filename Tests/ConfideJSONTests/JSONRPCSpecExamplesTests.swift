import Foundation
import TestSupport
import XCTest

import ConfideJSON

/// Runs the request lines of the JSON-RPC 2.0 specification's examples
/// (`Tests/TestSupport/Vectors/jsonrpc2-spec-examples.json`).
final class JSONRPCSpecExamplesTests: XCTestCase {
    func testSpecRequestsParseExceptTheDeliberatelyInvalidJSONOnes() throws {
        let data = try TestEnvironment.testData("jsonrpc2-spec-examples.json")
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let examples = try XCTUnwrap(root["examples"] as? [[String: Any]])
        XCTAssertEqual(examples.count, 15)
        var invalidCount = 0
        for example in examples {
            let name = try XCTUnwrap(example["name"] as? String)
            let request = try XCTUnwrap(example["request"] as? String)
            // The spec's "invalid JSON" examples are exactly those Confide answers with -32700.
            let reply = example["confide_response"] as? [String: Any]
            let code = (reply?["error"] as? [String: Any])?["code"] as? Int
            let mustFail = code == -32700
            do {
                let value = try JSONParser.parse(request)
                XCTAssertFalse(mustFail, "\(name): invalid JSON parsed as \(value)")
                XCTAssertEqual(try JSONParser.parse(JSONWriter.bytes(value)), value, name)
            } catch {
                XCTAssertTrue(mustFail, "\(name): \(error)")
                invalidCount += 1
            }
        }
        XCTAssertEqual(invalidCount, 2, "the spec has two invalid-JSON examples")
    }
}
