import XCTest
@testable import ConfideRedaction

/// Four digits after a word with a street's ending are a year, not a house number (twenty-third session, split V's
/// address false positives: `Passagierliste Bremerhaven 1891` on 48 lines, a town whose name ends like a street,
/// `-haven`, `-burg`, `-feld`, `-hoven`). German and Dutch house numbers have at most three digits; a postcode after a
/// comma or a Dutch postcode's letters still make an address.
final class RedactionStreetSuffixYearTests: XCTestCase {
    private func values(_ text: String, _ type: PIIType) -> [String] { RedactionTestHelpers.values(text, type, rulesOnly: true) }

    func testAYearAfterATownWithAStreetsEndingIsNoAddress() {
        for text in ["Passagierliste Bremerhaven 1891, Blatt 14, Zeile 22", "Auswanderung über Hamburg 1923 nach New York",
                     "Geboren in Magdeburg 1901, gestorben 1960", "Doopboek Eindhoven 1876, akte 12", "Stadtplan Duisburg 1950"] {
            XCTAssertEqual(values(text, .address), [], text)
        }
    }

    func testHouseNumbersOfUpToThreeDigitsAndPostcodesStillMakeAddresses() {
        XCTAssertEqual(values("die Lieferung geht an Rosenweg 12, 10115 Berlin", .address), ["Rosenweg 12, 10115 Berlin"])
        XCTAssertEqual(values("bitte an Lindenallee 123 schicken", .address), ["Lindenallee 123"])
        XCTAssertEqual(values("Facturen van de opslag naar Pb 29 - Neder-Hardinxveld 5785 BS", .address).count, 1)
    }
}
