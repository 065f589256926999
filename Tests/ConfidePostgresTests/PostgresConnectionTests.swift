import Foundation
import XCTest

import ConfidePostgres
import TestSupport

/// The libpq binding against a real server: binary binds and reads, errors with SQLSTATE
/// and their classes, transactions, and a connection killed under it.
final class PostgresConnectionTests: PostgresTestCase {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    func testEveryTypeRoundTripsInBinaryIncludingEmptyLargeAndNullValues() throws {
        let db = try connect()
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, b bytea, i bigint, s text, f bool)")
        var random = SeededRandom(seed: 20)
        let large = (0..<(1 << 20) + 7).map { _ in UInt8.random(in: 0...255, using: &random) }
        let rows: [(Int, [UInt8]?, Int64?, String?, Bool?)] = [
            (1, [], 0, "", false),
            (2, [0, 1, 0, 255, 0x5c, 0x27], Int64.min, "Grüße, 顧客 \u{1F512}", true),
            (3, large, Int64.max, String(repeating: "x", count: 100_000), true),
            (4, nil, nil, nil, nil),
            (5, [0x00], -1, "'; DROP TABLE t; --", false),
        ]
        for r in rows {
            try db.run("INSERT INTO t (id, b, i, s, f) VALUES ($1, $2, $3, $4, $5)",
                       .int(r.0), .optionalBytea(r.1), r.2.map { .int8($0) } ?? .null, r.3.map { .text($0) } ?? .null, r.4.map { .bool($0) } ?? .null)
        }
        for r in rows {
            let back = try db.queryOne("SELECT b, i, s, f, encode(b, 'hex'), b IS NULL FROM t WHERE id = $1", [.int(r.0)]) {
                (try $0.bytea(0), try $0.optionalInt64(1), try $0.text(2), try $0.bool(3), try $0.text(4), try $0.bool(5))
            }
            let row = try XCTUnwrap(back, "row \(r.0)")
            XCTAssertEqual(row.0, r.1, "bytea of row \(r.0)")
            XCTAssertEqual(row.1, r.2, "int8 of row \(r.0)")
            XCTAssertEqual(row.2, r.3, "text of row \(r.0)")
            XCTAssertEqual(row.3, r.4, "bool of row \(r.0)")
            // The server holds exactly these bytes (not, say, their text escape).
            XCTAssertEqual(row.4, r.1.map(hex), "bytes on the server of row \(r.0)")
            XCTAssertEqual(row.5, r.1 == nil)
        }
        // An empty bytea stays distinct from NULL both ways.
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM t WHERE b = ''::bytea", row: { try $0.int(0) }), 1)
        XCTAssertEqual(try db.queryOne("SELECT length($1::bytea)", [.bytea(large)], row: { try $0.int(0) }), large.count)
        XCTAssertEqual(try db.queryOne("SELECT 1::int2, 2::int4, 3::int8, -4::int4", row: { [try $0.int(0), try $0.int(1), try $0.int(2), try $0.int(3)] }), [1, 2, 3, -4])
    }

    func testReadingAColumnAsTheWrongTypeThrowsInsteadOfReturningGarbage() throws {
        let db = try connect()
        let r = try XCTUnwrap(try db.queryOne("SELECT 'abc'::text, NULL::bigint", row: { $0 }))
        XCTAssertNil(postgresError { _ = try r.int64(0) }?.sqlState)
        XCTAssertThrowsError(try r.bytea(0))
        XCTAssertThrowsError(try r.int(1), "NULL read as a non-optional integer")
        XCTAssertNil(try r.optionalInt(1))
    }

    func testAUniqueViolationCarriesItsSQLStateAndConstraintButNotTheKey() throws {
        let db = try connect()
        try db.execute("CREATE TABLE customer (blind_index bytea PRIMARY KEY)")
        let key: [UInt8] = Array(repeating: 0xab, count: 32)
        try db.run("INSERT INTO customer VALUES ($1)", .bytea(key))
        let e = try XCTUnwrap(postgresError { try db.run("INSERT INTO customer VALUES ($1)", .bytea(key)) })
        XCTAssertEqual(e.sqlState, "23505")
        XCTAssertTrue(e.isUniqueViolation)
        XCTAssertEqual(e.constraint, "customer_pkey")
        XCTAssertFalse(e.isUnavailable)
        XCTAssertFalse("\(e)".contains("abab"), "the message must not quote the key: \(e)")
        XCTAssertTrue(db.isConnected)
    }

    func testASyntaxErrorCarriesItsSQLStateAndTheServersMessage() throws {
        let db = try connect()
        let e = try XCTUnwrap(postgresError { _ = try db.result("SELEC 1", []) })
        XCTAssertEqual(e.sqlState, "42601")
        XCTAssertTrue(e.message.contains("syntax error"), e.message)
        XCTAssertEqual(e.sql, "SELEC 1")
        XCTAssertFalse(e.isUnavailable)
    }

    func testAStatementTimeoutIsClassifiedAndLeavesTheConnectionUsable() throws {
        let db = try connect(statementTimeoutMilliseconds: 100)
        let e = try XCTUnwrap(postgresError { _ = try db.result("SELECT pg_sleep(5)", []) })
        XCTAssertEqual(e.sqlState, "57014")
        XCTAssertTrue(e.isStatementTimeout)
        XCTAssertTrue(e.isUnavailable)
        XCTAssertFalse(e.isConnectionLoss)
        XCTAssertEqual(try db.queryOne("SELECT 7::int8", row: { try $0.int(0) }), 7)
    }

    func testATransactionRollsBackWhenItsBodyThrows() throws {
        struct Boom: Error {}
        let db = try connect()
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
        XCTAssertThrowsError(try db.transaction {
            try db.run("INSERT INTO t VALUES ($1)", .int(1))
            throw Boom()
        }) { XCTAssertTrue($0 is Boom) }
        XCTAssertFalse(db.isInTransaction)
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM t", row: { try $0.int(0) }), 0)
        try db.transaction { try db.run("INSERT INTO t VALUES ($1)", .int(2)) }
        XCTAssertEqual(try connect().queryOne("SELECT count(*) FROM t", row: { try $0.int(0) }), 1, "committed and visible elsewhere")
    }

    func testACommitAfterASwallowedErrorFailsInsteadOfSilentlyRollingBack() throws {
        let db = try connect()
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
        let e = try XCTUnwrap(postgresError {
            try db.transaction {
                try db.run("INSERT INTO t VALUES ($1)", .int(1))
                _ = try? db.run("INSERT INTO t VALUES ($1)", .int(1))  // fails, aborting the transaction
            }
        })
        XCTAssertEqual(e.sqlState, "25P02")
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM t", row: { try $0.int(0) }), 0)
    }

    func testASavepointUndoesOnlyTheFailingStep() throws {
        let db = try connect()
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
        try db.transaction {
            try db.savepoint { try db.run("INSERT INTO t VALUES ($1)", .int(1)) }
            XCTAssertThrowsError(try db.savepoint { try db.run("INSERT INTO t VALUES ($1)", .int(1)) })
            try db.savepoint { try db.run("INSERT INTO t VALUES ($1)", .int(2)) }
        }
        XCTAssertEqual(try db.query("SELECT id FROM t ORDER BY id", row: { try $0.int(0) }), [1, 2])
    }

    func testAPipelinedTransactionCommitsAllInOrderOrNothing() throws {
        let db = try connect()
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, b bytea NOT NULL)")
        let insert = "INSERT INTO t (id, b) VALUES ($1, $2) RETURNING id * 10"
        let results = try db.pipelinedTransaction((1...20).map { (insert, [.int($0), .bytea(Array(repeating: UInt8($0), count: 2300))]) })
        XCTAssertEqual(try results.map { try $0.row(0).int(0) }, (1...20).map { $0 * 10 })
        XCTAssertEqual(try connect().queryOne("SELECT count(*), sum(length(b)) FROM t", row: { [try $0.int(0), try $0.int(1)] }), [20, 20 * 2300])

        // The 2nd of 3 collides: its error comes back, and the 1st and 3rd are not committed.
        let e = try XCTUnwrap(postgresError {
            _ = try db.pipelinedTransaction([(insert, [.int(100), .bytea([])]), (insert, [.int(1), .bytea([])]), (insert, [.int(101), .bytea([])])])
        })
        XCTAssertEqual(e.sqlState, "23505")
        XCTAssertFalse(db.isInTransaction)
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM t WHERE id >= 100", row: { try $0.int(0) }), 0)
        XCTAssertEqual(try db.pipelinedTransaction([(insert, [.int(102), .bytea([])])]).count, 1, "the connection is usable again")
    }

    func testASerializationFailureIsClassifiedAsRetryable() throws {
        let a = try connect(), b = try connect()
        try a.execute("CREATE TABLE oncall (name text PRIMARY KEY, on_duty bool NOT NULL)")
        try a.run("INSERT INTO oncall VALUES ('x', true), ('y', true)")
        // Write skew: each takes the other off duty after seeing two on duty.
        try a.begin(.serializable)
        try b.begin(.serializable)
        XCTAssertEqual(try a.queryOne("SELECT count(*) FROM oncall WHERE on_duty", row: { try $0.int(0) }), 2)
        XCTAssertEqual(try b.queryOne("SELECT count(*) FROM oncall WHERE on_duty", row: { try $0.int(0) }), 2)
        try a.run("UPDATE oncall SET on_duty = false WHERE name = 'x'")
        try b.run("UPDATE oncall SET on_duty = false WHERE name = 'y'")
        try a.commit()
        let e = try XCTUnwrap(postgresError { try b.commit() })
        XCTAssertEqual(e.sqlState, "40001")
        XCTAssertTrue(e.isSerializationFailure)
        XCTAssertTrue(e.isUnavailable)
        XCTAssertFalse(e.isConnectionLoss)
        b.rollbackIfOpen()
        XCTAssertEqual(try b.queryOne("SELECT count(*) FROM oncall WHERE on_duty", row: { try $0.int(0) }), 1)
    }

    func testATerminatedBackendIsAConnectionLossAndANewConnectionWorks() throws {
        let victim = try connect(), killer = try connect()
        try victim.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
        try victim.begin()
        try victim.run("INSERT INTO t VALUES ($1)", .int(1))
        // Waits (up to 5 s) until the backend has exited.
        XCTAssertEqual(try killer.queryOne("SELECT pg_terminate_backend($1::int4, 5000)", [.int(Int(victim.backendPID))], row: { try $0.bool(0) }), true)
        let e = try XCTUnwrap(postgresError { try victim.run("INSERT INTO t VALUES ($1)", .int(2)) })
        XCTAssertTrue(e.isConnectionLoss, "\(e)")
        XCTAssertTrue(e.isUnavailable)
        XCTAssertFalse(victim.isConnected)
        XCTAssertThrowsError(try victim.commit())
        let fresh = try connect()
        XCTAssertEqual(try fresh.queryOne("SELECT count(*) FROM t", row: { try $0.int(0) }), 0, "the lost transaction did not commit")
    }

    func testAConnectionNamesItselfAndItsTarget() throws {
        let db = try connect()
        XCTAssertEqual(try db.queryOne("SELECT current_setting('application_name'), current_setting('client_encoding')", row: { [try $0.text(0), try $0.text(1)] }),
                       ["confide", "UTF8"])
        XCTAssertTrue(db.target.hasPrefix("database "), db.target)
        XCTAssertFalse(db.target.contains(URLComponents(string: uri)?.password ?? "no password"), "the target must not show the password")
        XCTAssertGreaterThanOrEqual(db.serverVersion, 110000)
        XCTAssertGreaterThan(try db.queryOne("SELECT pg_backend_pid()", row: { try $0.int(0) }) ?? 0, 0)
        XCTAssertEqual(try db.queryOne("SELECT pg_backend_pid()", row: { try $0.int(0) }), Int(db.backendPID))
    }

    func testAnUnreachableServerIsAConnectionErrorNamingIt() throws {
        let e = try XCTUnwrap(postgresError {
            _ = try PostgresConnection(uri: "postgresql://nobody@/none?host=/nonexistent-confide-socket-dir", connectTimeoutSeconds: 2)
        })
        XCTAssertTrue(e.isConnectionLoss)
        XCTAssertTrue(e.message.contains("/nonexistent-confide-socket-dir"), e.message)
    }
}
