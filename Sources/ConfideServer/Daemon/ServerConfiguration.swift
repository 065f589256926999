import ConfideRedaction
import ConfideCore
import ConfideJSON
import Foundation

/// A role a peer can hold; the protocol's method table says what each may call.
public enum Role: String, Sendable, CaseIterable, Comparable {
    case support, legal, admin
    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
}

/// Everything configurable, each with its default in one place. Read from the JSON file
/// given with `--config`; every key is documented in docs/configuration.md.
public struct ServerConfiguration: Sendable {
    /// uids and gids mapped to each role.
    public var roleUIDs: [Role: Set<UInt32>] = [:]
    public var roleGIDs: [Role: Set<UInt32>] = [:]
    /// Roles whose reads must state a `purpose`.
    public var purposeRequired: Set<Role> = []

    public var socketPath: String? = nil
    public var socketMode: Int = 0o660
    public var socketGroup: UInt32? = nil

    /// Longest request line. 2 MiB: one message may carry up to 1 MiB of text, and a line
    /// with one such message (plus JSON escaping) or a whole ordinary transcript fits;
    /// more is sent as several appends. Each connection may buffer this much.
    public var maxRequestBytes = 2 << 20
    public var maxConnections = 1024
    /// Most JSON values in one request line. A parsed value costs tens of bytes against
    /// two in the text (`[0,0,…]`), so this bounds a line's parsed size to a few MiB; a real
    /// append of 1,000 messages has under 10,000.
    public var maxRequestValues = 100_000
    /// Longest batch; a longer one is refused whole, before it is parsed.
    public var maxBatchRequests = 100
    /// Longest reply line that is built in memory (every reply but a streamed
    /// `customer.export`); a longer one is replaced by an error.
    public var maxReplyBytes = 16 << 20
    /// Connections peers with no role may hold at once (they can only call `system.health`).
    public var maxUnmappedConnections = 4
    /// Refused lines after which a peer with no role is disconnected.
    public var unmappedRefusalLimit = 3
    /// At most one audit entry and one log line per role-less uid per this many seconds.
    public var refusalAuditIntervalSeconds = 60.0
    /// Longest line from a peer with no role: a health probe needs under 100 bytes.
    public static let unmappedMaxRequestBytes = 4096
    public var idleTimeoutSeconds = 60.0
    public var requestTimeoutSeconds = 10.0
    /// A peer that does not read its replies for this long is dropped.
    public var writeTimeoutSeconds = 10.0

    /// Where to write the Prometheus metrics (node_exporter's textfile collector); nil: not written.
    public var metricsTextfile: String? = nil
    /// How often the metrics textfile is rewritten.
    public var metricsIntervalSeconds = 15.0

    /// Store, scheduler and retention settings (defaults in `TranscriptStore.Options`).
    public var store = TranscriptStore.Options()
    /// The PostgreSQL database of the transcripts and, unless `keysStoreURI` names another,
    /// of the keyring (`store`, `--store`); nil: the embedded store in the state folder.
    public var storeURI: String? = nil
    /// The PostgreSQL database of the keyring when it is not `storeURI`'s (`keys_store`, `--keys-store`).
    public var keysStoreURI: String? = nil
    /// Several daemons serve `storeURI` together (`shared_store`, `--shared-store`; docs/scaling.md).
    public var sharedStore = false
    /// PostgreSQL's `statement_timeout` for the daemon's connections (0: the server's own).
    public var postgresStatementTimeoutMilliseconds = 30_000
    /// How long a start waits for a store's or an audit chain's lock that another daemon
    /// holds (`postgres_store_lock_wait_s`): a daemon just killed may still hold it.
    public var postgresStoreLockWaitSeconds = 10.0
    /// With `shared_store` and the keyring in another database: how long a group waits to lock
    /// a customer another daemon is changing (`postgres_keyring_guard_wait_ms`: the keyring
    /// guard's `lock_timeout`) before its requests on that customer fail and are run again.
    public var postgresKeyringGuardWaitMilliseconds = 5_000

    /// Why `name` cannot name an audit chain, or nil: 1 to 64 letters, digits, `.`, `_`, `-`
    /// (a host name, say: it is stored in the keyring in the clear and shown by `audit verify`).
    public static func auditChainNameProblem(_ name: String) -> String? {
        let allowed = name.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x2D
        }
        return (1...64).contains(name.utf8.count) && allowed ? nil
            : "must be 1 to 64 letters, digits, '.', '_' or '-' (a name for this daemon, such as its host name)"
    }

    /// Why `uri` cannot name a PostgreSQL store, or nil.
    public static func storeURIProblem(_ uri: String) -> String? {
        guard uri.hasPrefix("postgresql://") || uri.hasPrefix("postgres://") else {
            return "must be a postgresql:// URI (the embedded store needs no setting: it is the state folder)"
        }
        return nil
    }
    public var logLevel: LogLevel = .info

    public init() {}

    /// The roles of a peer with these credentials.
    public func roles(uid: UInt32, gids: [UInt32]) -> Set<Role> {
        var roles = Set<Role>()
        for role in Role.allCases {
            if roleUIDs[role]?.contains(uid) == true { roles.insert(role) }
            if let g = roleGIDs[role], gids.contains(where: g.contains) { roles.insert(role) }
        }
        return roles
    }

    /// A configuration error naming the key and the rule.
    public struct Invalid: Error, CustomStringConvertible {
        public let key: String
        public let rule: String
        public var description: String { "configuration: \(key): \(rule)" }
    }

    /// Parses a configuration file (strict JSON object); unknown keys are errors, since a
    /// misspelt key silently ignored is a security setting silently lost.
    public static func load(path: String) throws -> ServerConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(key: path, rule: "cannot read the configuration file")
        }
        let value: JSONValue
        do { value = try JSONParser.parse([UInt8](data)) } catch { throw Invalid(key: path, rule: "not valid JSON: \(error)") }
        guard let o = value.objectValue else { throw Invalid(key: path, rule: "must be a JSON object") }
        return try ServerConfiguration(o)
    }

    init(_ o: JSONObject) throws {
        for (key, value) in o.members {
            func int(_ range: ClosedRange<Int>) throws -> Int {
                guard let v = value.intValue, range.contains(v) else { throw Invalid(key: key, rule: "must be an integer in \(range.lowerBound)...\(range.upperBound)") }
                return v
            }
            func seconds() throws -> Double {
                guard let v = value.doubleValue, v > 0, v <= 86_400 else { throw Invalid(key: key, rule: "must be a number of seconds in (0, 86400]") }
                return v
            }
            switch key {
            case "roles": try parseRoles(value)
            case "require_purpose":
                guard let list = value.arrayValue else { throw Invalid(key: key, rule: "must be a list of roles") }
                purposeRequired = Set(try list.map { v in
                    guard let r = v.stringValue.flatMap(Role.init(rawValue:)) else { throw Invalid(key: key, rule: "unknown role (support, legal, admin)") }
                    return r
                })
            case "socket_path":
                guard let s = value.stringValue, !s.isEmpty else { throw Invalid(key: key, rule: "must be a path") }
                socketPath = s
            case "erasure_ledger_path":
                guard let s = value.stringValue, !s.isEmpty else { throw Invalid(key: key, rule: "must be a path outside the state folder") }
                store.erasureLedgerPath = s
            case "metrics_textfile":
                guard let s = value.stringValue, s.hasPrefix("/"), s.hasSuffix(".prom") else {
                    throw Invalid(key: key, rule: "must be an absolute path ending in .prom (node_exporter's textfile collector reads only *.prom)")
                }
                metricsTextfile = s
            case "metrics_interval_s": metricsIntervalSeconds = try seconds()
            case "socket_mode":
                guard let s = value.stringValue, let m = Int(s, radix: 8), (0...0o777).contains(m) else { throw Invalid(key: key, rule: "must be an octal string like \"0660\"") }
                socketMode = m
            case "socket_group":
                if let g = value.intValue, g >= 0 { socketGroup = UInt32(g) }
                else if let name = value.stringValue, let gr = getgrnam(name) { socketGroup = gr.pointee.gr_gid }
                else { throw Invalid(key: key, rule: "must be a gid or an existing group name") }
            case "max_request_bytes": maxRequestBytes = try int(1024...(256 << 20))
            case "max_connections": maxConnections = try int(1...65_536)
            case "max_request_values": maxRequestValues = try int(1000...100_000_000)
            case "max_batch_requests": maxBatchRequests = try int(1...10_000)
            case "max_reply_bytes": maxReplyBytes = try int(4096...(1 << 30))
            case "max_unmapped_connections": maxUnmappedConnections = try int(0...65_536)
            case "unmapped_refusal_limit": unmappedRefusalLimit = try int(1...1000)
            case "refusal_audit_interval_s": refusalAuditIntervalSeconds = try seconds()
            case "idle_timeout_s": idleTimeoutSeconds = try seconds()
            case "request_timeout_s": requestTimeoutSeconds = try seconds()
            case "write_timeout_s": writeTimeoutSeconds = try seconds()
            case "store", "keys_store":
                guard let uri = value.stringValue else { throw Invalid(key: key, rule: "must be a postgresql:// URI") }
                if let problem = Self.storeURIProblem(uri) { throw Invalid(key: key, rule: problem) }
                if key == "store" { storeURI = uri } else { keysStoreURI = uri }
            case "shared_store":
                guard let b = value.boolValue else { throw Invalid(key: key, rule: "must be true or false") }
                sharedStore = b
                store.sharesStore = b
            case "audit_chain":
                guard let name = value.stringValue, Self.auditChainNameProblem(name) == nil else {
                    throw Invalid(key: key, rule: Self.auditChainNameProblem(value.stringValue ?? "") ?? "must be a string")
                }
                store.auditChainName = name
            case "postgres_statement_timeout_ms": postgresStatementTimeoutMilliseconds = try int(0...3_600_000)
            case "postgres_store_lock_wait_s": postgresStoreLockWaitSeconds = Double(try int(0...3_600))
            case "postgres_keyring_guard_wait_ms": postgresKeyringGuardWaitMilliseconds = try int(1...600_000)
            case "reader_connections": store.readerCount = try int(1...64)
            case "max_group_size": store.maxGroupSize = try int(1...10_000)
            case "audit_checkpoint_interval": store.auditCheckpointInterval = try int(1...1_000_000)
            case "audit_retention_days": store.auditRetentionDays = try int(0...36_500)
            case "dek_rotation_days": let d = try int(0...36_500); store.dekRotationDays = d == 0 ? nil : d
            case "kek_rotation_days": store.kekRotationDays = try int(1...36_500)
            case "default_retention_days": store.defaultRetentionDays = try int(0...36_500)
            case "scheduler_tick_s": store.schedulerTickSeconds = try seconds()
            case "rewrap_batch_size": store.rewrapBatchSize = try int(1...100_000)
            case "keys_backup_retention_days": store.keysBackupRetentionDays = value.isNull ? nil : try int(0...36_500)
            case "redact_on_write":
                if value.stringValue == "off" { store.redactOnWrite = [] }
                else if let list = value.arrayValue {
                    store.redactOnWrite = Set(try list.map { v in
                        guard let t = v.stringValue.flatMap({ PIIType(rawValue: $0.uppercased()) }) else {
                            throw Invalid(key: key, rule: "unknown PII type (\(PIIType.allCases.map(\.rawValue).joined(separator: ", ")))")
                        }
                        return t
                    })
                } else { throw Invalid(key: key, rule: "must be \"off\" or a list of PII types") }
            case "log_level":
                guard let l = value.stringValue.flatMap(LogLevel.init(rawValue:)) else { throw Invalid(key: key, rule: "must be debug, info, warn or error") }
                logLevel = l
            default:
                throw Invalid(key: key, rule: "unknown configuration key (see docs/configuration.md)")
            }
        }
    }

    private mutating func parseRoles(_ value: JSONValue) throws {
        guard let roles = value.objectValue else { throw Invalid(key: "roles", rule: "must be an object of role -> {uids, gids}") }
        for (name, spec) in roles.members {
            guard let role = Role(rawValue: name) else { throw Invalid(key: "roles.\(name)", rule: "unknown role (support, legal, admin)") }
            guard let s = spec.objectValue else { throw Invalid(key: "roles.\(name)", rule: "must be an object with uids and/or gids") }
            for (k, list) in s.members {
                guard k == "uids" || k == "gids" else { throw Invalid(key: "roles.\(name).\(k)", rule: "unknown key (uids, gids)") }
                guard let ids = list.arrayValue?.map({ $0.intValue }), ids.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= Int(UInt32.max) }) else {
                    throw Invalid(key: "roles.\(name).\(k)", rule: "must be a list of numeric ids")
                }
                let set = Set(ids.map { UInt32($0!) })
                if k == "uids" { roleUIDs[role, default: []].formUnion(set) } else { roleGIDs[role, default: []].formUnion(set) }
            }
        }
    }
}
