// Helpers for the Store* and Shred* tests only (the shared, stable helpers are in
// CoreTestSupport.swift): short store calls, error matching, raw file and row access.
@_spi(Testing) import ConfideCore
import ConfideJSON
import ConfideStorage
import Foundation
import TestSupport
import Synchronization
import XCTest

private typealias TS = CoreTestSupport

extension TranscriptStore {
    @discardableResult
    func testAppend(_ customer: String, _ session: String, _ messages: [Message], redact: Bool = false) throws -> AppendResult {
        try append(customer: TS.customer(customer), session: TS.session(session), messages: messages, redact: redact,
                   context: TS.context("session.append"))
    }

    @discardableResult
    func testPut(_ customer: String, _ session: String, _ messages: [Message], metadata: JSONObject? = nil) throws -> Int {
        try put(customer: TS.customer(customer), session: TS.session(session), messages: messages, metadata: metadata,
                retentionDays: nil, redact: false, context: TS.context("session.put"))
    }

    func testGet(_ customer: String, _ session: String) throws -> SessionTranscript {
        try get(customer: TS.customer(customer), session: TS.session(session), redactedView: false,
                context: TS.context("session.get", purpose: "support"))
    }

    func testList(_ customer: String, limit: Int, after: String? = nil) throws -> SessionPage {
        try list(customer: TS.customer(customer), limit: limit, after: after, context: TS.context("session.list"))
    }

    func testShred(_ customer: String, reason: String = "TICKET-1") throws -> ErasureReceipt {
        try shred(customer: TS.customer(customer), reason: reason, context: TS.context("customer.shred"))
    }

    func testExportAll(_ customer: String) throws -> [SessionTranscript] {
        var out: [SessionTranscript] = []
        _ = try export(customer: TS.customer(customer), redacted: false, context: TS.context("customer.export")) { out.append($0) }
        return out
    }
}

/// Asserts that `body` throws a `StoreError` accepted by `matches`.
func assertStoreError(_ body: () throws -> Void, _ what: String = "", file: StaticString = #filePath, line: UInt = #line,
                      matches: (StoreError) -> Bool) {
    do {
        try body()
        XCTFail("expected a StoreError \(what), got success", file: file, line: line)
    } catch let e as StoreError {
        XCTAssertTrue(matches(e), "unexpected \(e) \(what)", file: file, line: line)
    } catch {
        XCTFail("expected a StoreError \(what), got \(error)", file: file, line: line)
    }
}

/// Asserts that `body` throws exactly `expected` (any Equatable error type).
func assertThrowsEqual<E: Error & Equatable>(_ expected: E, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected \(expected), got success", file: file, line: line)
    } catch let e as E {
        XCTAssertEqual(e, expected, file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}

/// Raw file, row and thread helpers of the Store*/Shred* tests.
enum StoreTestKit {
    static func isIntegrity(_ e: StoreError) -> Bool { if case .integrity = e { return true }; return false }
    /// -32004 on the wire: unknown, or erased.
    static func isNotFound(_ e: StoreError) -> Bool { if case .notFound = e { return true }; if case .erased = e { return true }; return false }
    static func isInvalid(_ field: String) -> (StoreError) -> Bool {
        { if case .invalidParameter(let f, _) = $0 { return f == field }; return false }
    }

    /// Every regular file under `dir` (recursively) with its bytes, by path relative to `dir`.
    static func fileContents(under dir: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir) else { return out }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = dir + "/" + rel
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: full)))
            }
        }
        return out
    }

    /// The files of `dir` (by relative path) whose bytes contain `needle`.
    static func files(under dir: String, containing needle: [UInt8]) throws -> [String] {
        try fileContents(under: dir).filter { contains($0.value, needle) }.map(\.key).sorted()
    }

    /// Whether `needle` occurs in `haystack` (byte for byte).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        return haystack.withUnsafeBytes { h in needle.withUnsafeBytes { n in
            // memchr for the first byte, memcmp for the rest (memmem is not exported by Glibc).
            guard let base = h.baseAddress, let nb = n.baseAddress else { return false }
            let first = Int32(needle[0]), last = h.count - n.count
            var i = 0
            while i <= last, let hit = memchr(base + i, first, last - i + 1) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + at, nb, n.count) == 0 { return true }
                i = at + 1
            }
            return false
        } }
    }

    /// Bytes of a file, or nil when it does not exist.
    static func fileBytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// Runs `body` on a raw read-write connection to the SQLite file at `path` (store closed).
    static func withRawDatabase<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        let db = try Database(path: path)
        return try body(db)
    }

    /// Copies the state folder's database files (`*.db`, `-wal`, `-shm`) into a new 0700 folder.
    static func copyStateFiles(_ state: StateDirectory, to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for name in ["keys.db", "keys.db-wal", "keys.db-shm", "data.db", "data.db-wal", "data.db-shm"] {
            let src = state.path + "/" + name
            if FileManager.default.fileExists(atPath: src) { try FileManager.default.copyItem(atPath: src, toPath: dir + "/" + name) }
        }
    }

    /// Runs `body(i)` for i in 0..<count, each on its own thread, and waits (see `runOnThreads`).
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) { runOnThreads(count, body) }
}

extension SessionTranscript {
    /// The messages, decoded, for comparing as values.
    var decodedMessages: [Message] { get throws { try messages.map { try $0.decoded() } } }
    /// The messages' texts, in order.
    var texts: [String] { get throws { try decodedMessages.map(\.text) } }
}

/// The SQLite connection behind a writer's or reader's records, for tests of the SQLite
/// engine itself (pragmas, the writer's savepoints, raw counts).
func sqlite(_ records: Any) -> Database { records as! Database }
