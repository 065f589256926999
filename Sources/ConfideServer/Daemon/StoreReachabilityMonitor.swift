import ConfideCore
import Foundation
import Synchronization

/// Asks whether the stores answer every `interval` seconds (the engine's probe, on a thread
/// of its own), keeps the last answer for `system.health`, and logs each change: a daemon
/// that cannot reach its PostgreSQL answers every request `-32005`, so its health says
/// `unavailable` too and a load balancer sends its clients to another daemon; it says `ok`
/// again once a check passes. The embedded store has no probe and no monitor.
final class StoreReachabilityMonitor: @unchecked Sendable {
    /// Used by the monitor's thread only.
    private let probe: any StoreReachabilityProbe
    private let interval: Double
    private let state = Mutex((problem: StoreProblem?.none, stopping: false))
    private let condition = NSCondition()

    init(probe: any StoreReachabilityProbe, interval: Double = 2) {
        self.probe = probe
        self.interval = interval
    }

    /// Why the stores did not answer the last check; nil when they did (or none ran yet).
    var problem: StoreProblem? { state.withLock { $0.problem } }

    func start() {
        startNamedThread("confide-probe", niceness: 5) { [self] in loop() }
    }

    /// Stops the thread after the check under way, without waiting for it: on a silent
    /// network that check may take ten seconds, which a shutdown need not.
    func stop() {
        condition.lock()
        state.withLock { $0.stopping = true }
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        while !state.withLock({ $0.stopping }) {
            let found = probe.check()
            let before = state.withLock { s in defer { s.problem = found }; return s.problem }
            if let found, before == nil {
                let until = found.untilRestart ? "until the daemon is restarted" : "until the store answers again"
                Log.error("store.unreachable", ["error": .string(found.reason),
                                                "effect": .string("requests answer -32005 and system.health says unavailable \(until)")])
            } else if found == nil, let before {
                Log.info("store.reachable", ["was": .string(before.reason)])
            }
            condition.lock()
            let deadline = Date().addingTimeInterval(interval)
            while !state.withLock({ $0.stopping }) && Date() < deadline { _ = condition.wait(until: deadline) }
            condition.unlock()
        }
    }
}
