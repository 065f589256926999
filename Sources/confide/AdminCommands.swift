import ConfideClient
import ConfideCore
import ConfideCrypto
import ConfideJSON
import ConfidePostgresStore
import ConfideServer
import ConfideSystem
import Foundation

/// The admins' subcommands: `keys ...`, `audit ...`, `init`, `keygen`.
enum AdminCommands {
    static let connection = ClientCommands.connection
    /// Offline tools read a stopped (or running) store without the master key: the state
    /// files in `--state-dir`, or `--store`.
    static let stateDir = Command.Option(name: "--state-dir", value: "DIR", help: "State folder (keys.db, data.db)")
    /// The offline tools' other source: a store in PostgreSQL (`serve --store`).
    static let store = Command.Option(name: "--store", value: "URI", help: "Or a store in PostgreSQL (postgresql://…, as given to `serve --store`)")

    /// The stores an offline tool reads: `--state-dir`'s files, or `--store`'s database
    /// (`keysURI`: the keyring's, when it lives apart), opened read-only (no master key).
    static func offlineStores(_ a: ParsedArguments, keysURI: String? = nil) throws -> (keys: any KeyringRecords, data: any TranscriptRecords, name: String) {
        if let uri = a.value("--store") {
            try a.refuse(["--state-dir"], because: "cannot be combined with --store: give one store")
            if let problem = ServerConfiguration.storeURIProblem(uri) { throw UsageError("--store \(problem)") }
            let stores = try PostgresEngine(keysURI: keysURI ?? uri, dataURI: uri).openForReading()
            return (stores.keys, stores.data, PostgresEngine.redacted(uri))
        }
        guard let folder = a.value("--state-dir") else { throw UsageError("give --state-dir DIR or --store URI") }
        let state = StateDirectory(path: folder)
        let stores = try SQLiteEngine(state: state).openForReading()
        return (stores.keys, stores.data, state.path)
    }

    static var commands: [Command] {
        [
            Command(group: "keys", abstract: "Key management: status, rotate, public, rekey.",
                    example: "confide keys rotate --kek --wait", verbs: keysVerbs),
            Command(group: "audit", abstract: "Audit chain: verify, tail, export.",
                    example: "confide audit verify", verbs: auditVerbs),
            Command(name: "init", abstract: "Create a state folder and its keyring offline, and print the keys' fingerprints.",
                    options: [stateDir.required, .init(name: "--key-file", value: "FILE", help: "Master key file", use: .oneOf("master key", required: true)),
                              .init(name: "--passphrase-file", value: "FILE", help: "Passphrase file", use: .oneOf("master key", required: true))],
                    example: "confide init --state-dir /var/lib/confide --key-file /etc/confide/master.key") { a in
                let state = StateDirectory(path: try a.required("--state-dir"))
                ProcessHardening.apply()  // holds the master key: private files, no core dumps
                let store = try TranscriptStore(state: state, masterKey: try masterSource(a, prefix: ""), options: quietOptions())
                defer { store.close() }
                let out: JSONValue = ["state_dir": .string(state.path), "master_fingerprint": .string(store.masterFingerprint),
                                      "audit_public_key": .string(encodeHex(store.auditPublicKey.bytes))]
                printLine(JSONWriter.string(out))
                return 0
            },
            Command(name: "keygen", abstract: "Write a new random master key file (hex, mode 0400).",
                    options: [.init(name: "--out", value: "FILE", help: "Where to write; must not exist", use: .required)],
                    example: "confide keygen --out /etc/confide/master.key") { a in
                let path = try a.required("--out")
                var key = SecureRandom.bytes(32)
                defer { wipe(&key) }
                let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o400)
                guard fd >= 0 else { throw CommandFailure("cannot create \(path): \(String(cString: strerror(errno)))") }
                defer { close(fd) }
                let hex = Array((encodeHex(key) + "\n").utf8)
                guard hex.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == hex.count, fsync(fd) == 0 else { throw CommandFailure("cannot write \(path)") }
                note("wrote a new master key to \(path) (mode 0400). Back it up apart from the state folder: without it nothing can be read.")
                return 0
            },
        ]
    }

    static var keysVerbs: [Command] {
        [
            Command(name: "keys status", abstract: "Print the keyring's state: master fingerprint, KEK versions, re-wrap, jobs (admin).",
                    options: connection, example: "confide keys status") { a in
                try ClientCommands.call(a, "keys.status", [:])
            },
            Command(name: "keys rotate", abstract: "Rotate the KEK (re-wrapping every DEK online) or one customer's DEK (admin).",
                    options: [.init(name: "--kek", value: nil, help: "New KEK version; every DEK is re-wrapped online", use: .oneOf("target", required: true)),
                              .init(name: "--customer", value: "ID", help: "New DEK generation for this customer's new writes", use: .oneOf("target", required: true)),
                              .init(name: "--wait", value: nil, help: "With --kek: wait until the old KEK versions are destroyed, showing progress",
                                    use: .with("--kek"))] + connection,
                    example: "confide keys rotate --kek --wait", run: rotate),
            Command(name: "keys public", abstract: "Print the audit public key from a state folder's keys.db or a store's keyring (offline, no master key).",
                    options: [stateDir.used(.oneOf("store", required: true)), store.used(.oneOf("store", required: true))],
                    example: "confide keys public --state-dir /var/lib/confide") { a in
                let stores = try offlineStores(a)
                guard let key = try stores.keys.keyringAuditPublicKey() else {
                    throw CommandFailure("\(stores.name) has no keyring")
                }
                printLine(encodeHex(key))
                return 0
            },
            Command(name: "keys rekey", abstract: "Re-wrap the keyring under a new master key (offline: the daemon must be stopped).",
                    options: [stateDir.required,
                              .init(name: "--old-key-file", value: "FILE", help: "Current master key file", use: .oneOf("old key", required: true)),
                              .init(name: "--old-passphrase-file", value: "FILE", help: "Current passphrase file", use: .oneOf("old key", required: true)),
                              .init(name: "--new-key-file", value: "FILE", help: "New master key file (`confide keygen`)", use: .oneOf("new key", required: true)),
                              .init(name: "--new-passphrase-file", value: "FILE", help: "New passphrase file", use: .oneOf("new key", required: true))],
                    example: "confide keys rekey --state-dir /var/lib/confide --old-key-file /etc/confide/master.key --new-key-file /etc/confide/master.key.new",
                    run: rekey),
        ]
    }

    static var auditVerbs: [Command] {
        [
            Command(name: "audit verify", abstract: "Verify the audit chain and its signed checkpoints, through the daemon or offline.",
                    options: [.init(name: "--public-key", value: "HEX", help: "Check the signatures against this key (from `confide keys public`), not the daemon's or data.db's own"),
                              .init(name: "--offline", value: nil,
                                    help: "Read the store directly: DIR/data.db (a stopped daemon's state folder or a `confide backup` folder) or --store (no master key)"),
                              .init(name: "--state-dir", value: "DIR", help: "With --offline: the folder holding data.db",
                                    use: .oneOf("offline store", required: true, with: "--offline")),
                              store.used(.oneOf("offline store", required: true, with: "--offline"))] + connection,
                    example: "confide audit verify --offline --state-dir /var/backups/confide/2026-11-24 --public-key 3b6a…", run: verify),
            Command(name: "audit tail", abstract: "Print the newest audit entries, one JSON object per line (admin).",
                    options: [.init(name: "-n", value: "N", help: "How many entries, 1...1000 (default 20)"),
                              .init(name: "--follow", value: nil, help: "Keep printing new entries (audited once, when the follow starts)")] + connection,
                    example: "confide audit tail -n 5 --follow", run: tail),
            Command(name: "audit export", abstract: "Print a store's audit entries as JSON lines (offline, no master key).",
                    options: [stateDir.used(.oneOf("store", required: true)), store.used(.oneOf("store", required: true)),
                              .init(name: "--since", value: "SEQ", help: "Entries after SEQ (default 0)"),
                              .init(name: "--chain", value: "N", help: "Which audit chain (PostgreSQL: one per daemon; `audit verify` lists them; default 0)")],
                    example: "confide audit export --state-dir /var/lib/confide --since 1000") { a in
                let stores = try offlineStores(a)
                let chain = try a.int("--chain", in: 0...Int(Int32.max)) ?? 0
                guard try chain == 0 || stores.data.storedAuditChains().contains(chain) else {
                    throw UsageError("--chain \(chain): the store holds no audit chain \(chain) (`confide audit verify --offline` lists its chains)")
                }
                let log = stores.data.auditLog(chain: chain)
                var after = try a.int("--since", in: 0...Int.max) ?? 0
                while true {
                    let batch = try AuditVerifier.tail(log: log, limit: 1000, afterSeq: after)
                    for e in batch { printLine(JSONWriter.string(e.json)) }
                    guard let last = batch.last else { break }
                    after = last.seq
                }
                return 0
            },
        ]
    }

    /// `keys rotate`: exactly one target; `--wait` polls `keys.status` until the old KEK
    /// versions are destroyed.
    static func rotate(_ a: ParsedArguments) throws -> Int32 {
        guard a.flag("--kek") else {
            try a.refuse(["--wait"], because: "applies to --kek only (a customer rotation has nothing to wait for)")
            guard let c = a.value("--customer") else { throw UsageError("rotate needs --kek or --customer ID") }
            return try ClientCommands.call(a, "keys.rotate", ["target": "customer", "customer": .string(c)])
        }
        try a.refuse(["--customer"], because: "cannot be combined with --kek: rotate the KEK or one customer's DEK, not both")
        guard a.flag("--wait") else { return try ClientCommands.call(a, "keys.rotate", ["target": "kek"]) }
        let client = try ClientCommands.client(a)
        guard case .success(let r) = try client.reply("keys.rotate", ["target": "kek"]) else { return try ClientCommands.call(a, "keys.rotate", ["target": "kek"]) }
        printLine(JSONWriter.string(r))
        let progress = ProgressLine()
        // Done when every DEK is re-wrapped and no retiring KEK is left (destroyed).
        while true {
            guard case .success(let s) = try client.reply("keys.status"), let o = s.objectValue else {
                return try ClientCommands.call(a, "keys.status", [:])
            }
            let pending = o["rewrap_pending"]?.intValue ?? 0
            let retiring = o["kek"]?.arrayValue?.filter { $0.objectValue?["state"]?.stringValue == "retiring" }.count ?? 0
            if pending == 0 && retiring == 0 { break }
            progress.update("re-wrap: \(pending) DEKs pending, \(retiring) KEK version(s) retiring")
            usleep(250_000)
        }
        progress.finish("re-wrap: done; old KEK versions destroyed")
        return 0
    }

    /// `keys rekey`: refuses old and new keys that are the same secret (the same file, or
    /// the same bytes in another file), which would leave the "old" key working.
    static func rekey(_ a: ParsedArguments) throws -> Int32 {
        let state = StateDirectory(path: try a.required("--state-dir"))
        let old = try masterSource(a, prefix: "old-"), new = try masterSource(a, prefix: "new-")
        ProcessHardening.apply()  // holds both master keys: private files, no core dumps
        if try old.isSameSecret(as: new) {
            let flag = a.has("--new-key-file") ? "--new-key-file" : "--new-passphrase-file"
            throw UsageError("\(flag) holds the same key as the old one: a rekey to it would change nothing and the old key would keep opening keys.db. Give a new key (`confide keygen`); nothing was changed")
        }
        let lock = try state.lock(purpose: "rekeying")
        defer { close(lock) }
        try Keyring.rekey(path: state.keysPath, old: old, new: new)
        note("rekeyed \(state.keysPath): the new master key now wraps every KEK, the index key and the audit key; the old key opens nothing. Destroy the old key and old keys.db backups.")
        return 0
    }

    /// `audit verify`: online the daemon verifies (against `--public-key` when given);
    /// offline the folder's data.db is read directly. Exit 1 unless the chain is ok.
    static func verify(_ a: ParsedArguments) throws -> Int32 {
        let key = try a.value("--public-key").map(publicKey)
        guard a.flag("--offline") else {
            try a.refuse(["--state-dir", "--store"], because: "applies with --offline only (online, the daemon at --socket verifies its own chain)")
            var p: JSONObject = [:]
            if let key { p["public_key"] = .string(encodeHex(key.bytes)) }
            switch try ClientCommands.client(a).reply("audit.verify", p) {
            case .success(let report):
                printLine(JSONWriter.string(report))
                return report.objectValue?["ok"]?.boolValue == true ? 0 : 1
            case .failure(let e):
                note("confide: error \(e.code): \(e.message)")
                return 1
            }
        }
        try a.refuse(["--socket"], because: "does not apply with --offline (it reads --state-dir's data.db or --store)")
        if a.value("--store") != nil {
            let stores = try offlineStores(a)
            // Every chain the keyring registers (its anchors, unauthenticated here: no master
            // key) and every chain the data holds; with the keyring elsewhere (`keys_store`),
            // the chains the data holds.
            let registry = ((try? stores.keys.auditAnchorRows()) ?? []).map { AuditVerifier.RegisteredChain(chain: $0.anchor.chain, name: $0.anchor.name, anchor: $0.anchor) }
            let report = try AuditVerifier.verify(chains: stores.data, registry: registry.isEmpty ? nil : registry, publicKey: key)
            printLine(JSONWriter.string(report.json))
            return report.ok ? 0 : 1
        }
        guard let path = a.value("--state-dir") else { throw UsageError("--offline needs --state-dir DIR or --store URI") }
        let folder = StateDirectory(path: path)
        // A `confide backup` folder: its data.db must be the one its manifest describes.
        if FileManager.default.fileExists(atPath: folder.path + "/" + BackupManifest.fileName) {
            try BackupManifest.load(folder: folder.path).verifyFiles(folder: folder.path, only: ["data.db"])
        }
        let report = try AuditVerifier.verify(dataFile: folder.dataPath, publicKey: key)
        printLine(JSONWriter.string(report.json))
        return report.ok ? 0 : 1
    }

    /// `audit tail`: one call, or with `--follow` a follow the daemon audits once: the first
    /// call opens it and returns a token, and the polls that present it are not audited.
    static func tail(_ a: ParsedArguments) throws -> Int32 {
        let n = try a.int("-n", in: 1...1000) ?? 20
        let follow = a.flag("--follow")
        let client = try ClientCommands.client(a)
        var p: JSONObject = ["limit": .int(n)]
        if follow { p["follow"] = true }
        var after = 0
        while true {
            let reply = try client.reply("audit.tail", p)
            if case .failure(let e) = reply, e.code == .invalidParams, e.field == "follow", p["follow"]?.stringValue != nil {
                p["follow"] = true  // the follow expired (e.g. the machine slept): open a new one, audited once more
                continue
            }
            guard case .success(let r) = reply, let o = r.objectValue, let entries = o["entries"]?.arrayValue else {
                return try ClientCommands.call(a, "audit.tail", p)
            }
            for e in entries { printLine(JSONWriter.string(e)) }
            guard follow else { return 0 }
            after = entries.last?.objectValue?["seq"]?.intValue ?? after
            p = ["limit": 1000, "after": .int(after), "follow": o["follow"] ?? p["follow"] ?? true]
            usleep(1_000_000)
        }
    }

    static func publicKey(_ hex: String) throws -> SigningPublicKey {
        guard let bytes = decodeHex(Array(hex.utf8)), let key = try? SigningPublicKey(bytes: bytes) else {
            throw UsageError("--public-key must be 64 hex characters (from `confide keys public`)")
        }
        return key
    }

    static func masterSource(_ a: ParsedArguments, prefix: String) throws -> MasterKeySource {
        let keyFile = a.value("--\(prefix)key-file"), passphraseFile = a.value("--\(prefix)passphrase-file")
        if keyFile != nil && passphraseFile != nil {
            throw UsageError("--\(prefix)passphrase-file cannot be combined with --\(prefix)key-file: give one")
        }
        if let f = keyFile { return .keyFile(path: f) }
        if let f = passphraseFile { return .passphraseFile(path: f) }
        throw UsageError("give --\(prefix)key-file or --\(prefix)passphrase-file")
    }

    /// Store options for offline tools: no scheduler thread.
    static func quietOptions() -> TranscriptStore.Options {
        var o = TranscriptStore.Options()
        o.runsScheduler = false
        return o
    }
}
