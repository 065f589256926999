@_spi(Testing) @testable import ConfideCore
import ConfideCrypto
import ConfideJSON
import ConfideStorage
import Foundation
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

/// Issue 4, the contract around the erasure: the signed receipt, legal hold, what a shred
/// leaves visible afterwards, and the background purge of large customers.
final class ShredReceiptTests: XCTestCase {
    private var dir: CoreTestState!
    private var store: TranscriptStore!
    private let clock = ManualClock()

    override func setUpWithError() throws {
        dir = try CoreTestState()
        store = try dir.open(clock: clock)
    }

    override func tearDown() {
        store?.close()
        store = nil
        dir?.remove()
    }

    private func count(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try Database(path: dir.state.dataPath, mode: .readOnly).queryOne(sql, values) { $0.int(0) } ?? -1
    }

    /// Every mutation of one member of `value` (and a removal) that must break the signature.
    private func tampered(_ receipt: JSONObject) -> [(String, JSONObject)] {
        var out: [(String, JSONObject)] = []
        for (key, value) in receipt {
            var changed = receipt
            switch value {
            case .string(let s) where key == "signature":
                var b = [UInt8](Data(base64Encoded: s)!)
                b[0] ^= 1
                changed[key] = .string(Data(b).base64EncodedString())
            case .string(let s): changed[key] = .string(s + "0")
            case .number: changed[key] = .int((value.intValue ?? 0) + 1)
            case .bool(let b): changed[key] = .bool(!b)
            case .null: changed[key] = .string("2030-01-01T00:00:00.000Z")
            case .array(let a): changed[key] = .array(a + [.int(99)])
            case .object, .fragment: changed[key] = .null
            }
            out.append(("changed \(key)", changed))
            var removed = receipt
            removed[key] = nil
            out.append(("removed \(key)", removed))
        }
        var added = receipt
        added["extra"] = "x"
        out.append(("added a member", added))
        return out
    }

    /// The receipt has every PROTOCOL field with the right values, its audit seq and head
    /// are the shred's own audit entry, it verifies with the audit public key, and fails
    /// after any single member is changed or removed, and with another key.
    func testReceiptHasEveryProtocolFieldAndVerifiesOnlyUnchangedWithTheAuditKey() throws {
        try store.testAppend("cust", "s1", (1...3).map { TS.message("m\($0)") })
        try store.testAppend("cust", "s2", (1...2).map { TS.message("n\($0)") })
        let ref = try XCTUnwrap(try store.keyring.lookup(TS.customer("cust"))).auditRef
        clock.advance(seconds: 5)
        let receipt = try store.testShred("cust", reason: "TICKET-42")
        let json = try XCTUnwrap(receipt.json.objectValue)

        XCTAssertEqual(json["customer_ref"], .string(encodeHex(ref)))
        XCTAssertEqual(json["reason"], "TICKET-42")
        XCTAssertEqual(json["sessions"]?.intValue, 2)
        XCTAssertEqual(json["messages"]?.intValue, 5)
        XCTAssertEqual(json["keys_destroyed"]?.intValue, 1)
        XCTAssertEqual(json["shredded_at"]?.stringValue, clock.now().rfc3339)
        XCTAssertEqual(json["verified"], .bool(true))
        XCTAssertEqual(json["kek_versions"], [1])
        let liveBy = try XCTUnwrap(json["live_keys_destroyed_by"]?.stringValue.flatMap { Timestamp(rfc3339: $0) })
        XCTAssertGreaterThanOrEqual(liveBy, clock.now().adding(days: store.options.kekRotationDays), "active KEK 1 dies with its rotation")
        XCTAssertEqual(json["backup_horizon"], .null, "no keys backup retention configured")
        XCTAssertEqual(json["backup_horizon_basis"], .null)
        XCTAssertNotNil(json["backup_horizon_reason"]?.stringValue)
        let seq = try XCTUnwrap(json["audit_seq"]?.intValue)
        let head = try XCTUnwrap(json["audit_head"]?.stringValue)
        XCTAssertEqual(head.count, 64)
        let entry = try Database(path: dir.state.dataPath, mode: .readOnly)
            .queryOne("SELECT hash, method, customer_ref FROM audit_entry WHERE seq = ?", [.int(seq)]) { ($0.blob(0), $0.text(1), $0.blob(2)) }
        XCTAssertEqual(entry.map { encodeHex($0.0) }, head, "audit_head is the chain hash at audit_seq")
        XCTAssertEqual(entry?.1, "customer.shred")
        XCTAssertEqual(entry?.2, ref)
        XCTAssertNotNil(json["signature"]?.stringValue.flatMap { Data(base64Encoded: $0) })

        let key = store.keyring.auditPublicKey
        XCTAssertNoThrow(try ErasureReceipt.verify(receipt.json, publicKey: key))
        // Also after a trip through the wire format.
        XCTAssertNoThrow(try ErasureReceipt.verify(JSONParser.parse(JSONWriter.string(receipt.json)), publicKey: key))
        let cases = tampered(json)
        XCTAssertEqual(cases.count, 2 * json.count + 1)
        for (what, changed) in cases {
            XCTAssertThrowsError(try ErasureReceipt.verify(.object(changed), publicKey: key), what)
        }
        XCTAssertThrowsError(try ErasureReceipt.verify(receipt.json, publicKey: try SigningKey.generate().publicKey)) {
            XCTAssertEqual($0 as? ErasureReceipt.VerificationFailure, .badSignature)
        }
    }

    /// With `keysBackupRetentionDays` configured the receipt states the backup horizon.
    func testReceiptBackupHorizonFollowsTheConfiguredKeysBackupRetention() throws {
        store.close()
        var options = TS.options()
        options.keysBackupRetentionDays = 14
        store = try dir.open(options: options, clock: clock)
        try store.testAppend("cust", "s1", [TS.message("m")])
        let json = try XCTUnwrap(try store.testShred("cust").json.objectValue)
        XCTAssertEqual(json["backup_horizon"]?.stringValue, clock.now().adding(days: 14).rfc3339)
        XCTAssertEqual(json["backup_horizon_basis"], "keys_backup_retention_days")
        XCTAssertNoThrow(try ErasureReceipt.verify(.object(json), publicKey: store.keyring.auditPublicKey))
    }

    /// A held customer is refused with legalHold and keeps every session readable; after
    /// release the shred goes through. An unknown customer is notFound, not success.
    func testHeldCustomerIsRefusedUntilReleasedAndUnknownCustomerIsNotFound() throws {
        for s in ["a", "b", "c"] { try store.testAppend("held", s, [TS.message("keep \(s)")]) }
        let c = TS.customer("held")
        let hold = try store.setHold(customer: c, held: true, context: TS.context("customer.hold"))
        XCTAssertTrue(hold.held)
        XCTAssertEqual(hold.since, clock.now())
        assertStoreError({ _ = try store.testShred("held") }, matches: { $0 == .legalHold })
        for s in ["a", "b", "c"] { XCTAssertEqual(try store.testGet("held", s).texts, ["keep \(s)"]) }
        XCTAssertNotNil(try store.keyring.lookup(c))

        XCTAssertFalse(try store.setHold(customer: c, held: false, context: TS.context("customer.release")).held)
        XCTAssertEqual(try store.testShred("held").body["sessions"]?.intValue, 3)
        assertStoreError({ _ = try store.testGet("held", "a") }, matches: Kit.isNotFound)

        assertStoreError({ _ = try store.testShred("never-seen") }, matches: Kit.isNotFound)
        let again = try store.testShred("held")
        XCTAssertTrue(again.isRepeat, "a second shred gives the stored receipt again")
        XCTAssertEqual(again.body["sessions"]?.intValue, 3)
    }

    /// After a shred get, list, export, delete and hold answer notFound; a new append for
    /// the same id starts a brand-new customer (count 1, new pseudonym in later audit
    /// entries and a later receipt).
    func testAfterShredTheCustomerIsGoneAndANewAppendStartsFresh() throws {
        try store.testAppend("again", "s1", [TS.message("old 1"), TS.message("old 2")])
        let first = try store.testShred("again")
        let c = TS.customer("again")
        assertStoreError({ _ = try store.testGet("again", "s1") }, matches: Kit.isNotFound)
        assertStoreError({ _ = try store.testList("again", limit: 10) }, matches: Kit.isNotFound)
        assertStoreError({ _ = try store.testExportAll("again") }, matches: Kit.isNotFound)
        assertStoreError({ try store.delete(customer: c, session: TS.session("s1"), context: TS.context()) }, matches: Kit.isNotFound)
        assertStoreError({ _ = try store.setHold(customer: c, held: true, context: TS.context()) }, matches: Kit.isNotFound)

        let fresh = try store.testAppend("again", "s1", [TS.message("new")])
        XCTAssertEqual(fresh.count, 1)
        XCTAssertEqual(fresh.firstSeq, 1)
        XCTAssertEqual(try store.testGet("again", "s1").texts, ["new"])
        XCTAssertEqual(try store.testExportAll("again").map(\.session), ["s1"])
        let newRef = try XCTUnwrap(try store.keyring.lookup(c)).auditRefHex
        XCTAssertNotEqual(newRef, first.body["customer_ref"]?.stringValue)
        let tail = try store.auditTail(limit: 5, context: TS.context("audit.tail"))
        let appendEntry = try XCTUnwrap(tail.last(where: { $0.method == "session.append" }))
        XCTAssertEqual(appendEntry.customerRef.map(encodeHex), newRef)
        XCTAssertEqual(try store.keyring.erasure(blindIndex: store.keyring.blindIndex(of: c))?.number, 1, "her first erasure")
        let second = try store.testShred("again")
        XCTAssertEqual(second.body["customer_ref"]?.stringValue, newRef)
        XCTAssertEqual(second.body["messages"]?.intValue, 1)
        // Which erasure of the id it is, counted by keys.db (not told by clocks).
        XCTAssertEqual(try store.keyring.erasure(blindIndex: store.keyring.blindIndex(of: c))?.number, 2, "her second erasure")
    }

    /// A customer of 10 sessions and one of 10,000 (one message each) both shred; the
    /// small one's rows go inside the shred, the big one's (above the inline limit) stay
    /// unreadable until the purge job removes them, leaving pending_purge empty.
    func testSmallAndLargeCustomersShredAndTheLargeOnesRowsArePurgedByTheJob() throws {
        let store = self.store!
        for i in 0..<10 { try store.testPut("small", "s\(i)", [TS.message("small \(i)")]) }
        let big = 10_000, threads = 16
        Kit.onThreads(threads) { t in
            for i in stride(from: t, to: big, by: threads) { _ = try? store.testPut("big", "s\(i)", [TS.message("big \(i)")]) }
        }
        try store.testPut("bystander", "s", [TS.message("stays")])
        let handles = try ["small", "big"].map { try XCTUnwrap(try store.keyring.lookup(TS.customer($0))).handle }
        XCTAssertEqual(try count("SELECT COUNT(*) FROM session WHERE customer_handle = ?", [.blob(handles[1])]), big)

        let small = try store.testShred("small")
        XCTAssertEqual(small.body["sessions"]?.intValue, 10)
        XCTAssertEqual(try count("SELECT COUNT(*) FROM session WHERE customer_handle = ?", [.blob(handles[0])]), 0, "purged inline")
        let large = try store.testShred("big")
        XCTAssertEqual(large.body["sessions"]?.intValue, big)
        XCTAssertEqual(large.body["messages"]?.intValue, big)
        XCTAssertEqual(large.body["verified"], .bool(true))
        assertStoreError({ _ = try store.testGet("big", "s1") }, matches: Kit.isNotFound)
        XCTAssertEqual(try count("SELECT COUNT(*) FROM pending_purge WHERE customer_handle = ?", [.blob(handles[1])]), 1)
        // Above the inline limit the rows (unreadable already) wait for the job: this test
        // really exercises the background purge.
        XCTAssertEqual(try count("SELECT COUNT(*) FROM session WHERE customer_handle = ?", [.blob(handles[1])]), big)

        store.scheduler!.runOnce()
        XCTAssertEqual(store.scheduler!.jobStates["purge"]?.lastOutcome, "ok")
        XCTAssertEqual(try count("SELECT COUNT(*) FROM session WHERE customer_handle = ?", [.blob(handles[1])]), 0)
        XCTAssertEqual(try count("SELECT COUNT(*) FROM chunk"), 1, "only the bystander's chunk is left")
        XCTAssertEqual(try count("SELECT COUNT(*) FROM pending_purge"), 0)
        XCTAssertEqual(try store.testGet("bystander", "s").texts, ["stays"])
    }
}
