import ConfideJSON
@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
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
}
