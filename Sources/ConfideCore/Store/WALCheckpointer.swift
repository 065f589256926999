import ConfideStorage
import Foundation

/// Checkpoints data.db's WAL from a background thread on its own connection, so commits
/// never pay for a checkpoint (SQLite's auto-checkpoint runs inside a commit and makes
/// the p99 spikes). PASSIVE mode never blocks the writer or readers. It runs every
/// `busyInterval` while the WAL keeps changing and every `interval` when idle; the writer
/// finishes the last stretch itself when the WAL gets large (see `GroupCommitWriter`).
final class WALCheckpointer: @unchecked Sendable {
    private let db: Database
    private let interval: TimeInterval
    private let busyInterval: TimeInterval
    private let condition = NSCondition()
    private var stopping = false
    private var stopped = false
    private(set) var checkpoints = 0

    init(path: String, interval: TimeInterval = 1.0, busyInterval: TimeInterval = 0.005) throws {
        db = try Database(path: path)
        // A connection learns the file is in WAL mode only once it has read it; until then
        // a checkpoint call silently does nothing (it reports -1 frames).
        _ = try db.userVersion
        self.interval = interval
        self.busyInterval = busyInterval
    }

    func start() {
        startNamedThread("confide-ckpt") { [self] in
            var previous: (walFrames: Int, checkpointed: Int)? = nil
            var wait = interval
            condition.lock()
            while !stopping {
                _ = condition.wait(until: Date().addingTimeInterval(wait))
                if stopping { break }
                condition.unlock()
                let result = try? db.checkpoint(truncate: false)
                if result != nil { checkpoints += 1 }
                let active = result.map { r in previous.map { $0 != r } ?? true } ?? true
                previous = result
                wait = active ? busyInterval : interval
                condition.lock()
            }
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Stops the thread, then checkpoints fully and truncates the WAL (at shutdown).
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
        _ = try? db.checkpoint(truncate: true)
    }
}
