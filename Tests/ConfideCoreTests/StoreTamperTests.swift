@_spi(Testing) import ConfideCore
import ConfideStorage
import Foundation
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

/// Every ciphertext is bound to its customer, session, position and key generation: a
/// row copied or moved in data.db fails authentication (`integrity`) and never decrypts
/// as someone else's data. The rows are edited with raw SQL while the store is closed.
final class StoreTamperTests: XCTestCase {
    private var dir: CoreTestState!
    /// Session row ids by "customer/session", chunk rows are (session id, seq).
    private var sessionIDs: [String: Int64] = [:]

    override func setUpWithError() throws {
        dir = try CoreTestState()
        let store = try dir.open()
        var handles: [String: [UInt8]] = [:]
        for c in ["A", "B"] {
            for s in ["s1", "s2"] {
                try store.testAppend(c, s, (1...3).map { TS.message("\(c)/\(s) message \($0)") })
            }
            handles[c] = try XCTUnwrap(try store.keyring.lookup(TS.customer(c))).handle
        }
        store.close()
        // Sessions were created in order s1, s2 per customer: row order gives the mapping.
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            for (c, h) in handles {
                let ids = try db.query("SELECT id FROM session WHERE customer_handle = ? ORDER BY id", [.blob(h)]) { $0.int64(0) }
                XCTAssertEqual(ids.count, 2)
                sessionIDs["\(c)/s1"] = ids[0]
                sessionIDs["\(c)/s2"] = ids[1]
            }
        }
    }

    override func tearDown() { dir?.remove() }

    private func chunk(_ db: Database, _ session: String, _ seq: Int) throws -> (sealed: [UInt8], generation: Int) {
        try XCTUnwrap(try db.queryOne("SELECT sealed, generation FROM chunk WHERE session_id = ? AND seq = ?",
                                      [.integer(sessionIDs[session]!), .int(seq)]) { ($0.blob(0), $0.int(1)) })
    }

    private func setChunk(_ db: Database, _ session: String, _ seq: Int, to value: (sealed: [UInt8], generation: Int)) throws {
        try db.run("UPDATE chunk SET sealed = ?, generation = ? WHERE session_id = ? AND seq = ?",
                   .blob(value.sealed), .int(value.generation), .integer(sessionIDs[session]!), .int(seq))
        XCTAssertEqual(db.changes, 1)
    }

    private func assertIntegrity(_ store: TranscriptStore, _ c: String, _ s: String, line: UInt = #line) {
        assertStoreError({ _ = try store.testGet(c, s) }, "\(c)/\(s)", line: line, matches: Kit.isIntegrity)
    }

    private func assertIntact(_ store: TranscriptStore, _ c: String, _ s: String, line: UInt = #line) {
        XCTAssertEqual(try store.testGet(c, s).texts, (1...3).map { "\(c)/\(s) message \($0)" }, line: line)
    }

    /// A chunk of customer A copied over a chunk of customer B (sealed bytes and generation)
    /// fails; so does one copied to another session of the same customer.
    func testChunkCopiedToAnotherCustomerOrSessionFailsIntegrity() throws {
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try setChunk(db, "B/s1", 1, to: try chunk(db, "A/s1", 1))
            try setChunk(db, "A/s2", 2, to: try chunk(db, "A/s1", 2))
        }
        let store = try dir.open()
        defer { store.close() }
        assertIntegrity(store, "B", "s1")
        assertIntegrity(store, "A", "s2")
        assertIntact(store, "A", "s1")
        assertIntact(store, "B", "s2")
    }

    /// Two chunks of one session swapped (seq 1 ↔ seq 3) fail rather than reorder the transcript.
    func testChunksSwappedWithinASessionFailIntegrity() throws {
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            let one = try chunk(db, "A/s1", 1), three = try chunk(db, "A/s1", 3)
            try setChunk(db, "A/s1", 1, to: three)
            try setChunk(db, "A/s1", 3, to: one)
        }
        let store = try dir.open()
        defer { store.close() }
        assertIntegrity(store, "A", "s1")
        assertIntact(store, "A", "s2")
    }

    /// A session header moved onto another session (of another customer, or of the same
    /// one) fails on get and on list, never naming the other session.
    func testSessionHeaderMovedToAnotherSessionFailsIntegrity() throws {
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            let header = try XCTUnwrap(try db.queryOne("SELECT header, generation FROM session WHERE id = ?",
                                                       [.integer(sessionIDs["A/s1"]!)]) { ($0.blob(0), $0.int(1)) })
            for target in ["B/s2", "A/s2"] {
                try db.run("UPDATE session SET header = ?, generation = ? WHERE id = ?",
                           .blob(header.0), .int(header.1), .integer(sessionIDs[target]!))
                XCTAssertEqual(db.changes, 1)
            }
        }
        let store = try dir.open()
        defer { store.close() }
        assertIntegrity(store, "B", "s2")
        assertIntegrity(store, "A", "s2")
        assertStoreError({ _ = try store.testList("B", limit: 10) }, matches: Kit.isIntegrity)
        assertIntact(store, "A", "s1")
        assertIntact(store, "B", "s1")
    }

    /// A chunk whose generation is changed to one the customer does not have fails, and a
    /// single flipped ciphertext bit fails.
    func testChunkWithForeignGenerationOrFlippedBitFailsIntegrity() throws {
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            var c = try chunk(db, "A/s1", 2)
            c.generation += 1
            try setChunk(db, "A/s1", 2, to: c)
            var d = try chunk(db, "B/s1", 3)
            d.sealed[d.sealed.count / 2] ^= 0x01
            try setChunk(db, "B/s1", 3, to: d)
        }
        let store = try dir.open()
        defer { store.close() }
        assertIntegrity(store, "A", "s1")
        assertIntegrity(store, "B", "s1")
        assertIntact(store, "A", "s2")
    }

    /// A chunk deleted from the middle of a session, or one linked onto its end with the
    /// count raised to match, is reported as tampering; the untouched sessions still read.
    func testDeletedOrExtraChunkIsDetectedAsIntegrityFailure() throws {
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.run("DELETE FROM chunk WHERE session_id = ? AND seq = 2", .integer(sessionIDs["A/s1"]!))
            XCTAssertEqual(db.changes, 1)
            let copy = try chunk(db, "A/s2", 3), b1 = sessionIDs["B/s1"]!
            try db.run("INSERT INTO chunk (session_id, seq, generation, prev, sealed) VALUES (?, 4, ?, (SELECT last_chunk FROM session WHERE id = ?), ?)",
                       .integer(b1), .int(copy.generation), .integer(b1), .blob(copy.sealed))
            try db.run("UPDATE session SET last_chunk = ?, message_count = 4 WHERE id = ?", .integer(db.lastInsertRowID), .integer(b1))
        }
        let store = try dir.open()
        defer { store.close() }
        assertIntegrity(store, "A", "s1")
        assertIntegrity(store, "B", "s1")
        assertIntact(store, "A", "s2")
        assertIntact(store, "B", "s2")
    }

    /// A message count edited to something absurd (huge or negative) reads as tampering; the
    /// daemon does not try to make room for it.
    func testAbsurdMessageCountsAreIntegrityFailuresNotCrashes() throws {
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.run("UPDATE session SET message_count = ? WHERE id = ?", .integer(Int64.max), .integer(sessionIDs["A/s1"]!))
            try db.run("UPDATE session SET message_count = -5 WHERE id = ?", .integer(sessionIDs["B/s1"]!))
        }
        let store = try dir.open()
        defer { store.close() }
        assertIntegrity(store, "A", "s1")
        assertIntegrity(store, "B", "s1")
        assertIntact(store, "A", "s2")
        // Appending to them is refused the same way, and changes nothing.
        for (c, s) in [("A", "s1"), ("B", "s1")] {
            assertStoreError({ _ = try store.testAppend(c, s, [TS.message("more")]) }, "append \(c)/\(s)", matches: Kit.isIntegrity)
        }
        _ = try store.testAppend("A", "s2", [TS.message("A/s2 message 4")])
        XCTAssertEqual(try store.testGet("A", "s2").texts.last, "A/s2 message 4")
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM chunk WHERE session_id IN (?, ?)",
                                           [.integer(sessionIDs["A/s1"]!), .integer(sessionIDs["B/s1"]!)]) { $0.int(0) }, 6)
        }
    }

    /// A session's links are checked as they are followed: a session pointed at another
    /// session's chunks, a link that skips or loops back, and a count that disagrees with
    /// the chain are all tampering, and a delete of the session never crosses into another.
    func testSplicedOrLoopingLinksAreIntegrityFailuresAndDeletesStayInTheirSession() throws {
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            let (a1, a2, b1, b2) = (sessionIDs["A/s1"]!, sessionIDs["A/s2"]!, sessionIDs["B/s1"]!, sessionIDs["B/s2"]!)
            // A/s1 now starts at A/s2's newest chunk.
            try db.run("UPDATE session SET last_chunk = (SELECT last_chunk FROM session WHERE id = ?) WHERE id = ?", .integer(a2), .integer(a1))
            // B/s1's third chunk links to itself.
            try db.run("UPDATE chunk SET prev = id WHERE session_id = ? AND seq = 3", .integer(b1))
            // B/s2 claims one message fewer than its chain holds.
            try db.run("UPDATE session SET message_count = 2 WHERE id = ?", .integer(b2))
        }
        let store = try dir.open()
        defer { store.close() }
        assertIntegrity(store, "A", "s1")
        assertIntegrity(store, "B", "s1")
        assertIntegrity(store, "B", "s2")
        assertIntact(store, "A", "s2")
        // Deleting A/s1 removes only what is linked from it within A/s1: nothing here, as its
        // start is A/s2's chunk. A/s2 is untouched.
        try store.delete(customer: TS.customer("A"), session: TS.session("s1"), context: TS.context())
        assertIntact(store, "A", "s2")
        try store.delete(customer: TS.customer("B"), session: TS.session("s1"), context: TS.context())
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            let left = try db.query("SELECT session_id, seq FROM chunk ORDER BY session_id, seq") { "\($0.int64(0))/\($0.int(1))" }
            let (a1, a2, b1, b2) = (sessionIDs["A/s1"]!, sessionIDs["A/s2"]!, sessionIDs["B/s1"]!, sessionIDs["B/s2"]!)
            // A/s1's rows were unreachable from its row and stay (sealed, with its keys); B/s1's
            // looping chunk was deleted and the walk stopped there.
            XCTAssertEqual(left.sorted(), ["\(a1)/1", "\(a1)/2", "\(a1)/3", "\(a2)/1", "\(a2)/2", "\(a2)/3",
                                  "\(b1)/1", "\(b1)/2", "\(b2)/1", "\(b2)/2", "\(b2)/3"].sorted())
        }
    }
}
