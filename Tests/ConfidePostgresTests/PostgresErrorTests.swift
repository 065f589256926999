import XCTest

import ConfidePostgres

/// How `PostgresError` classifies SQLSTATEs (the server-side cases are in
/// PostgresConnectionTests; these are the ones a test server cannot be made to raise
/// cheaply, such as a full disk).
final class PostgresErrorTests: XCTestCase {
    func testEachSQLStateClassMapsToWhatTheCallerDoesNext() {
        // (SQLSTATE, connection loss, serialization failure, statement timeout, disk full, unavailable)
        let cases: [(String?, Bool, Bool, Bool, Bool, Bool)] = [
            ("08006", true, false, false, false, true),   // connection_failure
            ("08003", true, false, false, false, true),   // connection_does_not_exist
            ("57P01", true, false, false, false, true),   // admin_shutdown (pg_terminate_backend)
            ("57P02", true, false, false, false, true),   // crash_shutdown
            ("57P03", true, false, false, false, true),   // cannot_connect_now
            ("40001", false, true, false, false, true),   // serialization_failure
            ("40P01", false, true, false, false, true),   // deadlock_detected
            ("57014", false, false, true, false, true),   // query_canceled (statement_timeout)
            ("55P03", false, false, true, false, true),   // lock_not_available (lock_timeout)
            ("53100", false, false, false, true, true),   // disk_full
            ("53300", false, false, false, false, true),  // too_many_connections
            ("58030", false, false, false, false, true),  // io_error
            ("23505", false, false, false, false, false), // unique_violation: the request's fault
            ("42601", false, false, false, false, false), // syntax_error: a bug
            ("42501", false, false, false, false, false), // insufficient_privilege: set-up
            ("22P02", false, false, false, false, false), // invalid_text_representation
        ]
        for (state, loss, serialization, timeout, full, unavailable) in cases {
            let e = PostgresError(sqlState: state, message: "m")
            XCTAssertEqual(e.isConnectionLoss, loss, "\(state ?? "nil") connection loss")
            XCTAssertEqual(e.isSerializationFailure, serialization, "\(state ?? "nil") serialization")
            XCTAssertEqual(e.isStatementTimeout, timeout, "\(state ?? "nil") timeout")
            XCTAssertEqual(e.isDiskFull, full, "\(state ?? "nil") disk full")
            XCTAssertEqual(e.isUnavailable, unavailable, "\(state ?? "nil") unavailable")
        }
        // No SQLSTATE: libpq's own error; a connection loss exactly when the connection broke.
        XCTAssertTrue(PostgresError(message: "server closed the connection unexpectedly", connectionBroken: true).isConnectionLoss)
        XCTAssertFalse(PostgresError(message: "column 0: type 25 read as an integer").isUnavailable)
    }

    /// What libpq says, with no SQLSTATE, when the server died under an idle connection (a
    /// PANIC sends nothing): a connection loss even while libpq still calls the connection
    /// good; an error of this wrapper without a SQLSTATE is not one.
    func testLibpqsOwnMessagesForADeadServerAreConnectionLosses() {
        for message in ["server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally",
                        "no connection to the server", "could not send data to server: Broken pipe",
                        "could not receive data from server: Connection reset by peer", "SSL SYSCALL error: EOF detected"] {
            let e = PostgresError(message: message)
            XCTAssertTrue(e.isConnectionLoss && e.isUnavailable, message)
        }
        for message in ["cannot start a transaction within a transaction (database x)", "column 0: type 25 read as bytea"] {
            XCTAssertFalse(PostgresError(message: message).isConnectionLoss, message)
        }
        XCTAssertFalse(PostgresError(sqlState: "XX000", message: "server closed the connection unexpectedly").isConnectionLoss,
                       "a server's own error is classified by its SQLSTATE")
    }

    func testTheDescriptionShowsStateMessageAndStatementButNoValues() {
        let e = PostgresError(sqlState: "23505", message: "duplicate key value violates unique constraint \"customer_pkey\"",
                              constraint: "customer_pkey", sql: "INSERT INTO customer VALUES ($1)")
        XCTAssertEqual("\(e)", "PostgreSQL error 23505: duplicate key value violates unique constraint \"customer_pkey\" [INSERT INTO customer VALUES ($1)]")
    }
}
