import Synchronization

/// Named places on the paths where two requests can race, at which a test can hold one
/// side (a gate) while the other side runs, so every interleaving the code must survive
/// can be produced on purpose rather than hoped for.
///
/// Production never arms one: reaching a point is one relaxed atomic load.
public final class RacePoints: Sendable {
    /// The places. Each says which side is held and what the other side may do meanwhile.
    public enum Point: Hashable, Sendable {
        /// `Keyring.lookup` on a cache miss, after reading the customer from keys.db and
        /// before the keys are cached: a shred or hold may commit meanwhile.
        case keyringLoaded
        /// `shred`, after its pre-checks and before the keys.db transaction that destroys
        /// the keys: a hold may commit meanwhile.
        case shredBeforeErasure
        /// `shred`'s erasure point, inside its keys.db transaction with the keyring held and
        /// the customer's row locked, before the count is settled: readers may be borrowed by
        /// callers about to wait for the keyring meanwhile.
        case erasurePointLocked
        /// `session.get`, `session.list` and each session of `customer.export`, after the
        /// ciphertext was opened and before it is handed out: a shred may commit meanwhile.
        case readOpened
        /// A session write or delete, after the customer's keys were resolved and before the
        /// write is queued for the writer: a shred or a hold may commit meanwhile.
        case writeKeysResolved
        /// Retention, after choosing the sessions to expire and before deleting them: a
        /// hold may commit meanwhile.
        case retentionChosen
        /// Retention, a session delete or a replacing put, once the hold states are read with
        /// holds frozen (`Keyring.withHoldStatesFrozen`) and before the data write: the
        /// keyring's session may be lost meanwhile, and another daemon's hold commit.
        case holdsFrozen
        /// `system.backup`, right after creating the backup folder: whoever owns its parent
        /// may rename it or put a symlink in its place meanwhile.
        case backupFolderCreated
        /// A hold or release committed in keys.db, its audit entry not yet written.
        case holdBeforeAudit
        /// A release whose audit entry committed, before the keyring commit that lifts the
        /// hold (its second step): the customer is still held, its release pending.
        case releaseBeforeCompletion
    }

    private let armed = Atomic<Bool>(false)
    private let actions = Mutex<[Point: @Sendable () -> Void]>([:])

    init() {}

    /// Runs `action` on the thread that reaches `point`, every time it does (tests only).
    public func set(_ point: Point, _ action: @escaping @Sendable () -> Void) {
        actions.withLock { $0[point] = action }
        armed.store(true, ordering: .sequentiallyConsistent)
    }

    /// Removes every action.
    public func clear() {
        actions.withLock { $0.removeAll() }
    }

    /// Called by the code at `point`.
    func reach(_ point: Point) {
        guard armed.load(ordering: .relaxed) else { return }
        if let action = actions.withLock({ $0[point] }) { action() }
    }
}
