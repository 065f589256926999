import XCTest
import ConfideRedaction

/// Placeholder numbering, normalisation, the `redact` output and `parseTypes`.
final class RedactionNumberingTests: XCTestCase {
    func testSameValueSameNumberAcrossCalls() {
        let redactor = Redactor()
        var numbering = PlaceholderNumbering()
        let first = redactor.redact("Hi, I'm ANA@X.com, call +44 20 7946 0958", numbering: &numbering)
        XCTAssertEqual(first.text, "Hi, I'm [EMAIL_1], call [PHONE_1]")
        let second = redactor.redact("Agent: noted ana@x.com. Also bob@y.org?", numbering: &numbering)
        XCTAssertEqual(second.text, "Agent: noted [EMAIL_1]. Also [EMAIL_2]?")
        let third = redactor.redact("+44 (0)20 7946 0958 or 4411 1111 1111 1113? no: 4111-1111-1111-1111",
                                    numbering: &numbering)
        XCTAssertEqual(third.text, "[PHONE_1] or 4411 1111 1111 1113? no: [CARD_1]")
        XCTAssertEqual(numbering.counters, ["EMAIL": 2, "PHONE": 1, "CARD": 1])
        XCTAssertEqual(numbering.assignments["EMAIL:ana@x.com"], 1)
        XCTAssertEqual(numbering.assignments["PHONE:442079460958"], 1)
    }

    func testNormalisedValuesShareNumbers() {
        let redactor = Redactor()
        var numbering = PlaceholderNumbering()
        let text = "4111 1111 1111 1111 / 4111-1111-1111-1111; DE89 3704 0044 0532 0130 00 = de89370400440532013000; "
            + "2001:DB8::1 = 2001:db8:0:0:0:0:0:1; SSN 123-45-6789 = SSN 123456789; 192.168.001.010 = 192.168.1.10"
        let result = redactor.redact(text, numbering: &numbering)
        XCTAssertEqual(result.text, "[CARD_1] / [CARD_1]; [IBAN_1] = [IBAN_1]; [IP_1] = [IP_1]; "
            + "SSN [SSN_1] = SSN [SSN_1]; [IP_2] = [IP_2]")
        XCTAssertEqual(numbering.assignments["IP:2001:0db8:0000:0000:0000:0000:0000:0001"], 1)
        XCTAssertEqual(numbering.assignments["IBAN:DE89370400440532013000"], 1)
    }

    /// The byte-based IP normalizer (v2 throughput work) keeps every canonical form.
    func testIPNormalFormsOfTheByteBasedNormalizer() {
        var numbering = PlaceholderNumbering()
        let text = "::ffff:192.0.2.1 = 0:0:0:0:0:FFFF:C000:201; fe80::1%ETH0 = FE80:0:0:0:0:0:0:1%eth0; "
            + "::1 = 0:0:0:0:0:0:0:1; 2001:db8:: = 2001:DB8:0:0:0:0:0:0; 10.0.0.1 = 010.000.000.001"
        let result = Redactor().redact(text, numbering: &numbering)
        XCTAssertEqual(result.text, "[IP_1] = [IP_1]; [IP_2] = [IP_2]; [IP_3] = [IP_3]; [IP_4] = [IP_4]; [IP_5] = [IP_5]")
        XCTAssertEqual(numbering.assignments["IP:0000:0000:0000:0000:0000:ffff:c000:0201"], 1)
        XCTAssertEqual(numbering.assignments["IP:fe80:0000:0000:0000:0000:0000:0000:0001%eth0"], 2)
        XCTAssertEqual(numbering.assignments["IP:2001:0db8:0000:0000:0000:0000:0000:0000"], 4)
        XCTAssertEqual(numbering.assignments["IP:10.0.0.1"], 5)
    }

    /// Name parts are split on bytes (v2 throughput work): initials are not stored as parts,
    /// accented parts are.
    func testNamePartsOfAccentedNamesAndInitials() {
        var numbering = PlaceholderNumbering()
        let result = Redactor().redact("Mein Name ist Jürgen K. Weiß. Danke, Jürgen!", numbering: &numbering)
        XCTAssertEqual(result.text, "Mein Name ist [PERSON_1]. Danke, [PERSON_1]!")
        XCTAssertEqual(numbering.assignments["PERSON:~jürgen"], 1)
        XCTAssertEqual(numbering.assignments["PERSON:~weiß"], 1)
        XCTAssertNil(numbering.assignments["PERSON:~k"])
    }

    /// A `×` opening a word, in a session that has a name, used to hang `redact` (the search for
    /// known name parts never moved past it): the daemon's writer stopped on such a message.
    func testMultiplicationSignAfterANameTerminates() {
        let redactor = Redactor()
        var numbering = PlaceholderNumbering()
        XCTAssertEqual(redactor.redact("I am Ana Souza.", numbering: &numbering).text, "I am [PERSON_1].")
        XCTAssertEqual(redactor.redact("price 3 \u{D7} Ana", numbering: &numbering).text, "price 3 \u{D7} [PERSON_1]")
        XCTAssertEqual(redactor.redact("size: \u{D7} 2, \u{D7}Souza", numbering: &numbering).text, "size: \u{D7} 2, \u{D7}[PERSON_1]")
    }

    func testRestoredStateContinuesNumbering() {
        var numbering = PlaceholderNumbering(assignments: ["EMAIL:ana@x.com": 4], counters: ["EMAIL": 4])
        let result = Redactor().redact("ana@x.com and new@x.com", numbering: &numbering)
        XCTAssertEqual(result.text, "[EMAIL_4] and [EMAIL_5]")
        XCTAssertEqual(numbering, PlaceholderNumbering(assignments: ["EMAIL:ana@x.com": 4, "EMAIL:new@x.com": 5],
                                                       counters: ["EMAIL": 5]))
    }

    func testCustomValueKeyKeepsPIIOutOfState() {
        var numbering = PlaceholderNumbering()
        let hash: (PIIType, String) -> String = { type, value in
            // Stand-in for a keyed hash (HMAC) supplied by the caller.
            var h: UInt64 = 1469598103934665603
            for byte in "\(type.rawValue)|\(value)".utf8 { h = (h ^ UInt64(byte)) &* 1099511628211 }
            return String(h, radix: 16)
        }
        let result = Redactor().redact("mail ana@x.com / ANA@x.com", numbering: &numbering, valueKey: hash)
        XCTAssertEqual(result.text, "mail [EMAIL_1] / [EMAIL_1]")
        XCTAssertFalse(numbering.assignments.keys.contains { $0.contains("ana") })
    }

    func testSpansReportedInInputOffsets() {
        var numbering = PlaceholderNumbering()
        let text = "Email ana@x.com or call 020 7946 0958."
        let result = Redactor().redact(text, numbering: &numbering)
        XCTAssertEqual(result.spans, [PIISpan(start: 6, end: 15, type: .email), PIISpan(start: 24, end: 37, type: .phone)])
        XCTAssertEqual(result.spans, Redactor().findSpans(in: text))
    }

    func testTypeSubsetLeavesOthersVisible() {
        var numbering = PlaceholderNumbering()
        let redactor = Redactor(types: [.email])
        let result = redactor.redact("ana@x.com, +1 415 555 0132, 10.0.0.1", numbering: &numbering)
        XCTAssertEqual(result.text, "[EMAIL_1], +1 415 555 0132, 10.0.0.1")
        XCTAssertEqual(redactor.types, [.email])
    }

    func testTextWithoutPIIIsUnchanged() {
        var numbering = PlaceholderNumbering()
        let text = "Order #A-123456 ships 2024-03-15 at 14:30:05 for $1,299.99 (v1.2.3)."
        let result = Redactor().redact(text, numbering: &numbering)
        XCTAssertEqual(result.text, text)
        XCTAssertEqual(result.spans, [])
        XCTAssertEqual(numbering, PlaceholderNumbering())
    }

    func testParseTypes() throws {
        XCTAssertEqual(try Redactor.parseTypes("EMAIL,PHONE"), [.email, .phone])
        XCTAssertEqual(try Redactor.parseTypes(" email, phone ,Ip "), [.email, .phone, .ip])
        XCTAssertEqual(try Redactor.parseTypes("card,,iban,"), [.card, .iban])
        XCTAssertThrowsError(try Redactor.parseTypes("EMAIL,PASSPORT")) { error in
            XCTAssertEqual(error as? RedactionError, .unknownType("PASSPORT"))
            XCTAssertTrue("\(error)".contains("'PASSPORT'"))
            XCTAssertTrue("\(error)".contains("EMAIL, PHONE, CARD, IBAN, SSN, IP"))
        }
        XCTAssertThrowsError(try Redactor.parseTypes(" , ")) { error in
            XCTAssertEqual(error as? RedactionError, .emptyTypeList)
        }
    }

    func testPIITypeCodable() throws {
        let data = try JSONEncoder().encode([PIIType.email, .ip])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"EMAIL\",\"IP\"]")
        XCTAssertEqual(try JSONDecoder().decode([PIIType].self, from: data), [.email, .ip])
    }
}
