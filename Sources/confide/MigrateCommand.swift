import ConfideCore
import ConfideJSON
import ConfidePostgresStore
import Foundation

/// `confide migrate`: copies a stopped embedded store into PostgreSQL, as it is.
enum MigrateCommand {
    static let command = Command(
        name: "migrate",
        abstract: "Copy a stopped embedded store (keys.db, data.db) into PostgreSQL as it is: nothing is decrypted, then verified on arrival.",
        options: [
            .init(name: "--from", value: "DIR", help: "The embedded store's state folder (its daemon stopped: the folder is locked for the copy)", use: .required),
            .init(name: "--to", value: "URI", help: "The PostgreSQL database (postgresql://…) for the transcripts, and the keyring unless --keys-to", use: .required),
            .init(name: "--keys-to", value: "URI", help: "Another PostgreSQL database for the keyring (serve it with --keys-store)"),
        ],
        example: "confide migrate --from /var/lib/confide --to 'postgresql://confide_owner@db.internal/confide?sslmode=verify-full'",
        run: run)

    static func run(_ a: ParsedArguments) throws -> Int32 {
        let state = StateDirectory(path: try a.required("--from"))
        let data = try a.required("--to")
        let keys = a.value("--keys-to") ?? data
        for (flag, uri) in [("--to", data), ("--keys-to", keys)] where !(uri.hasPrefix("postgresql://") || uri.hasPrefix("postgres://")) {
            throw UsageError("\(flag) must be a postgresql:// URI")
        }
        note("confide: copying \(state.path) to \(PostgresEngine.redacted(data))"
             + (keys == data ? "" : " (keyring to \(PostgresEngine.redacted(keys)))") + "; nothing is decrypted")
        let outcome = try EmbeddedStoreCopy.copy(from: state, keysURI: keys, dataURI: data) { table, done, total in
            if done == total || done % 100_000 == 0 { note("  \(table): \(done) of \(total) rows") }
        }
        let rows = JSONObject(outcome.rows.map { ($0.table, JSONValue.int($0.count)) })
        printLine(JSONWriter.string(["rows": .object(rows), "audit_entries": .int(outcome.audit.entries),
                                     "audit_head": .string(outcome.audit.head), "audit_ok": .bool(outcome.audit.ok)]))
        note("confide: copied and verified (same row counts; the audit chain verifies on PostgreSQL with the same head). "
             + "Serve it with: confide serve --store URI\(keys == data ? "" : " --keys-store URI") …; keep \(state.path) until you have checked it.")
        return 0
    }
}
