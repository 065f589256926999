@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfidePostgres
import ConfidePostgresStore
import ConfideStorage
import Foundation
import TestSupport
import XCTest

/// One engine's keyring records under test: a fresh, migrated, empty keyring store, and a
/// way to count rows behind the records' back.
struct KeyringRecordsEngine {
    let name: String
    let records: any KeyringRecords
    /// The integer a `SELECT COUNT(*) ...` returns, read outside the records under test.
    let count: (String) throws -> Int
    let cleanup: () -> Void
}

/// The keyring store's contract, run from this one source against every engine: what
/// `Keyring` writes through `KeyringRecords` comes back column for column (NULL, empty and
/// NUL-holding bytes alike), in the orders the protocol promises, with the same rules for
/// KEK activation, DEK re-wrapping, erasure merging and rollback, on SQLite and PostgreSQL.
/// PostgreSQL runs when `CONFIDE_TEST_POSTGRES_URI` is set, as scripts/test does.
///
/// Written once, in `KeyringRecordsContract`; each engine's class lists the same cases
/// (XCTest on Linux finds only methods a class declares itself).
struct KeyringRecordsContract {
    let engine: KeyringRecordsEngine
    var db: any KeyringRecords { engine.records }
    var name: String { engine.name }

    init(_ engine: KeyringRecordsEngine) { self.engine = engine }

    /// Milliseconds after a fixed start, as a timestamp.
    func at(_ ms: Int64) -> Timestamp { Timestamp(milliseconds: 1_700_000_000_000 + ms) }

    /// A customer whose blind index, handle and audit pseudonym come from `seed`.
    @discardableResult
    func addCustomer(_ seed: UInt8) throws -> (index: [UInt8], handle: [UInt8], ref: [UInt8]) {
        let c = (index: blob(seed, count: 32), handle: blob(seed &+ 100, count: 16), ref: blob(seed &+ 200, count: 16))
        try db.insertCustomer(blindIndex: c.index, handle: c.handle, auditRef: c.ref, at: at(Int64(seed)))
        return c
    }

    func kekStates() throws -> [String] { try db.liveKEKs().map { "\($0.version):\($0.state)" } }

    func json(_ text: String) throws -> JSONObject {
        try XCTUnwrap(JSONParser.parse(Array(text.utf8)).objectValue)
    }

    // MARK: The keyring row

    func theKeyringRowRoundTripsEveryColumn() throws {
        XCTAssertNil(try db.keyringRow(), name)
        XCTAssertNil(try db.keyringAuditPublicKey(), name)
        let passphrase = KeyringRow(source: "passphrase", salt: blob(1, count: 16), opsLimit: 3, memLimit: 268_435_456,
                                    keyCheck: blob(2, count: 40), indexKey: blob(3, count: 72), auditKey: blob(4, count: 104))
        try db.inTransaction { try db.insertKeyring(passphrase, auditPublicKey: blob(5), at: at(0)) }
        try assertKeyring(passphrase)
        XCTAssertEqual(try db.keyringAuditPublicKey(), blob(5), name)
        XCTAssertThrowsError(try db.insertKeyring(passphrase, auditPublicKey: blob(6), at: at(1)), "\(name): one keyring row only")

        // A rekey to a key file: the passphrase's columns become absent, not empty.
        let keyFile = KeyringRow(source: "key-file", salt: nil, opsLimit: nil, memLimit: nil,
                                 keyCheck: blob(7, count: 40), indexKey: blob(8, count: 72), auditKey: blob(9, count: 104))
        try db.updateKeyring(keyFile)
        try assertKeyring(keyFile)
        XCTAssertEqual(try db.keyringAuditPublicKey(), blob(5), "\(name): a rekey keeps the public key")

        // An empty salt stays empty (present, zero bytes).
        var emptySalt = passphrase
        emptySalt.salt = []
        try db.updateKeyring(emptySalt)
        try assertKeyring(emptySalt)

        try db.setWrappedAuditKey(blob(10, count: 104))
        emptySalt.auditKey = blob(10, count: 104)
        try assertKeyring(emptySalt)

        var unknown = keyFile
        unknown.source = "plain"
        XCTAssertThrowsError(try db.updateKeyring(unknown), "\(name): a master source confide does not know is refused")
        try assertKeyring(emptySalt)
    }

    private func assertKeyring(_ expected: KeyringRow, line: UInt = #line) throws {
        let row = try XCTUnwrap(db.keyringRow(), name, line: line)
        XCTAssertEqual(row.source, expected.source, name, line: line)
        XCTAssertEqual(row.salt, expected.salt, name, line: line)
        XCTAssertEqual(row.opsLimit, expected.opsLimit, name, line: line)
        XCTAssertEqual(row.memLimit, expected.memLimit, name, line: line)
        XCTAssertEqual(row.keyCheck, expected.keyCheck, name, line: line)
        XCTAssertEqual(row.indexKey, expected.indexKey, name, line: line)
        XCTAssertEqual(row.auditKey, expected.auditKey, name, line: line)
    }

    // MARK: KEK versions

    func activatingAKEKRetiresTheActiveOne() throws {
        XCTAssertEqual(try db.newestKEKVersion(), 0, name)
        XCTAssertEqual(try kekStates(), [], name)
        try db.inTransaction { try db.activateKEK(version: 1, wrapped: blob(11), at: at(1)) }
        XCTAssertEqual(try kekStates(), ["1:active"], name)
        try db.inTransaction { try db.activateKEK(version: 2, wrapped: blob(12), at: at(2)) }
        XCTAssertEqual(try kekStates(), ["1:retiring", "2:active"], name)
        try db.inTransaction { try db.activateKEK(version: 3, wrapped: blob(13), at: at(3)) }
        XCTAssertEqual(try kekStates(), ["1:retiring", "2:retiring", "3:active"], name)
        XCTAssertEqual(try db.newestKEKVersion(), 3, name)

        try db.setKEKWrapped(version: 1, wrapped: blob(21))
        XCTAssertEqual(try db.liveKEKs().map(\.wrapped), [blob(21), blob(12), blob(13)], name)
        let summary = try db.kekSummary()
        XCTAssertEqual(summary.map(\.version), [1, 2, 3], name)
        XCTAssertEqual(summary.map(\.state), ["retiring", "retiring", "active"], name)
        XCTAssertEqual(summary.map(\.createdAt), [at(1), at(2), at(3)], name)
        XCTAssertEqual(summary.map(\.deks), [0, 0, 0], name)

        // Activating a version that exists fails, and its rollback leaves the active one active.
        XCTAssertThrowsError(try db.inTransaction { try db.activateKEK(version: 3, wrapped: blob(14), at: at(4)) }, name)
        XCTAssertEqual(try kekStates(), ["1:retiring", "2:retiring", "3:active"], name)
        XCTAssertEqual(try db.liveKEKs().last?.wrapped, blob(13), name)
    }

    func aRetiringKEKIsUnusedOnlyOnceNoDEKNamesIt() throws {
        try db.activateKEK(version: 1, wrapped: blob(11), at: at(1))
        let a = try addCustomer(1)
        try db.insertDEK(handle: a.handle, generation: 1, kekVersion: 1, wrapped: blob(31, count: 72), at: at(10))
        try db.activateKEK(version: 2, wrapped: blob(12), at: at(2))
        XCTAssertEqual(try db.unusedRetiringKEKs(), [], "\(name): version 1 still wraps a DEK")
        XCTAssertEqual(try db.kekSummary().map(\.deks), [1, 0], name)

        XCTAssertTrue(try db.rewrapDEK(handle: a.handle, generation: 1, from: 1, to: 2, wrapped: blob(32, count: 72)), name)
        // A second re-wrap from the version it no longer has (another scheduler that read the
        // row before the first committed) changes nothing.
        XCTAssertFalse(try db.rewrapDEK(handle: a.handle, generation: 1, from: 1, to: 2, wrapped: blob(33, count: 72)),
                       "\(name): a DEK is re-wrapped once")
        XCTAssertEqual(try db.deks(handle: a.handle).map(\.wrapped), [blob(32, count: 72)], "\(name): the first re-wrap stays")
        XCTAssertEqual(try db.unusedRetiringKEKs(), [1], name)
        try db.destroyKEK(version: 1, at: at(20))
        XCTAssertEqual(try kekStates(), ["2:active"], name)
        let summary = try db.kekSummary()
        XCTAssertEqual(summary.map { "\($0.version):\($0.state):\($0.deks)" }, ["1:destroyed:0", "2:active:1"], name)
        XCTAssertEqual(summary.first?.createdAt, at(1), "\(name): a destroyed version keeps its history")
        XCTAssertEqual(try engine.count("SELECT COUNT(*) FROM kek WHERE version = 1 AND wrapped IS NULL AND destroyed_at = \(at(20).milliseconds)"), 1,
                       "\(name): destroying deletes the wrapped key and records when")
        XCTAssertEqual(try db.unusedRetiringKEKs(), [], "\(name): destroyed is not retiring")
        XCTAssertEqual(try db.newestKEKVersion(), 2, "\(name): a destroyed version's number is never given again")
        XCTAssertEqual(try db.kekHistory(handle: a.handle), [1, 2], name)
        XCTAssertThrowsError(try db.insertDEK(handle: a.handle, generation: 2, kekVersion: 9, wrapped: blob(33), at: at(30)),
                             "\(name): a DEK cannot name a KEK version that does not exist")
    }

    // MARK: Customers

    func aCustomerRowRoundTripsAndEveryChangeBumpsItsVersion() throws {
        let index = blob(41), handle = blob(42, count: 16), ref = blob(43, count: 16)
        XCTAssertNil(try db.customer(blindIndex: index), name)
        XCTAssertEqual(describe(try db.heldSince(handle: handle)), "no customer", name)
        try db.insertCustomer(blindIndex: index, handle: handle, auditRef: ref, at: at(0))
        var row = try XCTUnwrap(db.customer(blindIndex: index), name)
        XCTAssertEqual(row.handle, handle, name)
        XCTAssertEqual(row.auditRef, ref, name)
        XCTAssertNil(row.heldSince, name)
        XCTAssertEqual(row.version, 1, name)
        XCTAssertEqual(try db.customerBlindIndex(handle: handle), index, name)
        XCTAssertNil(try db.customerBlindIndex(handle: blob(99, count: 16)), name)
        XCTAssertEqual(describe(try db.heldSince(handle: handle)), "not held", name)

        try db.bumpCustomerVersion(handle: handle)
        XCTAssertEqual(try db.customer(blindIndex: index)?.version, 2, name)
        try db.setHeldSince(blindIndex: index, 5_000)
        row = try XCTUnwrap(db.customer(blindIndex: index), name)
        XCTAssertEqual(row.heldSince, 5_000, name)
        XCTAssertEqual(row.version, 2, "\(name): a hold changes nothing a cached customer's keys rely on")
        XCTAssertEqual(row.holdChanges, 1, "\(name): the hold is counted")
        XCTAssertEqual(describe(try db.heldSince(handle: handle)), "held since 5000", name)
        try db.setHeldSince(blindIndex: index, 5_000)  // a confirmation: counted too
        XCTAssertEqual(try db.customer(blindIndex: index)?.holdChanges, 2, name)
        try db.setHeldSince(blindIndex: index, nil)
        XCTAssertEqual(describe(try db.heldSince(handle: handle)), "not held", name)
        XCTAssertEqual(try db.customer(blindIndex: index)?.holdChanges, 3, name)
        XCTAssertEqual(try db.customer(blindIndex: index)?.version, 2, name)
        try db.bumpCustomerVersion(handle: blob(99, count: 16))
        XCTAssertEqual(try db.customer(blindIndex: index)?.version, 2, "\(name): bumping another handle changes nothing")

        XCTAssertThrowsError(try db.insertCustomer(blindIndex: index, handle: blob(44), auditRef: blob(45), at: at(1)), "\(name): same blind index")
        XCTAssertThrowsError(try db.insertCustomer(blindIndex: blob(46), handle: handle, auditRef: blob(47), at: at(1)), "\(name): same handle")
        XCTAssertThrowsError(try db.insertCustomer(blindIndex: blob(48), handle: blob(49), auditRef: ref, at: at(1)), "\(name): same audit pseudonym")
        XCTAssertEqual(try db.customerCount(), 1, name)
    }

    private func describe(_ held: Int64??) -> String {
        switch held {
        case .none: return "no customer"
        case .some(.none): return "not held"
        case .some(.some(let since)): return "held since \(since)"
        }
    }

    /// A release's first step (issue 21, F3): the mark round-trips, and the customer is still
    /// held for every reader of the hold (`heldSince`, the hold list and count) until it is
    /// cleared with `held_since`.
    func aReleasePendingIsStillAHoldUntilCleared() throws {
        let c = try (1...2).map { try addCustomer(UInt8($0)) }
        try db.setHeldSince(blindIndex: c[0].index, 100)
        XCTAssertNil(try db.customer(blindIndex: c[0].index)?.releasePending, "\(name): a hold has no release pending")
        try db.setHoldState(blindIndex: c[0].index, heldSince: 100, releasePending: 2)
        let row = try XCTUnwrap(db.customer(blindIndex: c[0].index), name)
        XCTAssertEqual([row.heldSince, row.releasePending, row.holdChanges], [100, 2, 2], name)
        XCTAssertEqual(describe(try db.heldSince(handle: c[0].handle)), "held since 100", "\(name): a pending release is still a hold")
        try db.setHeldSince(blindIndex: c[1].index, 200)
        XCTAssertEqual(try db.heldCustomers().map { "\($0.heldSince.milliseconds) \($0.releasePending)" }, ["100 true", "200 false"], name)
        XCTAssertEqual(try db.holdCount(), 2, name)
        try db.setHoldState(blindIndex: c[0].index, heldSince: nil, releasePending: nil)
        let released = try XCTUnwrap(db.customer(blindIndex: c[0].index), name)
        XCTAssertEqual([released.heldSince, released.releasePending, released.holdChanges], [nil, nil, 3], name)
        XCTAssertEqual(describe(try db.heldSince(handle: c[0].handle)), "not held", name)
        XCTAssertEqual(try db.heldCustomers().map(\.handle), [c[1].handle], name)
    }

    func heldCustomersComeOldestHoldFirst() throws {
        let c = try (1...4).map { try addCustomer(UInt8($0)) }
        try db.setHeldSince(blindIndex: c[1].index, 300)
        try db.setHeldSince(blindIndex: c[2].index, 100)
        try db.setHeldSince(blindIndex: c[3].index, 200)
        let held = try db.heldCustomers()
        XCTAssertEqual(held.map(\.handle), [c[2].handle, c[3].handle, c[1].handle], name)
        XCTAssertEqual(held.map(\.auditRef), [c[2].ref, c[3].ref, c[1].ref], name)
        XCTAssertEqual(held.map { $0.heldSince.milliseconds }, [100, 200, 300], name)
        XCTAssertEqual(try db.holdCount(), 3, name)
        XCTAssertEqual(try db.customerCount(), 4, name)
        XCTAssertEqual(Set(try db.allCustomers().map { encodeHex($0.blindIndex + $0.handle + $0.auditRef) }),
                       Set(c.map { encodeHex($0.index + $0.handle + $0.ref) }), name)
    }

    func deletingACustomersKeysLeavesNoRowNamingIt() throws {
        try db.activateKEK(version: 1, wrapped: blob(11), at: at(1))
        let a = try addCustomer(1), b = try addCustomer(2)
        try db.insertDEK(handle: a.handle, generation: 1, kekVersion: 1, wrapped: blob(51), at: at(10))
        try db.activateKEK(version: 2, wrapped: blob(12), at: at(2))
        try db.insertDEK(handle: a.handle, generation: 2, kekVersion: 2, wrapped: blob(52), at: at(20))
        try db.insertDEK(handle: b.handle, generation: 1, kekVersion: 2, wrapped: blob(53), at: at(20))
        XCTAssertEqual(try db.remainingKeys(handle: a.handle).deks, 2, name)
        XCTAssertEqual(try db.remainingKeys(handle: a.handle).customers, 1, name)

        try db.inTransaction { try db.deleteCustomerKeys(handle: a.handle) }
        XCTAssertEqual(try db.remainingKeys(handle: a.handle).deks, 0, name)
        XCTAssertEqual(try db.remainingKeys(handle: a.handle).customers, 0, name)
        XCTAssertNil(try db.customer(blindIndex: a.index), name)
        XCTAssertEqual(try db.deks(handle: a.handle).count, 0, name)
        XCTAssertEqual(try db.kekHistory(handle: a.handle), [], name)
        XCTAssertEqual(try engine.count("SELECT COUNT(*) FROM dek_kek_history"), 1, "\(name): only the other customer's history is left")
        XCTAssertEqual(try engine.count("SELECT COUNT(*) FROM dek"), 1, name)
        XCTAssertEqual(try db.remainingKeys(handle: b.handle).deks, 1, name)
        XCTAssertEqual(try db.remainingKeys(handle: b.handle).customers, 1, name)
        try db.deleteCustomerKeys(handle: a.handle)
        XCTAssertEqual(try db.customerCount(), 1, "\(name): deleting again changes nothing")
    }

    // MARK: DEK generations

    func deksRoundTripInGenerationOrderAndRecordTheirKEKHistory() throws {
        try db.activateKEK(version: 1, wrapped: blob(11), at: at(1))
        let a = try addCustomer(1), b = try addCustomer(2)
        try db.insertDEK(handle: a.handle, generation: 2, kekVersion: 1, wrapped: blob(62, count: 72), at: at(20))
        try db.insertDEK(handle: a.handle, generation: 1, kekVersion: 1, wrapped: blob(61, count: 72), at: at(10))
        var deks = try db.deks(handle: a.handle)
        XCTAssertEqual(deks.map(\.generation), [1, 2], name)
        XCTAssertEqual(deks.map(\.kekVersion), [1, 1], name)
        XCTAssertEqual(deks.map(\.wrapped), [blob(61, count: 72), blob(62, count: 72)], name)
        XCTAssertEqual(deks.map(\.createdAt), [at(10).milliseconds, at(20).milliseconds], name)
        XCTAssertEqual(try db.kekHistory(handle: a.handle), [1], "\(name): a version is in the history once")

        try db.activateKEK(version: 2, wrapped: blob(12), at: at(2))
        try db.insertDEK(handle: a.handle, generation: 3, kekVersion: 2, wrapped: blob(63, count: 72), at: at(30))
        try db.insertDEK(handle: b.handle, generation: 1, kekVersion: 2, wrapped: blob(64, count: 72), at: at(15))
        deks = try db.deks(handle: a.handle)
        XCTAssertEqual(deks.map(\.generation), [1, 2, 3], name)
        XCTAssertEqual(try db.kekHistory(handle: a.handle), [1, 2], name)
        XCTAssertEqual(try db.kekHistory(handle: b.handle), [2], name)
        XCTAssertEqual(try db.newestDEKTimes().map(\.milliseconds).sorted(), [at(15).milliseconds, at(30).milliseconds],
                       "\(name): one time per customer, its newest")
        XCTAssertEqual(try db.deks(handle: blob(99, count: 16)).count, 0, name)

        XCTAssertThrowsError(try db.insertDEK(handle: a.handle, generation: 1, kekVersion: 2, wrapped: blob(65), at: at(40)),
                             "\(name): a generation is stored once")
        XCTAssertThrowsError(try db.insertDEK(handle: blob(99, count: 16), generation: 1, kekVersion: 2, wrapped: blob(66), at: at(40)),
                             "\(name): a DEK needs its customer")
        XCTAssertEqual(try db.deks(handle: a.handle).map(\.wrapped).first, blob(61, count: 72), name)
    }

    func deksToRewrapSkipTheActiveVersionAndStopAtTheLimit() throws {
        try db.activateKEK(version: 1, wrapped: blob(11), at: at(1))
        let a = try addCustomer(1), b = try addCustomer(2), c = try addCustomer(3)
        for g in 1...3 { try db.insertDEK(handle: a.handle, generation: g, kekVersion: 1, wrapped: blob(UInt8(70 + g)), at: at(10)) }
        for g in 1...2 { try db.insertDEK(handle: b.handle, generation: g, kekVersion: 1, wrapped: blob(UInt8(80 + g)), at: at(10)) }
        try db.activateKEK(version: 2, wrapped: blob(12), at: at(2))
        try db.insertDEK(handle: c.handle, generation: 1, kekVersion: 2, wrapped: blob(91), at: at(20))
        try db.insertDEK(handle: a.handle, generation: 4, kekVersion: 2, wrapped: blob(74), at: at(20))

        func key(_ handle: [UInt8], _ generation: Int) -> String { encodeHex(handle) + "/\(generation)" }
        let all = try db.deksToRewrap(notUnder: 2, limit: 100)
        XCTAssertEqual(Set(all.map { key($0.handle, $0.generation) }),
                       Set([key(a.handle, 1), key(a.handle, 2), key(a.handle, 3), key(b.handle, 1), key(b.handle, 2)]), name)
        XCTAssertEqual(Set(all.map(\.kekVersion)), [1], name)
        XCTAssertEqual(all.first { $0.handle == b.handle && $0.generation == 2 }?.wrapped, blob(82), name)
        XCTAssertEqual(try db.deksToRewrap(notUnder: 2, limit: 2).count, 2, name)
        XCTAssertEqual(try db.deksToRewrap(notUnder: 2, limit: 0).count, 0, name)
        XCTAssertEqual(Set(try db.deksToRewrap(notUnder: 1, limit: 100).map { key($0.handle, $0.generation) }),
                       Set([key(c.handle, 1), key(a.handle, 4)]), "\(name): versions above the active one too")

        // Re-wrap in batches of 2 until none is left under another version: 2 + 2 + 1.
        var batches = 0
        while true {
            let batch = try db.deksToRewrap(notUnder: 2, limit: 2)
            if batch.isEmpty { break }
            batches += 1
            XCTAssertLessThanOrEqual(batches, 3, "\(name): a re-wrapped DEK came back")
            if batches > 3 { break }
            try db.inTransaction {
                for d in batch { XCTAssertTrue(try db.rewrapDEK(handle: d.handle, generation: d.generation, from: d.kekVersion, to: 2, wrapped: d.wrapped.reversed())) }
            }
        }
        XCTAssertEqual(batches, 3, name)
        XCTAssertEqual(try db.deks(handle: b.handle).map(\.kekVersion), [2, 2], name)
        XCTAssertEqual(try db.deks(handle: b.handle).map(\.wrapped), [blob(81).reversed(), blob(82).reversed()], name)
        XCTAssertEqual(try db.kekHistory(handle: b.handle), [1, 2], name)
        XCTAssertEqual(try db.kekSummary().map(\.deks), [0, 7], name)
        XCTAssertEqual(try db.unusedRetiringKEKs(), [1], name)
    }

    // MARK: Transactions

    func aFailedTransactionLeavesNothingBehind() throws {
        struct Abort: Error {}
        XCTAssertThrowsError(try db.inTransaction {
            try db.activateKEK(version: 1, wrapped: blob(11), at: at(1))
            let a = try addCustomer(1)
            try db.insertDEK(handle: a.handle, generation: 1, kekVersion: 1, wrapped: blob(12), at: at(2))
            _ = try db.recordErasure(customerTag: blob(13), handleTag: blob(14), at: at(3), draft: Array("{}".utf8))
            try db.storeAuditAnchor(AuditAnchor(keyedFrom: 1, seq: 2, head: blob(15), prunedTo: 0), mac: blob(16))
            throw Abort()
        }, name) { XCTAssertTrue($0 is Abort, "\(name): \($0)") }
        XCTAssertEqual(try db.newestKEKVersion(), 0, name)
        XCTAssertEqual(try db.customerCount(), 0, name)
        XCTAssertEqual(try db.erasureCount(), 0, name)
        XCTAssertNil(try db.auditAnchorRow(), name)
        XCTAssertEqual(try engine.count("SELECT COUNT(*) FROM dek") + engine.count("SELECT COUNT(*) FROM dek_kek_history"), 0, name)

        // A failing statement takes the statements before it with it.
        XCTAssertThrowsError(try db.inTransaction {
            try db.activateKEK(version: 1, wrapped: blob(11), at: at(1))
            try db.activateKEK(version: 1, wrapped: blob(11), at: at(1))
        }, name)
        XCTAssertEqual(try db.newestKEKVersion(), 0, name)

        try db.inTransaction { try db.activateKEK(version: 1, wrapped: blob(11), at: at(1)) }
        try db.emptyLog()
        XCTAssertEqual(try kekStates(), ["1:active"], "\(name): committed, and emptying the log keeps it")

        // A transaction inside a transaction is refused; the outer one goes on and commits.
        let b = blob(2)
        try db.inTransaction {
            try addCustomer(1)
            XCTAssertThrowsError(try db.inTransaction { try addCustomer(2) }, name)
            try addCustomer(3)
        }
        XCTAssertEqual(try db.customerCount(), 2, name)
        XCTAssertNil(try db.customer(blindIndex: b), name)
    }
}

/// The contract's cases, listed once for every engine's test class.
protocol KeyringRecordsContractCases: XCTestCase {
    func makeEngine() throws -> KeyringRecordsEngine
}

extension KeyringRecordsContractCases {
    func run(_ body: (KeyringRecordsContract) throws -> Void) throws {
        let engine = try makeEngine()
        defer { engine.cleanup() }
        try body(KeyringRecordsContract(engine))
    }
}

final class SQLiteKeyringRecordsContractTests: XCTestCase, KeyringRecordsContractCases {
    /// keys.db as a daemon opens it (`SQLiteEngine.openKeyring`: migrated, foreign keys on).
    func makeEngine() throws -> KeyringRecordsEngine {
        let dir = try TemporaryDirectory(prefix: "cfkrc")
        let records = try SQLiteEngine(keysPath: dir.path + "/keys.db", dataPath: dir.path + "/data.db")
            .openKeyring(options: TranscriptStore.Options())
        let db = try XCTUnwrap(records as? Database)
        return KeyringRecordsEngine(name: "SQLite", records: records, count: { try db.count($0) }, cleanup: { dir.remove() })
    }

    func testTheKeyringRowRoundTripsEveryColumn() throws { try run { try $0.theKeyringRowRoundTripsEveryColumn() } }
    func testActivatingAKEKRetiresTheActiveOne() throws { try run { try $0.activatingAKEKRetiresTheActiveOne() } }
    func testARetiringKEKIsUnusedOnlyOnceNoDEKNamesIt() throws { try run { try $0.aRetiringKEKIsUnusedOnlyOnceNoDEKNamesIt() } }
    func testACustomerRowRoundTripsAndEveryKeyChangeBumpsItsVersionAndEveryHoldIsCounted() throws { try run { try $0.aCustomerRowRoundTripsAndEveryChangeBumpsItsVersion() } }
    func testHeldCustomersComeOldestHoldFirst() throws { try run { try $0.heldCustomersComeOldestHoldFirst() } }
    func testAReleasePendingIsStillAHoldUntilCleared() throws { try run { try $0.aReleasePendingIsStillAHoldUntilCleared() } }
    func testDeletingACustomersKeysLeavesNoRowNamingIt() throws { try run { try $0.deletingACustomersKeysLeavesNoRowNamingIt() } }
    func testDeksRoundTripInGenerationOrderAndRecordTheirKEKHistory() throws { try run { try $0.deksRoundTripInGenerationOrderAndRecordTheirKEKHistory() } }
    func testDeksToRewrapSkipTheActiveVersionAndStopAtTheLimit() throws { try run { try $0.deksToRewrapSkipTheActiveVersionAndStopAtTheLimit() } }
    func testAnErasureRoundTripsAndTakesOnlyItsOwnReceipt() throws { try run { try $0.anErasureRoundTripsAndTakesOnlyItsOwnReceipt() } }
    func testMergeErasureKeepsTheNewestAndCompletesOnlyItsOwnMissingReceipt() throws {
        try run { try $0.mergeErasureKeepsTheNewestAndCompletesOnlyItsOwnMissingReceipt() }
    }
    func testMergeErasureJudgesLaterByTheErasureNumber() throws { try run { try $0.mergeErasureJudgesLaterByTheErasureNumber() } }
    func testErasureOrdinalsFollowTheOrderRowsAreWritten() throws { try run { try $0.erasureOrdinalsFollowTheOrderRowsAreWritten() } }
    func testTheAuditAnchorRoundTripsAndIsReplacedInPlace() throws { try run { try $0.theAuditAnchorRoundTripsAndIsReplacedInPlace() } }
    func testTheKeyringRunsUnchangedOnTheRecords() throws { try run { try $0.theKeyringRunsUnchangedOnTheRecords() } }
    func testAFailedTransactionLeavesNothingBehind() throws { try run { try $0.aFailedTransactionLeavesNothingBehind() } }
}

final class PostgresKeyringRecordsContractTests: XCTestCase, KeyringRecordsContractCases {
    func makeEngine() throws -> KeyringRecordsEngine {
        let pg = try PostgresContractSchema(.keys)
        return KeyringRecordsEngine(name: pg.role, records: pg.records, count: pg.count, cleanup: pg.drop)
    }

    func testTheKeyringRowRoundTripsEveryColumn() throws { try run { try $0.theKeyringRowRoundTripsEveryColumn() } }
    func testActivatingAKEKRetiresTheActiveOne() throws { try run { try $0.activatingAKEKRetiresTheActiveOne() } }
    func testARetiringKEKIsUnusedOnlyOnceNoDEKNamesIt() throws { try run { try $0.aRetiringKEKIsUnusedOnlyOnceNoDEKNamesIt() } }
    func testACustomerRowRoundTripsAndEveryKeyChangeBumpsItsVersionAndEveryHoldIsCounted() throws { try run { try $0.aCustomerRowRoundTripsAndEveryChangeBumpsItsVersion() } }
    func testHeldCustomersComeOldestHoldFirst() throws { try run { try $0.heldCustomersComeOldestHoldFirst() } }
    func testAReleasePendingIsStillAHoldUntilCleared() throws { try run { try $0.aReleasePendingIsStillAHoldUntilCleared() } }
    func testDeletingACustomersKeysLeavesNoRowNamingIt() throws { try run { try $0.deletingACustomersKeysLeavesNoRowNamingIt() } }
    func testDeksRoundTripInGenerationOrderAndRecordTheirKEKHistory() throws { try run { try $0.deksRoundTripInGenerationOrderAndRecordTheirKEKHistory() } }
    func testDeksToRewrapSkipTheActiveVersionAndStopAtTheLimit() throws { try run { try $0.deksToRewrapSkipTheActiveVersionAndStopAtTheLimit() } }
    func testAnErasureRoundTripsAndTakesOnlyItsOwnReceipt() throws { try run { try $0.anErasureRoundTripsAndTakesOnlyItsOwnReceipt() } }
    func testMergeErasureKeepsTheNewestAndCompletesOnlyItsOwnMissingReceipt() throws {
        try run { try $0.mergeErasureKeepsTheNewestAndCompletesOnlyItsOwnMissingReceipt() }
    }
    func testMergeErasureJudgesLaterByTheErasureNumber() throws { try run { try $0.mergeErasureJudgesLaterByTheErasureNumber() } }
    func testErasureOrdinalsFollowTheOrderRowsAreWritten() throws { try run { try $0.erasureOrdinalsFollowTheOrderRowsAreWritten() } }
    func testTheAuditAnchorRoundTripsAndIsReplacedInPlace() throws { try run { try $0.theAuditAnchorRoundTripsAndIsReplacedInPlace() } }
    func testTheKeyringRunsUnchangedOnTheRecords() throws { try run { try $0.theKeyringRunsUnchangedOnTheRecords() } }
    func testAFailedTransactionLeavesNothingBehind() throws { try run { try $0.aFailedTransactionLeavesNothingBehind() } }
}
