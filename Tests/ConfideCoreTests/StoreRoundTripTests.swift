@_spi(Testing) import ConfideCore
import ConfideJSON
import Foundation
import Synchronization
import XCTest

private typealias TS = CoreTestSupport
private typealias Kit = StoreTestKit

/// The foundation issue: transcripts go in and come back exactly, per customer and session;
/// identifiers and messages are validated; concurrent writers are group-committed.
final class StoreRoundTripTests: XCTestCase {
    private var dir: CoreTestState!
    private var store: TranscriptStore!

    override func setUpWithError() throws {
        dir = try CoreTestState()
        store = try dir.open()
    }

    override func tearDown() {
        store?.close()
        store = nil
        dir?.remove()
    }

    private func msg(_ text: String, _ role: MessageRole, ms: Int64, author: String? = nil, meta: JSONObject? = nil) -> Message {
        Message(role: role, text: text, timestamp: Timestamp(milliseconds: ms), author: author, meta: meta)
    }

    /// Several customers and sessions: appends keep order, seq, ts, author and meta; a put
    /// replaces the whole session; list pages with `next`; delete makes the session notFound
    /// and leaves every other session as it was.
    func testTranscriptsOfSeveralCustomersRoundTripThroughAppendPutGetListAndDelete() throws {
        var expected: [String: [String: [Message]]] = [:]
        for c in ["alice", "bob", "Zoë 🙂"] {
            for s in ["s1", "s2", "s3", "s4", "s5"] {
                let first = [msg("\(c)/\(s) hello", .customer, ms: 1_000, author: "\(c)-author", meta: ["channel": "chat", "n": 1]),
                             msg("\(c)/\(s) reply", .agent, ms: 2_500, author: "agent 7")]
                let r1 = try store.testAppend(c, s, first)
                XCTAssertEqual([r1.session, "\(r1.count)", "\(r1.firstSeq)"], [s, "2", "1"])
                let second = [msg("\(c)/\(s) bot", .bot, ms: 3_000, meta: ["nested": ["a": [1, 2, "x"]]]),
                              msg("\(c)/\(s) sys", .system, ms: 900)]  // ts need not be increasing
                let r2 = try store.testAppend(c, s, second)
                XCTAssertEqual([r2.session, "\(r2.count)", "\(r2.firstSeq)"], [s, "4", "3"])
                expected[c, default: [:]][s] = first + second
            }
        }
        // Replace one session entirely, with metadata.
        let replacement = [msg("replaced", .agent, ms: 7_000, author: "x")]
        XCTAssertEqual(try store.testPut("bob", "s2", replacement, metadata: ["ticket": "T-9"]), 1)
        expected["bob"]!["s2"] = replacement

        for (c, sessions) in expected {
            for (s, messages) in sessions {
                let t = try store.testGet(c, s)
                XCTAssertEqual(t.customer, c)
                XCTAssertEqual(t.session, s)
                XCTAssertEqual(t.messages.map(\.seq), Array(1...messages.count), "\(c)/\(s)")
                XCTAssertEqual(try t.decodedMessages, messages, "\(c)/\(s)")
            }
        }
        XCTAssertEqual(try store.testGet("bob", "s2").metadata, ["ticket": "T-9"])
        XCTAssertNil(try store.testGet("alice", "s2").metadata)

        // Paging: 5 sessions, 2 per page, oldest first, `next` only while more remain.
        var seen: [String] = [], after: String? = nil, pages = 0
        repeat {
            let page = try store.testList("alice", limit: 2, after: after)
            pages += 1
            XCTAssertLessThanOrEqual(page.sessions.count, 2)
            seen += page.sessions.map(\.session)
            XCTAssertTrue(page.sessions.allSatisfy { $0.count == 4 })
            after = page.next
        } while after != nil && pages < 10
        XCTAssertEqual(seen, ["s1", "s2", "s3", "s4", "s5"])
        XCTAssertEqual(pages, 3)
        XCTAssertNil(try store.testList("alice", limit: 5).next)

        // Delete one session: gone (get, list, second delete), the rest untouched.
        try store.delete(customer: TS.customer("alice"), session: TS.session("s3"), context: TS.context("session.delete"))
        assertStoreError({ _ = try store.testGet("alice", "s3") }, matches: Kit.isNotFound)
        assertStoreError({ try store.delete(customer: TS.customer("alice"), session: TS.session("s3"), context: TS.context()) },
                         matches: Kit.isNotFound)
        XCTAssertEqual(try store.testList("alice", limit: 10).sessions.map(\.session), ["s1", "s2", "s4", "s5"])
        XCTAssertEqual(try store.testGet("bob", "s3").decodedMessages, expected["bob"]!["s3"]!)
        // Sessions are scoped to their customer; unknown customers are notFound.
        assertStoreError({ _ = try store.testGet("alice", "nope") }, matches: Kit.isNotFound)
        assertStoreError({ _ = try store.testGet("carol", "s1") }, matches: Kit.isNotFound)
        assertStoreError({ _ = try store.testList("carol", limit: 1) }, matches: Kit.isNotFound)
        assertStoreError({ _ = try store.testList("alice", limit: 1, after: "-1") }, matches: Kit.isInvalid("after"))

        // Everything survives a restart.
        store.close()
        store = try dir.open()
        XCTAssertEqual(try store.testGet("Zoë 🙂", "s5").decodedMessages, expected["Zoë 🙂"]!["s5"]!)
        XCTAssertEqual(try store.testGet("bob", "s2").decodedMessages, replacement)
    }

    /// Customer and session ids: 1–256 bytes of UTF-8 (bytes, not characters), no control
    /// characters; the error names the parameter.
    func testIdentifierRulesRejectEmptyTooLongAndControlCharactersNamingTheField() throws {
        for bad in ["", String(repeating: "a", count: 257), String(repeating: "é", count: 129), "a\u{7}b", "line\nbreak", "x\u{0}", "\u{7f}"] {
            assertThrowsEqualField("customer") { _ = try CustomerID(bad) }
            assertThrowsEqualField("session") { _ = try SessionID(bad) }
        }
        for good in ["a", String(repeating: "a", count: 256), String(repeating: "é", count: 128), "with space", "ünïcødé-🙂"] {
            XCTAssertEqual(try CustomerID(good).value, good)
            XCTAssertEqual(try SessionID(good).value, good)
        }
    }

    private func assertThrowsEqualField(_ field: String, line: UInt = #line, _ body: () throws -> Void) {
        assertStoreError(body, field, line: line, matches: Kit.isInvalid(field))
    }

    /// A message's text is at most 1 MiB of UTF-8; the parsed field is named with its index.
    func testMessageTextOverOneMebibyteIsRejected() throws {
        let now = ManualClock.defaultStart
        func parse(_ text: String) throws -> Message {
            try Message(json: .object(["role": "customer", "text": .string(text)]), field: "messages[3]", receivedAt: now)
        }
        XCTAssertEqual(try parse(String(repeating: "a", count: Message.maxTextBytes)).text.utf8.count, 1 << 20)
        assertThrowsEqualField("messages[3].text") { _ = try parse(String(repeating: "a", count: Message.maxTextBytes + 1)) }
        // Bytes, not characters: 2-byte characters reach the limit at half the count.
        assertThrowsEqualField("messages[3].text") { _ = try parse(String(repeating: "é", count: Message.maxTextBytes / 2 + 1)) }
        XCTAssertEqual(try parse("hi").timestamp, now, "a message without ts takes the receive time")
    }

    /// A read purpose is a short label: 1–64 characters of a–z, 0–9, '-', '_', '.'.
    func testPurposeIsAShortLowercaseLabel() throws {
        for good in ["support", "subject-access", "a", "x.y_z-0", String(repeating: "p", count: 64)] {
            XCTAssertEqual(try Purpose(good).value, good)
        }
        for bad in ["", String(repeating: "p", count: 65), "Support", "free text", "é", "a/b", "a\n"] {
            assertThrowsEqualField("purpose") { _ = try Purpose(bad) }
        }
    }

    /// 16 threads appending to one session at once: every append lands exactly once, the
    /// counts add up, each thread's messages keep their order, and the writer really
    /// commits several appends in one group (checked as behaviour, over a few rounds).
    func testConcurrentAppendsToOneSessionAreAllKeptInOrderAndGroupCommitted() throws {
        let threads = 16, perThread = 12
        let store = self.store!
        var rounds = 0
        repeat {
            rounds += 1
            let session = "busy-\(rounds)"
            let results = Mutex<[AppendResult]>([])
            let failures = Mutex<[String]>([])
            Kit.onThreads(threads) { t in
                for i in 0..<perThread {
                    do {
                        let r = try store.testAppend("cust", session, [TS.message("t\(t)-m\(i)")])
                        results.withLock { $0.append(r) }
                    } catch { failures.withLock { $0.append("\(error)") } }
                }
            }
            XCTAssertEqual(failures.withLock { $0 }, [])
            let total = threads * perThread
            let all = results.withLock { $0 }
            XCTAssertEqual(all.map(\.firstSeq).sorted(), Array(1...total), "every append got its own seq")
            XCTAssertEqual(all.map(\.count).sorted(), Array(1...total), "counts add up")
            let t = try store.testGet("cust", session)
            XCTAssertEqual(t.count, total)
            XCTAssertEqual(t.messages.map(\.seq), Array(1...total))
            let texts = try t.texts
            XCTAssertEqual(Set(texts).count, total, "each message present once")
            for th in 0..<threads {
                let mine = texts.filter { $0.hasPrefix("t\(th)-") }
                XCTAssertEqual(mine, (0..<perThread).map { "t\(th)-m\($0)" }, "thread \(th) order")
            }
        } while store.writerStatistics.largestGroup <= 1 && rounds < 5
        XCTAssertGreaterThan(store.writerStatistics.largestGroup, 1, "no group of more than one write in \(rounds) rounds")
    }
}
