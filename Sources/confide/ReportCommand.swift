import ConfideCore
import ConfideJSON
import ConfidePostgresStore
import ConfideServer
import ConfideSystem
import Foundation

/// `confide report`: the privacy report for auditors, read offline from a state folder (or
/// a `confide backup` folder) with no master key, so no transcript can be opened. The
/// figures come from `PrivacyReport` (ConfideCore); this file only reads the arguments
/// and prints them as text, JSON or one HTML page (`ReportPage`).
enum ReportCommand {
    static let command = Command(
        name: "report", abstract: "Privacy report for auditors: erasures, holds, key ages, retention, reads, refusals, audit chain (offline).",
        options: [
            .init(name: "--state-dir", value: "DIR", help: "State folder or `confide backup` folder (keys.db, data.db); read only, no master key",
                  use: .oneOf("store", required: true)),
            .init(name: "--store", value: "URI", help: "Or a store in PostgreSQL (postgresql://…, as given to `serve --store`); read only",
                  use: .oneOf("store", required: true)),
            .init(name: "--keys-store", value: "URI", help: "With --store: the keyring's database when it is another (`serve --keys-store`)",
                  use: .with("--store")),
            .init(name: "--config", value: "FILE", help: "The daemon's configuration, for kek_rotation_days and dek_rotation_days (default 30 and 90)"),
            .init(name: "--since", value: "DATE", help: "Count audited activity and erasures from DATE (YYYY-MM-DD or RFC 3339, UTC); default: all"),
            .init(name: "--json", value: nil, help: "Print the report as one JSON object", use: .oneOf("output", required: false)),
            .init(name: "--html", value: "FILE", help: "Write the report as one self-contained HTML page (mode 0600)", use: .oneOf("output", required: false)),
        ],
        example: "confide report --state-dir /var/lib/confide --config /etc/confide/config.json --since 2026-01-01 --html report.html",
        run: run)

    static func run(_ a: ParsedArguments) throws -> Int32 {
        if a.flag("--json") { try a.refuse(["--html"], because: "cannot be combined with --json: give one output") }
        let since = try a.value("--since").map(parseDate)
        var policy = PrivacyReport.Policy()
        if let path = a.value("--config") {
            let store = try ServerConfiguration.load(path: path).store
            policy = PrivacyReport.Policy(kekRotationDays: store.kekRotationDays, dekRotationDays: store.dekRotationDays)
        }
        var report: JSONObject
        if let uri = a.value("--store") {
            try a.refuse(["--state-dir"], because: "cannot be combined with --store: give one store")
            if let problem = ServerConfiguration.storeURIProblem(uri) { throw UsageError("--store \(problem)") }
            let engine = PostgresEngine(keysURI: a.value("--keys-store") ?? uri, dataURI: uri)
            report = try PrivacyReport.build(engine: engine, policy: policy, since: since, now: Timestamp.now()).json
            report["state_dir"] = .string(engine.dataName)
        } else {
            guard let path = a.value("--state-dir") else { throw UsageError("give --state-dir DIR or --store URI") }
            let folder = StateDirectory(path: path)
            for path in [folder.keysPath, folder.dataPath] where !FileManager.default.fileExists(atPath: path) {
                throw CommandFailure("\(path) does not exist: --state-dir must name a state folder or a `confide backup` folder")
            }
            // A `confide backup` folder: its files must be the ones its manifest describes.
            if FileManager.default.fileExists(atPath: folder.path + "/" + BackupManifest.fileName) {
                try BackupManifest.load(folder: folder.path).verifyFiles(folder: folder.path, only: ["keys.db", "data.db"])
            }
            report = try PrivacyReport.build(state: folder, policy: policy, since: since, now: Timestamp.now()).json
            report["state_dir"] = .string(folder.path)
            let live = daemonHoldsLock(folder)
            report["daemon_running"] = .bool(live)
            if live && report["audit_chain"]?["ok"]?.boolValue != true {
                report["note"] = .string("a daemon is running on this folder: it signs its chain every audit_checkpoint_interval entries and at shutdown, "
                    + "so its newest entries may be unsigned yet. Run `confide audit verify` (which signs the head) just before the report, "
                    + "or report on a `confide backup` folder")
            }
        }
        if a.flag("--json") {
            printLine(JSONWriter.string(.object(report)))
        } else if let out = a.value("--html") {
            try PrivateFile.write(Array(ReportPage.html(report).utf8), to: out)
            note("wrote the report to \(out)")
        } else {
            FileHandle.standardOutput.write(Data(text(report).utf8))
        }
        return report["audit_chain"]?["ok"]?.boolValue == true ? 0 : 1
    }

    /// Whether a daemon holds the folder's lock (`confide.lock`) now, read from /proc/locks
    /// so that this check never takes the lock itself (a daemon starting meanwhile must not
    /// find it taken).
    static func daemonHoldsLock(_ folder: StateDirectory) -> Bool {
        var st = stat()
        guard stat(folder.path + "/confide.lock", &st) == 0 else { return false }
        // Lines read "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF": device major:minor (hex) and inode.
        let dev = UInt64(st.st_dev)  // glibc's encoding (the major() and minor() macros)
        let device = (((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfff), (dev & 0xff) | ((dev >> 12) & ~0xff))
        // The kernel lists /proc/locks a page per read, restarting by position, so locks taken
        // and dropped meanwhile (SQLite's, of any process) can make one reading skip a line:
        // a lock seen in any of five readings is held (one missed it about once in 20 under
        // heavy churn in the test).
        for _ in 0..<5 where procLocks().split(separator: "\n").contains(where: { line in
            guard line.contains("FLOCK") else { return false }
            return line.split(separator: " ").contains { field in
                let parts = field.split(separator: ":")
                return parts.count == 3 && UInt64(parts[0], radix: 16) == device.0 && UInt64(parts[1], radix: 16) == device.1
                    && UInt64(parts[2]) == UInt64(st.st_ino)
            }
        }) {
            return true
        }
        return false
    }

    /// The whole of /proc/locks, read to its end (a procfs file reports size 0).
    static func procLocks() -> String {
        let fd = open("/proc/locks", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = retryingOnInterrupt { chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } }
            guard n > 0 else { break }
            bytes += chunk[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `--since`: a UTC day (YYYY-MM-DD, its start) or an RFC 3339 time.
    static func parseDate(_ text: String) throws -> Timestamp {
        if let t = Timestamp(rfc3339: text) { return t }
        if text.utf8.count == 10, let t = Timestamp(rfc3339: text + "T00:00:00Z") { return t }
        throw UsageError("--since must be a date YYYY-MM-DD or an RFC 3339 time such as 2026-11-24T08:00:00Z, not \(text.debugDescription)")
    }

    /// The report for people at a terminal: one line per figure.
    static func text(_ r: JSONObject) -> String {
        func n(_ v: JSONValue?) -> String { v?.intValue.map(String.init) ?? "-" }
        func pairs(_ v: JSONValue?) -> String {
            let m = v?.objectValue?.members ?? []
            return m.isEmpty ? "none" : m.map { "\($0.0) \(n($0.1))" }.joined(separator: ", ")
        }
        let chain = r["audit_chain"], erasures = r["erasures"], keys = r["keys"], retention = r["retention"]
        let timing = erasures?["request_to_erasure_ms"]
        var s = "Confide privacy report for \(r["state_dir"]?.stringValue ?? "")\n"
        if let note = r["note"]?.stringValue { s += "note: \(note)\n" }
        s += "generated \(r["generated_at"]?.stringValue ?? ""), activity since \(r["since"]?.stringValue ?? "the oldest audit entry")\n\n"
        s += "audit chain:      " + (chain?["ok"]?.boolValue == true
            ? "ok, \(n(chain?["entries"])) entries, \(n(chain?["checkpoints"])) signed checkpoints, \(n(chain?["unsigned_tail"])) unsigned at the end"
            : "BROKEN at seq \(n(chain?["first_bad_seq"])): \(chain?["problem"]?.stringValue ?? "")") + "\n"
        s += "erasures:         \(n(erasures?["count"])) (receipts: \(n(erasures?["receipts_valid"])) signed and valid, "
            + "\(n(erasures?["receipts_pending"])) pending)"
        if let t = timing?.objectValue { s += "; request to erasure point: median \(n(t["median"])) ms, max \(n(t["max"])) ms" }
        let pending = (r["holds"]?["items"]?.arrayValue ?? []).filter { $0["release_pending"]?.boolValue == true }.count
        s += "\nlegal holds:      \(n(r["holds"]?["active"])) active"
            + (pending > 0 ? " (\(pending) with a release pending: still held until a customer.release completes it)" : "") + "\n"
        s += "keys past period: \(n(keys?["kek_past_cryptoperiod"])) KEK, \(n(keys?["dek_past_cryptoperiod"])) customer DEKs "
            + "(of \(n(keys?["customers"])) customers; KEK \(n(r["policy"]?["kek_rotation_days"])) days, DEK \(r["policy"]?["dek_rotation_days"]?.intValue.map { "\($0) days" } ?? "no limit"))\n"
        s += "retention:        \(n(retention?["past_retention"])) sessions past retention, \(n(retention?["past_retention_held"])) more kept under hold "
            + "(of \(n(retention?["sessions"])))\n"
        s += "redactions:       \(pairs(r["redactions"]?["by_type"])) in \(n(r["redactions"]?["writes"])) writes\n"
        s += "reads:            \(n(r["reads"]?["total"])); by role: \(pairs(r["reads"]?["by_role"])); by purpose: \(pairs(r["reads"]?["by_purpose"]))\n"
        s += "refused/failed:   \(n(r["refused"]?["total"])) (forbidden \(n(r["refused"]?["forbidden"])), legal hold \(n(r["refused"]?["legal_hold"]))); "
            + "by code: \(pairs(r["refused"]?["by_code"]))\n"
        return s
    }
}
