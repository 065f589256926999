import ConfideCrypto
import ConfideStorage

/// The live KEK versions (active and retiring), unwrapped in guarded memory.
struct KEKSet: Sendable {
    var keys: [Int: SecretKey]
    var activeVersion: Int

    /// Unwraps every KEK that is not destroyed.
    static func load(from db: Database, master: SecretKey) throws -> KEKSet {
        let rows = try db.query("SELECT version, state, wrapped FROM kek WHERE state != 'destroyed' ORDER BY version") {
            (version: $0.int(0), state: $0.text(1) ?? "", wrapped: $0.blob(2))
        }
        var keys: [Int: SecretKey] = [:]
        var active: Int?
        for r in rows {
            do {
                keys[r.version] = try XChaCha20Poly1305.openKey(r.wrapped, key: master, associatedData: AssociatedData.kek(version: r.version))
            } catch {
                throw StoreError.integrity("KEK version \(r.version) failed authentication")
            }
            if r.state == "active" { active = r.version }
        }
        guard let active else { throw StoreError.integrity("keys.db has no active KEK version") }
        return KEKSet(keys: keys, activeVersion: active)
    }
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

    mutating func put(_ keys: CustomerKeys) {
        tick += 1
        entries[keys.blindIndex] = (keys, tick)
        if entries.count > capacity {
            let keep = entries.sorted { $0.value.lastUse > $1.value.lastUse }.prefix(capacity / 2)
            entries = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
    }

    mutating func remove(_ index: [UInt8]) { entries[index] = nil }
    mutating func removeAll() { entries.removeAll() }
    var count: Int { entries.count }
}
