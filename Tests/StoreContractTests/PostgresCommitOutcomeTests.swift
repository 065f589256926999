@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// A COMMIT whose answer was lost with the connection: the writer reconnects and asks the
/// server whether the group's last audit entry is there (`PostgresGroupConnection
/// .committedDespite`). Once the server answers, that answer is the outcome, at once: found
/// (committed) or not found (not committed). Session 19: "not found" was taken for "no
/// answer" and waited out `outcomeWaitSeconds` (30 s in a daemon), with the writer and every
/// request behind it stopped, after each group a server restart cut before its COMMIT ran
/// (seen as `PostgresSharedStoreFailoverTests`' writers answered nothing for 30 s).
final class PostgresCommitOutcomeTests: PostgresStoreTestCase {
    /// `committedDespite` started on a thread (it is given an hour to wait for the server:
    /// only an answer read from the server ends it sooner); `answer(within:)` is its answer,
    /// or nil if it has not answered yet.
    private final class Asking: @unchecked Sendable {
        private let answer = Locked<Bool?>(nil)
        private let done = DispatchSemaphore(value: 0)
        init(_ group: PostgresGroupConnection, seq: Int, head: [UInt8]) {
            nonisolated(unsafe) let group = group  // used by that thread alone until it signals
            Thread.detachNewThread { [answer, done] in
                let lost = PostgresError(sqlState: "57P01", message: "terminating connection due to administrator command")
                answer.withLock { $0 = group.committedDespite(lost, chain: 0, headSeq: seq, head: head) }
                done.signal()
            }
        }
        func answer(within seconds: Double) -> Bool? { done.wait(timeout: .now() + seconds) == .success ? answer.snapshot : nil }
    }

    private func outcome(_ group: PostgresGroupConnection, seq: Int, head: [UInt8]) -> Bool? {
        Asking(group, seq: seq, head: head).answer(within: 20)
    }

    func testTheOutcomeOfALostCommitIsTheServersAnswerFoundOrNotWithoutWaitingOutTheDeadline() throws {
        let (uri, schema) = try schemaURI("outcome")
        do {
            let store = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options())
            try append(store, "alice", "s1", "hello")
            store.close()
        }
        let connection = try PostgresConnection(uri: uri)
        let group = try PostgresGroupConnection(connection, outcomeWaitSeconds: 3_600)
        let newest = try XCTUnwrap(try owner().queryOne("SELECT seq, hash FROM \(schema).audit_entry WHERE chain = 0 ORDER BY seq DESC LIMIT 1") {
            (seq: Int(try $0.int64(0)), hash: try $0.bytea(1) ?? [])
        })

        // The connection really lost (its server process ended), as after a restart.
        let pid = connection.backendPID
        group.groupBackendPID = pid
        XCTAssertEqual(try owner().queryOne("SELECT pg_terminate_backend(\(pid), 5000)") { try $0.bool(0) }, true)
        XCTAssertEqual(outcome(group, seq: newest.seq + 1, head: Array(repeating: 7, count: 32)), false,
                       "a group whose last entry the server does not have did not commit: answered at once, not after the deadline")
        XCTAssertNotEqual(connection.backendPID, pid, "it reconnected to ask")

        group.groupBackendPID = connection.backendPID
        XCTAssertEqual(try owner().queryOne("SELECT pg_terminate_backend(\(connection.backendPID), 5000)") { try $0.bool(0) }, true)
        XCTAssertEqual(outcome(group, seq: newest.seq, head: newest.hash), true, "the group's last entry is there: committed")
        XCTAssertEqual(outcome(group, seq: newest.seq, head: Array(repeating: 7, count: 32)), false,
                       "another entry at that seq (another group's): not this group's commit")
    }

    /// After a network cut the server process that ran the group may still be running, and
    /// may still commit it: until it has ended, "not found" is not an answer (it waits, as
    /// before session 19); once it has, the answer is final.
    func testANotFoundIsFinalOnlyOnceTheGroupsServerProcessHasEnded() throws {
        let (uri, _) = try schemaURI("outcomelive")
        do {
            let store = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: uri, dataURI: uri), masterKey: masterKey, options: options())
            try append(store, "alice", "s1", "hello")
            store.close()
        }
        let connection = try PostgresConnection(uri: uri)
        let group = try PostgresGroupConnection(connection, outcomeWaitSeconds: 3_600)
        // The group's server process, still running (a session of its own stands in for it).
        let stillRunning = try PostgresConnection(uri: uri)
        group.groupBackendPID = stillRunning.backendPID
        XCTAssertEqual(try owner().queryOne("SELECT pg_terminate_backend(\(connection.backendPID), 5000)") { try $0.bool(0) }, true)
        let asking = Asking(group, seq: 1_000_000, head: Array(repeating: 7, count: 32))
        XCTAssertNil(asking.answer(within: 1.5), "answered while the group's server process could still commit it")
        XCTAssertEqual(try owner().queryOne("SELECT pg_terminate_backend(\(stillRunning.backendPID), 5000)") { try $0.bool(0) }, true)
        XCTAssertEqual(asking.answer(within: 20), false, "the group's server process ended without its entry: not committed")
    }
}
