import Foundation

/// A subcommand: its name, one-line abstract, usage, options, an example, and its body.
struct Command: Sendable {
    struct Option: Sendable {
        let name: String          // "--state-dir"
        let value: String?        // "DIR"; nil for a flag
        let help: String
    }
    let name: String
    let abstract: String
    let usage: String
    let options: [Option]
    let example: String
    let run: @Sendable (ParsedArguments) throws -> Int32

    var help: String {
        var s = "\(abstract)\n\nUsage: confide \(usage)\n"
        if !options.isEmpty {
            s += "\nOptions:\n"
            for o in options {
                let left = o.value.map { "\(o.name) \($0)" } ?? o.name
                s += "  " + left.padding(toLength: max(26, left.count + 2), withPad: " ", startingAt: 0) + o.help + "\n"
            }
        }
        s += "  --help                    Show this help.\n\nExample:\n  \(example)\n"
        return s
    }

    /// Parses `arguments` against the options; unknown options are usage errors.
    func parse(_ arguments: [String]) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { parsed.positionals += arguments[(i + 1)...]; break }
            if a.hasPrefix("-") && a.count > 1 {
                var name = a, inlineValue: String? = nil
                if let eq = a.firstIndex(of: "="), a.hasPrefix("--") { name = String(a[..<eq]); inlineValue = String(a[a.index(after: eq)...]) }
                guard let option = options.first(where: { $0.name == name }) else {
                    throw UsageError("unknown option \(name) for `confide \(self.name)` (see `confide \(self.name) --help`)")
                }
                if option.value != nil {
                    if let v = inlineValue { parsed.values[name, default: []].append(v) }
                    else {
                        guard i + 1 < arguments.count else { throw UsageError("\(name) needs a value (\(option.value!))") }
                        parsed.values[name, default: []].append(arguments[i + 1])
                        i += 1
                    }
                } else {
                    guard inlineValue == nil else { throw UsageError("\(name) takes no value") }
                    parsed.flags.insert(name)
                }
            } else {
                parsed.positionals.append(a)
            }
            i += 1
        }
        return parsed
    }
}

/// Options, flags and positionals as given.
struct ParsedArguments {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    func value(_ name: String) -> String? { values[name]?.last }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    func required(_ name: String) throws -> String {
        guard let v = value(name) else { throw UsageError("\(name) is required") }
        return v
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = value(name) else { return nil }
        guard let i = Int(v), range.contains(i) else { throw UsageError("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)") }
        return i
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
