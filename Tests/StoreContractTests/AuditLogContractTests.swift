import ConfideCrypto
@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import ConfideStorage
import Foundation
import TestSupport
import XCTest

/// One engine under test: a fresh, migrated data store, and a way to run raw SQL on it the
/// way an attacker with write access to the database would.
struct AuditLogEngine {
    let name: String
    let log: any AuditLogStorage
    let raw: (String) throws -> Void
    let cleanup: () -> Void
}

/// The audit chain's contract, run from this one source against every engine: what
/// `AuditChain` writes through `AuditLogStorage`, `AuditVerifier` reads back and accepts,
/// and every edit of the stored rows is found, at the same seq, on SQLite and on PostgreSQL.
/// (Issue 19's storage seam; issue 20: "the store's contract tests run against both engines
/// from one test source".) PostgreSQL runs when `CONFIDE_TEST_POSTGRES_URI` is set, as
/// scripts/test does; without it the PostgreSQL half is reported as skipped.
///
/// The contract is written once, in `AuditLogContract`; each engine's test class lists the
/// same cases (XCTest on Linux finds only methods a class declares itself, not inherited ones).
struct AuditLogContract {
    let engine: AuditLogEngine
    private let signer = try! SigningKey.generate()

    init(_ engine: AuditLogEngine) { self.engine = engine }

    /// Appends `count` entries in commits of `perCommit`, sealing each commit's head and
    /// signing every 10 entries, as the writer does.
    private func write(_ count: Int, perCommit: Int = 3, into log: any AuditLogStorage) throws -> AuditChain {
        let chain = try AuditChain(db: log, signingKey: signer, checkpointInterval: 10, keyedFrom: nil)
        var written = 0
        while written < count {
            for _ in 0..<min(perCommit, count - written) {
                try chain.append(AuditContext(uid: 1000, pid: 42, role: "support", method: "session.append"), customerRef: [1, 2, 3],
                                 outcome: written % 7 == 0 ? "-32602" : "ok", at: Timestamp(milliseconds: 1_700_000_000_000 + Int64(written)),
                                 in: log)
                written += 1
            }
            try chain.checkpointIfDue(at: Timestamp(milliseconds: 1_700_000_000_000), in: log)
            try chain.sealHead(in: log)
        }
        try chain.checkpointIfDue(at: Timestamp(milliseconds: 1_700_000_000_001), in: log, force: true)
        return chain
    }

    private func verify(_ log: any AuditLogStorage, withMAC: Bool = true) throws -> AuditVerifier.Report {
        try AuditVerifier.verify(log, publicKey: signer.publicKey, mac: withMAC ? try AuditMAC(signingKey: signer, keyedFrom: 1) : nil)
    }

    func aWrittenChainVerifiesAndResumesWhereItEnded() throws {
        let log = engine.log
        let chain = try write(25, into: log)
        let report = try verify(log)
        XCTAssertTrue(report.ok, "\(engine.name): \(report)")
        XCTAssertEqual(report.entries, 25)
        XCTAssertEqual(report.head, encodeHex(chain.head))
        XCTAssertEqual(report.checkpoints, 3, "at 10, 20 and the forced one at 25")
        XCTAssertEqual(try AuditVerifier.verify(log: log).ok, true, "\(engine.name): with the stored public key")
        // A second writer resumes at the next seq, after checking the head's MAC.
        let resumed = try AuditChain(db: log, signingKey: signer, checkpointInterval: 10, keyedFrom: 1)
        XCTAssertEqual(resumed.nextSeq, 26)
        XCTAssertEqual(resumed.head, chain.head)
        XCTAssertEqual(try AuditVerifier.tail(log, limit: 3).map(\.seq), [23, 24, 25])
        XCTAssertEqual(try AuditVerifier.tail(log, limit: 2, afterSeq: 5).map(\.seq), [6, 7])
        let first = try XCTUnwrap(AuditVerifier.tail(log, limit: 1, afterSeq: 0).first)
        XCTAssertEqual(first.uid, 1000)
        XCTAssertEqual(first.customerRef, [1, 2, 3])
        XCTAssertEqual(first.outcome, "-32602")
    }

    func anEditedEntryIsFoundAtItsSeq() throws {
        _ = try write(25, into: engine.log)
        try engine.raw("UPDATE audit_entry SET outcome = 'ok' WHERE seq = 8")
        let report = try verify(engine.log)
        XCTAssertFalse(report.ok, engine.name)
        XCTAssertEqual(report.firstBadSeq, 8, "\(engine.name): \(report)")
    }

    func aDeletedEntryIsMissing() throws {
        _ = try write(25, into: engine.log)
        try engine.raw("DELETE FROM audit_entry WHERE seq = 12")
        let report = try verify(engine.log)
        XCTAssertEqual(report.firstBadSeq, 12, "\(engine.name): \(report)")
        XCTAssertEqual(report.problem, "entry 12 is missing")
    }

    func aCutTailBehindASignedCheckpointIsTruncation() throws {
        _ = try write(25, into: engine.log)
        try engine.raw("DELETE FROM audit_entry WHERE seq > 18")
        let report = try verify(engine.log, withMAC: false)
        XCTAssertFalse(report.ok, engine.name)
        XCTAssertTrue(report.problem?.contains("truncated") == true, "\(engine.name): \(report)")
    }

    func aHeadWhoseMACFailsIsRefusedBeforeAnythingIsAppended() throws {
        _ = try write(10, into: engine.log)
        try engine.raw("UPDATE audit_entry SET mac = NULL WHERE seq = 10")
        XCTAssertThrowsError(try AuditChain(db: engine.log, signingKey: signer, checkpointInterval: 10, keyedFrom: 1), engine.name) { error in
            XCTAssertEqual((error as? StoreError)?.code, -32006, "\(error)")
        }
    }

    func aReplacedPublicKeyIsRefused() throws {
        _ = try write(5, into: engine.log)
        try engine.raw("DELETE FROM audit_meta")
        try engine.log.storeAuditPublicKey(try SigningKey.generate().publicKey.bytes)
        XCTAssertThrowsError(try AuditChain(db: engine.log, signingKey: signer, checkpointInterval: 10, keyedFrom: 1), engine.name)
        XCTAssertFalse(try AuditVerifier.verify(log: engine.log).ok, "\(engine.name): the forged key did not sign the checkpoints")
    }

    func anImpossibleUidIsReportedNotWrapped() throws {
        _ = try write(5, into: engine.log)
        try engine.raw("UPDATE audit_entry SET peer_uid = -1 WHERE seq = 3")
        let report = try verify(engine.log)
        XCTAssertEqual(report.firstBadSeq, 3, "\(engine.name): \(report)")
        XCTAssertTrue(report.problem?.contains("impossible") == true, "\(engine.name): \(report)")
    }
}

/// The contract's cases, listed once for every engine's test class.
protocol AuditLogContractCases: XCTestCase {
    func makeEngine() throws -> AuditLogEngine
}

extension AuditLogContractCases {
    func run(_ body: (AuditLogContract) throws -> Void) throws {
        let engine = try makeEngine()
        defer { engine.cleanup() }
        try body(AuditLogContract(engine))
    }
}

final class SQLiteAuditLogContractTests: XCTestCase, AuditLogContractCases {
    func makeEngine() throws -> AuditLogEngine {
        let dir = try TemporaryDirectory(prefix: "cfalc")
        let db = try Database(path: dir.path + "/data.db")
        try Migrator(StoreSchema.data.migrations).migrate(db)
        return AuditLogEngine(name: "SQLite", log: db, raw: { try db.execute($0) }, cleanup: { dir.remove() })
    }

    func testAWrittenChainVerifiesAndResumesWhereItEnded() throws { try run { try $0.aWrittenChainVerifiesAndResumesWhereItEnded() } }
    func testAnEditedEntryIsFoundAtItsSeq() throws { try run { try $0.anEditedEntryIsFoundAtItsSeq() } }
    func testADeletedEntryIsMissing() throws { try run { try $0.aDeletedEntryIsMissing() } }
    func testACutTailBehindASignedCheckpointIsTruncation() throws { try run { try $0.aCutTailBehindASignedCheckpointIsTruncation() } }
    func testAHeadWhoseMACFailsIsRefusedBeforeAnythingIsAppended() throws { try run { try $0.aHeadWhoseMACFailsIsRefusedBeforeAnythingIsAppended() } }
    func testAReplacedPublicKeyIsRefused() throws { try run { try $0.aReplacedPublicKeyIsRefused() } }
    func testAnImpossibleUidIsReportedNotWrapped() throws { try run { try $0.anImpossibleUidIsReportedNotWrapped() } }
}

final class PostgresAuditLogContractTests: XCTestCase, AuditLogContractCases {
    func makeEngine() throws -> AuditLogEngine {
        guard let uri = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_URI"], !uri.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        let schema = "contract_" + UUID().uuidString.prefix(8).lowercased()
        try PostgresConnection(uri: uri).execute("CREATE SCHEMA \(schema)")
        let c = try PostgresConnection(uri: uri)
        try c.execute("SET search_path TO \(schema)")
        try PostgresMigrator.embedded(.data).migrate(c)
        return AuditLogEngine(name: "PostgreSQL", log: c.auditLog(chain: 0), raw: { try c.execute($0) },
                              cleanup: { try? PostgresConnection(uri: uri).execute("DROP SCHEMA \(schema) CASCADE") })
    }

    func testAWrittenChainVerifiesAndResumesWhereItEnded() throws { try run { try $0.aWrittenChainVerifiesAndResumesWhereItEnded() } }
    func testAnEditedEntryIsFoundAtItsSeq() throws { try run { try $0.anEditedEntryIsFoundAtItsSeq() } }
    func testADeletedEntryIsMissing() throws { try run { try $0.aDeletedEntryIsMissing() } }
    func testACutTailBehindASignedCheckpointIsTruncation() throws { try run { try $0.aCutTailBehindASignedCheckpointIsTruncation() } }
    func testAHeadWhoseMACFailsIsRefusedBeforeAnythingIsAppended() throws { try run { try $0.aHeadWhoseMACFailsIsRefusedBeforeAnythingIsAppended() } }
    func testAReplacedPublicKeyIsRefused() throws { try run { try $0.aReplacedPublicKeyIsRefused() } }
    func testAnImpossibleUidIsReportedNotWrapped() throws { try run { try $0.anImpossibleUidIsReportedNotWrapped() } }
}
