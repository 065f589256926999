import Foundation

/// `confide bench` as a library: the scenarios, their load driver and the raw SQLite and
/// libpq ceilings, run from the `confide` binary (which starts daemons as
/// `/proc/self/exe serve --dev`). The command line is parsed by the `confide` target;
/// this module takes the settings and returns the report.
public enum Bench {
    /// Runs `settings.scenario` and returns what it measured. Interrupted (SIGINT,
    /// SIGTERM), it stops the daemons it started and removes its folder before exiting.
    public static func run(_ settings: BenchSettings) throws -> BenchReport {
        let scenarios = BenchScenarios(settings: settings)
        return try Interruption.handled(removing: settings.keep ? nil : scenarios.root) { try scenarios.run() }
    }
}

/// What a benchmark run can measure.
public enum BenchScenario: String, CaseIterable, Sendable {
    case append, get, mixed, shred, rewrap, connections, redact, json, startup, flush
    case postgresqlBaseline = "postgresql-baseline"
    /// Raw libpq as the writers of N daemons over one store: one audit chain for all (its
    /// head row-locked by every group) against one chain per daemon.
    case auditChain = "audit-chain"
}

/// One `confide bench` invocation's settings (the defaults are the command's).
public struct BenchSettings: Sendable {
    public var scenario = BenchScenario.append
    public var clients: [Int] = [16]
    public var seconds = 10.0
    public var chunkBytes = 2048
    public var customers: Int? = nil
    public var mix = (append: 80, get: 20, list: 0)
    public var preload: Int? = nil
    public var baseline = false
    public var rounds = 1
    /// Quiet on stderr (the caller prints the report as JSON).
    public var json = false
    public var socket: String? = nil
    public var keep = false
    /// A PostgreSQL URI: the database postgresql-baseline writes into, or the daemon serves
    /// from (append, connections, get, mixed), a fresh schema per run.
    public var store: String? = nil
    /// The daemon's `max_group_size` (nil: its default).
    public var maxGroupSize: Int? = nil
    public var groups = [1, 16]
    public var commitDelays = [0]
    public var pgStatements: [PostgresBaseline.Statements] = [.one]
    /// audit-chain: how many daemons' writers.
    public var writers = [1, 2, 4, 8]
    /// append with `store`: run this many daemons at once on the server, each count in turn
    /// (`BenchScenarios.daemonsRounds`); nil: one daemon.
    public var daemons: [Int]? = nil
    /// With `daemons`: all of them serve one store together (`shared_store`, an audit chain
    /// each) instead of a store each.
    public var sharedStore = false
    /// With `sharedStore`: the keyring in another database (a fresh schema of it), so the
    /// daemons take the keyring guard there.
    public var keysStore: String? = nil

    public init() {}
}

/// A benchmark that could not run or whose figures are void.
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    init(_ message: String) { description = message }
}

/// A progress line for people, on stderr.
func progress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// CPU seconds the calling thread has used: for the in-process scenarios, which measure
/// work on one core rather than time on a shared machine.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
