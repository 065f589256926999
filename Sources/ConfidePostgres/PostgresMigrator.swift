/// One schema step: `Migrations/postgresql/<db>/NNNN_name.sql`, embedded at build time.
public struct PostgresMigration: Sendable, Equatable {
    /// NNNN: the version recorded in `confide_schema` once this step is applied.
    public let version: Int
    /// The `name` part of the file name.
    public let name: String
    /// The SQL, run as one script inside the step's transaction.
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Why migrating failed.
public enum PostgresMigrationError: Error, CustomStringConvertible, Equatable {
    /// The database's schema is newer than this binary knows: refuse rather than guess.
    case databaseNewerThanBinary(component: String, target: String, databaseVersion: Int, latestKnown: Int)
    /// The migrations are not numbered 1, 2, 3, ... without gaps.
    case nonConsecutiveVersions(found: [Int])
    /// A step needs privileges the connected role lacks (42501): the least-privilege role a
    /// daemon runs as may not alter tables, so a new binary's step is the owner's to apply.
    case notAllowed(component: String, target: String, step: Int, name: String, role: String, server: String)

    public var description: String {
        switch self {
        case let .databaseNewerThanBinary(component, target, v, latest):
            return "the \(component) schema in \(target) has version \(v) but this confide knows only up to \(latest); use a newer binary"
        case let .nonConsecutiveVersions(found):
            return "migrations must be numbered 1, 2, 3, ... without gaps; found \(found)"
        case let .notAllowed(component, target, step, name, role, server):
            return "the \(component) schema in \(target) needs migration step \(step) (\(name)), which role \(role) may not apply "
                + "(\(server)): start confide once with the URI of the role that owns the tables (docs/postgresql.md, \"Upgrading\"), "
                + "then again as \(role); nothing was changed"
        }
    }
}

/// Applies migrations in order, each in its own transaction together with the version
/// bump in `confide_schema` (DDL is transactional on PostgreSQL, so a crash leaves a whole
/// step), while holding a session advisory lock: two daemons starting at once against one
/// database migrate once, the second waiting and then finding nothing to do.
///
/// `confide_schema` has one row per component ("keys", "data"), so both schemas may live in
/// one database or in two. Tables are created unqualified, in the connection's
/// `search_path` (normally `public`).
public struct PostgresMigrator: Sendable {
    /// The key of `pg_advisory_lock` every Confide migrator of a database takes: "confide\0".
    public static let advisoryLockKey: Int64 = 0x636F_6E66_6964_6500

    /// Which schema: the row in `confide_schema`.
    public let component: String
    public let migrations: [PostgresMigration]

    /// A migrator of `component` over `migrations`, which must be numbered 1...n.
    public init(component: String, _ migrations: [PostgresMigration]) throws {
        let versions = migrations.map(\.version)
        guard versions == Array(stride(from: 1, through: versions.count, by: 1)) else {
            throw PostgresMigrationError.nonConsecutiveVersions(found: versions)
        }
        self.component = component
        self.migrations = migrations
    }

    /// The migrator of an embedded schema (`PostgresSchema`, generated from
    /// `Migrations/postgresql/` and checked at build time).
    public static func embedded(_ schema: PostgresSchema) throws -> PostgresMigrator {
        try PostgresMigrator(component: schema.rawValue, schema.migrations)
    }

    /// The latest version these migrations reach.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The version `connection`'s database is at (0 before the first step). Needs only
    /// SELECT, so a least-privilege role can check that the schema is current.
    public func currentVersion(_ connection: PostgresConnection) throws -> Int {
        guard try connection.queryOne("SELECT to_regclass('confide_schema') IS NOT NULL", row: { try $0.bool(0) }) == true else { return 0 }
        return try connection.queryOne("SELECT version FROM confide_schema WHERE component = $1", [.text(component)]) { try $0.int(0) } ?? 0
    }

    /// Brings `connection`'s database up to `target` (default: latest); returns the versions
    /// applied. `willWait` is told when another process holds the migration lock (start-up
    /// then waits for it); `willApply` before each step starts, with the version the database had
    /// before this migration began (0: a new schema).
    @discardableResult
    public func migrate(_ connection: PostgresConnection, upTo target: Int? = nil,
                        willWait: () -> Void = {},
                        willApply: (_ step: PostgresMigration, _ fromVersion: Int) -> Void = { _, _ in }) throws -> [Int] {
        let target = target ?? latestVersion
        let key = PostgresValue.int8(Self.advisoryLockKey)
        if try connection.queryOne("SELECT pg_try_advisory_lock($1)", [key], row: { try $0.bool(0) }) != true {
            willWait()
            _ = try connection.result("SELECT pg_advisory_lock($1)", [key])
        }
        // A lost connection releases the lock on the server by itself.
        defer { _ = try? connection.result("SELECT pg_advisory_unlock($1)", [key]) }

        var current = try currentVersion(connection)
        guard current <= latestVersion else {
            throw PostgresMigrationError.databaseNewerThanBinary(component: component, target: connection.target,
                                                                 databaseVersion: current, latestKnown: latestVersion)
        }
        var applied: [Int] = []
        let before = current
        for m in migrations where m.version > current && m.version <= target {
            willApply(m, before)
            do { try connection.transaction {
                try connection.execute("""
                    CREATE TABLE IF NOT EXISTS confide_schema (
                        component  text        PRIMARY KEY,
                        version    bigint      NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """)
                try connection.execute(m.sql)
                try connection.run("""
                    INSERT INTO confide_schema (component, version) VALUES ($1, $2)
                    ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now()
                    """, .text(component), .int(m.version))
            } } catch let error as PostgresError where error.sqlState == "42501" {
                let role = (try? connection.queryOne("SELECT current_user::text", row: { try $0.text(0) })).flatMap { $0 } ?? "?"
                throw PostgresMigrationError.notAllowed(component: component, target: connection.target, step: m.version, name: m.name,
                                                        role: role, server: error.message)
            }
            current = m.version
            applied.append(m.version)
        }
        return applied
    }
}
