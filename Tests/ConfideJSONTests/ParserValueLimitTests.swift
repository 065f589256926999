import ConfideJSON
import XCTest

/// `maxValues`: a document with more values than allowed is refused, however they nest.
final class ParserValueLimitTests: XCTestCase {
    func testDocumentWithMoreValuesThanTheLimitIsRefused() {
        XCTAssertNoThrow(try JSONParser.parse(Array("[0,0,0]".utf8), maxValues: 4))  // the array and three zeros
        XCTAssertThrowsError(try JSONParser.parse(Array("[0,0,0,0]".utf8), maxValues: 4)) { error in
            XCTAssertEqual((error as? JSONParseError)?.reason, "more than 4 values")
        }
        XCTAssertThrowsError(try JSONParser.parse(Array(#"{"a":{"b":[1,{"c":2}]}}"#.utf8), maxValues: 5))
        XCTAssertNoThrow(try JSONParser.parse(Array(#"{"a":{"b":[1,{"c":2}]}}"#.utf8), maxValues: 6))
    }
}
