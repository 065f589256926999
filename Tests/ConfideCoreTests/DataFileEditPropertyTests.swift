// Issue 16: random single-row edits to a copy of data.db (delete, duplicate, swap a column
// between two rows, modify one column), made while the store is closed by someone holding
// no key. Every edit must be detected (the store refuses to open, `audit.verify` fails, or
// a read answers `integrity`), or change nothing any read or verification reports, or be
// one of the out-of-scope effects docs/threat-model.md lists with its reason. A read that
// returns different data without an error fails the test, whatever the edit.
@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import TestSupport
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

final class DataFileEditPropertyTests: XCTestCase {
    private var dir: CoreTestState!

    /// The known sessions, per customer.
    private let sessions: [String: [String]] = ["c0": ["s0", "s1", "empty"], "c1": ["s0", "s1"], "c2": ["s0"]]

    override func setUpWithError() throws {
        dir = try CoreTestState()
        let store = try dir.open()
        for (customer, names) in sessions {
            for name in names where name != "empty" {
                try store.testPut(customer, name, (1...3).map { TS.message("\(customer)/\(name) put \($0)") }, metadata: ["k": .string(name)])
                try store.testAppend(customer, name, (1...2).map { TS.message("\(customer)/\(name) append \($0)") })
            }
        }
        try store.testPut("c0", "empty", [])
        _ = try store.keyring.rotateDEK(TS.customer("c1"))
        try store.testAppend("c1", "s1", [TS.message("c1/s1 after rotation")])
        // An erased customer: its receipt's count is part of what the edits must not change.
        try store.testAppend("gone", "s0", [TS.message("erased")])
        _ = try store.testShred("gone")
        store.close()
    }

    override func tearDown() { dir?.remove() }

    /// What the edit did, as far as anyone can see.
    enum Effect: String, CaseIterable {
        case detected            // refused at start, audit.verify failed, or a read answered integrity
        case none                // every read and the verification report exactly what they did before
        case sessionVanished     // out of scope (threat model): a session reads as not found, nothing else changed
        case silentChange        // a read returned different data without an error: never allowed
    }

    /// Everything a client or an auditor can see, as comparable text.
    private func observe(_ state: StateDirectory) -> (view: [String: String], detected: Bool) {
        let store: TranscriptStore
        do { store = try TranscriptStore(state: state, masterKey: dir.masterKey, options: TS.options()) }
        catch { return ([:], true) }
        defer { store.close() }
        var view: [String: String] = [:]
        var detected = false
        func record(_ key: String, _ body: () throws -> String) {
            do { view[key] = try body() } catch let e as StoreError {
                if case .integrity = e { detected = true }
                view[key] = "error \(e.code)"
            } catch { view[key] = "error \(error)" }
        }
        for (customer, names) in sessions {
            for name in names {
                record("get \(customer)/\(name)") {
                    let t = try store.testGet(customer, name)
                    return "\(try t.texts) \(t.metadata.map { "\($0)" } ?? "-") \(t.createdAt.milliseconds) \(t.updatedAt.milliseconds)"
                }
            }
            record("list \(customer)") {
                try store.testList(customer, limit: 100).sessions.map { "\($0.session) \($0.count) \($0.createdAt.milliseconds) \($0.updatedAt.milliseconds)" }
                    .sorted().joined(separator: "; ")
            }
            record("export \(customer)") { try store.testExportAll(customer).map { "\($0.session) \(try $0.texts)" }.sorted().joined(separator: "; ") }
        }
        record("receipt gone") { "\(try store.receipt(customer: TS.customer("gone"), context: TS.context("customer.receipt")).body["messages"] ?? .null)" }
        do {
            let report = try store.verifyAudit(context: TS.context("audit.verify"))
            if !report.ok { detected = true }
        } catch { detected = true }
        return (view, detected)
    }

    private func classify(_ before: [String: String], _ after: (view: [String: String], detected: Bool)) -> Effect {
        if after.detected { return .detected }
        if after.view == before { return .none }
        let changed = before.keys.filter { before[$0] != after.view[$0] }
        // A vanished session: its get answers not found (-32004) and it is missing from the
        // list and export of its customer; nothing else differs.
        let vanished = changed.allSatisfy { key in
            let now = after.view[key] ?? ""
            if key.hasPrefix("get ") { return now == "error -32004" }
            guard let was = before[key] else { return false }
            return Set(now.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
                .isSubset(of: Set(was.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        return vanished ? .sessionVanished : .silentChange
    }

    /// One random single-row edit of data.db; nil when the edit is impossible (a constraint).
    private func randomEdit(_ db: Database, _ rng: inout SeededRandom) throws -> String? {
        // (pending_purge is empty here: a shred without a scheduler purges at once.)
        let tables = ["session", "session", "chunk", "chunk", "chunk", "audit_entry", "audit_entry", "audit_checkpoint", "audit_meta"]
        let table = tables.randomElement(using: &rng)!
        let key = "rowid"
        let keys = try db.query("SELECT rowid FROM \(table)") { SQLValue.integer($0.int64(0)) }
        guard let target = keys.randomElement(using: &rng) else { return nil }
        let columns = try db.query("SELECT name, type FROM pragma_table_info('\(table)')") { ($0.text(0) ?? "", $0.text(1) ?? "") }
        let (column, type) = columns.randomElement(using: &rng)!
        func attempt(_ sql: String, _ values: [SQLValue]) -> String? {
            do { try db.run(sql, values); return db.changes > 0 ? "\(table): \(sql)" : nil } catch { return nil }
        }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            return attempt("DELETE FROM \(table) WHERE \(key) = ?", [target])
        case 1:
            // A copy of the row under a new key (where the table lets one exist).
            let list = columns.map(\.0).joined(separator: ", ")
            let copy = columns.map { $0.0 == column && type == "INTEGER" ? "\($0.0) + 1000" : $0.0 }.joined(separator: ", ")
            return attempt("INSERT INTO \(table) (\(list)) SELECT \(copy) FROM \(table) WHERE \(key) = ?", [target])
        case 2:
            guard let other = keys.randomElement(using: &rng), other != target,
                  try db.queryOne("SELECT (SELECT \(column) FROM \(table) WHERE \(key) = ?) IS NOT (SELECT \(column) FROM \(table) WHERE \(key) = ?)",
                                  [target, other], row: { $0.int(0) }) == 1 else { return nil }
            try db.execute("DROP TABLE IF EXISTS temp.swap")
            try db.run("CREATE TEMP TABLE swap AS SELECT \(column) AS v FROM \(table) WHERE \(key) = ?", [target])
            guard attempt("UPDATE \(table) SET \(column) = (SELECT \(column) FROM \(table) WHERE \(key) = ?) WHERE \(key) = ?", [other, target]) != nil
            else { return nil }
            return attempt("UPDATE \(table) SET \(column) = (SELECT v FROM temp.swap) WHERE \(key) = ?", [other]).map { $0 + " (swapped \(column))" }
        default:
            let value = Self.modifications(column, type: type).randomElement(using: &rng)!
            // A "change" to the value the column already has (NULL + 1 is NULL; the same bytes as
            // text, as `blob || X'00'` gives when the last byte was 0) is no edit.
            guard try db.queryOne("SELECT CAST((\(value)) AS BLOB) IS NOT CAST(\(column) AS BLOB) FROM \(table) WHERE \(key) = ?", [target], row: { $0.int(0) }) == 1
            else { return nil }
            return attempt("UPDATE \(table) SET \(column) = \(value) WHERE \(key) = ?", [target])
        }
    }

    /// Edits that change nothing anyone can see, each listed in docs/threat-model.md
    /// ("Edits of data.db that change nothing"): a signed checkpoint removed or its time
    /// changed (every commit's MAC and keys.db's anchor already cover the chain), the offline
    /// copy of the audit public key removed (written again, the same, at the next start), an
    /// unlinked copy of a chunk (no chain reaches it), the MAC of a commit before the last
    /// removed (the next commit's MAC covers the head it covered).
    static let harmless = ["audit_checkpoint: DELETE", "audit_checkpoint: UPDATE audit_checkpoint SET ts", "audit_meta: DELETE",
                           "chunk: INSERT", "audit_entry: UPDATE audit_entry SET mac = NULL"]
    /// Edits that make a session unreachable, listed in docs/threat-model.md ("Destruction"):
    /// its row deleted, or moved to a customer handle or session index nobody has.
    static let destructive = ["session: DELETE", "session: UPDATE session SET customer_handle", "session: UPDATE session SET blind_index"]

    /// The new values a modification may give a column.
    static func modifications(_ column: String, type: String) -> [String] {
        type == "INTEGER"
            ? ["\(column) + 1", "\(column) - 1", "0", "NULL", "9223372036854775807", "-9223372036854775808"]
            : ["NULL", "X''", "randomblob(16)", "substr(\(column), 1, length(\(column)) - 1) || X'00'", "substr(\(column), 2)"]
    }

    /// Every modification of every column of one row in the middle of each table, and that
    /// row deleted: the edits a random sample might miss.
    private func everyColumnEdit(_ db: Database) throws -> [String] {
        var out: [String] = []
        for table in ["session", "chunk", "audit_entry", "audit_checkpoint", "audit_meta"] {
            let ids = try db.query("SELECT rowid FROM \(table) ORDER BY rowid") { $0.int64(0) }
            guard !ids.isEmpty else { continue }
            let id = ids[ids.count / 2]
            out.append("DELETE FROM \(table) WHERE rowid = \(id)")
            for (column, type) in try db.query("SELECT name, type FROM pragma_table_info('\(table)')", row: { ($0.text(0) ?? "", $0.text(1) ?? "") }) {
                for value in Self.modifications(column, type: type)
                where try db.queryOne("SELECT CAST((\(value)) AS BLOB) IS NOT CAST(\(column) AS BLOB) FROM \(table) WHERE rowid = ?", [.integer(id)], row: { $0.int(0) }) == 1 {
                    out.append("UPDATE \(table) SET \(column) = \(value) WHERE rowid = \(id)")
                }
            }
        }
        return out
    }

    /// Applies `sql` to a fresh copy of the state and classifies what it did; nil when the
    /// edit is impossible (a constraint refuses it).
    private func trial(_ before: [String: String], _ sql: (Database) throws -> String?) throws -> (edit: String, effect: Effect)? {
        let copy = dir.root.path + "/trial"
        try? FileManager.default.removeItem(atPath: copy)
        try Kit.copyStateFiles(dir.state, to: copy)
        let state = StateDirectory(path: copy)
        guard let edit = try Kit.withRawDatabase(state.dataPath, sql) else { return nil }
        return (edit, classify(before, observe(state)))
    }

    private func check(_ edit: String, _ effect: Effect, line: UInt = #line) {
        switch effect {
        case .detected: break
        case .none:
            XCTAssertTrue(Self.harmless.contains { edit.hasPrefix($0) }, "an edit with no visible effect that the threat model does not list: \(edit)", line: line)
        case .sessionVanished:
            XCTAssertTrue(Self.destructive.contains { edit.hasPrefix($0) }, "a session vanished after an edit the threat model does not list: \(edit)", line: line)
        case .silentChange:
            XCTFail("an edit changed what a read returns without an error: \(edit)", line: line)
        }
    }

    func testEveryColumnOfARowEditedIsDetectedOrHarmlessOrOutOfScope() throws {
        let before = observe(dir.state)
        XCTAssertFalse(before.detected, "control: the untouched store verifies and reads")
        let edits = try Kit.withRawDatabase(dir.state.dataPath) { db in try everyColumnEdit(db) }
        XCTAssertGreaterThan(edits.count, 100)
        var counts: [Effect: Int] = [:]
        for sql in edits {
            guard let (_, effect) = try trial(before.view, { db in
                do { try db.execute(sql) } catch { return nil }
                return String(sql.split(separator: " ")[sql.hasPrefix("DELETE") ? 2 : 1]) + ": " + sql
            }) else { continue }
            counts[effect, default: 0] += 1
            check(String(sql.split(separator: " ")[sql.hasPrefix("DELETE") ? 2 : 1]) + ": " + sql, effect)
        }
        print("data.db column edits: \(edits.count); " + Effect.allCases.map { "\($0.rawValue) \(counts[$0, default: 0])" }.joined(separator: ", "))
    }

    func testRandomSingleRowEditsAreDetectedOrHarmlessOrOutOfScope() throws {
        let before = observe(dir.state)
        XCTAssertFalse(before.detected, "control: the untouched store verifies and reads")
        XCTAssertEqual(before.view["get c1/s1"]?.contains("c1/s1 after rotation"), true)
        let trials = ProcessInfo.processInfo.environment["CONFIDE_LONG_TESTS"] == "1" ? 1500 : 150
        var rng = SeededRandom(seed: 0x16_16)
        var counts: [Effect: Int] = [:]
        var made = 0, attempts = 0
        while made < trials && attempts < trials * 4 {
            attempts += 1
            guard let (edit, effect) = try trial(before.view, { db in try randomEdit(db, &rng) }) else { continue }
            made += 1
            counts[effect, default: 0] += 1
            check(edit, effect)
        }
        XCTAssertEqual(made, trials, "enough edits were possible")
        print("data.db edits: \(made) made; " + Effect.allCases.map { "\($0.rawValue) \(counts[$0, default: 0])" }.joined(separator: ", "))
        XCTAssertGreaterThan(counts[.detected, default: 0], trials / 2, "most edits are detected")
    }
}
