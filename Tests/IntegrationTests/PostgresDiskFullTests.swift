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
        let outcomes = (0..<Self.writers).map { _ in Locked(Writer()) }
        let done = DispatchGroup()
        for w in 0..<Self.writers {
            done.enter()
            let client = daemon.client(timeout: 60)
            Thread.detachNewThread {
                defer { done.leave() }
                var inARow = 0
                for i in 0..<200 where inARow < 3 {
                    let marker = "w\(w)-big-\(i)"
                    do {
                        let r = try client.reply("session.append", sessionParams("cust-full", "big-\(w)", [message(marker + " " + Self.bigText)]))
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
        let filled = outcomes.map(\.snapshot)
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
