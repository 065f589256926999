// Shared helpers for the ConfideCoreTests target (store, shred, rotation, audit tests).
//
// API (kept small and stable; add, do not change):
//
//   ManualClock(start:)                 a `Clock` whose time only moves when a test says so:
//     .now() / .advance(days:) / .advance(seconds:) / .advance(milliseconds:) / .set(_:)
//     Default start: 2026-01-01T00:00:00Z (`ManualClock.defaultStart`).
//
//   CoreTestState()                     a fresh temporary folder holding
//     .root      TemporaryDirectory      the folder (mode 0700), removed by `remove()`
//     .state     StateDirectory          `<root>/state` (NOT created: `TranscriptStore` creates it 0700)
//     .keyPath   String                  `<root>/master.key`, 32 random bytes as hex, mode 0600
//     .masterKey MasterKeySource          `.keyFile(path: keyPath)`
//     .open(options:clock:) -> TranscriptStore   opens the store; `options` defaults to
//                                                `CoreTestSupport.options()` (runsScheduler = false)
//     .remove()                           deletes everything (call in `defer`/tearDown after closing stores)
//   The key file lives beside, not inside, the state folder, so byte scans of the state
//   folder never see it.
//
//   CoreTestSupport.options()           `TranscriptStore.Options` with `runsScheduler = false`
//                                       (drive jobs with `store.scheduler!.runOnce()`).
//   CoreTestSupport.writeKeyFile(at:key:mode:) -> [UInt8]   writes a hex key file (default mode
//                                       0600, random key when `key` is nil) and returns the key.
//   CoreTestSupport.writeFile(at:contents:mode:)             writes bytes with exactly `mode`.
//   CoreTestSupport.context(_ method:purpose:)               an `AuditContext` (role "admin").
//   CoreTestSupport.message(_ text:role:ms:author:)          a `Message` with a fixed timestamp.
//   CoreTestSupport.customer(_:) / .session(_:)              non-throwing id constructors for valid ids.
@_spi(Testing) import ConfideCore
import Foundation
import Synchronization
import TestSupport
import XCTest

/// A clock that only moves when told to; thread-safe.
final class ManualClock: Clock {
    /// 2026-01-01T00:00:00Z.
    static let defaultStart = Timestamp(milliseconds: 1_767_225_600_000)
    private let current: Mutex<Timestamp>

    init(start: Timestamp = ManualClock.defaultStart) { current = Mutex(start) }

    func now() -> Timestamp { current.withLock { $0 } }
    func set(_ time: Timestamp) { current.withLock { $0 = time } }
    func advance(milliseconds: Int64) { current.withLock { $0.milliseconds += milliseconds } }
    func advance(seconds: Int) { advance(milliseconds: Int64(seconds) * 1000) }
    func advance(days: Int) { advance(milliseconds: Int64(days) * 86_400_000) }
}

/// A temporary folder with a state directory and a 0600 master key file beside it.
struct CoreTestState {
    let root: TemporaryDirectory
    let state: StateDirectory
    let keyPath: String
    var masterKey: MasterKeySource { .keyFile(path: keyPath) }

    init() throws {
        root = try TemporaryDirectory(prefix: "confide-core")
        state = StateDirectory(path: root.path + "/state")
        keyPath = root.path + "/master.key"
        _ = try CoreTestSupport.writeKeyFile(at: keyPath)
    }

    /// Opens a store on this state folder with this folder's key file.
    func open(options: TranscriptStore.Options = CoreTestSupport.options(),
              clock: any Clock = SystemClock()) throws -> TranscriptStore {
        try TranscriptStore(state: state, masterKey: masterKey, options: options, clock: clock)
    }

    func remove() { root.remove() }
}

enum CoreTestSupport {
    /// Store options for tests: no scheduler thread.
    static func options() -> TranscriptStore.Options {
        var o = TranscriptStore.Options()
        o.runsScheduler = false
        return o
    }

    /// Writes `contents` to `path` (replacing it) and sets exactly `mode`.
    static func writeFile(at path: String, contents: [UInt8], mode: mode_t = 0o600) throws {
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: Data(contents)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        guard chmod(path, mode) == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    /// Writes a master key file (64 hex characters and a newline); returns the key.
    @discardableResult
    static func writeKeyFile(at path: String, key: [UInt8]? = nil, mode: mode_t = 0o600) throws -> [UInt8] {
        let bytes = key ?? (0..<32).map { _ in UInt8.random(in: 0...255) }
        try writeFile(at: path, contents: Array((encodeHex(bytes) + "\n").utf8), mode: mode)
        return bytes
    }

    /// An audit context for calls made by tests.
    static func context(_ method: String = "test", purpose: String? = nil) -> AuditContext {
        AuditContext(uid: getuid(), pid: getpid(), role: "admin", method: method,
                     purpose: purpose.map { try! Purpose($0) })
    }

    /// A message with a deterministic timestamp.
    static func message(_ text: String, role: MessageRole = .customer, ms: Int64 = ManualClock.defaultStart.milliseconds,
                        author: String? = nil) -> Message {
        Message(role: role, text: text, timestamp: Timestamp(milliseconds: ms), author: author)
    }

    /// A valid customer id (traps on an invalid one: for test literals only).
    static func customer(_ value: String) -> CustomerID { try! CustomerID(value) }
    /// A valid session id (traps on an invalid one: for test literals only).
    static func session(_ value: String) -> SessionID { try! SessionID(value) }
}
