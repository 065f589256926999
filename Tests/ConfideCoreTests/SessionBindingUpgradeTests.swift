// Issue 16: existing stores upgrade at start-up. The fixture in Fixtures/unbound-store was
// written by confide dc4662d (before data.db migration 0007) through its socket: customer
// alice (a1 appended in two calls, a2 put twice with metadata and retention, a3 appended
// with redaction), bob (b1 across two DEK generations), carol (shredded), dave (d1 with
// five messages, d-empty put with none). Its dev master key is a test key.
@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import TestSupport
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

final class SessionBindingUpgradeTests: XCTestCase {
    private var root: TemporaryDirectory!
    private var state: StateDirectory!

    override func setUpWithError() throws {
        root = try TemporaryDirectory(prefix: "confide-upgrade")
        state = StateDirectory(path: root.path + "/state")
        try Self.copyFixture(to: state)
    }

    /// Copies the fixture's files into `state` (created 0700, files 0600).
    static func copyFixture(to state: StateDirectory) throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/unbound-store").path
        try FileManager.default.createDirectory(atPath: state.path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for name in ["data.db", "keys.db", "dev-master.key"] {
            try? FileManager.default.removeItem(atPath: state.path + "/" + name)
            try FileManager.default.copyItem(atPath: fixture + "/" + name, toPath: state.path + "/" + name)
            XCTAssertEqual(chmod(state.path + "/" + name, 0o600), 0)
        }
    }

    /// A store on a copy of the fixture (its dev master key).
    static func openFixture(_ state: StateDirectory) throws -> TranscriptStore {
        try TranscriptStore(state: state, masterKey: .development(stateDirectory: state.path), options: TS.options())
    }

    override func tearDown() { root?.remove() }

    private func open() throws -> TranscriptStore { try Self.openFixture(state) }

    private func unsealedRows() throws -> Int {
        try Kit.withRawDatabase(state.dataPath) { db in try db.queryOne("SELECT COUNT(*) FROM session WHERE seal IS NULL OR epoch IS NULL") { $0.int(0) } ?? -1 }
    }

    func testAStoreWrittenBeforeBindingReadsTheSameAfterTheUpgradeAndAppendsContinue() throws {
        XCTAssertEqual(try Kit.withRawDatabase(state.dataPath) { db in try db.queryOne("PRAGMA user_version") { $0.int(0) } }, 6,
                       "control: the fixture is from before migration 0007")
        let store = try open()
        defer { store.close() }
        XCTAssertEqual(store.startupWarnings, [])
        XCTAssertEqual(try unsealedRows(), 0)

        XCTAssertEqual(try store.testGet("alice", "a1").texts, ["alice a1 one", "alice a1 two", "alice a1 three"])
        let a2 = try store.testGet("alice", "a2")
        XCTAssertEqual(try a2.texts, ["refund denied 1", "refund denied 2", "refund denied 3"])
        XCTAssertEqual(a2.metadata?["channel"]?.stringValue, "chat")
        XCTAssertEqual(try store.testGet("alice", "a3").texts, ["mail me at [EMAIL_1] or call [PHONE_1]", "again [EMAIL_1], or [EMAIL_2]"])
        XCTAssertEqual(try store.testGet("bob", "b1").texts, ["bob b1 one", "bob b1 two", "bob b1 three", "bob b1 four"])
        XCTAssertEqual(try store.testGet("dave", "d1").texts, (["one", "two", "three", "four", "five"]).map { "dave d1 \($0)" })
        XCTAssertEqual(try store.testGet("dave", "d-empty").texts, [])
        XCTAssertEqual(try store.testList("alice", limit: 10).sessions.map(\.count), [3, 3, 2])
        assertStoreError({ _ = try store.testGet("carol", "c1") }, matches: Kit.isNotFound)

        // The placeholder numbering survived the re-sealed header; appends chain on.
        try store.testAppend("alice", "a3", [TS.message("once more ana@example.com")], redact: true)
        XCTAssertEqual(try store.testGet("alice", "a3").texts.last, "once more [EMAIL_1]")
        try store.testAppend("bob", "b1", [TS.message("bob b1 five")])
        XCTAssertEqual(try store.testGet("bob", "b1").texts.count, 5)
        XCTAssertTrue(try store.verifyAudit(context: TS.context("audit.verify")).ok)
    }

    /// A session edited before the upgrade is not re-sealed into looking whole: it stays
    /// in data.db, reads as tampering, is counted in a start-up warning, and is not tried
    /// again at the next start. The other sessions upgrade.
    func testASessionTamperedBeforeTheUpgradeStaysTamperedAndTheRestUpgrade() throws {
        try Kit.withRawDatabase(state.dataPath) { db in
            // dave's d1 is the only five-message session: cut its tail with the count.
            let (id, last) = try XCTUnwrap(try db.queryOne("SELECT id, last_chunk FROM session WHERE message_count = 5") { ($0.int64(0), $0.int64(1)) })
            let prev = try XCTUnwrap(try db.queryOne("SELECT prev FROM chunk WHERE id = ?", [.integer(last)]) { $0.int64(0) })
            try db.run("DELETE FROM chunk WHERE id = ?", .integer(last))
            // The old format cannot see this cut; flip a bit of the new tail so it can.
            try db.run("UPDATE chunk SET sealed = substr(sealed, 1, length(sealed) - 1) || X'00' WHERE id = ?", .integer(prev))
            try db.run("UPDATE session SET message_count = 4, last_chunk = ? WHERE id = ?", .integer(prev), .integer(id))
        }
        var store = try open()
        XCTAssertEqual(store.startupWarnings.count, 1)
        XCTAssertTrue(store.startupWarnings.first?.contains("1 sessions") ?? false, "\(store.startupWarnings)")
        assertStoreError({ _ = try store.testGet("dave", "d1") }, matches: Kit.isIntegrity)
        assertStoreError({ _ = try store.testAppend("dave", "d1", [TS.message("x")]) }, matches: Kit.isIntegrity)
        XCTAssertEqual(try store.testGet("dave", "d-empty").texts, [])
        XCTAssertEqual(try store.testGet("alice", "a1").texts.count, 3)
        store.close()
        store = try open()
        defer { store.close() }
        XCTAssertEqual(store.startupWarnings, [], "marked once, not re-tried")
        assertStoreError({ _ = try store.testGet("dave", "d1") }, matches: Kit.isIntegrity)
        // `put` replaces it: the way back for the operator.
        try store.testPut("dave", "d1", [TS.message("restored from the ticket system")])
        XCTAssertEqual(try store.testGet("dave", "d1").texts, ["restored from the ticket system"])
    }
}
