import CLinux
import ConfideCore
import ConfideCrypto
import ConfideServer
import Foundation

SwiftBacktracer.ensureDisabled()  // before anything else: no crash report may print process memory

/// Every subcommand of the one `confide` binary.
let commands: [Command] = {
    let others = [ServeCommand.command] + ClientCommands.commands + LegalCommands.commands + AdminCommands.commands
        + BackupCommands.commands + [MigrateCommand.command, ReportCommand.command, RedactCommand.command, BenchCommand.command]
    return others + [CompletionCommand.command(completing: others)]
}()

func printOverview(_ commands: [Command]) {
    var s = "confide: encrypted customer-support transcripts, one key per customer, crypto-shredding.\n\n"
    s += "Usage: confide <command> [options]    confide <group> <verb> [options]\n\nCommands:\n"
    for c in commands { s += "  " + c.name.padding(toLength: 16, withPad: " ", startingAt: 0) + c.abstract + "\n" }
    s += "\nRun `confide <command> --help` or `confide help <command> [verb]` for its options and an example;\n"
    s += "`confide --version` for the version, the build's commit and the libraries'.\n"
    FileHandle.standardOutput.write(Data(s.utf8))
}

/// `confide --version`: what was built, from which commit, and which libraries it runs on.
func printVersion() {
    printLine("confide \(SystemMethods.version) (commit \(BuildInfo.commit)), libsodium \(Sodium.version), SQLite \(TranscriptStore.sqliteVersion)")
}

/// The command (or group verb) named by `words`, and the arguments after its name.
func resolve(_ words: [String]) throws -> (Command, [String]) {
    guard let name = words.first, let command = commands.first(where: { $0.name == name }) else {
        throw UsageError("unknown command \(words.first?.debugDescription ?? "\"\""); run `confide --help`")
    }
    let rest = Array(words.dropFirst())
    guard !command.verbs.isEmpty, let word = rest.first, !word.hasPrefix("-") else { return (command, rest) }
    guard let verb = command.verb(word) else {
        throw UsageError("unknown verb \(word.debugDescription) for `confide \(name)`; run `confide \(name) --help`")
    }
    return (verb, Array(rest.dropFirst()))
}

confide_line_buffer_stdout()  // one JSON line at a time, also into pipes (`audit tail --follow | jq`)
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case nil:
    printOverview(commands)
    exit(2)
case "-h", "--help":
    printOverview(commands)
    exit(0)
case "--version":
    printVersion()
    exit(0)
case "help":
    guard arguments.count > 1 else { printOverview(commands); exit(0) }
    do {
        let (command, rest) = try resolve(Array(arguments.dropFirst()))
        guard rest.isEmpty else { throw UsageError("unexpected argument \(rest[0].debugDescription) for `confide help \(command.name)`") }
        FileHandle.standardOutput.write(Data(command.help.utf8))
        exit(0)
    } catch {
        note("confide help: \(error)")
        exit(2)
    }
default:
    break
}
let command: Command, rest: [String]
do { (command, rest) = try resolve(arguments) } catch {
    note("confide: \(error)")
    exit(2)
}
if rest.contains("--help") || rest.contains("-h") {
    FileHandle.standardOutput.write(Data(command.help.utf8))
    exit(0)
}
guard let run = command.run else {
    note("confide \(command.name): give a verb: \(command.verbs.map { String($0.name.split(separator: " ").last!) }.joined(separator: ", "))"
        + "\nRun `confide \(command.name) --help` for usage.")
    exit(2)
}
do {
    let group = commands.first { !$0.verbs.isEmpty && command.name.hasPrefix($0.name + " ") }
    exit(try run(try command.parse(rest, siblings: group?.verbs ?? [])))
} catch let e as UsageError {
    note("confide \(command.name): \(e)\nRun `confide \(command.name) --help` for usage.")
    exit(2)
} catch {
    note("confide \(command.name): \(error)")
    exit(1)
}
