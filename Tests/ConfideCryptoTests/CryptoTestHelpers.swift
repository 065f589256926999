import Foundation
import XCTest

import ConfideCrypto
import TestSupport

/// Decodes one JSON file of `Tests/TestSupport/Vectors` into `T`.
func loadVectors<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
    try JSONDecoder().decode(T.self, from: TestEnvironment.testData(name))
}

/// Lowercase hex of `bytes`, for readable failure messages.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// The bytes a `SecretKey` holds (tests only: production code never copies them out).
func bytes(of key: SecretKey) -> [UInt8] {
    key.withUnsafeBytes { Array($0) }
}

/// A guarded key holding exactly `bytes`.
func secretKey(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> SecretKey {
    let key = try SecretKey(copying: bytes)
    XCTAssertEqual(key.count, bytes.count, "SecretKey(copying:) changed the length", file: file, line: line)
    return key
}

/// Asserts that `body` throws exactly `expected`.
func assertThrows<T>(_ expected: CryptoError, _ message: @autoclosure () -> String = "",
                     file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
    do {
        let value = try body()
        XCTFail("expected \(expected), got a result: \(value) \(message())", file: file, line: line)
    } catch let error as CryptoError {
        XCTAssertEqual(error, expected, message(), file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error) \(message())", file: file, line: line)
    }
}
