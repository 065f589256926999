import ConfideCrypto
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

    /// The server process of the last keyring's connection, whose lock wait the gate watches.
    private var keyringPID: Int32 = 0

    /// A keyring on a connection of its own (a daemon), all with one master key.
    private func daemonKeyring() throws -> Keyring {
        let keyPath = directory.path + "/master.key"
        if !FileManager.default.fileExists(atPath: keyPath) {
            let hex = Array((encodeHex((0..<32).map { _ in UInt8.random(in: 0...255) }) + "\n").utf8)
            XCTAssertTrue(FileManager.default.createFile(atPath: keyPath, contents: Data(hex), attributes: [.posixPermissions: 0o600]))
        }
        let connection = try schema.connectAgain()
        keyringPID = connection.backendPID
        return try Keyring(records: connection, name: "keyring", source: .keyFile(path: keyPath))
    }

    /// Runs `call` on a thread once `gate` holds the keyring's write lock, waits until that
    /// call's transaction waits for the lock (`pg_locks`), runs `otherDaemon` in the gate's
    /// transaction, commits it, and returns what `call` returned.
    private func whileAnotherDaemonsTransactionRuns<T>(_ call: @escaping () throws -> T,
                                                       otherDaemon: (PostgresConnection) throws -> Void) throws -> T {
        let gate = try schema.connectAgain()
        try gate.execute("BEGIN")
        _ = try gate.result("SELECT pg_advisory_xact_lock($1)", [.int8(PostgresConnection.writeLockKey)])
        let outcome = Locked<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let call = call  // run on the one thread below, then never again
        Thread.detachNewThread {
            let r = Result { try call() }
            outcome.withLock { $0 = r }
            done.signal()
        }
        let deadline = Date().addingTimeInterval(10)
        while try schema.count("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid = \(keyringPID)") == 0 {
            guard Date() < deadline else {
                try? gate.execute("ROLLBACK")
                XCTFail("the call never waited for the keyring's write lock")
                break
            }
            usleep(10_000)
        }
        try otherDaemon(gate)
        try gate.execute("COMMIT")
        XCTAssertEqual(done.wait(timeout: .now() + 20), .success, "the call finished once the other transaction committed")
        return try XCTUnwrap(outcome.snapshot).get()
    }

    /// Hold on A while B's shred commits: the hold must not be reported in force on a
    /// customer that no longer exists. (Before: A read the customer before its transaction,
    /// found it, and answered `held` with `changed: true` for an erased customer.)
    func testAHoldThatWaitedForAnotherDaemonsShredFindsNoCustomer() throws {
        let a = try daemonKeyring()
        let alice = try a.lookupOrCreate(try CustomerID("alice"))
        let held = try whileAnotherDaemonsTransactionRuns({ try a.setHold(blindIndex: alice.blindIndex, held: true) }) { other in
            try other.deleteCustomerKeys(handle: alice.handle)  // B's shred, in its keyring transaction
        }
        XCTAssertNil(held.map { "held: \($0.held), changed: \($0.changed)" }, "a hold on a customer another daemon erased meanwhile")
        XCTAssertEqual(try schema.count("SELECT COUNT(*) FROM customer"), 0, "nothing brought the customer back")
    }

    /// Shred on A while B's hold commits: the hold wins, nothing is destroyed.
    func testAShredThatWaitedForAnotherDaemonsHoldIsRefusedByIt() throws {
        let a = try daemonKeyring()
        let alice = try a.lookupOrCreate(try CustomerID("alice"))
        let shred = Result {
            try whileAnotherDaemonsTransactionRuns({ try a.destroyCustomer(blindIndex: alice.blindIndex, handle: alice.handle, draft: { _, _, _, _ in [:] }) }) { other in
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
        let alice = try a.lookupOrCreate(try CustomerID("alice"))
        XCTAssertEqual(try a.setHold(blindIndex: alice.blindIndex, held: true)?.changed, true)
        let released = try whileAnotherDaemonsTransactionRuns({ try a.setHold(blindIndex: alice.blindIndex, held: false) }) { other in
            try other.setHeldSince(blindIndex: alice.blindIndex, nil)  // B's release (B's shred needs none: a hold refuses it)
            try other.deleteCustomerKeys(handle: alice.handle)
        }
        XCTAssertNil(released.map { "held: \($0.held), changed: \($0.changed)" }, "a release of a customer erased meanwhile")
    }
}
