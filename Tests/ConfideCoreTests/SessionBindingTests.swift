// Issue 16, items 3 and 4: a session version is a chain (epoch in every AD, each chunk
// bound to its predecessor's tag, the row sealed over epoch, count and newest tag). An
// attacker who can write data.db but holds no key cannot splice chunks across versions,
// drop, reorder or cut them, or edit the row, without the read answering `integrity`
// (-32006) and naming the session. Each test is one attack, made with raw SQL while the
// store is closed; none uses the store's own sealing code, so each also runs against a
// store without binding (where the first three returned a wrong transcript).
@_spi(Testing) import ConfideCore
import ConfideStorage
import Foundation
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

final class SessionBindingTests: XCTestCase {
    private var dir: CoreTestState!

    override func setUpWithError() throws { dir = try CoreTestState() }
    override func tearDown() { dir?.remove() }

    private func texts(_ prefix: String, _ range: ClosedRange<Int>) -> [String] { range.map { "\(prefix) \($0)" } }
    private func messages(_ prefix: String, _ range: ClosedRange<Int>) -> [Message] { texts(prefix, range).map { TS.message($0) } }

    /// The session's row id, and its chunks' (id, seq) oldest first, read raw.
    private func chain(_ db: Database) throws -> (session: Int64, chunks: [(id: Int64, seq: Int)]) {
        let session = try XCTUnwrap(try db.queryOne("SELECT id FROM session ORDER BY id DESC LIMIT 1") { $0.int64(0) })
        let chunks = try db.query("SELECT id, seq FROM chunk WHERE session_id = ? ORDER BY seq", [.integer(session)]) { (id: $0.int64(0), seq: $0.int(1)) }
        return (session, chunks)
    }

    private func assertTampered(_ body: () throws -> Void, naming session: String = "s", line: UInt = #line) {
        assertStoreError(body, "tampered session", line: line) { e in
            guard case .integrity(let why, _) = e else { return false }
            return why.contains("session \"\(session)\"") || why.contains("session with row id")
        }
    }

    /// Attack 3 of the issue: "refund approved 1-3" put, then "refund denied 1-3" put over
    /// it, then the old seq-2 chunk row (kept from a copy of data.db) copied into the new
    /// version. Without binding, the read returned "denied 1, approved 2, denied 3".
    func testAChunkOfAnEarlierVersionSplicedIntoTheCurrentOneIsTampering() throws {
        var store = try dir.open()
        try store.testPut("c", "s", messages("refund approved", 1...3))
        store.close()
        let old = try Kit.withRawDatabase(dir.state.dataPath) { db in
            try XCTUnwrap(try db.queryOne("SELECT sealed, generation FROM chunk WHERE seq = 2") { ($0.blob(0), $0.int(1)) })
        }
        store = try dir.open()
        try store.testPut("c", "s", messages("refund denied", 1...3))
        XCTAssertEqual(try store.testGet("c", "s").texts, texts("refund denied", 1...3))
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.run("UPDATE chunk SET sealed = ?, generation = ? WHERE seq = 2", .blob(old.0), .int(old.1))
            XCTAssertEqual(db.changes, 1)
        }
        store = try dir.open()
        defer { store.close() }
        assertTampered { _ = try store.testGet("c", "s") }
        assertTampered { _ = try store.testExportAll("c") }
    }

    /// Attack 4 of the issue: the tail removed together with the count (and the newest link),
    /// so the chain and the row agree. Without binding, the read returned the first three.
    func testATailCutTogetherWithItsCountIsTamperingInEveryRead() throws {
        var store = try dir.open()
        try store.testAppend("c", "s", messages("m", 1...5))
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            let (session, chunks) = try chain(db)
            try db.run("DELETE FROM chunk WHERE id IN (?, ?)", .integer(chunks[3].id), .integer(chunks[4].id))
            try db.run("UPDATE session SET message_count = 3, last_chunk = ? WHERE id = ?", .integer(chunks[2].id), .integer(session))
        }
        store = try dir.open()
        defer { store.close() }
        assertTampered { _ = try store.testGet("c", "s") }
        assertTampered { _ = try store.testList("c", limit: 10) }
        assertTampered { _ = try store.testExportAll("c") }
    }

    /// A middle chunk dropped and the chain relinked and renumbered around it, count lowered.
    func testADroppedMiddleChunkWithTheChainRelinkedIsTampering() throws {
        var store = try dir.open()
        try store.testAppend("c", "s", messages("m", 1...5))
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            let (session, chunks) = try chain(db)
            try db.run("DELETE FROM chunk WHERE id = ?", .integer(chunks[2].id))
            try db.run("UPDATE chunk SET prev = ? WHERE id = ?", .integer(chunks[1].id), .integer(chunks[3].id))
            try db.run("UPDATE chunk SET seq = seq - 1 WHERE id IN (?, ?)", .integer(chunks[3].id), .integer(chunks[4].id))
            try db.run("UPDATE session SET message_count = 4 WHERE id = ?", .integer(session))
        }
        store = try dir.open()
        defer { store.close() }
        assertTampered { _ = try store.testGet("c", "s") }
    }

    /// An append after the tail was cut must not re-seal the cut session into looking whole:
    /// it is refused, and the session still reads as tampering.
    func testAnAppendAfterATailCutIsRefusedAndDoesNotBlessTheCut() throws {
        var store = try dir.open()
        try store.testAppend("c", "s", messages("m", 1...4))
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            let (session, chunks) = try chain(db)
            try db.run("DELETE FROM chunk WHERE id = ?", .integer(chunks[3].id))
            try db.run("UPDATE session SET message_count = 3, last_chunk = ? WHERE id = ?", .integer(chunks[2].id), .integer(session))
        }
        store = try dir.open()
        defer { store.close() }
        assertTampered { _ = try store.testAppend("c", "s", [TS.message("m new")]) }
        assertTampered { _ = try store.testGet("c", "s") }
    }

    /// Every plaintext column of the row is sealed: a time, the retention or the count moved
    /// by one reads as tampering, in `list` as in `get`.
    func testEditedTimesRetentionOrCountAreTampering() throws {
        let edits = ["created_at = created_at - 1", "updated_at = updated_at + 1", "retention_days = 1",
                     "expires_at = 4102444800000", "message_count = message_count + 1", "generation = generation + 1",
                     "last_tag = zeroblob(16)", "epoch = zeroblob(16)"]
        for edit in edits {
            dir.remove()
            dir = try CoreTestState()
            var store = try dir.open()
            try store.testAppend("c", "s", messages("m", 1...2))
            store.close()
            try Kit.withRawDatabase(dir.state.dataPath) { db in try db.run("UPDATE session SET \(edit)") }
            store = try dir.open()
            assertTampered({ _ = try store.testGet("c", "s") })
            assertTampered({ _ = try store.testList("c", limit: 10) })
            store.close()
        }
    }

    /// The control: untouched sessions, replaced, appended, empty, across DEK generations,
    /// read back whole; a replaced session's earlier chunks are gone and its new version
    /// has a new epoch.
    func testUntouchedSessionsReadBackAcrossVersionsAndGenerations() throws {
        let store = try dir.open()
        defer { store.close() }
        try store.testPut("c", "s", messages("v1", 1...3))
        let epoch1 = try epoch()
        try store.testPut("c", "s", messages("v2", 1...2))
        XCTAssertNotEqual(try epoch(), epoch1)
        try store.testAppend("c", "s", messages("v2 more", 1...2))
        _ = try store.keyring.rotateDEK(TS.customer("c"))
        try store.testAppend("c", "s", messages("v2 gen2", 1...1))
        try store.testPut("c", "empty", [])
        XCTAssertEqual(try store.testGet("c", "s").texts, texts("v2", 1...2) + texts("v2 more", 1...2) + ["v2 gen2 1"])
        XCTAssertEqual(try store.testGet("c", "empty").texts, [])
        XCTAssertEqual(try store.testList("c", limit: 10).sessions.map(\.count), [5, 0])
    }

    private func epoch() throws -> [UInt8] {
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try XCTUnwrap(try db.queryOne("SELECT epoch FROM session ORDER BY id LIMIT 1") { $0.blob(0) })
        }
    }
}
