import ConfidePostgres
import Foundation

/// A fresh, empty schema in the PostgreSQL database at `--store`, for one measured run and
/// dropped afterwards: the daemon's tables (`confide serve --store`) or the raw-libpq
/// baseline's. `uri` works in it: the schema is named on the search path at connect time
/// (`options=-csearch_path=…`), so it holds across the daemon's reconnects too.
final class ScratchSchema {
    let name: String
    /// `--store`'s URI with this schema on the search path.
    let uri: String
    private let admin: PostgresConnection

    init(in storeURI: String, label: String) throws {
        guard !storeURI.contains("options=") else {
            throw BenchError("--store: the bench sets options= itself (the search path of each run's fresh schema); leave it out of the URI")
        }
        name = "confide_bench_\(label)_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        admin = try PostgresConnection(uri: storeURI, applicationName: "confide bench")
        try admin.execute("CREATE SCHEMA \(name)")
        Interruption.created(schema: name, in: storeURI)
        uri = storeURI + (storeURI.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(name)"
    }

    /// The cluster's WAL flushes so far (`pg_stat_wal.wal_sync`, PostgreSQL 14+), nil when
    /// unknown. A backend reports its counts when it exits (or at most once a second while
    /// busy), so read this after the run's connections have closed.
    func walSyncs() -> Int64? {
        try? admin.queryOne("SELECT wal_sync FROM pg_stat_wal", row: { try $0.int64(0) })
    }

    /// Runs `body` on the admin connection with this schema on its search path.
    func inSchema<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try admin.execute("SET search_path TO \(name)")
        defer { try? admin.execute("RESET search_path") }
        return try body(admin)
    }

    /// Drops the schema and everything in it.
    func drop() {
        try? admin.execute("DROP SCHEMA \(name) CASCADE")
        Interruption.dropped(schema: name)
    }
}
