import Foundation
import XCTest

@testable import ConfidePostgres
import TestSupport

/// `joinsWrites`: consecutive deferred writes to different tables go out as one statement
/// (`PostgresWriteMerger`), and only when that means the same as the writes one by one.
final class PostgresJoinedWriteTests: PostgresTestCase {
    /// The statements (`Bind` messages) the client sends while `body` runs, from libpq's
    /// protocol trace.
    private func boundStatements(_ db: PostgresConnection, _ body: () throws -> Void) throws -> Int {
        try db.messagesSent(body).filter { $0.contains("\tBind\t") }.count
    }

    private func makeTables(_ db: PostgresConnection) throws {
        try db.execute("""
            CREATE TABLE a (id bigint PRIMARY KEY, v bytea NOT NULL);
            CREATE TABLE b (id bigint PRIMARY KEY, n bigint NOT NULL);
            CREATE TABLE c (id bigint PRIMARY KEY, note text);
            INSERT INTO b VALUES (1, 0);
            """)
    }

    /// An append's three writes (its chunk, its session row, its audit entry) in one statement.
    private func appendLike(_ db: PostgresConnection, _ i: Int) throws {
        try db.write("INSERT INTO a (id, v) VALUES ($1, $2)", [.int(i), .bytea(Array(repeating: UInt8(i & 0xff), count: 2048))])
        try db.write("UPDATE b SET n = $1 WHERE id = $2", [.int(i), .int(1)])
        try db.write("INSERT INTO c (id, note) VALUES ($1, $2)", [.int(i), .text("entry \(i)")])
    }

    func testWritesToThreeTablesGoOutAsOneStatementAndCommitWhatEachWouldHave() throws {
        let db = try connect()
        try makeTables(db)
        db.defersWrites = true
        let joined = try boundStatements(db) {
            try db.transaction { for i in 1...10 { try appendLike(db, i) } }
        }
        XCTAssertEqual(joined, 10 + 2, "one statement per append, BEGIN and COMMIT")
        let other = try connect()
        XCTAssertEqual(try other.queryOne("SELECT count(*), sum(length(v)) FROM a", row: { [try $0.int(0), try $0.int(1)] }), [10, 10 * 2048])
        XCTAssertEqual(try other.queryOne("SELECT n FROM b WHERE id = 1", row: { try $0.int(0) }), 10)
        XCTAssertEqual(try other.query("SELECT note FROM c ORDER BY id", row: { try $0.text(0) ?? "" }), (1...10).map { "entry \($0)" })

        db.joinsWrites = false
        let apart = try boundStatements(db) {
            try db.transaction { for i in 11...20 { try appendLike(db, i) } }
        }
        XCTAssertEqual(apart, 30 + 2, "without joining, a statement per write")
        XCTAssertEqual(try other.queryOne("SELECT count(*) FROM c", row: { try $0.int(0) }), 20)
    }

    /// Every part of one statement sees the rows as they were before it: a write that reads
    /// what an earlier write of the same table did must be a statement of its own.
    func testAWriteToATableAlreadyInTheStatementSeesTheEarlierWrite() throws {
        let db = try connect()
        try makeTables(db)
        db.defersWrites = true
        try db.transaction {
            try db.write("INSERT INTO c (id, note) VALUES ($1, $2)", [.int(1), .text("inserted")])
            try db.write("UPDATE b SET n = n + 1 WHERE id = $1", [.int(1)])
            try db.write("UPDATE c SET note = $1 WHERE id = $2", [.text("updated"), .int(1)])  // the row just inserted
            try db.write("UPDATE b SET n = n + 1 WHERE id = $1", [.int(1)])  // the row just updated
            try db.write("INSERT INTO a (id, v) VALUES ($1, $2)", [.int(1), .bytea([1])])
            try db.write("DELETE FROM a WHERE id = $1", [.int(1)])  // the row just inserted
        }
        XCTAssertEqual(try db.queryOne("SELECT note FROM c WHERE id = 1", row: { try $0.text(0) }), "updated")
        XCTAssertEqual(try db.queryOne("SELECT n FROM b WHERE id = 1", row: { try $0.int(0) }), 2, "both increments")
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM a", row: { try $0.int(0) }), 0, "the delete saw the insert")
    }

    func testAFailingPartFailsItsTransactionAndNothingOfTheStatementIsCommitted() throws {
        let db = try connect()
        try makeTables(db)
        try db.run("INSERT INTO a (id, v) VALUES (1, '\\x00')")
        db.defersWrites = true
        try db.begin()
        try db.write("UPDATE b SET n = $1 WHERE id = $2", [.int(7), .int(1)])
        try db.write("INSERT INTO a (id, v) VALUES ($1, $2)", [.int(1), .bytea([2])])  // collides, inside the joined statement
        try db.write("INSERT INTO c (id, note) VALUES ($1, $2)", [.int(1), .text("x")])
        let e = try XCTUnwrap(postgresError { try db.flushWrites() })
        XCTAssertEqual(e.sqlState, "23505", "the part's own error")
        XCTAssertEqual(postgresError { try db.commit() }?.sqlState, "25P02")
        db.rollbackIfOpen()
        XCTAssertEqual(try db.queryOne("SELECT n FROM b WHERE id = 1", row: { try $0.int(0) }), 0)
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM c", row: { try $0.int(0) }), 0)
    }

    func testWritesNotYetSentWhenATransactionRollsBackNeverReachTheNext() throws {
        let db = try connect()
        try makeTables(db)
        db.defersWrites = true
        try db.begin()
        try db.write("INSERT INTO c (id, note) VALUES ($1, $2)", [.int(1), .text("never")])
        db.rollbackIfOpen()
        try db.transaction { try db.write("INSERT INTO a (id, v) VALUES ($1, $2)", [.int(5), .bytea([5])]) }
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM c", row: { try $0.int(0) }), 0, "the rolled-back write was not sent with the next statement")
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM a", row: { try $0.int(0) }), 1)
    }

    // MARK: The merger alone (no server)

    func testOnlyPlainWritesOfOneTableJoin() {
        XCTAssertEqual(PostgresWriteMerger.joinableTable("INSERT INTO chunk (id, sealed) VALUES ($1, $2)"), "chunk")
        XCTAssertEqual(PostgresWriteMerger.joinableTable("INSERT INTO chunk(id) VALUES ($1)"), "chunk")
        XCTAssertEqual(PostgresWriteMerger.joinableTable("UPDATE session SET header = $1 WHERE id = $2"), "session")
        XCTAssertEqual(PostgresWriteMerger.joinableTable("DELETE FROM pending_purge WHERE customer_handle = $1"), "pending_purge")
        for sql in ["INSERT INTO chunk (session_id) VALUES ($1) RETURNING id",
                    "INSERT INTO pending_purge (h) VALUES ($1) ON CONFLICT DO NOTHING",
                    "WITH x AS (DELETE FROM a RETURNING id) INSERT INTO b SELECT id FROM x",
                    "UPDATE c SET note = 'literal' WHERE id = $1",
                    "UPDATE \"Quoted\" SET n = $1",
                    "INSERT INTO a VALUES ($1); DELETE FROM a",
                    "BEGIN", "COMMIT", "SAVEPOINT step", "SELECT 1", "DELETE a"] {
            XCTAssertNil(PostgresWriteMerger.joinableTable(sql), sql)
        }
    }

    func testJoinedPartsTakeTheirParametersInOrder() {
        var merger = PostgresWriteMerger()
        XCTAssertTrue(merger.add("INSERT INTO a (id, v) VALUES ($1, $2)", [.int(1), .bytea([1])]))
        XCTAssertTrue(merger.add("UPDATE b SET n = $2 WHERE id = $1", [.int(1), .int(9)]))
        XCTAssertFalse(merger.add("UPDATE a SET v = $1", [.bytea([])]), "a is in the statement already")
        let params = (1...11).map { PostgresValue.int($0) }
        XCTAssertTrue(merger.add("INSERT INTO c VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", params))
        let joined = try? XCTUnwrap(merger.take())
        XCTAssertEqual(joined?.sql, "WITH w1 AS (INSERT INTO a (id, v) VALUES ($1, $2)), w2 AS (UPDATE b SET n = $4 WHERE id = $3) "
                       + "INSERT INTO c VALUES ($5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)")
        XCTAssertEqual(joined?.values.count, 15)
        XCTAssertTrue(merger.isEmpty)
        XCTAssertTrue(merger.add("UPDATE a SET v = $1", [.bytea([])]), "a fresh statement after take")
        XCTAssertEqual(merger.take()?.sql, "UPDATE a SET v = $1", "one part goes out as it is")
    }
}
