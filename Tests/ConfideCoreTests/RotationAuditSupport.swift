// Helpers shared by the Rotation*, Retention* and Audit* tests (on top of CoreTestSupport.swift).
@_spi(Testing) import ConfideCore
import ConfideCrypto
import ConfideStorage
import Foundation
import TestSupport
import Synchronization
import XCTest

enum RAKit {
    /// An audit context as the server would build it for an authorized peer.
    static func context(_ method: String, role: String? = "support", purpose: String? = nil,
                        uid: UInt32 = 1001, pid: Int32 = 4242) -> AuditContext {
        AuditContext(uid: uid, pid: pid, role: role, method: method, purpose: purpose.map { try! Purpose($0) })
    }

    /// Runs `body(i)` for i in 0..<count, each on its own thread, and waits (see `runOnThreads`).
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) { runOnThreads(count, body) }

    /// Every audit entry of a data.db, oldest first, read through SQLite.
    static func entries(_ dataPath: String) throws -> [AuditEntry] {
        try AuditVerifier.tail(dataFile: dataPath, limit: Int(Int32.max))
    }

    /// `AuditVerifier.verify` on a data.db file.
    static func verify(_ dataPath: String, publicKey: SigningPublicKey? = nil) throws -> AuditVerifier.Report {
        try AuditVerifier.verify(dataFile: dataPath, publicKey: publicKey)
    }

    /// Runs `body` on a fresh read-write raw connection to `path` (data.db or keys.db).
    static func raw<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        try body(Database(path: path))
    }

    /// The bytes of a file, read by `cat` in a child process: opening and closing a database
    /// file in this process would drop the open store's POSIX locks on it (DESIGN.md).
    static func bytesViaChildProcess(_ path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/cat")
        p.arguments = [path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }

    /// Whether `needle` occurs anywhere in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0], last = haystack.count - needle.count
        var i = 0
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// The texts of a session, in order.
    static func texts(_ store: TranscriptStore, _ customer: CustomerID, _ session: SessionID) throws -> [String] {
        try store.get(customer: customer, session: session, redactedView: false, context: context("session.get"))
            .texts
    }

    /// Appends one message with `text`.
    @discardableResult
    static func append(_ store: TranscriptStore, _ customer: CustomerID, _ session: SessionID, _ text: String) throws -> AppendResult {
        try store.append(customer: customer, session: session, messages: [CoreTestSupport.message(text)], redact: false,
                         context: context("session.append"))
    }

    /// The thrown `StoreError` of `body`, or nil if it did not throw one.
    static func storeError(_ body: () throws -> Void) -> StoreError? {
        do { try body(); return nil } catch { return error as? StoreError }
    }

    /// Whether an error is `StoreError.notFound` (whatever its text).
    /// -32004 on the wire: unknown, or erased.
    static func isNotFound(_ e: StoreError?) -> Bool {
        if case .notFound = e { return true }
        if case .erased = e { return true }
        return false
    }
    /// Whether an error is `StoreError.unavailable` (whatever its text).
    static func isUnavailable(_ e: StoreError?) -> Bool { if case .unavailable = e { return true }; return false }

    /// keys.db `kek` rows: version, state, and whether `wrapped` is NULL.
    static func kekRows(_ keysPath: String) throws -> [(version: Int, state: String, wrappedIsNull: Bool)] {
        try raw(keysPath) { db in
            try db.query("SELECT version, state, wrapped IS NULL FROM kek ORDER BY version") { ($0.int(0), $0.text(1) ?? "", $0.int(2) == 1) }
        }
    }
}

/// A thread-safe list gathered on worker threads.
final class RAGathered<T: Sendable>: Sendable {
    private let items = Mutex<[T]>([])
    func add(_ item: T) { items.withLock { $0.append(item) } }
    var all: [T] { items.withLock { $0 } }
}
