import ConfideClient
import ConfideJSON
import Foundation
import Synchronization

/// `--scenario append --store URI --daemons 1,2,4`: N daemons at once on one PostgreSQL
/// server, each with `--clients` clients of its own, and beside each N the raw-libpq ceiling
/// of N writers (`PostgresBaseline.Grouping.writers`, one audit head each) at the daemons'
/// group size.
///
/// Each daemon serves a store of its own (a fresh schema), or, with `--shared-store`, all of
/// them serve one store together (`shared_store`, an audit chain each; docs/scaling.md). What
/// the figures show is what the server's WAL flush, CPU and locks do as daemons are added;
/// over one shared store also what the store's shared rows and locks add (the keyring's, the
/// customer rows every group locks), though each daemon's clients write customers of their own.
extension BenchScenarios {
    func daemonsRounds(_ counts: [Int]) throws -> BenchReport {
        guard let store = settings.store else { throw BenchError("--daemons needs --store postgresql://...") }
        let clients = settings.clients.first ?? 16
        var report = BenchReport()
        var config = BenchScenarios.config
        if let g = settings.maxGroupSize { config = String(config.dropLast()) + #", "max_group_size": \#(g)}"# }
        for n in counts {
            var rounds: [(run: BenchReport.Run, perDaemon: [Double], flushes: Int64?, commits: Int, ceiling: PostgresBaseline.Result, group: Int)] = []
            for round in 1...settings.rounds {
                if !settings.json { progress("\(n) daemon\(n == 1 ? "" : "s") × \(clients) clients, round \(round) of \(settings.rounds)...") }
                let scratches = try (0..<(settings.sharedStore ? 1 : n)).map { try ScratchSchema(in: store, label: "daemon\($0)") }
                defer { scratches.forEach { $0.drop() } }
                let keysScratch = try settings.keysStore.map { try ScratchSchema(in: $0, label: "keys") }
                defer { keysScratch?.drop() }
                let flushesBefore = scratches[0].walSyncs()
                var daemons: [DaemonProcess] = []
                defer { daemons.forEach { $0.stop() } }
                for i in 0..<n {
                    let state = root + "/d\(n)-\(round)-\(i)"
                    guard settings.sharedStore else {
                        daemons.append(try DaemonProcess(stateDirectory: state, config: config, store: scratches[i].uri))
                        continue
                    }
                    // One store, one master key: the others get the first daemon's dev key.
                    if i > 0 {
                        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                        try FileManager.default.copyItem(atPath: root + "/d\(n)-\(round)-0/dev-master.key", toPath: state + "/dev-master.key")
                    }
                    let shared = String(config.dropLast()) + #", "shared_store": true, "audit_chain": "bench-\#(i)"}"#
                    daemons.append(try DaemonProcess(stateDirectory: state, config: shared, store: scratches[0].uri, keysStore: keysScratch?.uri))
                }
                let before = daemons.map { writerCounters($0.socketPath) }
                let cpuBefore = daemons.map(\.cpuSeconds)
                let message: JSONValue = ["role": "agent", "text": .string(text)]
                // Every daemon's clients run in the same seconds: one load driver per daemon, started together.
                let samples = Mutex<[[String: LatencySample]]>(Array(repeating: [:], count: n))
                let failures = Mutex<[String]>([])
                let group = DispatchGroup()
                for (d, daemon) in daemons.enumerated() {
                    let requests = (0..<clients).map { c in
                        BenchScenarios.request("session.append", ["customer": .string("bench-d\(d)-c\(c)"), "session": .string("s\(c)"), "messages": [message]])
                    }
                    let socket = daemon.socketPath, seconds = settings.seconds
                    group.enter()
                    Thread.detachNewThread {
                        defer { group.leave() }
                        do {
                            let s = try LoadDriver.run(socket: socket, clients: clients, seconds: seconds, quiet: true) { client, c, _ in
                                ("session.append", requests[c].count, try BenchScenarios.exchange(client, requests[c]))
                            }
                            samples.withLock { $0[d] = s }
                        } catch {
                            failures.withLock { $0.append("daemon \(d): \(error)") }
                        }
                    }
                }
                group.wait()
                if let failure = failures.withLock({ $0.first }) { throw BenchError("--daemons \(n): \(failure)") }
                let after = daemons.map { writerCounters($0.socketPath) }
                let cpu = zip(daemons, cpuBefore).map { $0.cpuSeconds - $1 }.reduce(0, +)
                let peakRSS = daemons.map(\.peakRSS).max()
                daemons.forEach { $0.stop() }
                daemons = []
                Thread.sleep(forTimeInterval: 1.1)  // the daemons' backends have exited and reported their WAL counts
                let flushes = flushesBefore.flatMap { b in scratches[0].walSyncs().map { $0 - b } }
                let all = samples.withLock { $0 }
                var merged: [String: LatencySample] = [:]
                for s in all { merged.merge(s) { a, b in var m = a; m.merge(b); return m } }
                var run = BenchReport.Run(title: "append \(settings.chunkBytes)-byte messages across \(n) daemon\(n == 1 ? "" : "s")"
                                            + (settings.sharedStore ? " sharing one store" : "")
                                            + (settings.keysStore != nil ? " (keyring in another database)" : ""),
                                          clients: n * clients, seconds: settings.seconds, samples: merged)
                run.daemonCPU = cpu
                run.daemonPeakRSS = peakRSS
                let writes = zip(before, after).map { $1.writes - $0.writes }.reduce(0, +)
                let commits = zip(before, after).map { $1.commits - $0.commits }.reduce(0, +)
                if commits > 0 { run.averageGroup = Double(writes) / Double(commits) }
                let groupSize = max(1, Int((run.averageGroup ?? 1).rounded()))
                if !settings.json { progress("  raw libpq: \(n) writer\(n == 1 ? "" : "s"), \(groupSize)-append groups...") }
                let ceiling = try PostgresBaseline.run(uri: store, grouping: .writers(count: n, group: groupSize, sharedHead: false), statements: .one,
                                                       clients: n * groupSize, commitDelayMicroseconds: 0, rowBytes: settings.chunkBytes + 120,
                                                       seconds: settings.seconds)
                rounds.append((run, all.map { Double($0["session.append"]?.count ?? 0) / settings.seconds }, flushes, commits, ceiling, groupSize))
            }
            report.runs.append(merged(daemons: n, rounds))
        }
        return report
    }

    /// One daemon count's rounds as one run: latencies pooled, rates over all its seconds,
    /// the ceiling and the ratio as the median of the rounds.
    private func merged(daemons n: Int, _ rounds: [(run: BenchReport.Run, perDaemon: [Double], flushes: Int64?, commits: Int,
                                                  ceiling: PostgresBaseline.Result, group: Int)]) -> BenchReport.Run {
        var samples: [String: LatencySample] = [:]
        for r in rounds { samples.merge(r.run.samples) { a, b in var m = a; m.merge(b); return m } }
        var run = BenchReport.Run(title: rounds[0].run.title, clients: rounds[0].run.clients, seconds: rounds.map(\.run.seconds).reduce(0, +),
                                  samples: samples)
        run.daemonCPU = rounds.compactMap(\.run.daemonCPU).reduce(0, +)
        run.daemonPeakRSS = rounds.compactMap(\.run.daemonPeakRSS).max()
        let groups = rounds.compactMap(\.run.averageGroup)
        run.averageGroup = groups.isEmpty ? nil : groups.reduce(0, +) / Double(groups.count)
        func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
        let note = rounds.count > 1 ? " (median of \(rounds.count) rounds)" : ""
        run.extra.append(("appends/s per daemon", rounds.map { $0.perDaemon.map { String(format: "%.0f", $0) }.joined(separator: " ") }
            .joined(separator: "; ")))
        let flushes = rounds.compactMap(\.flushes).reduce(0, +), commits = rounds.map(\.commits).reduce(0, +)
        if rounds.allSatisfy({ $0.flushes != nil }) {
            run.extra.append(("WAL flushes per group commit", String(format: "%.2f (%lld flushes, %d commits of all daemons, start-up included)",
                                                                  Double(flushes) / Double(max(commits, 1)), flushes, commits)))
        }
        let ceilings = rounds.map(\.ceiling.appendsPerSecond)
        run.extra.append(("baseline", String(format: "raw libpq, %d writer connection%@ (one per daemon), %@-append groups in one round trip, "
                                                + "one audit head per writer: %.0f appends/s%@", n, n == 1 ? "" : "s",
                                             Set(rounds.map(\.group)).map(String.init).sorted().joined(separator: "/"), median(ceilings), note)))
        let ratios = rounds.map { r in Double(r.run.samples["session.append"]?.count ?? 0) / r.run.seconds / max(r.ceiling.appendsPerSecond, 1) }
        run.extra.append(("daemons/baseline", String(format: "%.2f", median(ratios))))
        if rounds.count > 1 { run.extra.append(("daemons/baseline by round", ratios.map { String(format: "%.2f", $0) }.joined(separator: " "))) }
        return run
    }
}
