import ConfideStorage
import Foundation

/// Checkpoints data.db's WAL from a background thread on its own connection, so commits
/// never pay for a checkpoint (SQLite's auto-checkpoint runs inside a commit and makes
/// the p99 spikes). PASSIVE mode never blocks the writer or readers.
final class WALCheckpointer: @unchecked Sendable {
    private let db: Database
    private let interval: TimeInterval
    private let condition = NSCondition()
    private var stopping = false
    private var stopped = false
    private(set) var checkpoints = 0

    init(path: String, interval: TimeInterval = 1.0) throws {
        db = try Database(path: path)
        // A connection learns the file is in WAL mode only once it has read it; until then
        // a checkpoint call silently does nothing (it reports -1 frames).
        _ = try db.userVersion
        self.interval = interval
    }

    func start() {
        let t = Thread { [self] in
            condition.lock()
            while !stopping {
                _ = condition.wait(until: Date().addingTimeInterval(interval))
                if stopping { break }
                condition.unlock()
                if (try? db.checkpoint(truncate: false)) != nil { checkpoints += 1 }
                condition.lock()
            }
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
        t.name = "confide-checkpointer"
        t.start()
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
