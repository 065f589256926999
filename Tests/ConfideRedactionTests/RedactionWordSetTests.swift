import XCTest
@testable import ConfideRedaction

/// `PIIWordSet` replaced `Set<UInt64>` for the word rules' lists: membership must be the same.
final class RedactionWordSetTests: XCTestCase {
    func testMembershipEqualsSetMembership() {
        var rng = SystemRandomNumberGenerator()
        for size in [0, 1, 2, 7, 8, 9, 31, 200] {
            var words = (0..<size).map { "w\($0)" }
            if size == 9 { words += ["c/o", "p/a", "señora", "straße"] }
            let hashes = words.map(PIIGazetteer.hash) + (size == 31 ? [0] : [])
            let set = Set(hashes)
            let wordSet = PIIWordSet(hashes: hashes)
            for h in hashes { XCTAssertTrue(wordSet.contains(h)) }
            // Random keys, and keys one bit away from a member.
            var probes = (0..<20_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) }
            probes += hashes.flatMap { h in (0..<64).map { h ^ (1 << UInt64($0)) } } + [0]
            for p in probes { XCTAssertEqual(wordSet.contains(p), set.contains(p), "\(p)") }
        }
        XCTAssertEqual(PIIWordSet(["Señora", "x"]).contains(PIIGazetteer.hash("señora")), true)
    }
}
