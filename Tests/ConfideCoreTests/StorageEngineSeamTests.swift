@_spi(Testing) import ConfideCore
import Foundation
import TestSupport
import XCTest

/// Core reaches its stores only through the `StorageEngine` it was opened on: with an
/// engine whose files live outside the state folder, everything a store does — open,
/// write, read, shred, back up, report — lands in the engine's files, and the state folder
/// holds only what is the daemon's own (its lock). If any part of Core opened
/// `state.keysPath` or `state.dataPath` itself, a keys.db or data.db would appear there.
final class StorageEngineSeamTests: XCTestCase {
    func testEverythingGoesThroughTheEngineItWasOpenedOn() throws {
        let t = try CoreTestState()
        defer { t.remove() }
        let elsewhere = t.root.path + "/elsewhere"
        XCTAssertEqual(mkdir(elsewhere, 0o700), 0)
        let engine = SQLiteEngine(keysPath: elsewhere + "/k.db", dataPath: elsewhere + "/d.db")

        let store = try TranscriptStore(state: t.state, engine: engine, masterKey: t.masterKey, options: CoreTestSupport.options())
        _ = try store.testAppend("cust-seam", "sess-1", [CoreTestSupport.message("hello seam")])
        _ = try store.testAppend("cust-gone", "sess-2", [CoreTestSupport.message("to be shredded")])
        XCTAssertEqual(try store.testGet("cust-seam", "sess-1").messages.map { try $0.decoded().text }, ["hello seam"])
        _ = try store.testShred("cust-gone")
        let backup = t.root.path + "/backup"
        let manifest = try store.backup(to: backup, .init(keys: true, data: true), context: CoreTestSupport.context("system.backup"))
        store.close()

        let stateFiles = try FileManager.default.contentsOfDirectory(atPath: t.state.path)
        XCTAssertFalse(stateFiles.contains { $0.hasPrefix("keys.db") || $0.hasPrefix("data.db") },
                       "Core opened the state folder's files itself: \(stateFiles)")
        let engineFiles = try FileManager.default.contentsOfDirectory(atPath: elsewhere)
        XCTAssertTrue(engineFiles.contains("k.db") && engineFiles.contains("d.db"), "\(engineFiles)")

        // The backup copied the engine's stores (a backup folder is an embedded state folder).
        XCTAssertEqual(manifest.files.map(\.name).sorted(), ["data.db", "keys.db"])
        let verified = try AuditVerifier.verify(dataFile: backup + "/data.db")
        XCTAssertTrue(verified.ok, verified.problem ?? "")
        XCTAssertEqual(manifest.auditHead, verified.head)

        // The report reads the engine's stores: the shred and the chain are there.
        let report = try PrivacyReport.build(engine: engine, policy: .init(), since: nil, now: ManualClock.defaultStart.adding(days: 1))
        XCTAssertEqual(report.json["erasures"]?.objectValue?["count"], .int(1))
        XCTAssertEqual(report.json["retention"]?.objectValue?["sessions"], .int(1))
        XCTAssertEqual(report.json["audit_chain"]?.objectValue?["ok"], .bool(true))

        // Reopened on the same engine, the store finds its keyring and its sessions.
        let again = try TranscriptStore(state: t.state, engine: engine, masterKey: t.masterKey, options: CoreTestSupport.options())
        defer { again.close() }
        XCTAssertEqual(try again.testGet("cust-seam", "sess-1").messages.map { try $0.decoded().text }, ["hello seam"])
    }
}
