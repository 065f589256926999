import XCTest
@testable import ConfideRedaction

/// More ways a message is signed after its last sentence (twenty-sixth session, from the PERSON misses of Y and Z once
/// they became development splits): the name in capitals (`It has my license in it. ARKISHA BRICK`), with one of its
/// words a known name; an initial and a surname (`…, not what I wrote before. D. Gorevan`). Each closes its line or the
/// text after `.`, `!` or `?`; capitals of common words, sign-offs and acronyms stay no name.
final class RedactionSignatureFormsTests: XCTestCase {
    private func rulePersons(_ text: String) -> [String] { RedactionTestHelpers.values(text, .person, rulesOnly: true) }

    func testANameInCapitalsClosingTheMessageIsItsSignatureWhenOneWordIsAKnownName() {
        for (text, name) in [("Can lost property mail my wallet to Hazelwood, NC 28738? It has my license in it. PAULINE BRICK", "PAULINE BRICK"),
                             ("¿Pueden mandar mi cartera? Lleva el carnet de conducir. JERONIMA POSTIGO\nGracias", "JERONIMA POSTIGO"),
                             ("Kann das Fundbüro mein Portemonnaie schicken? Mein Führerschein ist drin. HEIKE DECRISTOPHORIS", "HEIKE DECRISTOPHORIS"),
                             ("Il y a mon permis dedans. PAULINE LACHARITÉ", "PAULINE LACHARITÉ")]
            + [("It has my license in it. GILBERTE MCCALLISTER", "GILBERTE MCCALLISTER")] {
            XCTAssertEqual(rulePersons(text), [name], text)
        }
        // A first name that is also a word (`Sabine`, `Merry`) does not open one in capitals: `MERRY CHRISTMAS`.
        for text in ["The parcel arrived. THANK YOU", "Still no refund. NOT HAPPY", "Please call me back. VERY URGENT",
                     "Order shipped. TRACKING PENDING", "See attached. ASAP PLS", "It arrived. MERRY CHRISTMAS",
                     "The router works. CUSTOMER SERVICE"] {
            XCTAssertEqual(rulePersons(text), [], text)
        }
    }

    func testAnInitialAndASurnameClosingTheMessageAreItsSignature() {
        for (text, name) in [("sorry typo!! SSN is 852-25-68 23, not what I wrote before. D. Gorevan", "D. Gorevan"),
                             ("perdón errata!! el SSN es 45-489-4110, no lo que puse antes. E. Casajuana\nGracias", "E. Casajuana"),
                             ("pardon faute de frappe !! pas ce que j'ai écrit avant. C. Boily", "C. Boily"),
                             ("Thanks for the quick fix! K. Wrigglesworth", "K. Wrigglesworth")] {
            XCTAssertEqual(rulePersons(text), [name], text)
        }
        for text in ["It ships from the warehouse. U. S. Mail", "We moved. P. S. Thanks", "Fixed now. A. Thanks",
                     "Order placed. Q. Where is it", "Done. B. Customer Service"] {
            XCTAssertEqual(rulePersons(text), [], text)
        }
    }

    /// A table pasted from a notes app or a spreadsheet (`| Name | Phone |⏎| Fayna Arrasate | +34 660 957-330 |`): the
    /// cells under a name column are names, in any row of the table (Y's and Z's misses). Other columns, a product's or a
    /// place's name column, and cells with digits stay what they were.
    func testTheCellsUnderATablesNameColumnAreNames() {
        for (text, names) in [("| Name | Phone |\n| Fayna Arrasate | +34 660 957-330 |", ["Fayna Arrasate"]),
                              ("| Nom | Téléphone |\n|---|---|\n| Batte Sauriol | 07 35 19 27 81 |\n| Gaeten Bolduc | 07 98 90 44 74 |",
                               ["Batte Sauriol", "Gaeten Bolduc"]),
                              ("Hier die Liste:\n| Telefon | Name |\n| 0171 2345678 | Aleachim Decristophoris |", ["Aleachim Decristophoris"]),
                              ("| Naam | Telefoon |\n| AIKINA PITLO | +31 6 22-882347 |", ["AIKINA PITLO"]),
                              ("| Customer name | Room |\n| Tiecoro Lallemand | B-214 |", ["Tiecoro Lallemand"])] {
            XCTAssertEqual(rulePersons(text), names, text)
        }
        for text in ["| Product name | Price |\n| Flex Chair | 99 |", "| Phone | Room |\n| Fayna Arrasate | B-214 |",
                     "| Name | Price |\n| Deluxe 2000 | 99 |", "Name | Phone\nFayna Arrasate | 0171 2345678",
                     "| Nombre del hotel | Ciudad |\n| Gran Via | Madrid |", "| Name | Qty |\n| Widget Pro | 2 |",
                     "| Name | Status |\n| Order Confirmed | yes |"] {
            XCTAssertEqual(rulePersons(text), [], text)
        }
    }
}
