import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Many clients at once, each on its own connection and thread.
final class ConcurrencyTests: DaemonTestCase {
    func testConcurrentAppendsAreEachStoredOnceInPerClientOrderAndGroupCommitted() throws {
        let harness = try startDaemon()
        let clients = 32, rounds = 12
        let socket = harness.socketPath
        let record = Locked(LoadRecord())
        /// Client i appends alternately to the shared session and to its own: clients 0..<16
        /// own a session of the shared customer, the others a customer of their own.
        let own: @Sendable (Int) -> (String, String) = { i in i < clients / 2 ? ("cust-conc", "own-\(i)") : ("cust-own-\(i)", "s") }
        let finished = runOnThreads(clients, timeout: 120) { i in
            do {
                let c = ConfideClient(socketPath: socket, callTimeout: .seconds(30))
                var order = 0
                for round in 0..<rounds {
                    for (customer, session) in [("cust-conc", "shared"), own(i)] {
                        let n = (round + i) % 3 + 1
                        let batch = (0..<n).map { "c\(i)-r\(round)-\(session == "shared" ? "sh" : "own")-\($0)" }
                        let r = try c.reply("session.append", sessionParams(customer, session, batch.map { message($0) }))
                        guard let first = r.result?["first_seq"]?.intValue, r.result?["count"]?.intValue ?? 0 >= first + n - 1 else {
                            record.withLock { $0.failures.append("client \(i): \(r)") }
                            return
                        }
                        record.withLock { $0.acks.append(Ack(client: i, order: order, customer: customer, session: session, firstSeq: first, texts: batch)) }
                        order += 1
                    }
                }
            } catch {
                record.withLock { $0.failures.append("client \(i): \(error)") }
            }
        }
        XCTAssertTrue(finished, "the clients did not finish in time")
        let result = record.snapshot
        XCTAssertEqual(result.failures, [])
        XCTAssertEqual(result.acks.count, clients * rounds * 2, "every append acknowledged")

        let c = harness.client()
        let sessions = Dictionary(grouping: result.acks) { "\($0.customer)/\($0.session)" }
        XCTAssertEqual(sessions.count, 1 + clients)
        for (key, acks) in sessions {
            let parts = key.split(separator: "/").map(String.init)
            let transcript = try ok(c, "session.get", ids(parts[0], parts[1]))
            XCTAssertEqual(verifySession(transcript, acks: acks, inDoubt: []), [], key)
            XCTAssertEqual(transcript["count"]?.intValue, acks.reduce(0) { $0 + $1.texts.count }, "\(key): counts add up")
            // Per client, seqs grow in the order the client sent its appends.
            for (client, mine) in Dictionary(grouping: acks, by: \.client) {
                let seqs = mine.sorted { $0.order < $1.order }.map(\.firstSeq)
                XCTAssertEqual(seqs, seqs.sorted(), "\(key): client \(client)'s appends out of order: \(seqs)")
                XCTAssertEqual(Set(seqs).count, seqs.count)
            }
        }
        // The shared customer lists the shared session and the 16 own ones.
        let list = try ok(c, "session.list", ["customer": "cust-conc", "limit": 1000])
        XCTAssertEqual(list["sessions"]?.arrayValue?.count, 1 + clients / 2)

        let stats = try ok(c, "system.stats")
        let largest = stats["writer"]?["largest_group"]?.intValue ?? 0
        XCTAssertGreaterThan(largest, 1, "32 concurrent writers should have shared a commit at least once: \(stats["writer"] ?? .null)")
        XCTAssertEqual(stats["methods"]?["session.append"]?["calls"]?.intValue, clients * rounds * 2)
        XCTAssertLessThan(stats["writer"]?["commits"]?.intValue ?? .max, stats["writer"]?["writes"]?.intValue ?? 0,
                          "group commit: fewer commits than writes")
    }

    func testConcurrentReadersSeeWholeAppendsOnly() throws {
        let harness = try startDaemon()
        let socket = harness.socketPath
        let problems = Locked([String]())
        let batch = 5
        let finished = runOnThreads(8, timeout: 120) { i in
            do {
                let c = ConfideClient(socketPath: socket, callTimeout: .seconds(30))
                for round in 0..<15 {
                    if i < 4 {
                        let texts = (0..<batch).map { "w\(i)-r\(round)-\($0)" }
                        _ = try c.reply("session.append", sessionParams("cust-rw", "s", texts.map { message($0) }))
                    } else {
                        let r = try c.reply("session.get", ids("cust-rw", "s"))
                        guard let result = r.result else {
                            if r.code != -32004 { problems.withLock { $0.append("get: \(r)") } }
                            continue
                        }
                        let n = result["messages"]?.arrayValue?.count ?? -1
                        if n % batch != 0 || result["count"]?.intValue != n {
                            problems.withLock { $0.append("a reader saw \(n) messages, count \(result["count"] ?? .null): a torn append") }
                        }
                    }
                }
            } catch {
                problems.withLock { $0.append("client \(i): \(error)") }
            }
        }
        XCTAssertTrue(finished)
        XCTAssertEqual(problems.snapshot, [])
        XCTAssertEqual(try ok(harness.client(), "session.get", ids("cust-rw", "s"))["count"]?.intValue, 4 * 15 * batch)
    }
}
