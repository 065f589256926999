import XCTest
@testable import ConfideRedaction

/// The word scan skips tokens where no rule can start (`PIIWordScanner.mayStartMatch`, for
/// speed); the skip must change no result. Compares the scan with and without it on the
/// corpus messages of every development split (six locales, accented and non-Latin text),
/// the generic corpus (Japanese and full-width text included) and a few written here.
/// The held-out splits (the first and K) are not read.
final class RedactionWordSkipTests: XCTestCase {
    func testSkippingTokensChangesNoMatch() {
        var texts: [String] = []
        let splits: [(RedactionCorpusPeople.Split, UInt64)] = [
            (.dev, RedactionPeopleQualityTests.devSeed), (.heldOutB, RedactionPeopleQualityTests.heldOutBSeed),
            (.heldOutC, RedactionPeopleQualityTests.heldOutCSeed), (.heldOutD, RedactionPeopleQualityTests.heldOutDSeed), (.heldOutE, RedactionPeopleQualityTests.heldOutESeed),
            (.heldOutF, RedactionPeopleQualityTests.heldOutFSeed), (.heldOutG, RedactionPeopleQualityTests.heldOutGSeed),
            (.heldOutH, RedactionPeopleQualityTests.heldOutHSeed), (.heldOutI, RedactionPeopleQualityTests.heldOutISeed),
            (.heldOutJ, RedactionPeopleQualityTests.heldOutJSeed)]
        for (split, seed) in splits {
            texts += RedactionCorpusPeople.generate(split, seed: seed, count: 1000).map(\.labelled.text)
        }
        texts += RedactionCorpus.generate(seed: 0x5C1F, count: 2000).map(\.text)
        texts += ["Thanks,\nAna Souza", "Ich bin Jürgen Weber, Hauptstraße 12, 10115 Berlin", "je m'appelle Léa Dubois",
                  "c/o Nodine\nchez Mccool, t.a.v. Welborn", "ship to 221B Baker Street, London NW1 6XE", "Ｍｒ．Ｏｋａｆｏｒ"]
        var compared = 0, matches = 0
        for text in texts {
            var copy = text
            copy.withUTF8 { buffer in
                let v = PIIByteView(base: buffer)
                let skipping = PIIWordScanner(v: v).scan().map { [$0.start, $0.end, $0.type.hashValue] }
                let full = PIIWordScanner(v: v, skipsTokens: false).scan().map { [$0.start, $0.end, $0.type.hashValue] }
                XCTAssertEqual(skipping, full, text)
                matches += full.count
            }
            compared += 1
        }
        XCTAssertGreaterThan(compared, 12_000)
        XCTAssertGreaterThan(matches, 1_000)
    }
}
