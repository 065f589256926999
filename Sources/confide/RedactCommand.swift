import ConfideRedaction
import ConfideCore
import ConfideJSON
import Foundation

/// `confide redact`: try a redaction policy locally on JSON lines, no daemon needed.
enum RedactCommand {
    static let command = Command(
        name: "redact",
        abstract: "Redact PII in JSON lines {\"id\",\"text\"} from stdin (local; no daemon needed).",
        usage: "redact [--types EMAIL,PHONE,CARD,IBAN,SSN,IP]",
        options: [.init(name: "--types", value: "LIST", help: "PII types to redact (default: all)")],
        example: #"echo '{"id":1,"text":"mail ana@example.com"}' | confide redact --types EMAIL"#,
        run: run)

    static func run(_ args: ParsedArguments) throws -> Int32 {
        let types: Set<PIIType>
        do { types = try args.value("--types").map(Redactor.parseTypes) ?? Set(PIIType.allCases) }
        catch { throw UsageError("--types: \(error)") }
        let redactor = Redactor(types: types)
        var failures = 0
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let o = try? JSONParser.parse(line).objectValue, let text = o["text"]?.stringValue else {
                note("confide redact: line \(lineNumber): expected a JSON object with a string \"text\"; skipped")
                failures += 1
                continue
            }
            var numbering = PlaceholderNumbering()
            let (redacted, spans) = redactor.redact(text, numbering: &numbering)
            let out: JSONValue = ["id": o["id"] ?? .null, "redacted": .string(redacted),
                                  "spans": .array(spans.map { ["start": .int($0.start), "end": .int($0.end), "type": .string($0.type.rawValue)] })]
            print(JSONWriter.string(out))
        }
        return failures == 0 ? 0 : 1
    }
}
