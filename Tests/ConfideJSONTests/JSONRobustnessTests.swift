import Foundation
import TestSupport
import XCTest

import ConfideJSON

/// Arbitrary input never crashes the parser, and anything it accepts round-trips.
final class JSONRobustnessTests: XCTestCase {
    static let sampleLine = #"{"jsonrpc":"2.0","id":7,"method":"session.append","params":{"customer":"c1","session":"s1","messages":[{"role":"agent","text":"\#(String(repeating: "Hello, world. ", count: 147))"}]}}"#

    func testRandomByteMutationsNeverCrashAndAcceptedOnesRoundTrip() {
        var rng = SeededRandom(seed: 7)
        let seeds: [[UInt8]] = [
            Array(#"{"a":[1,-2.5e3,true,false,null,"x\u00e9\n"],"b":{"c":"\ud83d\ude00"}}"#.utf8),
            Array("[\"é😀\",{\"k\":[[[]]]},0,\"\\\\\"]".utf8),
            Array(Self.sampleLine.utf8.prefix(200)),
        ]
        let interesting: [UInt8] = [0x22, 0x5C, 0x5B, 0x5D, 0x7B, 0x7D, 0x2C, 0x3A, 0x30, 0x2D, 0x65, 0x2E,
                                    0x75, 0x00, 0x0A, 0x80, 0xC3, 0xED, 0xF4, 0xFF, 0x20]
        var accepted = 0
        for i in 0..<20_000 {
            var bytes = seeds[i % seeds.count]
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                let b = rng.next() % 2 == 0 ? interesting[Int(rng.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: rng.next())
                switch rng.next() % 3 {
                case 0: bytes[at] = b
                case 1: bytes.insert(b, at: at)
                default: if bytes.count > 1 { bytes.remove(at: at) }
                }
            }
            do {
                let value = try JSONParser.parse(bytes)
                accepted += 1
                XCTAssertEqual(try JSONParser.parse(JSONWriter.bytes(value)), value)
            } catch {
                XCTAssertTrue((0...bytes.count).contains(error.offset))
            }
        }
        XCTAssertGreaterThan(accepted, 0)
    }

    func testRandomBytesNeverCrash() {
        var rng = SeededRandom(seed: 99)
        for _ in 0..<5_000 {
            let count = Int(rng.next() % 40)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? JSONParser.parse(bytes)
        }
    }

    func testSampleRequestLineParsesToExpectedShape() throws {
        let value = try JSONParser.parse(Self.sampleLine)
        XCTAssertEqual(value["method"]?.stringValue, "session.append")
        XCTAssertEqual(value["id"]?.intValue, 7)
        let text = value["params"]?["messages"]?.arrayValue?.first?["text"]?.stringValue
        XCTAssertEqual(text?.utf8.count, 2058)
        XCTAssertEqual(JSONWriter.string(value), Self.sampleLine)
    }
    // Parse and write cost of such a line: `confide bench --scenario json` (release build).
}
