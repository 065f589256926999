import Foundation
import XCTest
import ConfideRedaction

/// PERSON/ADDRESS and issue-22 number patterns on the six-locale corpus
/// (`RedactionCorpusPeople`): prints per-type precision, recall and visible characters
/// for the development and the held-out split, and the share of PII-free messages touched.
final class RedactionPeopleQualityTests: XCTestCase {
    static let devSeed: UInt64 = 0x22DE_0001, heldOutSeed: UInt64 = 0x22AB_0002

    struct Result {
        var scores: [PIIType: RedactionScore]
        var piiFree: Int
        var piiFreeTouched: Int
        var report: String
    }

    static func evaluate(_ split: RedactionCorpusPeople.Split, seed: UInt64, count: Int) -> Result {
        let corpus = RedactionCorpusPeople.generate(split, seed: seed, count: count)
        var falsePositives: [String] = []
        var misses: [String] = []
        let scores = RedactionScorer.score(corpus.map(\.labelled), falsePositives: &falsePositives, misses: &misses)
        let redactor = Redactor()
        let free = corpus.filter(\.piiFree)
        let touched = free.filter { !redactor.findSpans(in: $0.labelled.text).isEmpty }
        let chars = corpus.reduce(0) { $0 + $1.labelled.text.unicodeScalars.count }
        // CONFIDE_REDACTION_DUMP=folder writes every miss and false positive of the split there.
        if let folder = ProcessInfo.processInfo.environment["CONFIDE_REDACTION_DUMP"] {
            let all = (falsePositives.map { "false positive: " + $0 } + misses.map { "missed: " + $0 }).joined(separator: "\n")
            try? all.write(toFile: folder + "/redaction-\(split.rawValue).txt", atomically: true, encoding: .utf8)
        }
        var lines = falsePositives.prefix(12).map { "\(split.rawValue) false positive: \($0.prefix(200))" }
        lines += misses.prefix(25).map { "\(split.rawValue) missed: \($0.prefix(200))" }
        lines.append("\(split.rawValue) split: \(corpus.count) messages (\(chars) scalars), seed 0x\(String(seed, radix: 16, uppercase: true)); "
            + "PII-free messages touched: \(touched.count) of \(free.count) (\(String(format: "%.2f%%", 100 * Double(touched.count) / Double(max(free.count, 1)))))")
        lines.append(RedactionScorer.table(scores))
        return Result(scores: scores, piiFree: free.count, piiFreeTouched: touched.count, report: lines.joined(separator: "\n"))
    }

    func testDevelopmentSplit() {
        let result = Self.evaluate(.dev, seed: Self.devSeed, count: 3000)
        print(result.report)
        XCTAssertGreaterThan(result.scores[.person]?.labelled ?? 0, 500)
        XCTAssertGreaterThan(result.scores[.address]?.labelled ?? 0, 500)
    }

    func testHeldOutSplit() {
        let result = Self.evaluate(.heldOut, seed: Self.heldOutSeed, count: 3000)
        print(result.report)
        XCTAssertGreaterThan(result.scores[.person]?.labelled ?? 0, 500)
        XCTAssertGreaterThan(result.scores[.address]?.labelled ?? 0, 500)
    }
}
