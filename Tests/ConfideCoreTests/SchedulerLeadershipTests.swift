@_spi(Testing) import ConfideCore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// The scheduler runs its jobs only while this daemon leads (`SchedulerLeadership`), and a
/// daemon that takes the lead first loads the KEK versions as the store has them: the
/// previous leader may have rotated since this daemon started, and a re-wrap toward the
/// active version it remembers would move nothing (or move DEKs back).
final class SchedulerLeadershipTests: XCTestCase {
    /// A lead the test hands out and takes back.
    final class ScriptedLeadership: SchedulerLeadership {
        let leads = Mutex(false)
        func holdLead() -> SchedulerRole {
            leads.withLock { $0 } ? SchedulerRole(leads: true, leader: SchedulerRole.thisDaemon) : SchedulerRole(leads: false, leader: "the other daemon")
        }
        func resign() {}
        var followerPollSeconds: Double { 1 }
    }

    /// The embedded engine, with the test's lead.
    struct ScriptedLeadEngine: StorageEngine {
        let base: SQLiteEngine
        let leadership: ScriptedLeadership
        var keysName: String { base.keysName }
        var dataName: String { base.dataName }
        func openKeyring(options: TranscriptStore.Options) throws -> any KeyringRecords { try base.openKeyring(options: options) }
        func openData(options: TranscriptStore.Options) throws -> any OpenedDataStore { try base.openData(options: options) }
        func openForReading() throws -> (keys: any KeyringRecords, data: any TranscriptRecords) { try base.openForReading() }
        var onlineBackup: (any OnlineBackup)? { base.onlineBackup }
        func schedulerLeadership() -> any SchedulerLeadership { leadership }
    }

    func testAFollowerRunsNoJobAndANewLeaderReWrapsUnderTheKEKAnotherDaemonMadeActive() throws {
        let t = try CoreTestState()
        defer { t.remove() }
        let lead = ScriptedLeadership()
        let engine = ScriptedLeadEngine(base: SQLiteEngine(state: t.state), leadership: lead)
        let store = try TranscriptStore(state: t.state, engine: engine, masterKey: t.masterKey, options: CoreTestSupport.options())
        defer { store.close() }
        for i in 0..<3 { _ = try store.testAppend("cust-\(i)", "s", [CoreTestSupport.message("text \(i)")]) }
        let scheduler = try XCTUnwrap(store.scheduler)

        // Another daemon's scheduler (its own keyring over the same keys) rotates the KEK.
        let other = try Keyring(path: t.state.keysPath, source: t.masterKey)
        XCTAssertEqual(try other.rotateKEK(), 2)

        scheduler.runOnce()
        XCTAssertEqual(scheduler.role, SchedulerRole(leads: false, leader: "the other daemon"))
        // A follower runs no job but anchoring its own audit chain (one chain per daemon).
        XCTAssertEqual(Set(scheduler.jobStates.keys), ["audit-anchor"], "a follower runs no job of the leader's: \(scheduler.jobStates)")
        XCTAssertEqual(try store.keyring.status().rewrapPending, 3)
        XCTAssertEqual(store.keyring.loadedKEKVersions, [1, 2], "a follower loads the versions the other made")

        // The other re-wraps and destroys version 1: a follower's next run drops it from memory.
        while try other.rewrapBatch(limit: 10).finished == false {}
        XCTAssertEqual(try other.destroyUnusedKEKs(), [1])
        scheduler.runOnce()
        XCTAssertEqual(store.keyring.loadedKEKVersions, [2], "a destroyed KEK does not live on in a follower")
        XCTAssertEqual(Set(scheduler.jobStates.keys), ["audit-anchor"], "\(scheduler.jobStates)")
        XCTAssertEqual(try other.rotateKEK(), 3)  // and again, for the leader below

        lead.leads.withLock { $0 = true }
        scheduler.runOnce()
        XCTAssertTrue(scheduler.role.leads)
        XCTAssertEqual(scheduler.jobStates["rewrap"]?.itemsDone, 3, "\(scheduler.jobStates)")
        XCTAssertEqual(try store.keyring.status().rewrapPending, 0, "every DEK moved to the version the other daemon made active")
        XCTAssertEqual(try store.keyring.status().keks.map(\.state), ["destroyed", "destroyed", "active"])
        for i in 0..<3 {
            XCTAssertEqual(try store.testGet("cust-\(i)", "s").messages.map { try $0.decoded().text }, ["text \(i)"])
        }
    }

    /// Two keyrings over one keys store, as two daemons over one PostgreSQL keyring: what one
    /// rotates and re-wraps, the other uses before it seals anything.
    func testAKeyringSealsNewDEKsUnderTheKEKAnotherMadeActiveAndOpensDEKsTheOtherReWrapped() throws {
        let t = try CoreTestState()
        defer { t.remove() }
        try t.state.prepare()
        let mine = try Keyring(path: t.state.keysPath, source: t.masterKey)
        let other = try Keyring(path: t.state.keysPath, source: t.masterKey)
        _ = try other.lookupOrCreate(try CustomerID("before"))

        // The other rotates, and re-wraps every DEK (this one has not met "before" yet).
        XCTAssertEqual(try other.rotateKEK(), 2)
        while try other.rewrapBatch(limit: 10).finished == false {}
        XCTAssertNotNil(try mine.lookup(try CustomerID("before")), "a DEK wrapped by a version this keyring had not loaded opens")

        // A new customer's DEK goes under version 2, the one active in the store.
        _ = try mine.lookupOrCreate(try CustomerID("after"))
        let versions = try mine.status().keks.map { "\($0.version):\($0.state):\($0.deks)" }
        XCTAssertEqual(versions, ["1:retiring:0", "2:active:2"], "nothing sealed under the retired version")
    }
}
