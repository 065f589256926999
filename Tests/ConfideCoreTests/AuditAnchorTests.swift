// Issue 16, items 1 and 2: an attacker who can write data.db (daemon stopped) but holds no
// key cannot rewrite, wipe, cut or roll back the audit chain unseen: the head carries a MAC
// under a key derived from the audit key, and keys.db keeps an anchor of the newest signed
// checkpoint. Each test is one attack from the issue.
@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

final class AuditAnchorTests: XCTestCase {
    private var dir: CoreTestState!

    override func setUpWithError() throws { dir = try CoreTestState() }
    override func tearDown() { dir?.remove() }

    /// A store with some history, a signed checkpoint recorded in keys.db, then closed.
    private func history(_ calls: Int = 12) throws {
        let store = try dir.open()
        for n in 0..<calls { try store.testPut("c\(n % 3)", "s\(n)", [TS.message("m\(n)")]) }
        _ = try store.verifyAudit(context: TS.context("audit.verify"))
        for n in 0..<3 { _ = try store.testGet("c0", "s\(n * 3)") }
        store.close()
    }

    private func assertRefused(_ words: String, options: TranscriptStore.Options = TS.options(),
                               file: StaticString = #filePath, line: UInt = #line) {
        do {
            let store = try dir.open(options: options)
            store.close()
            XCTFail("the store opened on a tampered data.db", file: file, line: line)
        } catch let e as StoreError {
            guard case .integrity(let why, _) = e else { return XCTFail("\(e)", file: file, line: line) }
            XCTAssertTrue(why.contains(words), "\(why)", file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    func testARewrittenChainWithRecomputedHashesIsRefusedAtStart() throws {
        try history()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            // The attack: turn entries into something else, recompute every unkeyed hash
            // after them, and drop the checkpoints that would contradict.
            try db.run("UPDATE audit_entry SET method = 'system.stats', outcome = 'ok' WHERE seq >= 3")
            let entries = try db.query("SELECT \(Database.auditEntryColumns) FROM audit_entry ORDER BY seq") { try AuditEntry(row: $0) }
            var previous = AuditEntry.genesisHash
            for e in entries {
                let hash = e.chainHash(previous: previous)
                try db.run("UPDATE audit_entry SET hash = ? WHERE seq = ?", .blob(hash), .int(e.seq))
                previous = hash
            }
            try db.run("DELETE FROM audit_checkpoint WHERE seq >= 3")
        }
        assertRefused("MAC")
    }

    func testAWipedChainIsRefusedAtStart() throws {
        try history()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.run("DELETE FROM audit_entry")
            try db.run("DELETE FROM audit_checkpoint")
        }
        assertRefused("wiped")
    }

    func testAChainWhoseFirstEntriesWereDeletedIsRefusedAtStart() throws {
        try history()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            // Looks like a prune: a signed checkpoint stays as the anchor of the first entry.
            let cut = try XCTUnwrap(try db.queryOne("SELECT MIN(seq) FROM audit_checkpoint") { $0.int(0) })
            try db.run("DELETE FROM audit_entry WHERE seq <= ?", .int(cut))
            try db.run("DELETE FROM audit_checkpoint WHERE seq < ?", .int(cut))
        }
        assertRefused("deleted outside confide")
    }

    func testAnOlderDataDbIsRefusedUnlessTheOperatorSaysSoAndThatIsAudited() throws {
        try history()
        let old = dir.root.path + "/old"
        try Kit.copyStateFiles(dir.state, to: old)
        try history(6)  // more history, a newer anchor
        for name in ["data.db", "data.db-wal", "data.db-shm"] {
            try? FileManager.default.removeItem(atPath: dir.state.path + "/" + name)
            if FileManager.default.fileExists(atPath: old + "/" + name) {
                try FileManager.default.copyItem(atPath: old + "/" + name, toPath: dir.state.path + "/" + name)
            }
        }
        assertRefused("behind")
        var accept = TS.options()
        accept.acceptRestoredData = true
        let store = try dir.open(options: accept)
        XCTAssertTrue(store.startupWarnings.contains { $0.contains("--accept-restored-data") }, "\(store.startupWarnings)")
        let tail = try store.auditTail(limit: 20, context: TS.context("audit.tail"))
        XCTAssertTrue(tail.contains { $0.method == "daemon.restored-data-accepted" && $0.detail?.contains("behind") == true }, "not audited")
        XCTAssertTrue(try store.verifyAudit(context: TS.context("audit.verify")).ok)
        store.close()
        let again = try dir.open()  // the anchor now follows the restored chain
        again.close()
    }

    /// Write access to both files (the attack session's case): keys.db's anchor deleted, or
    /// its `keyed_from` raised past every entry (which turned the entries' MAC checks off), let
    /// a data.db whose audit entries were rewritten without MACs start, and the daemon then
    /// signed checkpoints over the forged history. The anchor row now carries a MAC under the
    /// audit key: an edited or deleted anchor is refused unless the operator says so (audited).
    func testAnEditedOrDeletedAnchorInKeysDBIsRefusedUnlessTheOperatorSaysSo() throws {
        try history()
        let keys = dir.state.keysPath
        let saved = try Kit.withRawDatabase(keys) { db in
            try XCTUnwrap(try db.queryOne("SELECT keyed_from, seq, head, pruned_to, sessions_bound, mac FROM audit_anchor") {
                [$0.int(0), $0.int(1), $0.int(3), $0.int(4)].map(SQLValue.int) + [.blob($0.blob(2)), .blob($0.blob(5))]
            })
        }
        try Kit.withRawDatabase(keys) { db in try db.run("UPDATE audit_anchor SET keyed_from = 1000000") }
        assertRefused("fails its MAC")
        try Kit.withRawDatabase(keys) { db in try db.run("DELETE FROM audit_anchor") }
        assertRefused("anchor is missing")
        try Kit.withRawDatabase(keys) { db in
            try db.run("INSERT INTO audit_anchor (id, keyed_from, seq, pruned_to, sessions_bound, head, mac) VALUES (1, ?, ?, ?, ?, ?, ?)", saved)
        }
        var store = try dir.open()  // control: the saved row, MAC and all, opens
        store.close()
        try Kit.withRawDatabase(keys) { db in try db.run("UPDATE audit_anchor SET mac = NULL") }
        assertRefused("no MAC")
        var accept = TS.options()
        accept.acceptRestoredData = true
        store = try dir.open(options: accept)
        let tail = try store.auditTail(limit: 5, context: TS.context("audit.tail"))
        XCTAssertTrue(tail.contains { $0.method == "daemon.restored-data-accepted" && $0.detail?.contains("no MAC") == true }, "not audited")
        store.close()
        store = try dir.open()  // the anchor was written again, with its MAC
        store.close()
    }

    /// The second attack session: keys.db taken back to schema 4 (the anchor's new columns
    /// dropped, the row deleted, `user_version` set) passed for a keyring from before anchors
    /// were authenticated, so a fresh anchor was written over a rewritten data.db. The audit
    /// key's wrap now says the keyring is anchored, and only the master key can change it.
    func testAKeysDBTakenBackToAnOlderSchemaStillNeedsItsAnchor() throws {
        try history()
        try Kit.withRawDatabase(dir.state.keysPath) { db in
            try db.execute("""
                ALTER TABLE audit_anchor DROP COLUMN mac; ALTER TABLE audit_anchor DROP COLUMN sessions_bound;
                ALTER TABLE customer DROP COLUMN hold_changes; ALTER TABLE customer DROP COLUMN release_pending;
                DROP INDEX erasure_ordinal; ALTER TABLE erasure DROP COLUMN number; ALTER TABLE erasure DROP COLUMN ordinal;
                DELETE FROM audit_anchor; PRAGMA user_version = 4;
                """)
        }
        assertRefused("anchor is missing")
    }

    func testTheLiveVerifyChecksTheMACsAndAnUntamperedChainVerifies() throws {
        try history()
        let store = try dir.open()
        defer { store.close() }
        let report = try store.verifyAudit(context: TS.context("audit.verify"))
        XCTAssertTrue(report.ok, "\(report)")
        let macs = try Kit.withRawDatabase(dir.state.dataPath) { db in try db.queryOne("SELECT COUNT(mac) FROM audit_entry") { $0.int(0) } }
        XCTAssertGreaterThan(macs ?? 0, 10, "commits carry MACs")
    }
}
