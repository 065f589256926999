import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// A full disk under a daemon on PostgreSQL, for real: the daemon's data schema lives in a
/// tablespace on a small tmpfs (owned by the cluster's OS user), so PostgreSQL itself fails
/// to extend a table with SQLSTATE 53100 ("could not extend file …: No space left on
/// device"). Appends from several clients in flight when it fills answer -32005 naming that
/// cause; nothing half-written: every acknowledged append is there, no refused one is, and
/// the audit chain verifies online and offline. Once the tmpfs is grown (a remount), the
/// same daemon process serves writes again. The SQLite twin: `ReliabilityDiskFullTests`.
final class PostgresDiskFullTests: DaemonTestCase {
    static let bigText = String(repeating: "F", count: 256 << 10)
    static let writers = 3

    /// What one client saw while the tablespace filled: the markers of its acknowledged
    /// appends in order, and every refusal.
    struct Writer {
        var acked: [String] = []
        var refused: [(marker: String, code: Int, message: String)] = []
        var unanswered: [String] = []
    }

    func testAFullTablespaceAnswersUnavailableLeavesNothingHalfWrittenAndTheSameDaemonServesOnceItHasRoom() throws {
        guard let owner = PostgresTestStore.ownerURI, let superuser = PostgresTestStore.superuserURI else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI and CONFIDE_TEST_POSTGRES_SUPERUSER_URI are not set: run scripts/test, "
                          + "or eval \"$(scripts/pg-cluster start)\" first")
        }
        guard getuid() == 0 else { throw XCTSkip("mounting a tmpfs for the tablespace needs root (CI runs as root)") }
        let volume = try SmallTablespace(superuser: superuser, owner: owner, size: "4m")
        // Teardown blocks run before DaemonTestCase's tearDown: the daemon is stopped here
        // first, so its sessions do not hold the schema or the tablespace.
        var harness: DaemonHarness?
        addTeardownBlock { harness?.kill9(); volume.remove() }
        guard volume.mounted else { throw XCTSkip("mount refused a tmpfs here: \(volume.mountProblem)") }

        // The keyring in a schema of its own on the cluster's disk; the data (sessions,
        // chunks, the audit chain) in a schema whose tables the migrator creates in the
        // small tablespace (default_tablespace on every session of the daemon's store).
        let keys = try PostgresTestStore.freshSchemaURI(label: "full_keys")
        let data = try PostgresTestStore.freshSchemaURI(label: "full_data") + "%20-cdefault_tablespace%3D\(volume.tablespace)"
        volume.schemas = [keys, data].compactMap(PostgresTestStore.schema(of:))
        let daemon = try startDaemon(["store": .string(data), "keys_store": .string(keys)])
        harness = daemon
        let dataSchema = try XCTUnwrap(PostgresTestStore.schema(of: data))
        let placed = try PostgresTestStore.column("""
            SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_tablespace t ON t.oid = c.reltablespace
            WHERE n.nspname = '\(dataSchema)' AND t.spcname = '\(volume.tablespace)' AND c.relkind = 'r'
            """, on: superuser)
        XCTAssertEqual(Set(placed).intersection(["chunk", "session", "audit_entry"]), ["chunk", "session", "audit_entry"],
                       "the data tables are on the small tablespace: \(placed)")
        let pid = try XCTUnwrap(daemon.pid)
        let c = daemon.client(timeout: 60)
        try ok(c, "session.append", sessionParams("cust-full", "ref", (0..<20).map { message("reference \($0)") }))
        let reference = try ok(c, "session.get", ids("cust-full", "ref"))

        // Several clients append big messages at once until each is refused three times in
        // a row: the refusals hit requests in flight, grouped in one transaction or not.
        let filled = appendBigUntilRefused(daemon, customer: "cust-full", tag: "big")
        for (w, o) in filled.enumerated() {
            XCTAssertEqual(o.unanswered, [], "writer \(w): every append is answered")
            XCTAssertGreaterThanOrEqual(o.refused.count, 3, "writer \(w): the tablespace filled (\(o.acked.count) appends stored)")
            for r in o.refused {
                XCTAssertEqual(r.code, -32005, "writer \(w), \(r.marker): a full disk is unavailable, nothing else: \(r.message)")
                XCTAssertTrue(r.message.contains("53100"), "writer \(w), \(r.marker): the reply names the cause: \(r.message)")
            }
        }
        XCTAssertGreaterThan(filled.map(\.acked.count).reduce(0, +), 0, "appends were stored before the tablespace filled")
        print("PostgresDiskFullTests: \(filled.map(\.acked.count)) big appends stored per writer, then "
              + "\(filled.map(\.refused.count)) refused; e.g. \(filled.first?.refused.first?.message ?? "-")")

        // While full: a read answers the truth or fails closed (its audit entry may not fit).
        for r in [try c.reply("session.get", ids("cust-full", "ref")), try c.reply("audit.verify")] {
            if let v = r.result {
                XCTAssertTrue(v == reference || v["ok"] == .bool(true), "\(v)")
            } else {
                XCTAssertEqual(r.code, -32005, "a read on a full disk may only fail closed: \(r)")
            }
        }
        // New customers while full: the keyring (on the cluster's own disk) commits their
        // keys, then their first append fails in the data schema. A refused first write
        // must leave no customer behind in the keyring.
        var newCustomers: [String: Bool] = [:]
        for i in 0..<4 {
            let r = try c.reply("session.append", sessionParams("cust-new-\(i)", "s1", [message("new \(i) " + Self.bigText)]))
            if r.result == nil { XCTAssertEqual(r.code, -32005, "a new customer's first write on a full disk: \(r.message)") }
            newCustomers["cust-new-\(i)"] = r.result != nil
        }
        print("PostgresDiskFullTests: new customers' first appends while full: \(newCustomers.values.filter { $0 }.count) stored, "
              + "\(newCustomers.values.filter { !$0 }.count) refused")
        XCTAssertEqual(try PostgresTestStore.column("SELECT COUNT(*)::text FROM customer", on: keys).first,
                       String(1 + newCustomers.values.filter { $0 }.count), "the keyring holds only customers with a stored write")
        assertAlive(daemon)

        // Room again: the same daemon, without a restart, serves the next write at once.
        let grow = try runProgram(["mount", "-o", "remount,size=64m", volume.path])
        XCTAssertEqual(grow.status, 0, "remount: \(grow)")
        let first = try c.reply("session.append", sessionParams("cust-full", "after", [message("room again")]))
        XCTAssertNotNil(first.result, "the first write once the disk has room must succeed: \(first)")
        for (w, o) in filled.enumerated() {
            let r = try ok(c, "session.append", sessionParams("cust-full", "big-\(w)", [message("w\(w)-after " + Self.bigText)]))
            XCTAssertEqual(r["first_seq"]?.intValue, o.acked.count + 1, "writer \(w): no refused append was stored")
        }
        XCTAssertEqual(daemon.pid, pid, "the same daemon process throughout")

        // Nothing lost, nothing half-written, in order.
        XCTAssertEqual(try ok(c, "session.get", ids("cust-full", "ref")), reference)
        for (w, o) in filled.enumerated() {
            let stored = texts(try ok(c, "session.get", ids("cust-full", "big-\(w)"))).map { String($0.prefix { $0 != " " }) }
            XCTAssertEqual(stored, o.acked + ["w\(w)-after"], "writer \(w): exactly the acknowledged appends, in order")
        }
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-full", "after"))), ["room again"])
        for (customer, stored) in newCustomers {
            if stored {
                XCTAssertEqual(try ok(c, "session.get", ids(customer, "s1"))["messages"]?.arrayValue?.count, 1, customer)
            } else {
                try expectError(c, "session.get", ids(customer, "s1"), code: -32004)
                try ok(c, "session.append", sessionParams(customer, "s1", [message("now there is room")]))
                XCTAssertEqual(texts(try ok(c, "session.get", ids(customer, "s1"))), ["now there is room"], customer)
            }
        }
        let audit = try ok(c, "audit.verify")
        XCTAssertEqual(audit["ok"], .bool(true), "\(audit)")
        XCTAssertEqual(try daemon.terminate(), .status(0))
        let offline = try daemon.runCLI(["audit", "verify", "--offline"] + daemon.offlineStore, timeout: 60)
        XCTAssertEqual(offline.status, 0, "the chain verifies offline on PostgreSQL: \(offline)")
    }
}

extension PostgresDiskFullTests {
    /// The whole volume full, as when PostgreSQL's WAL shares the full disk: a cluster of its
    /// own (`scripts/pg-cluster start --wal-dir`) whose write-ahead log is on a small tmpfs.
    /// PostgreSQL stops (PANIC: it cannot write WAL; its crash recovery cannot either) and
    /// an operator must free space and start it. Meanwhile the daemon answers -32005 and
    /// stays up; once the server is back, the same daemon serves again: every acknowledged
    /// append is there, no refused one is (except one whose COMMIT was cut, which says its
    /// outcome is unknown), and the audit chain verifies.
    func testAFullWALVolumeStopsPostgreSQLTheDaemonAnswersUnavailableAndServesOnceTheServerIsBack() throws {
        guard getuid() == 0 else { throw XCTSkip("mounting a tmpfs for the WAL needs root (CI runs as root)") }
        guard PostgresTestStore.ownerURI != nil, let owner = getpwnam("postgres")?.pointee else {
            throw XCTSkip("needs the PostgreSQL of scripts/pg-cluster (CONFIDE_TEST_POSTGRES_URI) and its `postgres` user")
        }
        let tag = UUID().uuidString.prefix(8).lowercased()
        let wal = NSTemporaryDirectory() + "confide-pgwal-\(tag)"
        try FileManager.default.createDirectory(atPath: wal, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let mount = try runProgram(["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700,uid=\(owner.pw_uid),gid=\(owner.pw_gid)", "tmpfs", wal])
        guard mount.status == 0 else {
            try? FileManager.default.removeItem(atPath: wal)
            throw XCTSkip("mount refused a tmpfs here: \(mount)")
        }
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/pg-cluster").path
        var cluster: String?
        var harness: DaemonHarness?
        addTeardownBlock {
            harness?.kill9()
            if let cluster { _ = Self.shell("'\(script)' stop '\(cluster)' >/dev/null 2>&1") }
            if (try? runProgram(["umount", wal]))?.status != 0 { _ = try? runProgram(["umount", "-l", wal]) }
            try? FileManager.default.removeItem(atPath: wal)
        }
        let env = wal + ".env"
        defer { try? FileManager.default.removeItem(atPath: env) }
        XCTAssertEqual(Self.shell("'\(script)' start --wal-dir '\(wal)' > '\(env)' 2>/dev/null"), 0, "scripts/pg-cluster start --wal-dir")
        let exports = try String(contentsOfFile: env, encoding: .utf8)
        func exported(_ name: String) throws -> String {
            let line = try XCTUnwrap(exports.split(separator: "\n").first { $0.hasPrefix("export \(name)=") }, name)
            return String(line.dropFirst("export \(name)=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        cluster = try exported("CONFIDE_TEST_POSTGRES_DIR")
        let store = try PostgresTestStore.freshSchemaURI(label: "walfull", over: try exported("CONFIDE_TEST_POSTGRES_URI"))
        let daemon = try startDaemon(["store": .string(store)])
        harness = daemon
        let pid = try XCTUnwrap(daemon.pid)
        let c = daemon.client(timeout: 60)
        try ok(c, "session.append", sessionParams("cust-wal", "ref", (0..<5).map { message("reference \($0)") }))
        let reference = try ok(c, "session.get", ids("cust-wal", "ref"))

        // Big appends from three clients until each is refused three times in a row.
        let filled = appendBigUntilRefused(daemon, customer: "cust-wal", tag: "wal")
        for (w, o) in filled.enumerated() {
            XCTAssertEqual(o.unanswered, [], "writer \(w): every append is answered")
            XCTAssertGreaterThanOrEqual(o.refused.count, 3, "writer \(w): the WAL's volume filled (\(o.acked.count) appends stored)")
            for r in o.refused { XCTAssertEqual(r.code, -32005, "writer \(w), \(r.marker): \(r.message)") }
        }
        print("PostgresDiskFullTests (WAL): \(filled.map(\.acked.count)) big appends stored per writer, then \(filled.map(\.refused.count)) "
              + "refused; e.g. \(filled.first?.refused.first?.message ?? "-")")
        XCTAssertTrue(daemon.isRunning, "the daemon stays up while its database is down")
        XCTAssertEqual(try c.reply("session.get", ids("cust-wal", "ref")).code, -32005, "a read while the server is down fails closed")

        // PostgreSQL's crash recovery fails on the full volume too and the postmaster exits;
        // the operator sees it down, frees space and starts it. (Stopping it while its crash
        // recovery still runs can hang that recovery past pg_ctl's 60 s: wait for the exit.)
        let postmasterPID = cluster! + "/data/postmaster.pid"
        let stopDeadline = Date().addingTimeInterval(60)
        while FileManager.default.fileExists(atPath: postmasterPID), Date() < stopDeadline { usleep(100_000) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: postmasterPID), "PostgreSQL stopped: its WAL volume is full")
        // The operator frees space and starts PostgreSQL; the same daemon serves again.
        XCTAssertEqual(try runProgram(["mount", "-o", "remount,size=128m", wal]).status, 0, "remount")
        let restarted = Self.shell("'\(script)' restart '\(cluster!)' >/dev/null 2>&1")
        if restarted != 0 { _ = Self.shell("echo '---- server.log ----'; tail -40 '\(cluster!)/server.log'") }
        XCTAssertEqual(restarted, 0, "scripts/pg-cluster restart (starts a stopped server)")
        var first: Result<JSONValue, ConfideRPCError>?
        let deadline = Date().addingTimeInterval(30)
        repeat {
            first = try c.reply("session.append", sessionParams("cust-wal", "after", [message("the server is back")]))
            if first?.result != nil { break }
            XCTAssertEqual(first?.code, -32005, "\(first.map { "\($0)" } ?? "")")
            usleep(250_000)
        } while Date() < deadline
        XCTAssertNotNil(first?.result, "the daemon serves again once the server is back: \(first.map { "\($0)" } ?? "")")
        XCTAssertEqual(daemon.pid, pid, "the same daemon process throughout")
        // The readers that sat idle while the server was away find that out on their next
        // use and serve that read (each reader's connection reconnects before its BEGIN): no read fails.
        for _ in 0..<12 { XCTAssertEqual(try c.reply("session.get", ids("cust-wal", "ref")).result, reference, "a read once the server is back") }
        // The keyring's connection, idle through the outage, finds the server gone at its next
        // statement and reconnects there: served at once. (Before: libpq called it good until
        // its second failed statement, and the first one or two requests answered -32005.)
        for (method, params) in [("customer.hold", ["customer": "cust-wal", "reason": "WAL-1"] as JSONObject),
                                 ("customer.release", ["customer": "cust-wal", "reason": "WAL-1"]),
                                 ("session.append", sessionParams("cust-wal-new", "s1", [message("a new customer")]))] {
            let answer = try c.reply(method, params)
            XCTAssertNotNil(answer.result, "\(method), the first call once the server is back: \(answer)")
        }

        XCTAssertEqual(try ok(c, "session.get", ids("cust-wal", "ref")), reference)
        for (w, o) in filled.enumerated() {
            let stored = texts(try ok(c, "session.get", ids("cust-wal", "big-\(w)"))).map { String($0.prefix { $0 != " " }) }
            // A COMMIT cut by the PANIC, whose outcome could not be settled, says so; only it may be there.
            let unknown = Set(o.refused.filter { $0.message.contains("unknown") }.map(\.marker))
            XCTAssertEqual(Set(stored).subtracting(o.acked).subtracting(unknown), [], "writer \(w): a refused append is there")
            XCTAssertEqual(Set(o.acked).subtracting(stored), [], "writer \(w): an acknowledged append is missing")
            XCTAssertEqual(stored, (o.acked + o.refused.map(\.marker)).filter(Set(stored).contains).sorted { Self.index($0) < Self.index($1) },
                           "writer \(w): in the order sent, each once")
        }
        XCTAssertEqual(try ok(c, "audit.verify")["ok"], .bool(true))
        XCTAssertEqual(try daemon.terminate(), .status(0))
        let offline = try daemon.runCLI(["audit", "verify", "--offline"] + daemon.offlineStore, timeout: 60)
        XCTAssertEqual(offline.status, 0, "the chain verifies offline: \(offline)")
    }

    /// `writers` clients append big messages to `customer`'s session `big-<w>` at once until
    /// each is refused three times in a row (the refusals hit requests in flight, grouped in
    /// one transaction or not); what each had acknowledged, refused and left unanswered.
    func appendBigUntilRefused(_ daemon: DaemonHarness, customer: String, tag: String) -> [Writer] {
        let outcomes = (0..<Self.writers).map { _ in Locked(Writer()) }
        let done = DispatchGroup()
        for w in 0..<Self.writers {
            done.enter()
            let client = daemon.client(timeout: 90)
            Thread.detachNewThread {
                defer { done.leave() }
                var inARow = 0
                for i in 0..<200 where inARow < 3 {
                    let marker = "w\(w)-\(tag)-\(i)"
                    do {
                        let r = try client.reply("session.append", sessionParams(customer, "big-\(w)", [message(marker + " " + Self.bigText)]))
                        if r.result != nil {
                            outcomes[w].withLock { $0.acked.append(marker) }
                            inARow = 0
                        } else {
                            outcomes[w].withLock { $0.refused.append((marker, r.code ?? 0, r.message)) }
                            inARow += 1
                        }
                    } catch {
                        outcomes[w].withLock { $0.unanswered.append("\(marker): \(error)") }
                        return
                    }
                }
            }
        }
        XCTAssertEqual(done.wait(timeout: .now() + 300), .success, "the writers finish")
        return outcomes.map(\.snapshot)
    }

    /// The number at the end of a marker (`w1-wal-17` → 17).
    static func index(_ marker: String) -> Int { Int(marker.split(separator: "-").last ?? "") ?? -1 }

    /// Runs `command` with /bin/sh and returns its exit status. Not Foundation's `Process`
    /// (see `PostgresFailureTests.run`): the postmaster pg_ctl leaves running holds on to
    /// what its parent inherited.
    static func shell(_ command: String) -> Int32 {
        let arguments: [String] = ["/bin/sh", "-c", command]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// A tablespace on a tmpfs mounted for one test (owned by the cluster's OS user, so the
/// server writes there), granted to the owner role; `remove()` drops the test's schemas,
/// the tablespace, and unmounts, whatever state the test left.
final class SmallTablespace: @unchecked Sendable {
    let superuser: String
    let path: String
    let tablespace: String
    private(set) var mounted = false
    private(set) var mountProblem = ""
    /// Schemas to drop (CASCADE) before the tablespace.
    var schemas: [String] = []

    init(superuser: String, owner: String, size: String) throws {
        self.superuser = superuser
        let tag = UUID().uuidString.prefix(8).lowercased()
        tablespace = "confide_full_\(tag)"
        path = NSTemporaryDirectory() + "confide-pgfull-\(tag)"
        // The server's OS user: the owner of its data directory.
        let dataDirectory = try XCTUnwrap(try PostgresTestStore.column("SHOW data_directory", on: superuser).first)
        var st = stat()
        guard stat(dataDirectory, &st) == 0 else { throw HarnessError("cannot stat the cluster's data directory \(dataDirectory)") }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let mount = try runProgram(["mount", "-t", "tmpfs", "-o", "size=\(size),mode=0700,uid=\(st.st_uid),gid=\(st.st_gid)", "tmpfs", path])
        guard mount.status == 0 else {
            mountProblem = "\(mount)"
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        mounted = true
        try PostgresTestStore.execute("CREATE TABLESPACE \(tablespace) LOCATION '\(path)'", on: superuser)
        let role = try XCTUnwrap(try PostgresTestStore.column("SELECT current_user::text", on: owner).first)
        try PostgresTestStore.execute("GRANT CREATE ON TABLESPACE \(tablespace) TO \(role)", on: superuser)
    }

    func remove() {
        guard mounted else { return }
        // The daemon's server processes end a moment after the daemon: retry for a while.
        let deadline = Date().addingTimeInterval(20)
        repeat {
            do {
                for schema in schemas { try PostgresTestStore.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE", on: superuser) }
                try PostgresTestStore.execute("DROP TABLESPACE IF EXISTS \(tablespace)", on: superuser)
                break
            } catch {
                if Date() > deadline { print("SmallTablespace: cannot drop \(tablespace): \(error)"); break }
                usleep(200_000)
            }
        } while true
        if (try? runProgram(["umount", path]))?.status != 0 { _ = try? runProgram(["umount", "-l", path]) }
        try? FileManager.default.removeItem(atPath: path)
        mounted = false
    }
}
