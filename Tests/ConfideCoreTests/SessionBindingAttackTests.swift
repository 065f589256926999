// Issue 16: the attacks a review of the session binding found (write access to data.db or
// keys.db, daemon stopped, no key). Each test is one attack; each answered with a wrong
// transcript, a wrong receipt, a lost hold on history, or a crash before its fix.
@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import TestSupport
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

final class SessionBindingAttackTests: XCTestCase {
    private var dir: CoreTestState!

    override func setUpWithError() throws { dir = try CoreTestState() }
    override func tearDown() { dir?.remove() }

    private func assertRefusedAtStart(_ words: String, line: UInt = #line) {
        do {
            let store = try dir.open()
            store.close()
            XCTFail("the store opened", line: line)
        } catch let e as StoreError {
            guard case .integrity(let why, _) = e else { return XCTFail("\(e)", line: line) }
            XCTAssertTrue(why.contains(words), why, line: line)
        } catch { XCTFail("\(error)", line: line) }
    }

    /// Triggers planted in data.db undid appends, deletes and puts that then answered ok.
    func testATriggerOrViewPlantedInEitherFileIsRefusedAtStart() throws {
        var store = try dir.open()
        try store.testAppend("c", "s", [TS.message("one")])
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.execute("CREATE TRIGGER no_delete BEFORE DELETE ON session BEGIN SELECT RAISE(IGNORE); END")
        }
        assertRefusedAtStart("trigger no_delete")
        try Kit.withRawDatabase(dir.state.dataPath) { db in try db.execute("DROP TRIGGER no_delete") }
        try Kit.withRawDatabase(dir.state.keysPath) { db in try db.execute("CREATE VIEW v AS SELECT 1") }
        assertRefusedAtStart("view v")
        try Kit.withRawDatabase(dir.state.keysPath) { db in try db.execute("DROP VIEW v") }
        store = try dir.open()
        XCTAssertEqual(try store.testGet("c", "s").texts, ["one"], "control: the same files open without them")
        store.close()
    }

    /// A copy of a session row under another id (its index stored as text, which dodges the
    /// unique constraint) with its chunks: listed twice, exported twice, and counted twice by
    /// a signed receipt.
    func testACopyOfASessionRowUnderAnotherIDIsTamperingAndRaisesNoReceipt() throws {
        var store = try dir.open()
        try store.testAppend("c", "s1", [TS.message("a"), TS.message("b")])
        try store.testAppend("c", "s2", [TS.message("c")])
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.execute("""
                INSERT INTO session (id, customer_handle, blind_index, header, generation, message_count, created_at, updated_at, last_chunk,
                                     retention_days, expires_at, epoch, last_tag, seal)
                  SELECT 10, customer_handle, CAST(blind_index AS TEXT), header, generation, message_count, created_at, updated_at, 12,
                         retention_days, expires_at, epoch, last_tag, seal FROM session WHERE id = 1;
                INSERT INTO chunk (id, session_id, seq, generation, prev, sealed) SELECT 11, 10, seq, generation, NULL, sealed FROM chunk WHERE id = 1;
                INSERT INTO chunk (id, session_id, seq, generation, prev, sealed) SELECT 12, 10, seq, generation, 11, sealed FROM chunk WHERE id = 2;
                """)
        }
        store = try dir.open()
        defer { store.close() }
        assertStoreError({ _ = try store.testList("c", limit: 10) }, matches: Kit.isIntegrity)
        assertStoreError({ _ = try store.testExportAll("c") }, matches: Kit.isIntegrity)
        let receipt = try store.testShred("c")
        XCTAssertEqual(receipt.body["sessions"]?.intValue, 2)
        XCTAssertEqual(receipt.body["messages"]?.intValue, 3)
    }

    /// `put` over a session took the row's creation time without checking its seal, and
    /// sealed the edited time into the new version.
    func testPutDoesNotSealAnEditedCreationTime() throws {
        var store = try dir.open()
        try store.testAppend("c", "s", [TS.message("a")])
        let created = try store.testGet("c", "s").createdAt
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in try db.run("UPDATE session SET created_at = 946684800000") }
        store = try dir.open()
        defer { store.close() }
        try store.testPut("c", "s", [TS.message("b")])
        let after = try store.testGet("c", "s").createdAt
        XCTAssertNotEqual(after.milliseconds, 946_684_800_000)
        XCTAssertGreaterThanOrEqual(after.milliseconds, created.milliseconds)
    }

    /// An older sealed header of the same version put back (its redaction numbering rolled
    /// back): two different addresses then got the same placeholder.
    func testAnOlderHeaderOfTheSameVersionPutBackIsTampering() throws {
        var store = try dir.open()
        try store.testAppend("c", "s", [TS.message("mail ana@example.com")], redact: true)
        store.close()
        let header = try Kit.withRawDatabase(dir.state.dataPath) { db in try XCTUnwrap(try db.queryOne("SELECT header FROM session") { $0.blob(0) }) }
        store = try dir.open()
        try store.testAppend("c", "s", [TS.message("mail bob@example.com")], redact: true)
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in try db.run("UPDATE session SET header = ?", .blob(header)) }
        store = try dir.open()
        defer { store.close() }
        assertStoreError({ _ = try store.testGet("c", "s") }, matches: Kit.isIntegrity)
        assertStoreError({ _ = try store.testAppend("c", "s", [TS.message("carol@example.com")], redact: true) }, matches: Kit.isIntegrity)
    }

    /// Once keys.db says every session is bound, a row whose seal was cleared is tampering,
    /// not a row to upgrade: clearing it with old-format rows put back (from a copy taken
    /// before the upgrade) had the next start re-seal an edited session.
    func testClearingASealAfterTheUpgradeDoesNotReopenIt() throws {
        try SessionBindingUpgradeTests.copyFixture(to: dir.state)
        let old = try Kit.withRawDatabase(dir.state.dataPath) { db in
            try XCTUnwrap(try db.queryOne("SELECT id, header, generation FROM session WHERE message_count = 5") { ($0.int64(0), $0.blob(1), $0.int(2)) })
        }
        let oldChunks = try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.query("SELECT id, sealed, generation FROM chunk WHERE session_id = ? ORDER BY seq", [.integer(old.0)]) { ($0.int64(0), $0.blob(1), $0.int(2)) }
        }
        var store = try SessionBindingUpgradeTests.openFixture(dir.state)
        XCTAssertEqual(try store.testGet("dave", "d1").texts.count, 5)
        store.close()
        // Put back the old format, cut to two messages and dated 2000.
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            for c in oldChunks.prefix(2) { try db.run("UPDATE chunk SET sealed = ?, generation = ? WHERE id = ?", .blob(c.1), .int(c.2), .integer(c.0)) }
            for c in oldChunks.dropFirst(2) { try db.run("DELETE FROM chunk WHERE id = ?", .integer(c.0)) }
            try db.run("""
                UPDATE session SET header = ?, generation = ?, message_count = 2, last_chunk = ?, created_at = 946684800000,
                                   epoch = NULL, last_tag = NULL, seal = NULL WHERE id = ?
                """, .blob(old.1), .int(old.2), .integer(oldChunks[1].0), .integer(old.0))
        }
        store = try SessionBindingUpgradeTests.openFixture(dir.state)
        defer { store.close() }
        assertStoreError({ _ = try store.testGet("dave", "d1") }, matches: Kit.isIntegrity)
    }

    /// Counts and times from an edited file overflowed and trapped: retention summing an
    /// edited `message_count`; a DEK or KEK `created_at` of Int64.max plus a period.
    func testOverflowingValuesFromEditedFilesDoNotTrap() throws {
        XCTAssertEqual(Timestamp(milliseconds: .max).adding(days: 90).milliseconds, .max)
        XCTAssertEqual(Timestamp(milliseconds: .min).adding(seconds: -1).milliseconds, .min)
        XCTAssertEqual(Timestamp(milliseconds: 0).adding(days: .max).milliseconds, .max)
        XCTAssertEqual(Timestamp(milliseconds: 1000).adding(seconds: 2).milliseconds, 3000)
        var store = try dir.open()
        try store.testAppend("c", "s1", [TS.message("a")])
        try store.testAppend("c", "s2", [TS.message("b")])
        store.close()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.run("UPDATE session SET expires_at = 1000")
            try db.run("UPDATE session SET message_count = 9223372036854775807 WHERE id = 1")
        }
        try Kit.withRawDatabase(dir.state.keysPath) { db in try db.run("UPDATE dek SET created_at = 9223372036854775807") }
        store = try dir.open()
        defer { store.close() }
        store.scheduler?.runOnce()
        _ = try? store.testAppend("c", "s3", [TS.message("c")])
    }

    /// keys.db's anchor followed only signed checkpoints (every 1,000 entries), so after a
    /// crash an older data.db could be put back losing hundreds of entries unseen. Each
    /// scheduler tick now signs the head when entries were written since the last checkpoint.
    func testEachSchedulerTickAnchorsTheNewestEntry() throws {
        let store = try dir.open()
        defer { store.close() }
        for n in 0..<5 { try store.testAppend("c", "s\(n)", [TS.message("m")]) }
        store.scheduler?.runOnce()
        let anchor = try XCTUnwrap(try store.keyring.auditAnchor())
        let lastAppend = try store.readers.read { db in try sqlite(db).queryOne("SELECT MAX(seq) FROM audit_entry WHERE method = 'session.append'") { $0.int(0) } }
        XCTAssertGreaterThanOrEqual(anchor.seq ?? 0, lastAppend ?? .max)
        // A tick with nothing new to cover signs nothing (its own entry calls for no other).
        let entries = try store.readers.read { db in try sqlite(db).queryOne("SELECT COUNT(*) FROM audit_entry") { $0.int(0) } }
        store.scheduler?.runOnce()
        XCTAssertEqual(try store.readers.read { db in try sqlite(db).queryOne("SELECT COUNT(*) FROM audit_entry") { $0.int(0) } }, entries)
    }
}
