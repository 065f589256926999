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
    /// `committedDespite` on a thread, its answer or nil if it has not answered within
    /// `bound` seconds (it is given an hour to wait for the server: only an answer read from
    /// the server ends it sooner).
    private func outcome(_ group: PostgresGroupConnection, seq: Int, head: [UInt8], bound: Double = 20) -> Bool? {
        let answer = Locked<Bool?>(nil)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let group = group  // used by that thread alone until it signals
        Thread.detachNewThread {
            let lost = PostgresError(sqlState: "57P01", message: "terminating connection due to administrator command")
            answer.withLock { $0 = group.committedDespite(lost, chain: 0, headSeq: seq, head: head) }
            done.signal()
        }
        return done.wait(timeout: .now() + bound) == .success ? answer.snapshot : nil
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
        XCTAssertEqual(try owner().queryOne("SELECT pg_terminate_backend(\(pid), 5000)") { try $0.bool(0) }, true)
        XCTAssertEqual(outcome(group, seq: newest.seq + 1, head: Array(repeating: 7, count: 32)), false,
                       "a group whose last entry the server does not have did not commit: answered at once, not after the deadline")
        XCTAssertNotEqual(connection.backendPID, pid, "it reconnected to ask")

        XCTAssertEqual(try owner().queryOne("SELECT pg_terminate_backend(\(connection.backendPID), 5000)") { try $0.bool(0) }, true)
        XCTAssertEqual(outcome(group, seq: newest.seq, head: newest.hash), true, "the group's last entry is there: committed")
        XCTAssertEqual(outcome(group, seq: newest.seq, head: Array(repeating: 7, count: 32)), false,
                       "another entry at that seq (another group's): not this group's commit")
    }
}
