@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Retention, a session delete and a replacing put decide from a hold state read with holds
/// frozen (`Keyring.withHoldStatesFrozen`: the keyring's write lock, on the keyring's
/// session) and delete in the writer's transaction, on another session. If the keyring's
/// session is lost in between (a terminated backend, a cut link, a server restart), its lock
/// goes with it, and another daemon's hold can commit before the delete does. The writer's
/// group must then see that hold: it locks the customer's row and compares `hold_changes`.
/// (Found by reading in session 19, docs/design/keyring-elsewhere.md 8.1; before, each of
/// these deleted the sessions of a customer another daemon had held and answered for.)
///
/// Daemon A is a `TranscriptStore` with its keyring beside its data; daemon B is a second
/// `Keyring` on the same schema, placing the hold the way B's `customer.hold` would.
final class PostgresHoldsFrozenTests: PostgresStoreTestCase {
    private func twoDaemons() throws -> (a: TranscriptStore, b: Keyring, uri: String) {
        let (uri, _) = try schemaURI("frozen")
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options())
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        return (a, b, uri)
    }

    /// At A's `.holdsFrozen` point, the first time only: ends the session that holds the
    /// keyring's write lock (A's, holding the freeze), then B holds `customer`, which commits
    /// at once since the lock went with that session.
    private func loseTheFreezeAndHold(_ a: TranscriptStore, b: Keyring, uri: String, customer: String) throws -> Locked<String?> {
        let keys = try XCTUnwrap(b.lookup(CustomerID(customer)))
        nonisolated(unsafe) let admin = try PostgresConnection(uri: uri)
        let done = Locked(false)
        let outcome = Locked<String?>(nil)
        a.keyring.racePoints.set(.holdsFrozen) {
            guard !done.withLock({ let was = $0; $0 = true; return was }) else { return }
            do {
                guard let pid = try Self.freezeHolder(admin) else { outcome.withLock { $0 = "no session held the keyring's write lock" }; return }
                _ = try admin.result("SELECT pg_terminate_backend($1::int)", [.int8(pid)])
                let change = try b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: true)
                outcome.withLock { $0 = change?.changed == true ? "held" : "B's hold changed nothing" }
            } catch {
                outcome.withLock { $0 = "\(error)" }
            }
        }
        return outcome
    }

    /// The server process of the session that holds the keyring's write lock (here: A's
    /// keyring, holding the freeze).
    private static func freezeHolder(_ admin: PostgresConnection) throws -> Int64? {
        let key = PostgresConnection.writeLockKey
        return try admin.queryOne("""
            SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
              AND classid::int8 = $1 AND objid::int8 = $2
            """, [.int8(key >> 32), .int8(key & 0xFFFF_FFFF)]) { try $0.int64(0) }
    }

    func testASessionDeleteWhoseFreezeWasLostKeepsAHoldAnotherDaemonPlacedMeanwhile() throws {
        let (a, b, uri) = try twoDaemons()
        defer { a.keyring.racePoints.clear(); a.close() }
        try append(a, "alice", "evidence", "the contract was signed")
        let hold = try loseTheFreezeAndHold(a, b: b, uri: uri, customer: "alice")
        XCTAssertThrowsError(try a.delete(customer: CustomerID("alice"), session: SessionID("evidence"), context: context("session.delete"))) { error in
            XCTAssertEqual(error as? StoreError, .legalHold, "run again with holds frozen afresh, the delete meets B's hold: \(error)")
        }
        a.keyring.racePoints.clear()
        XCTAssertEqual(hold.snapshot, "held")
        XCTAssertEqual(try texts(a, "alice", "evidence"), ["the contract was signed"],
                       "B held alice and answered for it: her session must survive A's delete")
    }

    /// The same lost session with no hold in between: the delete committed, so it is
    /// answered as done. (Before: the freeze's failed COMMIT answered -32005 "nothing was
    /// changed" for a delete that had committed.)
    func testASessionDeleteWhoseFreezeWasLostWithNoHoldMeanwhileIsAnsweredAsDone() throws {
        let (a, _, uri) = try twoDaemons()
        defer { a.keyring.racePoints.clear(); a.close() }
        try append(a, "erin", "chat", "hello")
        nonisolated(unsafe) let admin = try PostgresConnection(uri: uri)
        let ended = Locked<Int64?>(nil)
        a.keyring.racePoints.set(.holdsFrozen) {
            guard let pid = try? Self.freezeHolder(admin) else { return }
            _ = try? admin.result("SELECT pg_terminate_backend($1::int)", [.int8(pid)])
            ended.withLock { $0 = pid }
        }
        XCTAssertNoThrow(try a.delete(customer: CustomerID("erin"), session: SessionID("chat"), context: context("session.delete")))
        a.keyring.racePoints.clear()
        XCTAssertNotNil(ended.snapshot, "the freeze's session was ended")
        XCTAssertThrowsError(try texts(a, "erin", "chat"), "the delete committed")
        XCTAssertEqual(try a.auditTail(limit: 10, context: nil).filter { $0.method == "session.delete" }.map(\.outcome), ["ok"])
    }

    func testAReplacingPutWhoseFreezeWasLostKeepsAHoldAnotherDaemonPlacedMeanwhile() throws {
        let (a, b, uri) = try twoDaemons()
        defer { a.keyring.racePoints.clear(); a.close() }
        try append(a, "bob", "evidence", "the contract was signed")
        let hold = try loseTheFreezeAndHold(a, b: b, uri: uri, customer: "bob")
        XCTAssertThrowsError(try a.put(customer: CustomerID("bob"), session: SessionID("evidence"),
                                       messages: [Message(role: .agent, text: "nothing to see", timestamp: Timestamp(milliseconds: 1_767_225_600_000))],
                                       metadata: nil, retentionDays: nil, redact: false, context: context("session.put"))) { error in
            XCTAssertEqual(error as? StoreError, .legalHold, "\(error)")
        }
        a.keyring.racePoints.clear()
        XCTAssertEqual(hold.snapshot, "held")
        XCTAssertEqual(try texts(a, "bob", "evidence"), ["the contract was signed"], "B's hold keeps bob's session as it was")
    }

    func testRetentionWhoseFreezeWasLostKeepsAHoldAnotherDaemonPlacedMeanwhile() throws {
        let clock = StoreTestClock()
        let (uri, _) = try schemaURI("frozen")
        var options = options()
        options.defaultRetentionDays = 0
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options, clock: clock)
        defer { a.keyring.racePoints.clear(); a.close() }
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        _ = try a.put(customer: CustomerID("carol"), session: SessionID("evidence"),
                      messages: [Message(role: .customer, text: "the contract was signed", timestamp: Timestamp(milliseconds: 1_767_225_600_000))],
                      metadata: nil, retentionDays: 1, redact: false, context: context("session.put"))
        _ = try a.put(customer: CustomerID("dan"), session: SessionID("chat"),
                      messages: [Message(role: .customer, text: "hello", timestamp: Timestamp(milliseconds: 1_767_225_600_000))],
                      metadata: nil, retentionDays: 1, redact: false, context: context("session.put"))
        clock.advance(days: 2)
        let hold = try loseTheFreezeAndHold(a, b: b, uri: uri, customer: "carol")
        try XCTUnwrap(a.scheduler).runOnce()
        a.keyring.racePoints.clear()
        XCTAssertEqual(hold.snapshot, "held")
        XCTAssertEqual(try texts(a, "carol", "evidence"), ["the contract was signed"],
                       "B held carol and answered for it: retention must not delete her session")
        // dan, due and never held: the next run deletes him (this one may have failed with the lost session).
        try XCTUnwrap(a.scheduler).runOnce()
        XCTAssertThrowsError(try texts(a, "dan", "chat"), "retention still deletes what is due and not held")
        XCTAssertEqual(try texts(a, "carol", "evidence"), ["the contract was signed"])
    }
}
