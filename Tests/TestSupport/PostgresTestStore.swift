import ConfidePostgres
import Foundation

/// The daemon's store for the black-box tests: the embedded one by default, or, with
/// `CONFIDE_TEST_STORE=postgresql` and `CONFIDE_TEST_POSTGRES_URI` set (scripts/test runs a
/// selection of the integration tests this way), a fresh schema of that PostgreSQL per
/// daemon harness, named on the search path at connect time (so it survives reconnects).
public enum PostgresTestStore {
    /// True when the daemons of this test run keep their stores in PostgreSQL.
    public static var isSelected: Bool {
        ProcessInfo.processInfo.environment["CONFIDE_TEST_STORE"] == "postgresql"
    }

    /// The owner's URI of the test cluster, or nil.
    public static var ownerURI: String? {
        guard let uri = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_URI"], !uri.isEmpty else { return nil }
        return uri
    }

    /// The owner's URI over TLS on the test cluster's loopback port (sslmode=verify-full
    /// against its throwaway CA; `scripts/pg-cluster start --tls`), or nil.
    public static var ownerTLSURI: String? {
        guard let uri = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_TLS_URI"], !uri.isEmpty else { return nil }
        return uri
    }

    /// The superuser's URI of the test cluster (`scripts/pg-cluster` exports it), or nil:
    /// for what only a superuser may do (tablespaces, `CHECKPOINT`, editing any schema).
    public static var superuserURI: String? {
        guard let uri = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_SUPERUSER_URI"], !uri.isEmpty else { return nil }
        return uri
    }

    /// The schema a URI of `freshSchemaURI` puts first on the search path, or nil.
    public static func schema(of uri: String) -> String? {
        guard let range = uri.range(of: "search_path%3D") else { return nil }
        return String(uri[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
    }

    /// Runs `sql` (one or more statements; rows discarded) on `uri`, on a new connection.
    public static func execute(_ sql: String, on uri: String) throws {
        try PostgresConnection(uri: uri, applicationName: "confide-test").execute(sql)
    }

    /// The first column of every row of `sql` on `uri`, as text (NULL as "NULL"; `bytea` in
    /// PostgreSQL's hex form, `\x…`, when the query casts it to text).
    public static func column(_ sql: String, on uri: String) throws -> [String] {
        try PostgresConnection(uri: uri, applicationName: "confide-test").query(sql) { try $0.text(0) ?? "NULL" }
    }

    /// Tables of a store locked from outside (ACCESS EXCLUSIVE, in an open transaction on a
    /// connection of its own), as an operator's stray transaction or a long migration would
    /// hold them: the daemon's statements on them wait, until its statement timeout.
    public final class TableLock {
        private var connection: PostgresConnection?

        /// `mode`: `ACCESS EXCLUSIVE` (nothing else reads or writes) or `EXCLUSIVE` (reads go on).
        public init(_ tables: [String], on uri: String, mode: String = "ACCESS EXCLUSIVE") throws {
            let c = try PostgresConnection(uri: uri, applicationName: "confide-test")
            try c.begin()
            try c.execute("LOCK TABLE \(tables.joined(separator: ", ")) IN \(mode) MODE")
            connection = c
        }

        /// Ends the transaction (a rollback) and the connection; the daemon's next statements run.
        public func release() {
            connection?.rollbackIfOpen()
            connection = nil
        }

        deinit { release() }
    }

    /// A new, empty schema; returns the URI that works in it: `base` (default: the owner's
    /// URI) with the schema on its search path.
    public static func freshSchemaURI(label: String = "it", over base: String? = nil) throws -> String {
        guard let owner = base ?? ownerURI else {
            throw HarnessError("CONFIDE_TEST_STORE=postgresql needs CONFIDE_TEST_POSTGRES_URI: run scripts/test, or eval \"$(scripts/pg-cluster start)\"")
        }
        let schema = "\(label)_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresConnection(uri: owner).execute("CREATE SCHEMA \(schema)")
        return owner + (owner.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
    }
}
