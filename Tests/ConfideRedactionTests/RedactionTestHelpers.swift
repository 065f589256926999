import XCTest
@testable import ConfideRedaction

/// Helpers shared by the redaction tests.
enum RedactionTestHelpers {
    /// A Luhn-valid number of `length` digits starting with `prefix` (else with a digit 1–9).
    static func luhnNumber(_ length: Int, _ rng: inout RedactionRNG, prefix: String = "") -> String {
        let head = prefix.isEmpty ? [rng.int(1...9)] : prefix.map { Int(String($0))! }
        var d = head + (0..<(length - 1 - head.count)).map { _ in rng.int(0...9) }
        var sum = 0
        for (k, x) in d.reversed().enumerated() {
            var y = x
            if k % 2 == 0 { y *= 2; if y > 9 { y -= 9 } }
            sum += y
        }
        d.append((10 - sum % 10) % 10)
        return d.map(String.init).joined()
    }

    /// The detected substrings of `text` with their types, in order.
    /// `rulesOnly` leaves out the PERSON word model (`PersonTokenModel`), for the near misses
    /// of a rule that the model, a statistical guess, may still take.
    static func found(_ text: String, types: Set<PIIType> = Set(PIIType.allCases), rulesOnly: Bool = false) -> [(String, PIIType)] {
        let scalars = Array(text.unicodeScalars)
        return Redactor(types: types, usesPersonModel: !rulesOnly).findSpans(in: text).map { span in
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[span.start..<span.end])
            return (String(s), span.type)
        }
    }

    /// The detected substrings of one type.
    static func values(_ text: String, _ type: PIIType, rulesOnly: Bool = false) -> [String] {
        found(text, rulesOnly: rulesOnly).filter { $0.1 == type }.map(\.0)
    }

    /// Asserts the PERSON values the rules alone find in each text (the word model left out).
    static func assertNames(_ cases: [(String, [String])], file: StaticString = #filePath, line: UInt = #line) {
        for (text, expected) in cases {
            XCTAssertEqual(values(text, .person, rulesOnly: true), expected, describe(text), file: file, line: line)
        }
    }

    /// Asserts that neither the rules nor the word model find a PERSON in each text.
    static func assertNoPerson(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in texts {
            XCTAssertEqual(values(text, .person), [], describe(text), file: file, line: line)
        }
    }

    /// A one-line rendering of the detections for assertion messages.
    static func describe(_ text: String) -> String {
        found(text).map { "\($0.1.rawValue)<\($0.0)>" }.joined(separator: " ")
    }
}
