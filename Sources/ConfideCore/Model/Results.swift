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
    public let messages: [(seq: Int, message: Message)]
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
