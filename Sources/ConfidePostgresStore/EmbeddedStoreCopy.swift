import ConfideCore
import ConfideCrypto
import ConfidePostgres
import ConfideStorage
import Foundation

/// `confide migrate --from STATE_DIR --to postgresql://…`: copies an embedded store's
/// keys.db and data.db into PostgreSQL row by row, as they are — ciphertext, wrapped keys,
/// blind indexes, the audit chain with its MACs and signatures — decrypting nothing (no
/// master key is needed or loaded). Then checks what arrived: the same number of rows in
/// every table, and the audit chain verifying on PostgreSQL, against the keyring's audit
/// key, with the same head as in data.db.
///
/// Refuses a target that holds any row (an erasure copied over newer data would resurrect
/// nothing, but two stores merged would be neither). The state folder is locked for the
/// copy, so no daemon writes to it meanwhile; each target database is written in one
/// transaction, so a failed copy leaves it empty.
package enum EmbeddedStoreCopy {
    /// Tables in the order foreign keys need them.
    static let keysTables = ["keyring", "kek", "customer", "dek", "dek_kek_history", "erasure", "audit_anchor"]
    static let dataTables = ["session", "chunk", "pending_purge", "audit_entry", "audit_checkpoint", "audit_meta"]

    package struct Outcome: Sendable {
        /// Rows copied per table, in copy order.
        package let rows: [(table: String, count: Int)]
        /// The audit chain as verified on PostgreSQL.
        package let audit: AuditVerifier.Report
    }

    package struct Refusal: Error, CustomStringConvertible {
        package let description: String
        init(_ description: String) { self.description = description }
    }

    /// Copies `state`'s stores into the databases `keysURI` and `dataURI` (the same one, or
    /// two), migrating their schemas first. `progress` is told of each table as it goes
    /// (table, rows copied so far, rows in the table).
    package static func copy(from state: StateDirectory, keysURI: String, dataURI: String,
                             progress: (_ table: String, _ done: Int, _ total: Int) -> Void = { _, _, _ in }) throws -> Outcome {
        for path in [state.keysPath, state.dataPath] where !FileManager.default.fileExists(atPath: path) {
            throw Refusal("\(path) does not exist: give the state folder of an embedded store (--from)")
        }
        let lock = try state.lock(purpose: "copying it to PostgreSQL")
        defer { close(lock) }
        let keysFile = try Database(path: state.keysPath, mode: .readOnly)
        let dataFile = try Database(path: state.dataPath, mode: .readOnly)
        let keysTarget = try PostgresConnection(uri: keysURI)
        let dataTarget = keysURI == dataURI ? keysTarget : try PostgresConnection(uri: dataURI)
        try PostgresMigrator.embedded(.keys).migrate(keysTarget)
        try PostgresMigrator.embedded(.data).migrate(dataTarget)
        for (target, tables) in [(keysTarget, keysTables), (dataTarget, dataTables)] {
            for table in tables where try target.queryOne("SELECT EXISTS (SELECT 1 FROM \(table))", row: { try $0.bool(0) }) == true {
                throw Refusal("the target \(target.target) already holds rows in \(table): migrate copies into an empty store only")
            }
        }
        guard let publicKeyBytes = try keysFile.queryOne("SELECT audit_public_key FROM keyring WHERE id = 1", row: { $0.blob(0) }) else {
            throw Refusal("\(state.keysPath) holds no keyring")
        }

        var copied: [(table: String, count: Int)] = []
        for (source, target, tables) in [(keysFile, keysTarget, keysTables), (dataFile, dataTarget, dataTables)] {
            try source.execute("BEGIN")  // one snapshot of each file
            defer { try? source.execute("COMMIT") }
            try target.transaction {
                for table in tables {
                    copied.append((table, try copyTable(table, from: source, to: target, progress: progress)))
                }
                // Identity columns continue after the copied ids.
                for table in tables where try target.queryOne("""
                    SELECT EXISTS (SELECT 1 FROM information_schema.columns
                                   WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id' AND is_identity = 'YES')
                    """, [.text(table)], row: { try $0.bool(0) }) == true {
                    _ = try target.result("SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST((SELECT MAX(id) FROM \(table)), 1))", [.text(table)])
                }
            }
        }

        for (source, target, tables) in [(keysFile, keysTarget, keysTables), (dataFile, dataTarget, dataTables)] {
            for table in tables {
                let here = try source.queryOne("SELECT COUNT(*) FROM \(table)") { $0.int(0) } ?? 0
                let there = try target.queryOne("SELECT COUNT(*) FROM \(table)") { try $0.int(0) } ?? 0
                guard here == there else { throw Refusal("\(table): \(here) rows in the embedded store but \(there) arrived") }
            }
        }
        let publicKey = try SigningPublicKey(bytes: publicKeyBytes)
        let audit = try AuditVerifier.verify(log: dataTarget.auditLog(chain: 0), publicKey: publicKey)
        let original = try AuditVerifier.verify(dataFile: state.dataPath, publicKey: publicKey)
        guard audit.ok, audit.head == original.head, audit.entries == original.entries else {
            throw Refusal("the audit chain on PostgreSQL does not verify as it does in data.db (\(audit.problem ?? "head or count differs")): "
                + "the copy is there but must not be used; drop its tables and report this")
        }
        return Outcome(rows: copied, audit: audit)
    }

    /// Copies every row of `table`, column by column as PostgreSQL declares them (bigint,
    /// bytea, text); returns the rows copied.
    private static func copyTable(_ table: String, from source: Database, to target: PostgresConnection,
                                  progress: (String, Int, Int) -> Void) throws -> Int {
        let targetColumns = try target.query("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, [.text(table)]) { (try $0.text(0) ?? "", try $0.text(1) ?? "") }
        guard !targetColumns.isEmpty else { throw Refusal("the target has no table \(table) in its current schema") }
        // Columns PostgreSQL has and SQLite lacks (`audit_anchor.chain`, `audit_entry.chain`:
        // one chain per daemon) take their defaults: an embedded store has one chain, chain 0.
        let sourceColumns = Set(try source.query("SELECT name FROM pragma_table_info(?)", [.text(table)]) { $0.text(0) ?? "" })
        let columns = targetColumns.filter { sourceColumns.contains($0.0) }
        let total = try source.queryOne("SELECT COUNT(*) FROM \(table)") { $0.int(0) } ?? 0
        let names = columns.map(\.0).joined(separator: ", ")
        let insert = "INSERT INTO \(table) (\(names)) OVERRIDING SYSTEM VALUE VALUES (\((1...columns.count).map { "$\($0)" }.joined(separator: ", ")))"
        var done = 0
        progress(table, 0, total)
        // Streamed: a row at a time, so a store larger than memory copies too.
        let statement = try source.cachedStatement("SELECT \(names) FROM \(table)")
        defer { statement.reset() }
        while try statement.step() {
            let values = columns.enumerated().map { i, column -> PostgresValue in
                let c = Int32(i)
                if statement.isNull(c) { return .null }
                switch column.1 {
                case "bigint", "integer": return .int8(statement.int64(c))
                case "bytea": return .bytea(statement.blob(c))
                default: return .text(statement.text(c) ?? "")
                }
            }
            _ = try target.result(insert, values)
            done += 1
            if done % 10_000 == 0 { progress(table, done, total) }
        }
        progress(table, done, total)
        return done
    }
}
