import Foundation

/// A subcommand, or a verb of a command group (`keys rotate`): its name, one-line
/// abstract, options, positional arguments, an example, and its body. A group has verbs
/// instead of a body. The usage line is made from the options (`Command+Usage.swift`), so
/// it names every option the command takes and nothing else.
struct Command: Sendable {
    struct Option: Sendable {
        let name: String          // "--state-dir"
        let value: String?        // "DIR"; nil for a flag
        let help: String
        /// Where the usage line shows it: required, optional, one of a set, only with another.
        var use: Use = .optional

        init(name: String, value: String?, help: String, use: Use = .optional) {
            self.name = name
            self.value = value
            self.help = help
            self.use = use
        }

        /// The same option, required by this command.
        var required: Option { used(.required) }
        /// The same option with another place in the usage line.
        func used(_ use: Use) -> Option { Option(name: name, value: value, help: help, use: use) }
    }
    /// The words that call it: "get", or "keys rotate" for a verb.
    let name: String
    let abstract: String
    let options: [Option]
    /// Names of the positional arguments it takes, in order (each required).
    let positionals: [String]
    let example: String
    let verbs: [Command]
    let run: (@Sendable (ParsedArguments) throws -> Int32)?

    init(name: String, abstract: String, options: [Option], positionals: [String] = [], example: String,
         run: @escaping @Sendable (ParsedArguments) throws -> Int32) {
        self.name = name
        self.abstract = abstract
        self.options = options
        self.positionals = positionals
        self.example = example
        self.verbs = []
        self.run = run
    }

    /// A command group: `confide <name> <verb> ...`, each verb with its own options and help.
    init(group name: String, abstract: String, example: String, verbs: [Command]) {
        self.name = name
        self.abstract = abstract
        self.options = []
        self.positionals = []
        self.example = example
        self.verbs = verbs
        self.run = nil
    }

    /// The verb named `word` of this group.
    func verb(_ word: String) -> Command? { verbs.first { $0.name == "\(name) \(word)" } }

    var help: String {
        var s = "\(abstract)\n\n\(usageLine)\n"
        if !verbs.isEmpty {
            s += "\nVerbs:\n"
            for v in verbs {
                let word = String(v.name.split(separator: " ").last!)
                s += "  " + word.padding(toLength: 10, withPad: " ", startingAt: 0) + v.abstract + "\n"
            }
            s += "\nRun `confide \(name) <verb> --help` (or `confide help \(name) <verb>`) for a verb's options and example.\n"
            return s + "\nExample:\n  \(example)\n"
        }
        if !options.isEmpty {
            s += "\nOptions:\n"
            for o in options {
                let left = o.value.map { "\(o.name) \($0)" } ?? o.name
                s += "  " + left.padding(toLength: max(26, left.count + 2), withPad: " ", startingAt: 0) + o.help + "\n"
            }
        } else {
            s += "\nOptions:\n"
        }
        s += "  --help                    Show this help.\n\nExample:\n  \(example)\n"
        return s
    }

    /// Parses `arguments` against the options and positionals. Usage errors, each naming
    /// the argument: an unknown option (with the options this command takes, and which of
    /// `siblings` — the other verbs of its group — takes it), an option given twice, a
    /// missing value, a positional argument it does not take (or a missing one).
    func parse(_ arguments: [String], siblings: [Command] = []) throws -> ParsedArguments {
        var parsed = ParsedArguments(declared: Set(options.map(\.name)),
                                     required: Set(options.filter { $0.use.required && $0.use.alternatives == nil }.map(\.name)))
        var i = 0
        var loose: [String] = []
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { loose += arguments[(i + 1)...]; break }
            if a.hasPrefix("-") && a.count > 1 {
                var name = a, inlineValue: String? = nil
                if let eq = a.firstIndex(of: "="), a.hasPrefix("--") { name = String(a[..<eq]); inlineValue = String(a[a.index(after: eq)...]) }
                guard let option = options.first(where: { $0.name == name }) else {
                    throw unknownOption(name, siblings: siblings)
                }
                guard parsed.values[name] == nil && !parsed.flags.contains(name) else {
                    throw UsageError("\(name) is given more than once")
                }
                if let placeholder = option.value {
                    if let v = inlineValue { parsed.values[name] = v }
                    else {
                        guard i + 1 < arguments.count else { throw UsageError("\(name) needs a value (\(placeholder))") }
                        parsed.values[name] = arguments[i + 1]
                        i += 1
                    }
                } else {
                    guard inlineValue == nil else { throw UsageError("\(name) takes no value") }
                    parsed.flags.insert(name)
                }
            } else {
                loose.append(a)
            }
            i += 1
        }
        if loose.count > positionals.count {
            let stray = loose[positionals.count]
            throw UsageError("unexpected argument \(stray.debugDescription) for `confide \(name)`"
                + (positionals.isEmpty ? " (it takes none)" : " (it takes \(positionals.joined(separator: " ")))"))
        }
        if loose.count < positionals.count { throw UsageError("give \(positionals[loose.count])") }
        parsed.positionals = loose
        return parsed
    }
}

extension Command {
    /// The options as usage shows them: `--kek, --customer ID, --socket PATH`.
    var optionSummary: String {
        (options.map { o in o.value.map { "\(o.name) \($0)" } ?? o.name } + ["--help"]).joined(separator: ", ")
    }

    /// "unknown option --kek for `confide keys status` (it takes --socket PATH, --help;
    /// --kek is an option of `confide keys rotate`)".
    func unknownOption(_ name: String, siblings: [Command]) -> UsageError {
        var message = "unknown option \(name) for `confide \(self.name)` (it takes \(optionSummary)"
        let owners = siblings.filter { $0.name != self.name && $0.options.contains { $0.name == name } }.map { "`confide \($0.name)`" }
        if !owners.isEmpty { message += "; \(name) is an option of \(owners.joined(separator: ", "))" }
        return UsageError(message + ")")
    }
}

/// Options, flags and positionals as given (each option at most once). Reading an option
/// the command does not declare is a mistake in the command's code (a typo would read as
/// "not given" forever), and so is requiring one its usage line shows as optional: debug
/// builds, which the tests run, stop on both.
struct ParsedArguments {
    /// The option names the command declares.
    let declared: Set<String>
    /// The options declared required (alone, or with the option they go with).
    let requiredOptions: Set<String>
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    init(declared: Set<String>, required: Set<String> = []) {
        self.declared = declared
        self.requiredOptions = required
    }

    private func checked(_ name: String) -> String {
        assert(declared.contains(name), "\(name) is read but not declared by the command")
        return name
    }

    func value(_ name: String) -> String? { values[checked(name)] }
    func flag(_ name: String) -> Bool { flags.contains(checked(name)) }
    /// Whether the option or flag was given at all.
    func has(_ name: String) -> Bool { values[checked(name)] != nil || flags.contains(name) }

    func required(_ name: String) throws -> String {
        assert(requiredOptions.contains(name), "\(name) is required by the command but its usage shows it as optional")
        guard let v = value(name) else { throw UsageError("\(name) is required") }
        return v
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = value(name) else { return nil }
        guard let i = Int(v), range.contains(i) else { throw UsageError("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)") }
        return i
    }

    /// Refuses each of `names` that was given, saying when it applies: for options that
    /// belong to the verb but not to this use of it (`keys rotate --customer ID --wait`).
    func refuse(_ names: [String], because rule: String) throws {
        if let given = names.first(where: has) { throw UsageError("\(given) \(rule)") }
    }
}

/// A mistake in how a command was called: printed with a hint, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// A failure reported to the user: printed to stderr, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Writes a line for people to stderr.
func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes one line for machines to stdout at once (unbuffered, so a pipe or file sees each
/// line as it is printed, e.g. `audit tail --follow`).
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
