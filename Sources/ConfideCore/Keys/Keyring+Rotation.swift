import ConfideCrypto

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
    /// destroyed once the re-wrap has moved every DEK off it. The version is numbered inside
    /// the keyring transaction: another daemon may have rotated since this one last looked
    /// (two rotating at once made the same version, and the second failed on it).
    @discardableResult
    public func rotateKEK() throws -> Int {
        try database.withLock { box in
            let kek = try SecretKey.random()
            let version = try box.db.inTransaction { () throws -> Int in
                let version = try box.db.newestKEKVersion() + 1
                let wrapped = try wrap(kek, with: box.master, associatedData: AssociatedData.kek(version: version))
                try box.db.activateKEK(version: version, wrapped: wrapped, at: clock.now())
                return version
            }
            keks.withLock { $0.keys[version] = kek; $0.activeVersion = version }
            return version
        }
    }

    /// Loads the KEK versions from the keyring's store again, replacing those in memory
    /// (versions destroyed since are dropped from memory with them): another daemon may
    /// have rotated (`keys.rotate` on any daemon) or destroyed some since this daemon
    /// loaded them. The scheduler's leader reloads before every run.
    func reloadKEKs() throws {
        try database.withLock { box in try reloadKEKs(box) }
    }

    /// The KEK versions this process holds unwrapped.
    @_spi(Testing) public var loadedKEKVersions: [Int] { keks.withLock { $0.keys.keys.sorted() } }

    /// `reloadKEKs`, for a caller that holds the database lock.
    func reloadKEKs(_ box: DatabaseBox) throws {
        let fresh = try KEKSet.load(from: box.db, master: box.master)
        keks.withLock { $0 = fresh }
    }

    /// Re-wraps up to `limit` DEKs that a non-active KEK wraps, under the active KEK, in one
    /// short keys.db transaction. Returns how many were moved, and `finished` when the batch
    /// was not full, so nothing is left to move. (It does not count what remains: that count
    /// walks every DEK still to move, and once per batch it was 13% of a whole re-wrap's time.
    /// `status().rewrapPending` counts.)
    public func rewrapBatch(limit: Int) throws -> (rewrapped: Int, finished: Bool) {
        try database.withLock { box in
            let rewrapper = try KeyRewrapper()
            // The active version and the rows are read inside the transaction: another daemon
            // may have rotated since this one loaded its KEKs, and its new DEKs are under a
            // version this daemon would take for an unknown one.
            return try box.db.inTransaction { () throws -> (rewrapped: Int, finished: Bool) in
                try loadActiveKEK(box)
                let (active, keys) = keks.withLock { ($0.activeVersion, $0.keys) }
                let rows = try box.db.deksToRewrap(notUnder: active, limit: limit).map { (handle: $0.handle, gen: $0.generation, kek: $0.kekVersion, wrapped: $0.wrapped) }
                guard let activeKey = keys[active] else { throw StoreError.internal("active KEK not loaded") }
                var moved = rows.count
                for r in rows {
                    guard let old = keys[r.kek] else { throw StoreError.integrity("DEK wrapped by KEK version \(r.kek), which is not loaded") }
                    let rewrapped = try rewrapper.rewrap(r.wrapped, from: old,
                        fromAD: AssociatedData.dek(handle: r.handle, generation: r.gen, kekVersion: r.kek),
                        to: activeKey, toAD: AssociatedData.dek(handle: r.handle, generation: r.gen, kekVersion: active))
                    // Counted only when this call moved it (see `rewrapDEK`).
                    if try !box.db.rewrapDEK(handle: r.handle, generation: r.gen, from: r.kek, to: active, wrapped: rewrapped) { moved -= 1 }
                }
                return (moved, rows.count < limit)
            }
        }
    }

    /// Destroys every retiring KEK version that no DEK uses any more: the wrapped key is
    /// deleted (secure_delete zeroes the page) and the WAL truncated. Returns the versions.
    @discardableResult
    public func destroyUnusedKEKs() throws -> [Int] {
        try database.withLock { box in
            let unused = try box.db.unusedRetiringKEKs()
            guard !unused.isEmpty else { return [] }
            let now = clock.now()
            try box.db.inTransaction {
                for v in unused { try box.db.destroyKEK(version: v, at: now) }
            }
            try box.db.emptyLog()
            keks.withLock { set in for v in unused { set.keys[v] = nil } }
            return unused
        }
    }

    /// The keyring's versions, counts and pending work.
    public func status() throws -> KeyringStatus {
        try database.withLock { box in
            let keks = try box.db.kekSummary().map { KeyringStatus.KEK(version: $0.version, state: $0.state, createdAt: $0.createdAt, deks: $0.deks) }
            let customers = try box.db.customerCount()
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
            let kekRows = try box.db.liveKEKs().map { ($0.version, $0.wrapped) }
            let isPassphrase = new.storedName == "passphrase"
            try box.db.inTransaction {
                for (version, wrapped) in kekRows {
                    let kek = try XChaCha20Poly1305.openKey(wrapped, key: box.master, associatedData: AssociatedData.kek(version: version))
                    try box.db.setKEKWrapped(version: version, wrapped: try wrap(kek, with: newMaster, associatedData: AssociatedData.kek(version: version)))
                }
                let check = try XChaCha20Poly1305.seal(Array("confide key check".utf8), key: newMaster, associatedData: AssociatedData.keyCheck())
                try box.db.updateKeyring(KeyringRow(
                    source: new.storedName, salt: isPassphrase ? salt : nil,
                    opsLimit: isPassphrase ? Int64(passphraseParameters.opsLimit) : nil, memLimit: isPassphrase ? passphraseParameters.memLimit : nil,
                    keyCheck: check, indexKey: try wrap(keyring.indexKeySecret, with: newMaster, associatedData: AssociatedData.indexKey()),
                    auditKey: try wrap(keyring.auditSigningKey.secret, with: newMaster,
                                       associatedData: AssociatedData.auditKey(anchored: keyring.anchorAuthenticated))))
            }
            try box.db.emptyLog()
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
                try box.db.inTransaction {
                    try loadActiveKEK(box)
                    let now = clock.now()
                    for c in batch {
                        let index = blindIndex(of: c)
                        if try box.db.customer(blindIndex: index) != nil { continue }
                        let handle = SecureRandom.bytes(16)
                        try box.db.insertCustomer(blindIndex: index, handle: handle, auditRef: SecureRandom.bytes(16), at: now)
                        try insertDEK(box, handle: handle, generation: 1, now: now)
                    }
                }
            }
            start += batchSize
        }
    }
}
