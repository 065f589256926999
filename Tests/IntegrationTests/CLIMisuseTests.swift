import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// The `confide` command line refuses what it cannot do safely or as asked: confirmation
/// for a shred, a public key it would ignore, options that do not apply, stray arguments;
/// and it gives each verb its own help, a version, private files and plain progress lines.
final class CLIMisuseTests: DaemonTestCase {
    /// Runs the binary with `arguments` and the environment `environment` (nil: this
    /// process's, without `CONFIDE_SOCKET`), stdin empty, bounded in time.
    private func confide(_ arguments: [String], environment: [String: String]? = nil, timeout: Double = 30) throws -> ProgramResult {
        var env = ProcessInfo.processInfo.environment
        env["CONFIDE_SOCKET"] = nil
        for (k, v) in environment ?? [:] { env[k] = v }
        return try runProgram([try DaemonHarness.binaryPath()] + arguments, environment: env, timeout: timeout)
    }

    // MARK: shred

    func testShredWithoutYesOnANonTerminalRefusesWithUsageStatusAndErasesNothing() throws {
        let harness = try startDaemon()
        let c = harness.client()
        let customer = unique("keep")
        try ok(c, "session.put", sessionParams(customer, "s", [message("still here")]))

        let r = try confide(["shred", "--customer", customer, "--reason", "T-1", "--socket", harness.socketPath])
        XCTAssertEqual(r.status, 2, "\(r)")
        XCTAssertTrue(r.stderr.contains("--yes"), "the refusal should name --yes: \(r.stderr)")
        XCTAssertEqual(texts(try ok(c, "session.get", ids(customer, "s"))), ["still here"], "nothing may have been erased")
    }

    func testShredPromptOnATerminalStatesThatOlderKeysBackupsStillOpenTheData() throws {
        let harness = try startDaemon()
        let c = harness.client()
        let customer = unique("tty")
        try ok(c, "session.put", sessionParams(customer, "s", [message("kept")]))
        // A pseudo-terminal on stdin and stderr; the answer is not the id, so nothing happens.
        let r = try runOnTerminal([try DaemonHarness.binaryPath(), "shred", "--customer", customer, "--reason", "T-2",
                                   "--socket", harness.socketPath], answering: "confirm", with: "not-the-id")
        XCTAssertTrue(r.stdout.contains("confirm"), "it should ask on a terminal: \(r)")
        XCTAssertFalse(r.stdout.contains("backups included"), "the prompt must not claim backups are erased: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("keys.db backup"), "the prompt should say what a keys.db backup can still do: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("backup_horizon"), "the prompt should point at the receipt's horizon: \(r.stdout)")
        XCTAssertNotEqual(r.status, 0, "\(r)")
        XCTAssertEqual(texts(try ok(c, "session.get", ids(customer, "s"))), ["kept"])
    }

    // MARK: audit

    func testAuditVerifyWithAWrongPublicKeyFailsOnlineAndOffline() throws {
        let harness = try startDaemon()
        let key = try confide(["keys", "public", "--state-dir", harness.stateDir]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(key.count, 64, key)
        // A valid Ed25519 public key (RFC 8032, test 1) that did not sign this chain.
        let wrong = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"

        let right = try confide(["audit", "verify", "--public-key", key, "--socket", harness.socketPath])
        XCTAssertEqual(right.status, 0, "\(right)")
        XCTAssertEqual(try JSONParser.parse(right.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["ok"], true, right.stdout)

        let online = try confide(["audit", "verify", "--public-key", wrong, "--socket", harness.socketPath])
        XCTAssertEqual(online.status, 1, "online, wrong key: \(online)")
        XCTAssertFalse(online.stdout.contains("\"ok\":true"), online.stdout)

        let offline = try confide(["audit", "verify", "--offline", "--public-key", wrong, "--state-dir", harness.stateDir])
        XCTAssertEqual(offline.status, 1, "offline, wrong key: \(offline)")
        XCTAssertFalse(offline.stdout.contains("\"ok\":true"), offline.stdout)
    }

    func testAuditTailFollowIsAuditedOncePerFollowNotPerPoll() throws {
        let harness = try startDaemon()
        let c = harness.client()
        let outPath = harness.root.path + "/follow.out"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        defer { try? out.close() }
        let follow = Process()
        follow.executableURL = URL(fileURLWithPath: try DaemonHarness.binaryPath())
        follow.arguments = ["audit", "tail", "--follow", "-n", "1", "--socket", harness.socketPath]
        follow.standardOutput = out
        follow.standardError = FileHandle.nullDevice
        follow.standardInput = FileHandle.nullDevice
        try follow.run()
        defer { if follow.isRunning { kill(follow.processIdentifier, SIGKILL); follow.waitUntilExit() } }

        // Three audited calls, each seen by the follower before the next: at least three polls.
        func printed(_ method: String) -> Int {
            ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "").split(separator: "\n")
                .filter { (try? JSONParser.parse(String($0)))?["method"]?.stringValue == method }.count
        }
        // Its first reply (its own entry) is out before any new entry is made.
        let started = MonotonicClock.seconds() + 20
        while printed("audit.tail") < 1 && MonotonicClock.seconds() < started && follow.isRunning { usleep(50_000) }
        XCTAssertEqual(printed("audit.tail"), 1, "the follow should print its own entry first")
        for i in 1...3 {
            try ok(c, "keys.status")
            let deadline = MonotonicClock.seconds() + 20
            while printed("keys.status") < i && MonotonicClock.seconds() < deadline && follow.isRunning { usleep(50_000) }
            XCTAssertEqual(printed("keys.status"), i, "the follower should print each new entry")
        }
        kill(follow.processIdentifier, SIGTERM)
        follow.waitUntilExit()

        let entries = try ok(c, "audit.tail", ["limit": 1000])["entries"]?.arrayValue ?? []
        let followEntries = entries.filter {
            $0["method"]?.stringValue == "audit.tail" && $0["peer"]?["pid"]?.intValue == Int(follow.processIdentifier)
        }
        XCTAssertEqual(followEntries.count, 1, "one audit entry per follow: \(followEntries)")
    }

    func testAuditParamsRefuseAMalformedKeyAndAnUnknownFollowToken() throws {
        let harness = try startDaemon()
        let c = harness.client()
        try expectError(c, "audit.verify", ["public_key": "zz"], code: -32602, mentioning: ["public_key"])
        try expectError(c, "audit.tail", ["follow": "0123456789abcdef0123456789abcdef"], code: -32602, mentioning: ["follow", "expired"])
        try expectError(c, "audit.tail", ["follow": 1], code: -32602, mentioning: ["follow"])
        // A token opened by this peer is good for its polls, which add no entry.
        let opened = try ok(c, "audit.tail", ["limit": 1, "follow": true])
        let token = try XCTUnwrap(opened["follow"]?.stringValue)
        let seq = try XCTUnwrap(opened["entries"]?.arrayValue?.last?["seq"]?.intValue)
        XCTAssertEqual(opened["entries"]?.arrayValue?.last?["purpose"], "follow")
        let poll = try ok(c, "audit.tail", ["after": .int(seq), "follow": .string(token)])
        XCTAssertEqual(poll["entries"]?.arrayValue?.count, 0, "a poll adds no audit entry: \(poll)")
    }

    // MARK: keys rekey

    func testKeysRekeyRefusesTheSameKeyAsOldAndNew() throws {
        let dir = try TemporaryDirectory(prefix: "cfrekey")
        defer { dir.remove() }
        let state = dir.path + "/state", key = dir.path + "/k", other = dir.path + "/k2", sameBytes = dir.path + "/k-b64"
        XCTAssertEqual(try confide(["keygen", "--out", key]).status, 0)
        XCTAssertEqual(try confide(["keygen", "--out", other]).status, 0)
        // The same 32 bytes written as base64 in another file.
        let hex = try String(contentsOfFile: key, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try (Data(TestEnvironment.hex(hex)).base64EncodedString() + "\n").write(toFile: sameBytes, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(sameBytes, 0o400), 0)
        let initialized = try confide(["init", "--state-dir", state, "--key-file", key])
        XCTAssertEqual(initialized.status, 0, "\(initialized)")

        for newKey in [key, sameBytes] {
            let r = try confide(["keys", "rekey", "--state-dir", state, "--old-key-file", key, "--new-key-file", newKey])
            XCTAssertEqual(r.status, 2, "rekey to \(newKey): \(r)")
            XCTAssertTrue(r.stderr.contains("--new-key-file"), "the refusal should name the flag: \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("opens nothing"), r.stderr)
        }
        // Nothing changed: the old key still opens the keyring, so a real rekey works.
        let real = try confide(["keys", "rekey", "--state-dir", state, "--old-key-file", key, "--new-key-file", other])
        XCTAssertEqual(real.status, 0, "\(real)")
    }

    // MARK: version and help

    func testVersionNamesTheBuildAndTheLibraries() throws {
        let r = try confide(["--version"])
        XCTAssertEqual(r.status, 0, "\(r)")
        for word in ["confide 0.1.0", "commit ", "libsodium ", "SQLite "] {
            XCTAssertTrue(r.stdout.contains(word), "--version should name \(word): \(r.stdout)")
        }
    }

    func testEveryCommandAndVerbHasItsOwnHelpWithAnExample() throws {
        let overview = try confide(["--help"])
        XCTAssertEqual(overview.status, 0)
        let names = overview.stdout.components(separatedBy: "Commands:\n").last!.split(separator: "\n")
            .prefix { $0.hasPrefix("  ") }.map { String($0.split(separator: " ").first!) }
        XCTAssertTrue(names.contains("keys") && names.contains("get") && names.contains("rpc") && names.contains("backup") && names.contains("restore"), "\(names)")
        var verbsSeen = 0
        for name in names {
            let help = try confide(["help", name])
            XCTAssertEqual(help.status, 0, "help \(name): \(help)")
            XCTAssertTrue(help.stdout.contains("Usage: confide \(name)"), "help \(name): \(help.stdout)")
            XCTAssertTrue(help.stdout.contains("Example"), "help \(name) has no example: \(help.stdout)")
            XCTAssertEqual(try confide([name, "--help"]).stdout, help.stdout, "\(name) --help and help \(name) differ")
            guard help.stdout.contains("Verbs:\n") else { continue }
            let verbs = help.stdout.components(separatedBy: "Verbs:\n").last!.split(separator: "\n")
                .prefix { $0.hasPrefix("  ") }.map { String($0.split(separator: " ").first!) }
            XCTAssertFalse(verbs.isEmpty, help.stdout)
            for verb in verbs {
                verbsSeen += 1
                let v = try confide([name, verb, "--help"])
                XCTAssertEqual(v.status, 0, "\(name) \(verb) --help: \(v)")
                XCTAssertTrue(v.stdout.contains("Usage: confide \(name) \(verb)"), "\(name) \(verb) --help: \(v.stdout)")
                XCTAssertTrue(v.stdout.contains("Example:\n  confide \(name) \(verb)"), "\(name) \(verb) --help: \(v.stdout)")
                XCTAssertEqual(try confide(["help", name, verb]).stdout, v.stdout, "help \(name) \(verb)")
            }
        }
        XCTAssertGreaterThanOrEqual(verbsSeen, 7, "keys and audit verbs")
    }

    // MARK: usage errors

    func testUnknownRepeatedInapplicableOptionsAndStrayArgumentsAreUsageErrorsNamingThem() throws {
        let harness = try startDaemon()
        let s = ["--socket", harness.socketPath]
        let cases: [([String], String)] = [
            (["get", "--customer", "c", "--session", "x", "--bogus"] + s, "--bogus"),
            (["get", "--customer", "a", "--customer", "b", "--session", "x"] + s, "--customer"),
            (["keys", "rotate", "--kek", "--customer", "c-9"] + s, "--customer"),
            (["keys", "rotate", "--customer", "c-9", "--wait"] + s, "--wait"),
            (["keys", "status", "--kek"] + s, "--kek"),
            (["audit", "tail", "--public-key", "00"] + s, "--public-key"),
            (["health", "extra"] + s, "extra"),
            (["keys", "status", "extra"] + s, "extra"),
            (["health", "--state-dir", harness.stateDir], "--state-dir"),
        ]
        for (arguments, named) in cases {
            let r = try confide(arguments)
            XCTAssertEqual(r.status, 2, "confide \(arguments.joined(separator: " ")): \(r)")
            XCTAssertTrue(r.stderr.contains(named), "confide \(arguments.joined(separator: " ")) should name \(named): \(r.stderr)")
        }
        // The refused `keys rotate --kek --customer` rotated nothing.
        let keks = try ok(harness.client(), "keys.status")["kek"]?.arrayValue ?? []
        XCTAssertEqual(keks.count, 1, "\(keks)")
    }

    /// An unknown option is refused before anything runs, with the options the verb does
    /// take, and the verb of the same group that takes it (a mistyped verb, not option).
    func testAnUnknownOptionListsTheVerbsOwnOptionsAndTheSiblingVerbThatTakesIt() throws {
        let status = try confide(["keys", "status", "--kek"])
        XCTAssertEqual(status.status, 2, "\(status)")
        XCTAssertTrue(status.stderr.contains("unknown option --kek for `confide keys status` (it takes --socket PATH, --help;"), status.stderr)
        XCTAssertTrue(status.stderr.contains("--kek is an option of `confide keys rotate`"), status.stderr)
        let tail = try confide(["audit", "tail", "--state-dir", "/nonexistent"])
        XCTAssertEqual(tail.status, 2, "\(tail)")
        XCTAssertTrue(tail.stderr.contains("(it takes -n N, --follow, --socket PATH, --help;"), tail.stderr)
        XCTAssertTrue(tail.stderr.contains("--state-dir is an option of `confide audit verify`, `confide audit export`"), tail.stderr)
        // A plain command lists its own options and names no other.
        let get = try confide(["get", "--bogus"])
        XCTAssertEqual(get.status, 2, "\(get)")
        XCTAssertTrue(get.stderr.contains("unknown option --bogus for `confide get` (it takes --customer ID, --session ID,"), get.stderr)
        XCTAssertFalse(get.stderr.contains("is an option of"), get.stderr)
    }

    /// The usage block of a help text: from `Usage: ` to the blank line, on one line.
    private func usage(_ help: String) -> String {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.hasPrefix("Usage: ") }) else { return "" }
        return lines[first...].prefix { !$0.isEmpty }.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// The first word of each line of a help section (`Commands`, `Verbs`, `Options`).
    private func section(_ help: String, _ title: String) -> [String] {
        guard let start = help.range(of: "\n\(title):\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("  ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// Usage lines are made from the declared options: the usage of every command and verb
    /// names each option under its Options (which its parser takes) exactly once, and no
    /// other, so an option cannot be declared and left out of its usage, nor promised and
    /// refused.
    func testEveryUsageLineNamesExactlyTheOptionsItsCommandDeclares() throws {
        var checked = 0
        for name in section(try confide(["--help"]).stdout, "Commands") {
            let help = try confide([name, "--help"]).stdout
            let verbs = section(help, "Verbs")
            for words in verbs.isEmpty ? [[name]] : verbs.map({ [name, $0] }) {
                let text = try confide(words + ["--help"]).stdout
                let line = usage(text)
                XCTAssertTrue(line.hasPrefix("Usage: confide \(words.joined(separator: " "))"), "\(words): \(text)")
                let declared = section(text, "Options").filter { $0 != "--help" }
                let named = line.split(whereSeparator: { " ()[]|".contains($0) }).map(String.init)
                    .filter { $0.count > 1 && $0.hasPrefix("-") && $0.dropFirst().first?.isLetter == true || $0.hasPrefix("--") }
                XCTAssertEqual(named.sorted(), declared.sorted(), "`confide \(words.joined(separator: " "))`: usage \"\(line)\" against its options")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 30)
    }

    /// The usage shows what must be given first, the optional options in brackets, one of
    /// a set of alternatives as one unit, and an option that applies only with another
    /// right after it.
    func testUsageLinesShowRequiredOptionalAlternativeAndDependentOptions() throws {
        let expected: [([String], String)] = [
            (["get"], "Usage: confide get --customer ID --session ID [--redacted] [--purpose LABEL] [--socket PATH]"),
            (["rpc"], "Usage: confide rpc JSON [--socket PATH]"),
            (["backup"], "Usage: confide backup --to DIR [--keys | --data] [--socket PATH]"),
            (["keys", "rotate"], "Usage: confide keys rotate (--kek [--wait] | --customer ID) [--socket PATH]"),
            (["audit", "verify"], "Usage: confide audit verify [--public-key HEX] [--offline (--state-dir DIR | --store URI)] [--socket PATH]"),
            (["restore"], "Usage: confide restore --from DIR --state-dir DIR [--erasure-ledger FILE (--key-file FILE | --passphrase-file FILE)]"),
            (["keys", "rekey"], "Usage: confide keys rekey --state-dir DIR (--old-key-file FILE | --old-passphrase-file FILE) (--new-key-file FILE | --new-passphrase-file FILE)"),
            (["keys"], "Usage: confide keys <verb> [options]"),
        ]
        for (words, line) in expected {
            let help = try confide(words + ["--help"]).stdout
            XCTAssertEqual(usage(help), line, "\(words)")
            // Wrapped for a terminal: no usage line is longer than 100 columns.
            for l in help.split(separator: "\n") where l.hasPrefix("Usage: ") || l.hasPrefix("       ") {
                XCTAssertLessThanOrEqual(l.count, 100, "\(words): \(l)")
            }
        }
    }

    func testClientVerbsFindTheDaemonBySocketOrEnvironmentOnly() throws {
        let harness = try startDaemon()
        let none = try confide(["health"])
        XCTAssertEqual(none.status, 2, "\(none)")
        XCTAssertTrue(none.stderr.contains("--socket") && none.stderr.contains("CONFIDE_SOCKET"), none.stderr)
        let viaEnvironment = try confide(["health"], environment: ["CONFIDE_SOCKET": harness.socketPath])
        XCTAssertEqual(viaEnvironment.status, 0, "\(viaEnvironment)")
        let viaFlag = try confide(["health", "--socket", harness.socketPath], environment: ["CONFIDE_SOCKET": "/nonexistent/sock"])
        XCTAssertEqual(viaFlag.status, 0, "--socket wins over the environment: \(viaFlag)")
    }

    // MARK: output

    func testWaitProgressIsPlainLinesWhenStderrIsNotATerminal() throws {
        let harness = try startDaemon()
        try ok(harness.client(), "session.put", sessionParams(unique("w"), "s", [message("x")]))
        let r = try confide(["keys", "rotate", "--kek", "--wait", "--socket", harness.socketPath], timeout: 120)
        XCTAssertEqual(r.status, 0, "\(r)")
        XCTAssertFalse(r.stderr.contains("\r"), "no carriage returns in a log: \(r.stderr.debugDescription)")
        XCTAssertTrue(r.stderr.contains("re-wrap: done"), r.stderr)
        XCTAssertTrue(r.stderr.split(separator: "\n").allSatisfy { $0 == $0.trimmingCharacters(in: .whitespaces)[...] },
                      "no padding: \(r.stderr.debugDescription)")
    }

    func testFilesTheCLIWritesAreReadableByTheOwnerOnly() throws {
        let harness = try startDaemon()
        let c = harness.client()
        let customer = unique("files")
        try ok(c, "session.put", sessionParams(customer, "s", [message("x")]))
        let export = harness.root.path + "/export.json", receipt = harness.root.path + "/receipt.json"
        let e = try confide(["export", "--customer", customer, "--out", export, "--socket", harness.socketPath])
        XCTAssertEqual(e.status, 0, "\(e)")
        XCTAssertTrue(((try? String(contentsOfFile: export, encoding: .utf8)) ?? "").contains("\"sessions\""))
        XCTAssertEqual(permissionBits(export), 0o600)
        let r = try confide(["shred", "--customer", customer, "--reason", "T-3", "--yes", "--receipt-out", receipt, "--socket", harness.socketPath])
        XCTAssertEqual(r.status, 0, "\(r)")
        XCTAssertEqual(permissionBits(receipt), 0o600)
    }

    func testRPCSendsOneRawLineAndPrintsTheReply() throws {
        let harness = try startDaemon()
        let s = ["--socket", harness.socketPath]
        let health = try confide(["rpc", #"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#] + s)
        XCTAssertEqual(health.status, 0, "\(health)")
        let reply = try JSONParser.parse(health.stdout.trimmingCharacters(in: .newlines))
        XCTAssertEqual(reply["result"]?["status"], "ok", health.stdout)
        XCTAssertEqual(reply["id"], 1)

        let error = try confide(["rpc", #"{"jsonrpc":"2.0","id":2,"method":"no.such"}"#] + s)
        XCTAssertEqual(error.status, 1, "\(error)")
        XCTAssertTrue(error.stdout.contains("-32601"), error.stdout)

        // A notification gets no reply: nothing printed, and no hang.
        let notification = try confide(["rpc", #"{"jsonrpc":"2.0","method":"system.health"}"#] + s)
        XCTAssertEqual(notification.status, 0, "\(notification)")
        XCTAssertEqual(notification.stdout, "")
    }
}
