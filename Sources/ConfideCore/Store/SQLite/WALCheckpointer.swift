import ConfideStorage
import Foundation

/// Checkpoints data.db's WAL from a background thread on its own connection, so commits
/// never pay for a checkpoint (SQLite's auto-checkpoint runs inside a commit and makes
/// the p99 spikes). PASSIVE mode never blocks the writer or readers. It runs every
/// `busyInterval` while the WAL keeps changing and every `interval` when idle; the writer
/// finishes the last stretch itself when the WAL gets large (see `GroupCommitWriter`).
///
/// After a delete (`requestScrub`) it also empties the WAL: a TRUNCATE checkpoint copies
/// the zeroed pages into data.db and cuts the WAL to nothing, so the deleted ciphertext's
/// old page images do not linger there. A TRUNCATE needs a moment when no read transaction
/// uses the WAL; it waits for one at most `scrubWait` per try (20 ms, doubling up to 320 ms
/// while tries fail; the writer waits with it) and tries again every `scrubRetry`. Once a
/// scrub has waited `scrubPatience` (2 s), a try waits up to 5 s: writes then wait with it,
/// so no new frames reach the WAL, reads that start meanwhile read the main file, and only
/// the reads already running (each at most one session) must end. That bounds the delay
/// under any load: about 2 s plus the longest single read (see docs/threat-model.md).
final class WALCheckpointer: LogScrubber, @unchecked Sendable {
    private let db: Database
    private let interval: TimeInterval
    private let busyInterval: TimeInterval
    private let scrubRetry: TimeInterval = 0.05
    private let scrubWait: Int32 = 20
    private let scrubWaitLimit: Int32 = 320
    private let scrubPatience: TimeInterval = 2
    private let scrubLastResort: Int32 = 5_000
    private let condition = NSCondition()
    private var stopping = false
    private var stopped = false
    private var scrubPending = false
    private(set) var checkpoints = 0
    /// TRUNCATE checkpoints run after deletes.
    private(set) var scrubs = 0

    init(path: String, interval: TimeInterval = 1.0, busyInterval: TimeInterval = 0.005) throws {
        db = try Database(path: path)
        // A connection learns the file is in WAL mode only once it has read it; until then
        // a checkpoint call silently does nothing (it reports -1 frames).
        _ = try db.userVersion
        db.setBusyTimeout(milliseconds: scrubWait)  // PASSIVE never waits; a scrub waits this long
        self.interval = interval
        self.busyInterval = busyInterval
    }

    /// Asks for the WAL to be emptied soon: called after every commit that deleted content.
    func requestScrub() {
        condition.lock()
        scrubPending = true
        condition.broadcast()
        condition.unlock()
    }

    func start() {
        startNamedThread("confide-ckpt") { [self] in
            var previous: (walFrames: Int, checkpointed: Int)? = nil
            var wait = interval
            var failedScrubs = 0
            var scrubSince: Date? = nil
            condition.lock()
            while !stopping {
                if !scrubPending { _ = condition.wait(until: Date().addingTimeInterval(wait)) }
                if stopping { break }
                let scrub = scrubPending
                scrubPending = false
                condition.unlock()
                if scrub {
                    if scrubSince == nil { scrubSince = Date() }
                    let waited = Date().timeIntervalSince(scrubSince!)
                    db.setBusyTimeout(milliseconds: waited >= scrubPatience ? scrubLastResort
                                      : failedScrubs == 0 ? scrubWait : min(scrubWaitLimit, scrubWait << min(failedScrubs, 4)))
                    let emptied = (try? db.checkpoint(truncate: true)) != nil
                    db.setBusyTimeout(milliseconds: scrubWait)
                    condition.lock()
                    if emptied { scrubs += 1 } else { scrubPending = true }
                    condition.unlock()
                    failedScrubs = emptied ? 0 : failedScrubs + 1
                    if emptied { scrubSince = nil }
                    if !emptied { usleep(UInt32(scrubRetry * 1_000_000)) }
                    previous = nil
                    wait = busyInterval
                } else {
                    let result = try? db.checkpoint(truncate: false)
                    if result != nil { checkpoints += 1 }
                    let active = result.map { r in previous.map { $0 != r } ?? true } ?? true
                    previous = result
                    wait = active ? busyInterval : interval
                }
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
        db.setBusyTimeout(milliseconds: 5000)
        _ = try? db.checkpoint(truncate: true)
    }
}
