@_spi(Testing) @testable import ConfideCore
import Foundation
import Synchronization
import XCTest

/// Session 20, attack review A, on the SQLite single-daemon path.
final class Session20AttackATests: XCTestCase {
    /// Red on 831a205 (docs/evidence/session20-attack-a-own-rotation-fails-shred.txt); fixed
    /// since: the erasure point counts with the keys as they are then. Finding A1, low severity (a regression of the receipt-count
    /// merge cc68b50): the erasure point now refuses (-32005) whenever the customer's DEK count
    /// differs from the keys the shred read, meant for "a generation another daemon added".
    /// But the shred's OWN daemon adds one too: an append of the customer arriving during the
    /// shred, with the DEK due for rotation (`dekRotationDays`), rotates it in
    /// `Keyring.lookupOrCreate` (keyring transaction, before the writer), and only then meets
    /// the shred's fence (-32004 "customer (erased)"). The new generation seals nothing (the
    /// append was fenced), so nothing is uncounted, yet the shred fails -32005 "the
    /// customer's keys changed … retry". Worse, the fenced append was answered "erased" for a
    /// customer who, once the shred failed, is not erased and still readable.
    ///
    /// Interleaving (one daemon, SQLite): shred reads alice's keys (1 generation) → fence →
    /// count → [shredBeforeErasure] append(alice) rotates (generation 2 committed in keys.db),
    /// is refused by the fence → erasure point: dekCount 2 ≠ 1 → -32005.
    func testAShredIsNotFailedByAGenerationItsOwnFencedAppendAdded() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let clock = ManualClock()
        var options = CoreTestSupport.options()
        options.dekRotationDays = 90
        options.kekRotationDays = 1_000
        let store = try t.open(options: options, clock: clock)
        defer { store.keyring.racePoints.clear(); store.close() }
        let alice = CoreTestSupport.customer("alice"), chat = CoreTestSupport.session("chat")
        try RAKit.append(store, alice, chat, "one")
        clock.advance(days: 91)  // alice's DEK is due: her next write adds a generation

        let appendOutcome = Mutex<String?>(nil)
        let once = Atomic<Bool>(true)
        nonisolated(unsafe) let s = store
        store.keyring.racePoints.set(.shredBeforeErasure) {
            guard once.compareExchange(expected: true, desired: false, ordering: .sequentiallyConsistent).exchanged else { return }
            let r = Result { try RAKit.append(s, alice, chat, "two") }
            appendOutcome.withLock { $0 = (try? r.get()) != nil ? "committed" : "\(r)" }
        }
        let shred = Result { try store.shred(customer: alice, reason: "gdpr", context: CoreTestSupport.context("customer.shred")) }
        store.keyring.racePoints.clear()
        let appended = appendOutcome.withLock { $0 }
        XCTAssertNotEqual(appended, "committed", "the append through the shredding daemon was fenced")
        XCTAssertNoThrow(try shred.get(),
                         "the only new generation was added by this daemon's own fenced append, which sealed nothing under it: "
                         + "the shred must not fail for it (append answered: \(appended ?? "nil"))")
        if (try? shred.get()) == nil {
            // The append was answered as if alice were erased; she is not.
            XCTAssertThrowsError(try RAKit.texts(store, alice, chat),
                                 "the fenced append was answered \(appended ?? "nil") (erased), yet alice is still readable after the shred failed")
        }
    }
}
