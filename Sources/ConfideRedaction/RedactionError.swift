/// An error from parsing a list of PII type names.
///
/// Operators type these lists in configuration, so the message names the offending token.
public enum RedactionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A token that is not one of the `PIIType` raw values.
    case unknownType(String)
    /// The list held no type names at all.
    case emptyTypeList

    /// A one-line message naming the problem and the accepted names.
    ///
    /// Shown verbatim to operators, so it lists what would have been valid.
    public var description: String {
        let valid = PIIType.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .unknownType(let token):
            return "unknown PII type '\(token)'; expected a comma-separated list of: \(valid)"
        case .emptyTypeList:
            return "empty PII type list; expected a comma-separated list of: \(valid)"
        }
    }
}
