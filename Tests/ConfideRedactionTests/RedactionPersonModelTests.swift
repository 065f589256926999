import XCTest
@testable import ConfideRedaction

/// The PERSON word model (`PersonTokenModel`): its generated weights load, it adds names the
/// rules miss and leaves clear non-names, it never overlaps a rule's match, and its names are
/// numbered like the rules' names.
final class RedactionPersonModelTests: XCTestCase {
    private func persons(_ text: String, rulesOnly: Bool = false) -> [String] {
        RedactionTestHelpers.values(text, .person, rulesOnly: rulesOnly)
    }

    /// Every line of `PersonModelData.weights` parses (a malformed line would be skipped and
    /// silently weaken the model), and the threshold is the one the script wrote (p >= 0.95).
    func testTheGeneratedWeightsLoadWhole() {
        let lines = PersonModelData.weights.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 10_000)
        let model = PersonTokenModel.shared
        var loaded = 0
        for line in lines {
            let parts = line.split(separator: " ")
            XCTAssertEqual(parts.count, 2, String(line))
            guard let index = UInt32(parts[0], radix: 16), let weight = Float(parts[1]) else {
                return XCTFail("unparsable line \(line)")
            }
            XCTAssertLessThan(Int(index), PersonTokenModel.tableSize)
            if model.weight(index) == weight { loaded += 1 }
        }
        XCTAssertEqual(loaded, lines.count)
        XCTAssertEqual(model.threshold, log(Float(0.95) / 0.05), accuracy: 0.001)
    }

    /// A model built from a table with a malformed line skips only that line.
    func testAMalformedLineIsSkippedAlone() {
        let model = PersonTokenModel(data: "00001 1.5\nzz 2\n00002\n00003 -0.25\n40000 9", threshold: 0)
        XCTAssertEqual(model.weight(1), 1.5)
        XCTAssertEqual(model.weight(3), -0.25)
        XCTAssertEqual(model.weight(2), 0)
    }

    /// Names after cues no rule knows: taken by the model, not by the rules.
    func testTheModelAddsNamesTheRulesMiss() {
        XCTAssertEqual(persons("Contact d'urgence : Kelyann Shiver, 03.23.33.81.09", rulesOnly: true), [])
        XCTAssertEqual(persons("Contact d'urgence : Kelyann Shiver, 03.23.33.81.09"), ["Kelyann Shiver"])  // "Kelyann" before the twenty-sixth session
        XCTAssertEqual(persons("Se lo entregué a Ximena Aldecoa ayer", rulesOnly: true), [])
        XCTAssertEqual(persons("Se lo entregué a Ximena Aldecoa ayer"), ["Ximena Aldecoa"])  // "Ximena" before the twenty-eighth session
    }

    /// Capitalized words that are no names stay: days, plan and brand names, German nouns.
    func testClearNonNamesStay() {
        for text in ["We open on Monday at 9.", "The Premium plan includes Netflix.", "Lieferung bitte morgen",
                     "Ich habe mit Frau Schulze telefoniert."] {
            XCTAssertEqual(persons(text).filter { $0 != "Schulze" }, [], text)
        }
    }

    /// The model scores only words no rule match covers, so the rules' spans are kept as they
    /// are and the model's are added beside them, never overlapping.
    func testTheModelOnlyAddsBesideTheRules() {
        let texts = ["Se lo entregué a Ximena Aldecoa ayer, llámame al +34 612 345 678 o escribe a ximena@example.com",
                     "Contact d'urgence : Kelyann Shiver, 03.23.33.81.09. Adresse : 12 rue de la Paix, 75002 Paris"]
        for text in texts {
            let rules = Redactor(usesPersonModel: false).findSpans(in: text)
            let all = Redactor().findSpans(in: text)
            XCTAssertTrue(rules.allSatisfy(all.contains), text)
            let added = all.filter { !rules.contains($0) }
            XCTAssertFalse(added.isEmpty, text)
            for span in added {
                XCTAssertEqual(span.type, .person)
                XCTAssertFalse(rules.contains { $0.start < span.end && span.start < $0.end }, text)
            }
            XCTAssertEqual(all, all.sorted { $0.start < $1.start })
        }
    }

    /// Without PERSON among the types the model does not run, and the other types are unchanged.
    func testTypesWithoutPersonLeaveTheModelOut() {
        let text = "Se lo entregué a Ximena Aldecoa ayer, escribe a ximena@example.com"
        XCTAssertEqual(RedactionTestHelpers.found(text, types: [.email]).map(\.0), ["ximena@example.com"])
        XCTAssertEqual(RedactionTestHelpers.found(text, types: [.email, .person]).map(\.0), ["Ximena Aldecoa", "ximena@example.com"])
    }

    /// A name the model found is numbered as a person, and her name alone later in the
    /// session gets the same placeholder (the rules' name-part aliases apply to it too).
    func testAModelNameIsNumberedLikeARuleName() {
        var numbering = PlaceholderNumbering()
        let redactor = Redactor()
        let first = redactor.redact("Se lo entregué a Ximena Aldecoa ayer", numbering: &numbering)
        XCTAssertEqual(first.text, "Se lo entregué a [PERSON_1] ayer")
        let second = redactor.redact("ok, gracias Ximena", numbering: &numbering)
        XCTAssertEqual(second.text, "ok, gracias [PERSON_1]")
    }

    /// Features are indices into the table, a bounded number per word (the scan stays linear).
    func testFeaturesAreBoundedIndices() {
        let text = String(repeating: "Dear Kelyann Shiver, the parcel for Ximena Aldecoa (Order 12345) is ready. ", count: 20)
        let rows = Redactor(usesPersonModel: false).personModelRows(in: text)
        XCTAssertGreaterThan(rows.count, 20)
        for row in rows {
            XCTAssertLessThanOrEqual(row.features.count, 40)
            XCTAssertTrue(row.features.allSatisfy { Int($0) < PersonTokenModel.tableSize })
        }
    }

    /// The rule-type code the model reads of a neighbour is 1 + the type's place in `PIIType.allCases`, the value
    /// the weights were trained with; a new type or a reordering must change the switch and the weights together.
    func testRuleTypeCodesFollowTheTypeOrder() {
        for (index, type) in PIIType.allCases.enumerated() {
            XCTAssertEqual(PersonTokenModel.typeCode(type), UInt8(index + 1), type.rawValue)
        }
    }
}
