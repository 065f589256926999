import Synchronization

/// The session writes in flight per customer (by blind index), so that a customer a failed
/// write created can be deleted again once no write of it is left: the failed request
/// then changed nothing, and a concurrent write that did commit keeps it (its session is
/// in the data store). One lock for every customer; the undo runs under it, so no write
/// can begin meanwhile (it is rare: a first write that failed).
final class SessionWritesInFlight: Sendable {
    private struct State {
        var count: [[UInt8]: Int] = [:]
        /// Customers created by a write that failed, by blind index: their handle.
        var createdByFailedWrite: [[UInt8]: [UInt8]] = [:]
    }
    private let state = Mutex(State())

    func begin(_ index: [UInt8]) {
        state.withLock { $0.count[index, default: 0] += 1 }
    }

    /// Ends a write begun with `begin`. `created`: the handle of the customer this write
    /// created (nil: it existed). When this was the customer's last write in flight and a
    /// write that created it failed, `undo(index, handle)` runs, under the lock.
    func end(_ index: [UInt8], created: [UInt8]?, committed: Bool, undo: ([UInt8], [UInt8]) -> Void) {
        state.withLock { s in
            if let created, !committed { s.createdByFailedWrite[index] = created }
            let left = (s.count[index] ?? 1) - 1
            guard left == 0 else { s.count[index] = left; return }
            s.count[index] = nil
            if let handle = s.createdByFailedWrite.removeValue(forKey: index) { undo(index, handle) }
        }
    }
}
