import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Each method of the support and system tables, through the real daemon and socket.
final class MethodRoundTripTests: DaemonTestCase {
    func testAppendReportsFirstSeqAndRunningCount() throws {
        let c = try startDaemon().client()
        let first = try ok(c, "session.append", sessionParams("cust-a", "s1", [message("one"), message("two", role: "agent")]))
        XCTAssertEqual(first["session"], "s1")
        XCTAssertEqual(first["first_seq"]?.intValue, 1)
        XCTAssertEqual(first["count"]?.intValue, 2)
        let second = try ok(c, "session.append", sessionParams("cust-a", "s1", [message("three"), message("four"), message("five")]))
        XCTAssertEqual(second["first_seq"]?.intValue, 3)
        XCTAssertEqual(second["count"]?.intValue, 5)
        // Another session of the same customer numbers from 1 again.
        let other = try ok(c, "session.append", sessionParams("cust-a", "s2", [message("x")]))
        XCTAssertEqual(other["first_seq"]?.intValue, 1)
        XCTAssertEqual(other["count"]?.intValue, 1)
        let got = try ok(c, "session.get", ids("cust-a", "s1"))
        XCTAssertEqual(texts(got), ["one", "two", "three", "four", "five"])
        XCTAssertEqual(got["messages"]?.arrayValue?.compactMap { $0["seq"]?.intValue }, [1, 2, 3, 4, 5])
    }

    func testPutReplacesTheWholeSessionAndAFailedPutChangesNothing() throws {
        let c = try startDaemon().client()
        try ok(c, "session.append", sessionParams("cust-p", "s", [message("old 1"), message("old 2"), message("old 3")]))
        var params = sessionParams("cust-p", "s", [message("new 1", role: "bot"), message("new 2", role: "system")])
        params["metadata"] = ["channel": "chat", "tags": ["a", "b"], "n": 7]
        let put = try ok(c, "session.put", params)
        XCTAssertEqual(put["session"], "s")
        XCTAssertEqual(put["count"]?.intValue, 2)
        let got = try ok(c, "session.get", ids("cust-p", "s"))
        XCTAssertEqual(texts(got), ["new 1", "new 2"])
        XCTAssertEqual(got["messages"]?.arrayValue?.compactMap { $0["seq"]?.intValue }, [1, 2])
        XCTAssertEqual(got["messages"]?.arrayValue?.compactMap { $0["role"]?.stringValue }, ["bot", "system"])
        XCTAssertEqual(got["metadata"], ["channel": "chat", "tags": ["a", "b"], "n": 7])
        XCTAssertEqual(got["count"]?.intValue, 2)

        // A put whose last message is invalid fails as a whole: the stored session is untouched.
        try expectError(c, "session.put", sessionParams("cust-p", "s", [message("would replace"), ["role": "agent"]]),
                        code: -32602, mentioning: ["messages[1].text"])
        XCTAssertEqual(try ok(c, "session.get", ids("cust-p", "s")), got)

        // Appending after a put continues its numbering; an empty put empties the session.
        XCTAssertEqual(try ok(c, "session.append", sessionParams("cust-p", "s", [message("new 3")]))["first_seq"]?.intValue, 3)
        XCTAssertEqual(try ok(c, "session.put", sessionParams("cust-p", "s", []))["count"]?.intValue, 0)
        let empty = try ok(c, "session.get", ids("cust-p", "s"))
        XCTAssertEqual(empty["messages"], [])
        XCTAssertEqual(empty["count"]?.intValue, 0)
        XCTAssertEqual(empty["metadata"], .null, "a put without metadata replaces the metadata too")
    }

    func testGetReturnsSeqTimestampsAuthorMetaAndSessionTimes() throws {
        let c = try startDaemon().client()
        let msgs = [
            message("with offset", ts: "2024-01-02T03:04:05.678+01:00", author: "agent-7", meta: ["lang": "en"]),
            message("utc", role: "agent", ts: "2024-01-02T02:05:00Z"),
            message("no ts given"),
        ]
        try ok(c, "session.put", sessionParams("cust-g", "s", msgs))
        let got = try ok(c, "session.get", ids("cust-g", "s"))
        XCTAssertEqual(got["customer"], "cust-g")
        XCTAssertEqual(got["session"], "s")
        let m = try XCTUnwrap(got["messages"]?.arrayValue)
        XCTAssertEqual(m.count, 3)
        XCTAssertEqual(m[0], ["seq": 1, "role": "customer", "text": "with offset", "ts": "2024-01-02T02:04:05.678Z",
                              "author": "agent-7", "meta": ["lang": "en"]])
        XCTAssertEqual(m[1]["ts"], "2024-01-02T02:05:00.000Z")
        XCTAssertEqual(m[1]["author"], nil)
        XCTAssertTrue(isRFC3339Millis(m[2]["ts"]), "receive time filled in: \(m[2])")
        XCTAssertNotEqual(m[2]["ts"], m[0]["ts"])
        XCTAssertTrue(isRFC3339Millis(got["created_at"]), "\(got)")
        XCTAssertTrue(isRFC3339Millis(got["updated_at"]), "\(got)")

        try ok(c, "session.append", sessionParams("cust-g", "s", [message("later")]))
        let again = try ok(c, "session.get", ids("cust-g", "s"))
        XCTAssertEqual(again["created_at"], got["created_at"], "created_at stays")
        let before = try XCTUnwrap(got["updated_at"]?.stringValue), after = try XCTUnwrap(again["updated_at"]?.stringValue)
        XCTAssertGreaterThanOrEqual(after, before, "updated_at never goes back (same-format RFC 3339 sorts as text)")
        XCTAssertEqual(again["count"]?.intValue, 4)
        XCTAssertEqual(again["metadata"], .null)
    }

    func testListPagesWithLimitNextAndAfter() throws {
        let c = try startDaemon().client()
        let names = (1...5).map { "session-\($0)" }
        for (i, name) in names.enumerated() {
            try ok(c, "session.append", sessionParams("cust-l", name, (0...i).map { message("m\($0)") }))
        }
        try ok(c, "session.append", sessionParams("other-customer", "not-listed", [message("x")]))
        var seen: [String] = []
        var counts: [Int] = []
        var cursor: JSONValue? = nil
        var pages = 0
        repeat {
            var p: JSONObject = ["customer": "cust-l", "limit": 2]
            if let cursor { p["after"] = cursor }
            let page = try ok(c, "session.list", p)
            let sessions = try XCTUnwrap(page["sessions"]?.arrayValue)
            XCTAssertLessThanOrEqual(sessions.count, 2)
            for s in sessions {
                seen.append(s["session"]?.stringValue ?? "?")
                counts.append(s["count"]?.intValue ?? -1)
                XCTAssertTrue(isRFC3339Millis(s["created_at"]) && isRFC3339Millis(s["updated_at"]), "\(s)")
            }
            cursor = page["next"]
            pages += 1
        } while cursor != nil && pages < 10
        XCTAssertEqual(pages, 3, "5 sessions at 2 a page")
        XCTAssertEqual(seen, names, "every session once, oldest first")
        XCTAssertEqual(counts, [1, 2, 3, 4, 5])

        let all = try ok(c, "session.list", ["customer": "cust-l"])
        XCTAssertEqual(all["sessions"]?.arrayValue?.count, 5)
        XCTAssertNil(all["next"], "no next on the last page")
        try expectError(c, "session.list", ["customer": "cust-l", "limit": 0], code: -32602, mentioning: ["limit"])
        try expectError(c, "session.list", ["customer": "cust-l", "limit": 1001], code: -32602, mentioning: ["limit"])
        try expectError(c, "session.list", ["customer": "cust-l", "after": "not a cursor"], code: -32602, mentioning: ["after"])
    }

    func testDeleteRemovesOnlyThatSessionAndThenGetIsNotFound() throws {
        let c = try startDaemon().client()
        try ok(c, "session.append", sessionParams("cust-d", "gone", [message("bye")]))
        try ok(c, "session.append", sessionParams("cust-d", "kept", [message("stay")]))
        XCTAssertEqual(try ok(c, "session.delete", ids("cust-d", "gone")), ["deleted": true])
        try expectError(c, "session.get", ids("cust-d", "gone"), code: -32004)
        try expectError(c, "session.delete", ids("cust-d", "gone"), code: -32004)
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-d", "kept"))), ["stay"])
        let list = try ok(c, "session.list", ["customer": "cust-d"])
        XCTAssertEqual(list["sessions"]?.arrayValue?.compactMap { $0["session"]?.stringValue }, ["kept"])
        // Re-creating a deleted session starts it afresh.
        let again = try ok(c, "session.append", sessionParams("cust-d", "gone", [message("new")]))
        XCTAssertEqual(again["first_seq"]?.intValue, 1)
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-d", "gone"))), ["new"])
    }

    func testUnknownCustomerOrSessionIsNotFound() throws {
        let c = try startDaemon().client()
        try expectError(c, "session.get", ids("nobody", "s"), code: -32004)
        try expectError(c, "session.list", ["customer": "nobody"], code: -32004)
        try expectError(c, "session.delete", ids("nobody", "s"), code: -32004)
        try ok(c, "session.append", sessionParams("somebody", "s", [message("hi")]))
        try expectError(c, "session.get", ids("somebody", "other"), code: -32004)
        try expectError(c, "session.get", ids("SOMEBODY", "s"), code: -32004, mentioning: [])
    }

    func testHealthReportsStatusVersionAndUptime() throws {
        let health = try ok(try startDaemon().client(), "system.health")
        XCTAssertEqual(health["status"], "ok")
        XCTAssertFalse((health["version"]?.stringValue ?? "").isEmpty, "\(health)")
        XCTAssertGreaterThanOrEqual(health["uptime_s"]?.intValue ?? -1, 0)
    }

    func testStatsCountsCallsAndErrorsPerMethod() throws {
        let c = try startDaemon().client()
        for i in 0..<3 { try ok(c, "session.append", sessionParams("cust-s", "s", [message("m\(i)")])) }
        try ok(c, "session.get", ids("cust-s", "s"))
        try expectError(c, "session.get", ids("cust-s", "missing"), code: -32004)
        let stats = try ok(c, "system.stats")
        let methods = try XCTUnwrap(stats["methods"]?.objectValue, "\(stats)")
        XCTAssertEqual(methods["session.append"]?["calls"]?.intValue, 3)
        XCTAssertEqual(methods["session.append"]?["errors"]?.intValue, 0)
        XCTAssertEqual(methods["session.get"]?["calls"]?.intValue, 2)
        XCTAssertEqual(methods["session.get"]?["errors"]?.intValue, 1)
        for key in ["p50_ms", "p90_ms", "p99_ms", "max_ms"] {
            XCTAssertNotNil(methods["session.append"]?[key]?.doubleValue, "latency \(key) in \(stats)")
        }
        XCTAssertGreaterThanOrEqual(stats["connections"]?["open"]?.intValue ?? 0, 1)
        XCTAssertGreaterThanOrEqual(stats["writer"]?["commits"]?.intValue ?? 0, 3)
        XCTAssertGreaterThan(stats["bytes"]?["in"]?.intValue ?? 0, 0)
    }
}
