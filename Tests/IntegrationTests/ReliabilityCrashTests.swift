import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// Crash consistency: the real daemon under a concurrent mix of append / put / get / delete /
/// shred / key rotations, SIGKILLed at random moments (seeded) and restarted, with every
/// invariant checked after every restart and the files checked at the end.
final class ReliabilityCrashTests: DaemonTestCase {
    static let threads = 4

    func testRandomSIGKILLsUnderMixedLoadLoseNoAcknowledgedOperationAndTearNothing() throws {
        let seed = ReliabilitySettings.seed()
        let cycles = ReliabilitySettings.long ? 100 : 20
        print("ReliabilityCrashTests: seed \(seed) (replay with CONFIDE_TEST_SEED=\(seed)), \(cycles) kill cycles")
        // A fast scheduler (re-wrap, KEK destruction, purges) and frequent signed audit
        // checkpoints, so kills also land inside background jobs.
        let harness = try startDaemon(["scheduler_tick_s": .double(0.3), "audit_checkpoint_interval": 20, "rewrap_batch_size": 2])
        let states = Locked((0..<Self.threads).map { OwnedState(thread: $0) })
        var rng = SeededRandom(seed: seed)
        var auditEntries = 0
        var totals = (acked: 0, inDoubt: 0, applied: 0)
        let kinds = Locked([String: Int]())

        for cycle in 0..<cycles {
            let failures = Locked([String]())
            let doubts = Locked([LoadOp?](repeating: nil, count: Self.threads))
            let acked = Locked(0)
            let stop = Locked(false)
            let done = Locked(false)
            let socket = harness.socketPath
            Thread {
                let finished = runOnThreads(Self.threads, timeout: 120) { t in
                    var state = states.withLock { $0[t] }
                    var local = SeededRandom.derived(seed, cycle, t)
                    defer { states.withLock { $0[t] = state } }
                    guard let c = try? RawSocket(path: socket, timeout: 30) else { return }
                    while !stop.snapshot {
                        let op = state.nextOp(&local)
                        let (method, params) = state.request(op)
                        let reply: Reply
                        do { reply = try c.roundTrip(method, params) } catch {
                            doubts.withLock { $0[t] = op }
                            if case ClientFailure.timeout = error { failures.withLock { $0.append("thread \(t): \(op) timed out") } }
                            return
                        }
                        if let problem = state.problem(with: reply, for: op) {
                            failures.withLock { $0.append("seed \(seed) cycle \(cycle) thread \(t) \(op): \(problem)") }
                            return
                        }
                        state = state.applying(op, reply: reply)
                        acked.withLock { $0 += 1 }
                        kinds.withLock { $0[String("\(op)".prefix { $0 != "(" }), default: 0] += 1 }
                    }
                }
                if !finished { failures.withLock { $0.append("the load threads did not stop within 120 s") } }
                done.withLock { $0 = true }
            }.start()

            // Kill at a random moment once the load is under way (bounded waits only).
            let started = MonotonicClock.seconds()
            while acked.snapshot < 1 && failures.snapshot.isEmpty && MonotonicClock.seconds() - started < 20 { usleep(2_000) }
            usleep(UInt32.random(in: 0..<700_000, using: &rng))
            XCTAssertTrue(harness.isRunning, "seed \(seed) cycle \(cycle): the daemon died on its own")
            let exit = harness.kill9()
            stop.withLock { $0 = true }
            XCTAssertEqual(exit, DaemonHarness.Exit.signal(SIGKILL), "seed \(seed) cycle \(cycle)")
            let deadline = MonotonicClock.seconds() + 130
            while !done.snapshot && MonotonicClock.seconds() < deadline { usleep(5_000) }
            XCTAssertTrue(done.snapshot, "seed \(seed) cycle \(cycle): load threads still running")
            XCTAssertEqual(failures.snapshot, [], "seed \(seed) cycle \(cycle)")
            guard failures.snapshot.isEmpty, done.snapshot else { return }
            totals.acked += acked.snapshot

            if cycle % 5 == 4 && !harness.usesPostgres {  // the files as the kill left them (read-only, no recovery written)
                for db in ["keys.db", "data.db"] {
                    XCTAssertEqual(try sqliteIntegrity(harness.stateDir + "/" + db, readOnly: true), "ok", "seed \(seed) cycle \(cycle): \(db) after SIGKILL")
                }
            }
            try harness.start()
            let c = try harness.rawSocket(timeout: 60)
            for t in 0..<Self.threads {
                let before = states.withLock { $0[t] }
                let doubt = doubts.withLock { $0[t] }
                if doubt != nil { totals.inDoubt += 1 }
                let resolved = try resolve(c, before, doubt, seed: seed, cycle: cycle)
                if resolved != before { totals.applied += doubt == nil ? 0 : 1 }
                states.withLock { $0[t] = resolved }
                try checkErased(c, resolved, rng: &rng, seed: seed, cycle: cycle)
            }
            let audit = try ok(c, "audit.verify")
            XCTAssertEqual(audit["ok"], JSONValue.bool(true), "seed \(seed) cycle \(cycle): \(audit)")
            let entries = audit["entries"]?.intValue ?? 0
            XCTAssertGreaterThan(entries, auditEntries, "seed \(seed) cycle \(cycle): audit entries lost")
            auditEntries = entries
            let kek = try ok(c, "keys.status")["kek"]?.arrayValue ?? []
            let active = kek.first { $0["state"] == "active" }?["version"]?.intValue ?? 0
            let maxAcked = states.snapshot.map(\.maxKEK).max() ?? 0
            XCTAssertGreaterThanOrEqual(active, maxAcked, "seed \(seed) cycle \(cycle): an acknowledged KEK rotation was lost: \(kek)")
            if (testRun?.totalFailureCount ?? 0) > 0 { return }  // stop at the first broken cycle
        }
        print("ReliabilityCrashTests: \(totals.acked) acknowledged operations, \(totals.inDoubt) in doubt at a kill, "
              + "\(totals.applied) of those had a visible effect; \(auditEntries) audit entries; acknowledged by kind: "
              + kinds.snapshot.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

        XCTAssertEqual(try harness.terminate(), DaemonHarness.Exit.status(0))
        let verify = try harness.runCLI(["audit", "verify", "--offline"] + harness.offlineStore)
        XCTAssertEqual(verify.status, 0, "offline audit verify: \(verify.stdout) \(verify.stderr)")
        XCTAssertTrue(verify.stdout.contains("\"ok\":true"), verify.stdout)
        for db in ["keys.db", "data.db"] where !harness.usesPostgres {
            XCTAssertEqual(try sqliteIntegrity(harness.stateDir + "/" + db), "ok", "\(db) integrity_check, seed \(seed)")
        }
    }

    /// Reads back what the daemon holds for one thread's customer and returns the model it
    /// matches: the state before the operation left in doubt, or after it — nothing in between.
    func resolve(_ c: RawSocket, _ before: OwnedState, _ doubt: LoadOp?, seed: UInt64, cycle: Int) throws -> OwnedState {
        let where_ = "seed \(seed) cycle \(cycle) thread \(before.thread)"
        let export = try c.roundTrip("customer.export", ["customer": .string(before.customer)])
        var observed = ObservedCustomer(gone: false, sessions: [:])
        if let r = export.result {
            for item in r["sessions"]?.arrayValue ?? [] {
                guard let s = ObservedSession(item) else { throw HarnessError("\(where_): malformed exported session \(item)") }
                XCTAssertNil(observed.sessions[s.name], "\(where_): session \(s.name) exported twice")
                observed.sessions[s.name] = s.session
            }
        } else {
            XCTAssertEqual(export.code, -32004, "\(where_): export of \(before.customer): \(export)")
            observed.gone = true
        }
        var candidates = [before]
        if let doubt { candidates.append(before.applying(doubt)) }
        guard let match = candidates.first(where: { observed.matches($0, before: before) }) else {
            let expected = candidates.map { $0.generation != before.generation ? "customer not found" : "\($0.sessions)" }
            XCTFail("\(where_): after restart the customer \(before.customer) holds \(observed); expected one of \(expected) "
                    + "(operation in doubt: \(doubt.map { "\($0)" } ?? "none"))")
            throw HarnessError("state mismatch")
        }
        // Every live session also reads back on its own (no -32006: its DEK generations exist).
        for (name, session) in match.sessions.sorted(by: { $0.key < $1.key }) {
            let r = try c.roundTrip("session.get", ids(match.customer, name))
            guard let result = r.result, let got = ObservedSession(result) else {
                XCTFail("\(where_): session.get(\(match.customer), \(name)): \(r)")
                continue
            }
            XCTAssertEqual(got.session, session, "\(where_): session.get(\(name))")
        }
        return match
    }

    /// Deleted sessions stay deleted; shredded customers answer -32004 to get and export.
    /// Checks those erased in the last cycles plus a random sample of older ones.
    func checkErased(_ c: RawSocket, _ s: OwnedState, rng: inout SeededRandom, seed: UInt64, cycle: Int) throws {
        func sample(_ list: [ErasedRef]) -> [ErasedRef] {
            Array(list.suffix(15)) + Array(list.dropLast(15).shuffled(using: &rng).prefix(10))
        }
        for d in sample(s.deleted) {
            let r = try c.roundTrip("session.get", ids(d.customer, d.sessions[0]))
            XCTAssertEqual(r.code, -32004, "seed \(seed) cycle \(cycle): deleted session \(d.customer)/\(d.sessions[0]) answered \(r)")
        }
        for x in sample(s.shredded) {
            let r = try c.roundTrip("customer.export", ["customer": .string(x.customer)])
            XCTAssertEqual(r.code, -32004, "seed \(seed) cycle \(cycle): shredded \(x.customer) export answered \(r)")
            for name in x.sessions.prefix(3) + ["never-existed"] {
                let g = try c.roundTrip("session.get", ids(x.customer, name))
                XCTAssertEqual(g.code, -32004, "seed \(seed) cycle \(cycle): shredded \(x.customer)/\(name) get answered \(g)")
            }
        }
    }
}
