import XCTest
import ConfideRedaction

/// Per-type quality counts for one run of the redactor over a labelled corpus.
struct RedactionScore {
    var truePositives = 0
    var falsePositives = 0
    var labelled = 0
    var recalled = 0
    var piiScalars = 0
    var visibleScalars = 0

    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { labelled == 0 ? 1 : Double(recalled) / Double(labelled) }
    var visibleShare: Double { piiScalars == 0 ? 0 : Double(visibleScalars) / Double(piiScalars) }
}

/// Scores detections against labels: a detection is a true positive when it overlaps a
/// label of its type; a label is recalled when a detection of its type overlaps it; a
/// labelled scalar is visible when no detection of any type covers it.
enum RedactionScorer {
    static func score(_ corpus: [RedactionLabelledMessage], redactor: Redactor = Redactor(),
                      falsePositives: inout [String], misses: inout [String]) -> [PIIType: RedactionScore] {
        var scores: [PIIType: RedactionScore] = [:]
        for message in corpus {
            let found = redactor.findSpans(in: message.text)
            var covered = Set<Int>()
            for span in found { covered.formUnion(span.start..<span.end) }
            for span in found {
                let hit = message.spans.contains { $0.type == span.type && $0.start < span.end && span.start < $0.end }
                if hit {
                    scores[span.type, default: RedactionScore()].truePositives += 1
                } else {
                    scores[span.type, default: RedactionScore()].falsePositives += 1
                    let scalars = Array(message.text.unicodeScalars)[span.start..<span.end]
                    falsePositives.append("\(span.type.rawValue) «\(String(String.UnicodeScalarView(scalars)))» in «\(message.text.replacingOccurrences(of: "\n", with: "⏎"))»")
                }
            }
            for label in message.spans {
                var s = scores[label.type, default: RedactionScore()]
                s.labelled += 1
                if found.contains(where: { $0.type == label.type && $0.start < label.end && label.start < $0.end }) {
                    s.recalled += 1
                } else {
                    let scalars = Array(message.text.unicodeScalars)[label.start..<label.end]
                    misses.append("\(label.type.rawValue) «\(String(String.UnicodeScalarView(scalars)))» in «\(message.text.replacingOccurrences(of: "\n", with: "⏎"))»")
                }
                s.piiScalars += label.end - label.start
                s.visibleScalars += (label.start..<label.end).filter { !covered.contains($0) }.count
                scores[label.type] = s
            }
        }
        return scores
    }

    /// A Markdown table of the scores.
    static func table(_ scores: [PIIType: RedactionScore]) -> String {
        var lines = ["| type | labelled | detected | precision | recall | visible PII chars |",
                     "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for type in PIIType.allCases {
            let s = scores[type] ?? RedactionScore()
            func pct(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
            lines.append("| \(type.rawValue) | \(s.labelled) | \(s.truePositives + s.falsePositives) | "
                + "\(String(format: "%.4f", s.precision)) | \(String(format: "%.4f", s.recall)) | \(pct(s.visibleShare)) |")
        }
        return lines.joined(separator: "\n")
    }
}

/// Measures precision, recall and visible PII on the seeded synthetic corpus and
/// asserts the quality thresholds.
final class RedactionQualityTests: XCTestCase {
    func testQualityOnSyntheticCorpus() {
        let corpus = RedactionCorpus.generate(seed: 0xC0FF_1DE5, count: 6000)
        var falsePositives: [String] = []
        var misses: [String] = []
        let scores = RedactionScorer.score(corpus, falsePositives: &falsePositives, misses: &misses)
        let chars = corpus.reduce(0) { $0 + $1.text.unicodeScalars.count }
        var report = falsePositives.prefix(15).map { "false positive: \($0.prefix(240))" }
        report += misses.prefix(15).map { "missed: \($0.prefix(240))" }
        report.append("Redaction quality on \(corpus.count) messages (\(chars) scalars), seed 0xC0FF1DE5:")
        report.append(RedactionScorer.table(scores))
        print(report.joined(separator: "\n"))
        // PERSON and ADDRESS are measured on their own corpus (RedactionPeopleQualityTests).
        for type in PIIType.allCases where type != .person && type != .address {
            let s = scores[type] ?? RedactionScore()
            XCTAssertGreaterThan(s.labelled, 200, "too few \(type.rawValue) labels for a meaningful score")
            XCTAssertGreaterThan(s.precision, 0.97, "\(type.rawValue) precision")
            XCTAssertLessThan(s.visibleShare, type == .phone ? 0.02 : 0.005, "\(type.rawValue) visible PII share")
        }
    }

    /// Reports (without thresholds) the held-out corpora written after tuning: an honest
    /// estimate of how the detector does on phrasing and formats it was not tuned on.
    func testHeldOutCorpusReport() {
        for (set, seed) in [(1, UInt64(0x5EED_0FF)), (2, UInt64(0xB0B))] {
            let corpus = RedactionCorpus.generate(seed: seed, count: 3000, holdout: set)
            var falsePositives: [String] = []
            var misses: [String] = []
            let scores = RedactionScorer.score(corpus, falsePositives: &falsePositives, misses: &misses)
            var report = falsePositives.prefix(8).map { "held-out \(set) false positive: \($0.prefix(160))" }
            report += misses.filter { !$0.contains("0 7 7 0") && !$0.contains("(at)") }.prefix(8).map { "held-out \(set) missed: \($0.prefix(160))" }
            report.append("Held-out corpus \(set), \(corpus.count) messages, seed 0x\(String(seed, radix: 16, uppercase: true)) (reported, not asserted):")
            report.append(RedactionScorer.table(scores))
            print(report.joined(separator: "\n"))
            XCTAssertGreaterThan(scores.values.reduce(0) { $0 + $1.labelled }, 1000)
        }
    }

    func testCorpusIsDeterministicAndLabelsAreConsistent() {
        let a = RedactionCorpus.generate(seed: 7, count: 300)
        let b = RedactionCorpus.generate(seed: 7, count: 300)
        XCTAssertEqual(a.map(\.text), b.map(\.text))
        for message in a {
            let scalars = message.text.unicodeScalars.count
            for span in message.spans {
                XCTAssertTrue(span.start < span.end && span.end <= scalars)
            }
        }
    }
}
