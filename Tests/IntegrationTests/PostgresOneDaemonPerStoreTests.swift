import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// One daemon per PostgreSQL store, as one per state folder on the embedded store: two
/// daemons over one store would each trust their own caches (a DEK, a hold) after the other
/// changed them. A second daemon is refused before it writes anything; a daemon killed with
/// kill -9 frees the store at once; and a daemon whose connections dropped while another
/// took its store never serves again from what it had cached.
final class PostgresOneDaemonPerStoreTests: DaemonTestCase {
    private func store() throws -> String {
        guard PostgresTestStore.ownerURI != nil, PostgresTestStore.superuserURI != nil else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI and CONFIDE_TEST_POSTGRES_SUPERUSER_URI are not set: run scripts/test, "
                + "or eval \"$(scripts/pg-cluster start)\" first")
        }
        return try PostgresTestStore.freshSchemaURI(label: "onedaemon")
    }

    /// A second daemon on `store` with the first one's development master key (so only the
    /// store's lock can stop it, not a key that cannot open the keyring).
    private func secondDaemon(beside first: DaemonHarness, store: String) throws -> DaemonHarness {
        // A refused start waits 3 s for the lock (postgres_store_lock_wait_s), not 10: long
        // enough for a daemon killed with kill -9 to let go (about a second).
        let second = try DaemonHarness(config: ["store": .string(store), "postgres_store_lock_wait_s": 3])
        addTeardownBlock { second.cleanup() }
        try FileManager.default.createDirectory(atPath: second.stateDir, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(atPath: first.stateDir + "/dev-master.key", toPath: second.stateDir + "/dev-master.key")
        return second
    }

    /// Ends the sessions that hold `first`'s locks on `uri` (as a network cut or a server
    /// restart would, while it is idle) and starts a second daemon on the store.
    private func takeTheStore(from first: DaemonHarness, uri: String) throws -> DaemonHarness {
        let schemaOID = try XCTUnwrap(try PostgresTestStore.column("SELECT oid::text FROM pg_namespace WHERE nspname = '\(XCTUnwrap(PostgresTestStore.schema(of: uri)))'",
                                                                   on: PostgresTestStore.superuserURI!).first)
        let ended = try PostgresTestStore.column("""
            SELECT pg_terminate_backend(pid, 5000)::text FROM pg_locks
            WHERE locktype = 'advisory' AND objid = \(schemaOID) AND classid IN (\(0x6366_646B), \(0x6366_6464))
            """, on: PostgresTestStore.superuserURI!)
        XCTAssertEqual(ended, ["true", "true"], "the keyring's and the writer's sessions held the store")
        let second = try secondDaemon(beside: first, store: uri)
        try second.start()
        return second
    }

    private func auditCount(_ store: String) throws -> String? {
        let schema = try XCTUnwrap(PostgresTestStore.schema(of: store))
        return try PostgresTestStore.column("SELECT count(*)::text FROM \(schema).audit_entry", on: PostgresTestStore.superuserURI!).first
    }

    func testASecondDaemonOnTheSameStoreIsRefusedBeforeItWritesAndStartsOnceTheFirstIsKilled() throws {
        let uri = try store()
        let first = try startDaemon(["store": .string(uri)])
        let c = first.client()
        try ok(c, "session.append", sessionParams("cust-one", "s1", [message("from the first daemon")]))
        // The scheduler's first run (its lead taken on a connection of its own) may come after
        // the append and anchor it with a checkpoint entry: counted once it has run.
        let deadline = Date().addingTimeInterval(15)
        while try ok(c, "keys.status")["jobs"]?["audit-anchor"]?["runs"]?.intValue ?? 0 < 1, Date() < deadline { usleep(50_000) }
        let entries = try auditCount(uri)

        let second = try secondDaemon(beside: first, store: uri)
        let refused = try second.expectStartupRefusal(second.devServeArguments)
        XCTAssertEqual(refused.status, 1, "\(refused)")
        XCTAssertTrue(refused.stderr.contains("another confide daemon serves"), "says why: \(refused.stderr)")
        XCTAssertTrue(refused.stderr.contains(try XCTUnwrap(PostgresTestStore.schema(of: uri))), "names the store: \(refused.stderr)")
        XCTAssertFalse(refused.stderr.range(of: #":[0-9a-f]{32}@"#, options: .regularExpression) != nil, "no password: \(refused.stderr)")
        XCTAssertEqual(try auditCount(uri), entries, "the refused daemon wrote nothing")
        // The same store through a search path that lists another schema first (where none of
        // the store's tables are): refused, naming the table found further along. (It started
        // before: the lock named the path's first schema, the statements used the store's.)
        let schema = try XCTUnwrap(PostgresTestStore.schema(of: uri))
        for front in ["pg_catalog", "\(schema)_empty"] {
            if front != "pg_catalog" {
                try PostgresTestStore.execute("CREATE SCHEMA \(front) AUTHORIZATION confide_owner", on: PostgresTestStore.superuserURI!)
            }
            let around = uri.replacingOccurrences(of: "search_path%3D\(schema)", with: "search_path%3D\(front)%2C\(schema)")
            XCTAssertNotEqual(around, uri)
            let third = try secondDaemon(beside: first, store: around)
            let refusedToo = try third.expectStartupRefusal(third.devServeArguments)
            XCTAssertEqual(refusedToo.status, 1, "search_path \(front),\(schema): \(refusedToo)")
            XCTAssertTrue(refusedToo.stderr.contains("its search path reaches table") && refusedToo.stderr.contains("in schema \(schema)"),
                          "\(front): \(refusedToo.stderr)")
            XCTAssertEqual(try auditCount(uri), entries, "\(front): the refused daemon wrote nothing")
        }
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-one", "s1"))), ["from the first daemon"], "the first one serves on")

        // A decoy: another schema holding only a `confide_schema` that says "migrated", put
        // first on the path, so the migrator would do nothing and every other table would be
        // the store's. Refused: the store's tables are not in the path's first schema.
        let decoy = "\(schema)_decoy"
        let entriesBeforeDecoy = try auditCount(uri)
        try PostgresTestStore.execute("""
            CREATE SCHEMA \(decoy) AUTHORIZATION confide_owner;
            CREATE TABLE \(decoy).confide_schema (LIKE \(schema).confide_schema INCLUDING ALL);
            INSERT INTO \(decoy).confide_schema SELECT * FROM \(schema).confide_schema;
            ALTER TABLE \(decoy).confide_schema OWNER TO confide_owner
            """, on: PostgresTestStore.superuserURI!)
        let decoyed = try secondDaemon(beside: first, store: uri.replacingOccurrences(of: "search_path%3D\(schema)",
                                                                                   with: "search_path%3D\(decoy)%2C\(schema)"))
        let refusedDecoy = try decoyed.expectStartupRefusal(decoyed.devServeArguments)
        XCTAssertEqual(refusedDecoy.status, 1, "\(refusedDecoy)")
        XCTAssertTrue(refusedDecoy.stderr.contains("in schema \(schema)"), "names where the store's tables are: \(refusedDecoy.stderr)")
        XCTAssertEqual(try auditCount(uri), entriesBeforeDecoy, "the decoyed daemon wrote nothing")

        // A daemon on another schema of the same database is another store: it starts.
        let other = try startDaemon(["store": .string(try store())])
        try ok(other.client(), "session.append", sessionParams("cust-other", "s1", [message("another store")]))

        // kill -9 ends the first daemon's sessions, and its locks with them.
        first.kill9()
        try second.start()
        XCTAssertEqual(texts(try ok(second.client(), "session.get", ids("cust-one", "s1"))), ["from the first daemon"])
    }

    func testADaemonWhoseStoreWasTakenWhileItsConnectionsWereDownNeverServesFromItsCachesAgain() throws {
        let uri = try store()
        let first = try startDaemon(["store": .string(uri)])
        let c = first.client()
        try ok(c, "session.append", sessionParams("cust-taken", "s1", [message("secret before the takeover")]))
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-taken", "s1"))), ["secret before the takeover"])  // its DEK is cached
        XCTAssertEqual(try ok(c, "system.health")["status"], .string("ok"))

        // The sessions holding the first daemon's locks end (a network cut, a restart) while
        // it is idle; a second daemon takes the store before the first reconnects, and shreds.
        // The first is frozen meanwhile: left running, its scheduler's first run (due right
        // after the start) could reconnect and take the lock back before the second daemon
        // got it, and the second would not start (a race, not the case tested; CI saw it).
        let firstPID = try XCTUnwrap(first.pid)
        XCTAssertEqual(kill(firstPID, SIGSTOP), 0)
        let second: DaemonHarness
        do { second = try takeTheStore(from: first, uri: uri) } catch {
            kill(firstPID, SIGCONT)
            throw error
        }
        XCTAssertEqual(kill(firstPID, SIGCONT), 0)
        try ok(second.client(), "customer.shred", ["customer": "cust-taken", "reason": "ERASE-1"])

        // Its health probe sees the store held by another before any request reaches it (the
        // probe runs every 2 s), so a load balancer takes it out of rotation at once; before,
        // health said ok until a request found out.
        var health = try ok(c, "system.health")
        let deadline = Date().addingTimeInterval(15)
        while health["status"] == .string("ok") && Date() < deadline {
            usleep(200_000)
            health = try ok(c, "system.health")
        }
        XCTAssertEqual(health["status"], .string("unavailable"), "health of the daemon whose store another took, before any request: \(health)")
        // Named by the probe, which found the lock's holder in pg_locks (its server process),
        // or by the scheduler's run that reconnected first and found the store taken.
        let reason = health["reason"]?.stringValue ?? ""
        XCTAssertTrue(reason.contains("server process") || reason.contains("another confide daemon took this store"), "\(health)")
        print("PostgresOneDaemonPerStoreTests: health before any request: \(health)")

        // The first daemon still holds the shredded customer's DEK in memory: it must not
        // serve it, nor anything else, while the second holds the store...
        for method in ["session.get", "session.append"] {
            let params = method == "session.get" ? ids("cust-taken", "s1") : sessionParams("cust-taken", "s1", [message("late")])
            let r = try c.reply(method, params)
            XCTAssertNil(r.result, "\(method) through the daemon that lost its store: \(r)")
            XCTAssertEqual(r.code, -32005, "\(method): \(r)")
            XCTAssertTrue(r.message.contains("another confide daemon serves"), "\(method) says why: \(r.message)")
        }
        // ...nor after the second one stopped: what it changed is not in the first one's caches.
        XCTAssertEqual(try second.terminate(), .status(0))
        usleep(2_500_000)  // a health check after the other left, which finds the lock free
        health = try ok(c, "system.health")
        XCTAssertEqual(health["status"], .string("unavailable"), "after the other daemon left, before any request: \(health)")
        for _ in 0..<3 {
            let r = try c.reply("session.get", ids("cust-taken", "s1"))
            XCTAssertNil(r.result, "a read after the other daemon stopped: \(r)")
            XCTAssertTrue(r.message.contains("restart this daemon"), "says what to do: \(r.message)")
            usleep(300_000)
        }
        // A probe sees it too, so that a load balancer stops sending it requests.
        health = try ok(c, "system.health")
        XCTAssertEqual(health["status"], .string("unavailable"), "\(health)")
        XCTAssertTrue(health["reason"]?.stringValue?.contains("restart it") == true, "\(health)")
        // Restarted, it reads the store as it is: the customer is erased.
        try first.restart()
        let after = try first.client().reply("session.get", ids("cust-taken", "s1"))
        XCTAssertNil(after.result, "the shredded customer after the restart: \(after)")
        XCTAssertEqual(try ok(first.client(), "audit.verify")["ok"], .bool(true))
    }

    /// The lock cannot tell that another daemon held the store and let go while this one's
    /// sessions were down: after the reconnect, the newest audit entry is not this writer's.
    /// Refused for good with the reason, as when the lock is found taken (before: every write
    /// failed on a duplicate audit seq, `23505`, and health said ok).
    func testADaemonWhoseStoreAnotherServedAndLeftWhileItsConnectionsWereDownRefusesUntilRestarted() throws {
        let uri = try store()
        let first = try startDaemon(["store": .string(uri), "scheduler_tick_s": .double(0.3)])
        let c = first.client()
        try ok(c, "session.append", sessionParams("cust-left", "s1", [message("secret before the other daemon")]))
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-left", "s1"))), ["secret before the other daemon"])  // DEK cached

        // Its connections stay down while the other daemon serves: it is frozen meanwhile. Left
        // running, its scheduler (every 0.3 s here) could reconnect and take the lock back before
        // the second daemon got it, and the second would not start (a race, not the case tested).
        let firstPID = try XCTUnwrap(first.pid)
        XCTAssertEqual(kill(firstPID, SIGSTOP), 0)
        let second: DaemonHarness
        do {
            second = try takeTheStore(from: first, uri: uri)
            try ok(second.client(), "customer.shred", ["customer": "cust-left", "reason": "ERASE-2"])
            XCTAssertEqual(try second.terminate(), .status(0))
        } catch {
            kill(firstPID, SIGCONT)
            throw error
        }
        XCTAssertEqual(kill(firstPID, SIGCONT), 0)

        // The first daemon's sessions come back and take the locks (nobody holds them now), but
        // its caches are from before the other's shred: it serves nothing, and says why.
        for (method, params) in [("session.get", ids("cust-left", "s1")), ("session.append", sessionParams("cust-new", "s1", [message("x")])),
                                 ("session.get", ids("cust-left", "s1"))] {
            let r = try c.reply(method, params)
            XCTAssertNil(r.result, "\(method) through the daemon whose store another served: \(r)")
            XCTAssertEqual(r.code, -32005, "\(method): \(r)")
            XCTAssertTrue(r.message.contains("restart this daemon"), "\(method) says what to do: \(r.message)")
        }
        let health = try ok(c, "system.health")
        XCTAssertEqual(health["status"], .string("unavailable"), "\(health)")
        // Nor does it run the background jobs (their keyring writes could not be audited): it
        // gives the scheduler's lead up, which it had kept through the other daemon's stay.
        let lead = (0x6366_646C as Int64) << 32 | (try PostgresTestStore.schemaOID(try XCTUnwrap(PostgresTestStore.schema(of: uri))))
        XCTAssertNotNil(try PostgresTestStore.AdvisoryLock(lead, on: uri, applicationName: "next-leader", waitSeconds: 5),
                        "the daemon that lost its store gave the scheduler's lead up")
        try first.restart()
        XCTAssertNil(try first.client().reply("session.get", ids("cust-left", "s1")).result, "the shredded customer after the restart")
        try ok(first.client(), "session.append", sessionParams("cust-new", "s1", [message("after the restart")]))
        XCTAssertEqual(try ok(first.client(), "audit.verify")["ok"], .bool(true))
    }
}
