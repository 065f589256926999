import ConfidePostgres
import ConfideSystem
import Foundation
import Synchronization

/// Ends an interrupted benchmark cleanly: on SIGINT (Ctrl-C) or SIGTERM the daemons it
/// started are stopped and its temporary folder removed before it exits with 128 + the
/// signal, so an interrupted run leaves no `serve --dev` child running and no state behind
/// (with `--store`, its scratch schemas are dropped too).
enum Interruption {
    /// Daemons started and not yet stopped, by pid.
    private static let daemons = Mutex<Set<Int32>>([])
    /// Scratch schemas created and not yet dropped: name → the database's URI.
    private static let schemas = Mutex<[String: String]>([:])
    /// Set first thing on a signal: the run's own failures after it (its clients lose
    /// their daemon) are not reported; the handler ends the process.
    private static let interrupting = Atomic<Bool>(false)

    static func started(_ pid: Int32) { daemons.withLock { _ = $0.insert(pid) } }
    static func stopped(_ pid: Int32) { daemons.withLock { _ = $0.remove(pid) } }
    static func created(schema: String, in uri: String) { schemas.withLock { $0[schema] = uri } }
    static func dropped(schema: String) { schemas.withLock { _ = $0.removeValue(forKey: schema) } }

    /// Runs `body` with SIGINT and SIGTERM handled as above (`folder`: what to remove).
    static func handled<T>(removing folder: String?, _ body: () throws -> T) throws -> T {
        let signals = [SIGINT, SIGTERM]
        let sources = signals.map { number in
            signal(number, SIG_IGN)  // delivered to the source below instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { interrupted(by: number, removing: folder) }
            source.resume()
            return source
        }
        defer {
            for (source, number) in zip(sources, signals) {
                source.cancel()
                signal(number, SIG_DFL)
            }
        }
        do {
            let result = try body()
            waitIfInterrupted()
            return result
        } catch {
            waitIfInterrupted()
            throw error
        }
    }

    /// Leaves the ending to the signal handler, if one is under way.
    private static func waitIfInterrupted() {
        while interrupting.load(ordering: .sequentiallyConsistent) { pause() }
    }

    private static func interrupted(by number: Int32, removing folder: String?) -> Never {
        interrupting.store(true, ordering: .sequentiallyConsistent)
        let pids = daemons.withLock { $0 }
        for pid in pids { kill(pid, SIGTERM) }
        // Each daemon finishes its commits and exits (a zombie until reaped counts as gone).
        let deadline = MonotonicClock.seconds() + 15
        while pids.contains(where: running) && MonotonicClock.seconds() < deadline { usleep(20_000) }
        if let folder { try? FileManager.default.removeItem(atPath: folder) }
        // On a connection of its own (the run's may be mid-statement); a baseline thread still
        // holding a lock in the schema makes the drop give up after 2 s rather than hang.
        for (name, uri) in schemas.withLock({ $0 }) {
            try? PostgresConnection(uri: uri, connectTimeoutSeconds: 2).execute("SET lock_timeout = '2s'; DROP SCHEMA \(name) CASCADE")
        }
        progress("\nconfide bench: interrupted; stopped \(pids.count) daemon\(pids.count == 1 ? "" : "s")"
                 + (folder.map { " and removed \($0)" } ?? ""))
        exit(128 + number)
    }

    private static func running(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }
}
