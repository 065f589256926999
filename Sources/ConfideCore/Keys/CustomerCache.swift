import Synchronization

/// The unwrapped keys of recently used customers, bounded, shared by every request thread.
///
/// Split into shards by the blind index (a keyed hash, so customers spread evenly), each
/// with its own lock and its share of the capacity: with one lock, 16 busy connections
/// queued on it for every request.
final class SharedCustomerCache: Sendable {
    private final class Shard: Sendable {
        let cache: Mutex<CustomerCache>
        init(capacity: Int) { cache = Mutex(CustomerCache(capacity: capacity)) }
    }
    private let shards: [Shard]

    /// At most `capacity` customers in all (each shard holds `capacity / 16`, at least 1).
    init(capacity: Int, shardCount: Int = 16) {
        let count = max(1, min(shardCount, capacity))
        shards = (0..<count).map { _ in Shard(capacity: max(1, capacity / count)) }
    }

    private func shard(_ index: [UInt8]) -> Shard {
        shards[Int(index.first ?? 0) % shards.count]
    }

    func get(_ index: [UInt8]) -> CustomerKeys? { shard(index).cache.withLock { $0.get(index) } }
    func put(_ keys: CustomerKeys) { shard(keys.blindIndex).cache.withLock { $0.put(keys) } }
    func remove(_ index: [UInt8]) { shard(index).cache.withLock { $0.remove(index) } }
    var count: Int { shards.reduce(0) { n, s in n + s.cache.withLock { $0.count } } }
}

/// A bounded map from customer blind index to unwrapped keys, evicting the least recently
/// used half when full (amortized O(log n) per insert), so memory stays bounded however
/// many customers pass through.
struct CustomerCache: ~Copyable {
    private var entries: [[UInt8]: (keys: CustomerKeys, lastUse: UInt64)] = [:]
    private var tick: UInt64 = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    mutating func get(_ index: [UInt8]) -> CustomerKeys? {
        guard let entry = entries[index] else { return nil }
        tick += 1
        entries[index] = (entry.keys, tick)
        return entry.keys
    }

    /// Caches `keys`, unless a newer version of the same customer is cached already.
    mutating func put(_ keys: CustomerKeys) {
        if let cached = entries[keys.blindIndex]?.keys, cached.handle == keys.handle, cached.version > keys.version { return }
        tick += 1
        entries[keys.blindIndex] = (keys, tick)
        if entries.count > capacity {
            let keep = entries.sorted { $0.value.lastUse > $1.value.lastUse }.prefix(max(1, capacity / 2))
            entries = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
    }

    mutating func remove(_ index: [UInt8]) { entries[index] = nil }
    mutating func removeAll() { entries.removeAll() }
    var count: Int { entries.count }
}
