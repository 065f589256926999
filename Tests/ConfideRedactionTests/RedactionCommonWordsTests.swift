import XCTest
@testable import ConfideRedaction

/// `PIICommonWords`, the Bloom filter of Debian's word lists built by `scripts/redaction-gazetteers`:
/// the Swift lookup must find the words the script stored (same hash, same bit positions), and
/// words of no list must mostly read as unknown.
final class RedactionCommonWordsTests: XCTestCase {
    private func status(_ word: String) -> PIICommonWords.Status {
        var copy = word
        return copy.withUTF8 { buffer in
            let v = PIIByteView(base: buffer)
            return PIICommonWords.status(v, 0..<v.count, hash: PIIGazetteer.hash(v, 0..<v.count))
        }
    }

    func testListedWordsAreFoundInTheirCase() {
        // Lower-case entries of wamerican, wbritish, wfrench, wspanish, and capitalized-only ones of
        // wngerman and wamerican (nouns, brands; `Klingel`, `Amazon` are also lower-case words somewhere), each looked up as a capitalized word would be.
        for word in ["Brilliant", "Cold", "Thanks", "Parfait", "Genial", "Gracias", "Quand", "Rose"] {
            XCTAssertEqual(status(word), .common, word)
        }
        for word in ["Rechnung", "Netflix", "Oma", "Wohnung", "Überweisung"] {
            XCTAssertEqual(status(word), .capitalizedOnly, word)
        }
    }

    func testCompoundsOfListedWords() {
        for word in ["Tierarztrechnung", "Nanny-Abrechnung", "Familienkonto", "Paketbote"] {
            XCTAssertEqual(status(word), .compound, word)
        }
    }

    func testUnlistedNamesAreUnknown() {
        for word in ["Auberon", "Firzet", "Cloudesley", "Argenis", "Heberth", "Jorim", "Placidus"] {
            XCTAssertEqual(status(word), .unknown, word)
        }
    }

    /// Strings that are in no word list (random letters) read as listed at about the filter's
    /// false-positive rate (under 1 % by design; 3 % allowed for the sample's spread).
    func testFalsePositiveRateOfRandomWords() {
        var rng = SystemRandomNumberGenerator()
        let letters = Array("bcdfghjklmnpqrstvwxz")
        var listed = 0
        let n = 20_000
        for _ in 0..<n {
            let word = String((0..<9).map { _ in letters[Int.random(in: 0..<letters.count, using: &rng)] })
            if PIICommonWords.status(PIIGazetteer.hash(word)) != .unknown { listed += 1 }
        }
        XCTAssertLessThan(Double(listed) / Double(n), 0.03)
    }

    func testBase64DecoderMatchesKnownVectors() {
        XCTAssertEqual(PIICommonWords.decodeBase64("TWFu"), Array("Man".utf8))
        XCTAssertEqual(PIICommonWords.decodeBase64("TWE=\n"), Array("Ma".utf8))
        XCTAssertEqual(PIICommonWords.decodeBase64("TQ=="), Array("M".utf8))
        XCTAssertEqual(PIICommonWords.decodeBase64("aGVs\nbG8="), Array("hello".utf8))
    }
}
