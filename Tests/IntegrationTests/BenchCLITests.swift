import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// `confide bench` against a real daemon it starts itself: short runs (the debug build's
/// figures mean nothing; these check what is reported, never how fast).
final class BenchCLITests: XCTestCase {
    private func bench(_ arguments: [String], timeout: Double = 120) throws -> ProgramResult {
        try runProgram([try DaemonHarness.binaryPath(), "bench"] + arguments, timeout: timeout)
    }

    private func json(_ r: ProgramResult) throws -> JSONValue {
        XCTAssertEqual(r.status, 0, "\(r)")
        return try JSONParser.parse(r.stdout)
    }

    /// Two rounds of appends from 1 and then 2 clients, each run with its raw-SQLite ceiling:
    /// every client count reports its rate, latencies, errors, the daemon's RSS, CPU and group
    /// size over both rounds, and the ratios as a median and round by round.
    func testAppendRunsReportRatesResourcesAndABaselinePerClientCount() throws {
        let report = try json(try bench(["--scenario", "append", "--clients", "1,2", "--seconds", "1", "--chunk-bytes", "256",
                                         "--baseline", "--rounds", "2", "--json"]))
        let runs = report["runs"]?.arrayValue ?? []
        XCTAssertEqual(runs.map { $0["clients"]?.intValue }, [1, 2], "\(report)")
        for run in runs {
            XCTAssertEqual(run["seconds"]?.doubleValue, 2, "two rounds of one second: \(run)")
            for key in ["daemon/baseline by round", "daemon/chunk-only baseline by round"] {
                let rounds = run[key]?.stringValue?.split(separator: " ").compactMap { Double($0) } ?? []
                XCTAssertEqual(rounds.count, 2, "\(key): \(run)")
                XCTAssertTrue(rounds.allSatisfy { $0 > 0 }, "\(key): \(run)")
            }
            let append = run["methods"]?["session.append"]
            XCTAssertGreaterThan(append?["requests_per_s"]?.doubleValue ?? 0, 0, "\(run)")
            XCTAssertEqual(append?["errors"]?.intValue, 0, "\(run)")
            let p50 = append?["p50_ms"]?.doubleValue ?? -1, p99 = append?["p99_ms"]?.doubleValue ?? -1
            XCTAssertTrue(p50 > 0 && p50 <= p99 && p99 <= (append?["max_ms"]?.doubleValue ?? -1), "\(run)")
            XCTAssertGreaterThan(run["daemon_peak_rss_bytes"]?.intValue ?? 0, 1 << 20, "\(run)")
            XCTAssertGreaterThan(run["daemon_cpu_s"]?.doubleValue ?? 0, 0, "\(run)")
            XCTAssertGreaterThanOrEqual(run["average_group"]?.doubleValue ?? 0, 1, "\(run)")
            XCTAssertTrue(run["baseline"]?.stringValue?.contains("raw durable SQLite") ?? false, "\(run)")
            XCTAssertTrue(run["chunk-only baseline"]?.stringValue?.contains("chunk rows only") ?? false, "\(run)")
            for key in ["daemon/baseline", "daemon/chunk-only baseline"] {
                XCTAssertGreaterThan(run[key]?.stringValue.flatMap(Double.init) ?? 0, 0, "\(key): \(run)")
            }
        }
        XCTAssertTrue(report["scaling vs 1 client"]?.stringValue?.hasPrefix("2 clients ") ?? false, "\(report)")
        XCTAssertEqual(report["scaling vs 1 client by round"]?.stringValue?.split(separator: " ").filter { $0.hasSuffix("x") }.count, 2, "\(report)")
    }

    /// `--store`: the daemon serves from a fresh schema of the test cluster, followed by its
    /// raw-libpq ceilings at the run's group size; the report has the append rate with no
    /// errors (every append acknowledged, so committed), the group size, the WAL flushes per
    /// commit and both ratios; the schemas are dropped afterwards.
    func testAppendOnPostgreSQLReportsTheDaemonBesideRawLibpq() throws {
        guard let uri = PostgresTestStore.ownerURI else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        let report = try json(try bench(["--scenario", "append", "--store", uri, "--clients", "2", "--seconds", "1",
                                         "--chunk-bytes", "256", "--baseline", "--json"]))
        let run = try XCTUnwrap(report["runs"]?.arrayValue?.first, "\(report)")
        XCTAssertEqual(run["clients"]?.intValue, 2, "\(report)")
        let append = run["methods"]?["session.append"]
        XCTAssertGreaterThan(append?["requests_per_s"]?.doubleValue ?? 0, 0, "\(run)")
        XCTAssertEqual(append?["errors"]?.intValue, 0, "\(run)")
        XCTAssertGreaterThanOrEqual(run["average_group"]?.doubleValue ?? 0, 1, "\(run)")
        XCTAssertGreaterThan(run["daemon_cpu_s"]?.doubleValue ?? 0, 0, "\(run)")
        XCTAssertTrue(run["baseline"]?.stringValue?.contains("raw libpq") ?? false, "\(run)")
        XCTAssertTrue(run["pipelined baseline"]?.stringValue?.contains("pipeline mode") ?? false, "\(run)")
        for key in ["daemon/baseline", "daemon/pipelined baseline"] {
            XCTAssertGreaterThan(run[key]?.stringValue.flatMap(Double.init) ?? 0, 0, "\(key): \(run)")
        }
        XCTAssertNil(run["chunk-only baseline"], "SQLite's ceiling on a PostgreSQL run: \(run)")
        let flushes = run["WAL flushes per group commit"]?.stringValue ?? ""
        XCTAssertGreaterThan(Double(flushes.split(separator: " ").first ?? "") ?? 0, 0, "\(run)")
        let left = try runProgram(["/usr/bin/env", "psql", "-XAt", "-d", uri, "-c", "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'confide\\_bench\\_%'"])
        XCTAssertEqual(left.status, 0, "psql: \(left)")
        XCTAssertEqual(left.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0", "the bench left its schemas behind")
    }

    /// The audit-chain scenario (raw libpq, no daemon) measures both audit heads for each
    /// writer count; each run's rows are checked (every append in a chunk, an audit entry and
    /// its head's count) before its figure counts, and its schema is dropped.
    func testAuditChainScenarioMeasuresOneSharedHeadAgainstOneHeadPerWriter() throws {
        guard let uri = PostgresTestStore.ownerURI else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        let r = try bench(["--scenario", "audit-chain", "--store", uri, "--writers", "1,3", "--group", "2", "--seconds", "0.5",
                           "--chunk-bytes", "64", "--json"])
        XCTAssertEqual(r.status, 0, "\(r)")
        let report = try json(r)
        for writers in ["1 writer connection", "3 writer connections"] {
            for head in ["one audit head for all (row-locked to COMMIT)", "one audit head per writer"] {
                let key = "\(writers), 2-append groups in one round trip, \(head)"
                let figure = try XCTUnwrap(report[key]?.stringValue, "\(key) missing: \(report)")
                XCTAssertGreaterThan(Double(figure.split(separator: " ").first ?? "") ?? 0, 0, "\(key): \(figure)")
            }
        }
        let left = try runProgram(["/usr/bin/env", "psql", "-XAt", "-d", uri, "-c", "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'confide\\_bench\\_%'"])
        XCTAssertEqual(left.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0", "the bench left its schemas behind")
    }

    /// `--daemons 1,2`: one run per daemon count, every daemon's clients served without an
    /// error, per-daemon rates, the raw writers' ceiling and the ratio; no schema left behind.
    func testDaemonsScenarioRunsSeveralDaemonsOnOneServerBesideRawWriters() throws {
        guard let uri = PostgresTestStore.ownerURI else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        let r = try bench(["--scenario", "append", "--store", uri, "--daemons", "1,2", "--clients", "2", "--seconds", "0.5",
                           "--chunk-bytes", "64", "--json"])
        XCTAssertEqual(r.status, 0, "\(r)")
        let runs = try XCTUnwrap(try json(r)["runs"]?.arrayValue)
        XCTAssertEqual(runs.map { $0["title"]?.stringValue }, ["append 64-byte messages across 1 daemon", "append 64-byte messages across 2 daemons"])
        for (n, run) in zip([1, 2], runs) {
            XCTAssertEqual(run["clients"]?.intValue, 2 * n)
            XCTAssertGreaterThan(run["methods"]?["session.append"]?["requests_per_s"]?.doubleValue ?? 0, 0, "\(run)")
            XCTAssertEqual(run["methods"]?["session.append"]?["errors"]?.intValue, 0, "\(run)")
            let perDaemon = try XCTUnwrap(run["appends/s per daemon"]?.stringValue).split(separator: " ").compactMap { Double($0) }
            XCTAssertEqual(perDaemon.count, n, "one rate per daemon: \(run)")
            XCTAssertTrue(perDaemon.allSatisfy { $0 > 0 }, "every daemon served: \(run)")
            XCTAssertTrue(run["baseline"]?.stringValue?.contains("\(n) writer connection") == true, "\(run)")
            XCTAssertGreaterThan(Double(run["daemons/baseline"]?.stringValue ?? "") ?? 0, 0, "\(run)")
        }
        let left = try runProgram(["/usr/bin/env", "psql", "-XAt", "-d", uri, "-c", "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'confide\\_bench\\_%'"])
        XCTAssertEqual(left.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0", "the bench left its schemas behind")
        let misuse = try bench(["--scenario", "get", "--store", uri, "--daemons", "2"])
        XCTAssertEqual(misuse.status, 2, "\(misuse)")
        XCTAssertTrue(misuse.stderr.contains("--daemons applies to --scenario append"), misuse.stderr)
    }

    /// The mixed scenario preloads sessions and then reads and writes them: both methods
    /// succeed, none fails.
    func testMixedScenarioReadsWhatItPreloaded() throws {
        let report = try json(try bench(["--scenario", "mixed", "--clients", "2", "--seconds", "1", "--preload", "200",
                                         "--chunk-bytes", "128", "--mix", "50:50:0", "--json"]))
        let methods = report["runs"]?.arrayValue?.first?["methods"]
        for method in ["session.append", "session.get"] {
            XCTAssertGreaterThan(methods?[method]?["requests_per_s"]?.doubleValue ?? 0, 0, "\(method): \(report)")
            XCTAssertEqual(methods?[method]?["errors"]?.intValue, 0, "\(method): \(report)")
        }
    }

    /// The flush probe reports the disk's fdatasync percentiles.
    func testFlushScenarioReportsPercentiles() throws {
        let r = try bench(["--scenario", "flush"])
        XCTAssertEqual(r.status, 0, "\(r)")
        XCTAssertTrue(r.stdout.contains("fdatasync") && r.stdout.contains("p99"), "\(r)")
    }

    /// The JSON scenario (in-process, no daemon) reports parse and write costs of a request
    /// line of the asked size: the figures the old timing-only unit test printed.
    func testJSONScenarioReportsParseAndWriteCostPerCall() throws {
        let report = try json(try bench(["--scenario", "json", "--seconds", "0.4", "--chunk-bytes", "512", "--json"]))
        for key in ["json parse", "json write"] {
            let figure = report[key]?.stringValue ?? ""
            XCTAssertTrue(figure.contains("µs per call") && figure.contains("MB/s"), "\(key): \(report)")
            XCTAssertGreaterThan(Double(figure.split(separator: " ").first ?? "") ?? 0, 0, "\(key): \(report)")
        }
        XCTAssertTrue(report["json parse"]?.stringValue?.contains("-byte session.append request line") ?? false, "\(report)")
    }

    /// Ctrl-C (SIGINT) in the middle of a run stops the daemon the bench started and removes
    /// its temporary folder before the bench exits with 130: nothing is left running.
    func testAnInterruptedRunStopsItsDaemonAndRemovesItsFolder() throws {
        let bench = Process()
        bench.executableURL = URL(fileURLWithPath: try DaemonHarness.binaryPath())
        bench.arguments = ["bench", "--scenario", "append", "--clients", "1", "--seconds", "60", "--json"]
        bench.standardOutput = FileHandle.nullDevice
        bench.standardError = FileHandle.nullDevice
        try bench.run()
        defer { if bench.isRunning { bench.terminate(); bench.waitUntilExit() } }
        let folder = NSTemporaryDirectory() + "confide-bench-\(bench.processIdentifier)"
        // Its daemon: the child process whose parent is the bench, once it answers (its socket exists).
        var daemon: Int32?
        let deadline = Date().addingTimeInterval(60)
        while daemon == nil && Date() < deadline && bench.isRunning {
            daemon = Self.children(of: bench.processIdentifier).first
            if daemon != nil && !FileManager.default.fileExists(atPath: folder + "/run-1-1/confide.sock") { daemon = nil }
            if daemon == nil { usleep(50_000) }
        }
        let pid = try XCTUnwrap(daemon, "the bench started no daemon")
        usleep(500_000)  // under load
        kill(bench.processIdentifier, SIGINT)
        let exited = Date().addingTimeInterval(30)
        while bench.isRunning && Date() < exited { usleep(50_000) }
        XCTAssertFalse(bench.isRunning, "the bench did not end on SIGINT")
        bench.waitUntilExit()
        XCTAssertEqual(bench.terminationStatus, 130)
        let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        XCTAssertTrue(stat == nil || stat!.contains(") Z"), "the daemon \(pid) still runs: \(stat ?? "")")
        if stat != nil { kill(pid, SIGKILL) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "\(folder) is left behind")
    }

    /// Live child processes of `parent`, from /proc.
    private static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && fields[0] != "Z" && Int32(fields[2]) == parent
        }
    }

    /// Bad flags are usage errors naming the flag, before any daemon starts.
    func testBadFlagsAreUsageErrors() throws {
        for (arguments, word) in [(["--scenario", "nope"], "--scenario"), (["--clients", "0"], "--clients"),
                                  (["--seconds", "-1"], "--seconds"), (["--mix", "1:2"], "--mix"),
                                  (["--rounds", "0"], "--rounds"), (["--scenario", "get", "--rounds", "2"], "--rounds"),
                                  (["--scenario", "postgresql-baseline"], "--store"), (["--scenario", "rewrap", "--store", "postgresql:///x"], "--store"),
                                  (["--store", "/var/lib/confide"], "--store"), (["--store", "postgresql:///x", "--socket", "/tmp/x.sock"], "--socket"),
                                  (["--group", "4"], "--group"), (["--scenario", "get", "--baseline"], "--baseline"),
                                  (["--scenario", "audit-chain"], "--store"), (["--writers", "2"], "--writers"),
                                  (["--scenario", "audit-chain", "--store", "postgresql:///x", "--group", "1,2"], "--group"),
                                  (["--max-group-size", "0"], "--max-group-size"), (["--scenario", "redact", "--max-group-size", "4"], "--max-group-size")] {
            let r = try bench(arguments, timeout: 20)
            XCTAssertEqual(r.status, 2, "\(arguments): \(r)")
            XCTAssertTrue(r.stderr.contains(word), "\(arguments): \(r)")
        }
    }
}
