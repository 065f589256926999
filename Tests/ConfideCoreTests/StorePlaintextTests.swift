@_spi(Testing) import ConfideCore
import ConfideJSON
import Foundation
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

/// Nothing a client sends is written to disk in the clear: ids, text, author and metadata
/// exist only inside ciphertext (byte-for-byte scans of every file of the state folder).
final class StorePlaintextTests: XCTestCase {
    private var dir: CoreTestState!

    override func setUpWithError() throws { dir = try CoreTestState() }
    override func tearDown() { dir?.remove() }

    /// Scans every file of the state folder; returns the names scanned.
    @discardableResult
    private func assertNoFileContains(_ markers: [String], _ when: String, line: UInt = #line) throws -> [String] {
        let files = try Kit.fileContents(under: dir.state.path)
        // Control: the scan reads the real bytes (SQLite's header is plain text).
        XCTAssertTrue(Kit.contains(try XCTUnwrap(files["data.db"]), Array("SQLite format 3".utf8)), line: line)
        for marker in markers {
            for (name, bytes) in files where Kit.contains(bytes, Array(marker.utf8)) {
                XCTFail("\(marker) found in \(name) \(when)", line: line)
            }
        }
        return files.keys.sorted()
    }

    /// Unique markers in the customer id, session id, text, author, message meta (key and
    /// value) and session metadata: after put/append/get none of them is in keys.db,
    /// data.db or their -wal/-shm files, neither while the store runs nor after close.
    func testNoClientStringIsWrittenToDiskInTheClear() throws {
        let markers = (customer: "CUSTMARKERq7Zx", session: "SESSMARKERk9Lp", text: "TEXTMARKERv2Rt", author: "AUTHMARKERj5Wn",
                       metaKey: "MKEYMARKERa1Bc", metaValue: "MVALMARKERp1Hs", metadata: "SMETAMARKERx8Qe")
        let all = [markers.customer, markers.session, markers.text, markers.author, markers.metaKey, markers.metaValue, markers.metadata]
        let store = try dir.open()
        let message = Message(role: .customer, text: "hello \(markers.text) bye", timestamp: ManualClock.defaultStart,
                              author: markers.author, meta: [markers.metaKey: .string(markers.metaValue)])
        for i in 0..<20 {
            let c = "\(markers.customer)-\(i % 3)", s = "\(markers.session)-\(i)"
            try store.testPut(c, s, [message], metadata: ["note": .string(markers.metadata)])
            try store.testAppend(c, s, [message, message])
        }
        let t = try store.testGet("\(markers.customer)-1", "\(markers.session)-4")
        XCTAssertEqual(try t.decodedMessages, [message, message, message], "the markers were really stored")
        XCTAssertEqual(t.metadata, ["note": .string(markers.metadata)])

        let whileOpen = try assertNoFileContains(all, "while open")
        XCTAssertTrue(whileOpen.contains("data.db-wal") && whileOpen.contains("keys.db"), "scanned \(whileOpen)")
        store.close()
        try assertNoFileContains(all, "after close")
    }

    /// With `redact: true` an e-mail address and a card number are replaced before
    /// encryption: `get` returns the placeholders, and the values are on no file.
    func testRedactedWriteKeepsOnlyPlaceholders() throws {
        let email = "jane.roe@example.org", card = "4111 1111 1111 1111"
        let text = "mail me at \(email) or charge \(card) today"
        let store = try dir.open()
        try store.testAppend("cust", "redacted", [TS.message(text)], redact: true)
        try store.testAppend("cust", "redacted", [TS.message("again \(email)")], redact: true)
        let stored = try store.testGet("cust", "redacted").texts
        XCTAssertEqual(stored, ["mail me at [EMAIL_1] or charge [CARD_1] today", "again [EMAIL_1]"],
                       "placeholders are numbered consistently across the session")
        // Control: without redaction the same text comes back as written.
        try store.testAppend("cust", "plain", [TS.message(text)])
        XCTAssertEqual(try store.testGet("cust", "plain").texts, [text])
        store.close()
        try assertNoFileContains([email, card, "4111111111111111", "jane.roe"], "after close")
    }
}
