import ConfideCrypto

/// The live KEK versions (active and retiring), unwrapped in guarded memory.
struct KEKSet: Sendable {
    var keys: [Int: SecretKey]
    var activeVersion: Int

    /// Unwraps every KEK that is not destroyed.
    static func load(from db: any KeyringRecords, master: SecretKey) throws -> KEKSet {
        let rows = try db.liveKEKs()
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
