@testable import ConfideRedaction

/// Helpers shared by the redaction tests.
enum RedactionTestHelpers {
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

    /// A one-line rendering of the detections for assertion messages.
    static func describe(_ text: String) -> String {
        found(text).map { "\($0.1.rawValue)<\($0.0)>" }.joined(separator: " ")
    }
}
