import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// Nothing a client sends in the clear (text, customer id, session id, author, metadata)
/// reaches the state folder or the log as plaintext.
final class PlaintextOnDiskTests: DaemonTestCase {
    /// Every regular file under `root`, with its bytes.
    func filesUnder(_ root: String) -> [(path: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
        while let rel = walker.nextObject() as? String {
            let path = root + "/" + rel
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            out.append((path, [UInt8](data)))
        }
        return out
    }

    /// Whether `needle` occurs in `haystack`.
    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            guard let j = haystack[i...last].firstIndex(of: first) else { return false }
            if haystack[j..<(j + needle.count)].elementsEqual(needle) { return true }
            i = j + 1
        }
        return false
    }

    /// Asserts no marker occurs in any file under the state folder; returns the bytes scanned.
    @discardableResult
    func assertNoMarkers(_ markers: [String: String], in harness: DaemonHarness, when: String,
                         file: StaticString = #filePath, line: UInt = #line) -> Int {
        let files = filesUnder(harness.stateDir)
        XCTAssertTrue(files.contains { $0.path.hasSuffix("/data.db") } && files.contains { $0.path.hasSuffix("/keys.db") },
                      "\(when): expected data.db and keys.db in \(files.map(\.path))", file: file, line: line)
        // Controls: the scan does read the files (every SQLite file starts with the header) and
        // finds text at any offset (the schema is stored in the clear inside the file).
        XCTAssertTrue(files.contains { contains($0.bytes, Array("SQLite format 3".utf8)) }, "\(when): the scan read nothing", file: file, line: line)
        XCTAssertTrue(files.contains { contains($0.bytes, Array("CREATE TABLE".utf8)) }, "\(when): the scan misses inner text", file: file, line: line)
        for (what, marker) in markers {
            for f in files where contains(f.bytes, Array(marker.utf8)) {
                XCTFail("\(when): the \(what) marker is stored in the clear in \(f.path)", file: file, line: line)
            }
        }
        return files.reduce(0) { $0 + $1.bytes.count }
    }

    func testNoClientPlaintextReachesTheStateFolderOrTheLog() throws {
        let harness = try startDaemon()
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let markers = [
            "text": "TEXTMARK\(tag)", "customer": "CUSTMARK\(tag)", "session": "SESSMARK\(tag)",
            "second session": "SESS2MARK\(tag)", "author": "AUTHMARK\(tag)", "meta": "METAMARK\(tag)",
            "metadata": "MDMARK\(tag)", "deleted text": "GONEMARK\(tag)", "unknown session": "NOSESSMARK\(tag)",
        ]
        let customer = markers["customer"]!, session = markers["session"]!
        let c = harness.client()
        for i in 0..<50 {
            try ok(c, "session.append", sessionParams(customer, session, [
                message("\(markers["text"]!) number \(i) with some padding so pages fill up \(String(repeating: "p", count: 300))",
                        author: markers["author"]!, meta: ["note": .string(markers["meta"]!)]),
            ]))
        }
        var put = sessionParams(customer, markers["second session"]!, [message("plain \(markers["text"]!)")])
        put["metadata"] = ["ticket": .string(markers["metadata"]!)]
        try ok(c, "session.put", put)
        try ok(c, "session.append", sessionParams(customer, "to-delete", [message(markers["deleted text"]!)]))
        try ok(c, "session.delete", ids(customer, "to-delete"))
        // Reads and failed calls are audited too; their ids must not be recorded either.
        XCTAssertEqual(texts(try ok(c, "session.get", ids(customer, session))).count, 50)
        try ok(c, "session.list", ["customer": .string(customer)])
        try expectError(c, "session.get", ids(customer, markers["unknown session"]!), code: -32004)
        try expectError(c, "session.append", sessionParams(customer, session, [["role": "nobody", "text": .string(markers["text"]!)]]), code: -32602)

        let scannedWhileRunning = assertNoMarkers(markers, in: harness, when: "while running")
        XCTAssertGreaterThan(scannedWhileRunning, 50 * 300, "the messages were written somewhere")
        XCTAssertEqual(try harness.terminate(), .status(0))
        assertNoMarkers(markers, in: harness, when: "after SIGTERM")
        for (what, marker) in markers where harness.log.contains(marker) {
            XCTFail("the \(what) marker appears in the daemon log")
        }
        // And the data is all there, readable only through the daemon.
        try harness.start()
        let back = try ok(harness.client(), "session.get", ids(customer, markers["second session"]!))
        XCTAssertEqual(back["metadata"]?["ticket"]?.stringValue, markers["metadata"])
    }
}
