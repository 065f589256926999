/// The bytes of one complete JSON value, written verbatim by `JSONWriter`.
///
/// For text that is already JSON, so a reply need not parse it and encode it again: a stored
/// message kept in exactly the form replies show it. The parser never produces one.
public struct JSONFragment: Sendable, Equatable {
    /// The encoded value, compact, without a trailing newline.
    public let bytes: [UInt8]

    /// The encoding of `value`.
    public init(encoding value: JSONValue) {
        bytes = JSONWriter.bytes(value)
    }

    /// Wraps `bytes` after checking, with the strict parser, that they are one JSON value.
    public init(validating bytes: [UInt8]) throws(JSONParseError) {
        _ = try JSONParser.parse(bytes)
        self.bytes = bytes
    }

    /// Wraps bytes the caller vouches for without looking at them: output of `JSONWriter`,
    /// unchanged since (for example, authenticated by an AEAD tag on the way back from disk).
    /// Invalid bytes here make the reply invalid JSON; use `init(validating:)` for anything else.
    public init(uncheckedBytes bytes: [UInt8]) {
        self.bytes = bytes
    }
}
