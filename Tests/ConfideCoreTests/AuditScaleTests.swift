// Issue 6: an honest log of 100,000 entries verifies; an operation whose audit entry cannot
// be committed fails closed (writes and reads), and the store recovers afterwards.
@_spi(Testing) import ConfideCore
import ConfideStorage
import Foundation
import XCTest

final class AuditScaleTests: XCTestCase {
    func testHonestLogOf100000EntriesVerifies() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        let c = CoreTestSupport.customer("scale")
        try RAKit.append(store, c, CoreTestSupport.session("s"), "x")
        let ref = try store.keyring.lookup(c)!.auditRef
        let total = 100_000, threads = 32
        let failures = RAGathered<String>()
        // Many concurrent callers, so group commit batches their entries.
        RAKit.onThreads(threads) { w in
            for i in stride(from: w + 1, to: total, by: threads) {
                let context = RAKit.context(i % 2 == 0 ? "session.get" : "session.list", purpose: i % 5 == 0 ? "support" : nil,
                                            uid: UInt32(w), pid: Int32(i))
                do { try store.audit(context, customerRef: i % 3 == 0 ? nil : ref, outcome: i % 7 == 0 ? -32004 : nil) }
                catch { failures.add("\(i): \(error)") }
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertGreaterThan(store.writerStatistics.largestGroup, 1, "entries were committed in groups")
        let publicKey = store.keyring.auditPublicKey
        store.close()

        let report = try RAKit.verify(t.state.dataPath, publicKey: publicKey)
        XCTAssertTrue(report.ok, report.problem ?? "")
        XCTAssertEqual(report.entries, total)
        XCTAssertNil(report.firstBadSeq)
        XCTAssertGreaterThanOrEqual(report.checkpoints, total / (1_000 + 512), "a checkpoint at least every interval + one group")
        XCTAssertEqual(report.head, encodeHex(try RAKit.entries(t.state.dataPath).last!.hash))
    }

    func testWritesAndReadsFailClosedWhileTheAuditCannotCommit() throws {
        let t = try CoreTestState(); defer { t.remove() }
        let store = try t.open()
        defer { store.close() }
        let c = CoreTestSupport.customer("fail-closed"), s = CoreTestSupport.session("s")
        try RAKit.append(store, c, s, "before")
        let entriesBefore = try RAKit.entries(t.state.dataPath).count

        // Another connection holds data.db's write lock: the writer's BEGIN IMMEDIATE gets
        // SQLITE_BUSY once the store's 5 s busy timeout has passed.
        let blocker = try Database(path: t.state.dataPath, busyTimeoutMilliseconds: 0)
        try blocker.execute("BEGIN EXCLUSIVE")
        let outcomes = RAGathered<String>()
        RAKit.onThreads(3) { w in
            let error: StoreError?
            switch w {
            case 0: error = RAKit.storeError { try RAKit.append(store, c, s, "during") }
            case 1: error = RAKit.storeError { outcomes.add("get returned \(try RAKit.texts(store, c, s))") }
            default: error = RAKit.storeError { try store.audit(RAKit.context("session.get", role: nil), customerRef: nil, outcome: -32003) }
            }
            outcomes.add(RAKit.isUnavailable(error) ? "\(w): unavailable" : "\(w): \(String(describing: error))")
        }
        XCTAssertEqual(outcomes.all.sorted(), ["0: unavailable", "1: unavailable", "2: unavailable"],
                       "the write, the read (no data returned) and the audit-only call all fail closed")
        try blocker.execute("ROLLBACK")

        // Nothing of the failed calls persisted: no message, no audit entry; the chain is intact.
        XCTAssertEqual(try RAKit.entries(t.state.dataPath).count, entriesBefore)
        XCTAssertEqual(try RAKit.texts(store, c, s), ["before"])
        try RAKit.append(store, c, s, "after")
        XCTAssertEqual(try RAKit.texts(store, c, s), ["before", "after"])
        let entries = try RAKit.entries(t.state.dataPath)
        XCTAssertEqual(entries.map(\.method).suffix(3), ["session.get", "session.append", "session.get"])
        XCTAssertEqual(entries.count, entriesBefore + 3)
        let report = try store.verifyAudit(context: RAKit.context("audit.verify", role: "admin"))
        XCTAssertTrue(report.ok, report.problem ?? "")
    }
}
