import ConfideJSON
import Foundation
import XCTest

/// A test case that runs real daemons: each started through `startDaemon` is stopped and
/// its folder removed after the test, and its log is printed when the test failed.
class DaemonTestCase: XCTestCase {
    private var harnesses: [DaemonHarness] = []

    /// Starts a fresh daemon with `config` (over the harness defaults).
    func startDaemon(_ config: JSONObject = [:]) throws -> DaemonHarness {
        let harness = try DaemonHarness(config: config)
        harnesses.append(harness)
        try harness.start()
        return harness
    }

    override func tearDown() {
        let failed = (testRun?.failureCount ?? 0) + (testRun?.unexpectedExceptionCount ?? 0) > 0
        for h in harnesses {
            if failed { print("---- daemon log (\(h.root.path)) ----\n\(h.log)\n---- end of daemon log ----") }
            h.cleanup()
        }
        harnesses = []
        super.tearDown()
    }

    // MARK: Calls with assertions

    /// The result of a call that must succeed; fails the test (and throws) on an error reply.
    @discardableResult
    func ok(_ client: RPCClient, _ method: String, _ params: JSONObject? = nil,
            file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        let reply = try client.call(method, params)
        guard let result = reply.result else {
            XCTFail("\(method) failed: \(reply)", file: file, line: line)
            throw HarnessError("\(method) failed: \(reply)")
        }
        return result
    }

    /// Asserts that a call fails with `code` and a message naming every string of `mentioning`.
    @discardableResult
    func expectError(_ client: RPCClient, _ method: String, _ params: JSONObject?, code: Int, mentioning: [String] = [],
                     file: StaticString = #filePath, line: UInt = #line) throws -> Reply {
        let reply = try client.call(method, params)
        XCTAssertTrue(reply.isWellFormedError, "\(method): expected error \(code), got \(reply)", file: file, line: line)
        XCTAssertEqual(reply.code, code, "\(method) \(params.map { JSONWriter.string(.object($0)).prefix(200) } ?? ""): \(reply)",
                       file: file, line: line)
        for word in mentioning {
            XCTAssertTrue(reply.message.contains(word), "\(method): message \"\(reply.message)\" should name \(word)", file: file, line: line)
        }
        return reply
    }

    /// Asserts that the daemon still answers a new connection.
    func assertAlive(_ harness: DaemonHarness, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(harness.isRunning, "the daemon process exited", file: file, line: line)
        do {
            let reply = try harness.client().call("system.health")
            XCTAssertEqual(reply.result?["status"], "ok", "health: \(reply)", file: file, line: line)
        } catch {
            XCTFail("the daemon does not answer a new connection: \(error)", file: file, line: line)
        }
    }
}

// MARK: Building params

/// One message object; `text` must be given, the rest optional.
func message(_ text: String, role: String = "customer", ts: String? = nil, author: String? = nil, meta: JSONObject? = nil) -> JSONValue {
    var o: JSONObject = ["role": .string(role), "text": .string(text)]
    if let ts { o["ts"] = .string(ts) }
    if let author { o["author"] = .string(author) }
    if let meta { o["meta"] = .object(meta) }
    return .object(o)
}

/// `session.append` / `session.put` params.
func sessionParams(_ customer: String, _ session: String, _ messages: [JSONValue]) -> JSONObject {
    ["customer": .string(customer), "session": .string(session), "messages": .array(messages)]
}

/// `session.get` / `session.delete` params.
func ids(_ customer: String, _ session: String) -> JSONObject {
    ["customer": .string(customer), "session": .string(session)]
}

/// A short unique token for markers and ids.
func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(13))" }

/// The texts of a `session.get` result, in seq order.
func texts(_ transcript: JSONValue) -> [String] {
    (transcript["messages"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
}

/// RFC 3339 UTC with exactly three fraction digits, as the protocol promises in replies.
func isRFC3339Millis(_ value: JSONValue?) -> Bool {
    guard let s = value?.stringValue else { return false }
    let b = Array(s.utf8)
    guard b.count == 24 else { return false }
    let digits: [Int] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22]
    let punctuation: [Int: UInt8] = [4: 45, 7: 45, 10: 84, 13: 58, 16: 58, 19: 46, 23: 90]
    return digits.allSatisfy { (48...57).contains(b[$0]) } && punctuation.allSatisfy { b[$0.key] == $0.value }
}
