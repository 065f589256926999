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

    /// A session-level advisory lock held from outside, on a session of its own named
    /// `applicationName`, as another daemon would hold it; `release` ends the session.
    public final class AdvisoryLock {
        private var connection: PostgresConnection?

        /// Waits up to `waitSeconds` for the lock (nil when it stayed held elsewhere).
        public init?(_ key: Int64, on uri: String, applicationName: String, waitSeconds: Double = 0) throws {
            let c = try PostgresConnection(uri: uri, applicationName: applicationName)
            let deadline = Date().addingTimeInterval(waitSeconds)
            while try c.queryOne("SELECT pg_try_advisory_lock($1)", [.int8(key)], row: { try $0.bool(0) ?? false }) != true {
                guard Date() < deadline else { return nil }
                usleep(50_000)
            }
            connection = c
        }

        /// Ends the session, and the lock with it.
        public func release() { connection = nil }

        deinit { release() }
    }

    /// The OID of `schema`, which the daemons' advisory locks carry in their low half.
    public static func schemaOID(_ schema: String) throws -> Int64 {
        guard let uri = superuserURI ?? ownerURI,
              let oid = try column("SELECT oid::text FROM pg_namespace WHERE nspname = '\(schema)'", on: uri).first.flatMap({ Int64($0) }) else {
            throw HarnessError("schema \(schema) does not exist")
        }
        return oid
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

    /// The owner's URI of the test cluster's second database (`confide_test_keys`, exported
    /// by `scripts/pg-cluster` as `CONFIDE_TEST_POSTGRES_KEYS_URI`), for a keyring kept in
    /// another database than the transcripts; nil when not set.
    public static var keysDatabaseOwnerURI: String? {
        guard let uri = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_KEYS_URI"], !uri.isEmpty else { return nil }
        return uri
    }
}
