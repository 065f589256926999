import ConfideClient
import ConfideCore
import ConfideJSON
import ConfideServer
import Foundation
import Synchronization

/// The benchmark's scenarios, each against a fresh daemon on a temporary state folder
/// (or `--socket`). Clients pre-encode their requests and only scan replies for
/// `"result"`, so client CPU steals as little as possible from the daemon on 2 cores.
struct BenchScenarios {
    let settings: BenchSettings
    let root = NSTemporaryDirectory() + "confide-bench-\(getpid())"
    static let config = #"{"max_connections": 4096, "scheduler_tick_s": 1, "idle_timeout_s": 3600, "log_level": "warn"}"#

    func run() throws -> BenchReport {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if !settings.keep { try? FileManager.default.removeItem(atPath: root) } }
        var report = BenchReport()
        switch settings.scenario {
        case .append where settings.daemons != nil:
            report = try daemonsRounds(settings.daemons!)
        case .append, .connections:
            report = try appendRounds()
        case .get, .mixed:
            try withDaemon("read") { d, socket in
                let sessions = try preloadSessions(socket: socket, messages: settings.preload ?? (settings.scenario == .get ? 100_000 : 20_000))
                for n in settings.clients { report.runs.append(try readRun(daemon: d, socket: socket, clients: n, sessions: sessions)) }
            }
        case .redact:
            report.notes += redactionRun()
        case .json:
            report.notes += try jsonRun()
        case .startup:
            report.notes += try startupRun()
        case .flush:
            report.notes += try flushRun()
        case .postgresqlBaseline:
            report.notes += try postgresBaselineRun()
        case .auditChain:
            report.notes += try auditChainRun()
        case .shred:
            try withDaemon("shred") { _, socket in report.notes += try shredRun(socket: socket) }
        case .rewrap:
            report = try rewrapRun()
        }
        return report
    }

    // MARK: Daemon and requests

    /// Runs `body` against a fresh daemon (or `--socket`'s). With `--store`, the daemon
    /// serves from a fresh schema of that PostgreSQL database, dropped once it stopped;
    /// returns the WAL flushes the cluster made while it ran (nil on SQLite or unknown).
    @discardableResult
    func withDaemon(_ name: String, _ body: (DaemonProcess?, String) throws -> Void) throws -> Int64? {
        if let socket = settings.socket { try body(nil, socket); return nil }
        var config = BenchScenarios.config
        if let g = settings.maxGroupSize { config = String(config.dropLast()) + #", "max_group_size": \#(g)}"# }
        guard let store = settings.store else {
            let d = try DaemonProcess(stateDirectory: root + "/" + name, config: config)
            defer { d.stop() }
            try body(d, d.socketPath)
            return nil
        }
        let scratch = try ScratchSchema(in: store, label: "daemon")
        defer { scratch.drop() }
        let before = scratch.walSyncs()
        do {
            let d = try DaemonProcess(stateDirectory: root + "/" + name, config: config, store: scratch.uri)
            defer { d.stop() }
            try body(d, d.socketPath)
        }
        Thread.sleep(forTimeInterval: 1.1)  // the daemon's backends have exited and reported their counts
        guard let before, let after = scratch.walSyncs() else { return nil }
        return after - before
    }

    var text: String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 ".utf8)
        return String(decoding: (0..<settings.chunkBytes).map { alphabet[($0 * 7919) % alphabet.count] }, as: UTF8.self)
    }

    static func request(_ method: String, _ params: JSONObject) -> [UInt8] {
        JSONWriter.bytes(["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": .object(params)])
    }

    /// Sends a pre-encoded request and reports whether the reply carries a result.
    static func exchange(_ client: ConfideClient, _ request: [UInt8]) throws -> Bool {
        let reply = try client.exchange(line: request)
        return reply.count > 20 && reply.starts(with: Array(#"{"jsonrpc":"2.0","result""#.utf8))
    }

    func writerCounters(_ socket: String) -> (writes: Int, commits: Int) {
        guard case .success(let r)? = try? ConfideClient(socketPath: socket).reply("system.stats"),
              let w = r.objectValue?["writer"]?.objectValue else { return (0, 0) }
        return (w["writes"]?.intValue ?? 0, w["commits"]?.intValue ?? 0)
    }

    // MARK: Scenarios

    /// Stores `messages` messages as sessions of 10 over 100 customers; returns (customer, session) pairs.
    func preloadSessions(socket: String, messages: Int) throws -> [(String, String)] {
        let per = 10
        let sessions = (0..<max(1, messages / per)).map { ("load-c\($0 % 100)", "load-s\($0)") }
        let message: JSONValue = ["role": "customer", "text": .string(text)]
        let next = Atomic<Int>(0)
        if !settings.json { progress("preloading \(sessions.count * per) messages...") }
        _ = try LoadDriver.run(socket: socket, clients: 8, seconds: 3600, quiet: true) { client, _, _ in
            let i = next.add(1, ordering: .relaxed).oldValue
            guard i < sessions.count else { throw PreloadDone() }
            let r = BenchScenarios.request("session.put", ["customer": .string(sessions[i].0), "session": .string(sessions[i].1),
                                                           "messages": .array(Array(repeating: message, count: per))])
            return ("session.put", r.count, try BenchScenarios.exchange(client, r))
        }
        return sessions
    }

    func readRun(daemon: DaemonProcess?, socket: String, clients: Int, sessions: [(String, String)]) throws -> BenchReport.Run {
        let message: JSONValue = ["role": "agent", "text": .string(text)]
        let weights = settings.scenario == .get ? (0, 1, 0) : settings.mix
        let total = weights.0 + weights.1 + weights.2
        let cpuBefore = daemon?.cpuSeconds ?? 0
        let samples = try LoadDriver.run(socket: socket, clients: clients, seconds: settings.seconds, quiet: settings.json) { client, c, i in
            let pick = (i * 7 + c * 13) % total
            let s = sessions[(i * 31 + c * 977) % sessions.count]
            let (method, params): (String, JSONObject)
            if pick < weights.0 {
                (method, params) = ("session.append", ["customer": .string(s.0), "session": .string(s.1), "messages": [message]])
            } else if pick < weights.0 + weights.1 {
                (method, params) = ("session.get", ["customer": .string(s.0), "session": .string(s.1)])
            } else {
                (method, params) = ("session.list", ["customer": .string(s.0), "limit": 20])
            }
            let r = BenchScenarios.request(method, params)
            return (method, r.count, try BenchScenarios.exchange(client, r))
        }
        var run = BenchReport.Run(title: settings.scenario == .get ? "get sessions of 10 messages (\(sessions.count * 10) stored)" : "mixed \(weights.0):\(weights.1):\(weights.2)",
                                  clients: clients, seconds: settings.seconds, samples: samples)
        run.daemonPeakRSS = daemon?.peakRSS
        run.daemonCPU = daemon.map { $0.cpuSeconds - cpuBefore }
        return run
    }
}

/// Ends a preload loop once every item is written.
struct PreloadDone: Error {}
