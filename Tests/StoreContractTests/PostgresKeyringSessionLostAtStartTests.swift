@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// The writer's version check (issue 21, "no stale trust") when the keyring's session is lost
/// in the instant before the start asks whether the keyring is in the data's database (its
/// store lock held there): found by session 16's attack review (F6), which answered that
/// question by hand on the engine's connections. The start's answer was "no", and it was
/// never asked again, so the check stayed off for the daemon's life and a read served the
/// plaintext from cached keys after another daemon's shred.
final class PostgresKeyringSessionLostAtStartTests: PostgresStoreTestCase {
    /// Daemon A on one schema (keyring beside the data, no `--keys-store`), its keyring's
    /// session cut right before its writer is made; B, another daemon's keyring there.
    private func daemonsWithTheKeyringCutAtStart(_ uri: String, schema: String) throws -> (a: TranscriptStore, b: Keyring) {
        let ownerURI = self.ownerURI!, cuts = self.cuts, told = self.told
        let engine = KeyringCutBeforeTheWriter(engine: PostgresEngine(keysURI: uri, dataURI: uri), cut: {
            cuts.count.add(try Self.cutKeyringSession(ownerURI: ownerURI, schema: schema), ordering: .relaxed)
        })
        var options = options()
        options.versionCheckChanged = { state, why in told.changes.withLock { $0.append(state + ": " + why) } }
        let a = try TranscriptStore(state: state, engine: engine, masterKey: masterKey, options: options)
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        return (a, b)
    }

    /// The keyring's session is lost, and then A reconnects it by itself at its next use (as
    /// any start does right after its writer is made). A caches alice's keys, B shreds alice:
    /// A's next read must not return the plaintext. (Before: the start's one question said
    /// "no" and A served alice's transcript from its cached keys.)
    func testAKeyringSessionLostJustBeforeTheStartsQuestionDoesNotLeaveTheCheckOff() throws {
        let (uri, schema) = try schemaURI("lostatstart")
        let (a, b) = try daemonsWithTheKeyringCutAtStart(uri, schema: schema)
        defer { a.close() }
        XCTAssertEqual(cuts.count.load(ordering: .relaxed), 1, "the keyring's session was cut before the writer was made")
        try append(a, "alice", "s1", "my card is 4111 1111 1111 1111")
        XCTAssertEqual(try texts(a, "alice", "s1"), ["my card is 4111 1111 1111 1111"], "A has alice's keys cached")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))
        assertAliceIsNotReadOnA(a)
        XCTAssertTrue(a.checksCustomerVersions, "the check is on once the keyring's lock is seen again")
        let changes = told.changes.withLock { $0 }
        XCTAssertEqual(changes.count, 1, "\(changes)")
        XCTAssertTrue(changes.first?.hasPrefix("on: the keyring's store lock is held in the data's database again") == true,
                      "the daemon is told (and logs store.version_check) when the check turns on: \(changes)")
    }

    /// While the keyring (known to be in the data's database: one URI for both) cannot be
    /// confirmed, its session still lost, a request on keys A already had cached is not served
    /// on them unchecked: it is run again on keys loaded afresh (which brings the keyring's
    /// session back), and meets the customer as B left it. alice's keys are put in A's cache
    /// by hand, standing for keys cached before the loss. (Without the fail-closed rule the read
    /// returned the plaintext after B's shred.)
    func testCachedKeysAreNotServedUncheckedWhileTheKeyringsLockIsNotSeen() throws {
        let (uri, schema) = try schemaURI("lostagain")
        let first = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options())
        try append(first, "alice", "s1", "my card is 4111 1111 1111 1111")
        first.close()
        let (a, b) = try daemonsWithTheKeyringCutAtStart(uri, schema: schema)
        defer { a.close() }
        // The start's later steps may have used the keyring (a new session, its lock taken
        // again): lost again, before A's writer ran a group.
        _ = try Self.cutKeyringSession(ownerURI: ownerURI, schema: schema)
        try cacheAliceOnAAndShredHerOnB(a, b)
        assertAliceIsNotReadOnA(a)
    }

    /// The same database named by two URI strings (the keyring's with `suffix` added), the
    /// keyring's session lost at start and again before A's first group, alice's keys cached;
    /// B shreds alice and A's read, a second later, must not return her plaintext. Found by
    /// session 17's attack reviews: the strings differing, the keyring was not known to be
    /// beside the data, the check stayed off (the re-asked question never sees the lock, as
    /// cached keys never use the keyring's connection), and the read returned the plaintext;
    /// the first fix compared the server's start time as text, which a session's TimeZone or
    /// DateStyle changes.
    private func assertOneDatabaseUnderTwoURIsIsKnownAsOne(_ label: String, keysURISuffix suffix: String) throws {
        let (uri, schema) = try schemaURI(label)
        let keysURI = uri + suffix
        let first = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: keysURI, dataURI: uri), masterKey: masterKey,
                                        options: options())
        try append(first, "alice", "s1", "my card is 4111 1111 1111 1111")
        first.close()
        let ownerURI = self.ownerURI!
        let engine = KeyringCutBeforeTheWriter(engine: PostgresEngine(keysURI: keysURI, dataURI: uri), cut: {
            _ = try Self.cutKeyringSession(ownerURI: ownerURI, schema: schema)
        })
        let a = try TranscriptStore(state: state, engine: engine, masterKey: masterKey, options: options())
        defer { a.close() }
        _ = try Self.cutKeyringSession(ownerURI: ownerURI, schema: schema)
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        try cacheAliceOnAAndShredHerOnB(a, b)
        Thread.sleep(forTimeInterval: 1.2)  // past the once-a-second question: not only its throttle
        assertAliceIsNotReadOnA(a)
    }

    func testOneDatabaseNamedByTwoURIStringsIsKnownAsOneAfterALostKeyringSession() throws {
        try assertOneDatabaseUnderTwoURIsIsKnownAsOne("lostnamed", keysURISuffix: "&application_name=confide-keyring")
    }

    /// `schemaURI` ends with the `options` value: the suffixes extend it with a setting.
    func testOneDatabaseWhoseTwoSessionsShowTimesDifferentlyIsKnownAsOne() throws {
        try assertOneDatabaseUnderTwoURIsIsKnownAsOne("lostzoned", keysURISuffix: "%20-cTimeZone%3DPacific%2FChatham")
        try assertOneDatabaseUnderTwoURIsIsKnownAsOne("loststyled", keysURISuffix: "%20-cDateStyle%3DSQL%2CDMY")
    }

    func testTheServerPlaceOfOneDatabaseIsTheSameWhateverTheSessionsSettings() throws {
        let (uri, _) = try schemaURI("place")
        let plain = try PostgresConnection(uri: uri)
        for setting in ["%20-cTimeZone%3DPacific%2FChatham", "%20-cDateStyle%3DSQL%2CDMY", "%20-cextra_float_digits%3D-15"] {
            XCTAssertEqual(try plain.serverPlace(), try PostgresConnection(uri: uri + setting).serverPlace(), setting)
        }
    }

    /// alice's keys put in A's cache by hand (standing for keys cached before the keyring's
    /// session was lost), then alice shredded through B.
    private func cacheAliceOnAAndShredHerOnB(_ a: TranscriptStore, _ b: Keyring) throws {
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        a.keyring.cache.put(keys)
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))
    }

    /// A read of alice's session on A after B's erasure point: erased or not found, never her plaintext.
    private func assertAliceIsNotReadOnA(_ a: TranscriptStore, line: UInt = #line) {
        XCTAssertThrowsError(try texts(a, "alice", "s1"), "a read on A after B's erasure point returned the plaintext", line: line) { error in
            switch error as? StoreError {
            case .erased?, .notFound?: break
            default: XCTFail("\(error)", line: line)
            }
        }
    }

    /// How many times the start cut the keyring's session.
    private final class Cuts: Sendable { let count = Atomic<Int>(0) }
    private let cuts = Cuts()
    /// What the store told `Options.versionCheckChanged` (the daemon logs each as `store.version_check`).
    private final class Told: Sendable { let changes = Mutex<[String]>([]) }
    private let told = Told()

    /// Ends the session holding the keyring's store lock of `schema` (the keyring's connection
    /// notices at its next statement and reconnects) and waits until its server process is
    /// gone. Returns how many sessions it ended.
    private static func cutKeyringSession(ownerURI: String, schema: String) throws -> Int {
        let o = try PostgresConnection(uri: ownerURI)
        let pids = try o.query("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                               + "AND classid::int8 = \(PostgresEngine.keyringLockTag) "
                               + "AND objid = (SELECT oid FROM pg_namespace WHERE nspname = '\(schema)')") { try $0.int64(0) }
        for pid in pids {
            _ = try o.query("SELECT pg_terminate_backend($1::int)", [.int8(pid)]) { try $0.bool(0) }
            let deadline = Date().addingTimeInterval(10)
            while try o.queryOne("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1", [.int8(pid)], row: { try $0.int64(0) }) != 0 && Date() < deadline {
                usleep(20_000)
            }
        }
        return pids.count
    }
}

/// `PostgresEngine` whose keyring session is cut (`cut`) right before the data store's
/// writer is made, where the engine asks whether the keyring's store lock is held in the
/// data's database: the instant of session 16's finding. Everything else is the engine's own.
private struct KeyringCutBeforeTheWriter: StorageEngine {
    let engine: PostgresEngine
    let cut: @Sendable () throws -> Void

    var keysName: String { engine.keysName }
    var dataName: String { engine.dataName }
    func openKeyring(options: TranscriptStore.Options) throws -> any KeyringRecords { try engine.openKeyring(options: options) }
    func openData(options: TranscriptStore.Options) throws -> any OpenedDataStore {
        Opened(inner: try engine.openData(options: options), cut: cut)
    }
    func openForReading() throws -> (keys: any KeyringRecords, data: any TranscriptRecords) { try engine.openForReading() }
    var onlineBackup: (any OnlineBackup)? { engine.onlineBackup }
    func schedulerLeadership() -> any SchedulerLeadership { engine.schedulerLeadership() }
    func reachabilityProbe() -> (any StoreReachabilityProbe)? { engine.reachabilityProbe() }

    private struct Opened: OpenedDataStore {
        let inner: any OpenedDataStore
        let cut: @Sendable () throws -> Void
        var records: any TranscriptRecords & Transactional { inner.records }
        func holdAuditChain(_ chain: Int, name: String?) throws { try inner.holdAuditChain(chain, name: name) }
        func parts(chain: AuditChain, clock: any Clock, options: TranscriptStore.Options) throws
            -> (writer: any TranscriptWriter, readers: any SnapshotReader, scrubber: any LogScrubber) {
            try cut()
            return try inner.parts(chain: chain, clock: clock, options: options)
        }
    }
}
