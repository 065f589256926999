import ConfideJSON

/// Who wrote a message.
public enum MessageRole: String, Sendable, CaseIterable {
    case customer, agent, bot, system
}

/// One message of a transcript: the plaintext of one sealed chunk.
public struct Message: Equatable, Sendable {
    /// Largest `text`, in UTF-8 bytes (1 MiB).
    public static let maxTextBytes = 1 << 20
    /// Largest `author`, in UTF-8 bytes.
    public static let maxAuthorBytes = 256

    public var role: MessageRole
    public var text: String
    /// When the message was said; the daemon's receive time when the client gave none.
    public var timestamp: Timestamp
    public var author: String?
    /// Free client metadata, stored encrypted with the message.
    public var meta: JSONObject?

    public init(role: MessageRole, text: String, timestamp: Timestamp, author: String? = nil, meta: JSONObject? = nil) {
        self.role = role
        self.text = text
        self.timestamp = timestamp
        self.author = author
        self.meta = meta
    }

    /// Parses a protocol `Message` object; `field` (e.g. `messages[3]`) prefixes error
    /// field names, and `receivedAt` fills in an absent `ts`.
    public init(json: JSONValue, field: String, receivedAt: Timestamp) throws(StoreError) {
        guard case .object(let object) = json else { throw .invalidParameter(field: field, rule: "must be an object") }
        for key in object.keys where !["role", "text", "ts", "author", "meta"].contains(key) {
            throw .invalidParameter(field: "\(field).\(key)", rule: "unknown member (allowed: role, text, ts, author, meta)")
        }
        guard let roleName = object["role"]?.stringValue else {
            throw .invalidParameter(field: "\(field).role", rule: "required string: customer, agent, bot or system")
        }
        guard let role = MessageRole(rawValue: roleName) else {
            throw .invalidParameter(field: "\(field).role", rule: "must be one of customer, agent, bot, system")
        }
        guard let text = object["text"]?.stringValue else { throw .invalidParameter(field: "\(field).text", rule: "required string") }
        guard text.utf8.count <= Message.maxTextBytes else {
            throw .invalidParameter(field: "\(field).text", rule: "must be at most 1 MiB of UTF-8")
        }
        var timestamp = receivedAt
        if let ts = object["ts"], !ts.isNull {
            guard let s = ts.stringValue, let parsed = Timestamp(rfc3339: s) else {
                throw .invalidParameter(field: "\(field).ts", rule: "must be an RFC 3339 timestamp")
            }
            timestamp = parsed
        }
        var author: String? = nil
        if let a = object["author"], !a.isNull {
            guard let s = a.stringValue, s.utf8.count <= Message.maxAuthorBytes else {
                throw .invalidParameter(field: "\(field).author", rule: "must be a string of at most 256 bytes")
            }
            author = s
        }
        var meta: JSONObject? = nil
        if let m = object["meta"], !m.isNull {
            guard let o = m.objectValue else { throw .invalidParameter(field: "\(field).meta", rule: "must be an object") }
            meta = o
        }
        self.init(role: role, text: text, timestamp: timestamp, author: author, meta: meta)
    }

    /// The plaintext sealed into a chunk: format byte 2, then the message exactly as replies
    /// show it, less `seq` (which the chunk's position gives). A read can then splice the
    /// stored bytes into its reply instead of parsing and re-encoding every message.
    ///
    /// Format 1, written before, is the JSON object alone (first byte `{`), with `ts` as
    /// integer milliseconds; it is still read.
    func storedForm() -> [UInt8] {
        var out: [UInt8] = [Message.storedFormat2]
        out.reserveCapacity(text.utf8.count + 96)
        JSONWriter.write(replyJSON(seq: nil), into: &out)
        return out
    }

    static let storedFormat2: UInt8 = 2

    /// Reads a chunk's plaintext back (either format); a malformed one means a bug or
    /// tampering that still authenticated, so it is an integrity failure.
    init(storedForm plain: [UInt8]) throws(StoreError) {
        let json = plain.first == Message.storedFormat2 ? plain[1...] : plain[...]
        let value: JSONValue
        do { value = try json.withUnsafeBytes { bytes throws(JSONParseError) in try JSONParser.parse(bytes) } }
        catch { throw .integrity("a stored message decrypted to malformed data") }
        guard case .object(let o) = value, let roleName = o["role"]?.stringValue, let role = MessageRole(rawValue: roleName),
              let text = o["text"]?.stringValue else {
            throw .integrity("stored message has an unexpected shape")
        }
        let timestamp: Timestamp
        if let ms = o["ts"]?.intValue {
            timestamp = Timestamp(milliseconds: Int64(ms))          // format 1
        } else if let text = o["ts"]?.stringValue, let t = Timestamp(rfc3339: text) {
            timestamp = t                                          // format 2
        } else {
            throw .integrity("stored message has an unexpected shape")
        }
        self.init(role: role, text: text, timestamp: timestamp, author: o["author"]?.stringValue, meta: o["meta"]?.objectValue)
    }

    /// The protocol form in replies, with its sequence number (without, for storage).
    public func replyJSON(seq: Int?) -> JSONValue {
        var o = JSONObject()
        if let seq { o["seq"] = .int(seq) }
        o["role"] = .string(role.rawValue)
        o["text"] = .string(text)
        o["ts"] = .string(timestamp.rfc3339)
        if let author { o["author"] = .string(author) }
        if let meta { o["meta"] = .object(meta) }
        return .object(o)
    }
}
