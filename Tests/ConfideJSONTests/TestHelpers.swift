import XCTest

import ConfideJSON

/// The error `JSONParser` throws for `bytes`, or nil (with a test failure) if it parsed.
func parseError(_ bytes: [UInt8], maxDepth: Int = 512,
                file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
    do {
        let value = try JSONParser.parse(bytes, maxDepth: maxDepth)
        XCTFail("expected a parse error, got \(value)", file: file, line: line)
        return nil
    } catch {
        return error
    }
}

/// The error `JSONParser` throws for the UTF-8 of `text`, or nil (with a failure) if it parsed.
func parseError(_ text: String, maxDepth: Int = 512,
                file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
    parseError(Array(text.utf8), maxDepth: maxDepth, file: file, line: line)
}

/// The value `JSONParser` returns for `text`, or nil (with a test failure) if it threw.
func parsed(_ text: String, maxDepth: Int = 512,
            file: StaticString = #filePath, line: UInt = #line) -> JSONValue? {
    parsed(Array(text.utf8), maxDepth: maxDepth, file: file, line: line)
}

/// The value `JSONParser` returns for `bytes`, or nil (with a test failure) if it threw.
func parsed(_ bytes: [UInt8], maxDepth: Int = 512,
            file: StaticString = #filePath, line: UInt = #line) -> JSONValue? {
    do {
        return try JSONParser.parse(bytes, maxDepth: maxDepth)
    } catch {
        XCTFail("expected to parse, got \(error)", file: file, line: line)
        return nil
    }
}
