import XCTest
import ConfideRedaction

/// Every rule that looks past its trigger must stop at the end of the text. Twice a rule read
/// the token after the last one when a message ended right after its trigger (`Ship to:`,
/// `Sincerely,⏎`): an index out of range, which traps and, in the daemon, took the whole
/// process down from one `session.append` with `redact`. Here the detector runs over every
/// prefix of the development splits' messages, so every trigger of every template is met
/// at the very end of a text; a trap fails the whole test run.
final class RedactionPrefixTests: XCTestCase {
    func testEveryPrefixOfTheDevelopmentSplitsMessagesIsRedactedWithSpansInBounds() {
        let splits: [(RedactionCorpusPeople.Split, UInt64)] = [(.dev, 0x22A1), (.heldOutB, 0x22B1), (.heldOutC, 0x22C1),
                                                                 (.heldOutD, 0x22D1), (.heldOutE, 0x22E1), (.heldOutF, 0x22F1)]
        var prefixes = 0
        for (split, seed) in splits {
            for message in RedactionCorpusPeople.generate(split, seed: seed, count: 120) {
                let scalars = Array(message.labelled.text.unicodeScalars)
                for end in 1...scalars.count {
                    var text = String.UnicodeScalarView()
                    text.append(contentsOf: scalars[..<end])
                    let prefix = String(text)
                    let length = prefix.unicodeScalars.count
                    for span in Redactor().findSpans(in: prefix) where span.start < 0 || span.end > length || span.start >= span.end {
                        XCTFail("\(split) prefix \(prefix.debugDescription): span \(span.start)..<\(span.end) outside 0..<\(length)")
                    }
                    var numbering = PlaceholderNumbering()
                    _ = Redactor().redact(prefix, numbering: &numbering)
                    prefixes += 1
                }
            }
        }
        XCTAssertGreaterThan(prefixes, 50_000, "every prefix of 720 messages")
    }
}
