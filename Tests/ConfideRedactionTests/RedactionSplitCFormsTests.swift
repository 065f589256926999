import XCTest
import ConfideRedaction

/// Forms added in the fourth session of issue 22, from the misses of split C (a development
/// split since then), dev and B. Each positive case was checked to be missed by the detector
/// the session started from (a release build of commit 9ec571b); the negative cases guard the
/// new rules against the look-alikes they could catch.
final class RedactionSplitCFormsTests: XCTestCase {
    private func persons(_ text: String) -> [String] { RedactionTestHelpers.values(text, .person) }
    private func addresses(_ text: String) -> [String] { RedactionTestHelpers.values(text, .address) }
    private func values(_ text: String, _ type: PIIType) -> [String] { RedactionTestHelpers.values(text, type) }

    /// `no.` and `nr` after a keyword take the keyword's class, as `number` does.
    func testNumberAbbreviationTakesTheKeywordBeforeIt() {
        XCTAssertEqual(values("card no. 5153 5398 5674 4835", .card), ["5153 5398 5674 4835"])
        XCTAssertEqual(values("card no. 4542214442169201", .card), ["4542214442169201"])
        XCTAssertEqual(values("For the W-9 form, social security no. 695764586", .ssn), ["695764586"])
        XCTAssertEqual(values("soc sec no. 047 50 0063", .ssn), ["047 50 0063"])
        // Alone or after an order keyword it is still an identifier.
        XCTAssertEqual(values("Order no. 4111111111111111 shipped", .card), [])
        XCTAssertEqual(values("No. 4111 1111 1111 1111", .card), [])
        XCTAssertEqual(values("ref nr 615-951-037", .phone), [])
    }

    func testDottedSSNAfterAnSSNKeyword() {
        XCTAssertEqual(values("Mon numéro de sécurité sociale américain (SSN) : 313.53.4602", .ssn), ["313.53.4602"])
        XCTAssertEqual(values("my SS number is 401.89.7672", .ssn), ["401.89.7672"])
        XCTAssertEqual(values("my SS number is 083261308", .ssn), ["083261308"])
        // Without an SSN keyword a dotted 3-2-4 number is no SSN.
        XCTAssertEqual(values("Version 657.50.7872 is out", .ssn), [])
    }

    func testWhoseNameAndWhoWrites() {
        XCTAssertEqual(persons("Au nom de Francesca Saguillo"), ["Francesca Saguillo"])
        XCTAssertEqual(persons("A nombre de Jordán Vidal Castro"), ["Jordán Vidal Castro"])
        XCTAssertEqual(persons("Op naam van Nexharije Thauvin"), ["Nexharije Thauvin"])
        XCTAssertEqual(persons("Hier schreibt Manuela Knesebeck, Kundennummer 598-650-271."), ["Manuela Knesebeck"])
        XCTAssertEqual(persons("Le escribe Yone Poblete."), ["Yone Poblete"])
        XCTAssertEqual(persons("Moi c'est Myrto, j'ai une question."), ["Myrto"])
        XCTAssertEqual(persons("Customer: Virginia Weber"), ["Virginia Weber"])
        XCTAssertEqual(persons("Customer Service was rude."), [])
        XCTAssertEqual(persons("Au nom de la société, merci."), [])
    }

    func testQuestionsOpenedByAModalBeforeAVerbOfContact() {
        XCTAssertEqual(persons("Could Terri give me a ring back?"), ["Terri"])
        XCTAssertEqual(persons("¿Puede Aquiles llamarme?"), ["Aquiles"])
        XCTAssertEqual(persons("Est-ce que Khalid peut me rappeler ?"), ["Khalid"])
        XCTAssertEqual(persons("Können Sie Saadia bitte zurückrufen?"), ["Saadia"])
        XCTAssertEqual(persons("Kan Blerim mij terugbellen?"), ["Blerim"])
        XCTAssertEqual(persons("Use my debit card 4168 5296 9331 8642 Could Pamela give me a ring back?"), ["Pamela"])
        XCTAssertEqual(persons("Can you call me back?"), [])
        XCTAssertEqual(persons("Can Support call me?"), [])
        XCTAssertEqual(persons("I can Monday give you a call."), [])
    }

    func testClosingsAndSelfIntroductions() {
        XCTAssertEqual(persons("Bonne journée,\nCyril"), ["Cyril"])
        XCTAssertEqual(persons("Appreciate it Constance!"), ["Constance"])
        XCTAssertEqual(persons("Hola, soy Ogmios Guerrero Donoso."), ["Ogmios Guerrero Donoso"])
        XCTAssertEqual(persons("Mr. May called about his refund."), ["May"])
        XCTAssertEqual(persons("Hi Team, see you in May."), [])
    }

    /// A name on the line after a sign-off, the next sentence following on that line.
    func testNameAfterASignOffBeforeTheNextSentence() {
        XCTAssertEqual(persons("Groeten,\nIndy Afleveradres: Stanstraat 13"), ["Indy"])
        XCTAssertEqual(persons("Liebe Grüße,\nAykut Ich habe eine Frage."), ["Aykut"])
        XCTAssertEqual(persons("Un abrazo,\nHicham ¿Abre la tienda?"), ["Hicham"])
        XCTAssertEqual(persons("Salutations distinguées,\nGégé Bailly Mon adresse a changé."), ["Gégé Bailly"])
        XCTAssertEqual(persons("Cheers,\nGreat Service Today"), [])
        XCTAssertEqual(persons("Met vriendelijke groet\nFactuur F2024/20078 klopt niet."), [])
    }

    func testAddressForms() {
        XCTAssertEqual(addresses("J'habite 153 av. Braeunlich, 19887 Balazé"), ["153 av. Braeunlich, 19887 Balazé"])
        XCTAssertEqual(addresses("Vivo en c/ de Corrales, nº 142, 04377 Yeste"), ["c/ de Corrales, nº 142, 04377 Yeste"])
        XCTAssertEqual(addresses("Rechnungsadresse:\nLangstonstieg 128\n19333 Altenberg"), ["Langstonstieg 128\n19333 Altenberg"])
        XCTAssertEqual(addresses("Graag bezorgen op Sprundelveld 160 hs, 7410 LV Bakkeveen"), ["Sprundelveld 160 hs, 7410 LV Bakkeveen"])
        // The city stops before a name label.
        XCTAssertEqual(persons("Boîte postale B.P. 50, 86742 Brenouille Au nom de Mylene Hole"), ["Mylene Hole"])
        XCTAssertEqual(addresses("I have 3 av. options"), [])
    }

    /// A street whose type the lists lack, announced (`an`, `in der`, a label's line) and followed
    /// by a postcode and city.
    func testAnnouncedStreetBeforeAPostcodeAndCity() {
        XCTAssertEqual(addresses("Bitte liefern an Am Kihnefeld 138 b, 83447 Katzweiler"), ["Am Kihnefeld 138 b, 83447 Katzweiler"])
        XCTAssertEqual(addresses("Ich wohne jetzt in der Am Avtukhovfeld 64 in 38860 Zella-Mehlis."), ["Am Avtukhovfeld 64 in 38860 Zella-Mehlis"])
        XCTAssertEqual(addresses("Rechnungsadresse:\nUniversoberg 63\n92487 Eisfeld"), ["Universoberg 63\n92487 Eisfeld"])
        XCTAssertEqual(addresses("Paket 3, 10115 Berlin"), [])
        XCTAssertEqual(addresses("Am Montag 3 Pakete, 10115 Berlin"), [])
    }

    /// Look-alikes of split C that were redacted: a Spanish case number shaped like a mobile,
    /// the decimals of a price before a street-type word.
    func testCaseNumbersAndPricesStayVisible() {
        XCTAssertEqual(values("Expediente 948-494-845", .phone), [])
        XCTAssertEqual(values("Llámenme al 948 494 845", .phone), ["948 494 845"])
        XCTAssertEqual(addresses("Factuur 2024/4056: 3.013,74 EUR Track & trace 18272699062311"), [])
    }
}
