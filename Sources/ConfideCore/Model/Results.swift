import ConfideJSON

/// What `session.append` reports.
public struct AppendResult: Equatable, Sendable {
    public let session: String
    /// Messages in the session now.
    public let count: Int
    /// Sequence number of the first appended message.
    public let firstSeq: Int
}

/// A whole session, decrypted, as `session.get` returns it.
public struct SessionTranscript: Sendable {
    public let customer: String
    public let session: String
    /// Messages in order, each with its sequence number.
    public let messages: [TranscriptMessage]
    public let metadata: JSONObject?
    public let createdAt: Timestamp
    public let updatedAt: Timestamp
    public var count: Int { messages.count }
}

/// One entry of `session.list`.
public struct SessionSummary: Equatable, Sendable {
    public let session: String
    public let count: Int
    public let createdAt: Timestamp
    public let updatedAt: Timestamp
}

/// A page of `session.list`; `next` is the cursor for the following page, if any.
public struct SessionPage: Sendable {
    public let sessions: [SessionSummary]
    public let next: String?
}

/// One message of a transcript with its sequence number: either as read from its chunk
/// (still in stored form, turned into reply JSON without parsing) or as a decoded `Message`.
public struct TranscriptMessage: Sendable {
    public let seq: Int
    private let content: Content

    private enum Content: Sendable {
        /// A format-2 chunk plaintext (see `Message.storedForm()`), already checked to be
        /// one JSON object behind its format byte.
        case stored([UInt8])
        case decoded(Message)
    }

    public init(seq: Int, message: Message) {
        self.seq = seq
        content = .decoded(message)
    }

    /// A message from its chunk's authenticated plaintext. Format 2 is kept as it is;
    /// format 1 (older chunks) is decoded here.
    init(seq: Int, storedForm plain: [UInt8]) throws(StoreError) {
        self.seq = seq
        if plain.first == Message.storedFormat2 {
            guard plain.count >= 3, plain[1] == UInt8(ascii: "{"), plain[plain.count - 1] == UInt8(ascii: "}") else {
                throw .integrity("message \(seq) has an unexpected shape")
            }
            content = .stored(plain)
        } else {
            content = .decoded(try Message(storedForm: plain))
        }
    }

    /// The message, decoded (parses a stored one).
    public func decoded() throws(StoreError) -> Message {
        switch content {
        case .stored(let plain): return try Message(storedForm: plain)
        case .decoded(let message): return message
        }
    }

    /// The message in its protocol form with `seq`. A stored one is spliced, not parsed:
    /// `{"seq":N,` followed by the stored object after its `{`.
    public var replyJSON: JSONValue {
        switch content {
        case .decoded(let message):
            return message.replyJSON(seq: seq)
        case .stored(let plain):
            var out: [UInt8] = []
            out.reserveCapacity(plain.count + 16)
            out.append(contentsOf: #"{"seq":"#.utf8)
            out.append(contentsOf: String(seq).utf8)
            if plain.count > 3 { out.append(UInt8(ascii: ",")) }  // an empty stored object has no members to follow
            out.append(contentsOf: plain[2...])
            return .fragment(JSONFragment(uncheckedBytes: out))
        }
    }
}
