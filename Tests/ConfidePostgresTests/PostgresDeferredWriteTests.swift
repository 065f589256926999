import CLibPQ
import Foundation
import XCTest

import ConfidePostgres
import TestSupport

/// `defersWrites`: writes go out in libpq pipeline mode behind the next statement that is
/// waited for. Round trips are counted from libpq's own protocol trace (`PQtrace`): each
/// `Sync` or simple `Query` the client sends is one wait for the server.
final class PostgresDeferredWriteTests: PostgresTestCase {
    /// How many times the client waited for the server while `body` ran (`PostgresConnection.roundTrips`).
    private func roundTrips(_ db: PostgresConnection, _ body: () throws -> Void) throws -> Int { try db.roundTrips(body) }

    private func count(_ db: PostgresConnection, _ table: String = "t") throws -> Int? {
        try db.queryOne("SELECT count(*) FROM \(table)", row: { try $0.int(0) })
    }

    func testDeferredWritesGoOutWithTheNextWaitedStatementAndCommitInOneRoundTrip() throws {
        let db = try connect()
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, b bytea NOT NULL)")
        let insert = "INSERT INTO t (id, b) VALUES ($1, $2)"
        // Every statement prepared once, as a running writer has them.
        try db.transaction { try db.write(insert, [.int(0), .bytea([])]) }
        _ = try count(db)

        db.defersWrites = true
        var seen: Int?
        let trips = try roundTrips(db) {
            try db.begin()
            for i in 1...20 { try db.write(insert, [.int(i), .bytea(Array(repeating: UInt8(i), count: 2300))]) }
            seen = try count(db)  // waits: the 20 inserts go out before it, in the same round trip
            for i in 21...30 { try db.write(insert, [.int(i), .bytea([])]) }
            try db.commit()
        }
        XCTAssertEqual(seen, 21, "a read sees the deferred writes sent before it, in its own transaction")
        XCTAssertEqual(trips, 2, "BEGIN and 20 inserts with the read, 10 inserts with the COMMIT")
        XCTAssertEqual(try connect().queryOne("SELECT count(*), sum(length(b)) FROM t", row: { [try $0.int(0), try $0.int(1)] }),
                       [31, 20 * 2300], "committed and visible elsewhere")

        db.defersWrites = false
        let waited = try roundTrips(db) {
            try db.begin()
            for i in 31...50 { try db.write(insert, [.int(i), .bytea([])]) }
            try db.commit()
        }
        XCTAssertEqual(waited, 22, "without deferral every statement is a round trip")
    }

    func testAFailedDeferredWriteIsThrownByTheNextWaitedStatementAndItsTransactionCommitsNothing() throws {
        let db = try connect()
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
        try db.run("INSERT INTO t VALUES (1)")
        db.defersWrites = true
        try db.begin()
        try db.write("INSERT INTO t VALUES ($1)", [.int(2)])
        try db.write("INSERT INTO t VALUES ($1)", [.int(1)])  // collides: sent, not yet answered
        try db.write("INSERT INTO t VALUES ($1)", [.int(3)])
        let e = try XCTUnwrap(postgresError { _ = try count(db) })
        XCTAssertEqual(e.sqlState, "23505", "the write's own error, not the read's")
        XCTAssertEqual(e.sql, "INSERT INTO t VALUES ($1)")
        // Whoever swallows it: the transaction is aborted, and COMMIT says so.
        let c = try XCTUnwrap(postgresError { try db.commit() })
        XCTAssertEqual(c.sqlState, "25P02")
        db.rollbackIfOpen()
        XCTAssertEqual(try count(db), 1, "none of the transaction's writes was committed")

        // flushWrites reads the answers when nothing waits after them.
        try db.begin()
        try db.write("INSERT INTO t VALUES ($1)", [.int(1)])
        XCTAssertEqual(postgresError { try db.flushWrites() }?.sqlState, "23505")
        db.rollbackIfOpen()
        try db.transaction { try db.write("INSERT INTO t VALUES ($1)", [.int(4)]) }
        XCTAssertEqual(try db.query("SELECT id FROM t ORDER BY id", row: { try $0.int(0) }), [1, 4], "the connection serves again")
    }

    func testASavepointUndoesOnlyItsOwnDeferredWrites() throws {
        let db = try connect()
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
        db.defersWrites = true
        try db.transaction {
            try db.savepoint { try db.write("INSERT INTO t VALUES ($1)", [.int(1)]) }
            XCTAssertEqual(postgresError { try db.savepoint { try db.write("INSERT INTO t VALUES ($1)", [.int(1)]) } }?.sqlState, "23505",
                           "the deferred write fails inside its savepoint, which the release waits for")
            try db.savepoint { try db.write("INSERT INTO t VALUES ($1)", [.int(2)]) }
        }
        XCTAssertEqual(try db.query("SELECT id FROM t ORDER BY id", row: { try $0.int(0) }), [1, 2])
    }

    func testWritesUnreadWhenTheSessionEndsAreLostWholeAndTheNextTransactionRunsOnANewSession() throws {
        let db = try connect(), killer = try connect()
        try db.keepForEverySession("SET search_path TO \(schema!)")  // for the new session
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
        try db.transaction { try db.write("INSERT INTO t VALUES ($1)", [.int(1)]) }
        db.defersWrites = true
        try db.begin()
        try db.write("INSERT INTO t VALUES ($1)", [.int(2)])
        XCTAssertEqual(try killer.queryOne("SELECT pg_terminate_backend($1::int4, 5000)", [.int(Int(db.backendPID))], row: { try $0.bool(0) }), true)
        try? db.write("INSERT INTO t VALUES ($1)", [.int(3)])  // may fail to send, or be lost unread
        let e = try XCTUnwrap(postgresError { try db.commit() })
        XCTAssertTrue(e.isConnectionLoss, "\(e)")
        XCTAssertThrowsError(try db.write("INSERT INTO t VALUES ($1)", [.int(4)]), "no statement of the lost transaction runs on a new session")
        db.rollbackIfOpen()
        try db.transaction { try db.write("INSERT INTO t VALUES ($1)", [.int(5)]) }
        XCTAssertEqual(try killer.query("SELECT id FROM \(schema!).t ORDER BY id", row: { try $0.int(0) }), [1, 5])
    }

    func testReservedIDsComeFromTheIdentitySequenceAndNeverMeetServerAssignedOnes() throws {
        let db = try connect(), other = try connect()
        try db.execute("CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, who text NOT NULL)")
        db.defersWrites = true
        try db.begin()
        for i in 0..<150 {
            try db.write("INSERT INTO t (id, who) VALUES ($1, 'reserved')", [.int8(try db.reservedID(table: "t"))])
            if i % 10 == 0 { try other.run("INSERT INTO t (who) VALUES ('server')") }  // takes the sequence's next value
        }
        try db.commit()
        XCTAssertEqual(try db.queryOne("SELECT count(*), count(DISTINCT id) FROM t", row: { [try $0.int(0), try $0.int(1)] }), [165, 165])
    }
}
