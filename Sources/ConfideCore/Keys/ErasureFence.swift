import Synchronization

/// Which customers (by handle) this process is erasing or has erased, so that work begun
/// with their keys cannot finish on the wrong side of the erasure point.
///
/// A shred moves a customer through three phases:
/// 1. **writes fenced**, from the shred's first write (on the writer thread, so every write
///    of the customer queued after it is refused): nothing new can land that the receipt
///    would not count;
/// 2. **committing**, set under the keyring's lock just before the keys.db transaction that
///    destroys the keys commits: a read that finishes now waits for the outcome;
/// 3. **erased**, once that transaction committed: no read hands out plaintext any more.
/// A shred that stops before the erasure point (legal hold, error) lifts its fence.
final class ErasureFence: Sendable {
    private struct Entry {
        /// The shreds under way that fenced the customer's writes.
        var shreds: Set<UInt64> = []
        var committing = false
        var erased = false
    }

    /// What a read may do with a customer's keys.
    enum ReadState: Equatable { case readable, committing, erased }

    private let entries = Mutex<[[UInt8]: Entry]>([:])
    private let nextShred = Atomic<UInt64>(1)
    private let committed = Atomic<UInt64>(0)

    /// How many erasures committed in this process so far.
    var erasures: UInt64 { committed.load(ordering: .sequentiallyConsistent) }

    /// A token naming one shred's fence.
    func newShred() -> UInt64 { nextShred.wrappingAdd(1, ordering: .relaxed).oldValue }

    /// Refuses the customer's writes until `lift` (idempotent: a replayed job may repeat it).
    func fenceWrites(_ handle: [UInt8], shred: UInt64) {
        entries.withLock { _ = $0[handle, default: Entry()].shreds.insert(shred) }
    }

    /// Lifts one shred's fence; an erased customer stays erased.
    func lift(_ handle: [UInt8], shred: UInt64) {
        entries.withLock { e in
            guard var entry = e[handle] else { return }
            entry.shreds.remove(shred)
            e[handle] = entry.shreds.isEmpty && !entry.committing && !entry.erased ? nil : entry
        }
    }

    /// The erasure's transaction is about to commit (caller holds the keyring's lock).
    func beginCommit(_ handle: [UInt8]) { entries.withLock { $0[handle, default: Entry()].committing = true } }

    /// The erasure's transaction ended: committed (erased for good) or rolled back.
    func endCommit(_ handle: [UInt8], committed: Bool) {
        entries.withLock { e in
            guard var entry = e[handle] else { return }
            entry.committing = false
            if committed {
                entry.erased = true
                self.committed.add(1, ordering: .sequentiallyConsistent)
            }
            e[handle] = entry.shreds.isEmpty && !entry.erased ? nil : entry
        }
    }

    /// Whether a write of the customer may still commit.
    func isWritable(_ handle: [UInt8]) -> Bool { entries.withLock { $0[handle] == nil } }

    /// What a read of the customer may do.
    func readState(_ handle: [UInt8]) -> ReadState {
        entries.withLock { e in
            guard let entry = e[handle] else { return .readable }
            return entry.erased ? .erased : entry.committing ? .committing : .readable
        }
    }
}
