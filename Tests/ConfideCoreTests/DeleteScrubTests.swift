// Issue 15: a delete erases. After `session.delete`, a `session.put` that replaces messages,
// and a retention expiry, the old ciphertext is gone from data.db, its WAL and its free
// pages within the scrub bound (`WALCheckpointer.scrubDelay` plus a checkpoint), with the
// daemon's connection settings whatever SQLite's build default is.
@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

final class DeleteScrubTests: XCTestCase {
    private var dir: CoreTestState!
    private var store: TranscriptStore!
    private let clock = ManualClock()

    override func setUpWithError() throws {
        dir = try CoreTestState()
        store = try dir.open(clock: clock)
    }

    override func tearDown() {
        store?.close()
        dir?.remove()
    }

    /// The sealed chunk bytes of every row of `customer`'s session `session` (read raw).
    private func sealedChunks(_ customer: String, _ session: String) throws -> [[UInt8]] {
        let keys = try XCTUnwrap(try store.keyring.lookup(TS.customer(customer)))
        let index = store.keyring.sessionIndex(handle: keys.handle, session: TS.session(session))
        return try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.query("SELECT c.sealed FROM chunk c JOIN session s ON s.id = c.session_id WHERE s.blind_index = ?", [.blob(index)]) {
                $0.blob(0)
            }
        }
    }

    /// Waits (bounded) until no file of the state folder holds any part of `sealed`; returns
    /// the files that still do when the bound ran out.
    private func filesStillHolding(_ sealed: [[UInt8]], seconds: Double = 10) throws -> [String] {
        // 48 bytes from the middle of each ciphertext: no page holds them by chance.
        let needles = sealed.map { Array($0[($0.count / 2 - 24)..<($0.count / 2 + 24)]) }
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let holding = try Set(needles.flatMap { try Kit.files(under: dir.state.path, containing: $0) }).sorted()
            if holding.isEmpty || Date() > deadline { return holding }
            usleep(50_000)
        }
    }

    func testTheDataConnectionZeroesDeletedContent() throws {
        let value: Int? = try store.writer.write(TS.context("test.pragma"), customerRef: nil) { db, _ in
            try sqlite(db).queryOne("PRAGMA secure_delete") { $0.int(0) }
        }
        XCTAssertEqual(value, 1, "the writer's connection does not zero deleted content")
    }

    func testADeletedSessionsCiphertextIsGoneFromTheDatabaseAndItsWAL() throws {
        try store.testPut("c", "gone", (1...5).map { TS.message("delete me \($0)") })
        try store.testPut("c", "stays", [TS.message("keep")])
        let sealed = try sealedChunks("c", "gone")
        XCTAssertEqual(sealed.count, 5)
        XCTAssertFalse(try filesStillHolding(sealed, seconds: 0).isEmpty, "the scan cannot see the stored ciphertext")
        try store.delete(customer: TS.customer("c"), session: TS.session("gone"), context: TS.context("session.delete"))
        XCTAssertEqual(try filesStillHolding(sealed), [], "the deleted session's ciphertext is still on disk")
        XCTAssertEqual(try store.testGet("c", "stays").texts, ["keep"])
    }

    func testMessagesReplacedByAPutAreGoneFromDisk() throws {
        try store.testPut("c", "s", (1...4).map { TS.message("old version \($0)") })
        let sealed = try sealedChunks("c", "s")
        try store.testPut("c", "s", [TS.message("new version")])
        XCTAssertEqual(try filesStillHolding(sealed), [], "the replaced messages' ciphertext is still on disk")
    }

    func testAnExpiredSessionIsGoneFromDisk() throws {
        _ = try store.put(customer: TS.customer("c"), session: TS.session("old"), messages: (1...3).map { TS.message("expiring \($0)") },
                          metadata: nil, retentionDays: 1, redact: false, context: TS.context("session.put"))
        let sealed = try sealedChunks("c", "old")
        clock.advance(days: 2)
        store.scheduler!.runOnce()
        XCTAssertEqual(try filesStillHolding(sealed), [], "the expired session's ciphertext is still on disk")
    }
}
