import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// `confide redact`, the local redaction tool (no daemon): JSON lines in, JSON lines out,
/// with spans in Unicode code point offsets of the input.
final class RedactCLITests: XCTestCase {
    /// Runs `confide redact <arguments>` with `stdin` as its standard input, bounded in time.
    private func redact(_ arguments: [String], stdin: String, timeout: Double = 20) throws -> ProgramResult {
        try runProgram([try DaemonHarness.binaryPath(), "redact"] + arguments, stdin: stdin, timeout: timeout)
    }

    /// One input line.
    private func line(_ id: JSONValue, _ text: String) -> String { JSONWriter.string(["id": id, "text": .string(text)]) }

    /// The output lines, parsed.
    private func outputs(_ r: ProgramResult) throws -> [JSONValue] {
        try r.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    /// The input's code points from `start` to `end` (exclusive), or nil when out of range.
    private func slice(_ text: String, _ span: JSONValue) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard let s = span["start"]?.intValue, let e = span["end"]?.intValue, 0 <= s, s <= e, e <= scalars.count else { return nil }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[s..<e])
        return String(out)
    }

    private static func luhnValid(_ number: String) -> Bool {
        let digits = number.compactMap { $0.wholeNumberValue }
        var sum = 0
        for (i, d) in digits.reversed().enumerated() { sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d }
        return sum % 10 == 0
    }

    static let card = "5555 5555 5555 4444"
    // Non-ASCII before the PII: 2-byte letters, a 4-byte emoji with a skin-tone modifier (two
    // code points, one character), a combining accent (two code points, one character), CJK.
    static let first = "Gr\u{00FC}\u{00DF}e \u{1F44B}\u{1F3FD} ana@example.com, Jose\u{0301} paid with \(card)."
    static let second = "\u{65E5}\u{672C}\u{8A9E} bob@example.org \u{3068} ana@example.com"

    func testRedactReplacesPIIAndReportsCodePointSpansIntoTheInputWithTheSameIDs() throws {
        XCTAssertTrue(Self.luhnValid(Self.card))
        let r = try redact([], stdin: line(1, Self.first) + "\n" + line("two", Self.second) + "\n")
        XCTAssertEqual(r.status, 0, "\(r)")
        let out = try outputs(r)
        XCTAssertEqual(out.count, 2, r.stdout)
        guard out.count == 2 else { return }

        XCTAssertEqual(out[0]["id"], 1)
        XCTAssertEqual(out[0]["redacted"]?.stringValue, "Gr\u{00FC}\u{00DF}e \u{1F44B}\u{1F3FD} [EMAIL_1], Jose\u{0301} paid with [CARD_1].")
        let spans1 = out[0]["spans"]?.arrayValue ?? []
        XCTAssertEqual(spans1.map { $0["type"]?.stringValue }, ["EMAIL", "CARD"], "\(spans1)")
        XCTAssertEqual(spans1.map { slice(Self.first, $0) }, ["ana@example.com", Self.card], "\(spans1)")
        // Code points, not characters, bytes or UTF-16 units: 9 code points (8 characters, 11 UTF-16 units, 17 bytes) precede the address.
        XCTAssertEqual(spans1.first?["start"]?.intValue, 9, "\(spans1)")

        XCTAssertEqual(out[1]["id"], "two")
        XCTAssertEqual(out[1]["redacted"]?.stringValue, "\u{65E5}\u{672C}\u{8A9E} [EMAIL_1] \u{3068} [EMAIL_2]")
        let spans2 = out[1]["spans"]?.arrayValue ?? []
        XCTAssertEqual(spans2.map { slice(Self.second, $0) }, ["bob@example.org", "ana@example.com"], "\(spans2)")
        XCTAssertEqual(spans2.map { $0["type"]?.stringValue }, ["EMAIL", "EMAIL"], "\(spans2)")
    }

    func testRedactTypesEmailLeavesTheCardInPlace() throws {
        let r = try redact(["--types", "EMAIL"], stdin: line(7, Self.first) + "\n")
        XCTAssertEqual(r.status, 0, "\(r)")
        let out = try outputs(r)
        XCTAssertEqual(out.count, 1, r.stdout)
        guard let o = out.first else { return }
        XCTAssertEqual(o["id"], 7)
        XCTAssertEqual(o["redacted"]?.stringValue, "Gr\u{00FC}\u{00DF}e \u{1F44B}\u{1F3FD} [EMAIL_1], Jose\u{0301} paid with \(Self.card).")
        let spans = o["spans"]?.arrayValue ?? []
        XCTAssertEqual(spans.map { $0["type"]?.stringValue }, ["EMAIL"], "\(spans)")
        XCTAssertEqual(spans.map { slice(Self.first, $0) }, ["ana@example.com"], "\(spans)")
    }

    func testRedactUnknownTypeExitsWithStatus2NamingTheToken() throws {
        let r = try redact(["--types", "EMAIL,PASSPORT"], stdin: line(1, Self.first) + "\n")
        XCTAssertEqual(r.status, 2, "\(r)")
        XCTAssertFalse(r.signaled)
        XCTAssertTrue(r.stderr.contains("PASSPORT"), r.stderr)
        XCTAssertEqual(r.stdout, "", "nothing is redacted with a bad type list")
    }

    func testRedactReportsANonJSONLineOnStderrKeepsGoingAndExitsWith1() throws {
        let input = line(1, "mail ana@example.com") + "\nthis is not JSON\n" + line(3, "mail bob@example.org") + "\n"
        let r = try redact([], stdin: input)
        XCTAssertEqual(r.status, 1, "\(r)")
        XCTAssertTrue(r.stderr.contains("line 2"), r.stderr)
        let out = try outputs(r)
        XCTAssertEqual(out.map { $0["id"] }, [1, 3], r.stdout)
        XCTAssertEqual(out.map { $0["redacted"]?.stringValue }, ["mail [EMAIL_1]", "mail [EMAIL_1]"], r.stdout)
    }

    func testRedactPersonAndAddressTypesShareNumbersWithinASession() throws {
        func lineIn(_ id: Int, _ session: String, _ text: String) -> String {
            JSONWriter.string(["id": .int(id), "session": .string(session), "text": .string(text)])
        }
        let input = [lineIn(1, "s1", "Hi, this is Ana Souza, 10 Downing Street, London SW1A 2AA"),
                     lineIn(2, "s1", "Ana again, mail ana@example.com"),
                     lineIn(3, "s2", "Ana again, mail ana@example.com")].joined(separator: "\n") + "\n"
        let r = try redact(["--types", "person,ADDRESS"], stdin: input)
        XCTAssertEqual(r.status, 0, "\(r)")
        let out = try outputs(r)
        XCTAssertEqual(out.map { $0["redacted"]?.stringValue }, [
            "Hi, this is [PERSON_1], [ADDRESS_1]",
            "[PERSON_1] again, mail ana@example.com",
            "Ana again, mail ana@example.com",
        ], r.stdout)
    }
}
