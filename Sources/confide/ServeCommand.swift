import ConfideCore
import ConfidePostgresStore
import ConfideServer
import ConfideSystem
import Foundation

/// `confide serve`: the daemon.
enum ServeCommand {
    static let defaultDevelopmentStateDirectory = "./confide-dev"

    static let command = Command(
        name: "serve",
        abstract: "Run the Confide daemon on a Unix socket (JSON-RPC 2.0, one JSON per line).",
        options: [
            .init(name: "--state-dir", value: "DIR", help: "State folder (keys.db, data.db); created 0700. Default with --dev: ./confide-dev"),
            .init(name: "--socket", value: "PATH", help: "Socket path (default: DIR/confide.sock, or socket_path in --config)"),
            .init(name: "--key-file", value: "FILE", help: "Master key: 32 bytes as hex or base64, mode 0400/0600", use: .oneOf("master key", required: true)),
            .init(name: "--passphrase-file", value: "FILE", help: "Master key derived with Argon2id from the passphrase in FILE", use: .oneOf("master key", required: true)),
            .init(name: "--dev", value: nil, help: "Development mode: generated key in the state folder, your uid holds every role. NOT FOR PRODUCTION", use: .oneOf("master key", required: true)),
            .init(name: "--config", value: "FILE", help: "JSON configuration (role map, limits, scheduler); see docs/configuration.md"),
            .init(name: "--store", value: "URI",
                  help: "Keep keys and transcripts in PostgreSQL (postgresql://…) instead of the state folder; overrides `store` in --config. See docs/postgresql.md"),
            .init(name: "--keys-store", value: "URI", help: "Keep the keyring in this PostgreSQL database instead (another database or cluster than --store's)",
                  use: .with("--store")),
            .init(name: "--shared-store", value: nil,
                  help: "Serve --store together with other daemons started the same way (each with its own --audit-chain); see docs/scaling.md",
                  use: .with("--store")),
            .init(name: "--audit-chain", value: "NAME",
                  help: "Append to the audit chain NAME (this daemon's own, registered in the keyring at its first start; default: the store's first chain)",
                  use: .with("--store")),
            .init(name: "--allow-root", value: nil, help: "Run as root without the warning"),
            .init(name: "--accept-restored-data", value: nil,
                  help: "Start although data.db's audit chain is behind or diverges from keys.db's anchor (an older data.db restored on purpose); audited"),
            .init(name: "--rebuild-erasure-ledger", value: nil,
                  help: "Start although keys.db records erasures the erasure ledger lacks (ledger lost or older), appending them to it; audited"),
        ],
        example: "confide serve --state-dir /var/lib/confide --key-file /etc/confide/master.key --config /etc/confide/config.json",
        run: run)

    static func run(_ args: ParsedArguments) throws -> Int32 {
        let development = args.flag("--dev")
        let sources = [args.value("--key-file") != nil, args.value("--passphrase-file") != nil, development].filter { $0 }.count
        guard sources == 1 else { throw UsageError("give exactly one of --key-file, --passphrase-file or --dev") }
        guard let stateDir = args.value("--state-dir") ?? (development ? defaultDevelopmentStateDirectory : nil) else {
            throw UsageError("--state-dir is required (except with --dev)")
        }
        let signals = SignalWatcher()  // before any thread exists, so every thread inherits the mask
        ProcessHardening.apply()
        var configuration = ServerConfiguration()
        if let path = args.value("--config") { configuration = try ServerConfiguration.load(path: path) }
        if let socket = args.value("--socket") { configuration.socketPath = socket }
        if args.flag("--rebuild-erasure-ledger") { configuration.store.rebuildErasureLedger = true }
        if args.flag("--accept-restored-data") { configuration.store.acceptRestoredData = true }
        for (flag, value) in [("--store", args.value("--store")), ("--keys-store", args.value("--keys-store"))] {
            guard let value else { continue }
            if let problem = ServerConfiguration.storeURIProblem(value) { throw UsageError("\(flag) \(problem)") }
            if flag == "--store" { configuration.storeURI = value } else { configuration.keysStoreURI = value }
        }
        if args.flag("--shared-store") { (configuration.sharedStore, configuration.store.sharesStore) = (true, true) }
        if let name = args.value("--audit-chain") {
            if let problem = ServerConfiguration.auditChainNameProblem(name) { throw UsageError("--audit-chain \(problem)") }
            configuration.store.auditChainName = name
        }
        let engine = try storageEngine(configuration)
        let state = StateDirectory(path: stateDir)
        let source: MasterKeySource
        if let f = args.value("--key-file") { source = .keyFile(path: f) }
        else if let f = args.value("--passphrase-file") { source = .passphraseFile(path: f) }
        else { source = .development(stateDirectory: state.path) }

        if getuid() == 0 && !args.flag("--allow-root") {
            Log.warn("daemon.root", ["message": "running as root: run confide as its own user (see docs/operations.md) or pass --allow-root"])
        }
        if development {
            note("""
                ************************************************************************
                *  WARNING: development mode. The master key is a generated file in    *
                *  \(state.path.padding(toLength: 66, withPad: " ", startingAt: 0))  *
                *  right beside the data it protects, and your uid holds every role.   *
                *  Never use --dev for real customer data.                             *
                ************************************************************************
                """)
        }
        let notifier = ServiceNotifier()
        notifier.status("loading the master key and opening \(engine?.dataName ?? state.path)")
        var launch = Daemon.Launch(state: state, masterKey: source, configuration: configuration,
                                   configPath: args.value("--config"), development: development, notifier: notifier)
        launch.engine = engine
        let daemon = try Daemon(launch)
        Log.info("daemon.listening", ["socket": .string(daemon.socketPath), "state_dir": .string(state.path),
                                      "store": .string(engine.map { "postgresql: keys \($0.keysName), data \($0.dataName)" } ?? "embedded"),
                                      "mode": .string(development ? "development" : "production"),
                                      "master_fingerprint": .string(daemon.store.masterFingerprint),
                                      "pid": .int(Int(getpid()))])
        // Whether requests check that no other daemon changed a cached customer (decided by the
        // server at start: docs/postgresql.md), so an operator sees the decision.
        if engine != nil {
            Log.info("store.version_check", ["state": .string(daemon.store.checksCustomerVersions ? "on" : "off"),
                                             "why": .string(!daemon.store.checksCustomerVersions
                                                ? "the keyring is not in the data's database, or the data's role may not lock its customer rows"
                                                : configuration.sharedStore && configuration.keysStoreURI != nil
                                                    && configuration.keysStoreURI != configuration.storeURI
                                                ? "each group locks the customers it relies on where the keyring is: in the data's transaction "
                                                    + "when the keyring is in the data's database, else through the keyring guard"
                                                : "the keyring is in the data's database")])
        }
        note("confide: listening on \(daemon.socketPath) (\(development ? "DEVELOPMENT mode" : "production mode"), state \(state.path))")
        return daemon.run(signals: signals)
    }

    /// The PostgreSQL engine the configuration names, or nil for the embedded store.
    static func storageEngine(_ configuration: ServerConfiguration) throws -> PostgresEngine? {
        guard let data = configuration.storeURI else {
            if configuration.keysStoreURI != nil { throw UsageError("--keys-store (keys_store) needs --store (store): the keyring moves only with the data") }
            if configuration.sharedStore || configuration.store.auditChainName != nil {
                throw UsageError("--shared-store and --audit-chain (shared_store, audit_chain) need --store (store): the embedded store has one daemon and one chain")
            }
            return nil
        }

        var settings = PostgresEngine.Settings()
        settings.statementTimeoutMilliseconds = configuration.postgresStatementTimeoutMilliseconds == 0 ? nil
            : configuration.postgresStatementTimeoutMilliseconds
        settings.sharedStore = configuration.sharedStore
        settings.storeLockWaitSeconds = configuration.postgresStoreLockWaitSeconds
        settings.keyringGuardWaitMilliseconds = configuration.postgresKeyringGuardWaitMilliseconds
        return PostgresEngine(keysURI: configuration.keysStoreURI ?? data, dataURI: data, settings: settings)
    }
}
