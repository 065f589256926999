import Foundation
import XCTest

import CLibPQ
import ConfidePostgres

/// A connection whose server session ends under a statement in flight (what a restart with
/// `pg_ctl restart -m fast`, or `pg_terminate_backend`, does): the statement fails as a
/// connection loss, and after `reconnectIfDropped` the same object answers every statement
/// of the new session, inside and outside transactions, and never waits on an answer the
/// old session owed.
final class PostgresReconnectTests: PostgresTestCase {
    /// A connection to this test's schema that keeps it after a reconnect: the search path
    /// is in the URI (`options`), not a `SET`, which ends with the session like every other.
    private func reconnectingConnection() throws -> PostgresConnection {
        try PostgresConnection(uri: uri + (uri.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema!)")
    }

    /// Runs `body` on another thread and waits at most `seconds`: a statement that waits for
    /// an answer that never comes fails the test instead of hanging the suite.
    private func withinSeconds(_ seconds: Double, _ what: String, _ body: @escaping @Sendable () throws -> Void,
                               file: StaticString = #filePath, line: UInt = #line) {
        let done = DispatchSemaphore(value: 0)
        let failure = LockedError()
        Thread.detachNewThread {
            do { try body() } catch { failure.set(error) }
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else {
            XCTFail("\(what) did not return within \(seconds) s: it waits for an answer that will not come", file: file, line: line)
            return
        }
        if let e = failure.error { XCTFail("\(what): \(e)", file: file, line: line) }
    }

    /// Ends `victim`'s server session (as a fast shutdown does) once it runs `pg_sleep`.
    private func terminateWhenSleeping(_ victim: Int32) throws {
        let killer = try connect()
        let deadline = Date().addingTimeInterval(10)
        while try killer.queryOne("SELECT wait_event FROM pg_stat_activity WHERE pid = $1::int4", [.int(Int(victim))], row: { try $0.text(0) }) != "PgSleep" {
            guard Date() < deadline else { throw PostgresError(message: "the victim never slept") }
            usleep(10_000)
        }
        XCTAssertEqual(try killer.queryOne("SELECT pg_terminate_backend($1::int4, 5000)", [.int(Int(victim))], row: { try $0.bool(0) }), true)
    }

    private func assertServesAfterReconnecting(_ db: PostgresConnection, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(10)
        while true {
            do { try db.reconnectIfDropped(); break } catch where Date() < deadline { usleep(50_000) }
        }
        let box = UncheckedBox(db)
        withinSeconds(10, "statements after the reconnect", {
            let db = box.value
            try db.execute("CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY, b bytea)")
            for i in 1...5 {
                try db.transaction {
                    try db.run("INSERT INTO t (id, b) VALUES ($1, $2)", .int(i), .bytea([UInt8(i)]))
                    _ = try db.queryOne("SELECT b FROM t WHERE id = $1", [.int(i)]) { try $0.bytea(0) }
                }
            }
            let count = try db.queryOne("SELECT count(*) FROM t", row: { try $0.int(0) })
            if count != 5 { throw PostgresError(message: "expected 5 rows, found \(String(describing: count))") }
        }, file: file, line: line)
    }

    func testAStatementInFlightWhenTheSessionEndsFailsAndTheReconnectedSessionAnswersEveryStatement() throws {
        let db = try reconnectingConnection()
        let pid = db.backendPID
        let box = UncheckedBox(db)
        let failed = LockedError()
        let sleeper = Thread { do { _ = try box.value.queryOne("SELECT pg_sleep(5)", row: { _ in 0 }) } catch { failed.set(error) } }
        sleeper.start()
        try terminateWhenSleeping(pid)
        while sleeper.isExecuting || !sleeper.isFinished { usleep(10_000) }
        let e = try XCTUnwrap(failed.error as? PostgresError, "the statement in flight fails")
        XCTAssertTrue(e.isConnectionLoss, "\(e)")
        try assertServesAfterReconnecting(db)
    }

    func testAStatementInFlightInATransactionWhenTheSessionEndsFailsAndTheReconnectedSessionAnswersEveryStatement() throws {
        let db = try reconnectingConnection()
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, b bytea)")
        let pid = db.backendPID
        let box = UncheckedBox(db)
        let failed = LockedError()
        let sleeper = Thread {
            do {
                try box.value.transaction {
                    try box.value.run("INSERT INTO t (id, b) VALUES ($1, $2)", .int(100), .bytea([1]))
                    _ = try box.value.queryOne("SELECT pg_sleep(5)", row: { _ in 0 })
                }
            } catch { failed.set(error) }
        }
        sleeper.start()
        try terminateWhenSleeping(pid)
        while !sleeper.isFinished { usleep(10_000) }
        let e = try XCTUnwrap(failed.error as? PostgresError, "the transaction in flight fails")
        XCTAssertTrue(e.isConnectionLoss, "\(e)")
        try assertServesAfterReconnecting(db)
        XCTAssertEqual(try db.queryOne("SELECT count(*) FROM t WHERE id = 100", row: { try $0.int(0) }), 0, "nothing of it committed")
    }

    /// An idle connection whose session ended (a restart or crash between two requests)
    /// finds out before its next statement and reconnects: that statement is served, not
    /// failed. Before, libpq called the connection good and the first statement (or the
    /// first two) failed; a deferring connection's `BEGIN` failed in the middle of its
    /// transaction.
    func testAnIdleConnectionWhoseSessionEndedServesItsNextStatementOnANewSession() throws {
        for defers in [false, true] {
            let db = try reconnectingConnection()
            db.defersWrites = defers
            try db.execute("CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY, b bytea)")
            for round in 1...3 {
                let before = db.backendPID
                let killer = try connect()
                XCTAssertEqual(try killer.queryOne("SELECT pg_terminate_backend($1::int4, 5000)", [.int(Int(before))],
                                                   row: { try $0.bool(0) }), true)
                let id = (defers ? 100 : 0) + round
                try db.transaction {
                    try db.write("INSERT INTO t (id, b) VALUES ($1, $2)", [.int(id), .bytea([UInt8(round)])])
                }
                XCTAssertNotEqual(db.backendPID, before, "defersWrites \(defers), round \(round): a new session")
                XCTAssertEqual(try db.queryOne("SELECT b FROM t WHERE id = $1", [.int(id)]) { try $0.bytea(0) }, [UInt8(round)])
                // And a statement outside a transaction, after the next ended session.
                XCTAssertEqual(try killer.queryOne("SELECT pg_terminate_backend($1::int4, 5000)", [.int(Int(db.backendPID))],
                                                   row: { try $0.bool(0) }), true)
                XCTAssertEqual(try db.queryOne("SELECT count(*) FROM t", row: { try $0.int(0) }), (defers ? 3 : 0) + round)
            }
        }
    }

    /// A session lock (`holdSessionLock`, one daemon per store) across a reconnect. The old
    /// session's server process may outlive the connection (a network cut it has not seen;
    /// here: a statement it is still running when the client shuts its socket): the new
    /// session finds its own previous session holding the lock, ends it and takes the lock.
    /// A lock held by anyone else is refused, for good.
    func testASessionLockIsTakenAgainAfterAReconnectFromTheOldSessionButNeverFromAnother() throws {
        let key: Int64 = 0x7465_7374_0000_0001
        let db = try reconnectingConnection()
        try db.holdSessionLock(key, heldElsewhere: "held elsewhere")
        let ghost = db.backendPID
        XCTAssertEqual(PQsendQuery(db.handle, "SELECT pg_sleep(30)"), 1)
        let other = try connect()
        let deadline = Date().addingTimeInterval(10)
        while try other.queryOne("SELECT wait_event FROM pg_stat_activity WHERE pid = $1::int4", [.int(Int(ghost))], row: { try $0.text(0) }) != "PgSleep" {
            guard Date() < deadline else { throw PostgresError(message: "the old session never slept") }
            usleep(10_000)
        }
        XCTAssertEqual(shutdown(PQsocket(db.handle), Int32(SHUT_RDWR)), 0)
        // The old session still runs and holds the lock; the next statement reconnects,
        // ends it and takes the lock.
        XCTAssertEqual(try db.queryOne("SELECT 7", row: { try $0.int(0) }), 7)
        XCTAssertNotEqual(db.backendPID, ghost)
        XCTAssertEqual(try other.queryOne("SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int4", [.int(Int(ghost))], row: { try $0.int(0) }), 0,
                       "the old session was ended")
        XCTAssertEqual(try other.queryOne("SELECT pg_try_advisory_lock($1)", [.int8(key)], row: { try $0.bool(0) }), false,
                       "the new session holds the lock")

        // Another session takes the lock while this one is away: refused, and for good.
        let pid = db.backendPID
        XCTAssertEqual(try other.queryOne("SELECT pg_terminate_backend($1::int4, 5000)", [.int(Int(pid))], row: { try $0.bool(0) }), true)
        XCTAssertEqual(try other.queryOne("SELECT pg_try_advisory_lock($1)", [.int8(key)], row: { try $0.bool(0) }), true)
        let refused = try XCTUnwrap(postgresError { _ = try db.queryOne("SELECT 1", row: { try $0.int(0) }) })
        XCTAssertEqual(refused.sqlState, "55P03")
        XCTAssertTrue(refused.message.contains("held elsewhere"), refused.message)
        XCTAssertTrue(refused.isUnavailable)
        XCTAssertEqual(try other.queryOne("SELECT pg_advisory_unlock($1)", [.int8(key)], row: { try $0.bool(0) }), true)
        usleep(300_000)  // past the reconnect backoff
        let still = try XCTUnwrap(postgresError { _ = try db.queryOne("SELECT 1", row: { try $0.int(0) }) })
        XCTAssertTrue(still.message.contains("restart this daemon"), "refused for good once another session held it: \(still.message)")
    }
}

/// A reference handed to another thread in these tests, which use it one thread at a time.
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The first error another thread saw.
private final class LockedError: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    func set(_ e: Error) { lock.lock(); if stored == nil { stored = e }; lock.unlock() }
    var error: Error? { lock.lock(); defer { lock.unlock() }; return stored }
}
