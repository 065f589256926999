import ConfideCrypto
@_spi(Testing) import ConfideCore
import ConfidePostgres
import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// A test of a `TranscriptStore` on `PostgresEngine` against the real PostgreSQL of
/// `CONFIDE_TEST_POSTGRES_URI`: a temporary folder with a master key file, schemas made per
/// test (dropped afterwards), and the calls the tests make. Skips with a message when the
/// variable is unset. (`PostgresEngineTests`, `PostgresFailureTests`.)
class PostgresStoreTestCase: XCTestCase {
    private(set) var ownerURI: String!
    private(set) var schemas: [String] = []
    private(set) var folder: TemporaryDirectory!
    var state: StateDirectory { StateDirectory(path: folder.path + "/state") }
    private(set) var masterKey: MasterKeySource!

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let uri = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_URI"], !uri.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        ownerURI = uri
        folder = try TemporaryDirectory(prefix: "confide-pg-store")
        let keyPath = folder.path + "/master.key"
        let key = SecureRandom.bytes(32).map { String(format: "%02x", $0) }.joined()
        XCTAssertTrue(FileManager.default.createFile(atPath: keyPath, contents: Data(key.utf8), attributes: [.posixPermissions: 0o600]))
        masterKey = .keyFile(path: keyPath)
    }

    override func tearDown() {
        for dir in ownClusters { _ = Self.pgCluster(["stop", dir]) }
        for schema in schemas { try? PostgresConnection(uri: ownerURI).execute("DROP SCHEMA \(schema) CASCADE") }
        if !scratchDatabases.isEmpty, let admin = try? PostgresConnection(uri: superuserURI()) {
            for name in scratchDatabases { try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        folder?.remove()
        super.tearDown()
    }

    // MARK: Whole databases (copied and renamed into place while daemons run)

    /// Databases the test made (or will make: a copy, the original renamed), dropped afterwards.
    var scratchDatabases: [String] = []

    /// The superuser's URI (`CONFIDE_TEST_POSTGRES_SUPERUSER_URI`), on `database` when given
    /// (else the data database).
    func superuserURI(database: String? = nil) throws -> String {
        let uri = try XCTUnwrap(ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_SUPERUSER_URI"],
                                "CONFIDE_TEST_POSTGRES_SUPERUSER_URI is needed (scripts/pg-cluster sets it)")
        guard let database else { return uri }
        return uri.replacingOccurrences(of: "/confide_test?", with: "/\(database)?")
    }

    /// A fresh database owned by the test's owner role, and the owner's URI on it; it, and
    /// `NAME_copy` and `NAME_old`, are dropped afterwards.
    func freshDatabase(_ prefix: String) throws -> (name: String, uri: String) {
        let admin = try PostgresConnection(uri: superuserURI())
        let owner = try admin.queryOne("SELECT datdba::regrole::text FROM pg_database WHERE datname = current_database()") { try $0.text(0) } ?? nil
        let name = prefix + UUID().uuidString.prefix(8).lowercased()
        scratchDatabases += [name, name + "_copy", name + "_old"]
        try admin.execute("CREATE DATABASE \(name) OWNER \(try XCTUnwrap(owner)) STRATEGY = FILE_COPY")
        let uri = ownerURI.replacingOccurrences(of: "/confide_test?", with: "/\(name)?")
        XCTAssertNotEqual(uri, ownerURI)
        return (name, uri)
    }

    /// Ends every session on `database` (the daemons' included), then runs `statement`, which
    /// needs the database to itself (`CREATE DATABASE … TEMPLATE`, `ALTER DATABASE … RENAME`);
    /// again while a daemon's reconnect beats it to it.
    func alone(_ database: String, _ statement: String) throws {
        let admin = try PostgresConnection(uri: superuserURI())
        for attempt in 1...20 {
            _ = try admin.result("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1", [.text(database)])
            do { return try admin.execute(statement) } catch let e as PostgresError where e.sqlState == "55006" && attempt < 20 { usleep(50_000) }
        }
    }

    /// A daemon's options without its scheduler (the tests run its jobs when they need them),
    /// with two readers and, when given, an erasure ledger.
    func options(ledger: String? = nil) -> TranscriptStore.Options {
        var options = TranscriptStore.Options()
        options.runsScheduler = false
        options.readerCount = 2
        options.erasureLedgerPath = ledger
        return options
    }

    /// One of several daemons over `uri` (keyring and data in its schema), with a state folder
    /// of its own (`label`): sharing the store (`shared_store`) when `shared`, appending to the
    /// audit chain `name` (nil: the store's first), with an erasure ledger when given.
    func daemon(_ uri: String, _ label: String, chain name: String?, shared: Bool, ledger: String? = nil,
                acceptRestored: Bool = false) throws -> TranscriptStore {
        var options = options(ledger: ledger)
        options.auditChainName = name
        options.sharesStore = shared
        options.acceptRestoredData = acceptRestored
        var settings = PostgresEngine.Settings()
        settings.sharedStore = shared
        // A refused start waits this long for the lock first (10 s in a daemon): the tests
        // that expect a refusal would wait out the default each time.
        settings.storeLockWaitSeconds = 2
        return try TranscriptStore(state: StateDirectory(path: folder.path + "/state-\(label)"),
                                   engine: PostgresEngine(keysURI: uri, dataURI: uri, settings: settings), masterKey: masterKey, options: options)
    }

    /// A connection as the owner of the test's schemas, on the default search path.
    func owner() throws -> PostgresConnection { try PostgresConnection(uri: ownerURI) }

    /// A new schema, and the owner's URI with it first on the search path (set at connect
    /// time, so it survives a reconnect), followed by `extra` URI parameters.
    func schemaURI(_ label: String, extra: String = "") throws -> (uri: String, schema: String) {
        let schema = "\(label)_" + UUID().uuidString.prefix(8).lowercased()
        try PostgresConnection(uri: ownerURI).execute("CREATE SCHEMA \(schema)")
        schemas.append(schema)
        return (ownerURI + (ownerURI.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)" + extra, schema)
    }

    static func context(_ method: String, purpose: String? = nil) -> AuditContext {
        AuditContext(uid: getuid(), pid: getpid(), role: "admin", method: method, purpose: purpose.map { try! Purpose($0) })
    }

    func context(_ method: String, purpose: String? = nil) -> AuditContext { Self.context(method, purpose: purpose) }

    @discardableResult
    static func append(_ store: TranscriptStore, _ customer: String, _ session: String, _ text: String) throws -> AppendResult {
        try store.append(customer: CustomerID(customer), session: SessionID(session),
                         messages: [Message(role: .customer, text: text, timestamp: Timestamp(milliseconds: 1_767_225_600_000))],
                         redact: false, context: context("session.append"))
    }

    @discardableResult
    func append(_ store: TranscriptStore, _ customer: String, _ session: String, _ text: String) throws -> AppendResult {
        try Self.append(store, customer, session, text)
    }

    func texts(_ store: TranscriptStore, _ customer: String, _ session: String) throws -> [String] {
        try store.get(customer: CustomerID(customer), session: SessionID(session), redactedView: false,
                      context: context("session.get", purpose: "support")).messages.map { try $0.decoded().text }
    }

    // MARK: Throwaway clusters (scripts/pg-cluster) and retries

    /// Clusters the test started itself (`startACluster`), stopped and deleted afterwards.
    private var ownClusters: [String] = []

    /// A slow control test of an attack review (the finding's scenario without the one
    /// ingredient it needs; green, seen with its finding): run only with CONFIDE_LONG_TESTS=1,
    /// for CI's time budget. The findings' own tests always run.
    func longControl() throws { try longOnly("a slow control test") }

    /// A slow test (`what` it is) run only with CONFIDE_LONG_TESTS=1, for CI's time budget.
    func longOnly(_ what: String) throws {
        guard ProcessInfo.processInfo.environment["CONFIDE_LONG_TESTS"] == "1" else {
            throw XCTSkip("\(what): run with CONFIDE_LONG_TESTS=1")
        }
    }

    /// A throwaway cluster of the test's own (`scripts/pg-cluster start`), for tests that
    /// stop, restore or copy a whole server; its `export` lines read back as a dictionary
    /// (`CONFIDE_TEST_POSTGRES_DIR`, `_URI`, `_KEYS_URI`, …).
    /// Skips the test where the suite does not run on scripts/pg-cluster's clusters.
    func startACluster() throws -> [String: String] {
        guard ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_DIR"] != nil else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_DIR is not set: the test starts throwaway clusters with scripts/pg-cluster")
        }
        let out = folder.path + "/cluster-\(ownClusters.count).env"
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/pg-cluster").path
        XCTAssertEqual(Self.run("/bin/sh", ["-c", "exec '\(script)' start > '\(out)' 2>/dev/null"]), 0, "scripts/pg-cluster start")
        var env: [String: String] = [:]
        for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n") where line.hasPrefix("export ") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let name = String(line[line.index(line.startIndex, offsetBy: 7)..<eq])
            env[name] = String(line[line.index(after: eq)...]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        ownClusters.append(try XCTUnwrap(env["CONFIDE_TEST_POSTGRES_DIR"], "scripts/pg-cluster start printed its folder"))
        return env
    }

    /// Runs `scripts/pg-cluster` with `arguments` (restart, crash, basebackup, …) and returns
    /// its wait status.
    static func pgCluster(_ arguments: [String]) -> Int32 {
        run(TestEnvironment.packageRoot.appendingPathComponent("scripts/pg-cluster").path, arguments)
    }

    /// Runs `path` with `arguments` and returns its wait status. Not Foundation's `Process`:
    /// it can miss the exit of a child whose own child (a postmaster, which pg_ctl leaves
    /// running) holds on to the descriptors the child inherited.
    static func run(_ path: String, _ arguments: [String]) -> Int32 {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// `body`, retried for up to 15 s while it throws (a request that met a dropped session,
    /// a reconnect waiting out its backoff); nil once it succeeds, else its last error. A
    /// keyring refused for lacking erasures (`isKeyringRefusal`) ends the wait at once: a
    /// running daemon never serves it again, so the attack tests that expect the refusal do
    /// not wait out the 15 s.
    func eventually(_ body: () throws -> Void) -> (any Error)? {
        var last: (any Error)?
        for _ in 0..<60 {
            do { try body(); return nil } catch {
                last = error
                if Self.isKeyringRefusal(error) { return error }
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        return last
    }

    /// Whether `error` is a daemon refusing a keyring that lacks erasures it must hold (the
    /// data's record of the newest, or those this daemon committed): refused for good until
    /// a restart re-applies the erasure ledger.
    static func isKeyringRefusal(_ error: any Error) -> Bool {
        let text = "\(error)"
        return text.contains("newest erasures the data store recorded") || text.contains("erasures this daemon committed there")
    }
}
