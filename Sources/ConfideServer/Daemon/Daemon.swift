import ConfideCore
import ConfideJSON
import ConfideSystem
import Foundation
import Synchronization

/// The `confide serve` process: the store, the socket listener, one thread per connection
/// (bounded by `max_connections`), and the life cycle — SIGTERM/SIGINT stop accepting,
/// finish in-flight requests, sign a final audit checkpoint, remove the socket and exit 0;
/// SIGHUP reloads the role map.
public final class Daemon: Sendable {
    /// How the daemon was started.
    public struct Launch: Sendable {
        public var state: StateDirectory
        public var masterKey: MasterKeySource
        public var configuration: ServerConfiguration
        public var configPath: String?
        public var development: Bool
        /// Where readiness, status and watchdog pings go (systemd `Type=notify`).
        public var notifier: ServiceNotifier
        /// The storage engine (`--store`); nil: the embedded store in the state folder.
        package var engine: (any StorageEngine)? = nil
        public init(state: StateDirectory, masterKey: MasterKeySource, configuration: ServerConfiguration, configPath: String?, development: Bool,
                    notifier: ServiceNotifier = ServiceNotifier()) {
            self.notifier = notifier
            self.state = state
            self.masterKey = masterKey
            self.configuration = configuration
            self.configPath = configPath
            self.development = development
        }
    }

    let launch: Launch
    /// The store the daemon serves.
    public let store: TranscriptStore
    let dispatcher: Dispatcher
    let listener: UnixListener
    let startedAt: Timestamp
    private let stopping = Atomic<Bool>(false)
    /// Open connections: all of them, and those of peers with no role (a subset).
    private let connections = Mutex<(all: Int, unmapped: Int)>((0, 0))
    private let allClosed = NSCondition()
    /// Writes the Prometheus metrics to `metrics_textfile` every `metrics_interval_s`.
    private let metricsTextfile: MetricsTextfile?
    /// Whether the stores answer, for `system.health` (PostgreSQL; nil on the embedded store).
    private let reachability: StoreReachabilityMonitor?

    /// Opens the store and binds the socket; errors here are start-up errors for the operator.
    public init(_ launch: Launch, clock: any Clock = SystemClock()) throws {
        self.launch = launch
        var config = launch.configuration
        Log.shared.setLevel(config.logLevel)
        config.store.willMigrate = { [notifier = launch.notifier] file, version, name in
            notifier.status("migrating \(file) to schema version \(version) (\(name))")
            Log.info("startup.migrating", ["file": .string(file), "to_version": .int(version), "step": .string(name),
                                           "note": "upgrading the schema in one transaction; on a large store this can take minutes"])
        }
        config.store.upgradeProgress = { what, done, total in
            Log.info("startup.upgrading", ["what": .string(what), "done": .int(done), "total": .int(total)])
        }
        config.store.onJobFailure = { job, error in Log.error("job.failed", ["job": .string(job), "error": .string(error)]) }
        // The start logs the decision (`ServeCommand`); a later change is logged when it happens.
        config.store.versionCheckChanged = { state, why in Log.info("store.version_check", ["state": .string(state), "why": .string(why)]) }
        config.store.keyringGuardLost = { suspects, recheckFailed in
            Log.warn("store.keyring_guard.lost", ["suspect_customers": .int(suspects), "recheck_failed": .bool(recheckFailed)])
        }
        if launch.development && config.store.erasureLedgerPath == nil {
            // Beside the state folder, not in it: a restored state folder must not bring its own.
            let dir = URL(fileURLWithPath: launch.state.path).standardizedFileURL
            config.store.erasureLedgerPath = dir.deletingLastPathComponent().appendingPathComponent(dir.lastPathComponent + "-erasures.jsonl").path
        }
        store = try TranscriptStore(state: launch.state, engine: launch.engine ?? SQLiteEngine(state: launch.state), masterKey: launch.masterKey,
                                    options: config.store, clock: clock)
        startedAt = clock.now()
        let socketPath = config.socketPath ?? launch.state.defaultSocketPath
        config.socketPath = socketPath
        do {
            listener = try UnixListener(path: socketPath, mode: config.socketMode, group: config.socketGroup)
        } catch {
            store.close()
            throw error
        }
        let reachability = store.reachabilityProbe().map { StoreReachabilityMonitor(probe: $0) }
        self.reachability = reachability
        let extraStats: @Sendable () throws(StoreError) -> JSONObject = { [store] () throws(StoreError) -> JSONObject in
            let w = store.writerStatistics
            let g = try store.gauges()
            let now = store.clock.now()
            return ["writer": .object(["commits": .int(w.commits), "writes": .int(w.jobs), "largest_group": .int(w.largestGroup),
                                       "wal_catch_ups": .int(w.walCatchUps), "keyring_guard_lost": .int(w.guardLost),
                                       "group_size": w.groupSizes.json,
                                       "commit_seconds": w.commitSeconds.json]),
                    "store": ["audit_seq": .int(g.auditSeq), "customers": .int(g.customers), "holds": .int(g.holds),
                              "erasures": .int(g.erasures), "retention_backlog": .int(g.retentionBacklog)],
                    "keys": ["rewrap_pending": .int(g.rewrapPending), "active_kek_created_at": .string(g.activeKEKCreatedAt.rfc3339),
                             "active_kek_age_s": .double(Double(now.milliseconds - g.activeKEKCreatedAt.milliseconds) / 1000),
                             "kek_rotation_days": .int(store.options.kekRotationDays)],
                    "jobs": AdminMethods.jobsJSON(store.jobStates),
                    "scheduler": store.schedulerRole.map(AdminMethods.schedulerJSON) ?? .null]
        }
        // The dispatcher is built whole, with every method and the objects they report on.
        let stats = ServerStats()
        let unmappedRefusals = UnmappedRefusals(interval: config.refusalAuditIntervalSeconds)
        var methods: [String: MethodSpec] = [:]
        for table in [SessionMethods.table(store: store), CustomerMethods.table(store: store), AdminMethods.table(store: store),
                      BackupMethods.table(store: store),
                      SystemMethods.table(stats: stats, unmappedRefusals: unmappedRefusals, startedAt: startedAt,
                                          storeLost: { [store] in store.lostTheStore }, storeUnreachable: { reachability?.problem?.healthReason },
                                          extraStats: extraStats)] {
            methods.merge(table) { _, new in new }
        }
        dispatcher = Dispatcher(store: store, limits: config,
                                authorizer: Authorizer(configuration: config, developmentUID: launch.development ? getuid() : nil),
                                stats: stats, unmappedRefusals: unmappedRefusals, methods: methods)
        if let path = config.metricsTextfile {
            metricsTextfile = MetricsTextfile(path: path, interval: config.metricsIntervalSeconds) { [startedAt] () throws(StoreError) -> JSONObject in
                try SystemMethods.stats(stats, unmappedRefusals, startedAt: startedAt, extraStats: extraStats)
            }
        } else {
            metricsTextfile = nil
        }
    }

    /// The socket path in use.
    public var socketPath: String { listener.path }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully. Returns the exit status.
    /// `signals` must have been created before any thread (the store's writer included).
    public func run(signals: SignalWatcher) -> Int32 {
        Thread.detachNewThread { [self] in
            while true {
                let sig = signals.wait()
                if sig == SIGHUP { reloadConfiguration(); continue }
                Log.info("daemon.stopping", ["signal": .string(sig == SIGTERM ? "SIGTERM" : "SIGINT")])
                launch.notifier.notify("STOPPING=1\nSTATUS=stopping (\(sig == SIGTERM ? "SIGTERM" : "SIGINT")): finishing in-flight requests")
                stopping.store(true, ordering: .sequentiallyConsistent)
                return
            }
        }
        try? store.audit(.daemon("daemon.start"), customerRef: nil, outcome: nil)
        for warning in store.startupWarnings { Log.warn("startup.check", ["problem": .string(warning)]) }
        // The socket has accepted connections since init (they queue until the loop runs);
        // from here on they are served.
        metricsTextfile?.start()
        reachability?.start()
        launch.notifier.notify("READY=1\nSTATUS=\(servingStatus())")
        acceptLoop()
        shutdown()
        return 0
    }

    /// The `STATUS=` line while serving.
    private func servingStatus() -> String {
        "serving on \(socketPath): \(connections.withLock { $0.all }) open connections"
    }

    private func acceptLoop() {
        let config = launch.configuration
        let notifier = launch.notifier
        // Pings come from this loop (it wakes every 200 ms), so a stuck loop stops them and
        // systemd's watchdog restarts the daemon.
        var nextPing = MonotonicClock.seconds(), nextStatus = MonotonicClock.seconds() + 10
        while !stopping.load(ordering: .sequentiallyConsistent) {
            if let interval = notifier.watchdogInterval, MonotonicClock.seconds() >= nextPing {
                notifier.notify("WATCHDOG=1")
                nextPing = MonotonicClock.seconds() + interval
            }
            if notifier.isActive, MonotonicClock.seconds() >= nextStatus {
                notifier.status(servingStatus())
                nextStatus = MonotonicClock.seconds() + 10
            }
            let fd: Int32?
            do { fd = try listener.accept(timeoutMilliseconds: 200) } catch {
                Log.error("accept.failed", ["error": .string("\(error)")])
                usleep(100_000)
                continue
            }
            guard let fd else { continue }
            // The peer is identified here, before a thread exists for it: a peer with no
            // role may hold only `max_unmapped_connections` slots.
            guard let peer = try? PeerCredentials.of(socket: fd) else {
                Log.error("accept.failed", ["error": "could not read the peer's credentials (SO_PEERCRED)"])
                close(fd)
                continue
            }
            let unmapped = dispatcher.authorizer.roles(of: peer).isEmpty
            let admitted = connections.withLock { n -> Bool in
                guard n.all < config.maxConnections, !unmapped || n.unmapped < config.maxUnmappedConnections else { return false }
                n.all += 1
                if unmapped { n.unmapped += 1 }
                return true
            }
            guard admitted else {
                refuseConnection(fd, peer: peer, unmapped: unmapped, config: config)
                continue
            }
            startNamedThread("confide-conn", stackSize: 1 << 20) { [self] in serve(fd, peer: peer, unmapped: unmapped) }
        }
    }

    /// Tells a peer over its connection limit so (-32005) and closes the connection.
    /// Refusals of role-less peers are not logged: they could flood the log.
    private func refuseConnection(_ fd: Int32, peer: PeerCredentials, unmapped: Bool, config: ServerConfiguration) {
        dispatcher.stats.connectionRefused()
        let atTotal = connections.withLock { $0.all } >= config.maxConnections
        let why = atTotal || !unmapped
            ? "too many connections (max_connections \(config.maxConnections))"
            : "too many connections from peers with no role (max_unmapped_connections \(config.maxUnmappedConnections))"
        let refusal = JSONWriter.bytes(RPCReply.error(RPCError(code: -32005, message: "Unavailable: \(why); retry later"), id: .null)) + [0x0a]
        _ = refusal.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        close(fd)
        if !unmapped { Log.warn("connection.refused", ["reason": "max_connections", "limit": .int(config.maxConnections)]) }
    }

    /// One connection: frames in, replies out, in order, until the peer leaves, times out,
    /// misbehaves, or the daemon stops.
    private func serve(_ fd: Int32, peer: PeerCredentials, unmapped: Bool) {
        dispatcher.stats.connectionOpened()
        defer {
            dispatcher.stats.connectionClosed()
            allClosed.lock()
            connections.withLock { n in
                n.all -= 1
                if unmapped { n.unmapped -= 1 }
            }
            allClosed.broadcast()
            allClosed.unlock()
        }
        let config = launch.configuration
        // A peer with no role may send only health probes: a short line is all it needs.
        let maxLineBytes = unmapped ? ServerConfiguration.unmappedMaxRequestBytes : config.maxRequestBytes
        let connection: LineConnection
        do {
            connection = try LineConnection(fd: fd, maxLineBytes: maxLineBytes, idleTimeout: config.idleTimeoutSeconds,
                                            requestTimeout: config.requestTimeoutSeconds, writeTimeout: config.writeTimeoutSeconds) { [self] in
                self.stopping.load(ordering: .relaxed)
            }
        } catch {
            close(fd)
            Log.error("connection.setup_failed", ["error": .string("\(error)"), "uid": .int(Int(peer.uid))])
            return
        }
        defer { connection.close() }
        var refusals = 0
        while true {
            switch connection.nextFrame() {
            case .line(let line):
                if line.isEmpty || line == [0x0d] { continue }
                guard dispatcher.handle(line: line[...], peer: peer, refusals: &refusals, send: connection.send) else {
                    // Not for role-less peers: one line each would let them flood the log for free.
                    if !unmapped {
                        Log.warn("connection.dropped", ["reason": "peer did not read its replies", "uid": .int(Int(peer.uid)), "pid": .int(Int(peer.pid))])
                    }
                    return
                }
                // A peer with no role that keeps sending what it may not: closed, silently
                // (its refusals are counted and audited at the dispatcher's rate).
                if refusals >= config.unmappedRefusalLimit { return }
            case .tooLong:
                let error = RPCError.invalidRequest("request line longer than \(unmapped ? "a peer with no role may send" : "max_request_bytes") (\(maxLineBytes) bytes); connection closed")
                _ = connection.send(JSONWriter.bytes(RPCReply.error(error, id: .null)) + [0x0a])
                if unmapped {
                    dispatcher.countUnmappedLineTooLong(peer)
                } else {
                    Log.warn("request.too_long", ["uid": .int(Int(peer.uid)), "pid": .int(Int(peer.pid)), "limit": .int(maxLineBytes)])
                }
                return
            case .requestTimeout:
                if !unmapped { Log.warn("connection.dropped", ["reason": "request line not completed within request_timeout", "uid": .int(Int(peer.uid))]) }
                return
            case .idleTimeout, .closed, .stopping:
                return
            }
        }
    }

    private func reloadConfiguration() {
        guard let path = launch.configPath else {
            Log.info("config.reload", ["result": "no --config file; nothing to reload"])
            return
        }
        do {
            dispatcher.authorizer.reload(from: try ServerConfiguration.load(path: path))
            try? store.audit(.daemon("config.reload"), customerRef: nil, outcome: nil)
            Log.info("config.reload", ["result": "role map reloaded"])
        } catch {
            Log.error("config.reload", ["result": "kept the previous role map", "error": .string("\(error)")])
        }
    }

    private func shutdown() {
        listener.close()
        launch.notifier.status("stopping: waiting for \(connections.withLock { $0.all }) open connections")
        // In-flight requests finish; idle connections notice the stop within 200 ms.
        allClosed.lock()
        let deadline = Date().addingTimeInterval(launch.configuration.requestTimeoutSeconds + 5)
        while connections.withLock({ $0.all }) > 0 && Date() < deadline { _ = allClosed.wait(until: deadline) }
        allClosed.unlock()
        // Role-less peers' refusals counted since their last audited one (rate-limited) are
        // written now, so every refusal is on the record.
        for pending in dispatcher.unmappedRefusals.drainUnrecorded() {
            let method = pending.uid == nil ? "(\(pending.count) refused requests of untracked uids)" : "(\(pending.count) refused requests)"
            let context = AuditContext(uid: pending.uid, pid: nil, role: nil, method: method)
            try? store.audit(context, customerRef: nil, outcome: -32003)
        }
        try? store.audit(.daemon("daemon.stop"), customerRef: nil, outcome: nil)
        metricsTextfile?.stop()
        reachability?.stop()
        store.close()
        launch.notifier.status("stopped")
        Log.info("daemon.stopped", ["open_connections": .int(connections.withLock { $0.all })])
    }
}

/// Receives SIGTERM, SIGINT and SIGHUP synchronously on a dedicated thread (`sigwait`),
/// so no async-signal-safety rules constrain the handling. SIGPIPE is ignored.
public final class SignalWatcher: Sendable {
    /// Blocks the signals in the calling thread, and so in every thread created after it.
    public init() {
        signal(SIGPIPE, SIG_IGN)
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Blocks until one of the watched signals arrives and returns it.
    public func wait() -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, s) }
        var sig: Int32 = 0
        sigwait(&set, &sig)
        return sig
    }
}
