import XCTest
import ConfideRedaction

/// The tenth session's rules that use no trigger phrase: a name after any short label's colon,
/// a capitalized pair with a known name word, an unknown pair before an address or closing its
/// clause, and a postcode-and-city line. Each with a detection and a near miss that stays visible.
final class RedactionGeneralRulesTests: XCTestCase {
    private func persons(_ text: String) -> [String] { RedactionTestHelpers.values(text, .person) }
    private func addresses(_ text: String) -> [String] { RedactionTestHelpers.values(text, .address) }

    func testNameAfterAnyShortLabelsColon() {
        XCTAssertEqual(persons("Tenant: Akeem Wiethop."), ["Akeem Wiethop"])
        XCTAssertEqual(persons("Mieter: Akeem Wiethop\nDanke"), ["Akeem Wiethop"])
        // One word alone must be a known name; words followed by a number do not close the clause; a
        // name word that is also a common word (`Shiver`) is left to the rules with a trigger.
        XCTAssertEqual(persons("Contact d'urgence : Kelyann Shiver, 03.23.33.81.09"), [])
        XCTAssertEqual(persons("Subject: Refund."), [])
        XCTAssertEqual(persons("Order: Shipped 3 days ago"), [])
    }

    func testCapitalizedPairWithAKnownNameWord() {
        XCTAssertEqual(persons("Payout to my account, holder Akeem Thompson, thanks"), ["Akeem Thompson"])
        // After an article or place word the pair is a thing or a place.
        XCTAssertEqual(persons("the Thompson Twins poster arrived"), [])
    }

    func testUnknownPairBeforeAnAddressOrClosingItsClause() {
        let text = "Send the gift to Junita Wetherhold, 12 Mill Lane"
        XCTAssertEqual(persons(text), ["Junita Wetherhold"])
        XCTAssertEqual(addresses(text), ["12 Mill Lane"])
        XCTAssertEqual(persons("It was signed for by Zarqa Deryke?"), ["Zarqa Deryke"])
        // After a place word without an address, and a capitalized pronoun, stay visible.
        XCTAssertEqual(persons("We drove to Costa Brava today"), [])
        XCTAssertEqual(persons("Vielen Dank für Ihre Nachricht."), [])
    }

    func testPostcodeAndCityOnALineOfTheirOwn() {
        XCTAssertEqual(addresses("Pinnerpromenade 317/5\n89100 Sens"), ["89100 Sens"])
        XCTAssertEqual(addresses("Delivered to the depot.\n89100 Sens"), [])
        XCTAssertEqual(addresses("Parcel 3 of 4\n89100 units shipped"), [])
        XCTAssertEqual(addresses("89100 Sens is the code"), [])
    }
}
