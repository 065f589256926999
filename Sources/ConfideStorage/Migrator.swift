/// One schema step: `Migrations/<db>/NNNN_name.sql`, embedded in the binary at build time.
public struct Migration: Sendable, Equatable {
    /// NNNN: the `PRAGMA user_version` the database has once this step is applied.
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
public enum MigrationError: Error, CustomStringConvertible, Equatable {
    /// The file's schema is newer than this binary knows: refuse rather than guess.
    case databaseNewerThanBinary(path: String, databaseVersion: Int, latestKnown: Int)
    /// The migrations are not numbered 1, 2, 3, ... without gaps.
    case nonConsecutiveVersions(found: [Int])

    public var description: String {
        switch self {
        case let .databaseNewerThanBinary(path, v, latest):
            return "\(path) has schema version \(v) but this confide knows only up to \(latest); use a newer binary"
        case let .nonConsecutiveVersions(found):
            return "migrations must be numbered 1, 2, 3, ... without gaps; found \(found)"
        }
    }
}

/// Applies migrations in order, each in its own transaction together with the
/// `PRAGMA user_version` bump, so a crash leaves the database at a whole step.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    /// A migrator over `migrations`, which must be numbered 1...n.
    public init(_ migrations: [Migration]) throws {
        let versions = migrations.map(\.version)
        guard versions == Array(stride(from: 1, through: versions.count, by: 1)) else {
            throw MigrationError.nonConsecutiveVersions(found: versions)
        }
        self.migrations = migrations
    }

    /// The latest version these migrations reach.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Brings `database` up to `target` (default: latest); returns the versions applied.
    /// `willApply` is told before each step starts (a step can take minutes on a large file,
    /// and an operator should see why start-up waits), with the version the file had before
    /// this migration began (0: a new file).
    @discardableResult
    public func migrate(_ database: Database, upTo target: Int? = nil,
                        willApply: (_ step: Migration, _ fromVersion: Int) -> Void = { _, _ in }) throws -> [Int] {
        let target = target ?? latestVersion
        let current = try database.userVersion
        guard current <= latestVersion else {
            throw MigrationError.databaseNewerThanBinary(path: database.path, databaseVersion: current, latestKnown: latestVersion)
        }
        var applied: [Int] = []
        for m in migrations where m.version > current && m.version <= target {
            willApply(m, current)
            try database.transaction {
                try database.execute(m.sql)
                try database.execute("PRAGMA user_version = \(m.version)")
            }
            applied.append(m.version)
        }
        return applied
    }
}
