@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfideStorage
import Foundation
import XCTest

private typealias TS = CoreTestSupport

/// Chunk plaintexts: format 2 (the reply form, spliced into replies without parsing) is
/// what is written; format 1 chunks from earlier versions still read the same.
final class StoreChunkFormatTests: XCTestCase {
    private var dir: CoreTestState!

    override func setUpWithError() throws { dir = try CoreTestState() }
    override func tearDown() { dir?.remove() }

    private static let messages: [Message] = [
        TS.message("plain"),
        Message(role: .agent, text: "quote \" backslash \\ newline \n tab \t NUL \u{0} emoji 😀", timestamp: Timestamp(milliseconds: 1_795_000_000_123),
                author: "agent-7", meta: ["ticket": .string("T-1"), "n": .int(2), "nested": ["a": .array([.null, .bool(true)])]]),
        Message(role: .system, text: "", timestamp: Timestamp(milliseconds: 0)),
    ]

    /// A message read back from a format-2 chunk replies with exactly the bytes the decoded
    /// message would, and decodes to the message that was written.
    func testStoredMessagesReplyWithTheSameBytesAsDecodedOnes() throws {
        let store = try dir.open()
        defer { store.close() }
        _ = try store.testAppend("alice", "s1", StoreChunkFormatTests.messages)
        let transcript = try store.testGet("alice", "s1")
        XCTAssertEqual(try transcript.decodedMessages, StoreChunkFormatTests.messages)
        for (item, message) in zip(transcript.messages, StoreChunkFormatTests.messages) {
            guard case .fragment(let fragment) = item.replyJSON else { return XCTFail("message \(item.seq) was re-encoded, not spliced") }
            XCTAssertEqual(fragment.bytes, JSONWriter.bytes(message.replyJSON(seq: item.seq)), "message \(item.seq)")
            XCTAssertEqual(try JSONParser.parse(fragment.bytes), message.replyJSON(seq: item.seq))
        }
    }

    /// Chunks sealed in format 1 (the JSON object alone, `ts` in milliseconds) by an earlier
    /// version read back, reply and export as before.
    func testFormatOneChunksStillRead() throws {
        let store = try dir.open()
        defer { store.close() }
        _ = try store.testAppend("bob", "s1", [StoreChunkFormatTests.messages[0]])
        let keys = try XCTUnwrap(try store.keyring.lookup(TS.customer("bob")))
        let sealer = SessionSealer(keys: keys, sessionIndex: store.keyring.sessionIndex(handle: keys.handle, session: TS.session("s1")))
        let old = StoreChunkFormatTests.messages[1]
        var object: JSONObject = ["role": .string(old.role.rawValue), "text": .string(old.text), "ts": .int(Int(old.timestamp.milliseconds))]
        object["author"] = old.author.map(JSONValue.string)
        object["meta"] = old.meta.map(JSONValue.object)
        let formatOne = JSONWriter.bytes(.object(object))
        XCTAssertEqual(formatOne.first, UInt8(ascii: "{"))
        let db = try Database(path: dir.state.dataPath)
        let row = try XCTUnwrap(try db.session(handle: keys.handle, index: sealer.sessionIndex))
        let fields = try sealer.checkSeal(row, name: "s1")
        try db.transaction {
            let (next, last) = try sealer.appendChunks([formatOne], to: fields, after: row.lastChunk, sessionID: row.id, in: db)
            try db.updateSession(id: row.id, fields: next, seal: sealer.seal(next), lastChunk: last)
        }
        let transcript = try store.testGet("bob", "s1")
        XCTAssertEqual(try transcript.decodedMessages, [StoreChunkFormatTests.messages[0], old])
        XCTAssertEqual(JSONWriter.bytes(transcript.messages[1].replyJSON), JSONWriter.bytes(old.replyJSON(seq: 2)))
        XCTAssertEqual(try store.testExportAll("bob").first?.decodedMessages, [StoreChunkFormatTests.messages[0], old])
    }

    /// An authenticated plaintext that is neither format is an integrity error, not a crash
    /// or a garbled reply.
    func testMalformedPlaintextsAreIntegrityErrors() {
        for plain in [[], [2], [2, 0x7B], [2, 0x5B, 0x5D], Array("not json".utf8), Array(#"{"role":"agent"}"#.utf8), [3] + Array("{}".utf8)] as [[UInt8]] {
            XCTAssertThrowsError(try TranscriptMessage(seq: 1, storedForm: plain).decoded(), "\(plain)") { error in
                guard case .integrity = error as? StoreError else { return XCTFail("\(plain): \(error)") }
            }
        }
    }
}
