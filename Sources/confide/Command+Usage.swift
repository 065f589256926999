/// The usage line of a command, made from its declared options: one source of truth, so a
/// new option cannot be missing from it and it cannot name an option the parser refuses.
///
///     keys rotate (--kek [--wait] | --customer ID) [--socket PATH]
///
/// Positional arguments first, then what must be given, then the optional options in
/// brackets, each in declared order. Alternatives are one unit, `(a | b)` when one must be
/// given and `[a | b]` when at most one may; an option that applies only with another
/// follows it (`--kek [--wait]`, `[--offline --state-dir DIR]`).
extension Command {
    /// Where an option stands in the usage line.
    struct Use: Sendable, Equatable {
        /// Must be given: alone, with `with` when that is given, or (with `alternatives`)
        /// one of its set must be.
        var required: Bool
        /// The set of mutually exclusive options it belongs to.
        var alternatives: String? = nil
        /// The option it applies with, which it follows in the usage line.
        var with: String? = nil

        static let optional = Use(required: false)
        static let required = Use(required: true)
        /// One of the options that share `set`: one must be given if `required`, else at most one.
        static func oneOf(_ set: String, required: Bool, with: String? = nil) -> Use {
            Use(required: required, alternatives: set, with: with)
        }
        /// Only with the option `option`; required with it if `required`.
        static func with(_ option: String, required: Bool = false) -> Use { Use(required: required, with: option) }
    }

    /// `Usage: confide <name> ...` as help prints it, wrapped at 100 columns between units.
    var usageLine: String {
        let lead = "Usage: confide \(name)"
        let indent = String(repeating: " ", count: lead.count)
        var lines: [String] = [], line = lead
        for part in usageParts {
            if line.count + 1 + part.count > 100 && line != lead && line != indent {
                lines.append(line)
                line = indent
            }
            line += " " + part
        }
        return (lines + [line]).joined(separator: "\n")
    }

    /// The units of the usage line after the command's name.
    var usageParts: [String] {
        guard verbs.isEmpty else { return ["<verb>", "[options]"] }
        // An option follows the one it applies with only if that one is itself at the top;
        // any other stands at the top, so every declared option is shown exactly once.
        let top = Set(options.filter { $0.use.with == nil }.map(\.name))
        func nested(_ o: Option) -> Bool { o.use.with.map(top.contains) ?? false }
        let units = Self.units(options.filter { !nested($0) })
        func render(_ o: Option) -> String {
            let own = o.value.map { "\(o.name) \($0)" } ?? o.name
            let followers = Self.units(options.filter { nested($0) && $0.use.with == o.name })
            return ([own] + followers.map { render($0) }).joined(separator: " ")
        }
        func render(_ unit: [Option]) -> String {
            let body = unit.map(render).joined(separator: " | ")
            let required = unit.contains { $0.use.required }
            return required ? (unit.count > 1 ? "(\(body))" : body) : "[\(body)]"
        }
        let required = units.filter { $0.contains { $0.use.required } }, optional = units.filter { !$0.contains { $0.use.required } }
        return positionals + required.map(render) + optional.map(render)
    }

    /// `options` as usage units, in order: each option alone, or a set of alternatives
    /// together at the place of its first member.
    private static func units(_ options: [Option]) -> [[Option]] {
        var units: [[Option]] = []
        for o in options {
            if let set = o.use.alternatives, let i = units.firstIndex(where: { $0.first?.use.alternatives == set }) {
                units[i].append(o)
            } else {
                units.append([o])
            }
        }
        return units
    }
}
