import ConfideCore
import ConfideCrypto
import ConfideJSON
import ConfideServer
import ConfideStorage
import Foundation

/// The admins' subcommands: `keys ...`, `audit ...`, `init`, `keygen`.
enum AdminCommands {
    static let connection = ClientCommands.connection
    static let stateDir = Command.Option(name: "--state-dir", value: "DIR", help: "State folder")

    static var commands: [Command] {
        [
            Command(name: "keys", abstract: "Key management: status, rotate, public, rekey (`confide keys <verb> --help`).",
                    usage: "keys (status | rotate (--kek | --customer ID) [--wait] | public --state-dir DIR | rekey ...)",
                    options: connection + [
                        .init(name: "--kek", value: nil, help: "rotate: new KEK version, re-wrap every DEK online"),
                        .init(name: "--customer", value: "ID", help: "rotate: new DEK generation for this customer"),
                        .init(name: "--wait", value: nil, help: "rotate --kek: wait for the re-wrap, showing progress"),
                        .init(name: "--old-key-file", value: "F", help: "rekey: current master key file"),
                        .init(name: "--new-key-file", value: "F", help: "rekey: new master key file"),
                        .init(name: "--old-passphrase-file", value: "F", help: "rekey: current passphrase file"),
                        .init(name: "--new-passphrase-file", value: "F", help: "rekey: new passphrase file"),
                    ],
                    example: "confide keys rotate --kek --wait", run: keys),
            Command(name: "audit", abstract: "Audit chain: verify, tail, export (`confide audit <verb> --help`).",
                    usage: "audit (verify [--state-dir DIR [--public-key HEX]] | tail [-n N] [--follow] | export --state-dir DIR [--since SEQ])",
                    options: connection + [
                        .init(name: "--public-key", value: "HEX", help: "verify offline against this key instead of the one stored in data.db"),
                        .init(name: "-n", value: "N", help: "tail: how many entries (default 20)"),
                        .init(name: "--follow", value: nil, help: "tail: keep printing new entries"),
                        .init(name: "--since", value: "SEQ", help: "export: entries after SEQ (default 0)"),
                        .init(name: "--offline", value: nil, help: "verify: read --state-dir's data.db directly (no daemon, no master key)"),
                    ],
                    example: "confide audit verify --offline --state-dir /backup/confide --public-key 3b6a…", run: audit),
            Command(name: "init", abstract: "Create a state folder and its keyring offline, and print the keys' fingerprints.",
                    usage: "init --state-dir DIR (--key-file F | --passphrase-file F)",
                    options: [stateDir, .init(name: "--key-file", value: "F", help: "Master key file"),
                              .init(name: "--passphrase-file", value: "F", help: "Passphrase file")],
                    example: "confide init --state-dir /var/lib/confide --key-file /etc/confide/master.key") { a in
                let state = StateDirectory(path: try a.required("--state-dir"))
                ProcessHardening.apply()  // holds the master key: private files, no core dumps
                let store = try TranscriptStore(state: state, masterKey: try masterSource(a, prefix: ""), options: quietOptions())
                defer { store.close() }
                let out: JSONValue = ["state_dir": .string(state.path), "master_fingerprint": .string(store.keyring.masterFingerprint),
                                      "audit_public_key": .string(encodeHex(store.keyring.auditPublicKey.bytes))]
                print(JSONWriter.string(out))
                return 0
            },
            Command(name: "keygen", abstract: "Write a new random master key file (hex, mode 0400).", usage: "keygen --out FILE",
                    options: [.init(name: "--out", value: "FILE", help: "Where to write; must not exist")],
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

    static func keys(_ a: ParsedArguments) throws -> Int32 {
        switch a.positionals.first {
        case "status": return try ClientCommands.call(a, "keys.status", [:])
        case "rotate":
            if a.flag("--kek") {
                guard a.flag("--wait") else { return try ClientCommands.call(a, "keys.rotate", ["target": "kek"]) }
                let client = try SocketClient(path: ClientCommands.socketPath(a))
                guard case .result(let r) = try client.call("keys.rotate", ["target": "kek"]) else { return try ClientCommands.call(a, "keys.status", [:]) }
                print(JSONWriter.string(r))
                // Done when every DEK is re-wrapped and no retiring KEK is left (destroyed).
                while case .result(let s) = try client.call("keys.status"), let o = s.objectValue {
                    let pending = o["rewrap_pending"]?.intValue ?? 0
                    let retiring = o["kek"]?.arrayValue?.filter { $0.objectValue?["state"]?.stringValue == "retiring" }.count ?? 0
                    if pending == 0 && retiring == 0 { break }
                    FileHandle.standardError.write(Data("\rre-wrap: \(pending) DEKs pending, \(retiring) KEK version(s) retiring   ".utf8))
                    usleep(250_000)
                }
                note("\rre-wrap: done; old KEK versions destroyed                 ")
                return 0
            }
            guard let c = a.value("--customer") else { throw UsageError("rotate needs --kek or --customer ID") }
            return try ClientCommands.call(a, "keys.rotate", ["target": "customer", "customer": .string(c)])
        case "public":
            let state = StateDirectory(path: try a.required("--state-dir"))
            let db = try Database(path: state.keysPath, mode: .readOnly)
            guard let key = try db.queryOne("SELECT audit_public_key FROM keyring WHERE id = 1", row: { $0.blob(0) }) else {
                throw CommandFailure("\(state.keysPath) has no keyring")
            }
            print(encodeHex(key))
            return 0
        case "rekey":
            let state = StateDirectory(path: try a.required("--state-dir"))
            ProcessHardening.apply()  // holds both master keys: private files, no core dumps
            let lock = try state.lock(purpose: "rekeying")
            defer { close(lock) }
            try Keyring.rekey(path: state.keysPath, old: try masterSource(a, prefix: "old-"), new: try masterSource(a, prefix: "new-"))
            note("rekeyed \(state.keysPath): the new master key now wraps every KEK, the index key and the audit key; the old key opens nothing. Destroy the old key and old keys.db backups.")
            return 0
        default:
            throw UsageError("keys needs a verb: status, rotate, public or rekey")
        }
    }

    static func audit(_ a: ParsedArguments) throws -> Int32 {
        switch a.positionals.first {
        case "verify":
            guard a.flag("--offline") else { return try ClientCommands.call(a, "audit.verify", [:]) }
            let db = try Database(path: StateDirectory(path: try a.required("--state-dir")).dataPath, mode: .readOnly)
            let report = try AuditVerifier.verify(db, publicKey: try a.value("--public-key").map(publicKey))
            print(JSONWriter.string(report.json))
            return report.ok ? 0 : 1
        case "tail":
            let n = try a.int("-n", in: 1...1000) ?? 20
            let client = try SocketClient(path: ClientCommands.socketPath(a))
            var after: Int? = nil
            repeat {
                var p: JSONObject = ["limit": .int(after == nil ? n : 1000)]
                if let after { p["after"] = .int(after) }
                guard case .result(let r) = try client.call("audit.tail", p), let entries = r.objectValue?["entries"]?.arrayValue else {
                    return try ClientCommands.call(a, "audit.tail", p)
                }
                for e in entries { print(JSONWriter.string(e)) }
                after = entries.last?.objectValue?["seq"]?.intValue ?? after ?? 0
                if a.flag("--follow") { usleep(1_000_000) }
            } while a.flag("--follow")
            return 0
        case "export":
            let db = try Database(path: StateDirectory(path: try a.required("--state-dir")).dataPath, mode: .readOnly)
            var after = try a.int("--since", in: 0...Int.max) ?? 0
            while true {
                let batch = try AuditVerifier.tail(db, limit: 1000, afterSeq: after)
                for e in batch { print(JSONWriter.string(e.json)) }
                guard let last = batch.last else { break }
                after = last.seq
            }
            return 0
        default:
            throw UsageError("audit needs a verb: verify, tail or export")
        }
    }

    static func publicKey(_ hex: String) throws -> SigningPublicKey {
        guard let bytes = decodeHex(Array(hex.utf8)), let key = try? SigningPublicKey(bytes: bytes) else {
            throw UsageError("--public-key must be 64 hex characters (from `confide keys public`)")
        }
        return key
    }

    static func masterSource(_ a: ParsedArguments, prefix: String) throws -> MasterKeySource {
        if let f = a.value("--\(prefix)key-file") { return .keyFile(path: f) }
        if let f = a.value("--\(prefix)passphrase-file") { return .passphraseFile(path: f) }
        throw UsageError("give --\(prefix)key-file or --\(prefix)passphrase-file")
    }

    /// Store options for offline tools: no scheduler thread.
    static func quietOptions() -> TranscriptStore.Options {
        var o = TranscriptStore.Options()
        o.runsScheduler = false
        return o
    }
}
