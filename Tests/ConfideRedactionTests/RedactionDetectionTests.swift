import XCTest
import ConfideRedaction

/// Positive and negative examples for each detector, including the lookalikes of the issue.
final class RedactorTests: XCTestCase {
    private func assertFinds(_ text: String, _ expected: String, _ type: PIIType,
                             file: StaticString = #filePath, line: UInt = #line) {
        let got = RedactionTestHelpers.found(text)
        XCTAssertTrue(got.contains { $0.0 == expected && $0.1 == type },
                      "expected \(type.rawValue)<\(expected)> in «\(text)», got: \(RedactionTestHelpers.describe(text))",
                      file: file, line: line)
    }

    private func assertClean(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(RedactionTestHelpers.describe(text), "", "expected nothing in «\(text)»", file: file, line: line)
    }

    func testEmailPositives() {
        assertFinds("write to ana.lopez+billing@mail.example.com please", "ana.lopez+billing@mail.example.com", .email)
        assertFinds("Mail: ANA@X.COM.", "ANA@X.COM", .email)
        assertFinds("<j_doe-99@sub.example.co.uk>", "j_doe-99@sub.example.co.uk", .email)
        assertFinds("(mailto:bob@example.org)", "bob@example.org", .email)
        assertFinds("メールはtaro.yamada@example.co.jpです", "taro.yamada@example.co.jp", .email)
        assertFinds("josé.garcía@correo.es", "josé.garcía@correo.es", .email)
        assertFinds("4155550132@sms.carrier.net", "4155550132@sms.carrier.net", .email)
    }

    func testEmailNegatives() {
        assertClean("meet @ 5, or ping @support on chat")
        assertClean("user@localhost is not routable, nor a@b")
        assertClean("a@b.c@d.e and x@@y.com")
        assertClean("price is 5@3.50 each")
    }

    func testPhonePositives() {
        let cases = [
            ("Call me at (415) 555-0132 tomorrow", "(415) 555-0132"),
            ("my cell is 415.555.0132", "415.555.0132"),
            ("office: 415-555-0132 ext. 12", "415-555-0132"),
            ("toll free 1-800-555-0199", "1-800-555-0199"),
            ("+1 415 555 0132", "+1 415 555 0132"),
            ("London 020 7946 0958.", "020 7946 0958"),
            ("or +44 20 7946 0958", "+44 20 7946 0958"),
            ("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
            ("mobile 07700 900123", "07700 900123"),
            ("Berlin +49 30 123456", "+49 30 123456"),
            ("Tel. 030/1234567", "030/1234567"),
            ("Handy 0171 2345678", "0171 2345678"),
            ("Appelez le 01 23 45 67 89", "01 23 45 67 89"),
            ("portable 06.12.34.56.78", "06.12.34.56.78"),
            ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
            ("móvil 612 345 678", "612 345 678"),
            ("fijo 91 123 45 67", "91 123 45 67"),
            ("電話番号は090-1234-5678です", "090-1234-5678"),
            ("03-1234-5678まで", "03-1234-5678"),
            ("E.164: +14155550132", "+14155550132"),
            ("call 07700900123", "07700900123"),
            ("phone 4155550132", "4155550132"),
            ("from abroad 0044 20 7946 0958", "0044 20 7946 0958"),
        ]
        for (text, phone) in cases { assertFinds(text, phone, .phone) }
    }

    func testPhoneNegativesAndLookalikes() {
        assertClean("Order #A-123456 shipped with tracking 1Z999AA10123456784")
        assertClean("Invoice INV-2024-00042 dated 2024-03-15, paid 15/03/2024")
        assertClean("US date 03.15.2024 at 14:30:05, or 03/15/2024")
        assertClean("Total $1,299.99 or 1.299,00 € or 1 299,00 € or £49.99")
        assertClean("Update to v1.2.3 or Windows 10.0.19045 build 10.0.19045.2965")
        assertClean("Bestellnummer 0301234567 ist unterwegs")
        assertClean("zip 94107-1234, qty 1 000 000, order 112-4839201-5529301")
        assertClean("FedEx 7946 1234 5678 and USPS 9400 1000 0000 0000 0000 00")
        assertClean("I called 3 times at 10:30 and 11:45 about 2 items")
        assertClean("account 4155550132 is closed")
    }

    func testCardPositives() {
        assertFinds("card 4111 1111 1111 1111 exp 12/26", "4111 1111 1111 1111", .card)
        assertFinds("5500-0000-0000-0004", "5500-0000-0000-0004", .card)
        assertFinds("Amex 3782 822463 10005", "3782 822463 10005", .card)
        assertFinds("Diners 3056 930902 5904", "3056 930902 5904", .card)
        assertFinds("visa:4012888888881881", "4012888888881881", .card)
        assertFinds("13 digits 4222222222222 ok", "4222222222222", .card)
        assertFinds("19: 6011 0009 9013 9424 124", "6011 0009 9013 9424 124", .card)
    }

    func testCardNegatives() {
        assertClean("card 4111 1111 1111 1112 declined")
        assertClean("ref 4111111111111112")
        assertClean("Order 4111111111111111 shipped")
        assertClean("tracking #4111111111111111")
    }

    func testIBANPositives() {
        assertFinds("IBAN DE89 3704 0044 0532 0130 00 bitte", "DE89 3704 0044 0532 0130 00", .iban)
        assertFinds("GB29NWBK60161331926819.", "GB29NWBK60161331926819", .iban)
        assertFinds("FR14 2004 1010 0505 0001 3M02 606", "FR14 2004 1010 0505 0001 3M02 606", .iban)
        assertFinds("ES91 2100 0418 4502 0005 1332", "ES91 2100 0418 4502 0005 1332", .iban)
        assertFinds("NO9386011117947 (Norway)", "NO9386011117947", .iban)
        assertFinds("iban: de89370400440532013000", "de89370400440532013000", .iban)
    }

    func testIBANNegatives() {
        assertClean("IBAN DE88 3704 0044 0532 0130 00 is wrong")
        assertClean("GB28NWBK60161331926819")
        assertClean("DE89 3704 0044 0532 0130 0012 too long")
        assertClean("XX89 3704 0044 0532 0130 00")
    }

    func testSSNPositivesAndRanges() {
        assertFinds("SSN 123-45-6789", "123-45-6789", .ssn)
        assertFinds("my social security number is 123456789", "123456789", .ssn)
        assertFinds("SSN: 123 45 6789", "123 45 6789", .ssn)
        for invalid in ["000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567", "123-45-0000"] {
            assertClean("SSN \(invalid)")
        }
        assertClean("ref 123456789 without context")
    }

    func testIPPositives() {
        assertFinds("server 192.168.1.20:8080 down", "192.168.1.20", .ip)
        assertFinds("from 203.0.113.7.", "203.0.113.7", .ip)
        assertFinds("subnet 10.0.0.0/8", "10.0.0.0", .ip)
        assertFinds("http://198.51.100.23/admin", "198.51.100.23", .ip)
        assertFinds("v6 2001:db8::1 ok", "2001:db8::1", .ip)
        assertFinds("loopback ::1", "::1", .ip)
        assertFinds("link fe80::1%eth0 here", "fe80::1%eth0", .ip)
        assertFinds("[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:443", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", .ip)
        assertFinds("mapped ::ffff:192.0.2.1", "::ffff:192.0.2.1", .ip)
    }

    func testIPNegatives() {
        assertClean("version 4.18.0.147 and build 2.1.0.12")
        assertClean("v1.2.3.4 and 1.2.3.4.5 and 256.1.1.1 and 01.02.03.04")
        assertClean("at 14:30:05 or 12:30, MAC 00:1a:2b:3c:4d:5e")
        assertClean("std::vector and a::b::c")
    }

    func testIdentifierMarkersAndIssuerRules() {
        assertFinds("SSN#123-45-6789", "123-45-6789", .ssn)
        assertFinds("Phone #0612345678", "0612345678", .phone)
        assertFinds("(+49) 30 1234567 (office)", "(+49) 30 1234567", .phone)
        assertClean("Ticket #0612345678 and case #4111 1111 1111 1111")
        assertClean("UPS 1Z 999 AA1 01 2345 6784 in transit")
        assertClean("IMEI 352099001761481 / 490154203237518")  // Luhn-valid, but no card issuer fits
        assertClean("netmask 255.255.255.0")
        assertClean("after 5pm? ok")  // lowercase token before a number is not an id
        assertFinds("after 5pm 0612345678", "0612345678", .phone)
    }

    func testTypeFilter() {
        let text = "mail ana@x.com, call +1 415 555 0132"
        XCTAssertEqual(RedactionTestHelpers.found(text, types: [.phone]).map(\.1), [.phone])
        XCTAssertEqual(RedactionTestHelpers.found("ping 4155550132@sms.example.com", types: [.phone]).count, 0)
    }
}
