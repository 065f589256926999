import Foundation
import TestSupport
import XCTest

/// `confide completion bash|zsh`: the scripts, loaded into a real shell, offer the
/// binary's real commands, verbs and options (the same ones its `--help` lists).
final class CompletionTests: XCTestCase {
    private func confide(_ arguments: [String]) throws -> ProgramResult {
        try runProgram([try DaemonHarness.binaryPath()] + arguments, timeout: 20)
    }

    /// The words a `bash -c` shell with the script loaded offers for `line` (the last word
    /// being completed; "" for a fresh word).
    private func bashOffers(_ script: String, _ words: [String]) throws -> [String] {
        let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
        let program = """
            source "$1"
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
            _confide
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let r = try runProgram(["bash", "-c", program, "bash", script])
        XCTAssertEqual(r.status, 0, "\(r)")
        return r.stdout.split(separator: "\n").map(String.init)
    }

    /// The names in the first column of a help section (`Commands:` or `Verbs:`).
    private func helpSection(_ help: String, _ title: String) -> [String] {
        guard let start = help.range(of: "\n\(title):\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("  ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    private func writeScript(_ shell: String) throws -> String {
        let r = try confide(["completion", shell])
        XCTAssertEqual(r.status, 0, "\(r)")
        let path = NSTemporaryDirectory() + "confide-completion-\(UUID().uuidString.prefix(8)).\(shell)"
        try Data(r.stdout.utf8).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testBashCompletionOffersTheCommandsVerbsAndOptionsTheHelpLists() throws {
        let script = try writeScript("bash")
        let overview = try confide(["--help"]).stdout
        let commands = helpSection(overview, "Commands")
        XCTAssertTrue(commands.contains("keys") && commands.contains("report") && commands.contains("completion"), overview)
        let top = try bashOffers(script, ["confide", ""])
        XCTAssertEqual(Set(top), Set(commands + ["help", "--help", "--version"]))
        XCTAssertEqual(try bashOffers(script, ["confide", "ke"]), ["keys", "keygen"])

        // Every group's verbs, as its own --help lists them.
        for group in ["keys", "audit"] {
            let verbs = helpSection(try confide([group, "--help"]).stdout, "Verbs")
            XCTAssertFalse(verbs.isEmpty)
            XCTAssertEqual(Set(try bashOffers(script, ["confide", group, ""])), Set(verbs + ["--help"]), group)
        }
        XCTAssertEqual(try bashOffers(script, ["confide", "keys", "ro"]), ["rotate"])

        // A verb's options are the ones its --help lists; a DIR value completes folders.
        let verifyHelp = try confide(["audit", "verify", "--help"]).stdout
        let listed = Set(verifyHelp.split(separator: "\n").compactMap { line -> String? in
            let word = line.split(separator: " ").first.map(String.init) ?? ""
            return line.hasPrefix("  --") ? word : nil
        })
        XCTAssertTrue(listed.contains("--offline"), verifyHelp)
        XCTAssertEqual(Set(try bashOffers(script, ["confide", "audit", "verify", "--"])), listed)
        let folder = NSTemporaryDirectory() + "cfcomp-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder + "/state-a", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        XCTAssertEqual(try bashOffers(script, ["confide", "report", "--state-dir", folder + "/sta"]), [folder + "/state-a"])
        // A value that is free text offers nothing (not the option list).
        XCTAssertEqual(try bashOffers(script, ["confide", "get", "--customer", ""]), [])
        XCTAssertEqual(Set(try bashOffers(script, ["confide", "completion", ""])), ["bash", "zsh", "--help"])
        // A FILE argument completes files; an option being typed does not.
        FileManager.default.createFile(atPath: folder + "/c-42.receipt.json", contents: Data("{}".utf8))
        XCTAssertEqual(try bashOffers(script, ["confide", "verify-receipt", folder + "/c-4"]), [folder + "/c-42.receipt.json"])
        XCTAssertEqual(try bashOffers(script, ["confide", "verify-receipt", "--"]), ["--public-key", "--help"])
    }

    func testZshCompletionOffersTheVerbsOfAGroupAndTheOptionsOfAVerb() throws {
        guard executablePath("zsh") != nil else { throw XCTSkip("zsh is not installed: the zsh script is not checked") }
        let script = try writeScript("zsh")
        XCTAssertEqual(try runProgram(["zsh", "-n", script]).status, 0)
        // zsh's completion widgets need a terminal; these stand-ins print what the script
        // hands to them, which is what the real ones would offer.
        let program = """
            compdef() { :; }
            _describe() { local name=${@[-1]}; print -rl -- ${${(P)name}%%:*}; }
            _arguments() { shift; print -rl -- ${${@%%\\[*}%%:*}; }
            source "$1"
            words=(${(s: :)2}); [[ $2 == *' ' ]] && words+=(''); CURRENT=${#words}
            _confide
            """
        func offers(_ line: String) throws -> [String] {
            let r = try runProgram(["zsh", "-c", program, "zsh", script, line])
            XCTAssertEqual(r.status, 0, "\(r)")
            return r.stdout.split(separator: "\n").map(String.init)
        }
        XCTAssertTrue(try offers("confide ").contains("report"))
        let verbs = helpSection(try confide(["audit", "--help"]).stdout, "Verbs")
        XCTAssertEqual(try offers("confide audit "), verbs)
        let reportOptions = Set(helpSection(try confide(["report", "--help"]).stdout, "Options"))
        XCTAssertTrue(reportOptions.isSuperset(of: ["--state-dir", "--store", "--config", "--since", "--json", "--html", "--help"]), "\(reportOptions)")
        XCTAssertEqual(Set(try offers("confide report ")), reportOptions)
    }

    func testCompletionRefusesAnUnknownShell() throws {
        let r = try confide(["completion", "fish"])
        XCTAssertEqual(r.status, 2, "\(r)")
        XCTAssertTrue(r.stderr.contains("bash or zsh"), r.stderr)
    }
}
