import ConfideJSON
@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// The counts of a shred's signed receipt on a PostgreSQL store that two daemons share
/// (`shared_store`): A shreds a customer while B writes it. A's fence keeps only A's own
/// writes out between the count and the erasure point; what B commits there is erased too,
/// and the receipt must count it (design/keyring-elsewhere.md 8.2).
final class PostgresShredReceiptCountTests: PostgresStoreTestCase {
    /// Daemons A and B sharing the store in `uri`'s schema, each on its own audit chain.
    private func daemons(_ uri: String) throws -> (a: TranscriptStore, b: TranscriptStore) {
        (try daemon(uri, "a", chain: "host-a", shared: true), try daemon(uri, "b", chain: "host-b", shared: true))
    }

    private func int(_ receipt: ErasureReceipt, _ field: String) -> Int? { receipt.body[field]?.intValue }

    /// A counts alice (one session, one message), then, held between the count and its erasure
    /// point, B appends a message to that session and opens a second one. Both of B's appends
    /// commit and are erased with alice (B cannot read them, the purge removes every row),
    /// so the receipt counts 2 sessions and 3 messages. (Before: 1 and 1, what A had counted.)
    func testAnotherDaemonsAppendsBetweenTheCountAndTheErasurePointAreCounted() throws {
        let (uri, schema) = try schemaURI("rcount")
        let (a, b) = try daemons(uri)
        defer { a.keyring.racePoints.clear(); a.close(); b.close() }
        try append(a, "alice", "s1", "one")
        let throughB = Mutex<[String]>([])
        let once = Atomic<Bool>(true)
        nonisolated(unsafe) let other = b
        a.keyring.racePoints.set(.shredBeforeErasure) {
            guard once.compareExchange(expected: true, desired: false, ordering: .sequentiallyConsistent).exchanged else { return }
            for (session, text) in [("s1", "two"), ("s2", "three")] {
                let outcome = Result { try Self.append(other, "alice", session, text) }
                throughB.withLock { $0.append((try? outcome.get()) != nil ? "committed" : "\(outcome)") }
            }
        }
        let receipt = try a.shred(customer: CustomerID("alice"), reason: "gdpr", context: context("customer.shred"))
        a.keyring.racePoints.clear()
        XCTAssertEqual(throughB.withLock { $0 }, ["committed", "committed"], "B's appends, between A's count and A's erasure point")
        XCTAssertThrowsError(try texts(b, "alice", "s2"), "B's session was erased with alice")
        XCTAssertEqual(try owner().queryOne("SELECT COUNT(*) FROM \(schema).session") { try $0.int(0) }, 0, "every session row of alice, B's too, was purged")
        XCTAssertNoThrow(try ErasureReceipt.verify(receipt.json, publicKey: a.keyring.auditPublicKey))
        XCTAssertEqual(int(receipt, "sessions"), 2, "sessions erased: A's s1 and B's s2")
        XCTAssertEqual(int(receipt, "messages"), 3, "messages erased: one written through A, two through B")
    }

    /// Waits until `sql` (a count, asked on `watcher`) is above 0, up to 10 s; false if it never was.
    private static func waitFor(_ sql: String, on watcher: PostgresConnection) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let found = (try? watcher.queryOne(sql) { try $0.int(0) }) ?? nil
            if (found ?? 0) > 0 { return true }
            usleep(10_000)
        }
        return false
    }

    /// B's append is in flight at A's erasure point: its writer group has locked alice's keyring
    /// row (`FOR SHARE`) and written her rows, and waits (for the audit table, which a third
    /// connection holds) when A's erasure transaction starts. A's erasure waits for it; once
    /// let go, B's append commits (and is erased), and the receipt counts it: 2 messages.
    /// (Before: 1, counted before B's group began.)
    func testAnAppendInFlightThroughAnotherDaemonAtTheErasurePointIsCounted() throws {
        let (uri, schema) = try schemaURI("rflight")
        let (a, b) = try daemons(uri)
        defer { a.keyring.racePoints.clear(); a.close(); b.close() }
        try append(a, "alice", "s1", "one")
        nonisolated(unsafe) let (blocker, watcher) = (try owner(), try owner())
        nonisolated(unsafe) let other = b
        let appendOnB = Mutex<String?>(nil)
        let steps = Mutex<[String]>([])
        let appended = DispatchSemaphore(value: 0)
        let once = Atomic<Bool>(true)
        a.keyring.racePoints.set(.shredBeforeErasure) {
            guard once.compareExchange(expected: true, desired: false, ordering: .sequentiallyConsistent).exchanged else { return }
            try? blocker.execute("BEGIN")
            try? blocker.execute("LOCK TABLE \(schema).audit_entry IN ACCESS EXCLUSIVE MODE")
            Thread.detachNewThread {
                let outcome = Result { try Self.append(other, "alice", "s1", "two") }
                appendOnB.withLock { $0 = (try? outcome.get()) != nil ? "committed" : "\(outcome)" }
                appended.signal()
            }
            // B's group waits for the audit table, holding alice's row (and her shared CFCU lock:
            // the change lock's namespace, a customer's key in it).
            let waiting = Self.waitFor("SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                + "WHERE c.relname = 'audit_entry' AND NOT l.granted", on: watcher)
                && Self.waitFor("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 "
                    + "AND classid = \(PostgresConnection.customerLockNamespace) AND granted AND mode = 'ShareLock'", on: watcher)
            steps.withLock { $0.append(waiting ? "B in flight" : "B never waited") }
            // Let B go once A's erasure transaction waits for B's lock on alice's row.
            Thread.detachNewThread {
                let aWaits = Self.waitFor("SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND locktype <> 'relation'", on: watcher)
                steps.withLock { $0.append(aWaits ? "A waited for B" : "A never waited") }
                blocker.rollbackIfOpen()
            }
        }
        let receipt = try a.shred(customer: CustomerID("alice"), reason: "gdpr", context: context("customer.shred"))
        a.keyring.racePoints.clear()
        XCTAssertEqual(appended.wait(timeout: .now() + 20), .success)
        XCTAssertEqual(steps.withLock { $0 }, ["B in flight", "A waited for B"])
        XCTAssertEqual(appendOnB.withLock { $0 }, "committed", "B's append, in flight at A's erasure point")
        XCTAssertThrowsError(try texts(b, "alice", "s1"), "erased")
        XCTAssertEqual(int(receipt, "sessions"), 1)
        XCTAssertEqual(int(receipt, "messages"), 2, "messages erased: one written through A, one through B")
    }

    /// Between A's count and its erasure point, B starts a new DEK generation for alice and
    /// writes a session under it, which A's keys (read when the shred began) cannot open:
    /// the erasure point counts with the keys as they are then, every generation it destroys,
    /// so B's session is counted. (With the count settled at the erasure point with the keys
    /// read at the start: 1 session, 1 message, though 2 and 2 were erased. The first fix
    /// failed the shred instead, -32005, which session 20's attack review showed also refused
    /// a shred whose own daemon's fenced append had rotated the key and sealed nothing:
    /// `Session20AttackATests`.)
    func testANewKeyGenerationThroughAnotherDaemonBeforeTheErasurePointIsCounted() throws {
        let (uri, _) = try schemaURI("rgen")
        let (a, b) = try daemons(uri)
        defer { a.keyring.racePoints.clear(); a.close(); b.close() }
        try append(a, "alice", "s1", "one")
        nonisolated(unsafe) let other = b
        let throughB = Mutex<[String]>([])
        let once = Atomic<Bool>(true)
        a.keyring.racePoints.set(.shredBeforeErasure) {
            guard once.compareExchange(expected: true, desired: false, ordering: .sequentiallyConsistent).exchanged else { return }
            let rotated = Result { try other.rotateDEK(customer: CustomerID("alice"), context: Self.context("customer.rotate")).generation }
            let appended = Result { try Self.append(other, "alice", "s2", "under the new key") }
            throughB.withLock { $0 = ["\((try? rotated.get()).map { "generation \($0)" } ?? "\(rotated)")",
                                      (try? appended.get()) != nil ? "committed" : "\(appended)"] }
        }
        let receipt = try a.shred(customer: CustomerID("alice"), reason: "gdpr", context: context("customer.shred"))
        a.keyring.racePoints.clear()
        XCTAssertEqual(throughB.withLock { $0 }, ["generation 2", "committed"])
        XCTAssertEqual(int(receipt, "sessions"), 2, "s1 through A, s2 through B under generation 2")
        XCTAssertEqual(int(receipt, "messages"), 2)
        XCTAssertEqual(int(receipt, "keys_destroyed"), 2)
        XCTAssertThrowsError(try texts(b, "alice", "s2"), "erased")
        XCTAssertThrowsError(try texts(a, "alice", "s1"), "erased")
    }
}
