@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import ConfideStorage
import Foundation
import TestSupport
import XCTest

/// One engine's data store under test: fresh, migrated and empty, with ways to count and
/// edit rows behind the records' back (as someone with write access to the database would).
struct TranscriptRecordsEngine {
    let name: String
    let records: any TranscriptRecords & Transactional
    /// The integer a `SELECT COUNT(*) ...` returns, read outside the records under test.
    let count: (String) throws -> Int
    let execute: (String) throws -> Void
    let cleanup: () -> Void
}

/// The data store's contract, run from this one source against every engine: what
/// `TranscriptStore` writes through `TranscriptRecords` comes back column for column (NULL,
/// empty and NUL-holding bytes alike), pages and cursors return the rows the protocol
/// promises in its order, an impossible row reads as tampering, and a failed transaction
/// leaves nothing, on SQLite and PostgreSQL. PostgreSQL runs when
/// `CONFIDE_TEST_POSTGRES_URI` is set, as scripts/test does.
///
/// Written once, in `TranscriptRecordsContract`; each engine's class lists the same cases
/// (XCTest on Linux finds only methods a class declares itself).
struct TranscriptRecordsContract {
    let engine: TranscriptRecordsEngine
    var db: any TranscriptRecords & Transactional { engine.records }
    var name: String { engine.name }

    init(_ engine: TranscriptRecordsEngine) { self.engine = engine }

    /// Milliseconds after a fixed start.
    func ms(_ offset: Int64) -> Int64 { 1_700_000_000_000 + offset }
    func at(_ offset: Int64) -> Timestamp { Timestamp(milliseconds: ms(offset)) }

    func fields(epoch: [UInt8] = blob(1, count: 16), generation: Int = 1, count: Int = 0, lastTag: [UInt8] = [], retentionDays: Int? = nil,
                expiresAt: Int64? = nil) -> SessionRowFields {
        SessionRowFields(epoch: epoch, generation: generation, count: count, lastTag: lastTag, createdAt: ms(1), updatedAt: ms(2),
                         retentionDays: retentionDays, expiresAt: expiresAt)
    }

    /// A new session of `handle` with the blind index from `seed`.
    @discardableResult
    func addSession(_ handle: [UInt8], _ seed: UInt8, expiresAt: Int64? = nil) throws -> Int64 {
        try db.insertSession(handle: handle, index: blob(seed), header: blob(seed &+ 1, count: 64), generation: 1,
                             fields: fields(retentionDays: expiresAt == nil ? nil : 30, expiresAt: expiresAt))
    }

    func hexes(_ values: [[UInt8]]) -> Set<String> { Set(values.map(encodeHex)) }

    // MARK: Sessions

    func aSessionRoundTripsEveryColumn() throws {
        let handle = blob(1, count: 16), index = blob(2)
        XCTAssertNil(try db.session(handle: handle, index: index), name)
        let first = fields(count: 5)
        let id = try db.insertSession(handle: handle, index: index, header: blob(3, count: 200), generation: 2, fields: first)
        XCTAssertGreaterThan(id, 0, name)
        var row = try XCTUnwrap(db.session(handle: handle, index: index), name)
        XCTAssertEqual(row.id, id, name)
        XCTAssertEqual(row.sealedHeader, blob(3, count: 200), name)
        XCTAssertEqual(row.generation, 2, "\(name): the header's generation, not the fields'")
        XCTAssertEqual(row.count, 0, "\(name): a new session is empty whatever the fields say")
        XCTAssertEqual(row.createdAt, at(1), name)
        XCTAssertEqual(row.updatedAt, at(2), name)
        XCTAssertNil(row.lastChunk, name)
        XCTAssertNil(row.retentionDays, name)
        XCTAssertNil(row.expiresAt, name)
        XCTAssertEqual(row.epoch, first.epoch, name)
        XCTAssertEqual(row.lastTag, [], name)
        XCTAssertNil(row.seal, "\(name): sealed by its first update")

        var next = SessionRowFields(epoch: blob(4, count: 16), generation: 3, count: 7, lastTag: blob(5, count: 16), createdAt: ms(10),
                                    updatedAt: ms(20), retentionDays: 30, expiresAt: ms(30))
        try db.updateSession(id: id, fields: next, seal: blob(6, count: 40), lastChunk: 42)
        row = try XCTUnwrap(db.session(handle: handle, index: index), name)
        XCTAssertEqual(row.generation, 3, name)
        XCTAssertEqual(row.count, 7, name)
        XCTAssertEqual(row.createdAt, at(10), name)
        XCTAssertEqual(row.updatedAt, at(20), name)
        XCTAssertEqual(row.lastChunk, 42, name)
        XCTAssertEqual(row.retentionDays, 30, name)
        XCTAssertEqual(row.expiresAt, ms(30), name)
        XCTAssertEqual(row.epoch, blob(4, count: 16), name)
        XCTAssertEqual(row.lastTag, blob(5, count: 16), name)
        XCTAssertEqual(row.seal, blob(6, count: 40), name)
        XCTAssertEqual(row.sealedHeader, blob(3, count: 200), "\(name): an update leaves the header")

        // Absent again, and an empty seal is empty, not absent.
        next.retentionDays = nil
        next.expiresAt = nil
        try db.updateSession(id: id, fields: next, seal: [], lastChunk: nil)
        row = try XCTUnwrap(db.session(handle: handle, index: index), name)
        XCTAssertNil(row.retentionDays, name)
        XCTAssertNil(row.expiresAt, name)
        XCTAssertNil(row.lastChunk, name)
        XCTAssertEqual(row.seal, [], name)

        try db.updateSessionHeader(id: id, header: blob(7, count: 80), generation: 4)
        row = try XCTUnwrap(db.session(handle: handle, index: index), name)
        XCTAssertEqual(row.sealedHeader, blob(7, count: 80), name)
        XCTAssertEqual(row.generation, 4, name)
        try db.rewriteSessionHeader(id: id, header: blob(8, count: 80))
        row = try XCTUnwrap(db.session(handle: handle, index: index), name)
        XCTAssertEqual(row.sealedHeader, blob(8, count: 80), name)
        XCTAssertEqual(row.generation, 4, "\(name): a rewrite keeps the generation")

        try db.markSessionUnbound(id: id)
        row = try XCTUnwrap(db.session(handle: handle, index: index), name)
        XCTAssertNil(row.epoch, "\(name): unbound: no epoch")
        XCTAssertEqual(row.seal, [], "\(name): unbound: an empty seal, not NULL (it reads as tampering, not as unsealed)")
        XCTAssertEqual(try db.unsealedSessionCount(), 0, name)

        // One session per customer and index; another customer may have the same index.
        XCTAssertThrowsError(try db.insertSession(handle: handle, index: index, header: [], generation: 1, fields: fields()), name)
        let other = try db.insertSession(handle: blob(9, count: 16), index: index, header: [], generation: 0, fields: fields(epoch: []))
        XCTAssertNotEqual(other, id, name)
        row = try XCTUnwrap(db.session(handle: blob(9, count: 16), index: index), name)
        XCTAssertEqual(row.id, other, name)
        XCTAssertEqual(row.sealedHeader, [], "\(name): an empty header is empty")
        XCTAssertEqual(row.epoch, [], "\(name): an empty epoch is empty, not absent")
        XCTAssertNil(try db.session(handle: handle, index: blob(10)), name)

        try db.deleteSession(id: id)
        XCTAssertNil(try db.session(handle: handle, index: index), name)
        XCTAssertNotNil(try db.session(handle: blob(9, count: 16), index: index), name)
    }

    /// What the writer's engine read ahead for its group (`readAheadSessions`) answers
    /// lookups exactly as the table would, after every kind of write to a session row.
    func sessionsReadAheadAnswerAsTheTableDoesAfterEveryWrite() throws {
        let a = blob(1, count: 16), b = blob(2, count: 16)
        try db.inTransaction {
            let idA = try addSession(a, 10)
            try addSession(b, 10)
            let keys = [SessionKey(handle: a, index: blob(10)), SessionKey(handle: b, index: blob(10)), SessionKey(handle: a, index: blob(11)),
                        SessionKey(handle: a, index: blob(10))]  // a key twice, and one with no session
            try db.readAheadSessions(keys)
            XCTAssertEqual(try db.session(handle: a, index: blob(10))?.id, idA, name)
            XCTAssertNotNil(try db.session(handle: b, index: blob(10)), name)
            XCTAssertNil(try db.session(handle: a, index: blob(11)), name)

            try db.updateSession(id: idA, fields: fields(count: 3), seal: blob(6, count: 40), lastChunk: 42)
            XCTAssertEqual(try db.session(handle: a, index: blob(10))?.lastChunk, 42, "\(name): an update is seen")
            try db.readAheadSessions(keys)
            try db.updateSessionHeader(id: idA, header: blob(7, count: 8), generation: 5)
            XCTAssertEqual(try db.session(handle: a, index: blob(10))?.generation, 5, "\(name): a header update is seen")
            try db.readAheadSessions(keys)
            try db.rewriteSessionHeader(id: idA, header: blob(8, count: 8))
            XCTAssertEqual(try db.session(handle: a, index: blob(10))?.sealedHeader, blob(8, count: 8), "\(name): a header rewrite is seen")
            try db.readAheadSessions(keys)
            try db.setSessionChain(id: idA, lastChunk: 43, count: 9)
            XCTAssertEqual(try db.session(handle: a, index: blob(10))?.lastChunk, 43, "\(name): a chain repair is seen")
            try db.readAheadSessions(keys)
            try db.markSessionUnbound(id: idA)
            XCTAssertNil(try db.session(handle: a, index: blob(10))?.epoch, "\(name): unbinding is seen")
            try db.readAheadSessions(keys)
            let new = try addSession(a, 11)
            XCTAssertEqual(try db.session(handle: a, index: blob(11))?.id, new, "\(name): a new session is found")
            try db.readAheadSessions(keys)
            try db.deleteSession(id: idA)
            XCTAssertNil(try db.session(handle: a, index: blob(10)), "\(name): a deleted session is gone")
        }
        // Nothing read ahead outlives its transaction: a row changed by another connection
        // since is read as it is now.
        try db.inTransaction { try db.readAheadSessions([SessionKey(handle: b, index: blob(10))]) }
        try engine.execute("UPDATE session SET message_count = 77")
        XCTAssertEqual(try db.session(handle: b, index: blob(10))?.count, 77, name)
    }

    func sessionsPageByIDAfterACursor() throws {
        let a = blob(1, count: 16), b = blob(2, count: 16)
        var ids: [[UInt8]: [Int64]] = [:]
        for i in 0..<7 {
            let handle = i % 3 == 1 ? b : a
            ids[handle, default: []].append(try addSession(handle, UInt8(10 + i)))
        }
        let aIDs = ids[a] ?? []
        XCTAssertEqual(aIDs, aIDs.sorted(), "\(name): ids grow with each insert")
        let all = try db.sessions(handle: a, afterID: 0, limit: Int.max)
        XCTAssertEqual(all.map(\.row.id), aIDs, "\(name): the customer's sessions only, by id")
        XCTAssertEqual(all.map(\.index), [10, 12, 13, 15, 16].map { blob($0) }, name)
        XCTAssertEqual(all.map(\.row.sealedHeader), [11, 13, 14, 16, 17].map { blob($0, count: 64) }, name)

        var pages: [[Int64]] = []
        var after: Int64 = 0
        while true {
            let page = try db.sessions(handle: a, afterID: after, limit: 2).map(\.row.id)
            pages.append(page)
            guard let last = page.last, pages.count < 5 else { break }
            after = last
        }
        XCTAssertEqual(pages, [Array(aIDs[0..<2]), Array(aIDs[2..<4]), [aIDs[4]], []], name)
        XCTAssertEqual(try db.sessions(handle: b, afterID: 0, limit: 0).count, 0, name)
        XCTAssertEqual(try db.sessions(handle: b, afterID: 0, limit: Int.max).map(\.row.id), ids[b], name)

        try db.updateSession(id: aIDs[1], fields: fields(count: 3, lastTag: blob(20, count: 16)), seal: blob(21), lastChunk: 99)
        func chains() throws -> Set<String> {
            Set(try db.sessionChains(handle: a).map { "\($0.id):\($0.lastChunk.map(String.init) ?? "nil"):\($0.count)" })
        }
        XCTAssertEqual(try chains(), Set(aIDs.map { $0 == aIDs[1] ? "\($0):99:3" : "\($0):nil:0" }), name)
        try db.setSessionChain(id: aIDs[1], lastChunk: 50, count: 2)
        XCTAssertEqual(try chains(), Set(aIDs.map { $0 == aIDs[1] ? "\($0):50:2" : "\($0):nil:0" }), name)
        let moved = try XCTUnwrap(db.session(handle: a, index: blob(12)), name)
        XCTAssertEqual(moved.lastChunk, 50, name)
        XCTAssertEqual(moved.count, 2, name)
        XCTAssertEqual(moved.lastTag, blob(20, count: 16), "\(name): moving the chain leaves the rest of the row")

        try db.deleteSession(id: aIDs[0])
        XCTAssertEqual(try db.sessions(handle: a, afterID: 0, limit: Int.max).map(\.row.id), Array(aIDs.dropFirst()), name)
    }

    // MARK: Purges

    func purgesAreRecordedOnceAndHideTheirCustomer() throws {
        let a = blob(1, count: 16), b = blob(2, count: 16), c = blob(3, count: 16)
        try addSession(a, 10)
        try addSession(a, 11)
        try addSession(b, 12)
        let listed = try db.customersWithSessionsAndNoPurge()
        XCTAssertEqual(listed.count, 2, "\(name): each customer once")
        XCTAssertEqual(hexes(listed), hexes([a, b]), name)

        try db.recordPurge(handle: a, at: at(100))
        try db.recordPurge(handle: a, at: at(200))
        try db.recordPurge(handle: c, at: at(300))
        XCTAssertEqual(hexes(try db.pendingPurges().map(\.handle)), hexes([a, c]), name)
        // A record is one per customer, dated by its newest request: a new shred's intent must
        // not look as old as a stale one's (the purge job drops old records of customers that
        // still have keys).
        XCTAssertEqual(Set(try db.pendingPurges().map(\.requestedAt.milliseconds)), [ms(200), ms(300)], "\(name): when each was last recorded")
        XCTAssertEqual(try engine.count("SELECT COUNT(*) FROM pending_purge"), 2, name)
        XCTAssertEqual(try db.customersWithSessionsAndNoPurge(), [b], name)

        try db.deletePurge(handle: a)
        XCTAssertEqual(try db.pendingPurges().map(\.handle), [c], name)
        XCTAssertEqual(hexes(try db.customersWithSessionsAndNoPurge()), hexes([a, b]), name)
    }

    // MARK: Retention

    func dueSessionsComeByExpiryThenIDAfterTheCursor() throws {
        let a = blob(1, count: 16), b = blob(2, count: 16)
        let expiries: [Int64?] = [ms(100), ms(200), ms(200), ms(300), nil, ms(1000)]
        var s: [Int64] = []
        for (i, e) in expiries.enumerated() { s.append(try addSession(i % 2 == 0 ? a : b, UInt8(10 + i), expiresAt: e)) }
        try db.updateSession(id: s[2], fields: fields(count: 5, retentionDays: 30, expiresAt: ms(200)), seal: blob(30), lastChunk: 77)
        let now = at(300)

        let start = (expiresAt: Int64.min, id: Int64.min)
        let firstPage = try db.dueSessions(at: now, after: start, limit: 2)
        XCTAssertEqual(firstPage.map(\.id), [s[0], s[1]], name)
        XCTAssertEqual(firstPage.map(\.expiresAt), [ms(100), ms(200)], name)
        XCTAssertEqual(firstPage.map(\.handle), [a, b], name)
        let second = try db.dueSessions(at: now, after: (ms(200), s[1]), limit: 2)
        XCTAssertEqual(second.map(\.id), [s[2], s[3]], "\(name): the same expiry goes on by id after the cursor")
        XCTAssertEqual(second.map(\.messages), [5, 0], name)
        XCTAssertEqual(try db.dueSessions(at: now, after: (ms(300), s[3]), limit: 2).count, 0, name)
        XCTAssertEqual(try db.dueSessions(at: now, after: start, limit: 200).map(\.id), Array(s[0...3]), "\(name): due at or before now")
        XCTAssertEqual(try db.dueSessions(at: at(150), after: start, limit: 200).map(\.id), [s[0]], name)

        XCTAssertEqual(try db.dueSessionCount(at: now), 4, name)
        XCTAssertEqual(try db.dueSessionCount(at: at(299)), 3, name)
        XCTAssertEqual(try db.dueSessionCount(at: at(99)), 0, name)

        XCTAssertEqual(describe(try db.dueSessionLastChunk(id: s[0], at: now)), "due, empty", name)
        XCTAssertEqual(describe(try db.dueSessionLastChunk(id: s[2], at: now)), "due, newest 77", name)
        XCTAssertEqual(describe(try db.dueSessionLastChunk(id: s[5], at: now)), "not due", name)
        XCTAssertEqual(describe(try db.dueSessionLastChunk(id: s[4], at: now)), "not due", "\(name): no expiry is never due")
        try db.deleteSession(id: s[0])
        XCTAssertEqual(describe(try db.dueSessionLastChunk(id: s[0], at: now)), "not due", "\(name): gone")

        let retention = try db.sessionRetention(at: now)
        XCTAssertEqual(retention.count, 5, name)
        XCTAssertEqual(retention.withRetention, 4, name)
        XCTAssertEqual(retention.expired.map(\.expiresAt.milliseconds).sorted(), [ms(200), ms(200)],
                       "\(name): past its expiry is strictly before now")
        XCTAssertEqual(hexes(retention.expired.map(\.handle)), hexes([a, b]), name)
    }

    private func describe(_ last: Int64??) -> String {
        switch last {
        case .none: return "not due"
        case .some(.none): return "due, empty"
        case .some(.some(let id)): return "due, newest \(id)"
        }
    }

    // MARK: The start-up upgrade

    func unsealedSessionsPageByIDAndAnImpossibleRowReadsAsNil() throws {
        let a = blob(1, count: 16)
        let s = try (0..<4).map { try addSession(a, UInt8(10 + $0)) }
        try db.updateSession(id: s[1], fields: fields(), seal: blob(20), lastChunk: nil)
        XCTAssertEqual(try db.unsealedSessionCount(), 3, name)
        let page = try db.unsealedSessions(afterID: 0, limit: 2)
        XCTAssertEqual(page.map(\.id), [s[0], s[2]], name)
        XCTAssertEqual(page.map { $0.row?.id }, [s[0], s[2]], name)
        XCTAssertEqual(page.map(\.handle), [a, a], name)
        XCTAssertEqual(page.map(\.index), [blob(10), blob(12)], name)
        XCTAssertEqual(try db.unsealedSessions(afterID: s[2], limit: 2).map(\.id), [s[3]], name)

        // An edited row: its impossible time reads as no row, its id and names still there.
        try engine.execute("UPDATE session SET created_at = -9223372036854775808 WHERE id = \(s[3])")
        let edited = try XCTUnwrap(db.unsealedSessions(afterID: s[2], limit: 10).first, name)
        XCTAssertNil(edited.row, name)
        XCTAssertEqual(edited.id, s[3], name)
        XCTAssertEqual(edited.handle, a, name)
        XCTAssertEqual(edited.index, blob(13), name)
        XCTAssertThrowsError(try db.session(handle: a, index: blob(13)), name) { XCTAssertTrue(isIntegrityFailure($0), "\(name): \($0)") }
        try engine.execute("UPDATE session SET message_count = -1 WHERE id = \(s[2])")
        XCTAssertThrowsError(try db.sessions(handle: a, afterID: 0, limit: Int.max), name) { XCTAssertTrue(isIntegrityFailure($0), "\(name): \($0)") }

        try db.markSessionUnbound(id: s[0])
        XCTAssertEqual(try db.unsealedSessionCount(), 2, "\(name): an unbound session is no longer unsealed")
    }

    // MARK: Chunks

    func chunksRoundTripWithTheirLinks() throws {
        let a = blob(1, count: 16)
        let session = try addSession(a, 10), other = try addSession(a, 11)
        let c1 = try db.insertChunk(session: session, seq: 1, generation: 1, prev: nil, sealed: blob(1, count: 100))
        let c2 = try db.insertChunk(session: session, seq: 2, generation: 1, prev: c1, sealed: blob(2, count: 2100))
        let c3 = try db.insertChunk(session: session, seq: 3, generation: 2, prev: c2, sealed: [])
        let o1 = try db.insertChunk(session: other, seq: 1, generation: 1, prev: nil, sealed: blob(4))
        XCTAssertEqual([c1, c2, c3, o1], [c1, c2, c3, o1].sorted(), "\(name): ids grow with each insert")
        XCTAssertEqual(Set([c1, c2, c3, o1]).count, 4, name)

        var row = try XCTUnwrap(db.chunk(id: c2, withContent: true), name)
        XCTAssertEqual(row.session, session, name)
        XCTAssertEqual(row.seq, 2, name)
        XCTAssertEqual(row.prev, c1, name)
        XCTAssertEqual(row.generation, 1, name)
        XCTAssertEqual(row.sealed, blob(2, count: 2100), name)
        row = try XCTUnwrap(db.chunk(id: c1, withContent: false), name)
        XCTAssertEqual(row.session, session, name)
        XCTAssertEqual(row.seq, 1, name)
        XCTAssertNil(row.prev, name)
        XCTAssertEqual(row.generation, 0, "\(name): links only")
        XCTAssertEqual(row.sealed, [], "\(name): links only")
        row = try XCTUnwrap(db.chunk(id: c3, withContent: true), name)
        XCTAssertEqual(row.sealed, [], name)
        XCTAssertEqual(row.generation, 2, name)
        XCTAssertNil(try db.chunk(id: o1 + 1000, withContent: true), name)

        let scanned = try db.chunks(ofSession: session).sorted { $0.seq < $1.seq }
        XCTAssertEqual(scanned.map(\.seq), [1, 2, 3], name)
        XCTAssertEqual(scanned.map(\.generation), [1, 1, 2], name)
        XCTAssertEqual(scanned.map(\.sealed), [blob(1, count: 100), blob(2, count: 2100), []], name)

        try db.rewriteChunk(id: c2, sealed: blob(9, count: 2100), generation: 3)
        row = try XCTUnwrap(db.chunk(id: c2, withContent: true), name)
        XCTAssertEqual(row.sealed, blob(9, count: 2100), name)
        XCTAssertEqual(row.generation, 3, name)
        XCTAssertEqual(row.prev, c1, "\(name): a rewrite keeps the links")

        try db.deleteChunk(id: c3)
        XCTAssertNil(try db.chunk(id: c3, withContent: false), name)
        XCTAssertEqual(try db.chunks(ofSession: session).count, 2, name)
        try db.deleteChunks(ofSession: session)
        XCTAssertEqual(try db.chunks(ofSession: session).count, 0, name)
        XCTAssertEqual(try db.chunks(ofSession: other).map(\.sealed), [blob(4)], "\(name): another session's chunks stay")
    }

    // MARK: Transactions

    func aFailedTransactionLeavesNoRow() throws {
        struct Abort: Error {}
        let a = blob(1, count: 16)
        XCTAssertThrowsError(try db.inTransaction {
            let id = try addSession(a, 10)
            _ = try db.insertChunk(session: id, seq: 1, generation: 1, prev: nil, sealed: blob(2))
            try db.recordPurge(handle: a, at: at(1))
            throw Abort()
        }, name) { XCTAssertTrue($0 is Abort, "\(name): \($0)") }
        for table in ["session", "chunk", "pending_purge"] {
            XCTAssertEqual(try engine.count("SELECT COUNT(*) FROM \(table)"), 0, "\(name): \(table)")
        }

        // A failing statement takes the statements before it with it.
        XCTAssertThrowsError(try db.inTransaction {
            try addSession(a, 10)
            try addSession(a, 10)
        }, name)
        XCTAssertEqual(try engine.count("SELECT COUNT(*) FROM session"), 0, name)

        let id = try db.inTransaction { try addSession(a, 10) }
        try db.emptyLog()
        XCTAssertEqual(try db.session(handle: a, index: blob(10))?.id, id, "\(name): committed, and emptying the log keeps it")

        // A transaction inside a transaction is refused; the outer one goes on and commits.
        try db.inTransaction {
            try addSession(a, 11)
            XCTAssertThrowsError(try db.inTransaction { try addSession(a, 12) }, name)
            try addSession(a, 13)
        }
        XCTAssertEqual(try db.sessions(handle: a, afterID: 0, limit: Int.max).map(\.index), [blob(10), blob(11), blob(13)], name)
    }
}

/// The contract's cases, listed once for every engine's test class.
protocol TranscriptRecordsContractCases: XCTestCase {
    func makeEngine() throws -> TranscriptRecordsEngine
}

extension TranscriptRecordsContractCases {
    func run(_ body: (TranscriptRecordsContract) throws -> Void) throws {
        let engine = try makeEngine()
        defer { engine.cleanup() }
        try body(TranscriptRecordsContract(engine))
    }
}

final class SQLiteTranscriptRecordsContractTests: XCTestCase, TranscriptRecordsContractCases {
    /// data.db as a daemon opens it (`SQLiteEngine.openData`: migrated, checked).
    func makeEngine() throws -> TranscriptRecordsEngine {
        let dir = try TemporaryDirectory(prefix: "cftrc")
        let records = try SQLiteEngine(keysPath: dir.path + "/keys.db", dataPath: dir.path + "/data.db")
            .openData(options: TranscriptStore.Options()).records
        let db = try XCTUnwrap(records as? Database)
        return TranscriptRecordsEngine(name: "SQLite", records: records, count: { try db.count($0) }, execute: { try db.execute($0) },
                                       cleanup: { dir.remove() })
    }

    func testASessionRoundTripsEveryColumn() throws { try run { try $0.aSessionRoundTripsEveryColumn() } }
    func testSessionsPageByIDAfterACursor() throws { try run { try $0.sessionsPageByIDAfterACursor() } }
    func testPurgesAreRecordedOnceAndHideTheirCustomer() throws { try run { try $0.purgesAreRecordedOnceAndHideTheirCustomer() } }
    func testDueSessionsComeByExpiryThenIDAfterTheCursor() throws { try run { try $0.dueSessionsComeByExpiryThenIDAfterTheCursor() } }
    func testUnsealedSessionsPageByIDAndAnImpossibleRowReadsAsNil() throws { try run { try $0.unsealedSessionsPageByIDAndAnImpossibleRowReadsAsNil() } }
    func testChunksRoundTripWithTheirLinks() throws { try run { try $0.chunksRoundTripWithTheirLinks() } }
    func testAFailedTransactionLeavesNoRow() throws { try run { try $0.aFailedTransactionLeavesNoRow() } }
    func testSessionsReadAheadAnswerAsTheTableDoesAfterEveryWrite() throws { try run { try $0.sessionsReadAheadAnswerAsTheTableDoesAfterEveryWrite() } }
}

final class PostgresTranscriptRecordsContractTests: XCTestCase, TranscriptRecordsContractCases {
    func makeEngine() throws -> TranscriptRecordsEngine {
        let pg = try PostgresContractSchema(.data)
        return TranscriptRecordsEngine(name: pg.role, records: pg.records, count: pg.count, execute: { try pg.owner.execute($0) },
                                       cleanup: pg.drop)
    }

    func testASessionRoundTripsEveryColumn() throws { try run { try $0.aSessionRoundTripsEveryColumn() } }
    func testSessionsPageByIDAfterACursor() throws { try run { try $0.sessionsPageByIDAfterACursor() } }
    func testPurgesAreRecordedOnceAndHideTheirCustomer() throws { try run { try $0.purgesAreRecordedOnceAndHideTheirCustomer() } }
    func testDueSessionsComeByExpiryThenIDAfterTheCursor() throws { try run { try $0.dueSessionsComeByExpiryThenIDAfterTheCursor() } }
    func testUnsealedSessionsPageByIDAndAnImpossibleRowReadsAsNil() throws { try run { try $0.unsealedSessionsPageByIDAndAnImpossibleRowReadsAsNil() } }
    func testChunksRoundTripWithTheirLinks() throws { try run { try $0.chunksRoundTripWithTheirLinks() } }
    func testAFailedTransactionLeavesNoRow() throws { try run { try $0.aFailedTransactionLeavesNoRow() } }
    func testSessionsReadAheadAnswerAsTheTableDoesAfterEveryWrite() throws { try run { try $0.sessionsReadAheadAnswerAsTheTableDoesAfterEveryWrite() } }
}

/// The same contract on the connection as the group-commit writer sets it up: writes sent
/// without waiting (`defersWrites`), chunk ids reserved from the sequence.
final class PostgresWriterTranscriptRecordsContractTests: XCTestCase, TranscriptRecordsContractCases {
    func makeEngine() throws -> TranscriptRecordsEngine {
        let pg = try PostgresContractSchema(.data)
        pg.records.defersWrites = true
        return TranscriptRecordsEngine(name: pg.role + " (deferred writes)", records: pg.records,
                                       count: { try pg.records.flushWrites(); return try pg.count($0) },
                                       execute: { try pg.records.flushWrites(); try pg.owner.execute($0) }, cleanup: pg.drop)
    }

    func testASessionRoundTripsEveryColumn() throws { try run { try $0.aSessionRoundTripsEveryColumn() } }
    func testSessionsPageByIDAfterACursor() throws { try run { try $0.sessionsPageByIDAfterACursor() } }
    func testPurgesAreRecordedOnceAndHideTheirCustomer() throws { try run { try $0.purgesAreRecordedOnceAndHideTheirCustomer() } }
    func testDueSessionsComeByExpiryThenIDAfterTheCursor() throws { try run { try $0.dueSessionsComeByExpiryThenIDAfterTheCursor() } }
    func testUnsealedSessionsPageByIDAndAnImpossibleRowReadsAsNil() throws { try run { try $0.unsealedSessionsPageByIDAndAnImpossibleRowReadsAsNil() } }
    func testChunksRoundTripWithTheirLinks() throws { try run { try $0.chunksRoundTripWithTheirLinks() } }
    func testAFailedTransactionLeavesNoRow() throws { try run { try $0.aFailedTransactionLeavesNoRow() } }
    func testSessionsReadAheadAnswerAsTheTableDoesAfterEveryWrite() throws { try run { try $0.sessionsReadAheadAnswerAsTheTableDoesAfterEveryWrite() } }
}
