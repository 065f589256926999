@testable import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// `ConfideClient` against the real `confide serve --dev` (the harness of TestSupport):
/// results, each class of daemon error as a typed error, reconnect after the idle close,
/// batches, a large export streamed, the audit follow, one client shared by threads.
final class ClientDaemonTests: DaemonTestCase {
    private func message(_ text: String) -> JSONValue { ["role": "customer", "text": .string(text)] }

    private func rpcError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> ConfideRPCError? {
        do {
            try body()
            XCTFail("expected a daemon error", file: file, line: line)
        } catch let e as ConfideClientError {
            guard let rpc = e.rpcError else { XCTFail("expected a daemon error, got \(e)", file: file, line: line); return nil }
            return rpc
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
        return nil
    }

    func testACallReturnsItsResultAndWritesAreReadBack() throws {
        let client = try startDaemon().client()
        XCTAssertEqual(try client.call("system.health")["status"], "ok")
        let appended = try client.call("session.append", ["customer": "c-1", "session": "s-1", "messages": [message("hello"), message("again")]])
        XCTAssertEqual(appended["first_seq"], 1)
        let transcript = try client.call("session.get", ["customer": "c-1", "session": "s-1"])
        XCTAssertEqual(transcript["messages"]?.arrayValue?.compactMap { $0["text"]?.stringValue }, ["hello", "again"])
        XCTAssertEqual(client.connectionsOpened, 1, "calls share one connection")
    }

    func testEachClassOfDaemonErrorIsTypedWithItsCode() throws {
        let harness = try startDaemon(["max_reply_bytes": 4096])
        let client = harness.client()
        XCTAssertEqual(rpcError { try client.call("no.such.method") }?.code, .methodNotFound)
        let invalid = rpcError { try client.call("session.get", ["customer": 5, "session": "s"]) }
        XCTAssertEqual(invalid?.code, .invalidParams)
        XCTAssertEqual(invalid?.field, "customer")
        XCTAssertNotNil(invalid?.rule)
        XCTAssertEqual(rpcError { try client.call("session.get", ["customer": "nobody", "session": "s"]) }?.code, .notFound)
        try client.call("session.put", ["customer": "held", "session": "s", "messages": [message(String(repeating: "x", count: 5000))]])
        try client.call("customer.hold", ["customer": "held", "reason": "LIT-1"])
        XCTAssertEqual(rpcError { try client.call("customer.shred", ["customer": "held", "reason": "GDPR-1"]) }?.code, .legalHold)
        let tooLong = rpcError { try client.call("session.get", ["customer": "held", "session": "s"]) }
        XCTAssertEqual(tooLong?.code, .unavailable)
        XCTAssertTrue(tooLong?.message.contains("max_reply_bytes") == true, "\(String(describing: tooLong))")
        // A batch refused whole: one error for the line.
        XCTAssertEqual(rpcError { _ = try client.batch([]) }?.code, .invalidRequest)
        // After each error the connection answers on.
        XCTAssertEqual(try client.call("system.health")["status"], "ok")
        XCTAssertEqual(client.connectionsOpened, 1)
    }

    func testAPeerWithNoRoleGetsForbidden() throws {
        guard getuid() == 0 else { throw XCTSkip("connecting as another uid needs root") }
        let harness = try startDaemon()
        let client = harness.client()
        guard seteuid(65534) == 0 else { throw HarnessError("seteuid: errno \(errno)") }
        let connected = Result { try client.connect() }  // SO_PEERCRED records the uid at connect
        precondition(seteuid(0) == 0, "could not return to uid 0")
        try connected.get()
        XCTAssertEqual(rpcError { try client.call("keys.status") }?.code, .forbidden)
        XCTAssertEqual(try client.call("system.health")["status"], "ok")
    }

    func testACallAfterTheDaemonsIdleCloseReconnectsAndRunsOnce() throws {
        let harness = try startDaemon(["idle_timeout_s": 1])
        let client = harness.client()
        try client.call("session.append", ["customer": "idle", "session": "s", "messages": [message("before")]])
        // Wait (bounded) until the daemon has closed the idle connection. Each probe is a
        // connection of its own that the daemon counts until it has read its close, so the
        // probes are spaced (a loaded CI machine once saw none reach 0 within 10 s).
        // A probe that fails counts as no answer, not as zero (it once ended the wait early on a loaded machine).
        let deadline = MonotonicClock.seconds() + 30
        var open = harnessOpenConnections(harness)
        while MonotonicClock.seconds() < deadline && (try? open.get()) != 0 {
            usleep(500_000)
            open = harnessOpenConnections(harness)
        }
        XCTAssertEqual(try open.get(), 0, "the daemon did not close the idle connection")
        try client.call("session.append", ["customer": "idle", "session": "s", "messages": [message("after")]])
        XCTAssertEqual(client.connectionsOpened, 2)
        let texts = try client.call("session.get", ["customer": "idle", "session": "s"])["messages"]?.arrayValue?.compactMap { $0["text"]?.stringValue }
        XCTAssertEqual(texts, ["before", "after"], "the append after the idle close ran exactly once")
    }

    /// Open connections other than the one asking, from `system.stats`, or why the probe got no answer.
    private func harnessOpenConnections(_ harness: DaemonHarness) -> Result<Int, Error> {
        let probe = harness.client()
        defer { probe.close() }
        return Result {
            guard let open = try probe.call("system.stats")["connections"]?["open"]?.intValue else {
                throw HarnessError("system.stats has no connections.open")
            }
            return open - 1
        }
    }

    func testABatchAnswersEachCallInOrder() throws {
        let client = try startDaemon().client()
        let answers = try client.batch([
            ConfideRequest("system.health"),
            ConfideRequest("session.get", ["customer": "nobody", "session": "s"]),
            ConfideRequest("no.such"),
            ConfideRequest("session.append", ["customer": "b", "session": "s", "messages": [message("batched")]]),
        ])
        XCTAssertEqual(answers.count, 4)
        XCTAssertEqual(try answers[0].get()["status"], "ok")
        guard case .failure(let notFound) = answers[1], case .failure(let noMethod) = answers[2] else { return XCTFail("\(answers)") }
        XCTAssertEqual(notFound.code, .notFound)
        XCTAssertEqual(noMethod.code, .methodNotFound)
        XCTAssertEqual(try answers[3].get()["first_seq"], 1)
    }

    func testALargeExportIsStreamedOneSessionAtATime() throws {
        let client = try startDaemon().client(timeout: 60)
        let text = String(repeating: "a quite ordinary support message; ", count: 32)  // ~1 KB
        let sessions = 8, perSession = 1000
        for s in 0..<sessions {
            try client.call("session.put", ["customer": "big", "session": .string("s-\(s + 10)"),
                                            "messages": .array((0..<perSession).map { message("\(s)-\($0) " + text) })])
        }
        var got: [JSONValue] = []
        let rest = try client.stream("customer.export", ["customer": "big"], elementsOf: "sessions") { got.append($0) }
        let peakBuffered = try XCTUnwrap(client.peakBufferedBytes)
        XCTAssertEqual(rest["customer"], "big")
        XCTAssertEqual(got.map { $0["session"]?.stringValue ?? "" }, (0..<sessions).map { "s-\($0 + 10)" })
        XCTAssertEqual(got.map { $0["count"]?.intValue ?? 0 }, Array(repeating: perSession, count: sessions))
        XCTAssertEqual(got[7]["messages"]?.arrayValue?[999]["text"]?.stringValue, "7-999 " + text)
        // The same export read whole is the same sessions: streaming loses nothing.
        let whole = try client.call("customer.export", ["customer": "big"])
        let wholeBytes = JSONWriter.bytes(whole).count
        XCTAssertEqual(whole["sessions"]?.arrayValue, got)
        XCTAssertGreaterThan(wholeBytes, 8_000_000)
        XCTAssertLessThanOrEqual(peakBuffered, 256 << 10, "the reader held \(peakBuffered) bytes of a \(wholeBytes)-byte reply")
    }

    func testTheAuditFollowHandsOverEntriesAsTheyAreWritten() throws {
        let harness = try startDaemon()
        let follower = harness.client(), writer = harness.client()
        let stop = Locked(false)
        let writes = Thread {
            for i in 0..<100 where !stop.snapshot {  // at most 10 s
                _ = try? writer.call("session.append", ["customer": "f", "session": "s", "messages": [["role": "agent", "text": .string("w\(i)")]]])
                usleep(100_000)
            }
        }
        writes.start()
        defer { stop.withLock { $0 = true } }
        var methods: [String] = []
        var seqs: [Int] = []
        let deadline = MonotonicClock.seconds() + 15
        try follower.followAudit(after: 0, pollInterval: .milliseconds(100)) { entry in
            methods.append(entry["method"]?.stringValue ?? "")
            seqs.append(entry["seq"]?.intValue ?? 0)
            return methods.filter { $0 == "session.append" }.count < 3 && MonotonicClock.seconds() < deadline
        }
        XCTAssertEqual(methods.filter { $0 == "session.append" }.count, 3, "appends written during the follow reached it: \(methods)")
        XCTAssertEqual(seqs, Array(seqs.first!...seqs.last!), "entries in order, none lost or repeated")
        XCTAssertEqual(methods.filter { $0 == "audit.tail" }.count, 1, "the follow is audited once, not per poll")
    }

    func testOneClientServesCallsFromSeveralThreadsInTurn() throws {
        let client = try startDaemon().client()
        let failures = Locked([String]())
        runOnThreads(4) { t in
            for i in 0..<20 {
                do {
                    try client.call("session.append", ["customer": "t", "session": .string("s\(t)"), "messages": [["role": "agent", "text": .string("\(i)")]]])
                } catch { failures.withLock { $0.append("thread \(t): \(error)") } }
            }
        }
        XCTAssertEqual(failures.snapshot, [])
        for t in 0..<4 { XCTAssertEqual(try client.call("session.get", ["customer": "t", "session": .string("s\(t)")])["count"], 20) }
        XCTAssertEqual(client.connectionsOpened, 1)
    }
}
