@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import XCTest

/// The backward chain of a session's chunks on data.db's real schema: interleaved sessions
/// read back in order, a walk stops at its session's end, and a shredded customer's rows
/// are purged in bounded batches from the end of each chain.
final class ChunkChainTests: XCTestCase {
    private var path: String!
    private var db: Database!

    override func setUpWithError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chunk-chain-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir
        db = try Database(path: dir + "/data.db")
        try db.configureDurable(pageSize: 8192)
        try Migrator(StoreSchema.data.migrations).migrate(db)
    }

    override func tearDown() {
        db = nil
        if let path { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Adds a session row of `handle` and appends `count` one-byte chunks to it, one append
    /// per chunk as the daemon does; returns its id.
    @discardableResult
    private func session(_ id: Int64, handle: [UInt8], count: Int) throws -> Int64 {
        try db.run("""
            INSERT INTO session (id, customer_handle, blind_index, header, generation, message_count, created_at, updated_at)
            VALUES (?, ?, ?, x'00', 1, 0, 0, 0)
            """, .integer(id), .blob(handle), .blob([UInt8(id)]))
        for _ in 0..<count { try append(id, byte: UInt8(id)) }
        return id
    }

    private func append(_ id: Int64, byte: UInt8) throws {
        let (count, last) = try XCTUnwrap(try db.queryOne("SELECT message_count, last_chunk FROM session WHERE id = ?", [.integer(id)]) {
            ($0.int(0), $0.isNull(1) ? nil : $0.int64(1))
        })
        let newest = try ChunkChain.append([([byte, UInt8(count + 1)], 1)], firstSeq: count + 1, after: last, session: id, in: db)
        try db.run("UPDATE session SET message_count = ?, last_chunk = ? WHERE id = ?", .int(count + 1), .integer(newest!), .integer(id))
    }

    private func read(_ id: Int64) throws -> [[UInt8]] {
        let (count, last) = try XCTUnwrap(try db.queryOne("SELECT message_count, last_chunk FROM session WHERE id = ?", [.integer(id)]) {
            ($0.int(0), $0.isNull(1) ? nil : $0.int64(1))
        })
        let chunks = try ChunkChain.read(session: id, last: last, count: count, in: db)
        XCTAssertEqual(chunks.map(\.seq), (0..<count).map { $0 + 1 })
        return chunks.map(\.sealed)
    }

    private func count(_ sql: String) throws -> Int { try db.queryOne(sql) { $0.int(0) } ?? -1 }

    func testInterleavedAppendsReadBackInOrderPerSessionAndAnEmptySessionReadsEmpty() throws {
        let h: [UInt8] = [1]
        try session(1, handle: h, count: 0)
        try session(2, handle: h, count: 0)
        try session(3, handle: h, count: 0)
        for round in 1...5 {
            try append(1, byte: 1)
            if round % 2 == 0 { try append(2, byte: 2) }
        }
        // A multi-message append links its chunks in order too.
        let newest = try ChunkChain.append([([9, 6], 1), ([9, 7], 1)], firstSeq: 6, after: db.queryOne("SELECT last_chunk FROM session WHERE id = 1") { $0.int64(0) },
                                           session: 1, in: db)
        try db.run("UPDATE session SET message_count = 7, last_chunk = ? WHERE id = 1", .integer(newest!))
        XCTAssertEqual(try read(1), [[1, 1], [1, 2], [1, 3], [1, 4], [1, 5], [9, 6], [9, 7]])
        XCTAssertEqual(try read(2), [[2, 1], [2, 2]])
        XCTAssertEqual(try read(3), [])
        XCTAssertEqual(try count("SELECT COUNT(*) FROM chunk"), 9)
    }

    func testNewestStopsAtTheLimitAndReturnsWhereTheChainGoesOn() throws {
        try session(1, handle: [1], count: 4)
        let last = try XCTUnwrap(try db.queryOne("SELECT last_chunk FROM session WHERE id = 1") { $0.int64(0) })
        let (ids, rest) = try ChunkChain.newest(3, session: 1, last: last, in: db)
        XCTAssertEqual(ids.count, 3)
        XCTAssertEqual(ids.first, last)
        let seqs = try ids.map { id in try db.queryOne("SELECT seq FROM chunk WHERE id = ?", [.integer(id)]) { $0.int(0) } }
        XCTAssertEqual(seqs, [4, 3, 2])
        XCTAssertEqual(try db.queryOne("SELECT seq FROM chunk WHERE id = ?", [.integer(try XCTUnwrap(rest))]) { $0.int(0) }, 1)
        let all = try ChunkChain.newest(.max, session: 1, last: last, in: db)
        XCTAssertEqual(all.ids.count, 4)
        XCTAssertNil(all.rest)
        // Walked as another session, the chain is not followed at all.
        XCTAssertEqual(try ChunkChain.newest(.max, session: 2, last: last, in: db).ids, [])
    }

    /// The background purge's batches: each deletes at most its budget from the end of a
    /// session's chain, leaves the session consistent (count and newest chunk) for the next
    /// batch, and the last one removes the session rows and the purge record. Another
    /// customer's rows are never touched.
    func testPurgeInBatchesEmptiesEachChainFromItsEndAndLeavesOthersAlone() throws {
        let victim: [UInt8] = [7], bystander: [UInt8] = [8]
        try session(1, handle: victim, count: 5)
        try session(2, handle: bystander, count: 3)
        try session(3, handle: victim, count: 2)
        try db.run("INSERT INTO pending_purge (customer_handle, requested_at) VALUES (?, 0)", .blob(victim))
        var batches = 0, remaining: [Int] = []
        while try !TranscriptStore.purgeRows(of: victim, limit: 2, in: db) {
            batches += 1
            remaining.append(try count("SELECT COUNT(*) FROM chunk WHERE session_id IN (1, 3)"))
            // What is left of session 1 still reads as a whole, shorter chain.
            if try count("SELECT COUNT(*) FROM session WHERE id = 1") == 1 {
                XCTAssertEqual(try read(1).count, try count("SELECT message_count FROM session WHERE id = 1"))
            }
            XCTAssertLessThan(batches, 10, "the purge must make progress")
        }
        XCTAssertEqual(remaining, [5, 3, 1], "two chunks per batch, never more; the fourth finishes")
        XCTAssertEqual(try count("SELECT COUNT(*) FROM chunk WHERE session_id IN (1, 3)"), 0)
        XCTAssertEqual(try count("SELECT COUNT(*) FROM session WHERE customer_handle = x'07'"), 0)
        XCTAssertEqual(try count("SELECT COUNT(*) FROM pending_purge"), 0)
        XCTAssertEqual(try read(2), [[2, 1], [2, 2], [2, 3]])
    }
}
