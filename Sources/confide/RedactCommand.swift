import ConfideRedaction
import ConfideCore
import ConfideJSON
import Foundation

/// `confide redact`: try a redaction policy locally on JSON lines, no daemon needed.
enum RedactCommand {
    static let command = Command(
        name: "redact",
        abstract: "Redact PII in JSON lines {\"id\",\"text\"} from stdin (local; no daemon needed).",
        options: [.init(name: "--types", value: "LIST",
                        help: "PII types to redact, comma-separated: \(PIIType.allCases.map(\.rawValue).joined(separator: ",")) (default: all). "
                            + "Lines with the same \"session\" string share placeholder numbers")],
        example: #"echo '{"id":1,"session":"s1","text":"I am Ana Souza, 10 Downing Street, London SW1A 2AA"}' | confide redact --types PERSON,ADDRESS"#,
        run: run)

    static func run(_ args: ParsedArguments) throws -> Int32 {
        let types: Set<PIIType>
        do { types = try args.value("--types").map(Redactor.parseTypes) ?? Set(PIIType.allCases) }
        catch { throw UsageError("--types: \(error)") }
        let redactor = Redactor(types: types)
        var failures = 0
        var lineNumber = 0
        // One numbering per "session" value, so "Ana Souza" and a later "Ana" share [PERSON_1].
        var sessions: [String: PlaceholderNumbering] = [:]
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let o = try? JSONParser.parse(line).objectValue, let text = o["text"]?.stringValue else {
                note("confide redact: line \(lineNumber): expected a JSON object with a string \"text\"; skipped")
                failures += 1
                continue
            }
            let session = o["session"]?.stringValue
            var numbering = session.flatMap { sessions[$0] } ?? PlaceholderNumbering()
            let (redacted, spans) = redactor.redact(text, numbering: &numbering)
            if let session { sessions[session] = numbering }
            let out: JSONValue = ["id": o["id"] ?? .null, "redacted": .string(redacted),
                                  "spans": .array(spans.map { ["start": .int($0.start), "end": .int($0.end), "type": .string($0.type.rawValue)] })]
            print(JSONWriter.string(out))
        }
        return failures == 0 ? 0 : 1
    }
}
