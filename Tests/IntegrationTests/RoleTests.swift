import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// Authorization by kernel-verified peer uid: the real CLI run as another user (nobody,
/// 65534) through `setpriv`, against a daemon whose own uid holds every role (`--dev`).
final class RoleTests: DaemonTestCase {
    static let nobody = "65534"

    /// `setpriv` as nobody; skips (only these tests) when the tests cannot switch uid.
    func asNobody() throws -> [String] {
        guard getuid() == 0 else { throw XCTSkip("switching to uid 65534 needs root (these tests run as uid \(getuid()))") }
        guard let setpriv = ["/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("setpriv (util-linux) is not installed")
        }
        return [setpriv, "--reuid=\(RoleTests.nobody)", "--regid=\(RoleTests.nobody)", "--clear-groups"]
    }

    /// A copy of the binary inside the harness folder (0755 all the way), so nobody can run it
    /// wherever the checkout lives.
    func binaryForNobody(_ harness: DaemonHarness) throws -> String {
        let copy = harness.root.path + "/confide"
        if !FileManager.default.fileExists(atPath: copy) {
            try FileManager.default.copyItem(atPath: harness.binary, toPath: copy)
            chmod(copy, 0o755)
        }
        return copy
    }

    /// Writes `messages` as a JSON file nobody can read.
    func messagesFile(_ harness: DaemonHarness, _ messages: [JSONValue]) throws -> String {
        let path = harness.root.path + "/messages-\(UUID().uuidString.prefix(6)).json"
        try Data(JSONWriter.bytes(.array(messages))).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o644)
        return path
    }

    func testUnmappedUidMayOnlyCallHealth() throws {
        let wrapper = try asNobody()
        let harness = try startDaemon()
        let binary = try binaryForNobody(harness)
        let socket = ["--socket", harness.socketPath]
        try ok(harness.client(), "session.append", sessionParams("cust-r", "s", [message("secret")]))

        let health = try harness.runCLI(["health"] + socket, wrapper: wrapper, binary: binary)
        XCTAssertEqual(health.status, 0, "health as nobody: \(health.stderr)")
        XCTAssertEqual(try JSONParser.parse(health.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["status"], "ok", health.stdout)

        for args in [["get", "--customer", "cust-r", "--session", "s"], ["list", "--customer", "cust-r"],
                     ["delete", "--customer", "cust-r", "--session", "s"], ["stats"]] {
            let r = try harness.runCLI(args + socket, wrapper: wrapper, binary: binary)
            XCTAssertEqual(r.status, 1, "\(args[0]) as nobody must fail: \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("-32003"), "\(args[0]): stderr should name -32003: \(r.stderr)")
            XCTAssertFalse(r.stdout.contains("secret"), "\(args[0]) leaked data: \(r.stdout)")
        }
        let file = try messagesFile(harness, [message("from nobody")])
        let append = try harness.runCLI(["append", "--customer", "cust-r", "--session", "s", "--messages", file] + socket,
                                        wrapper: wrapper, binary: binary)
        XCTAssertEqual(append.status, 1, append.stdout)
        XCTAssertTrue(append.stderr.contains("-32003"), append.stderr)
        // Nothing the refused calls asked for happened, and the refusals were logged.
        XCTAssertEqual(texts(try ok(harness.client(), "session.get", ids("cust-r", "s"))), ["secret"])
        XCTAssertTrue(harness.log.contains("request.forbidden") && harness.log.contains("\"uid\":65534"), harness.log)
    }

    func testSIGHUPReloadsTheRoleMap() throws {
        let wrapper = try asNobody()
        let harness = try startDaemon()
        let binary = try binaryForNobody(harness)
        let list = ["list", "--customer", "cust-hup", "--socket", harness.socketPath]
        try ok(harness.client(), "session.append", sessionParams("cust-hup", "s", [message("x")]))
        let before = try harness.runCLI(list, wrapper: wrapper, binary: binary)
        XCTAssertTrue(before.status == 1 && before.stderr.contains("-32003"), "unmapped before the reload: \(before.stderr)")

        try Data(#"{"socket_mode": "0666", "roles": {"support": {"uids": [65534]}}}"#.utf8).write(to: URL(fileURLWithPath: harness.configPath))
        kill(try XCTUnwrap(harness.pid), SIGHUP)
        var after = before
        let deadline = MonotonicClock.seconds() + 10
        while after.status != 0 && MonotonicClock.seconds() < deadline {
            usleep(50_000)
            after = try harness.runCLI(list, wrapper: wrapper, binary: binary)
        }
        XCTAssertEqual(after.status, 0, "support after SIGHUP: \(after.stderr)")
        XCTAssertTrue(after.stdout.contains("\"session\":\"s\""), after.stdout)
        XCTAssertTrue(harness.isRunning, "SIGHUP must not stop the daemon")
    }

    func testRequiredPurposeIsEnforcedForTheConfiguredRole() throws {
        let c = try startDaemon(["require_purpose": ["support"]]).client()
        try ok(c, "session.append", sessionParams("cust-purpose", "s", [message("x")]))
        try expectError(c, "session.get", ids("cust-purpose", "s"), code: -32602, mentioning: ["purpose"])
        try expectError(c, "session.list", ["customer": "cust-purpose"], code: -32602, mentioning: ["purpose"])
        var withPurpose = ids("cust-purpose", "s")
        withPurpose["purpose"] = "support"
        XCTAssertEqual(texts(try ok(c, "session.get", withPurpose)), ["x"])
        try ok(c, "session.list", ["customer": "cust-purpose", "purpose": "analytics"])
    }

    func testSupportUidMayReadAndWriteSessionsButNotCallAdminMethods() throws {
        let wrapper = try asNobody()
        let harness = try startDaemon(["roles": ["support": ["uids": [.int(65534)]]]])
        let binary = try binaryForNobody(harness)
        let socket = ["--socket", harness.socketPath]
        let file = try messagesFile(harness, [message("written by support"), message("second", role: "agent")])

        let append = try harness.runCLI(["append", "--customer", "cust-sup", "--session", "s", "--messages", file] + socket,
                                        wrapper: wrapper, binary: binary)
        XCTAssertEqual(append.status, 0, append.stderr)
        let appended = try JSONParser.parse(append.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(appended["count"]?.intValue, 2, append.stdout)
        XCTAssertEqual(appended["first_seq"]?.intValue, 1, append.stdout)

        let get = try harness.runCLI(["get", "--customer", "cust-sup", "--session", "s", "--purpose", "support"] + socket,
                                     wrapper: wrapper, binary: binary)
        XCTAssertEqual(get.status, 0, get.stderr)
        let transcript = try JSONParser.parse(get.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(texts(transcript), ["written by support", "second"])

        let list = try harness.runCLI(["list", "--customer", "cust-sup"] + socket, wrapper: wrapper, binary: binary)
        XCTAssertEqual(list.status, 0, list.stderr)

        let stats = try harness.runCLI(["stats"] + socket, wrapper: wrapper, binary: binary)
        XCTAssertEqual(stats.status, 1, "stats is admin-only: \(stats.stdout)")
        XCTAssertTrue(stats.stderr.contains("-32003"), stats.stderr)
        XCTAssertFalse(stats.stdout.contains("methods"), stats.stdout)

        // The daemon's own uid (dev mode) sees the same store.
        XCTAssertEqual(texts(try ok(harness.client(), "session.get", ids("cust-sup", "s"))), ["written by support", "second"])
    }

    func testDevModeGivesTheDaemonsOwnUidEveryRole() throws {
        let c = try startDaemon().client()
        try ok(c, "session.append", sessionParams("cust-dev", "s", [message("support role")]))  // support
        let stats = try ok(c, "system.stats")                                                      // admin
        XCTAssertNotNil(stats["methods"]?["session.append"], "\(stats)")
        // legal: whatever the legal methods answer for an unknown customer, it is not a refusal.
        for method in ["customer.export", "customer.hold"] {
            let reply = try c.reply(method, ["customer": "nobody-here", "reason": "TICKET-1"])
            XCTAssertNotEqual(reply.code, -32003, "\(method) refused for the dev uid: \(reply)")
        }
        for method in ["keys.status", "audit.tail", "audit.verify"] {
            let reply = try c.reply(method, [:])
            XCTAssertNotEqual(reply.code, -32003, "\(method) refused for the dev uid: \(reply)")
        }
    }
}
