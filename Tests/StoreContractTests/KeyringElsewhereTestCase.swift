@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// Daemons of a store shared with the keyring in another database (`confide_test_keys` of
/// scripts/pg-cluster, `CONFIDE_TEST_POSTGRES_KEYS_URI`): the keyring guard's tests
/// (`PostgresKeyringElsewhereTests`, `Session20AttackBTests`). Skipped when the cluster has
/// no keys database.
///
/// `CONFIDE_TEST_KEYRING_GUARD_DISABLED=1` starts each daemon without its guard (the start's
/// refusal bypassed, requests on cached keys unchecked), and
/// `CONFIDE_TEST_KEYRING_GUARD_UNCONFIRMED=1` lets the guard go after the data COMMIT without
/// confirming it, to see the tests fail without them.
class KeyringElsewhereTestCase: PostgresStoreTestCase {
    private(set) var keysOwnerURI: String!
    private var keysSchemas: [String] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let keys = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_KEYS_URI"], !keys.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_KEYS_URI is not set: start the cluster with scripts/pg-cluster (it makes confide_test_keys)")
        }
        keysOwnerURI = keys
    }

    override func tearDown() {
        for schema in keysSchemas { try? PostgresConnection(uri: keysOwnerURI).execute("DROP SCHEMA \(schema) CASCADE") }
        super.tearDown()
    }

    /// Where one test's store lives: the keyring's URI (a fresh schema of the keys database,
    /// `keysSchema`) and the data's (a fresh schema of the data database).
    struct Layout { let keys: String; let data: String; let keysSchema: String }

    func layout() throws -> Layout {
        let schema = "keys_" + UUID().uuidString.prefix(8).lowercased()
        try PostgresConnection(uri: keysOwnerURI).execute("CREATE SCHEMA \(schema)")
        keysSchemas.append(schema)
        let keys = keysOwnerURI + (keysOwnerURI.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        return Layout(keys: keys, data: try schemaURI("data").uri, keysSchema: schema)
    }

    static var guardDisabled: Bool { ProcessInfo.processInfo.environment["CONFIDE_TEST_KEYRING_GUARD_DISABLED"] == "1" }
    /// The guard let go after the data COMMIT without its confirmation.
    static var guardUnconfirmed: Bool { ProcessInfo.processInfo.environment["CONFIDE_TEST_KEYRING_GUARD_UNCONFIRMED"] == "1" }

    /// Daemon `label` of the shared store of `layout`, with the engine's guard hooks.
    func daemon(_ layout: Layout, _ label: String, guardWaitMilliseconds: Int = 5_000) throws -> (store: TranscriptStore, hooks: KeyringGuardHooks) {
        var options = options()
        options.auditChainName = label
        options.sharesStore = true
        var settings = PostgresEngine.Settings()
        settings.sharedStore = true
        settings.storeLockWaitSeconds = 2
        settings.keyringGuardWaitMilliseconds = guardWaitMilliseconds
        let engine = PostgresEngine(keysURI: layout.keys, dataURI: layout.data, settings: settings)
        if Self.guardDisabled { engine.keyringGuardHooks.disabled.store(true, ordering: .releasing) }
        if Self.guardUnconfirmed { engine.keyringGuardHooks.skipsConfirmation.store(true, ordering: .releasing) }
        let store = try TranscriptStore(state: StateDirectory(path: folder.path + "/state-\(label)"), engine: engine, masterKey: masterKey,
                                        options: options)
        return (store, engine.keyringGuardHooks)
    }

    /// Daemon B's keyring on the keys database, and its connection (to see its waits).
    func otherDaemonsKeyring(_ layout: Layout) throws -> (keyring: Keyring, connection: PostgresConnection) {
        let connection = try PostgresConnection(uri: layout.keys)
        return (try Keyring(records: connection, name: "keyring", source: masterKey), connection)
    }

    func superuser() throws -> PostgresConnection { try PostgresConnection(uri: superuserURI()) }

    /// Ends the guard's server process (as an administrator, an idle timeout or a keyring
    /// restart would) and waits until it is gone. Nothing to end with the guard disabled.
    func terminateTheGuard(_ hooks: KeyringGuardHooks) throws {
        let pid = hooks.guardPID.load(ordering: .acquiring)
        guard pid != 0 else { return XCTAssertTrue(Self.guardDisabled, "the guard told its server process") }
        XCTAssertEqual(try superuser().queryOne("SELECT pg_terminate_backend($1::int, 10000)", [.int8(Int64(pid))]) { try $0.bool(0) }, true)
    }

    /// A's append on `keys`' customer (carol, her keys cached in A) through a lapse of A's
    /// keyring guard: parked after its data COMMIT, where the guard's session is ended, B erases
    /// her, and `duringTheLapse` runs; with `inTheRecheck`, parked again in the guard's recheck
    /// once it has found the keyring's table again, where that runs. The append's result.
    func appendThroughALapse(_ a: TranscriptStore, _ hooks: KeyringGuardHooks, erasedBy b: Keyring, _ keys: CustomerKeys,
                             duringTheLapse: () throws -> Void = {}, inTheRecheck: (() throws -> Void)? = nil) throws -> Result<AppendResult, any Error>? {
        let lapse = Gate(), recheck = Gate()
        hooks.afterCommitBeforeGuardEnd.withLock { $0 = lapse.hook }
        if inTheRecheck != nil { hooks.beforeRecheckBegins.withLock { $0 = recheck.hook } }
        defer {
            hooks.afterCommitBeforeGuardEnd.withLock { $0 = nil }
            hooks.beforeRecheckBegins.withLock { $0 = nil }
        }
        let appending = Running { try Self.append(a, "carol", "s1", "during the lapse") }
        XCTAssertTrue(lapse.waitUntilParked(), "A's group reached the end of its data COMMIT")
        try terminateTheGuard(hooks)
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))
        try duringTheLapse()
        lapse.open()
        if let inTheRecheck {
            XCTAssertTrue(recheck.waitUntilParked(), "the guard could not be confirmed: A rechecks carol")
            try inTheRecheck()
            recheck.open()
        }
        return appending.result()
    }

    /// A gate held once by a writer hook: `parked` when the writer reaches it, and there until `open`.
    final class Gate: @unchecked Sendable {
        private let parked = DispatchSemaphore(value: 0)
        private let released = DispatchSemaphore(value: 0)
        private let armed = Atomic<Bool>(true)
        var hook: @Sendable () -> Void {
            { [self] in
                guard armed.exchange(false, ordering: .acquiringAndReleasing) else { return }
                parked.signal()
                released.wait()
            }
        }
        func waitUntilParked() -> Bool { parked.wait(timeout: .now() + 30) == .success }
        func open() { released.signal() }
    }

    /// Runs `body` on a thread of its own; its result once it returned.
    final class Running<T>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let value = Locked<Result<T, any Error>?>(nil)
        init(_ body: @escaping @Sendable () throws -> T) {
            Thread.detachNewThread { [self] in
                let r = Result { try body() }
                value.withLock { $0 = r }
                done.signal()
            }
        }
        var finished: Bool { value.snapshot != nil }
        func result() -> Result<T, any Error>? {
            guard done.wait(timeout: .now() + 60) == .success else { return nil }
            return value.snapshot
        }
    }

    static func texts(_ store: TranscriptStore, _ customer: String, _ session: String) throws -> [String] {
        try store.get(customer: CustomerID(customer), session: SessionID(session), redactedView: false,
                      context: context("session.get", purpose: "support")).messages.map { try $0.decoded().text }
    }

    /// The chunks of the data store under `handle`.
    func chunkCount(_ layout: Layout, handle: [UInt8]) throws -> Int64? {
        try PostgresConnection(uri: layout.data).queryOne(
            "SELECT COUNT(*) FROM chunk JOIN session ON chunk.session_id = session.id WHERE session.customer_handle = $1",
            [.bytea(handle)]) { try $0.int64(0) }
    }

    /// The purge records of the data store for `handle`.
    func pendingPurges(_ layout: Layout, handle: [UInt8]) throws -> Int64? {
        try PostgresConnection(uri: layout.data).queryOne("SELECT COUNT(*) FROM pending_purge WHERE customer_handle = $1", [.bytea(handle)]) {
            try $0.int64(0)
        }
    }
}
