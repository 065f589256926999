import ConfideClient
import ConfideCore
import ConfideJSON
import ConfideServer
import Foundation
import Synchronization

/// `confide backup` (online, through the daemon) and `confide restore` (offline, into a
/// stopped daemon's state folder).
enum BackupCommands {
    static var commands: [Command] {
        [
            Command(name: "backup", abstract: "Copy keys.db and/or data.db consistently while the daemon serves, with a manifest (admin).",
                    options: [.init(name: "--to", value: "DIR", help: "New folder for the copies (created 0700 by the daemon; must not exist)", use: .required),
                              .init(name: "--keys", value: nil, help: "Copy keys.db only", use: .oneOf("files", required: false)),
                              .init(name: "--data", value: nil, help: "Copy data.db only", use: .oneOf("files", required: false))] + ClientCommands.connection,
                    example: "confide backup --to /var/backups/confide/$(date +%F)", run: backup),
            Command(name: "restore", abstract: "Put a `confide backup` folder into a stopped daemon's state folder, after checking it.",
                    options: [.init(name: "--from", value: "DIR", help: "The backup folder (with manifest.json)", use: .required), AdminCommands.stateDir.required,
                              .init(name: "--erasure-ledger", value: "FILE",
                                    help: "The erasure ledger (erasure_ledger_path): erasures after the backup are re-applied at once"),
                              .init(name: "--key-file", value: "FILE", help: "With --erasure-ledger: the master key file, to re-apply the ledger now",
                                    use: .oneOf("master key", required: true, with: "--erasure-ledger")),
                              .init(name: "--passphrase-file", value: "FILE", help: "With --erasure-ledger: the master key passphrase file, instead of --key-file",
                                    use: .oneOf("master key", required: true, with: "--erasure-ledger"))],
                    example: "confide restore --from /var/backups/confide/2026-11-24 --state-dir /var/lib/confide --key-file /etc/confide/master.key --erasure-ledger /var/lib/confide-ledger/erasures.jsonl",
                    run: restore),
        ]
    }

    static func backup(_ a: ParsedArguments) throws -> Int32 {
        var to = try a.required("--to")
        if !to.hasPrefix("/") { to = FileManager.default.currentDirectoryPath + "/" + to }
        to = (to as NSString).standardizingPath
        if a.flag("--keys") { try a.refuse(["--data"], because: "cannot be combined with --keys: give neither to copy both") }
        var p: JSONObject = ["to": .string(to)]
        if a.flag("--keys") { p["data"] = false }
        if a.flag("--data") { p["keys"] = false }
        let client = try ClientCommands.client(a)
        let watcher = isatty(2) != 0 ? CopyWatcher(folder: to) : nil
        let reply = try client.reply("system.backup", p)
        watcher?.stop()
        switch reply {
        case .success(let manifest):
            printLine(JSONWriter.string(manifest))
            let files = (manifest["files"]?.objectValue?.members ?? []).map { "\($0.0) (\($0.1["bytes"]?.intValue ?? 0) bytes)" }
            note("backed up \(files.joined(separator: ", ")) to \(to), checksums in manifest.json"
                + (manifest["audit"]?["seq"]?.intValue.map { "; audit chain up to seq \($0)" } ?? "")
                + "; opens with the master key of fingerprint \(manifest["master_fingerprint"]?.stringValue ?? "?").")
            return 0
        case .failure(let e):
            note("confide: error \(e.code): \(e.message)")
            return 1
        }
    }

    static func restore(_ a: ParsedArguments) throws -> Int32 {
        let from = try a.required("--from")
        let state = StateDirectory(path: try a.required("--state-dir"))
        umask(0o077)
        let source: MasterKeySource?
        if let f = a.value("--key-file") { source = .keyFile(path: f) }
        else if let f = a.value("--passphrase-file") { source = .passphraseFile(path: f) }
        else { source = nil }
        if let source {
            // The key must open what will be in place, checked before anything is replaced:
            // the backup's keys.db (on a scratch copy, so the backup is not touched), else the
            // state folder's own.
            let scratch = NSTemporaryDirectory() + "confide-restore-check-\(getpid())"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            var keys = state.keysPath
            if FileManager.default.fileExists(atPath: from + "/keys.db") {
                try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                keys = scratch + "/keys.db"
                try FileManager.default.copyItem(atPath: from + "/keys.db", toPath: keys)
            }
            do { _ = try Keyring(path: keys, source: source) } catch {
                throw CommandFailure("the given master key cannot be used with the keys.db to be restored (\(error)); nothing was restored")
            }
        }
        let outcome = try BackupRestore.restore(from: from, into: state)
        let m = outcome.manifest
        note("checked \(from)/manifest.json (taken \(m.createdAt)): sizes and BLAKE2b-256 checksums of \(outcome.restored.joined(separator: ", ")) match")
        if let r = outcome.audit {
            note("checked the audit chain of data.db: ok, \(r.entries) entries, \(r.checkpoints) signed checkpoints, head \(r.head)")
        }
        note("restored \(outcome.restored.joined(separator: " and ")) into \(state.path) (their old -wal/-shm files removed first)")
        var reapplied: [String] = []
        if let ledger = a.value("--erasure-ledger") {
            guard let source else { throw UsageError("--erasure-ledger needs the master key: give --key-file or --passphrase-file") }
            // Opening the store re-applies the ledger (what the daemon does at every start).
            var options = TranscriptStore.Options()
            options.runsScheduler = false
            options.erasureLedgerPath = ledger
            let store = try TranscriptStore(state: state, masterKey: source, options: options)
            reapplied = store.startupWarnings.filter { $0.contains("re-applied") }
            store.close()
            note(reapplied.isEmpty ? "erasure ledger \(ledger): no erasure to re-apply" : "erasure ledger \(ledger): " + reapplied.joined(separator: "; "))
        } else {
            if a.value("--key-file") != nil || a.value("--passphrase-file") != nil {
                throw UsageError("--key-file and --passphrase-file go with --erasure-ledger")
            }
            note("the erasure ledger is re-applied when the daemon starts, before it serves (or now: --key-file and --erasure-ledger)")
        }
        note("start the daemon with the master key of fingerprint \(m.masterFingerprint); then run `confide audit verify`")
        var out: JSONObject = ["restored": .array(outcome.restored.map { .string($0) }), "state_dir": .string(state.path), "from": .string(from),
                               "created_at": .string(m.createdAt), "master_fingerprint": .string(m.masterFingerprint)]
        if let r = outcome.audit { out["audit"] = r.json }
        out["erasures_reapplied"] = .int(reapplied.count)
        printLine(JSONWriter.string(.object(out)))
        return 0
    }
}

/// Shows on a terminal how much of each copy the daemon has written so far, by watching
/// the files grow in the backup folder (the daemon's call gives no progress of its own).
final class CopyWatcher: Sendable {
    private let stopped = Mutex(false)
    private let done = DispatchSemaphore(value: 0)

    init(folder: String) {
        DispatchQueue.global().async { [self] in
            let progress = ProgressLine()
            while !stopped.withLock({ $0 }) {
                let sizes = ["data.db", "keys.db"].compactMap { name -> String? in
                    var st = stat()
                    guard stat(folder + "/" + name, &st) == 0 else { return nil }
                    return "\(name) \(String(format: "%.1f", Double(st.st_size) / 1_048_576)) MiB"
                }
                if !sizes.isEmpty { progress.update("backup: \(sizes.joined(separator: ", ")) copied") }
                usleep(200_000)
            }
            progress.finish("backup: done")
            done.signal()
        }
    }

    /// Stops watching and ends the progress line.
    func stop() {
        stopped.withLock { $0 = true }
        done.wait()
    }
}
