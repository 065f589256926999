@_spi(Testing) import ConfideCore
import ConfideStorage
import Foundation
import TestSupport
import XCTest

/// docs/data-inventory.md stays true: every column the migrations create has exactly one
/// line in it, and it names no column that does not exist. A migration that adds a
/// column fails here until the inventory says what the column holds, how it is protected,
/// why, for how long, and who can read it.
final class DataInventoryTests: XCTestCase {
    struct Column: Hashable, CustomStringConvertible {
        let file: String, table: String, column: String
        var description: String { "\(file) \(table).\(column)" }
    }

    static let root = TestEnvironment.packageRoot

    /// The columns the migration files leave, read from their SQL: CREATE TABLE, ALTER
    /// TABLE ... ADD COLUMN / RENAME TO, DROP TABLE, in file order.
    static func columnsFromMigrationFiles() throws -> Set<Column> {
        var result = Set<Column>()
        for db in ["keys", "data"] {
            let folder = root.appendingPathComponent("Migrations/\(db)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
            XCTAssertFalse(files.isEmpty, "no migrations in \(folder.path)")
            var tables: [String: [String]] = [:]
            for file in files {
                let sql = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                try apply(sql, to: &tables, file: file)
            }
            for (table, columns) in tables { for c in columns { result.insert(Column(file: "\(db).db", table: table, column: c)) } }
        }
        return result
    }

    /// Applies one migration's schema statements to `tables`.
    static func apply(_ sql: String, to tables: inout [String: [String]], file: String) throws {
        let code = sql.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line) }.joined(separator: "\n")
        for statement in code.split(separator: ";") {
            let words = statement.split(whereSeparator: { $0.isWhitespace || $0 == "(" }).map(String.init)
            let upper = words.map { $0.uppercased() }
            if upper.starts(with: ["CREATE", "TABLE"]) {
                let name = upper[2] == "IF" ? words[5] : words[2]
                guard let open = statement.firstIndex(of: "("), let close = statement.lastIndex(of: ")") else {
                    throw HarnessFailure("\(file): cannot read CREATE TABLE \(name)")
                }
                tables[name] = definitions(String(statement[statement.index(after: open)..<close])).compactMap { item in
                    let first = item.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                    return ["PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT", ""].contains(first.uppercased()) ? nil : first
                }
            } else if upper.starts(with: ["ALTER", "TABLE"]), upper.count >= 6, upper[3] == "ADD" {
                let name = upper[4] == "COLUMN" ? words[5] : words[4]
                guard tables[words[2]] != nil else { throw HarnessFailure("\(file): ADD COLUMN to unknown table \(words[2])") }
                tables[words[2]]!.append(name)
            } else if upper.starts(with: ["ALTER", "TABLE"]), upper.count >= 6, upper[3] == "RENAME", upper[4] == "TO" {
                tables[words[5]] = tables.removeValue(forKey: words[2])
            } else if upper.starts(with: ["DROP", "TABLE"]) {
                tables[upper[2] == "IF" ? words[4] : words[2]] = nil
            }
        }
    }

    /// The comma-separated items of a CREATE TABLE body, commas inside parentheses kept.
    static func definitions(_ body: String) -> [String] {
        var items: [String] = [], current = "", depth = 0
        for ch in body {
            if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
            if ch == "," && depth == 0 { items.append(current.trimmingCharacters(in: .whitespacesAndNewlines)); current = "" } else { current.append(ch) }
        }
        items.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
        return items
    }

    /// The columns of databases made by the real migrator (the migrations the binary embeds).
    static func columnsFromMigratedDatabases() throws -> Set<Column> {
        let dir = try TemporaryDirectory(prefix: "cfinv")
        defer { dir.remove() }
        var result = Set<Column>()
        for schema in [StoreSchema.keys, .data] {
            let db = schema.rawValue
            let database = try Database(path: dir.path + "/\(db).db")
            try Migrator(schema.migrations).migrate(database)
            let tables = try database.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") { $0.text(0) ?? "" }
            for table in tables {
                for column in try database.query("SELECT name FROM pragma_table_info(?)", [.text(table)], row: { $0.text(0) ?? "" }) {
                    result.insert(Column(file: "\(db).db", table: table, column: column))
                }
            }
        }
        return result
    }

    /// The (file, table, column) of every inventory row about keys.db or data.db.
    static func inventoryLines() throws -> [Column] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/data-inventory.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
            }
            guard cells.count >= 8, ["keys.db", "data.db"].contains(cells[1]) else { return nil }
            // Every line says all of it: protection, why, how long, who.
            guard cells[4...7].allSatisfy({ !$0.isEmpty }) else { return Column(file: cells[1], table: cells[2], column: cells[3] + " (incomplete line)") }
            return Column(file: cells[1], table: cells[2], column: cells[3])
        }
    }

    func testTheMigrationParserSeesTheSchemaTheMigratorBuilds() throws {
        let parsed = try Self.columnsFromMigrationFiles(), built = try Self.columnsFromMigratedDatabases()
        XCTAssertEqual(parsed.subtracting(built).map(\.description).sorted(), [], "parsed from Migrations/ but not in the migrated databases")
        XCTAssertEqual(built.subtracting(parsed).map(\.description).sorted(), [], "in the migrated databases but missed by the parser")
    }

    func testEveryStoredColumnHasExactlyOneInventoryLineAndNoLineNamesAMissingColumn() throws {
        let schema = try Self.columnsFromMigrationFiles()
        XCTAssertGreaterThan(schema.count, 50, "the migrations were not read")
        let lines = try Self.inventoryLines()
        let listed = Set(lines)
        for missing in schema.subtracting(listed).sorted(by: { $0.description < $1.description }) {
            XCTFail("docs/data-inventory.md has no line for \(missing): add what it holds, its protection, why, how long and who can read it")
        }
        for stale in listed.subtracting(schema).sorted(by: { $0.description < $1.description }) {
            XCTFail("docs/data-inventory.md names \(stale), which no migration creates")
        }
        for duplicate in Dictionary(grouping: lines, by: { $0 }).filter({ $0.value.count > 1 }).keys {
            XCTFail("docs/data-inventory.md lists \(duplicate) more than once")
        }
    }

    func testTheParserFollowsAddedRenamedAndDroppedColumns() throws {
        var tables: [String: [String]] = [:]
        try Self.apply("""
            CREATE TABLE t (a INTEGER PRIMARY KEY, b BLOB NOT NULL CHECK (b IN (1, 2)), -- c is a comment, not a column
                UNIQUE (a, b));
            CREATE TABLE gone (x INTEGER);
            ALTER TABLE t ADD COLUMN d TEXT;
            CREATE TABLE t2 (e INTEGER); DROP TABLE t; ALTER TABLE t2 RENAME TO t; DROP TABLE gone;
            ALTER TABLE t ADD f BLOB;
            """, to: &tables, file: "example.sql")
        XCTAssertEqual(tables, ["t": ["e", "f"]])
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
