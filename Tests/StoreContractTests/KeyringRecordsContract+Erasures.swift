@_spi(Testing) @testable import ConfideCore
import ConfideCrypto
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// The keyring contract's erasure records, audit anchor, and `Keyring` itself on the
/// records (the cases are listed with the others in each engine's class).
extension KeyringRecordsContract {
    // MARK: Erasures

    func anErasureRoundTripsAndTakesOnlyItsOwnReceipt() throws {
        XCTAssertNil(try db.erasure(customerTag: blob(1)), name)
        XCTAssertEqual(try db.erasureCount(), 0, name)
        XCTAssertEqual(try db.recordErasure(customerTag: blob(1), handleTag: blob(2), at: at(100), draft: Array(#"{"n":1}"#.utf8)).number, 1,
                       "\(name): her first erasure")
        var record = try XCTUnwrap(db.erasure(customerTag: blob(1)), name)
        XCTAssertEqual(record.customerTag, blob(1), name)
        XCTAssertEqual(record.handleTag, blob(2), name)
        XCTAssertEqual(record.shreddedAt, at(100), name)
        XCTAssertEqual(record.draft, try json(#"{"n":1}"#), name)
        XCTAssertNil(record.receipt, name)

        try db.setErasureReceipt(Array(#"{"signature":"x"}"#.utf8), customerTag: blob(1), handleTag: blob(3))
        XCTAssertNil(try db.erasure(customerTag: blob(1))?.receipt, "\(name): a receipt for another erasure of the id is not taken")
        try db.setErasureReceipt(Array(#"{"signature":"x"}"#.utf8), customerTag: blob(1), handleTag: blob(2))
        XCTAssertEqual(try db.erasure(customerTag: blob(1))?.receipt, try json(#"{"signature":"x"}"#), name)

        // Erased again (created and shredded anew): the new erasure replaces the old, without a receipt yet.
        // Its number counts her erasures, whatever the times say (daemons' clocks disagree).
        XCTAssertEqual(try db.recordErasure(customerTag: blob(1), handleTag: blob(4), at: at(200), draft: Array(#"{"n":2}"#.utf8)).number, 2,
                       "\(name): her second erasure")
        record = try XCTUnwrap(db.erasure(customerTag: blob(1)), name)
        XCTAssertEqual(record.number, 2, name)
        XCTAssertEqual(record.handleTag, blob(4), name)
        XCTAssertEqual(record.shreddedAt, at(200), name)
        XCTAssertEqual(record.draft, try json(#"{"n":2}"#), name)
        XCTAssertNil(record.receipt, name)

        try db.recordErasure(customerTag: blob(5), handleTag: blob(6), at: at(50), draft: Array("{}".utf8))
        try db.recordErasure(customerTag: blob(7), handleTag: blob(8), at: at(150), draft: Array("{}".utf8))
        XCTAssertEqual(try db.allErasures().map(\.customerTag), [blob(5), blob(7), blob(1)], "\(name): oldest first")
        XCTAssertEqual(try db.erasureCount(), 3, name)
    }

    /// The ledger's rule: an entry replaces keys.db's when it is newer, or when it is the same
    /// erasure (same handle tag) and keys.db's still lacks its receipt; otherwise keys.db's stays.
    func mergeErasureKeepsTheNewestAndCompletesOnlyItsOwnMissingReceipt() throws {
        let draft = Array(#"{"from":"keys"}"#.utf8), ledger = Array(#"{"from":"ledger"}"#.utf8)
        let receipt = Array(#"{"signature":"ledger"}"#.utf8), stored = Array(#"{"signature":"keys"}"#.utf8)
        func merged(_ tag: UInt8) throws -> String {
            let r = try XCTUnwrap(db.erasure(customerTag: blob(tag)), name)
            return "\(r.draft["from"]?.stringValue ?? "?") h\(r.handleTag[1]) t\(r.shreddedAt.milliseconds - at(0).milliseconds) "
                + (r.receipt?["signature"]?.stringValue ?? "no receipt")
        }

        // Absent: recorded as the ledger has it.
        try db.mergeErasure(customerTag: blob(1), handleTag: blob(10), at: at(100), number: nil, draft: ledger, receipt: receipt)
        XCTAssertEqual(try merged(1), "ledger h10 t100 ledger", name)
        try db.mergeErasure(customerTag: blob(2), handleTag: blob(10), at: at(100), number: nil, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(2), "ledger h10 t100 no receipt", name)

        // keys.db's is older (another erasure): the ledger's newer one wins, receipt and all.
        try db.recordErasure(customerTag: blob(3), handleTag: blob(10), at: at(100), draft: draft)
        try db.setErasureReceipt(stored, customerTag: blob(3), handleTag: blob(10))
        try db.mergeErasure(customerTag: blob(3), handleTag: blob(11), at: at(200), number: 2, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(3), "ledger h11 t200 no receipt", name)

        // keys.db's is newer: an older erasure of the id is ignored, even though keys.db's lacks its receipt.
        try db.recordErasure(customerTag: blob(4), handleTag: blob(11), at: at(200), draft: draft)
        try db.mergeErasure(customerTag: blob(4), handleTag: blob(10), at: at(100), number: nil, draft: ledger, receipt: receipt)
        XCTAssertEqual(try merged(4), "keys h11 t200 no receipt", name)

        // The same erasure, its receipt missing in keys.db: completed from the ledger.
        try db.recordErasure(customerTag: blob(5), handleTag: blob(10), at: at(100), draft: draft)
        try db.mergeErasure(customerTag: blob(5), handleTag: blob(10), at: at(100), number: nil, draft: ledger, receipt: receipt)
        XCTAssertEqual(try merged(5), "ledger h10 t100 ledger", name)

        // The same erasure with its receipt already: kept.
        try db.recordErasure(customerTag: blob(6), handleTag: blob(10), at: at(100), draft: draft)
        try db.setErasureReceipt(stored, customerTag: blob(6), handleTag: blob(10))
        try db.mergeErasure(customerTag: blob(6), handleTag: blob(10), at: at(100), number: nil, draft: ledger, receipt: receipt)
        XCTAssertEqual(try merged(6), "keys h10 t100 keys", name)

        // Same time, another handle, no receipt stored: not the same erasure, not newer: kept.
        try db.recordErasure(customerTag: blob(7), handleTag: blob(10), at: at(100), draft: draft)
        try db.mergeErasure(customerTag: blob(7), handleTag: blob(11), at: at(100), number: nil, draft: ledger, receipt: receipt)
        XCTAssertEqual(try merged(7), "keys h10 t100 no receipt", name)

        // The rule looks at the handle and the missing receipt only: an older entry of the
        // same handle still replaces a receipt-less one.
        try db.recordErasure(customerTag: blob(8), handleTag: blob(10), at: at(200), draft: draft)
        try db.mergeErasure(customerTag: blob(8), handleTag: blob(10), at: at(100), number: nil, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(8), "ledger h10 t100 no receipt", name)

        XCTAssertEqual(try db.erasureCount(), 8, name)
    }

    /// With numbered entries (every ledger line since session 24), "later" is the higher
    /// number, never the later time: the erasing daemons' clocks disagree (S23B-2/3).
    func mergeErasureJudgesLaterByTheErasureNumber() throws {
        let draft = Array(#"{"from":"keys"}"#.utf8), ledger = Array(#"{"from":"ledger"}"#.utf8)
        func merged(_ tag: UInt8) throws -> String {
            let r = try XCTUnwrap(db.erasure(customerTag: blob(tag)), name)
            return "\(r.draft["from"]?.stringValue ?? "?") h\(r.handleTag[1]) n\(r.number.map(String.init) ?? "-")"
        }
        // Absent: recorded with the entry's number.
        try db.mergeErasure(customerTag: blob(1), handleTag: blob(10), at: at(100), number: 3, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(1), "ledger h10 n3", name)

        // keys.db holds her second erasure, stamped early by a clock behind; the ledger's first,
        // stamped later by a clock ahead, is older: kept.
        _ = try db.recordErasure(customerTag: blob(2), handleTag: blob(10), at: at(300), draft: draft)
        _ = try db.recordErasure(customerTag: blob(2), handleTag: blob(11), at: at(100), draft: draft)
        try db.mergeErasure(customerTag: blob(2), handleTag: blob(10), at: at(300), number: 1, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(2), "keys h11 n2", name)

        // keys.db holds her first erasure (restored from before her second): the ledger's
        // second wins though its time is earlier.
        _ = try db.recordErasure(customerTag: blob(3), handleTag: blob(10), at: at(300), draft: draft)
        try db.mergeErasure(customerTag: blob(3), handleTag: blob(11), at: at(100), number: 2, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(3), "ledger h11 n2", name)

        // The same erasure completed from the ledger keeps its number.
        _ = try db.recordErasure(customerTag: blob(4), handleTag: blob(10), at: at(100), draft: draft)
        _ = try db.recordErasure(customerTag: blob(4), handleTag: blob(11), at: at(200), draft: draft)
        try db.mergeErasure(customerTag: blob(4), handleTag: blob(11), at: at(200), number: 2, draft: ledger, receipt: Array(#"{"signature":"l"}"#.utf8))
        XCTAssertEqual(try merged(4), "ledger h11 n2", name)

        // An unnumbered entry (written before erasures were numbered) is compared by time, and
        // the row it writes has no number either: how many erasures came before is not known.
        try db.mergeErasure(customerTag: blob(5), handleTag: blob(10), at: at(100), number: nil, draft: draft, receipt: nil)
        try db.mergeErasure(customerTag: blob(5), handleTag: blob(11), at: at(200), number: nil, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(5), "ledger h11 n-", name)
        try db.mergeErasure(customerTag: blob(5), handleTag: blob(12), at: at(150), number: nil, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(5), "ledger h11 n-", "\(name): an unnumbered entry stamped earlier is older")
        // A numbered entry is later than an unnumbered row whatever the times (everything
        // numbered came after the upgrade; S24B-1/2: by time, a clock ahead before the upgrade
        // kept her older erasure), and an unnumbered entry never replaces a numbered row.
        try db.mergeErasure(customerTag: blob(5), handleTag: blob(13), at: at(150), number: 2, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(5), "ledger h13 n2", name)
        try db.mergeErasure(customerTag: blob(5), handleTag: blob(14), at: at(900), number: nil, draft: ledger, receipt: nil)
        XCTAssertEqual(try merged(5), "ledger h13 n2", name)
        // Erased again after an unnumbered erasure: her next is number 2 (at least her second).
        try db.mergeErasure(customerTag: blob(6), handleTag: blob(10), at: at(100), number: nil, draft: ledger, receipt: nil)
        XCTAssertEqual(try db.recordErasure(customerTag: blob(6), handleTag: blob(11), at: at(50), draft: draft).number, 2, name)
    }

    /// Every row written takes an ordinal one above the highest (the keyring's order of
    /// erasures, which the newest-first checks use instead of clocks or the order rows reached
    /// another database); completing the same erasure from the ledger keeps it.
    func erasureOrdinalsFollowTheOrderRowsAreWritten() throws {
        XCTAssertEqual(try db.recordErasure(customerTag: blob(1), handleTag: blob(10), at: at(300), draft: Array("{}".utf8)).ordinal, 1, name)
        XCTAssertEqual(try db.recordErasure(customerTag: blob(2), handleTag: blob(10), at: at(100), draft: Array("{}".utf8)).ordinal, 2, name)
        XCTAssertEqual(try db.recordErasure(customerTag: blob(1), handleTag: blob(11), at: at(50), draft: Array("{}".utf8)).ordinal, 3, name)
        try db.mergeErasure(customerTag: blob(3), handleTag: blob(10), at: at(10), number: 1, draft: Array("{}".utf8), receipt: nil)
        XCTAssertEqual(try db.erasure(customerTag: blob(3))?.ordinal, 4, name)
        try db.mergeErasure(customerTag: blob(1), handleTag: blob(11), at: at(50), number: 2, draft: Array("{}".utf8), receipt: Array("{}".utf8))
        XCTAssertEqual(try db.erasure(customerTag: blob(1))?.ordinal, 3, "\(name): the same erasure completed keeps its place")
        XCTAssertEqual(try db.erasuresWithoutReceipt(limit: 10, atOrBelow: nil).map(\.ordinal), [4, 2], "\(name): newest first")
        XCTAssertEqual(try db.erasuresWithoutReceipt(limit: 1, atOrBelow: nil).map(\.ordinal), [4], name)
        // A page of the erasure-mirror job's sweep (S25D-1): at or below an ordinal.
        XCTAssertEqual(try db.erasuresWithoutReceipt(limit: 10, atOrBelow: 4).map(\.ordinal), [4, 2], name)
        XCTAssertEqual(try db.erasuresWithoutReceipt(limit: 10, atOrBelow: 3).map(\.ordinal), [2], name)
        XCTAssertEqual(try db.erasuresWithoutReceipt(limit: 10, atOrBelow: 1).map(\.ordinal), [], name)
    }

    // MARK: The audit anchor

    func theAuditAnchorRoundTripsAndIsReplacedInPlace() throws {
        XCTAssertNil(try db.auditAnchorRow(), name)
        let first = AuditAnchor(keyedFrom: 1, seq: nil, head: nil, prunedTo: 0, sessionsBound: false)
        try db.storeAuditAnchor(first, mac: blob(61))
        var row = try XCTUnwrap(db.auditAnchorRow(), name)
        XCTAssertEqual(row.anchor, first, name)
        XCTAssertEqual(row.mac, blob(61), name)

        let second = AuditAnchor(keyedFrom: 1, seq: 1000, head: blob(62), prunedTo: 500, sessionsBound: true)
        try db.storeAuditAnchor(second, mac: [])
        row = try XCTUnwrap(db.auditAnchorRow(), name)
        XCTAssertEqual(row.anchor, second, name)
        XCTAssertEqual(row.mac, [], "\(name): an empty MAC is empty, not absent")

        let emptyHead = AuditAnchor(keyedFrom: 7, seq: 0, head: [], prunedTo: 0, sessionsBound: false)
        try db.storeAuditAnchor(emptyHead, mac: blob(63))
        XCTAssertEqual(try db.auditAnchorRow()?.anchor, emptyHead, "\(name): seq 0 and an empty head are values, not NULL")
        XCTAssertEqual(try engine.count("SELECT COUNT(*) FROM audit_anchor"), 1, name)
    }

    // MARK: The keyring itself

    /// `Keyring` (Core's rules: wrapping, rotation, holds, the erasure point) runs unchanged
    /// on the engine's records, and a second `Keyring` opened on them (a restart) finds what
    /// the first committed, with the same keys; a wrong master key is refused.
    func theKeyringRunsUnchangedOnTheRecords() throws {
        let dir = try TemporaryDirectory(prefix: "cfkrk")
        defer { dir.remove() }
        let keyPath = dir.path + "/master.key", otherPath = dir.path + "/other.key"
        for path in [keyPath, otherPath] {
            let hex = Array((encodeHex((0..<32).map { _ in UInt8.random(in: 0...255) }) + "\n").utf8)
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(hex), attributes: [.posixPermissions: 0o600]))
        }
        let keyring = try Keyring(records: db, name: name, source: .keyFile(path: keyPath))
        let alice = try CustomerID("alice"), bob = try CustomerID("bob")
        let a = try keyring.lookupOrCreate(alice)
        let b = try keyring.lookupOrCreate(bob)
        XCTAssertEqual(try keyring.rotateKEK(), 2, name)
        var rounds = 0
        while try !keyring.rewrapBatch(limit: 1).finished, rounds < 10 { rounds += 1 }
        XCTAssertEqual(rounds, 2, "\(name): two DEKs, one per batch")
        XCTAssertEqual(try keyring.destroyUnusedKEKs(), [1], name)
        XCTAssertEqual(try keyring.setHold(blindIndex: a.blindIndex, handle: a.handle, held: true)?.changed, true, name)

        XCTAssertThrowsError(try keyring.destroyCustomer(blindIndex: a.blindIndex, handle: a.handle, draft: { _, _, _, _ in [:] }), name) {
            guard case .legalHold? = $0 as? StoreError else { return XCTFail("\(name): \($0)") }
        }
        let destroyed = try XCTUnwrap(keyring.destroyCustomer(blindIndex: b.blindIndex, handle: b.handle, draft: { _, count, _, _ in
            ["dek_count": .int(count)]
        }), name)
        XCTAssertEqual(destroyed.dekCount, 1, name)
        XCTAssertEqual(destroyed.kekVersions, [1, 2], "\(name): every version that ever wrapped its DEK")
        XCTAssertNil(try keyring.lookup(bob), name)
        XCTAssertTrue(try keyring.isErased(handle: b.handle), name)
        XCTAssertEqual(try keyring.erasure(blindIndex: b.blindIndex)?.draft["dek_count"], .int(1), name)

        // A restart: the same customers, holds and keys; the erased one stays erased.
        let reopened = try Keyring(records: db, name: name, source: .keyFile(path: keyPath))
        XCTAssertEqual(reopened.masterFingerprint, keyring.masterFingerprint, name)
        let again = try XCTUnwrap(reopened.lookup(alice), name)
        XCTAssertEqual(again.handle, a.handle, name)
        XCTAssertNotNil(try reopened.holdState(handle: again.handle).heldSince, name)
        let sealed = try XChaCha20Poly1305.seal(Array("hello".utf8), key: a.dek(1), associatedData: [1])
        XCTAssertEqual(try XChaCha20Poly1305.open(sealed, key: again.dek(1), associatedData: [1]), Array("hello".utf8),
                       "\(name): the DEK unwrapped after the restart is the one sealed with before")
        XCTAssertNil(try reopened.lookup(bob), name)
        XCTAssertThrowsError(try Keyring(records: db, name: name, source: .keyFile(path: otherPath)), "\(name): another master key")
    }
}
