import XCTest
import ConfideRedaction

/// Large hostile inputs (256 KiB, 1 MiB in the long run) finish in linear time with correct, bounded output.
/// Only the elapsed time is printed; the assertions are about behaviour.
final class RedactionAdversarialTests: XCTestCase {
    /// 256 KiB per input (a quadratic pass would already take minutes); 1 MiB with
    /// CONFIDE_LONG_TESTS=1. Kept small by default for CI's time budget.
    private static let size = ProcessInfo.processInfo.environment["CONFIDE_LONG_TESTS"] == "1" ? 1 << 20 : 1 << 18

    private func repeated(_ unit: String) -> String {
        String(repeating: unit, count: Self.size / unit.utf8.count + 1)
    }

    /// Runs `findSpans` and `redact`, checks the spans are sorted, disjoint and in bounds,
    /// prints the elapsed time, and returns the spans.
    @discardableResult
    private func run(_ name: String, _ text: String) -> [PIISpan] {
        let start = Date()
        let spans = Redactor().findSpans(in: text)
        var numbering = PlaceholderNumbering()
        let redacted = Redactor().redact(text, numbering: &numbering)
        let elapsed = Date().timeIntervalSince(start)
        print(String(format: "adversarial %@: %d bytes, %d spans, %.3f s (findSpans + redact)",
                     name, text.utf8.count, spans.count, elapsed))
        let scalars = text.unicodeScalars.count
        var previousEnd = 0
        for span in spans {
            XCTAssertTrue(span.start >= previousEnd && span.start < span.end && span.end <= scalars, "\(name): \(span)")
            previousEnd = span.end
        }
        XCTAssertEqual(redacted.spans, spans, name)
        if spans.isEmpty { XCTAssertEqual(redacted.text, text, name) }
        return spans
    }

    func testDigitsAndSeparators() {
        XCTAssertEqual(run("digits", repeated("1")), [])
        XCTAssertEqual(run("digit-space", repeated("1 ")), [])
        XCTAssertEqual(run("digit-dash", repeated("12-")), [])
        // Seventh session: `_` and dot-grouped cards are chain separators now.
        XCTAssertEqual(run("digit-underscore", repeated("123_45_")), [])
        XCTAssertEqual(run("SSN keyword and underscores", repeated("SSN 12_")), [])
        XCTAssertEqual(run("dotted groups", repeated("1234.")), [])
        XCTAssertEqual(run("parens", repeated("(1)")), [])
        XCTAssertEqual(run("plus", repeated("+1")), [])
        var rng = RedactionRNG(seed: 42)
        let alphabet = Array("0123456789 -./()+,:")
        var noise = ""
        noise.reserveCapacity(Self.size)
        for _ in 0..<Self.size { noise.append(rng.pick(alphabet)) }
        run("random digits and separators", noise)
    }

    func testEmailShapes() {
        XCTAssertEqual(run("a@a.a@", repeated("a@a.a@")), [])
        XCTAssertEqual(run("long local part", repeated("a") + "@example.com").count, 0)
        XCTAssertEqual(run("@@@", repeated("@")), [])
        XCTAssertEqual(run("dots", repeated("a.")), [])
        let many = run("many addresses", repeated("ana@x.com "))
        XCTAssertEqual(many.count, Self.size / 10 + 1)
    }

    func testDottedAndColonShapes() {
        XCTAssertEqual(run("1.1.1.1.1…", repeated("1.")), [])
        XCTAssertEqual(run("::::", repeated(":")), [])
        XCTAssertEqual(run("1:1:1…", repeated("1:")), [])
        XCTAssertEqual(run("ffff:", repeated("ffff:")), [])
        let ips = run("many IPv4", repeated("10.0.0.1 "))
        XCTAssertEqual(ips.count, Self.size / 9 + 1)
    }

    func testIBANAndCardShapes() {
        XCTAssertEqual(run("DE89 groups", repeated("DE89 3704 ")), [])
        XCTAssertEqual(run("card groups", repeated("4111 ")), [])
        let cards = run("many cards", repeated("4111 1111 1111 1111, "))
        XCTAssertEqual(cards.count, Self.size / 21 + 1)
        XCTAssertTrue(cards.allSatisfy { $0.type == .card })
    }

    func testMixedScriptsAtScale() {
        let text = repeated("👨‍👩‍👧 電話 090-1234-5678 ✉︎ taro@example.jp — ")
        let spans = run("mixed scripts", text)
        XCTAssertEqual(spans.count % 2, 0)
        XCTAssertEqual(Set(spans.map(\.type)), [.phone, .email])
    }

    /// Word-level shapes for the PERSON/ADDRESS rules (256 KiB each: every rule reads a
    /// bounded number of tokens, so this is linear like the rest). Each repeat is one match
    /// or none, and the counts say which.
    func testNameAndAddressShapes() {
        func quarter(_ unit: String) -> String { String(repeating: unit, count: (Self.size / 4) / unit.utf8.count + 1) }
        let titles = quarter("Mr. ")
        XCTAssertEqual(run("titles", titles).count, 0)
        let names = quarter("Hi Ana Souza, ")
        XCTAssertEqual(run("greeting-names", names).count, names.utf8.count / 14)
        XCTAssertTrue(run("capitals", quarter("Ana Bob Cy Dee ")).allSatisfy { $0.type == .person })
        let streets = quarter("12 rue de la Paix, ")
        XCTAssertEqual(run("streets", streets).count, streets.utf8.count / 19)
        XCTAssertTrue(run("postcodes", quarter("10115 Berlin\n")).isEmpty)
        XCTAssertTrue(run("po-boxes", quarter("PO Box PO Box ")).isEmpty)
    }
}
