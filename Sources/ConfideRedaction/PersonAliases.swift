/// Gives the parts of a person's name the number of the whole name, so "Ana Souza"
/// and a later "Ana" or "Mr. Souza" in the same session share `[PERSON_1]`.
///
/// Each part is stored in `PlaceholderNumbering.assignments` under
/// `valueKey(.person, "~part")` (never overwriting an existing entry), so a keyed-hash
/// `valueKey` keeps the state PII-free as before.
enum PersonAliases {
    /// The number for the normalized name `value` (`"ana souza"`), reusing a number
    /// already given to its surname, or to its first word when the name is one word.
    static func number(for value: String, _ numbering: inout PlaceholderNumbering,
                       _ valueKey: (PIIType, String) -> String) -> Int {
        let parts = value.split(separator: " ").map(String.init)
        let fullKey = valueKey(.person, value)
        if let existing = numbering.assignments[fullKey] { return existing }
        var inherited: Int? = nil
        if let last = parts.last, let n = numbering.assignments[valueKey(.person, "~" + last)] {
            inherited = n
        } else if parts.count == 1, let n = numbering.assignments[valueKey(.person, "~" + parts[0])] {
            inherited = n
        }
        let number = numbering.number(for: .person, valueKey: fullKey, reusing: inherited)
        for part in parts where part.count > 1 {
            numbering.alias(valueKey(.person, "~" + part), to: number)
        }
        return number
    }
}
