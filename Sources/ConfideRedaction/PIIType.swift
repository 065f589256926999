/// A category of personally identifiable information that the redactor can find.
///
/// The raw value is the placeholder tag (`[EMAIL_1]`) and the token accepted by
/// `Redactor.parseTypes`, so stored settings and rendered placeholders agree.
public enum PIIType: String, Sendable, CaseIterable, Codable {
    /// An e-mail address such as `ana@example.com`.
    case email = "EMAIL"
    /// A telephone number in international (`+CC …`) or common national formats.
    case phone = "PHONE"
    /// A payment card number of 13–19 digits that passes the Luhn check.
    case card = "CARD"
    /// An International Bank Account Number with the right length and a valid mod-97 check.
    case iban = "IBAN"
    /// A US Social Security number outside the never-issued ranges.
    case ssn = "SSN"
    /// An IPv4 or IPv6 address.
    case ip = "IP"
    /// A person's name after a title, introduction, greeting, sign-off or `Name:` label,
    /// or a known first name followed by a surname (en, de, fr, nl, es).
    case person = "PERSON"
    /// A postal address: street with house number, postcode with city, PO box, military
    /// address, or a pasted multi-line address (en-US/UK, de, fr, nl, es).
    case address = "ADDRESS"
}
