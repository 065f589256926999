import ConfideClient
import ConfideJSON
import ConfideServer
import Foundation

/// The append and connections scenarios: every client count against a fresh daemon, each
/// followed at once by its raw ceilings (SQLite, or with `--store` raw libpq into the same
/// PostgreSQL), the whole sweep repeated `--rounds` times.
///
/// Ratios are taken within a round (daemon and ceiling seconds apart, 1 and N clients in
/// the same sweep) and reported per round and as their median, so one slow spell of a
/// shared host moves one round, not the figure.
extension BenchScenarios {
    /// One client count in one round: the daemon run and its ceilings.
    struct AppendSlice {
        var run: BenchReport.Run
        var ceilings: [Ceiling] = []
        /// PostgreSQL: WAL flushes while the daemon ran (start-up included) and the group
        /// commits its writer made in that time.
        var walFlushes: (flushes: Int64, commits: Int)? = nil
        var rate: Double { Double(run.samples["session.append"]?.count ?? 0) / run.seconds }
    }

    /// One raw ceiling measured right after a daemon run, at that run's group size.
    struct Ceiling {
        /// Its name in the report ("baseline"; the ratio is "daemon/<key>").
        let key: String
        /// The engine and the rows it wrote.
        let what: String
        let appendsPerSecond: Double
        let groupSize: Int
        let rowBytes: Int
    }

    /// The ceilings of one run at `group` appends per commit over `sessions` sessions:
    /// raw SQLite (the same rows, and the chunk rows alone), or with `--store` raw libpq
    /// (the same rows a round trip per statement, and as one statement per append with the
    /// whole group in one round trip).
    private func ceilings(group: Int, sessions: Int) throws -> [Ceiling] {
        let rowBytes = settings.chunkBytes + 120
        guard let store = settings.store else {
            return try [SQLiteBaseline.Rows.sameAsDaemon, .chunksOnly].map { kind in
                let r = try SQLiteBaseline.run(directory: root + "/baseline", rows: kind, rowBytes: rowBytes,
                                               groupSize: group, sessions: sessions, seconds: settings.seconds)
                return Ceiling(key: kind == .sameAsDaemon ? "baseline" : "chunk-only baseline", what: "raw durable SQLite, \(kind.rawValue)",
                               appendsPerSecond: r.rowsPerSecond, groupSize: r.groupSize, rowBytes: r.rowBytes)
            }
        }
        let kinds: [(key: String, statements: PostgresBaseline.Statements, pipelined: Bool, what: String)] = [
            ("baseline", .perRow, false, "raw libpq (synchronous_commit=on, one connection), same rows as the daemon: chunk insert, "
                + "session update, audit entry, a round trip each"),
            ("pipelined baseline", .one, true, "raw libpq (synchronous_commit=on, one connection), same rows as one statement per append, "
                + "the whole group in one round trip (pipeline mode)"),
        ]
        return try kinds.map { kind in
            let g = min(group, sessions)
            let r = try PostgresBaseline.run(uri: store, grouping: .oneConnection(group: g, pipelined: kind.pipelined), statements: kind.statements,
                                             clients: sessions, commitDelayMicroseconds: 0, rowBytes: rowBytes, seconds: settings.seconds)
            return Ceiling(key: kind.key, what: kind.what, appendsPerSecond: r.appendsPerSecond, groupSize: g, rowBytes: rowBytes)
        }
    }

    func appendRounds() throws -> BenchReport {
        var slices = [[AppendSlice]](repeating: [], count: settings.clients.count)
        for round in 1...settings.rounds {
            if settings.rounds > 1 && !settings.json { progress("round \(round) of \(settings.rounds)") }
            for (i, n) in settings.clients.enumerated() {
                var run: BenchReport.Run?
                var commits = 0
                let flushes = try withDaemon("run-\(n)-\(round)") { d, socket in
                    run = try appendRun(daemon: d, socket: socket, clients: n)
                    commits = writerCounters(socket).commits
                }
                var slice = AppendSlice(run: run!)
                if let flushes { slice.walFlushes = (flushes, commits) }
                if settings.baseline {
                    // The ceiling at this run's own group size: the ratio means something only
                    // between equal group sizes.
                    slice.ceilings = try ceilings(group: max(1, Int((slice.run.averageGroup ?? 1).rounded())), sessions: n)
                }
                slices[i].append(slice)
            }
        }
        var report = BenchReport()
        report.runs = slices.map(merged)
        if let one = settings.clients.firstIndex(of: 1), settings.clients.count > 1 {
            // Every client count against the daemon's own 1-client rate of the same round.
            let others = settings.clients.indices.filter { settings.clients[$0] != 1 }
            let byRound = others.map { i in (settings.clients[i], zip(slices[i], slices[one]).map { $0.rate / max($1.rate, 1) }) }
            report.notes.append(("scaling vs 1 client", byRound.map { String(format: "%d clients %.1fx", $0.0, median($0.1)) }.joined(separator: ", ")))
            if settings.rounds > 1 {
                report.notes.append(("scaling vs 1 client by round",
                                     byRound.map { "\($0.0) clients " + $0.1.map { String(format: "%.1fx", $0) }.joined(separator: " ") }.joined(separator: "; ")))
            }
        }
        return report
    }

    /// One client count's rounds as one run: latencies pooled, rates over all its seconds,
    /// ceilings and ratios as the median of the rounds (each round's ratio listed too).
    private func merged(_ rounds: [AppendSlice]) -> BenchReport.Run {
        let first = rounds[0].run
        var samples: [String: LatencySample] = [:]
        for r in rounds { samples.merge(r.run.samples) { a, b in var m = a; m.merge(b); return m } }
        var run = BenchReport.Run(title: first.title, clients: first.clients, seconds: rounds.map(\.run.seconds).reduce(0, +), samples: samples)
        run.daemonPeakRSS = rounds.compactMap(\.run.daemonPeakRSS).max()
        run.daemonCPU = first.daemonCPU.map { _ in rounds.compactMap(\.run.daemonCPU).reduce(0, +) }
        let groups = rounds.compactMap(\.run.averageGroup)
        run.averageGroup = groups.isEmpty ? nil : groups.reduce(0, +) / Double(groups.count)
        run.extra = first.extra
        let wal = rounds.compactMap(\.walFlushes)
        if !wal.isEmpty {
            let (flushes, commits) = wal.reduce((Int64(0), 0)) { ($0.0 + $1.flushes, $0.1 + $1.commits) }
            run.extra.append(("WAL flushes per group commit", String(format: "%.2f (%lld flushes, %d commits while the daemon ran, start-up included)",
                                                                  Double(flushes) / Double(max(commits, 1)), flushes, commits)))
        }
        let note = rounds.count > 1 ? " (median of \(rounds.count) rounds)" : ""
        for (k, ceiling) in rounds[0].ceilings.enumerated() {
            let key = ceiling.key
            let ceilings = rounds.map { $0.ceilings[k].appendsPerSecond }
            // Each round's ceiling used that round's group size: "8" or, when they differ, "8/9/8".
            let sizes = rounds.map { $0.ceilings[k].groupSize }
            let groups = Set(sizes).count == 1 ? "\(sizes[0])" : sizes.map(String.init).joined(separator: "/")
            run.extra.append((key, String(format: "%@, %@-append groups of %d-byte chunks over %d sessions: %.0f appends/s%@",
                                          ceiling.what, groups, ceiling.rowBytes, first.clients, median(ceilings), note)))
            let ratios = zip(rounds, ceilings).map { $0.rate / $1 }
            run.extra.append(("daemon/\(key)", String(format: "%.2f", median(ratios))))
            if rounds.count > 1 { run.extra.append(("daemon/\(key) by round", ratios.map { String(format: "%.2f", $0) }.joined(separator: " "))) }
        }
        return run
    }

    private func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    func appendRun(daemon: DaemonProcess?, socket: String, clients: Int) throws -> BenchReport.Run {
        let customers = settings.customers ?? clients
        let message: JSONValue = ["role": "agent", "text": .string(text)]
        let requests = (0..<clients).map { c in
            BenchScenarios.request("session.append", ["customer": .string("bench-c\(c % customers)"), "session": .string("s\(c)"), "messages": [message]])
        }
        var idle: [ConfideConnection] = []
        if settings.scenario == .connections {
            idle = try (0..<max(0, 256 - clients)).map { _ in try ConfideConnection(socketPath: socket, connectTimeout: 5, writeTimeout: 10) }
        }
        let before = writerCounters(socket)
        let cpuBefore = daemon?.cpuSeconds ?? 0
        let samples = try LoadDriver.run(socket: socket, clients: clients, seconds: settings.seconds, quiet: settings.json) { client, c, _ in
            ("session.append", requests[c].count, try BenchScenarios.exchange(client, requests[c]))
        }
        let after = writerCounters(socket)
        var run = BenchReport.Run(title: settings.scenario == .connections ? "append with \(idle.count) idle connections open" : "append \(settings.chunkBytes)-byte messages",
                                  clients: clients, seconds: settings.seconds, samples: samples)
        run.daemonPeakRSS = daemon?.peakRSS
        run.daemonCPU = daemon.map { $0.cpuSeconds - cpuBefore }
        if after.commits > before.commits { run.averageGroup = Double(after.writes - before.writes) / Double(after.commits - before.commits) }
        if !idle.isEmpty { run.extra.append(("open connections", "\(idle.count + clients)")) }
        return run
    }
}
