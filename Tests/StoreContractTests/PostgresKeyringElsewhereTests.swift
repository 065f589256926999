@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// `shared_store` with the keyring in another database (`confide_test_keys` of
/// scripts/pg-cluster, `CONFIDE_TEST_POSTGRES_KEYS_URI`): the keyring guard
/// (docs/design/keyring-elsewhere.md). Daemon A is a `TranscriptStore` whose data is in
/// `confide_test` and whose keyring is in `confide_test_keys`; daemon B is a second `Keyring`
/// on the keys database, making a change the way B's request would.
///
/// `CONFIDE_TEST_KEYRING_GUARD_DISABLED=1` starts A without its guard (the start's refusal
/// bypassed, requests on cached keys unchecked), and `CONFIDE_TEST_KEYRING_GUARD_UNCONFIRMED=1`
/// lets the guard go after the data COMMIT without confirming it: the tests marked red below
/// fail then (docs/evidence/session20-keyring-elsewhere-red.txt).
final class PostgresKeyringElsewhereTests: KeyringElsewhereTestCase {
    // MARK: (a) the start

    /// Two daemons share a store whose keyring is in another database: both start (before:
    /// refused, "shared_store needs the keyring in the data's database"), both check customer
    /// versions, and one reads what the other wrote.
    func testSharedStoreStartsWithTheKeyringInAnotherDatabase() throws {
        let layout = try layout()
        let (a, _) = try daemon(layout, "a")
        defer { a.close() }
        let (c, _) = try daemon(layout, "c")
        defer { c.close() }
        if !Self.guardDisabled {
            XCTAssertTrue(a.checksCustomerVersions, "A checks the customers it relies on (through its keyring guard)")
            XCTAssertTrue(c.checksCustomerVersions)
        }
        try append(a, "alice", "s1", "hello from A")
        try append(c, "alice", "s1", "hello from C")
        XCTAssertEqual(try texts(c, "alice", "s1"), ["hello from A", "hello from C"])
        XCTAssertEqual(try texts(a, "alice", "s1"), ["hello from A", "hello from C"])
    }

    // MARK: (b) stale trust across databases (red with the guard disabled)

    /// B erases alice while A has her keys cached: A's next read returns no plaintext.
    func testAReadAfterAnotherDaemonsShredReturnsNoPlaintext() throws {
        let layout = try layout()
        let (a, _) = try daemon(layout, "a")
        defer { a.close() }
        let (b, _) = try otherDaemonsKeyring(layout)
        try append(a, "alice", "s1", "my card is 4111 1111 1111 1111")
        XCTAssertEqual(try texts(a, "alice", "s1"), ["my card is 4111 1111 1111 1111"], "A has alice's keys cached")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))
        XCTAssertThrowsError(try texts(a, "alice", "s1"), "a read on A after B's erasure point") { error in
            switch error as? StoreError {
            case .erased?, .notFound?: break
            default: XCTFail("\(error)")
            }
        }
    }

    /// B erases carol while A has her keys cached; A's next append must not land under the
    /// erased handle: it starts carol again as a new customer.
    func testAnAppendAfterAnotherDaemonsShredStartsANewCustomer() throws {
        let layout = try layout()
        let (a, _) = try daemon(layout, "a")
        defer { a.close() }
        let (b, _) = try otherDaemonsKeyring(layout)
        try append(a, "carol", "s1", "before the shred")
        let old = try XCTUnwrap(b.lookup(CustomerID("carol")))
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: old.blindIndex, handle: old.handle, draft: { _, _, _, _ in [:] }))
        try append(a, "carol", "s1", "after the shred")
        XCTAssertEqual(try chunkCount(layout, handle: old.handle), 1, "nothing was added under the destroyed keys")
        XCTAssertNotEqual(try XCTUnwrap(b.lookup(CustomerID("carol"))).handle, old.handle, "carol is a new customer")
        XCTAssertEqual(try texts(a, "carol", "s1"), ["after the shred"])
    }

    /// B starts a new DEK generation for bob: A's next append seals under it.
    func testAnAppendAfterAnotherDaemonsDEKRotationSealsUnderTheNewGeneration() throws {
        let layout = try layout()
        let (a, _) = try daemon(layout, "a")
        defer { a.close() }
        let (b, _) = try otherDaemonsKeyring(layout)
        try append(a, "bob", "s1", "one")
        XCTAssertEqual(try b.rotateDEK(CustomerID("bob"))?.newestGeneration, 2)
        try append(a, "bob", "s1", "two")
        XCTAssertEqual(try PostgresConnection(uri: layout.data).queryOne("SELECT MAX(generation) FROM chunk") { try $0.int64(0) }, 2,
                       "the second chunk is under generation 2")
        XCTAssertEqual(try texts(a, "bob", "s1"), ["one", "two"])
    }

    // MARK: (c) gates at the dangerous points

    /// A's append of alice is parked after its data COMMIT, before its guard ends. B's shred
    /// of alice must wait (its lock request shows ungranted in the keys database) until A's
    /// guard ends: A's write is then ordered before the erasure point, and what B's daemon
    /// purges next sees it. (Red with the guard disabled: B's erasure point passes while A is
    /// parked, its data commit not yet confirmed.)
    func testAShredOnAnotherDaemonWaitsUntilTheGroupsCommitIsVisible() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        let (b, bConnection) = try otherDaemonsKeyring(layout)
        try append(a, "alice", "s1", "one")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        let bPID = bConnection.backendPID
        let gate = Gate()
        hooks.afterCommitBeforeGuardEnd.withLock { $0 = gate.hook }
        defer { hooks.afterCommitBeforeGuardEnd.withLock { $0 = nil } }
        let appending = Running { try Self.append(a, "alice", "s1", "two") }
        XCTAssertTrue(gate.waitUntilParked(), "A's group reached the end of its commit")
        let shredding = Running { try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }) }
        // Until B either returned or waits for a lock in the keys database.
        let watcher = try PostgresConnection(uri: keysOwnerURI)
        var waiting = false
        for _ in 0..<600 where !shredding.finished {
            waiting = try watcher.queryOne("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted)", [.int8(Int64(bPID))]) {
                try $0.bool(0) ?? false
            } ?? false
            if waiting { break }
            usleep(50_000)
        }
        XCTAssertFalse(shredding.finished, "B's erasure point waited while A's group was between its data COMMIT and its guard's end")
        XCTAssertTrue(waiting, "B waits for a lock in the keys database")
        gate.open()
        guard case .success? = appending.result() else { return XCTFail("A's append: \(String(describing: appending.result()))") }
        guard case .success(let erased?)? = shredding.result() else { return XCTFail("B's shred: \(String(describing: shredding.result()))") }
        _ = erased
        XCTAssertEqual(try chunkCount(layout, handle: keys.handle), 2, "A's append committed before the erasure point: the purge sees it")
    }

    /// A's get of alice is parked after its guard locked her, before the data transaction.
    /// The guard's server process is ended, and B erases alice (at once: nothing holds her).
    /// Released, A's group commits the read's audit entry, cannot confirm its guard, finds
    /// alice gone: the read is withheld (-32005), never plaintext; asked again, -32004. (Red
    /// with the guard disabled: the plaintext is returned.)
    func testAGuardLostBeforeTheCommitWithholdsTheRead() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        let (b, _) = try otherDaemonsKeyring(layout)
        try append(a, "alice", "s1", "my card is 4111 1111 1111 1111")
        XCTAssertEqual(try texts(a, "alice", "s1"), ["my card is 4111 1111 1111 1111"], "A has alice's keys cached")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        let gate = Gate()
        hooks.afterGuard.withLock { $0 = gate.hook }
        defer { hooks.afterGuard.withLock { $0 = nil } }
        let reading = Running { try Self.texts(a, "alice", "s1") }
        XCTAssertTrue(gate.waitUntilParked(), "A's read took its guard")
        try terminateTheGuard(hooks)
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))
        gate.open()
        switch reading.result() {
        case .success(let texts)?: XCTFail("A returned the plaintext after B's erasure point: \(texts.count) messages")
        case .failure(let error)?: XCTAssertEqual(error as? StoreError, .readWithheldAsTheCustomerMayBeErased)
        case nil: XCTFail("A's read did not return")
        }
        XCTAssertThrowsError(try texts(a, "alice", "s1"), "asked again") { error in
            XCTAssertEqual((error as? StoreError)?.code, -32004, "\(error)")
        }
        XCTAssertEqual(a.writerStatistics.guardLost, 1)
        let withheld = try a.auditTail(limit: 10, context: nil).filter { $0.method == "store.reply-withheld" }
        XCTAssertEqual(withheld.map(\.customerRef), [keys.auditRef], "the withheld reply is audited under alice")
    }

    /// As above for an append of carol: it commits under the old handle after B's erasure
    /// point, so it is answered -32004 (erased with the customer), a purge record for the old
    /// handle is written, and the next purge removes the row. (Red with the guard disabled:
    /// answered ok, under keys that no longer exist.)
    func testAGuardLostBeforeTheCommitSaysTheWriteWasErasedAndPurgesIt() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        let (b, _) = try otherDaemonsKeyring(layout)
        try append(a, "carol", "s1", "one")
        let keys = try XCTUnwrap(b.lookup(CustomerID("carol")))
        let gate = Gate()
        hooks.afterGuard.withLock { $0 = gate.hook }
        defer { hooks.afterGuard.withLock { $0 = nil } }
        let appending = Running { try Self.append(a, "carol", "s1", "two") }
        XCTAssertTrue(gate.waitUntilParked(), "A's append took its guard")
        try terminateTheGuard(hooks)
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))
        gate.open()
        switch appending.result() {
        case .success?: XCTFail("A answered the append ok under the erased handle")
        case .failure(let error)?: XCTAssertEqual(error as? StoreError, .writeErasedWithTheCustomer)
        case nil: XCTFail("A's append did not return")
        }
        try append(a, "zed", "s1", "a later group")  // after the queued purge record
        let purges = try PostgresConnection(uri: layout.data).queryOne(
            "SELECT COUNT(*) FROM pending_purge WHERE customer_handle = $1", [.bytea(keys.handle)]) { try $0.int64(0) }
        XCTAssertEqual(purges, 1, "a purge record for the erased handle")
        try XCTUnwrap(a.scheduler).runOnce()
        XCTAssertEqual(try chunkCount(layout, handle: keys.handle), 0, "the purge removed what landed under the erased handle")
    }

    /// The guard's server process ends while A's get is parked after the guard, and nothing
    /// changes: the recheck finds alice as she was, the read is answered, and the next group
    /// takes a fresh guard.
    func testAGuardLostWithNoChangeAnswersNormally() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "alice", "s1", "hello")
        XCTAssertEqual(try texts(a, "alice", "s1"), ["hello"])
        let gate = Gate()
        hooks.afterGuard.withLock { $0 = gate.hook }
        defer { hooks.afterGuard.withLock { $0 = nil } }
        let reading = Running { try Self.texts(a, "alice", "s1") }
        XCTAssertTrue(gate.waitUntilParked())
        try terminateTheGuard(hooks)
        gate.open()
        guard case .success(let texts)? = reading.result() else { return XCTFail("\(String(describing: reading.result()))") }
        XCTAssertEqual(texts, ["hello"])
        if !Self.guardDisabled { XCTAssertEqual(a.writerStatistics.guardLost, 1, "the lapse was noticed and found harmless") }
        try append(a, "alice", "s1", "again")
        XCTAssertEqual(try self.texts(a, "alice", "s1"), ["hello", "again"], "the next groups take a fresh guard")
    }

    /// Another session holds alice's change lock (CFCU exclusive, as a keyring change in
    /// progress would) past the guard's 300 ms wait: A's read of alice fails closed (-32005,
    /// audited once under alice), never served unchecked; A's read of bob, submitted while
    /// alice's group waits, is answered. Once the lock is gone, alice is served again.
    func testAGuardThatCannotGetItsLockFailsOnlyThatCustomersRequests() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a", guardWaitMilliseconds: 300)
        defer { a.close() }
        try append(a, "alice", "s1", "for alice")
        try append(a, "bob", "s1", "for bob")
        let alice = try XCTUnwrap(a.keyring.lookup(CustomerID("alice")))
        let change = try PostgresConnection(uri: layout.keys)
        try change.execute("BEGIN")
        _ = try change.query("SELECT \(PostgresConnection.customerLockSQL("pg_advisory_xact_lock", handleColumn: "$1::bytea"))",
                             [.bytea(alice.handle)]) { _ in () }
        let readingAlice = Running { try Self.texts(a, "alice", "s1") }
        // Bob's read is queued while alice's first group waits for her lock: a group that cannot
        // get one customer's lock fails all its relying jobs (run once more), so bob's is kept
        // out of that group, as most requests of other customers are.
        let watcher = try PostgresConnection(uri: keysOwnerURI)
        var guardWaits = false
        for _ in 0..<500 where !guardWaits && !readingAlice.finished {
            guardWaits = try watcher.queryOne("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted)",
                                              [.int8(Int64(hooks.guardPID.load(ordering: .acquiring)))]) { try $0.bool(0) ?? false } ?? false
            if !guardWaits { usleep(10_000) }
        }
        let readingBob = Running { try Self.texts(a, "bob", "s1") }
        guard case .success(let bobs)? = readingBob.result() else { return XCTFail("bob: \(String(describing: readingBob.result()))") }
        XCTAssertEqual(bobs, ["for bob"])
        switch readingAlice.result() {
        case .success?: XCTFail("alice's read was served while her lock could not be taken")
        case .failure(let error)?: XCTAssertEqual((error as? StoreError)?.code, -32005, "\(error)")
        case nil: XCTFail("alice's read did not return")
        }
        try change.execute("ROLLBACK")
        let failed = try a.auditTail(limit: 20, context: nil).filter { $0.method == "session.get" && $0.outcome == "-32005" }
        XCTAssertEqual(failed.map(\.customerRef), [alice.auditRef], "audited once, under alice")
        XCTAssertEqual(try texts(a, "alice", "s1"), ["for alice"])
    }

    /// A session delete and a put that replaces a session hold the keyring's database-wide lock
    /// (`withHoldFrozen`, on the `Keyring`'s connection) while the writer commits them, and
    /// their groups take the guard on the same customer: no wait between the two (the guard
    /// takes no `confidew`), and a held customer's delete is refused as on one database.
    func testDeletesAndReplacingPutsRunWithHoldsFrozenBesideTheGuard() throws {
        let layout = try layout()
        let (a, _) = try daemon(layout, "a", guardWaitMilliseconds: 1_000)
        defer { a.close() }
        try append(a, "erin", "s1", "one")
        try append(a, "erin", "s2", "two")
        _ = try a.put(customer: CustomerID("erin"), session: SessionID("s1"),
                      messages: [Message(role: .agent, text: "replaced", timestamp: Timestamp(milliseconds: 1_767_225_600_000))],
                      metadata: nil, retentionDays: nil, redact: false, context: context("session.put"))
        XCTAssertEqual(try texts(a, "erin", "s1"), ["replaced"])
        try a.delete(customer: CustomerID("erin"), session: SessionID("s2"), context: context("session.delete"))
        XCTAssertThrowsError(try texts(a, "erin", "s2")) { XCTAssertEqual(($0 as? StoreError)?.code, -32004, "\($0)") }
        XCTAssertEqual(try a.setHold(customer: CustomerID("erin"), held: true, context: context("customer.hold")).held, true)
        XCTAssertThrowsError(try a.delete(customer: CustomerID("erin"), session: SessionID("s1"), context: context("session.delete"))) {
            XCTAssertEqual($0 as? StoreError, .legalHold)
        }
        XCTAssertEqual(try texts(a, "erin", "s1"), ["replaced"])
    }

    /// The guard's server process ends while A's group is parked after its data COMMIT, and
    /// the keys database refuses connections, so the customer cannot be asked again: A's read
    /// is withheld (-32005), A's append answers -32005 "committed; may have been erased" and
    /// stays readable, nothing is served unchecked; once the database is back, A serves
    /// without a restart.
    func testAGuardLostWhileTheKeyringIsUnreachableWithholdsReadsAndSaysWritesMayBeErased() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "alice", "s1", "one")
        XCTAssertEqual(try texts(a, "alice", "s1"), ["one"], "A has alice's keys cached")
        let superuser = try superuser()
        let keysDatabase = try XCTUnwrap(try PostgresConnection(uri: keysOwnerURI).queryOne("SELECT current_database()::text") { try $0.text(0) } ?? nil)
        defer { try? superuser.execute("ALTER DATABASE \(keysDatabase) ALLOW_CONNECTIONS true") }
        func whileTheKeyringIsAway<T: Sendable>(_ request: @escaping @Sendable () throws -> T) throws -> Result<T, any Error>? {
            let gate = Gate()
            hooks.afterCommitBeforeGuardEnd.withLock { $0 = gate.hook }
            defer { hooks.afterCommitBeforeGuardEnd.withLock { $0 = nil } }
            let running = Running(request)
            XCTAssertTrue(gate.waitUntilParked())
            try superuser.execute("ALTER DATABASE \(keysDatabase) ALLOW_CONNECTIONS false")
            try terminateTheGuard(hooks)
            gate.open()
            let result = running.result()
            try superuser.execute("ALTER DATABASE \(keysDatabase) ALLOW_CONNECTIONS true")
            return result
        }
        /// Once the database is back, the guard reconnects (after its backoff) and A serves
        /// alice again without a restart.
        func servedOnceBack() -> [String]? {
            for _ in 0..<100 {
                if let served = try? texts(a, "alice", "s1") { return served }
                usleep(100_000)
            }
            return nil
        }
        switch try whileTheKeyringIsAway({ try Self.texts(a, "alice", "s1") }) {
        case .success?: XCTFail("A served the read though it could not confirm alice")
        case .failure(let error)?: XCTAssertEqual(error as? StoreError, .readWithheldAsTheCustomerMayBeErased)
        case nil: XCTFail("A's read did not return")
        }
        XCTAssertEqual(servedOnceBack(), ["one"])
        switch try whileTheKeyringIsAway({ try Self.append(a, "alice", "s1", "two") }) {
        case .success?: XCTFail("A answered ok though it could not confirm alice")
        case .failure(let error)?: XCTAssertEqual(error as? StoreError, .writeCommittedCustomerMayBeErased)
        case nil: XCTFail("A's append did not return")
        }
        XCTAssertEqual(servedOnceBack(), ["one", "two"], "the committed append is there, and A serves alice again")
        XCTAssertEqual(a.writerStatistics.guardLost, 2)
    }

    /// The guard is taken before the data transaction takes any lock (design 3.2): while A's
    /// guard waits for alice's change lock (held exclusively by another session, as a keyring
    /// change in progress), A holds no lock on alice's session row, so a data transaction can
    /// lock it at once (`NOWAIT`). With the data locks first, a shred waiting for another
    /// daemon's guard and that daemon's group waiting for the row would close a cycle across
    /// two servers that neither deadlock detector sees.
    func testTheGuardIsTakenBeforeAnyDataLock() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "alice", "s1", "one")
        let alice = try XCTUnwrap(a.keyring.lookup(CustomerID("alice")))
        let change = try PostgresConnection(uri: layout.keys)
        try change.execute("BEGIN")
        _ = try change.query("SELECT \(PostgresConnection.customerLockSQL("pg_advisory_xact_lock", handleColumn: "$1::bytea"))",
                             [.bytea(alice.handle)]) { _ in () }
        let appending = Running { try Self.append(a, "alice", "s1", "two") }
        let watcher = try PostgresConnection(uri: keysOwnerURI)
        var guardWaits = false
        for _ in 0..<600 where !guardWaits && !appending.finished {
            let pid = Int64(hooks.guardPID.load(ordering: .acquiring))
            guardWaits = try watcher.queryOne("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted)", [.int8(pid)]) {
                try $0.bool(0) ?? false
            } ?? false
            if !guardWaits { usleep(20_000) }
        }
        XCTAssertTrue(guardWaits || Self.guardDisabled, "A's guard waits for alice's change lock")
        let data = try PostgresConnection(uri: layout.data)
        try data.execute("BEGIN")
        XCTAssertNoThrow(try data.query("SELECT id FROM session WHERE customer_handle = $1 FOR NO KEY UPDATE NOWAIT", [.bytea(alice.handle)]) {
            try $0.int64(0)
        }, "A holds no data lock while its guard waits")
        try data.execute("ROLLBACK")
        try change.execute("ROLLBACK")
        guard case .success? = appending.result() else { return XCTFail("A's append: \(String(describing: appending.result()))") }
        XCTAssertEqual(try texts(a, "alice", "s1"), ["one", "two"])
    }

    /// The guard must find the keyring's customer table on its own connection, as a table its
    /// role may lock: with `UPDATE` on it revoked from the keyring's role, the start is refused,
    /// naming both stores (not served unchecked).
    func testTheStartIsRefusedWhenTheGuardCannotLockTheKeyringsCustomers() throws {
        guard let appKeys = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_KEYS_APP_URI"], !Self.guardDisabled else {
            throw XCTSkip("needs CONFIDE_TEST_POSTGRES_KEYS_APP_URI, and the guard")
        }
        let layout = try layout()
        try daemon(layout, "first").store.close()  // migrated by the owner
        let schema = try XCTUnwrap(try PostgresConnection(uri: layout.keys).queryOne("SELECT current_schema()::text") { try $0.text(0) } ?? nil)
        let owner = try PostgresConnection(uri: keysOwnerURI)
        try owner.execute("GRANT USAGE ON SCHEMA \(schema) TO confide_app")
        try owner.execute("REVOKE UPDATE ON \(schema).customer FROM confide_app")
        let app = Layout(keys: appKeys + (appKeys.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)", data: layout.data, keysSchema: schema)
        XCTAssertThrowsError(try daemon(app, "a").store.close()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("keyring guard") && message.contains("confide_test_keys") && message.contains("confide_test?"), message)
        }
    }

    /// A session delete of erin acts on her hold state, frozen on A's `Keyring` connection,
    /// and its group is parked after the guard. Both A's guard and A's keyring session end
    /// (so nothing holds erin any more), and another daemon places a hold on erin, which
    /// commits at once. Released, A's delete commits on the hold state it read; the guard
    /// cannot be confirmed and the recheck finds erin's hold count moved: the delete answers
    /// -32005 (committed while a hold may have been placed), and an alarm
    /// `store.hold-raced` is audited under erin. (Red with the guard let go unconfirmed:
    /// answered ok, as if no hold had raced it.)
    func testADeleteWhoseGuardLapsedWhileAnotherDaemonPlacedAHoldSaysSo() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        let (b, _) = try otherDaemonsKeyring(layout)
        try append(a, "erin", "s1", "one")
        try append(a, "erin", "s2", "two")
        let keys = try XCTUnwrap(b.lookup(CustomerID("erin")))
        let gate = Gate()
        hooks.afterGuard.withLock { $0 = gate.hook }
        defer { hooks.afterGuard.withLock { $0 = nil } }
        let deleting = Running { try a.delete(customer: CustomerID("erin"), session: SessionID("s2"), context: Self.context("session.delete")) }
        XCTAssertTrue(gate.waitUntilParked(), "A's delete took its guard")
        try terminateTheGuard(hooks)
        // A third daemon holds the keyring's store lock too (shared, as every daemon of a
        // shared store does), so the guard's new session still finds the keyring's table.
        let third = try PostgresConnection(uri: layout.keys)
        let schemaOID = try XCTUnwrap(try third.queryOne("SELECT oid::int8 FROM pg_namespace WHERE nspname = current_schema()") { try $0.int64(0) })
        _ = try third.query("SELECT pg_advisory_lock_shared($1)", [.int8(PostgresEngine.keyringLockTag << 32 | schemaOID)]) { _ in () }
        // A's keyring session, which holds the freeze (the keyring's store lock names it).
        let ended = try superuser().queryOne(
            "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_locks WHERE locktype = 'advisory' AND classid::int8 = $1 AND objid::int8 = $2 "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = 'confide_test_keys') AND pid <> $3",
            [.int8(PostgresEngine.keyringLockTag), .int8(schemaOID), .int8(Int64(third.backendPID))]) { try $0.int64(0) }
        XCTAssertEqual(ended, 1, "A's keyring session ended")
        XCTAssertEqual(try b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: true)?.changed, true, "B's hold commits")
        gate.open()
        switch deleting.result() {
        case .success?: XCTFail("A answered the delete ok though a hold was placed on erin while its guard was lost")
        case .failure(let error)?: XCTAssertEqual(error as? StoreError, .writeCommittedAHoldMayHaveRaced)
        case nil: XCTFail("A's delete did not return")
        }
        try append(a, "zed", "s1", "a later group")  // after the queued alarm
        let alarms = try a.auditTail(limit: 10, context: nil).filter { $0.method == "store.hold-raced" }
        XCTAssertEqual(alarms.map(\.customerRef), [keys.auditRef], "the race is audited under erin")
    }

    // MARK: (b) more of PostgresStaleTrustTests, with the keyring in another database

    /// Holds do not bump the version: a hold confirmation through B right after A loaded
    /// frank's keys fails none of A's requests (session 16's fix, kept with the guard).
    func testHoldConfirmationsThroughAnotherDaemonDoNotFailThisDaemonsRequests() throws {
        let layout = try layout()
        let (a, _) = try daemon(layout, "a")
        defer { a.close() }
        let (b, _) = try otherDaemonsKeyring(layout)
        try append(a, "frank", "s1", "hello")
        let keys = try XCTUnwrap(b.lookup(CustomerID("frank")))
        XCTAssertEqual(try b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: true)?.changed, true)
        XCTAssertEqual(try texts(a, "frank", "s1"), ["hello"], "A reads after B's hold")
        let confirmations = Mutex(0)
        a.keyring.cache.remove(keys.blindIndex)
        a.keyring.racePoints.set(.keyringLoaded) {
            if (try? b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: true)) != nil { confirmations.withLock { $0 += 1 } }
        }
        defer { a.keyring.racePoints.clear() }
        XCTAssertEqual(try texts(a, "frank", "s1"), ["hello"], "A's read, a confirmation through B beside each attempt")
        XCTAssertEqual(confirmations.withLock { $0 }, 1, "one attempt, one confirmation")
    }

    /// B starts a new DEK generation for grace right after A loaded her keys, on each of A's
    /// two attempts of a read: -32005, audited once under grace. (Red with the guard disabled:
    /// the read is served.)
    func testARequestThatFailsTheCheckTwiceIsAuditedUnderItsCustomer() throws {
        let layout = try layout()
        let (a, _) = try daemon(layout, "a")
        defer { a.close() }
        let (b, _) = try otherDaemonsKeyring(layout)
        try append(a, "grace", "s1", "hello")
        let keys = try XCTUnwrap(b.lookup(CustomerID("grace")))
        a.keyring.cache.remove(keys.blindIndex)
        a.keyring.racePoints.set(.keyringLoaded) { _ = try? b.rotateDEK(CustomerID("grace")) }
        defer { a.keyring.racePoints.clear() }
        XCTAssertThrowsError(try texts(a, "grace", "s1")) { error in XCTAssertEqual((error as? StoreError)?.code, -32005, "\(error)") }
        a.keyring.racePoints.clear()
        let last = try XCTUnwrap(a.auditTail(limit: 1, context: nil).last)
        XCTAssertEqual(last.method, "session.get")
        XCTAssertEqual(last.outcome, "-32005")
        XCTAssertEqual(last.customerRef, keys.auditRef, "the entry names the customer whose transcript was opened")
    }

    /// B erases dave after A's export handed out its first session: nothing more is handed
    /// out (the export asks the keyring before each session, whatever its place).
    func testAnExportOvertakenByAnotherDaemonsShredHandsOutNothingMore() throws {
        let layout = try layout()
        let (a, _) = try daemon(layout, "a")
        defer { a.close() }
        let (b, _) = try otherDaemonsKeyring(layout)
        for s in ["s1", "s2", "s3"] { try append(a, "dave", s, "dave's \(s)") }
        let keys = try XCTUnwrap(b.lookup(CustomerID("dave")))
        var handedOut = 0
        XCTAssertThrowsError(try a.export(customer: CustomerID("dave"), redacted: false, context: context("customer.export")) { _ in
            handedOut += 1
            if handedOut == 1 { XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] })) }
        }) { error in
            guard case .notFound? = error as? StoreError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(handedOut, 1, "no session handed out after B's erasure point")
    }

    /// The cycle of design 3.2, built with the hooks: A's group holds its guard on alice and
    /// is parked before its data transaction; B's shred of alice waits for A's guard (and
    /// holds the keyring's database-wide lock meanwhile); D, a second daemon of the store,
    /// appends to alice's same session, its guard queued behind B's shred. Released, all three
    /// finish, none by a timeout (`55P03`, `57014`): A's append, then B's erasure point, then
    /// D's append meets alice erased and starts her again. With the data locks taken before
    /// the guard, A would hold the session row while waiting for the keyring, and D's group
    /// would wait for A: a cycle across two servers broken only by timeouts.
    func testNoCrossDatabaseDeadlockBetweenTwoDaemonsAndAShred() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        let (d, _) = try daemon(layout, "d")
        defer { d.close() }
        let (b, bConnection) = try otherDaemonsKeyring(layout)
        try append(a, "alice", "s1", "one")
        try append(d, "alice", "s1", "two")  // D has alice's keys cached too
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        let gate = Gate()
        hooks.afterGuard.withLock { $0 = gate.hook }
        defer { hooks.afterGuard.withLock { $0 = nil } }
        let appendingA = Running { try Self.append(a, "alice", "s1", "from A") }
        XCTAssertTrue(gate.waitUntilParked(), "A's group holds its guard on alice")
        let shredding = Running { try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }) }
        let watcher = try PostgresConnection(uri: keysOwnerURI)
        func waits(_ pid: Int32) throws -> Bool {
            try watcher.queryOne("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted)", [.int8(Int64(pid))]) { try $0.bool(0) ?? false } ?? false
        }
        var bWaits = false
        for _ in 0..<600 where !bWaits && !shredding.finished { bWaits = try waits(bConnection.backendPID); if !bWaits { usleep(20_000) } }
        XCTAssertTrue(bWaits || Self.guardDisabled, "B's shred waits for A's guard")
        let appendingD = Running { try Self.append(d, "alice", "s1", "from D") }
        gate.open()
        for (name, result) in [("A's append", appendingA.result().map { $0.map { _ in () } }),
                               ("B's shred", shredding.result().map { $0.map { _ in () } }),
                               ("D's append", appendingD.result().map { $0.map { _ in () } })] {
            switch result {
            case .success?: break
            case .failure(let error)?: XCTFail("\(name): \(error)")
            case nil: XCTFail("\(name) did not return")
            }
        }
        XCTAssertNotEqual(try XCTUnwrap(b.lookup(CustomerID("alice"))).handle, keys.handle, "D's append started alice again")
        XCTAssertEqual(try texts(d, "alice", "s1"), ["from D"])
    }

    /// The receipt count across daemons (design 8.2, fixed on main in session 20) with the
    /// keyring elsewhere: B's append of alice holds its guard (parked before its data
    /// transaction) when A's shred reaches its erasure point, which waits for B's guard; let
    /// go, B's append commits and is confirmed, then A's erasure point counts it: 2 messages.
    /// (Red with the guard disabled: A's erasure point does not wait, counts 1, and B's append
    /// lands under the erased handle.)
    func testAnAppendInFlightThroughAnotherDaemonAtTheErasurePointIsCounted() throws {
        let layout = try layout()
        let (a, _) = try daemon(layout, "a")
        let (b, bHooks) = try daemon(layout, "b")
        defer { a.keyring.racePoints.clear(); a.close(); b.close() }
        try append(a, "alice", "s1", "one")
        try append(b, "alice", "s1", "two")  // B has alice's keys cached
        let gate = Gate()
        bHooks.afterGuard.withLock { $0 = gate.hook }
        defer { bHooks.afterGuard.withLock { $0 = nil } }
        nonisolated(unsafe) let watcher = try PostgresConnection(uri: keysOwnerURI)  // used by the watching thread only
        let steps = Mutex<[String]>([])
        nonisolated(unsafe) var appendingB: Running<AppendResult>?
        let once = Atomic<Bool>(true)
        a.keyring.racePoints.set(.shredBeforeErasure) {
            guard once.compareExchange(expected: true, desired: false, ordering: .sequentiallyConsistent).exchanged else { return }
            appendingB = Running { try Self.append(b, "alice", "s1", "three") }
            steps.withLock { $0.append(gate.waitUntilParked() ? "B holds its guard" : "B never parked") }
            // Let B go once A's erasure point waits for a lock in the keys database (B's guard).
            Thread.detachNewThread {
                var aWaits = false
                for _ in 0..<500 where !aWaits {
                    aWaits = ((try? watcher.queryOne("SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND database = "
                        + "(SELECT oid FROM pg_database WHERE datname = current_database())") { try $0.int(0) }) ?? 0 ?? 0) > 0
                    if !aWaits { usleep(20_000) }
                }
                steps.withLock { $0.append(aWaits ? "A waited for B" : "A never waited") }
                gate.open()
            }
        }
        let receipt = try a.shred(customer: CustomerID("alice"), reason: "gdpr", context: context("customer.shred"))
        a.keyring.racePoints.clear()
        XCTAssertEqual(steps.withLock { $0 }, ["B holds its guard", "A waited for B"])
        guard case .success? = appendingB?.result() else { return XCTFail("B's append: \(String(describing: appendingB?.result()))") }
        XCTAssertEqual(receipt.body["messages"]?.intValue, 3, "messages erased: one through A, two through B (one in flight)")
        XCTAssertThrowsError(try texts(b, "alice", "s1"), "erased")
    }

    /// What the guard holds at the end of a group, seen in `pg_locks` of the keys database
    /// while the group is parked after its data COMMIT: the customer's change lock shared
    /// (CFCU namespace) and a row lock, never the keyring's database-wide write lock
    /// (`confidew`, which retention holds while it waits for the writer: taking it would
    /// deadlock), and nothing exclusive.
    func testTheGuardHoldsTheCustomersChangeLockSharedAndNeverTheKeyringsWriteLock() throws {
        let layout = try layout()
        let (a, hooks) = try daemon(layout, "a")
        defer { a.close() }
        try append(a, "alice", "s1", "one")
        let gate = Gate()
        hooks.afterCommitBeforeGuardEnd.withLock { $0 = gate.hook }
        defer { hooks.afterCommitBeforeGuardEnd.withLock { $0 = nil } }
        let appending = Running { try Self.append(a, "alice", "s1", "two") }
        XCTAssertTrue(gate.waitUntilParked())
        let pid = Int64(hooks.guardPID.load(ordering: .acquiring))
        let locks = try PostgresConnection(uri: keysOwnerURI).query(
            "SELECT locktype, coalesce(classid::int8, 0), coalesce(objid::int8, 0), coalesce(objsubid::int8, 0), mode, granted FROM pg_locks WHERE pid = $1",
            [.int8(pid)]) { r in
            (type: try r.text(0) ?? "", classid: try r.int64(1), objid: try r.int64(2), objsubid: try r.int64(3), mode: try r.text(4) ?? "",
             granted: try r.bool(5) ?? false)
        }
        gate.open()
        guard case .success? = appending.result() else { return XCTFail("A's append: \(String(describing: appending.result()))") }
        let advisory = locks.filter { $0.type == "advisory" }
        XCTAssertTrue(advisory.contains { $0.objsubid == 2 && $0.classid == Int64(PostgresConnection.customerLockNamespace) && $0.mode == "ShareLock" && $0.granted },
                      "the customer's change lock, shared: \(locks)")
        let write = PostgresConnection.writeLockKey
        XCTAssertFalse(advisory.contains { $0.objsubid == 1 && $0.classid == write >> 32 && $0.objid == write & 0xFFFF_FFFF },
                       "never confidew: \(locks)")
        XCTAssertFalse(advisory.contains { $0.mode.contains("Exclusive") }, "nothing exclusive: \(locks)")
        XCTAssertTrue(locks.contains { $0.type == "transactionid" || ($0.type == "relation" && $0.mode == "RowShareLock") },
                      "the row lock's traces (FOR SHARE): \(locks)")
    }
}
