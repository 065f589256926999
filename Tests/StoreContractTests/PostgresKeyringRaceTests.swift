import ConfideCrypto
import ConfideJSON
@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Holds and shreds of two daemons on one PostgreSQL keyring, held at their dangerous point:
/// a third connection takes the keyring's write lock (`PostgresConnection.writeLockKey`, what
/// every keyring transaction of every daemon waits for) and, inside that transaction, does
/// what the other daemon's shred or hold does, while this daemon's call waits for the lock.
/// Only the database orders the two; each daemon's own locks see nothing of the other.
final class PostgresKeyringRaceTests: XCTestCase {
    private var schema: PostgresContractSchema!
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        schema = try PostgresContractSchema(.keys)
        directory = try TemporaryDirectory(prefix: "cfkrr")
    }

    override func tearDown() {
        schema?.drop()
        directory?.remove()
    }

    /// A daemon's keyring, on a connection of its own, all with one master key; `pid`: the
    /// server process of that connection, whose lock waits the gate watches.
    private func daemonKeyring() throws -> (keyring: Keyring, pid: Int32) {
        let keyPath = directory.path + "/master.key"
        if !FileManager.default.fileExists(atPath: keyPath) {
            let hex = Array((encodeHex((0..<32).map { _ in UInt8.random(in: 0...255) }) + "\n").utf8)
            XCTAssertTrue(FileManager.default.createFile(atPath: keyPath, contents: Data(hex), attributes: [.posixPermissions: 0o600]))
        }
        let connection = try schema.connectAgain()
        return (try Keyring(records: connection, name: "keyring", source: .keyFile(path: keyPath)), connection.backendPID)
    }

    /// Starts `calls` on threads of their own while a gate connection holds the keyring's
    /// write lock, each once the one before waits for that lock (`pg_locks`), so PostgreSQL
    /// grants it to them in this order; then runs `otherDaemon` in the gate's transaction,
    /// commits it, and returns what each call returned or threw.
    private func queuedBehindTheGate(_ calls: [(pid: Int32, call: () throws -> Any?)],
                                     otherDaemon: (PostgresConnection) throws -> Void = { _ in }) throws -> [Result<Any?, any Error>] {
        let gate = try schema.connectAgain()
        try gate.execute("BEGIN")
        _ = try gate.result("SELECT pg_advisory_xact_lock($1)", [.int8(PostgresConnection.writeLockKey)])
        let outcomes = Locked<[Int: Result<Any?, any Error>]>([:])
        let done = DispatchSemaphore(value: 0)
        for (i, (pid, call)) in calls.enumerated() {
            nonisolated(unsafe) let call = call  // run on the one thread below, then never again
            Thread.detachNewThread {
                let r = Result { try call() }
                outcomes.withLock { $0[i] = r }
                done.signal()
            }
            let deadline = Date().addingTimeInterval(10)
            while try schema.count("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid = \(pid)") == 0 {
                guard Date() < deadline else {
                    try? gate.execute("ROLLBACK")
                    XCTFail("call \(i) never waited for the keyring's write lock")
                    break
                }
                usleep(10_000)
            }
        }
        try otherDaemon(gate)
        try gate.execute("COMMIT")
        for _ in calls { XCTAssertEqual(done.wait(timeout: .now() + 20), .success, "every call finished once the gate committed") }
        let results = outcomes.snapshot
        return try calls.indices.map { try XCTUnwrap(results[$0], "call \($0)") }
    }

    /// One call of `keyring` (on `pid`'s connection) waiting behind the gate while `otherDaemon` runs in it.
    private func whileAnotherDaemonsTransactionRuns<T>(_ daemon: (keyring: Keyring, pid: Int32), _ call: @escaping (Keyring) throws -> T,
                                                       otherDaemon: (PostgresConnection) throws -> Void) throws -> T {
        let keyring = daemon.keyring
        let r = try queuedBehindTheGate([(daemon.pid, { try call(keyring) })], otherDaemon: otherDaemon)[0]
        return try r.get() as! T
    }

    /// Hold on A while B's shred commits: the hold must not be reported in force on a
    /// customer that no longer exists. (Before: A read the customer before its transaction,
    /// found it, and answered `held` with `changed: true` for an erased customer.)
    func testAHoldThatWaitedForAnotherDaemonsShredFindsNoCustomer() throws {
        let a = try daemonKeyring()
        let alice = try a.keyring.lookupOrCreate(try CustomerID("alice"))
        let held = try whileAnotherDaemonsTransactionRuns(a, { try $0.setHold(blindIndex: alice.blindIndex, handle: alice.handle, held: true) }) { other in
            try other.deleteCustomerKeys(handle: alice.handle)  // B's shred, in its keyring transaction
        }
        XCTAssertNil(held.map { "held: \($0.held), changed: \($0.changed)" }, "a hold on a customer another daemon erased meanwhile")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer"), 0, "nothing brought the customer back")
    }

    /// Shred on A while B's hold commits: the hold wins, nothing is destroyed.
    func testAShredThatWaitedForAnotherDaemonsHoldIsRefusedByIt() throws {
        let a = try daemonKeyring()
        let alice = try a.keyring.lookupOrCreate(try CustomerID("alice"))
        let shred = Result {
            try whileAnotherDaemonsTransactionRuns(a, { try $0.destroyCustomer(blindIndex: alice.blindIndex, handle: alice.handle, draft: { _, _, _, _ in [:] }) }) { other in
                try other.setHeldSince(blindIndex: alice.blindIndex, 1_000)  // B's hold
            }
        }
        XCTAssertThrowsError(try shred.get(), "a shred of a customer another daemon held meanwhile") {
            guard case .legalHold? = $0 as? StoreError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM dek"), 1, "the held customer's key is still there")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM erasure"), 0, "no erasure recorded")
    }

    /// Release on A while B's shred commits: nothing to release, and nothing reported changed.
    func testAReleaseThatWaitedForAnotherDaemonsShredFindsNoCustomer() throws {
        let a = try daemonKeyring()
        let alice = try a.keyring.lookupOrCreate(try CustomerID("alice"))
        XCTAssertEqual(try a.keyring.setHold(blindIndex: alice.blindIndex, handle: alice.handle, held: true)?.changed, true)
        let released = try whileAnotherDaemonsTransactionRuns(a, { try $0.setHold(blindIndex: alice.blindIndex, handle: alice.handle, held: false) }) { other in
            try other.setHeldSince(blindIndex: alice.blindIndex, nil)  // B's release (B's shred needs none: a hold refuses it)
            try other.deleteCustomerKeys(handle: alice.handle)
        }
        XCTAssertNil(released.map { "held: \($0.held), changed: \($0.changed)" }, "a release of a customer erased meanwhile")
    }

    /// Two daemons meet a new customer at once: both read "absent", then take turns. The
    /// second must use the keys the first made, not fail on the customer's unique index (a
    /// request answered -32005 for nothing) nor make a second customer.
    func testTwoDaemonsCreatingOneCustomerAtOnceShareOneCustomer() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let carol = try CustomerID("carol")
        let (ka, kb) = (a.keyring, b.keyring)
        let results = try queuedBehindTheGate([(a.pid, { try ka.lookupOrCreate(carol) }), (b.pid, { try kb.lookupOrCreate(carol) })])
        let keys = try results.map { try $0.get() as! CustomerKeys }
        XCTAssertEqual(keys[0].handle, keys[1].handle, "one customer")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer"), 1)
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM dek"), 1)
    }

    /// Two daemons rotate one customer's DEK at once (`keys.rotate {target: customer}`): two
    /// new generations, each numbered after the other's, not a duplicate generation failing.
    /// (Each returns the keys as it reads them after its own commit, so the second's may
    /// already be there: [2, 3] or [3, 3], as the threads are scheduled; a loaded machine
    /// gave [3, 3] once.)
    func testTwoDaemonsRotatingOneCustomerAtOnceAddTwoGenerations() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let dave = try CustomerID("dave")
        XCTAssertEqual(try a.keyring.lookupOrCreate(dave).newestGeneration, 1)
        XCTAssertEqual(try b.keyring.lookup(dave)?.newestGeneration, 1)
        let (ka, kb) = (a.keyring, b.keyring)
        let results = try queuedBehindTheGate([(a.pid, { try ka.rotateDEK(dave) }), (b.pid, { try kb.rotateDEK(dave) })])
        let newest = try results.map { try XCTUnwrap(($0.get() as? CustomerKeys)?.newestGeneration) }
        XCTAssertEqual(newest.max(), 3, "\(newest)")
        XCTAssertTrue(newest.allSatisfy { $0 >= 2 }, "each sees its own new generation: \(newest)")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM dek"), 3)
        XCTAssertEqual(try schema.count("SELECT COUNT(DISTINCT generation) FROM dek"), 3, "no generation twice")
    }

    /// A rotation on A queued behind B's shred: the customer is gone when A's turn comes; A
    /// finds no customer, and no key of the erased customer is made again.
    func testARotationQueuedBehindAnotherDaemonsShredFindsNoCustomerAndMakesNoKey() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let erin = try CustomerID("erin")
        let keys = try a.keyring.lookupOrCreate(erin)
        let (ka, kb) = (a.keyring, b.keyring)
        let results = try queuedBehindTheGate([
            (b.pid, { try kb.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }) }),
            (a.pid, { try ka.rotateDEK(erin) }),
        ])
        XCTAssertNotNil(try results[0].get(), "B's shred")
        XCTAssertNil(try results[1].get() as? CustomerKeys, "A's rotation of the customer B erased")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM dek"), 0, "no key of the erased customer")
    }

    /// Two daemons rotate the KEK at once (`keys.rotate` on one, the leader's schedule on the
    /// other): versions 2 and 3, not the same version twice with the second failing on it;
    /// each daemon's next DEK is wrapped under a version the keyring holds.
    func testTwoDaemonsRotatingTheKEKAtOnceMakeTwoVersions() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let (ka, kb) = (a.keyring, b.keyring)
        let results = try queuedBehindTheGate([(a.pid, { try ka.rotateKEK() }), (b.pid, { try kb.rotateKEK() })])
        XCTAssertEqual(try results.map { try $0.get() as? Int }, [2, 3])
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM kek WHERE state = 'active'"), 1)
        XCTAssertEqual(try schema.count("SELECT MAX(version) FROM kek WHERE state = 'active'"), 3)
        // A customer made through the daemon whose rotation came first is wrapped by the newest version.
        _ = try ka.lookupOrCreate(try CustomerID("frank"))
        XCTAssertEqual(try schema.count("SELECT MAX(kek_version) FROM dek"), 3, "a new DEK under the active KEK")
    }

    // MARK: Decisions made on one daemon's view (docs/scaling.md, "Keyring decisions still made on one daemon's view")

    /// A hold on A whose audit entry failed is undone, but B confirmed the hold in between (and
    /// answered "held", audited): A's undo must leave the hold, not take back B's answer.
    /// (Before: `undoHold` put `held_since` back unconditionally.)
    func testUndoingAHoldLeavesAHoldAnotherDaemonConfirmedMeanwhile() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let alice = try a.keyring.lookupOrCreate(try CustomerID("alice"))
        let hold = try XCTUnwrap(a.keyring.setHold(blindIndex: alice.blindIndex, handle: alice.handle, held: true))
        XCTAssertTrue(hold.changed)
        let confirmed = try XCTUnwrap(b.keyring.setHold(blindIndex: alice.blindIndex, handle: alice.handle, held: true))
        XCTAssertEqual(confirmed.changed, false, "B's hold found the hold in force")
        XCTAssertFalse(try a.keyring.undoHold(blindIndex: alice.blindIndex, handle: alice.handle, holdChanges: hold.holdChanges, previous: hold.previous,
                                                  previousRelease: hold.previousRelease),
                       "A's undo reports that it could not undo")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer WHERE held_since IS NOT NULL"), 1, "B's confirmed hold stands")

        // With nothing in between, the undo does undo.
        let bob = try a.keyring.lookupOrCreate(try CustomerID("bob"))
        let bobHold = try XCTUnwrap(a.keyring.setHold(blindIndex: bob.blindIndex, handle: bob.handle, held: true))
        XCTAssertTrue(try a.keyring.undoHold(blindIndex: bob.blindIndex, handle: bob.handle, holdChanges: bobHold.holdChanges, previous: bobHold.previous,
                                                 previousRelease: bobHold.previousRelease))
        XCTAssertEqual(try a.keyring.holdState(handle: bob.handle).heldSince, nil, "bob's hold undone")
    }

    /// The audit anchor is shared by the daemons: one writing it from what it last saw (a
    /// follower at shutdown, after the leader pruned and checkpointed further) must not move
    /// `pruned_to` or the checkpoint back, or every later start is refused as tampering.
    func testAnAnchorWrittenFromAnOlderViewKeepsWhatAnotherDaemonRecorded() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let seen = AuditAnchor(keyedFrom: 1, seq: 10, head: Array(repeating: 10, count: 32), prunedTo: 0, sessionsBound: true)
        try a.keyring.setAuditAnchor(seen)
        try b.keyring.setAuditAnchor(AuditAnchor(keyedFrom: 1, seq: 20, head: Array(repeating: 20, count: 32), prunedTo: 15, sessionsBound: true))
        var next = seen
        (next.seq, next.head) = (12, Array(repeating: 12, count: 32))  // A's own newer checkpoint, older than B's
        let written = try a.keyring.setAuditAnchor(next)
        let stored = try XCTUnwrap(a.keyring.auditAnchor())
        XCTAssertEqual(stored.prunedTo, 15, "the prune B recorded")
        XCTAssertEqual(stored.seq, 20, "the newest checkpoint")
        XCTAssertEqual(stored.head, Array(repeating: 20, count: 32))
        XCTAssertEqual(written, stored, "A learns the anchor in force")
        var b2 = stored
        (b2.seq, b2.head, b2.prunedTo) = (30, Array(repeating: 30, count: 32), 16)
        try b.keyring.setAuditAnchor(b2)
        XCTAssertEqual(try a.keyring.auditAnchor(), b2, "a newer checkpoint and prune replace the older")
        // Accepting restored data on purpose starts the anchor over, lower.
        let restart = AuditAnchor(keyedFrom: 1, seq: 5, head: Array(repeating: 5, count: 32), prunedTo: 0, sessionsBound: true)
        try a.keyring.setAuditAnchor(restart, replacing: true)
        XCTAssertEqual(try b.keyring.auditAnchor(), restart)
    }

    /// An anchor row edited outside confide (`pruned_to` raised to hide deleted audit entries,
    /// its MAC removed; or the row deleted) is refused by a start; the merge of the next
    /// anchor write must refuse it too, not write it back with a valid MAC. (Found by the
    /// session's attack review: the merge checked only a MAC that was there.)
    func testAnAnchorEditedOrDeletedOutsideConfideIsNotLaunderedByTheMerge() throws {
        let a = try daemonKeyring()
        let seen = AuditAnchor(keyedFrom: 1, seq: 10, head: Array(repeating: 10, count: 32), prunedTo: 0, sessionsBound: true)
        try a.keyring.setAuditAnchor(seen)
        var next = seen
        (next.seq, next.head) = (12, Array(repeating: 12, count: 32))
        for edit in ["UPDATE audit_anchor SET pruned_to = 999, mac = NULL", "DELETE FROM audit_anchor"] {
            try schema.connectAgain().execute(edit)
            XCTAssertThrowsError(try a.keyring.auditAnchor(), "a start refuses it (\(edit))")
            XCTAssertThrowsError(try a.keyring.setAuditAnchor(next), "the merge refuses it too (\(edit))") {
                guard case .integrity? = $0 as? StoreError else { return XCTFail("\($0)") }
            }
            XCTAssertThrowsError(try a.keyring.auditAnchor(), "and it is still refused, not laundered (\(edit))")
            try a.keyring.setAuditAnchor(seen, replacing: true)  // start-up's decision, for the next round
        }
    }

    /// A shred on A through its cache, after B erased the customer (and, the second time,
    /// created it again): A must drop its stale entry, so the retry acts on what is there.
    /// (Before: A kept the erased customer cached; every retry answered the same.)
    func testAShredThroughAStaleCacheForgetsTheStaleCustomer() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let alice = try CustomerID("alice")
        let stale = try a.keyring.lookupOrCreate(alice)
        XCTAssertNotNil(try b.keyring.destroyCustomer(blindIndex: stale.blindIndex, handle: stale.handle, draft: { _, _, _, _ in [:] }))
        let again = try b.keyring.lookupOrCreate(alice)
        XCTAssertEqual(try a.keyring.lookup(alice)?.handle, stale.handle, "A's cache still holds the erased customer")
        XCTAssertThrowsError(try a.keyring.destroyCustomer(blindIndex: stale.blindIndex, handle: stale.handle, draft: { _, _, _, _ in [:] })) {
            guard case .unavailable? = $0 as? StoreError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try a.keyring.lookup(alice)?.handle, again.handle, "the retry finds the customer created again")

        XCTAssertNotNil(try b.keyring.destroyCustomer(blindIndex: again.blindIndex, handle: again.handle, draft: { _, _, _, _ in [:] }))
        XCTAssertNil(try a.keyring.destroyCustomer(blindIndex: again.blindIndex, handle: again.handle, draft: { _, _, _, _ in [:] }))
        XCTAssertNil(try a.keyring.lookup(alice), "gone on B: A forgets it too")
    }

    /// A hold on A through its cache, after B erased the customer and created it again: A
    /// must not hold the new customer under the old one's audit pseudonym (its audit entry
    /// would name the erased customer); it refuses, forgets, and the retry holds the new one.
    func testAHoldThroughAStaleCacheDoesNotHoldTheCustomerCreatedAgain() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let alice = try CustomerID("alice")
        let stale = try a.keyring.lookupOrCreate(alice)
        XCTAssertNotNil(try b.keyring.destroyCustomer(blindIndex: stale.blindIndex, handle: stale.handle, draft: { _, _, _, _ in [:] }))
        let again = try b.keyring.lookupOrCreate(alice)
        let cached = try XCTUnwrap(a.keyring.lookup(alice))
        XCTAssertEqual(cached.handle, stale.handle)
        XCTAssertThrowsError(try a.keyring.setHold(blindIndex: cached.blindIndex, handle: cached.handle, held: true)) {
            guard case .unavailable? = $0 as? StoreError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer WHERE held_since IS NOT NULL"), 0, "the new customer is not held")
        let fresh = try XCTUnwrap(a.keyring.lookup(alice))
        XCTAssertEqual(fresh.handle, again.handle, "the retry finds the customer created again")
        XCTAssertEqual(try a.keyring.setHold(blindIndex: fresh.blindIndex, handle: fresh.handle, held: true)?.changed, true)
    }

    /// A write on A created a customer and failed; A undoes the creation while B holds that
    /// customer: the held customer must stay (a hold is a decision about the customer).
    /// (Before: A checked "not held" before its transaction, then deleted it.)
    func testUndoingACreationQueuedBehindAnotherDaemonsHoldKeepsTheHeldCustomer() throws {
        let a = try daemonKeyring()
        let carol = try a.keyring.lookupOrCreate(try CustomerID("carol"))
        try whileAnotherDaemonsTransactionRuns(a, { try $0.undoCreation(blindIndex: carol.blindIndex, handle: carol.handle, holdsNoData: { true }) }) { other in
            try other.setHeldSince(blindIndex: carol.blindIndex, 1_000)  // B's hold
        }
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer WHERE held_since IS NOT NULL"), 1, "the held customer stays")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM dek"), 1, "with its key")
    }

    /// A re-wrap batch on A after B rotated the KEK and made a customer under the new version:
    /// A must re-wrap toward the newest version, not take B's new DEK for one wrapped by an
    /// unknown version (a false integrity alarm that stopped the re-wrap).
    func testARewrapAfterAnotherDaemonsRotationMovesKeysToTheNewestVersion() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        _ = try a.keyring.lookupOrCreate(try CustomerID("alice"))
        XCTAssertEqual(try b.keyring.rotateKEK(), 2)
        _ = try b.keyring.lookupOrCreate(try CustomerID("bob"))
        let batch = try a.keyring.rewrapBatch(limit: 10)
        XCTAssertEqual(batch.rewrapped, 1, "alice's DEK moved")
        XCTAssertTrue(batch.finished)
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM dek WHERE kek_version = 2"), 2, "every DEK under the newest version")
    }

    /// Two daemons complete one erasure's receipt at once (`customer.receipt` on each after a
    /// shred whose reply was lost): both must return the same signed receipt, the one stored.
    /// (Before: last write won, and the first caller kept a receipt keys.db no longer had.)
    func testTwoDaemonsCompletingOneReceiptBothGetTheFirstStored() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let dave = try a.keyring.lookupOrCreate(try CustomerID("dave"))
        XCTAssertNotNil(try b.keyring.destroyCustomer(blindIndex: dave.blindIndex, handle: dave.handle, draft: { ref, _, _, at in
            ["customer_ref": .string(encodeHex(ref)), "shredded_at": .string(at.rfc3339)]
        }))
        let record = try XCTUnwrap(b.keyring.erasure(blindIndex: dave.blindIndex))
        var bodyA = record.draft, bodyB = record.draft
        (bodyA["completed_by"], bodyB["completed_by"]) = ("A", "B")
        let fromA = ErasureReceipt(body: bodyA, signingKey: a.keyring.auditSigningKey).stored
        let fromB = ErasureReceipt(body: bodyB, signingKey: b.keyring.auditSigningKey).stored
        XCTAssertEqual(try a.keyring.storeReceipt(fromA, for: record), fromA)
        XCTAssertEqual(try b.keyring.storeReceipt(fromB, for: record), fromA, "B is given the receipt A stored")
        XCTAssertEqual(try a.keyring.erasure(blindIndex: dave.blindIndex)?.receipt, fromA)
    }

    /// A receipt written into keys.db outside confide for an erasure whose receipt was never
    /// completed (a forged one, or another erasure's real one) must not be what a completion
    /// hands on and puts in the ledger. (Found by the session's attack review: "the first
    /// stored" was trusted as it was.)
    func testAReceiptWrittenIntoTheKeyringOutsideConfideIsNotHandedOn() throws {
        let a = try daemonKeyring()
        let dave = try a.keyring.lookupOrCreate(try CustomerID("dave"))
        let erin = try a.keyring.lookupOrCreate(try CustomerID("erin"))
        for c in [dave, erin] {
            XCTAssertNotNil(try a.keyring.destroyCustomer(blindIndex: c.blindIndex, handle: c.handle, draft: { ref, _, _, at in
                ["customer_ref": .string(encodeHex(ref)), "shredded_at": .string(at.rfc3339)]
            }))
        }
        let daveRecord = try XCTUnwrap(a.keyring.erasure(blindIndex: dave.blindIndex))
        let erinRecord = try XCTUnwrap(a.keyring.erasure(blindIndex: erin.blindIndex))
        let erinsReceipt = ErasureReceipt(body: erinRecord.draft, signingKey: a.keyring.auditSigningKey).stored
        XCTAssertEqual(try a.keyring.storeReceipt(erinsReceipt, for: erinRecord), erinsReceipt)
        let forged: JSONObject = ["customer_ref": daveRecord.draft["customer_ref"]!, "shredded_at": daveRecord.draft["shredded_at"]!,
                                  "signature": "AAAA"]
        for planted in [forged, erinsReceipt] {
            try schema.connectAgain().result("UPDATE erasure SET receipt = $1 WHERE customer_tag = $2",
                                             [.bytea(JSONWriter.bytes(.object(planted))), .bytea(daveRecord.customerTag)])
            let mine = ErasureReceipt(body: daveRecord.draft, signingKey: a.keyring.auditSigningKey).stored
            XCTAssertThrowsError(try a.keyring.storeReceipt(mine, for: daveRecord), "a planted receipt is refused") {
                guard case .integrity? = $0 as? StoreError else { return XCTFail("\($0)") }
            }
        }
    }

    /// Re-applying the erasure ledger on A (start-up) while B's shred of that customer
    /// commits: the keys are gone either way, but A must not report a customer it brought
    /// back and erased again (`customer.shred.reapplied`) when B erased it.
    func testReapplyQueuedBehindAnotherDaemonsShredReportsNothingRevived() throws {
        let a = try daemonKeyring()
        let erin = try a.keyring.lookupOrCreate(try CustomerID("erin"))
        let entry = ErasureLedger.Entry(customerTag: a.keyring.erasureTag(blindIndex: erin.blindIndex), handleTag: a.keyring.erasureTag(handle: erin.handle),
                                        shreddedAt: Timestamp(milliseconds: 1_000), number: 1, draft: [:], receipt: nil)
        let revived = try whileAnotherDaemonsTransactionRuns(a, { try $0.reapply([entry]) }) { other in
            try other.deleteCustomerKeys(handle: erin.handle)  // B's shred
        }
        XCTAssertEqual(revived.count, 0, "nothing A brought back")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer"), 0)
    }

    /// A start-up `reapply` on A of two customers an older keyring brought back, xavier then
    /// yusuf, while another daemon's writer group holds yusuf's change lock shared (as its
    /// read-ahead takes it) and then asks for xavier's: both must go through. (Before: reapply
    /// deleted both in one transaction, so it held xavier's lock while it waited for yusuf's,
    /// the group waiting for xavier closed the cycle, and PostgreSQL broke the deadlock by
    /// failing the group, 40P01: an append answered -32005.)
    func testReapplyOfSeveralCustomersDoesNotDeadlockWithAWriterGroupHoldingThem() throws {
        let a = try daemonKeyring()
        let customers = try ["xavier", "yusuf"].map { try a.keyring.lookupOrCreate(try CustomerID($0)) }
        let entries = customers.map {
            ErasureLedger.Entry(customerTag: a.keyring.erasureTag(blindIndex: $0.blindIndex), handleTag: a.keyring.erasureTag(handle: $0.handle),
                                shreddedAt: Timestamp(milliseconds: 1_000), number: 1, draft: [:], receipt: nil)
        }
        let group = try schema.connectAgain()
        let lockShared = "SELECT \(PostgresConnection.customerLockSQL("pg_advisory_xact_lock_shared", handleColumn: "handle")) FROM customer WHERE handle = $1"
        try group.execute("BEGIN")
        _ = try group.result(lockShared, [.bytea(customers[1].handle)])
        let keyring = a.keyring
        let reapplied = Locked<Result<Int, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let r = Result { try keyring.reapply(entries).count }
            reapplied.withLock { $0 = r }
            done.signal()
        }
        let deadline = Date().addingTimeInterval(10)
        while try schema.count("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid = \(a.pid)") == 0 {
            guard Date() < deadline else { XCTFail("the reapply never waited for yusuf's lock"); break }
            usleep(10_000)
        }
        let groupOutcome = Result { () throws -> Void in
            _ = try group.result(lockShared, [.bytea(customers[0].handle)])
            try group.execute("COMMIT")
        }
        if case .failure = groupOutcome { try? group.execute("ROLLBACK") }
        XCTAssertEqual(done.wait(timeout: .now() + 20), .success, "the reapply finished")
        XCTAssertNoThrow(try groupOutcome.get(), "the writer group went through")
        XCTAssertEqual(try reapplied.snapshot?.get(), 2, "both customers erased again")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer"), 0)
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM erasure"), 2)
    }

    /// Retention on A decides "not held" and deletes while no hold can commit
    /// (`withHoldsFrozen`); a hold on B in between must wait for A's delete to commit, not
    /// commit while A deletes the sessions of a customer it just held. (Before: A read
    /// `held_since` outside any keyring transaction, so only A's own holds waited.)
    func testAHoldOnAnotherDaemonWaitsWhileRetentionDeletes() throws {
        let a = try daemonKeyring(), b = try daemonKeyring()
        let alice = try a.keyring.lookupOrCreate(try CustomerID("alice"))
        let kb = b.keyring
        let holdDone = DispatchSemaphore(value: 0)
        let waitedForRetention = try a.keyring.withHoldsFrozen([alice.handle]) { notHeld -> Bool in
            XCTAssertEqual(notHeld, [alice.handle])
            Thread.detachNewThread {
                _ = try? kb.setHold(blindIndex: alice.blindIndex, handle: alice.handle, held: true)
                holdDone.signal()
            }
            // Here A's retention deletes alice's due sessions: B's hold must not commit meanwhile.
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if holdDone.wait(timeout: .now()) == .success { return false }
                if try schema.count("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid = \(b.pid)") > 0 { return true }
                usleep(10_000)
            }
            return false
        }
        XCTAssertTrue(waitedForRetention, "B's hold waited for A's retention delete instead of committing during it")
        if waitedForRetention { XCTAssertEqual(holdDone.wait(timeout: .now() + 20), .success, "and committed once A's delete had") }
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer WHERE held_since IS NOT NULL"), 1)
    }

    /// A write on A created dave and failed; B found A's dave and is appending: B's writer
    /// group holds dave's row `FOR SHARE` (its version check) and writes a session. A's undo
    /// of the creation must wait for that group and then keep dave: deleting the keys under
    /// B's acknowledged session would lose it. (Before: A asked the data store before its
    /// transaction, found nothing, and deleted once B's group let go of the row.)
    func testUndoingACreationWaitsForAnotherDaemonsWriteAndKeepsTheCustomer() throws {
        let a = try daemonKeyring()
        let dave = try a.keyring.lookupOrCreate(try CustomerID("dave"))
        try schema.owner.execute("CREATE TABLE b_session (customer_handle bytea NOT NULL)")  // stands for the data store
        if ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_APP_URI"]?.isEmpty == false {
            try schema.owner.execute("GRANT SELECT, INSERT ON b_session TO confide_app")
        }
        nonisolated(unsafe) let dataReader = try schema.connectAgain()  // used by the undo's thread only
        let bGroup = try schema.connectAgain()
        try bGroup.execute("BEGIN")
        _ = try bGroup.result("SELECT version FROM customer WHERE handle = $1 FOR SHARE", [.bytea(dave.handle)])
        _ = try bGroup.result("INSERT INTO b_session (customer_handle) VALUES ($1)", [.bytea(dave.handle)])

        let keyring = a.keyring
        let undone = DispatchSemaphore(value: 0)
        let failure = Locked<String?>(nil)
        Thread.detachNewThread {
            do {
                try keyring.undoCreation(blindIndex: dave.blindIndex, handle: dave.handle) {
                    try dataReader.queryOne("SELECT COUNT(*) FROM b_session WHERE customer_handle = $1", [.bytea(dave.handle)]) { try $0.int64(0) } == 0
                }
            } catch { failure.withLock { $0 = "\(error)" } }
            undone.signal()
        }
        let deadline = Date().addingTimeInterval(10)
        while try schema.count("SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND pid = \(a.pid)") == 0 {
            guard Date() < deadline else { XCTFail("A's undo never waited for B's group"); break }
            usleep(10_000)
        }
        try bGroup.execute("COMMIT")  // B's append is acknowledged
        XCTAssertEqual(undone.wait(timeout: .now() + 20), .success)
        XCTAssertNil(failure.snapshot)
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer"), 1, "dave stays: B's session needs his keys")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM dek"), 1)
    }
}
