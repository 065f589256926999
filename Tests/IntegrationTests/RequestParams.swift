import ConfideJSON
import Foundation
import TestSupport

// MARK: Building params

/// One message object; `text` must be given, the rest optional.
func message(_ text: String, role: String = "customer", ts: String? = nil, author: String? = nil, meta: JSONObject? = nil) -> JSONValue {
    var o: JSONObject = ["role": .string(role), "text": .string(text)]
    if let ts { o["ts"] = .string(ts) }
    if let author { o["author"] = .string(author) }
    if let meta { o["meta"] = .object(meta) }
    return .object(o)
}

/// `session.append` / `session.put` params.
func sessionParams(_ customer: String, _ session: String, _ messages: [JSONValue]) -> JSONObject {
    ["customer": .string(customer), "session": .string(session), "messages": .array(messages)]
}

/// `session.get` / `session.delete` params.
func ids(_ customer: String, _ session: String) -> JSONObject {
    ["customer": .string(customer), "session": .string(session)]
}

/// A short unique token for markers and ids.
func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(13))" }

/// The texts of a `session.get` result, in seq order.
func texts(_ transcript: JSONValue) -> [String] {
    (transcript["messages"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
}

/// RFC 3339 UTC with exactly three fraction digits, as the protocol promises in replies.
func isRFC3339Millis(_ value: JSONValue?) -> Bool {
    guard let s = value?.stringValue else { return false }
    let b = Array(s.utf8)
    guard b.count == 24 else { return false }
    let digits: [Int] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22]
    let punctuation: [Int: UInt8] = [4: 45, 7: 45, 10: 84, 13: 58, 16: 58, 19: 46, 23: 90]
    return digits.allSatisfy { (48...57).contains(b[$0]) } && punctuation.allSatisfy { b[$0.key] == $0.value }
}

extension JSONObject {
    /// A copy with `other`'s members set over this one's (`redact`, `view` beside a request's
    /// own params).
    func merging(_ other: JSONObject) -> JSONObject {
        var o = self
        for (k, v) in other.members { o[k] = v }
        return o
    }
}
