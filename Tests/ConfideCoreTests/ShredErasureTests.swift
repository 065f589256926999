@_spi(Testing) @testable import ConfideCore
import ConfideCrypto
import ConfideStorage
import Foundation
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

/// Issue 4, the erasure itself: after `customer.shred` no key that can open the customer's
/// ciphertext is left in keys.db (not even with the master key), the destroyed key bytes
/// and the audit pseudonym are gone from keys.db and its WAL, and a crash right after the
/// erasure point is cleaned up at the next start.
///
/// Uses `@testable` to reach `Keyring.loadCustomer` and `AssociatedData`: the attacker
/// modelled here holds the master key, the current keys.db and an old copy of data.db.
final class ShredErasureTests: XCTestCase {
    private var dir: CoreTestState!

    override func setUpWithError() throws { dir = try CoreTestState() }
    override func tearDown() { dir?.remove() }

    private let victim = "victim@example.com"

    /// A victim with two DEK generations (chunks sealed under both) and two other customers.
    private func seed() throws -> (handle: [UInt8], auditRef: [UInt8]) {
        let store = try dir.open()
        defer { store.close() }
        for s in ["s1", "s2", "s3"] { try store.testAppend(victim, s, (1...3).map { TS.message("\(s) secret \($0)") }) }
        _ = try store.keyring.rotateDEK(TS.customer(victim))
        try store.testAppend(victim, "s1", [TS.message("after rotation")])
        for c in ["keep-1", "keep-2"] { try store.testPut(c, "k", [TS.message("\(c) stays")]) }
        try store.testAppend(victim, "s4", [TS.message("written last")])
        let keys = try XCTUnwrap(try store.keyring.lookup(TS.customer(victim)))
        XCTAssertEqual(keys.newestGeneration, 2)
        return (keys.handle, keys.auditRef)
    }

    /// Every DEK that the master key can unwrap from the keys.db at `path`: what an attacker
    /// holding the master key and that keys.db has.
    private func everyDEK(keysPath: String) throws -> [SecretKey] {
        let keyring = try Keyring(path: keysPath, source: dir.masterKey)
        return try keyring.database.withLock { box in
            let indexes = try box.db.allCustomers().map(\.blindIndex)
            return try indexes.flatMap { try keyring.loadCustomer(box, blindIndex: $0).map { Array($0.deks.values) } ?? [] }
        }
    }

    /// How many of `handle`'s sealed rows (headers and chunks) in the data.db at `dataPath`
    /// open with any of `keys`, out of how many there are.
    private func openable(handle: [UInt8], dataPath: String, keys: [SecretKey]) throws -> (opened: Int, rows: Int) {
        let db = try Database(path: dataPath, mode: .readOnly)
        var sealed: [(box: [UInt8], ad: [UInt8])] = []
        let sessions = try db.query("SELECT id, blind_index, header, generation, epoch FROM session WHERE customer_handle = ?", [.blob(handle)]) {
            (id: $0.int64(0), index: $0.blob(1), header: $0.blob(2), generation: $0.int(3), epoch: $0.blob(4))
        }
        for s in sessions {
            sealed.append((s.header, AssociatedData.sessionHeader(handle: handle, sessionIndex: s.index, generation: s.generation, epoch: s.epoch)))
            var previousTag: [UInt8] = []
            sealed += try db.query("SELECT seq, generation, sealed FROM chunk WHERE session_id = ? ORDER BY seq", [.integer(s.id)]) { row in
                defer { previousTag = SessionSealer.tag(of: row.blob(2)) }
                return (row.blob(2), AssociatedData.chunk(handle: handle, sessionIndex: s.index, epoch: s.epoch, seq: row.int(0),
                                                          generation: row.int(1), previousTag: previousTag))
            }
        }
        let opened = sealed.filter { row in keys.contains { (try? XChaCha20Poly1305.open(row.box, key: $0, associatedData: row.ad)) != nil } }
        return (opened.count, sealed.count)
    }

    /// With a copy of data.db taken before the shred: before, the keys in keys.db open all
    /// of the victim's rows of the copy (the check works); after, keys.db no longer knows
    /// the customer, holds no DEK row for its handle, and not one of the DEKs the master key
    /// can unwrap from it opens any of the victim's rows of the copy, while the other
    /// customers' rows of the same copy still open, also through a store opened on the copy.
    /// (It proves no usable key is left in the live keyring's rows; freed bytes are checked
    /// by the next test. Old keys.db backups are out of scope, as the receipt says.)
    func testNoKeyLeftInKeysDBOpensACopyOfTheShreddedCustomersData() throws {
        let victimKeys = try seed()
        let copy = dir.root.path + "/copy"
        try Kit.copyStateFiles(dir.state, to: copy)
        var others: [[UInt8]] = []
        try Kit.withRawDatabase(copy + "/data.db") { db in
            others = try db.query("SELECT DISTINCT customer_handle FROM session WHERE customer_handle != ?", [.blob(victimKeys.handle)]) { $0.blob(0) }
        }
        XCTAssertEqual(others.count, 2)

        let before = try openable(handle: victimKeys.handle, dataPath: copy + "/data.db", keys: everyDEK(keysPath: dir.state.keysPath))
        XCTAssertEqual(before.rows, 4 + 3 * 3 + 2, "4 headers and 11 chunks")
        XCTAssertEqual(before.opened, before.rows, "control: before the shred the keyring opens every row of the copy")

        let store = try dir.open()
        _ = try store.testShred(victim)
        store.close()

        let keyring = try Keyring(path: dir.state.keysPath, source: dir.masterKey)
        XCTAssertNil(try keyring.lookup(TS.customer(victim)))
        try Kit.withRawDatabase(dir.state.keysPath) { db in
            for table in ["dek", "dek_kek_history"] {
                XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM \(table) WHERE customer_handle = ?", [.blob(victimKeys.handle)]) { $0.int(0) }, 0)
            }
            XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM customer WHERE handle = ?", [.blob(victimKeys.handle)]) { $0.int(0) }, 0)
            XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM dek") { $0.int(0) }, 2, "only the two other customers' DEKs remain")
        }
        let remaining = try everyDEK(keysPath: dir.state.keysPath)
        XCTAssertEqual(remaining.count, 2)
        let after = try openable(handle: victimKeys.handle, dataPath: copy + "/data.db", keys: remaining)
        XCTAssertEqual(after.rows, before.rows, "the copy still holds the ciphertext")
        XCTAssertEqual(after.opened, 0, "no key left in keys.db opens any of the shredded customer's rows")
        for h in others {
            let o = try openable(handle: h, dataPath: copy + "/data.db", keys: remaining)
            XCTAssertEqual(o.opened, o.rows, "other customers' rows of the copy still open")
        }

        // A store restored from the old data.db and the current keys.db.
        let restored = dir.root.path + "/restored"
        try FileManager.default.createDirectory(atPath: restored, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        for name in ["data.db", "data.db-wal"] where FileManager.default.fileExists(atPath: copy + "/" + name) {
            try FileManager.default.copyItem(atPath: copy + "/" + name, toPath: restored + "/" + name)
        }
        try FileManager.default.copyItem(atPath: dir.state.keysPath, toPath: restored + "/keys.db")
        // keys.db's audit anchor refuses the older data.db unless the operator says it was restored on purpose.
        XCTAssertThrowsError(try TranscriptStore(state: StateDirectory(path: restored), masterKey: dir.masterKey, options: TS.options()))
        var accept = TS.options()
        accept.acceptRestoredData = true
        let reopened = try TranscriptStore(state: StateDirectory(path: restored), masterKey: dir.masterKey, options: accept)
        defer { reopened.close() }
        assertStoreError({ _ = try reopened.testGet(victim, "s1") }, matches: Kit.isNotFound)
        XCTAssertEqual(try reopened.testGet("keep-1", "k").texts, ["keep-1 stays"])
    }

    /// The victim's wrapped DEKs, handle, blind index and audit pseudonym are in keys.db
    /// before the shred (control) and in no byte of keys.db, keys.db-wal or -shm after it,
    /// both when the shred returns (store open) and after close. The audit entries in
    /// data.db keep the pseudonym, which then links to nothing.
    func testDestroyedKeyBytesAndPseudonymAreGoneFromKeysDBAndItsWAL() throws {
        let victimKeys = try seed()
        var secrets: [(String, [UInt8])] = []
        try Kit.withRawDatabase(dir.state.keysPath) { db in
            secrets = try db.query("SELECT generation, wrapped FROM dek WHERE customer_handle = ?", [.blob(victimKeys.handle)]) {
                ("wrapped DEK generation \($0.int(0))", $0.blob(1))
            }
            let index = try XCTUnwrap(try db.queryOne("SELECT blind_index FROM customer WHERE handle = ?", [.blob(victimKeys.handle)]) { $0.blob(0) })
            secrets += [("handle", victimKeys.handle), ("audit ref", victimKeys.auditRef), ("blind index", index)]
        }
        XCTAssertEqual(secrets.count, 5, "two DEK generations + handle, audit ref, blind index")
        let keysFiles = { try Kit.fileContents(under: self.dir.state.path).filter { $0.key.hasPrefix("keys.db") } }
        for (what, bytes) in secrets {
            XCTAssertTrue(try keysFiles().values.contains { Kit.contains($0, bytes) }, "control: \(what) is in keys.db before the shred")
        }

        let store = try dir.open()
        // The pseudonym is in the audit chain, in data.db, for the victim's earlier calls.
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            let entries = try db.queryOne("SELECT COUNT(*) FROM audit_entry WHERE customer_ref = ?", [.blob(victimKeys.auditRef)]) { $0.int(0) }
            XCTAssertEqual(entries, 5, "one entry per append of the victim")
        }
        let receipt = try store.testShred(victim)
        XCTAssertEqual(receipt.body["customer_ref"]?.stringValue, encodeHex(victimKeys.auditRef))
        // Right at the reply, store still open (the erasure point checkpoints keys.db's WAL)...
        let atReply = try keysFiles()
        XCTAssertEqual(try store.verifyAudit(context: TS.context("audit.verify")).ok, true, "the chain still verifies")
        store.close()
        // ...and after close.
        for (when, files) in [("at the reply", atReply), ("after close", try keysFiles())] {
            XCTAssertNotNil(files["keys.db"])
            for (what, bytes) in secrets {
                for (name, content) in files where Kit.contains(content, bytes) { XCTFail("\(what) still in \(name) \(when)") }
            }
        }
        // The old audit entries keep the pseudonym, which now links to nothing.
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM audit_entry WHERE customer_ref = ?", [.blob(victimKeys.auditRef)]) { $0.int(0) }, 7, "and the shred's own two (prepare, erase)")
        }
    }

    /// A purge record of a customer whose keys still exist is, while young, a shred under way
    /// on another daemon over the same stores (its intent committed, its erasure point not
    /// yet), which this daemon's fence cannot see: the purge job must keep it, or that
    /// shred's rows are never purged. Only an old one is a stale intent (a refused or
    /// crashed shred) and dropped. (Before: dropped at the next run.)
    func testAYoungPurgeRecordOfACustomerThatStillExistsIsKept() throws {
        let clock = ManualClock()
        let store = try dir.open(options: TS.options(), clock: clock)
        defer { store.close() }
        try store.testPut("keep-1", "k", [TS.message("keep-1 stays")])
        let keys = try XCTUnwrap(try store.keyring.lookup(TS.customer("keep-1")))
        try Kit.withRawDatabase(dir.state.dataPath) { db in  // the other daemon's shred intent
            try db.run("INSERT INTO pending_purge (customer_handle, requested_at) VALUES (?, ?)", .blob(keys.handle), .integer(clock.now().milliseconds))
        }
        func records() throws -> Int { try Kit.withRawDatabase(dir.state.dataPath) { db in try db.queryOne("SELECT COUNT(*) FROM pending_purge") { $0.int(0) } ?? -1 } }
        store.scheduler!.runOnce()
        XCTAssertEqual(try records(), 1, "a young purge record is kept")
        clock.advance(milliseconds: TranscriptStore.stalePurgeRecordMilliseconds - 1_000)
        store.scheduler!.runOnce()
        XCTAssertEqual(try records(), 1, "still within the grace period")
        clock.advance(seconds: 2)
        store.scheduler!.runOnce()
        XCTAssertEqual(try records(), 0, "an old record of a customer that exists is a stale intent")
        XCTAssertEqual(try store.testGet("keep-1", "k").texts, ["keep-1 stays"], "and nothing of the customer was purged")
    }

    /// A crash right after the erasure point: the shred had committed its purge record in
    /// data.db (always before the erasure point) and deleted the keys, but not yet its
    /// clean-up. On restart the purge job removes the rows. Simulated by writing exactly
    /// that state with raw SQL.
    func testCrashAfterErasurePointIsPurgedAtStartup() throws {
        let victimKeys = try seed()
        try Kit.withRawDatabase(dir.state.dataPath) { db in
            try db.run("INSERT INTO pending_purge (customer_handle, requested_at) VALUES (?, 0)", .blob(victimKeys.handle))
        }
        try deleteKeys(of: victimKeys.handle)
        let store = try dir.open()
        defer { store.close() }
        let data = try Database(path: dir.state.dataPath, mode: .readOnly)
        func count(_ sql: String) throws -> Int { try data.queryOne(sql, [.blob(victimKeys.handle)]) { $0.int(0) } ?? -1 }
        XCTAssertEqual(try count(Self.sessionsSQL), 4)
        XCTAssertTrue(store.startupWarnings.isEmpty, "a recorded shred is not an anomaly")
        assertStoreError({ _ = try store.testGet(victim, "s1") }, matches: Kit.isNotFound)

        store.scheduler!.runOnce()
        XCTAssertEqual(try count(Self.sessionsSQL), 0)
        XCTAssertEqual(try count(Self.chunksSQL), 0)
        XCTAssertEqual(try data.queryOne("SELECT COUNT(*) FROM pending_purge") { $0.int(0) }, 0)
        XCTAssertEqual(try store.testGet("keep-2", "k").texts, ["keep-2 stays"])
    }

    /// Rows whose keys vanished without a shred record (keys.db restored from an older
    /// backup) are not purged: they are left in place and reported, since the newer
    /// keys.db may still be found.
    func testRowsWithoutKeysOrShredRecordAreKeptAndReported() throws {
        let victimKeys = try seed()
        try deleteKeys(of: victimKeys.handle)
        let store = try dir.open()
        defer { store.close() }
        XCTAssertEqual(store.startupWarnings.count, 1)
        XCTAssertTrue(store.startupWarnings.first?.contains("keys.db looks older than data.db") == true)
        store.scheduler!.runOnce()
        let data = try Database(path: dir.state.dataPath, mode: .readOnly)
        XCTAssertEqual(try data.queryOne(Self.sessionsSQL, [.blob(victimKeys.handle)]) { $0.int(0) }, 4)
    }

    private static let sessionsSQL = "SELECT COUNT(*) FROM session WHERE customer_handle = ?"
    private static let chunksSQL = "SELECT COUNT(*) FROM chunk WHERE session_id IN (SELECT id FROM session WHERE customer_handle = ?)"

    private func deleteKeys(of handle: [UInt8]) throws {
        try Kit.withRawDatabase(dir.state.keysPath) { db in
            try db.transaction {
                for table in ["dek", "dek_kek_history"] { try db.run("DELETE FROM \(table) WHERE customer_handle = ?", .blob(handle)) }
                try db.run("DELETE FROM customer WHERE handle = ?", .blob(handle))
            }
        }
    }
}
