import ConfideBench
import ConfideJSON
import Foundation

/// `confide bench`: a reproducible load benchmark against a real daemon over the real socket.
enum BenchCommand {
    static let command = Command(
        name: "bench",
        abstract: "Benchmark a real daemon over its socket (build with -c release for meaningful numbers).",
        options: [
            .init(name: "--scenario", value: "NAME", help: "append (default), get, mixed, shred, rewrap, connections, redact (in-process), json (ConfideJSON parse and write, in-process), startup, flush (the disk's fdatasync latency), postgresql-baseline (raw libpq writing an append's rows into --store; no daemon), audit-chain (raw libpq as the writers of N daemons over --store: one audit chain whose head every group row-locks, against one chain per daemon; no daemon)"),
            .init(name: "--store", value: "URI", help: "A PostgreSQL database (postgresql://user@host/db...): append, connections, get and mixed start the daemon with --store on it (with --baseline, raw libpq writing the same rows is the ceiling); postgresql-baseline writes into it. Each run uses a fresh schema, dropped afterwards"),
            .init(name: "--max-group-size", value: "N", help: "The daemon's max_group_size (writes per commit; default: the daemon's); 1 commits every write alone"),
            .init(name: "--group", value: "G", help: "postgresql-baseline: appends per commit on each client's own connection; a list like 1,16 runs each (default 1,16), then one shared writer (daemon-style group commit)"),
            .init(name: "--daemons", value: "N", help: "append with --store: N daemons at once on that server, each on a store of its own (a fresh schema: one store admits one daemon today) with --clients clients each, beside raw libpq as N writers with one audit head each at the daemons' group size; a list like 1,2,4 runs each (--rounds repeats)"),
            .init(name: "--shared-store", value: nil, help: "with --daemons: the daemons serve one store together (shared_store, an audit_chain each) instead of a fresh schema each"),
            .init(name: "--keys-store", value: "URI", help: "with --daemons --shared-store: the keyring in a fresh schema of this other PostgreSQL database (keys_store), so every group that relies on a customer takes the keyring guard there (e.g. --keys-store postgresql://user@host/keys)"),
            .init(name: "--writers", value: "N", help: "audit-chain: writer connections (one per daemon); a list like 1,2,4,8 runs each (default 1,2,4,8); --group sets their appends per commit (default 8), --rounds repeats"),
            .init(name: "--statements", value: "HOW", help: "postgresql-baseline: one (an append's three writes as one statement, default), per-row (three statements), or one,per-row"),
            .init(name: "--commit-delay", value: "US", help: "postgresql-baseline: PostgreSQL commit_delay in µs; a list like 0,100 runs each (default 0; needs GRANT SET ON PARAMETER commit_delay)"),
            .init(name: "--clients", value: "N", help: "Client threads; a list like 1,4,16,64 runs each in turn (default 16)"),
            .init(name: "--seconds", value: "S", help: "Measured seconds per run (default 10)"),
            .init(name: "--chunk-bytes", value: "B", help: "Message text size in bytes (default 2048)"),
            .init(name: "--customers", value: "C", help: "Distinct customers written (default: one per client)"),
            .init(name: "--mix", value: "A:G:L", help: "Weights of append:get:list for --scenario mixed (default 80:20:0)"),
            .init(name: "--preload", value: "N", help: "Messages stored before get/mixed (default 100000) or startup (default 1000000); customers before rewrap (default 100000)"),
            .init(name: "--baseline", value: nil, help: "append/connections: also measure raw durable SQLite writing the same rows (and the chunk rows alone) at each run's group size, and report the ratios; with --store, raw libpq writing the same rows (a round trip per statement, and pipelined)"),
            .init(name: "--rounds", value: "R", help: "append/connections: repeat the sweep of client counts R times (audit-chain: each writer count, alternating the two heads), each run followed at once by its ceilings; ratios per round and their median (default 1)"),
            .init(name: "--json", value: nil, help: "Print results as JSON on stdout"),
            .init(name: "--socket", value: "PATH", help: "Drive an already running daemon instead of starting one (no RSS/CPU then)"),
            .init(name: "--keep", value: nil, help: "Keep the temporary state folder"),
        ],
        example: "swift build -c release && .build/release/confide bench --scenario append --clients 1,16 --baseline\n"
            + "  eval \"$(scripts/pg-cluster start)\" && .build/release/confide bench --scenario append --store \"$CONFIDE_TEST_POSTGRES_URI\" --clients 1,16 --rounds 3 --baseline\n"
            + "  .build/release/confide bench --scenario postgresql-baseline --store \"$CONFIDE_TEST_POSTGRES_URI\" --group 1,16 --commit-delay 0,100\n"
            + "  .build/release/confide bench --scenario audit-chain --store \"$CONFIDE_TEST_POSTGRES_URI\" --writers 1,2,4,8 --group 8 --seconds 5 --rounds 3\n"
            + "  .build/release/confide bench --scenario append --store \"$CONFIDE_TEST_POSTGRES_URI\" --daemons 1,2,4 --clients 8 --seconds 5 --rounds 3",
        run: run)

    static func run(_ a: ParsedArguments) throws -> Int32 {
        var s = BenchSettings()
        let names = BenchScenario.allCases.map(\.rawValue)
        guard let scenario = BenchScenario(rawValue: a.value("--scenario") ?? (a.value("--mix") != nil ? "mixed" : "append")) else {
            throw UsageError("--scenario must be \(names.dropLast().joined(separator: ", ")) or \(names.last!)")
        }
        s.scenario = scenario
        s.store = a.value("--store")
        let daemonScenarios: [BenchScenario] = [.append, .connections, .get, .mixed, .shred]
        let storeScenarios: [BenchScenario] = [.append, .connections, .get, .mixed, .postgresqlBaseline, .auditChain]
        if [.postgresqlBaseline, .auditChain].contains(s.scenario) && s.store == nil {
            throw UsageError("--scenario \(s.scenario.rawValue) needs --store postgresql://... (the database to write into)")
        }
        if let store = s.store {
            guard storeScenarios.contains(s.scenario) else {
                throw UsageError("--store applies to --scenario append, connections, get, mixed, postgresql-baseline and audit-chain, not \(s.scenario.rawValue)")
            }
            guard store.hasPrefix("postgresql://") || store.hasPrefix("postgres://") else {
                throw UsageError("--store takes a PostgreSQL URI: postgresql://user@host/db...")
            }
            guard a.value("--socket") == nil else {
                throw UsageError("--store starts a daemon on that database; --socket drives one already running: give one of them")
            }
        }
        for option in ["--statements", "--commit-delay"] where a.value(option) != nil && s.scenario != .postgresqlBaseline {
            throw UsageError("\(option) applies to --scenario postgresql-baseline only")
        }
        if a.value("--group") != nil && ![.postgresqlBaseline, .auditChain].contains(s.scenario) {
            throw UsageError("--group applies to --scenario postgresql-baseline and audit-chain only")
        }
        if let d = a.value("--daemons") {
            guard s.scenario == .append, a.value("--store") != nil else {
                throw UsageError("--daemons applies to --scenario append with --store postgresql://... (each daemon on a fresh schema of that database)")
            }
            guard a.value("--baseline") == nil else { throw UsageError("--daemons measures its own baseline (N raw writers); leave out --baseline") }
            s.daemons = try numberList(d, "--daemons", in: 1...64)
            s.sharedStore = a.flag("--shared-store")
            s.keysStore = a.value("--keys-store")
            if s.keysStore != nil && !s.sharedStore {
                throw UsageError("--keys-store applies with --daemons N --shared-store (the keyring guard of daemons sharing a store)")
            }
        } else if a.flag("--shared-store") || a.value("--keys-store") != nil {
            throw UsageError("--shared-store and --keys-store apply with --daemons N only")
        }
        if a.value("--writers") != nil && s.scenario != .auditChain {
            throw UsageError("--writers applies to --scenario audit-chain only")
        }
        if s.scenario == .auditChain {
            s.groups = [8]
            if let w = a.value("--writers") { s.writers = try numberList(w, "--writers", in: 1...256) }
            if let g = a.value("--group") {
                guard let n = Int(g), (1...4096).contains(n) else { throw UsageError("--group for audit-chain is one number in 1...4096") }
                s.groups = [n]
            }
        }
        if let g = a.value("--max-group-size") {
            guard daemonScenarios.contains(s.scenario), a.value("--socket") == nil else {
                throw UsageError("--max-group-size applies to a daemon the bench starts (--scenario append, connections, get, mixed, shred; no --socket)")
            }
            guard let n = Int(g), (1...10_000).contains(n) else { throw UsageError("--max-group-size must be in 1...10000") }
            s.maxGroupSize = n
        }
        if let g = a.value("--group") { s.groups = try numberList(g, "--group", in: 1...4096) }
        if let d = a.value("--commit-delay") { s.commitDelays = try numberList(d, "--commit-delay", in: 0...100_000) }
        if let v = a.value("--statements") {
            let list = v.split(separator: ",").map { PostgresBaseline.Statements(rawValue: String($0)) }
            guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else { throw UsageError("--statements takes one, per-row or one,per-row") }
            s.pgStatements = list.map { $0! }
        }
        if let c = a.value("--clients") {
            let list = c.split(separator: ",").map { Int($0) }
            guard !list.isEmpty, list.allSatisfy({ $0 != nil && (1...1024).contains($0!) }) else { throw UsageError("--clients takes numbers 1...1024, comma-separated") }
            s.clients = list.map { $0! }
        }
        if let v = a.value("--seconds") { guard let d = Double(v), d > 0, d <= 3600 else { throw UsageError("--seconds must be in (0, 3600]") }; s.seconds = d }
        s.chunkBytes = try a.int("--chunk-bytes", in: 1...(1 << 20)) ?? 2048
        s.customers = try a.int("--customers", in: 1...10_000_000)
        s.preload = try a.int("--preload", in: 0...100_000_000)
        if let m = a.value("--mix") {
            let p = m.split(separator: ":").compactMap { Int($0) }
            guard p.count == 3, p.allSatisfy({ $0 >= 0 }), p.reduce(0, +) > 0 else { throw UsageError("--mix is three weights append:get:list, e.g. 80:20:0") }
            s.mix = (p[0], p[1], p[2])
        }
        s.baseline = a.flag("--baseline")
        guard !s.baseline || [.append, .connections].contains(s.scenario) else {
            throw UsageError("--baseline applies to --scenario append and connections only")
        }
        s.rounds = try a.int("--rounds", in: 1...20) ?? 1
        guard s.rounds == 1 || [.append, .connections, .auditChain].contains(s.scenario) else {
            throw UsageError("--rounds applies to --scenario append, connections and audit-chain only")
        }
        if s.daemons != nil && s.clients.count > 1 { throw UsageError("--daemons takes one --clients count: the clients of each daemon") }
        s.json = a.flag("--json")
        s.socket = a.value("--socket")
        s.keep = a.flag("--keep")
        let report = try Bench.run(s)
        if s.json { print(JSONWriter.string(.object(report.json))) } else { print(report.table) }
        return 0
    }

    /// A comma-separated list of numbers in `range`, e.g. `1,16`.
    private static func numberList(_ text: String, _ option: String, in range: ClosedRange<Int>) throws -> [Int] {
        let list = text.split(separator: ",").map { Int($0) }
        guard !list.isEmpty, list.allSatisfy({ $0 != nil && range.contains($0!) }) else {
            throw UsageError("\(option) takes numbers \(range.lowerBound)...\(range.upperBound), comma-separated")
        }
        return list.map { $0! }
    }
}
