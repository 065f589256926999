@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import Foundation
import TestSupport
import Synchronization
import XCTest

/// "No stale trust" (issue 21): a change another daemon committed to a customer's keys —
/// a shred, a new DEK generation, a hold — is honoured by this daemon's very next request,
/// though this daemon still has the customer cached. Daemon A is a `TranscriptStore` on
/// PostgreSQL with its keyring beside its data (one schema, no `--keys-store`); daemon B is
/// a second `Keyring` on the same schema, making the change the way B's request would.
final class PostgresStaleTrustTests: PostgresStoreTestCase {
    private func twoDaemons() throws -> (a: TranscriptStore, b: Keyring, owner: PostgresConnection) {
        let (uri, _) = try schemaURI("stale")
        var options = TranscriptStore.Options()
        options.runsScheduler = false
        options.readerCount = 2
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options)
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        return (a, b, try PostgresConnection(uri: uri))
    }

    /// Whether A's writer checks customer versions, for A with its keyring on `keysURI`.
    private func checks(keysURI: String, dataURI: String) throws -> Bool {
        var options = TranscriptStore.Options()
        options.runsScheduler = false
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: keysURI, dataURI: dataURI), masterKey: masterKey, options: options)
        defer { a.close() }
        return try XCTUnwrap(a.writer as? GroupCommitWriter).checksCustomerVersions
    }

    /// The check is decided by the server, not by comparing URIs: one database named by two
    /// URIs is one keyring, so a read on A after B's shred returns no plaintext. (Before: the
    /// strings differed, the check was off, and A answered with the transcript.)
    func testOneDatabaseNamedByTwoURIsIsCheckedAsOne() throws {
        let (uri, _) = try schemaURI("twouris")
        let keysURI = uri + "&application_name=confide-keyring"  // the same database, another string
        var options = TranscriptStore.Options()
        options.runsScheduler = false
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: keysURI, dataURI: uri), masterKey: masterKey, options: options)
        defer { a.close() }
        XCTAssertEqual(try XCTUnwrap(a.writer as? GroupCommitWriter).checksCustomerVersions, true)
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        try append(a, "alice", "s1", "my card is 4111 1111 1111 1111")
        XCTAssertEqual(try texts(a, "alice", "s1"), ["my card is 4111 1111 1111 1111"], "A has alice's keys cached")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))
        XCTAssertThrowsError(try texts(a, "alice", "s1"), "a read on A after B's erasure point")
    }

    /// A keyring in another schema of the same database is checked, whatever the data's search
    /// path holds (the writer names the keyring's table by its schema), as long as the data's
    /// role may lock its rows; the least-privilege role without `USAGE` on the keyring's
    /// schema is not checked (it could not lock them; docs/scaling.md).
    func testAKeyringInAnotherSchemaOfTheSameDatabaseIsChecked() throws {
        let (keysURI, keysSchema) = try schemaURI("keys")
        let (dataURI, dataSchema) = try schemaURI("data")
        XCTAssertEqual(try checks(keysURI: keysURI, dataURI: dataURI), true, "the data's search path does not reach the keyring: checked")
        let reaching = ownerURI + (ownerURI.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(dataSchema)%2C\(keysSchema)"
        XCTAssertEqual(try checks(keysURI: keysURI, dataURI: reaching), true, "the data's search path reaches it too")
        XCTAssertEqual(try checks(keysURI: keysURI, dataURI: keysURI), true, "keyring and data in one schema")
        guard let appURI = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_APP_URI"] else { return }
        try PostgresConnection(uri: ownerURI).execute("GRANT USAGE ON SCHEMA \(dataSchema) TO confide_app")
        let appData = appURI + (appURI.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(dataSchema)"
        XCTAssertEqual(try checks(keysURI: keysURI, dataURI: appData), false, "a role that may not use the keyring's schema")
    }

    /// A peer allowed to place holds repeats `customer.hold` through B while A serves a read of
    /// the same customer, a confirmation landing right after A loaded her keys on each
    /// attempt (so before its audit entry). No request relies on the hold state (a shred and retention
    /// read it afresh, under the keyring's lock), so A's read is answered. (Before: every hold,
    /// confirmations included, bumped the version the check compares, so both of A's
    /// attempts failed and the read answered -32005.)
    func testHoldConfirmationsThroughAnotherDaemonDoNotFailThisDaemonsRequests() throws {
        let (a, b, _) = try twoDaemons()
        defer { a.close() }
        try append(a, "frank", "s1", "hello")
        let keys = try XCTUnwrap(b.lookup(CustomerID("frank")))
        XCTAssertEqual(try b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: true)?.changed, true)
        XCTAssertEqual(try texts(a, "frank", "s1"), ["hello"], "A reads after B's hold")
        let confirmations = Mutex(0)
        a.keyring.cache.remove(keys.blindIndex)  // A loads her keys afresh, as after a restart
        a.keyring.racePoints.set(.keyringLoaded) {
            if (try? b.setHold(blindIndex: keys.blindIndex, handle: keys.handle, held: true)) != nil { confirmations.withLock { $0 += 1 } }
        }
        defer { a.keyring.racePoints.clear() }
        XCTAssertEqual(try texts(a, "frank", "s1"), ["hello"], "A's read, a confirmation through B beside each attempt")
        XCTAssertEqual(confirmations.withLock { $0 }, 1, "one attempt, one confirmation")
        XCTAssertEqual(try texts(a, "frank", "s1"), ["hello"])
    }

    /// B starts a new DEK generation for grace right after A loaded her keys, on each of A's
    /// two attempts of a read: the read answers -32005 (unavailable), and its one audit entry
    /// names grace, whose transcript both attempts opened, with that outcome. (Before: the
    /// fallback entry the dispatcher writes for an unaudited failure named no customer.)
    func testARequestThatFailsTheCheckTwiceIsAuditedUnderItsCustomer() throws {
        let (a, b, _) = try twoDaemons()
        defer { a.close() }
        try append(a, "grace", "s1", "hello")
        let keys = try XCTUnwrap(b.lookup(CustomerID("grace")))
        a.keyring.cache.remove(keys.blindIndex)
        a.keyring.racePoints.set(.keyringLoaded) { _ = try? b.rotateDEK(CustomerID("grace")) }
        let ticket = AuditTicket(method: "session.get")
        let ctx = AuditContext(uid: getuid(), pid: getpid(), role: "admin", method: "session.get", purpose: try Purpose("support"), ticket: ticket)
        XCTAssertThrowsError(try a.get(customer: CustomerID("grace"), session: SessionID("s1"), redactedView: false, context: ctx)) { error in
            XCTAssertEqual((error as? StoreError)?.code, -32005, "\(error)")
        }
        a.keyring.racePoints.clear()
        XCTAssertTrue(ticket.isRecorded, "the request's entry is written (the dispatcher would write one naming no customer)")
        let last = try XCTUnwrap(a.auditTail(limit: 1, context: nil).last)
        XCTAssertEqual(last.method, "session.get")
        XCTAssertEqual(last.outcome, "-32005")
        XCTAssertEqual(last.customerRef, keys.auditRef, "the entry names the customer whose transcript was opened")
    }

    /// B erases alice (its erasure point: the keys are gone) while A has her keys cached and
    /// her ciphertext is still in the data tables: A's next read must not return plaintext.
    /// (Before: A decrypted with its cached keys and answered with the transcript.)
    func testAReadAfterAnotherDaemonsShredReturnsNoPlaintext() throws {
        let (a, b, _) = try twoDaemons()
        defer { a.close() }
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

    /// B erases carol while A has her keys cached; A's next request is an append. It must
    /// not be sealed under the destroyed keys into the erased customer's session (answered
    /// "ok" and unreadable for ever: lost): it meets carol as she is now, erased, and starts
    /// her again as a new customer, as an append after a shred does on one daemon.
    /// (Before: A appended to the erased customer's session with its cached keys.)
    func testAnAppendAfterAnotherDaemonsShredStartsANewCustomer() throws {
        let (a, b, owner) = try twoDaemons()
        defer { a.close() }
        try append(a, "carol", "s1", "before the shred")
        let old = try XCTUnwrap(b.lookup(CustomerID("carol")))
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: old.blindIndex, handle: old.handle, draft: { _, _, _, _ in [:] }))
        try append(a, "carol", "s1", "after the shred")
        let chunksUnderTheErasedHandle = try owner.queryOne(
            "SELECT COUNT(*) FROM chunk JOIN session ON chunk.session_id = session.id WHERE session.customer_handle = $1", [.bytea(old.handle)]) { try $0.int64(0) }
        XCTAssertEqual(chunksUnderTheErasedHandle, 1, "nothing was added under the destroyed keys")
        XCTAssertNotEqual(try XCTUnwrap(b.lookup(CustomerID("carol"))).handle, old.handle, "carol is a new customer")
        XCTAssertEqual(try texts(a, "carol", "s1"), ["after the shred"])
    }

    /// B starts a new DEK generation for bob (`keys.rotate {target: customer}`): A's next
    /// append must seal under it, not under the generation A cached.
    func testAnAppendAfterAnotherDaemonsDEKRotationSealsUnderTheNewGeneration() throws {
        let (a, b, owner) = try twoDaemons()
        defer { a.close() }
        try append(a, "bob", "s1", "one")
        XCTAssertEqual(try b.rotateDEK(CustomerID("bob"))?.newestGeneration, 2)
        try append(a, "bob", "s1", "two")
        XCTAssertEqual(try owner.queryOne("SELECT MAX(generation) FROM chunk") { try $0.int64(0) }, 2, "the second chunk is under generation 2")
        XCTAssertEqual(try texts(a, "bob", "s1"), ["one", "two"])
    }

    /// An export checks the customer's version once, at its audit entry, then hands sessions
    /// out one by one for as long as the client reads. B erases dave after the first: A must
    /// hand out nothing more (the export fails, as on one daemon), not go on decrypting with
    /// the keys it holds. (Before: every remaining session was handed out in plaintext.)
    func testAnExportOvertakenByAnotherDaemonsShredHandsOutNothingMore() throws {
        let (a, b, _) = try twoDaemons()
        defer { a.close() }
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

    /// A shred on A counts the customer's sessions and messages with the keys it looked up
    /// (the signed receipt's facts). Messages were sealed under a DEK generation another
    /// daemon added while A still had the older generation cached: A's receipt must count
    /// them. (Found by the session's attack review: the count stopped at the first message it
    /// could not open, and the receipt understated the erasure.)
    func testAShredThroughAStaleCacheCountsWhatWasWrittenUnderANewerGeneration() throws {
        let (a, b, _) = try twoDaemons()
        defer { a.close() }
        try append(a, "erin", "s1", "one")
        let stale = try XCTUnwrap(a.keyring.lookup(CustomerID("erin")))
        XCTAssertEqual(try b.rotateDEK(CustomerID("erin"))?.newestGeneration, 2)
        try append(a, "erin", "s1", "two")  // sealed under generation 2, as another daemon's write would be
        a.keyring.cache.remove(stale.blindIndex)  // A as a daemon that never saw generation 2
        a.keyring.cache.put(stale)
        let receipt = try a.shred(customer: CustomerID("erin"), reason: "test", context: context("customer.shred"))
        XCTAssertEqual(receipt.body["messages"]?.intValue, 2, "\(receipt.body)")
        XCTAssertEqual(receipt.body["sessions"]?.intValue, 1)
    }

    /// Writer groups of two daemons that use alice overlap without pause (here two raw
    /// connections running the writer's read-ahead for her, each starting before the other
    /// commits, none longer than 0.6 s), while B shreds her and C creates a new customer. The
    /// shred must get its turn after the groups already holding alice, and C's keyring change
    /// soon after. (Found by the session's attack review: a row's `FOR SHARE` is granted past a
    /// waiting `DELETE`, so the shred waited as long as the reads overlapped, holding the
    /// keyring's database-wide lock, and C waited with it.)
    func testOverlappingWriterGroupsDoNotStarveAShredOrFreezeTheKeyring() throws {
        let (uri, _) = try schemaURI("starve")
        var options = TranscriptStore.Options()
        options.runsScheduler = false
        options.readerCount = 2
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options)
        defer { a.close() }
        let b = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        let c = try Keyring(records: try PostgresConnection(uri: uri), name: "keyring", source: masterKey)
        try append(a, "alice", "s1", "hello")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        let groups = [try PostgresConnection(uri: uri), try PostgresConnection(uri: uri)]
        let handle = keys.handle
        let beginGroup: @Sendable (PostgresConnection) throws -> Void = { g in
            try g.execute("BEGIN")
            try g.readAhead(sessions: [], customers: [handle])
        }
        try beginGroup(groups[0])
        let shredDone = Locked<Date?>(nil), createDone = Locked<Date?>(nil)
        let start = Date()
        Thread.detachNewThread {
            _ = try? b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] })
            shredDone.withLock { $0 = Date() }
        }
        usleep(200_000)
        Thread.detachNewThread {
            _ = try? c.lookupOrCreate(try! CustomerID("someone-new"))
            createDone.withLock { $0 = Date() }
        }
        // A group that starts while the shred waits queues behind it: run each on its own
        // thread, so this loop keeps overlapping them as the attack did.
        var i = 0
        let pending = DispatchGroup()
        while Date().timeIntervalSince(start) < 4 {
            usleep(300_000)
            nonisolated(unsafe) let next = groups[(i + 1) % 2], current = groups[i % 2]
            pending.enter()
            Thread.detachNewThread {
                try? beginGroup(next)
                pending.leave()
            }
            usleep(300_000)
            try current.execute("COMMIT")
            if pending.wait(timeout: .now() + 10) == .timedOut { break }
            i += 1
        }
        let readsStopped = Date()
        try? groups[i % 2].execute("COMMIT")
        let shredRan = try XCTUnwrap(shredDone.snapshot, "the shred ran while the groups went on")
        XCTAssertLessThan(shredRan, readsStopped, "after the groups that held alice when it asked, not after all reads stopped")
        XCTAssertNotNil(createDone.snapshot, "and the keyring was not frozen for other customers")
        XCTAssertEqual(try groups[0].queryOne("SELECT COUNT(*) FROM customer WHERE handle = $1", [.bytea(keys.handle)]) { try $0.int64(0) }, 0)
    }
}
