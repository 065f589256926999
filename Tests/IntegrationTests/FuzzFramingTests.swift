import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Seeded random lines against the running daemon: every line gets exactly the reply lines
/// JSON-RPC 2.0 calls for (one, or none for notifications), each a well-formed response
/// with a protocol error code, in order; the daemon never crashes or drops the connection,
/// and a valid request afterwards succeeds.
final class FuzzFramingTests: DaemonTestCase {
    static let connections = 4

    func testRandomLinesEachGetExactlyTheRepliesJSONRPCRequiresAndTheDaemonSurvives() throws {
        let seed = ReliabilitySettings.seed()
        let perConnection = ReliabilitySettings.long ? 10_000 : 2_000
        print("FuzzFramingTests: seed \(seed) (replay with CONFIDE_TEST_SEED=\(seed)), \(Self.connections) × \(perConnection) lines")
        let harness = try startDaemon(["idle_timeout_s": 600])
        let socket = harness.socketPath
        let problems = Locked([String]())
        let counts = Locked([String: Int]())
        let finished = runOnThreads(Self.connections, timeout: 900) { stream in
            var gen = FuzzLineGenerator(seed: seed, stream: stream)
            guard let c = try? RawSocket(path: socket, timeout: 60) else {
                problems.withLock { $0.append("stream \(stream): cannot connect") }
                return
            }
            for n in 0..<perConnection {
                let line = gen.line()
                let sentinel = "sentinel-\(stream)-\(n)"
                let problem: String?
                do {
                    try c.send(line + [0x0a] + Array(#"{"jsonrpc":"2.0","method":"system.health","id":"\#(sentinel)"}"#.utf8) + [0x0a])
                    var replies: [[UInt8]] = []
                    while true {
                        let reply = try c.readLine()
                        if (try? JSONParser.parse(reply))?["id"] == .string(sentinel) { break }
                        replies.append(reply)
                    }
                    let (kind, why) = Self.check(line: line, replies: replies)
                    counts.withLock { $0[kind, default: 0] += 1 }
                    problem = why
                } catch {
                    problem = "no reply: \(error)"
                }
                if let problem {
                    let shown = String(decoding: line.prefix(300), as: UTF8.self).debugDescription
                    problems.withLock { $0.append("seed \(seed) stream \(stream) line \(n) (\(line.count) bytes) \(shown): \(problem)") }
                    return
                }
            }
        }
        XCTAssertTrue(finished, "seed \(seed): the fuzz streams did not finish within 900 s")
        XCTAssertEqual(problems.snapshot, [], "seed \(seed)")
        print("FuzzFramingTests: line kinds \(counts.snapshot.sorted { $0.key < $1.key })")
        XCTAssertGreaterThan(counts.snapshot["ok", default: 0], 0, "the grammar produced no successful request")
        XCTAssertGreaterThan(counts.snapshot["-32602", default: 0], 0, "the grammar produced no invalid params")

        assertAlive(harness)
        let c = try harness.rawSocket()
        let r = try ok(c, "session.append", sessionParams("fz-after", "s", [message("still serving")]))
        XCTAssertEqual(r["count"]?.intValue, 1)
        XCTAssertEqual(texts(try ok(c, "session.get", ids("fz-after", "s"))), ["still serving"])
        XCTAssertEqual(try ok(c, "audit.verify")["ok"], JSONValue.bool(true), "the audit chain survived the fuzzing")
    }

    /// The replies JSON-RPC 2.0 calls for, checked: returns a label for statistics and the
    /// problem, if any. The test's own strict parser decides what is JSON.
    static func check(line: [UInt8], replies: [[UInt8]]) -> (String, String?) {
        if line.isEmpty || line == [0x0d] {
            return ("blank", replies.isEmpty ? nil : "a blank line was answered: \(replies.map(show))")
        }
        guard let request = try? JSONParser.parse(line) else {
            guard replies.count == 1, let r = response(replies[0]) else { return ("-32700", "expected one parse-error reply, got \(replies.map(show))") }
            return ("-32700", r.code == -32700 && r.id == .null ? nil : "expected -32700 with id null, got \(r)")
        }
        var expected: [(id: JSONValue, invalid: Bool)]
        if case .array(let items) = request {
            guard !items.isEmpty else {
                guard replies.count == 1, let r = response(replies[0]), r.code == -32600, r.id == .null else {
                    return ("batch", "an empty batch must get one -32600 reply: \(replies.map(show))")
                }
                return ("batch", nil)
            }
            expected = items.compactMap(expectation)
            if expected.isEmpty { return ("batch", replies.isEmpty ? nil : "a batch of notifications was answered: \(replies.map(show))") }
            guard replies.count == 1, case .array(let list)? = try? JSONParser.parse(replies[0]) else {
                return ("batch", "expected one array reply line, got \(replies.map(show))")
            }
            guard list.count == expected.count else { return ("batch", "\(expected.count) replies expected in the batch reply, got \(list.count)") }
            for (item, want) in zip(list, expected) {
                guard let o = item.objectValue else { return ("batch", "a batch reply element is not an object: \(item)") }
                if let why = problem(Reply(object: o), want) { return ("batch", why) }
            }
            return ("batch", nil)
        }
        guard let want = expectation(request) else {
            return ("notification", replies.isEmpty ? nil : "a notification was answered: \(replies.map(show))")
        }
        guard replies.count == 1, let r = response(replies[0]) else { return ("?", "expected exactly one reply line, got \(replies.map(show))") }
        return (r.code.map(String.init) ?? "ok", problem(r, want))
    }

    /// The reply one request element calls for: nil for a notification (a valid request
    /// without an `id` member), else the id to echo and whether the element is invalid.
    static func expectation(_ v: JSONValue) -> (id: JSONValue, invalid: Bool)? {
        guard let o = v.objectValue else { return (.null, true) }
        let validShape: Bool = {
            guard o["jsonrpc"] == .string("2.0"), o["method"]?.stringValue != nil else { return false }
            switch o["params"] {
            case nil, .object?, .array?: return true
            default: return false
            }
        }()
        switch o["id"] {
        case nil: return validShape ? nil : (.null, true)
        case .string?, .number?, .null?: return (o["id"]!, !validShape)
        default: return (.null, true)
        }
    }

    /// Why `r` is not a well-formed answer to a request expecting `want` (nil when it is).
    static func problem(_ r: Reply, _ want: (id: JSONValue, invalid: Bool)) -> String? {
        guard r.object["jsonrpc"] == .string("2.0") else { return "not a JSON-RPC 2.0 response: \(r)" }
        guard r.id == want.id else { return "reply id \(r.id.map { "\($0)" } ?? "missing"), expected \(want.id): \(r)" }
        if r.result != nil {
            if Set(r.object.keys) != ["jsonrpc", "result", "id"] { return "malformed result reply: \(r)" }
            return want.invalid ? "an invalid request got a result: \(r)" : nil
        }
        guard r.isWellFormedError, let code = r.code else { return "neither a result nor a well-formed error: \(r)" }
        guard protocolErrorCodes.contains(code) else { return "code \(code) is not a protocol error code: \(r)" }
        if want.invalid { return code == -32600 ? nil : "an invalid request must get -32600: \(r)" }
        if [-32700, -32600, -32603, -32005, -32006].contains(code) { return "a valid request got \(code): \(r)" }
        return nil
    }

    static func response(_ line: [UInt8]) -> Reply? { (try? JSONParser.parse(line))?.objectValue.map { Reply(object: $0) } }
    static func show(_ line: [UInt8]) -> String { String(decoding: line.prefix(300), as: UTF8.self) }
}
