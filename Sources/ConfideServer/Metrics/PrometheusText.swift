import ConfideCore
import ConfideJSON
import Foundation

/// Turns a `system.stats` result into the Prometheus text exposition format (version
/// 0.0.4), the one owner of metric names: `confide metrics` prints it, and the daemon
/// writes it to `metrics_textfile` for node_exporter's textfile collector. Names follow
/// Prometheus conventions: `confide_` prefix, base units (seconds, bytes), `_total` for
/// counters, histograms as `_bucket{le}`/`_sum`/`_count`. Every name and label is listed
/// in docs/operations.md#metrics; no label carries a customer, session or free text.
public enum PrometheusText {
    /// The exposition text for `stats` (the `result` of `system.stats`).
    public static func render(_ stats: JSONValue) -> String {
        var out = Output()
        let methods = (stats["methods"]?.objectValue?.members ?? []).sorted { $0.0 < $1.0 }

        out.family("confide_requests_total", .counter, "Requests answered, by method (failed ones included).")
        for (name, m) in methods { out.sample("confide_requests_total", ["method": name], m["calls"]) }
        out.family("confide_request_errors_total", .counter, "Requests answered with an error, by method and JSON-RPC error code.")
        for (name, m) in methods {
            for (code, n) in (m["errors_by_code"]?.objectValue?.members ?? []).sorted(by: { $0.0 < $1.0 }) {
                out.sample("confide_request_errors_total", ["method": name, "code": code], n)
            }
        }
        out.family("confide_request_duration_seconds", .histogram, "Time from a request's parsed line to its reply, by method.")
        for (name, m) in methods { out.histogram("confide_request_duration_seconds", ["method": name], m["latency_seconds"]) }

        let connections = stats["connections"]
        out.gauge("confide_connections_open", "Open client connections.", connections?["open"])
        out.counter("confide_connections_total", "Client connections accepted.", connections?["total"])
        out.counter("confide_connections_refused_total", "Connections refused at accept (max_connections or max_unmapped_connections).",
                    connections?["refused"])
        out.family("confide_unmapped_refusals_total", .counter, "Requests refused to peers that hold no role, by uid (past 1024 uids: uid=\"other\").")
        for (uid, n) in (stats["unmapped_refusals"]?.objectValue?.members ?? []).sorted(by: { $0.0 < $1.0 }) {
            out.sample("confide_unmapped_refusals_total", ["uid": uid], n)
        }
        out.counter("confide_received_bytes_total", "Request bytes read from clients.", stats["bytes"]?["in"])
        out.counter("confide_sent_bytes_total", "Reply bytes written to clients.", stats["bytes"]?["out"])

        let writer = stats["writer"]
        out.counter("confide_writer_commits_total", "data.db group commits.", writer?["commits"])
        out.counter("confide_writer_writes_total", "Writes committed (all groups).", writer?["writes"])
        out.counter("confide_writer_wal_catch_ups_total", "WAL checkpoints the writer ran itself to keep the WAL near 32 MiB.",
                    writer?["wal_catch_ups"])
        out.counter("confide_writer_keyring_guard_lost_total",
                    "Committed groups whose keyring guard lapsed before it was confirmed (shared_store, keyring in another database).",
                    writer?["keyring_guard_lost"])
        out.family("confide_writer_group_size", .histogram, "Writes per data.db group commit.")
        out.histogram("confide_writer_group_size", [:], writer?["group_size"])
        out.family("confide_writer_commit_duration_seconds", .histogram,
                   "Time in each data.db COMMIT: writing the WAL and the fsync that makes the group durable.")
        out.histogram("confide_writer_commit_duration_seconds", [:], writer?["commit_seconds"])

        let store = stats["store"]
        out.counter("confide_audit_entries_total", "Audit entries written (the seq of the newest; pruned ones included).", store?["audit_seq"])
        out.gauge("confide_customers", "Customers with keys (not erased).", store?["customers"])
        out.gauge("confide_legal_holds", "Customers under legal hold.", store?["holds"])
        out.gauge("confide_erased_customers", "Erased customers whose receipt is stored.", store?["erasures"])
        out.gauge("confide_retention_backlog_sessions", "Sessions past their expires_at still stored (retention not yet run, or held).",
                  store?["retention_backlog"])

        let keys = stats["keys"]
        out.gauge("confide_kek_age_seconds", "Age of the active key-encryption key.", keys?["active_kek_age_s"])
        out.gauge("confide_kek_rotation_period_seconds", "kek_rotation_days, in seconds: the active KEK is rotated past this age.",
                  keys?["kek_rotation_days"]?.doubleValue.map { .number(format($0 * 86_400)) })
        out.gauge("confide_rewrap_pending_deks", "Customer keys still wrapped by a retired KEK version (re-wrap pending).", keys?["rewrap_pending"])

        let jobs = (stats["jobs"]?.objectValue?.members ?? []).sorted { $0.0 < $1.0 }
        out.family("confide_job_runs_total", .counter, "Background job runs, by job.")
        for (job, j) in jobs { out.sample("confide_job_runs_total", ["job": job], j["runs"]) }
        out.family("confide_job_last_success", .gauge, "1 when the job's last run succeeded (or it has not run yet), else 0.")
        for (job, j) in jobs {
            let ok = j["last_outcome"]?.stringValue.map { $0 == "ok" || $0 == "never run" || $0 == "never" } ?? true
            out.sample("confide_job_last_success", ["job": job], .number(ok ? "1" : "0"))
        }
        out.family("confide_job_last_run_timestamp_seconds", .gauge, "When the job last ran (Unix time).")
        for (job, j) in jobs {
            if let t = j["last_run_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) {
                out.sample("confide_job_last_run_timestamp_seconds", ["job": job], .number(format(Double(t.milliseconds) / 1000)))
            }
        }
        out.gauge("confide_scheduler_leader", "1 when this daemon runs the background jobs (it holds the scheduler's lead), else 0.",
                  stats["scheduler"]?["leads"].map { .number($0 == .bool(true) ? "1" : "0") })
        out.gauge("confide_uptime_seconds", "Seconds since the daemon started.", stats["uptime_s"])
        return out.text
    }

    enum Kind: String { case counter, gauge, histogram }

    /// Formats a sample value or bound as Prometheus reads it (Go's ParseFloat).
    static func format(_ v: Double) -> String {
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v.isNaN { return "NaN" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    private struct Output {
        var text = ""

        mutating func family(_ name: String, _ kind: Kind, _ help: String) {
            text += "# HELP \(name) \(help.replacingOccurrences(of: "\\", with: "\\\\"))\n# TYPE \(name) \(kind.rawValue)\n"
        }

        mutating func counter(_ name: String, _ help: String, _ value: JSONValue?) { single(name, .counter, help, value) }
        mutating func gauge(_ name: String, _ help: String, _ value: JSONValue?) { single(name, .gauge, help, value) }

        /// A family of one unlabelled sample; left out when the figure is missing.
        mutating func single(_ name: String, _ kind: Kind, _ help: String, _ value: JSONValue?) {
            guard value?.doubleValue != nil else { return }
            family(name, kind, help)
            sample(name, [:], value)
        }

        mutating func sample(_ name: String, _ labels: [String: String], _ value: JSONValue?) {
            guard let v = value?.doubleValue else { return }
            text += name + Output.labels(labels) + " " + format(v) + "\n"
        }

        /// `_bucket` lines (cumulative, ending with `+Inf`), `_sum`, `_count`.
        mutating func histogram(_ name: String, _ labels: [String: String], _ h: JSONValue?) {
            guard let h, let bounds = h["le"]?.arrayValue, let cumulative = h["cumulative"]?.arrayValue,
                  cumulative.count == bounds.count + 1 else { return }
            for (i, n) in cumulative.enumerated() {
                let le = i < bounds.count ? format(bounds[i].doubleValue ?? .infinity) : "+Inf"
                sample(name + "_bucket", labels.merging(["le": le]) { $1 }, n)
            }
            sample(name + "_sum", labels, h["sum"])
            sample(name + "_count", labels, h["count"])
        }

        /// `{a="x",b="y"}` in sorted order (`le` last), values escaped; "" without labels.
        static func labels(_ labels: [String: String]) -> String {
            guard !labels.isEmpty else { return "" }
            let ordered = labels.sorted { ($0.key == "le" ? 1 : 0, $0.key) < ($1.key == "le" ? 1 : 0, $1.key) }
            let body = ordered.map { k, v in
                k + "=\"" + v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    .replacingOccurrences(of: "\n", with: "\\n") + "\""
            }
            return "{" + body.joined(separator: ",") + "}"
        }
    }
}
