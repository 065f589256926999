import CLinux
import ConfideCore
import ConfideServer
import Foundation

SwiftBacktracer.ensureDisabled()  // before anything else: no crash report may print process memory

/// Every subcommand of the one `confide` binary.
let commands: [Command] = [ServeCommand.command] + ClientCommands.commands + LegalCommands.commands + AdminCommands.commands + [RedactCommand.command, BenchCommand.command]

func printOverview(_ commands: [Command]) {
    var s = "confide: encrypted customer-support transcripts, one key per customer, crypto-shredding.\n\nUsage: confide <command> [options]\n\nCommands:\n"
    for c in commands { s += "  " + c.name.padding(toLength: 16, withPad: " ", startingAt: 0) + c.abstract + "\n" }
    s += "\nRun `confide <command> --help` for a command's options and an example.\n"
    FileHandle.standardOutput.write(Data(s.utf8))
}

confide_line_buffer_stdout()  // one JSON line at a time, also into pipes (`audit tail --follow | jq`)
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, !["-h", "--help", "help"].contains(name) else {
    printOverview(commands)
    exit(arguments.isEmpty ? 2 : 0)
}
guard let command = commands.first(where: { $0.name == name }) else {
    note("confide: unknown command \(name.debugDescription); run `confide --help`")
    exit(2)
}
let rest = Array(arguments.dropFirst())
if rest.contains("--help") || rest.contains("-h") {
    FileHandle.standardOutput.write(Data(command.help.utf8))
    exit(0)
}
do {
    exit(try command.run(try command.parse(rest)))
} catch let e as UsageError {
    note("confide \(command.name): \(e)\nRun `confide \(command.name) --help` for usage.")
    exit(2)
} catch {
    note("confide \(command.name): \(error)")
    exit(1)
}
