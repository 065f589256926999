import ConfideClient
import ConfideJSON
import Foundation
import XCTest

/// A test case that runs real daemons: each started through `startDaemon` is stopped and
/// its folder removed after the test, and its log is printed when the test failed.
open class DaemonTestCase: XCTestCase {
    private var harnesses: [DaemonHarness] = []

    /// Starts a fresh daemon with `config` (over the harness defaults).
    public func startDaemon(_ config: JSONObject = [:]) throws -> DaemonHarness {
        let harness = try DaemonHarness(config: config)
        harnesses.append(harness)
        try harness.start()
        return harness
    }

    override open func tearDown() {
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
    public func ok(_ client: ConfideClient, _ method: String, _ params: JSONObject = [:],
                   file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        switch try client.reply(method, params) {
        case .success(let result): return result
        case .failure(let e):
            XCTFail("\(method) failed: \(e)", file: file, line: line)
            throw HarnessError("\(method) failed: \(e)")
        }
    }

    /// Asserts that a call fails with `code` and a message naming every string of `mentioning`;
    /// returns the error. (`ConfideClient` accepts only a well-formed JSON-RPC 2.0 error
    /// reply carrying the request's id or null; anything else throws `.malformedReply`.)
    @discardableResult
    public func expectError(_ client: ConfideClient, _ method: String, _ params: JSONObject, code: Int, mentioning: [String] = [],
                            file: StaticString = #filePath, line: UInt = #line) throws -> ConfideRPCError {
        switch try client.reply(method, params) {
        case .success(let result):
            XCTFail("\(method): expected error \(code), got the result \(JSONWriter.string(result).prefix(300))", file: file, line: line)
            throw HarnessError("\(method): expected error \(code)")
        case .failure(let e):
            XCTAssertEqual(e.code.rawValue, code, "\(method) \(JSONWriter.string(.object(params)).prefix(200)): \(e)", file: file, line: line)
            for word in mentioning {
                XCTAssertTrue(e.message.contains(word), "\(method): message \"\(e.message)\" should name \(word)", file: file, line: line)
            }
            return e
        }
    }

    /// Asserts that the daemon still answers a new connection.
    public func assertAlive(_ harness: DaemonHarness, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(harness.isRunning, "the daemon process exited", file: file, line: line)
        do {
            let health = try harness.client().call("system.health")
            XCTAssertEqual(health["status"], "ok", "health: \(health)", file: file, line: line)
        } catch {
            XCTFail("the daemon does not answer a new connection: \(error)", file: file, line: line)
        }
    }
}

