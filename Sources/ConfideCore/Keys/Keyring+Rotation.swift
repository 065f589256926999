import ConfideCrypto
import ConfideStorage

/// A snapshot of the keyring for `keys.status`.
public struct KeyringStatus: Sendable {
    public struct KEK: Sendable {
        public let version: Int
        public let state: String
        public let createdAt: Timestamp
        public let deks: Int
    }
    public let keks: [KEK]
    public let customers: Int
    /// DEKs still wrapped by a non-active KEK version.
    public let rewrapPending: Int
    public let activeCreatedAt: Timestamp
}

extension Keyring {
    /// Makes a new KEK version active at once; the previous one becomes retiring and is
    /// destroyed once the re-wrap has moved every DEK off it.
    @discardableResult
    public func rotateKEK() throws -> Int {
        try database.withLock { box in
            let now = clock.now()
            let version = (try box.db.queryOne("SELECT MAX(version) FROM kek") { $0.int(0) } ?? 0) + 1
            let kek = try SecretKey.random()
            let wrapped = try wrap(kek, with: box.master, associatedData: AssociatedData.kek(version: version))
            try box.db.transaction {
                try box.db.run("UPDATE kek SET state = 'retiring' WHERE state = 'active'")
                try box.db.run("INSERT INTO kek (version, state, wrapped, created_at) VALUES (?, 'active', ?, ?)",
                               .int(version), .blob(wrapped), .integer(now.milliseconds))
            }
            keks.withLock { $0.keys[version] = kek; $0.activeVersion = version }
            return version
        }
    }

    /// Re-wraps up to `limit` DEKs that a non-active KEK wraps, under the active KEK, in one
    /// short keys.db transaction. Returns how many were moved, and `finished` when the batch
    /// was not full, so nothing is left to move. (It does not count what remains: that count
    /// walks every DEK still to move, and once per batch it was 13% of a whole re-wrap's time.
    /// `status().rewrapPending` counts.)
    public func rewrapBatch(limit: Int) throws -> (rewrapped: Int, finished: Bool) {
        try database.withLock { box in
            let (active, keys) = keks.withLock { ($0.activeVersion, $0.keys) }
            // `kek_version IN (other versions)`, not `kek_version != active`: SQLite cannot use
            // the dek_by_kek index for `!=`, so every batch scanned the table from the start
            // past the DEKs already moved, and the count below scanned all of it.
            let rows = try box.db.query("""
                SELECT customer_handle, generation, kek_version, wrapped FROM dek
                WHERE kek_version IN (SELECT version FROM kek WHERE version != ?) LIMIT ?
                """, [.int(active), .int(limit)]) { (handle: $0.blob(0), gen: $0.int(1), kek: $0.int(2), wrapped: $0.blob(3)) }
            guard let activeKey = keys[active] else { throw StoreError.internal("active KEK not loaded") }
            let rewrapper = try KeyRewrapper()
            try box.db.transaction {
                for r in rows {
                    guard let old = keys[r.kek] else { throw StoreError.integrity("DEK wrapped by KEK version \(r.kek), which is not loaded") }
                    let rewrapped = try rewrapper.rewrap(r.wrapped, from: old,
                        fromAD: AssociatedData.dek(handle: r.handle, generation: r.gen, kekVersion: r.kek),
                        to: activeKey, toAD: AssociatedData.dek(handle: r.handle, generation: r.gen, kekVersion: active))
                    try box.db.run("UPDATE dek SET kek_version = ?, wrapped = ? WHERE customer_handle = ? AND generation = ?",
                                   .int(active), .blob(rewrapped), .blob(r.handle), .int(r.gen))
                    try box.db.run("INSERT OR IGNORE INTO dek_kek_history (customer_handle, kek_version) VALUES (?, ?)", .blob(r.handle), .int(active))
                }
            }
            return (rows.count, rows.count < limit)
        }
    }

    /// Destroys every retiring KEK version that no DEK uses any more: the wrapped key is
    /// deleted (secure_delete zeroes the page) and the WAL truncated. Returns the versions.
    @discardableResult
    public func destroyUnusedKEKs() throws -> [Int] {
        try database.withLock { box in
            let unused = try box.db.query("""
                SELECT version FROM kek WHERE state = 'retiring' AND NOT EXISTS (SELECT 1 FROM dek WHERE dek.kek_version = kek.version)
                """) { $0.int(0) }
            guard !unused.isEmpty else { return [] }
            let now = clock.now()
            try box.db.transaction {
                for v in unused {
                    try box.db.run("UPDATE kek SET state = 'destroyed', wrapped = NULL, destroyed_at = ? WHERE version = ?", .integer(now.milliseconds), .int(v))
                }
            }
            try box.db.checkpoint(truncate: true)
            keks.withLock { set in for v in unused { set.keys[v] = nil } }
            return unused
        }
    }

    /// The keyring's versions, counts and pending work.
    public func status() throws -> KeyringStatus {
        try database.withLock { box in
            let keks = try box.db.query("""
                SELECT k.version, k.state, k.created_at, (SELECT COUNT(*) FROM dek d WHERE d.kek_version = k.version) FROM kek k ORDER BY k.version
                """) { KeyringStatus.KEK(version: $0.int(0), state: $0.text(1) ?? "", createdAt: Timestamp(milliseconds: $0.int64(2)), deks: $0.int(3)) }
            let customers = try box.db.queryOne("SELECT COUNT(*) FROM customer") { $0.int(0) } ?? 0
            let active = keks.first { $0.state == "active" }
            let pending = keks.filter { $0.state != "active" }.reduce(0) { $0 + $1.deks }
            return KeyringStatus(keks: keks, customers: customers, rewrapPending: pending, activeCreatedAt: active?.createdAt ?? loadedAt)
        }
    }

    /// Re-wraps the KEKs, the index key and the audit key under a new master key, with a new
    /// key-check value, in one transaction: afterwards the old master key opens nothing.
    /// Offline only (the daemon must be stopped). `passphraseParameters` applies when the
    /// new source is a passphrase.
    public static func rekey(path: String, old: MasterKeySource, new: MasterKeySource,
                             passphraseParameters: Argon2id.Parameters = .moderate) throws {
        let keyring = try Keyring(path: path, source: old)
        try keyring.database.withLock { box in
            let salt = SecureRandom.bytes(Argon2id.saltBytes)
            let newMaster = try obtainMasterForRekey(new, salt: salt, parameters: passphraseParameters)
            let kekRows = try box.db.query("SELECT version, wrapped FROM kek WHERE state != 'destroyed'") { ($0.int(0), $0.blob(1)) }
            let isPassphrase = new.storedName == "passphrase"
            try box.db.transaction {
                for (version, wrapped) in kekRows {
                    let kek = try XChaCha20Poly1305.openKey(wrapped, key: box.master, associatedData: AssociatedData.kek(version: version))
                    try box.db.run("UPDATE kek SET wrapped = ? WHERE version = ?",
                                   .blob(try wrap(kek, with: newMaster, associatedData: AssociatedData.kek(version: version))), .int(version))
                }
                let check = try XChaCha20Poly1305.seal(Array("confide key check".utf8), key: newMaster, associatedData: AssociatedData.keyCheck())
                try box.db.run("""
                    UPDATE keyring SET master_source = ?, kdf_salt = ?, kdf_ops_limit = ?, kdf_mem_limit = ?, key_check = ?,
                                       index_key = ?, audit_signing_key = ? WHERE id = 1
                    """, .text(new.storedName), isPassphrase ? .blob(salt) : .null,
                    isPassphrase ? .integer(Int64(passphraseParameters.opsLimit)) : .null,
                    isPassphrase ? .int(passphraseParameters.memLimit) : .null, .blob(check),
                    .blob(try wrap(keyring.indexKeySecret, with: newMaster, associatedData: AssociatedData.indexKey())),
                    .blob(try wrap(keyring.auditSigningKey.secret, with: newMaster,
                                  associatedData: AssociatedData.auditKey(anchored: keyring.anchorAuthenticated))))
            }
            try box.db.checkpoint(truncate: true)
        }
    }
}

extension Keyring {
    /// Creates every customer of `customers` that does not exist yet, in transactions of
    /// `batchSize`: the same keys and wrapping as `lookupOrCreate`, without one keys.db
    /// commit per customer. For bulk imports (and the benchmark's preload).
    public func createCustomers(_ customers: [CustomerID], batchSize: Int = 10_000) throws {
        var start = 0
        while start < customers.count {
            let batch = customers[start..<min(customers.count, start + batchSize)]
            try database.withLock { box in
                try box.db.transaction {
                    let now = clock.now()
                    for c in batch {
                        let index = blindIndex(of: c)
                        if try box.db.queryOne("SELECT 1 FROM customer WHERE blind_index = ?", [.blob(index)], row: { _ in true }) != nil { continue }
                        let handle = SecureRandom.bytes(16)
                        try box.db.run("INSERT INTO customer (blind_index, handle, audit_ref, created_at) VALUES (?, ?, ?, ?)",
                                       .blob(index), .blob(handle), .blob(SecureRandom.bytes(16)), .integer(now.milliseconds))
                        try insertDEK(box, handle: handle, generation: 1, now: now)
                    }
                }
            }
            start += batchSize
        }
    }
}
