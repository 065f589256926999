import ConfideCrypto
import Foundation
import Synchronization

/// The keyring: `keys.db` opened with the master key, the unwrapped KEKs, index key and
/// audit key in guarded memory, and a bounded cache of customers' unwrapped DEKs.
///
/// Thread-safe: the keys.db connection is used under `database`'s lock, the cache under
/// its own, so cache hits never wait for a keys.db commit.
///
/// One truth for a customer's keys: every change to a customer's keys (new DEK generation,
/// shred) commits, bumps the row's `version` (a shred deletes it) and updates or evicts the
/// cache entry while holding `database`'s lock, and a cache miss loads and fills under the
/// same lock. So the cache never holds a customer older than keys.db: a lookup racing a
/// shred cannot put erased keys back. The hold state is not cached: it is read where it
/// decides, under the keyring's lock. (A daemon sharing its database with
/// others cannot rely on one process's lock: it must compare the cached `version` with the
/// row's inside the request's own transaction.)
public final class Keyring: Sendable {
    /// How messages name the keyring's store (the path of keys.db).
    public let path: String
    /// Fingerprint of the master key (first 8 bytes of a keyed BLAKE2b), safe to show.
    public let masterFingerprint: String
    /// When this process loaded the master key.
    public let loadedAt: Timestamp
    /// The Ed25519 key that signs audit checkpoints and erasure receipts.
    public let auditSigningKey: SigningKey
    /// Authenticates the audit anchor row (a key derived from the audit key).
    let anchorMAC: AuditMAC
    /// Whether the audit anchor must exist with its MAC: the audit key is wrapped under the
    /// anchored AD (a new keyring, or one whose anchor got its MAC; see `setAuditAnchor`).
    var anchorAuthenticated: Bool { anchorState.withLock { $0 } }
    let anchorState: Mutex<Bool>
    let indexKey: BlindIndexKey
    /// The raw index key, kept only so a master-key rekey can re-wrap it.
    let indexKeySecret: SecretKey
    let clock: any Clock
    let database: Mutex<DatabaseBox>
    /// What the engine holds for this daemon (the keyring's connection on PostgreSQL), kept
    /// outside `database`'s lock so a health probe never waits behind a shred.
    private nonisolated(unsafe) let heldStore: (any HoldsStore)?
    let keks: Mutex<KEKSet>
    let cache: SharedCustomerCache
    /// Customers being erased or erased by this process (see `ErasureFence`).
    let fence = ErasureFence()
    /// Serializes the legal decisions of this process — a hold or release from its keys.db
    /// commit through its audit entry (and its undo, when that entry fails), and a shred's
    /// erasure point — so no call acts on, or confirms, a hold that is about to be undone.
    /// (Several daemons over one database: a hold or release of one customer also holds the
    /// keyring's in-flight lock, `beginHoldChange`; a shred decides inside its transaction.)
    let legalGate = NSLock()
    /// Where tests hold one side of a race (see `RacePoints`).
    @_spi(Testing) public let racePoints = RacePoints()

    /// Opens (or, if it has no keyring yet, initializes) the keyring of the embedded keys.db
    /// at `path` with the master key from `source`. A wrong key is refused before anything
    /// is written.
    public convenience init(path: String, source: MasterKeySource, clock: any Clock = SystemClock(),
                            passphraseParameters: Argon2id.Parameters = .moderate, cacheCapacity: Int = 2_000) throws {
        try self.init(records: try SQLiteEngine.openKeys(path: path, options: TranscriptStore.Options()), name: path,
                      source: source, clock: clock, passphraseParameters: passphraseParameters, cacheCapacity: cacheCapacity)
    }

    /// Opens (or initializes) the keyring kept in `records`, an engine's keyring store that
    /// messages call `name`, with the master key from `source`.
    package init(records db: any KeyringRecords, name: String, source: MasterKeySource, clock: any Clock = SystemClock(),
                 passphraseParameters: Argon2id.Parameters = .moderate, cacheCapacity: Int = 2_000) throws {
        self.path = name
        self.clock = clock
        let stored = try db.keyringRow()
        let master: SecretKey
        if let stored {
            guard stored.source == source.storedName else {
                throw MasterKeyError.sourceMismatch(keysPath: path, stored: stored.source, given: source.storedName)
            }
            master = try Keyring.obtainMaster(source, salt: stored.salt ?? [],
                                              parameters: Argon2id.Parameters(opsLimit: UInt64(stored.opsLimit ?? 0), memLimit: stored.memLimit ?? 0))
            do { _ = try XChaCha20Poly1305.open(stored.keyCheck, key: master, associatedData: AssociatedData.keyCheck()) }
            catch { throw MasterKeyError.wrongKey(keysPath: path) }
        } else {
            let salt = SecureRandom.bytes(Argon2id.saltBytes)
            master = try Keyring.obtainMaster(source, salt: salt, parameters: passphraseParameters)
            try Keyring.initialize(db, master: master, source: source, salt: salt, parameters: passphraseParameters, now: clock.now())
        }

        guard let keyringRow = try db.keyringRow() else { throw StoreError.integrity("keys.db has no keyring row") }
        let row = (keyringRow.indexKey, keyringRow.auditKey)
        indexKeySecret = try XChaCha20Poly1305.openKey(row.0, key: master, associatedData: AssociatedData.indexKey())
        indexKey = try BlindIndexKey(indexKeySecret)
        // Wrapped under the anchored AD once the keyring keeps an authenticated anchor.
        if let key = try? XChaCha20Poly1305.openKey(row.1, key: master, associatedData: AssociatedData.auditKey(anchored: true)) {
            auditSigningKey = try SigningKey(secret: key)
            anchorState = Mutex(true)
        } else {
            auditSigningKey = try SigningKey(secret: XChaCha20Poly1305.openKey(row.1, key: master, associatedData: AssociatedData.auditKey(anchored: false)))
            anchorState = Mutex(false)
        }
        anchorMAC = try AuditMAC(signingKey: auditSigningKey, keyedFrom: 0)
        masterFingerprint = encodeHex(Array(BLAKE2b.hash(Array("confide.master.fingerprint".utf8), outputLength: 32, key: master).prefix(8)))
        keks = Mutex(try KEKSet.load(from: db, master: master))
        loadedAt = clock.now()
        heldStore = db as? HoldsStore
        database = Mutex(DatabaseBox(db: db, master: master))
        cache = SharedCustomerCache(capacity: cacheCapacity)
    }

    static func obtainMasterForRekey(_ source: MasterKeySource, salt: [UInt8], parameters: Argon2id.Parameters) throws -> SecretKey {
        try obtainMaster(source, salt: salt, parameters: parameters)
    }

    private static func obtainMaster(_ source: MasterKeySource, salt: [UInt8], parameters: Argon2id.Parameters) throws -> SecretKey {
        switch source {
        case .keyFile(let path): return try MasterKeyLoader.loadKeyFile(path)
        case .development(let dir): return try MasterKeyLoader.loadOrCreateDevelopmentKey(stateDirectory: dir)
        case .passphraseFile(let path):
            var passphrase = try MasterKeyLoader.loadPassphrase(path)
            defer { wipe(&passphrase) }
            return try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: parameters)
        }
    }

    /// Writes a new keyring: key check, index key, audit key and KEK version 1, atomically.
    private static func initialize(_ db: any KeyringRecords, master: SecretKey, source: MasterKeySource, salt: [UInt8],
                                   parameters: Argon2id.Parameters, now: Timestamp) throws {
        let check = try XChaCha20Poly1305.seal(Array("confide key check".utf8), key: master, associatedData: AssociatedData.keyCheck())
        let index = try SecretKey.random()
        let signing = try SigningKey.generate()
        let kek = try SecretKey.random()
        let isPassphrase = source.storedName == "passphrase"
        try db.inTransaction {
            try db.insertKeyring(KeyringRow(
                source: source.storedName, salt: isPassphrase ? salt : nil, opsLimit: isPassphrase ? Int64(parameters.opsLimit) : nil,
                memLimit: isPassphrase ? parameters.memLimit : nil, keyCheck: check,
                indexKey: try wrap(index, with: master, associatedData: AssociatedData.indexKey()),
                auditKey: try wrap(signing.secret, with: master, associatedData: AssociatedData.auditKey(anchored: true))),
                auditPublicKey: signing.publicKey.bytes, at: now)
            try db.activateKEK(version: 1, wrapped: try wrap(kek, with: master, associatedData: AssociatedData.kek(version: 1)), at: now)
            // The audit anchor exists, authenticated, from the keyring's first transaction:
            // so in a keyring that existed before this open, a missing anchor was deleted.
            let anchor = AuditAnchor(keyedFrom: 1, seq: nil, head: nil, prunedTo: 0)
            try db.storeAuditAnchor(anchor, mac: try AuditMAC(signingKey: signing, keyedFrom: 0).mac(anchor: anchor))
        }
    }

    // MARK: Blind indexes

    /// The on-disk name of a customer: keyed BLAKE2b of its id.
    public func blindIndex(of customer: CustomerID) -> [UInt8] {
        indexKey.index(domain: "customer", Array(customer.value.utf8))
    }

    /// The on-disk name of a session within its customer.
    func sessionIndex(handle: [UInt8], session: SessionID) -> [UInt8] {
        indexKey.index(domain: "session", handle, Array(session.value.utf8))
    }

    /// The key under which a PII value's placeholder number is remembered: a keyed hash,
    /// so the numbering state (sealed in the session header) holds no PII itself.
    func placeholderKey(handle: [UInt8], type: String, value: String) -> String {
        encodeHex(Array(indexKey.index(domain: "pii", handle, Array(type.utf8), Array(value.utf8)).prefix(16)))
    }

    // MARK: Customers

    /// The customer's keys, or nil if the customer does not exist (never did, or was erased).
    public func lookup(_ customer: CustomerID) throws -> CustomerKeys? {
        try lookup(blindIndex: blindIndex(of: customer))
    }

    /// `lookup` by the customer's blind index (computed once by callers that need it too).
    func lookup(blindIndex index: [UInt8]) throws -> CustomerKeys? {
        if let hit = cache.get(index) { return hit }
        let keys = try database.withLock { box in
            let keys = try loadCustomer(box, blindIndex: index)
            if let keys { cache.put(keys) }
            return keys
        }
        racePoints.reach(.keyringLoaded)
        return keys
    }

    /// The customer's keys, creating the customer (handle, audit pseudonym, DEK generation 1
    /// under the active KEK) durably in keys.db if it does not exist; also starts a new DEK
    /// generation when the newest is older than `rotateAfterDays` (nil: never).
    public func lookupOrCreate(_ customer: CustomerID, rotateAfterDays: Int? = nil) throws -> CustomerKeys {
        try lookupOrCreate(blindIndex: blindIndex(of: customer), rotateAfterDays: rotateAfterDays, created: nil)
    }

    /// `lookupOrCreate` by the customer's blind index, saying through `created` whether this
    /// call created the customer.
    func lookupOrCreate(blindIndex index: [UInt8], rotateAfterDays: Int?, created: UnsafeMutablePointer<Bool>?) throws -> CustomerKeys {
        if let keys = try lookup(blindIndex: index), !isDue(keys, rotateAfterDays) { return keys }
        let keys = try database.withLock { box -> CustomerKeys in
            if let existing = try loadCustomer(box, blindIndex: index) {
                guard isDue(existing, rotateAfterDays) else { return existing }
                try addGeneration(box, handle: existing.handle, onlyIfNewestIs: existing.newestGeneration)
            } else {
                let handle = SecureRandom.bytes(16)
                let inserted = try box.db.inTransaction { () throws -> Bool in
                    // Another daemon may have created the customer since the read above: its
                    // keyring transaction came first, and this one uses what it made.
                    if try box.db.customer(blindIndex: index) != nil { return false }
                    let now = clock.now()
                    try loadActiveKEK(box)
                    try box.db.insertCustomer(blindIndex: index, handle: handle, auditRef: SecureRandom.bytes(16), at: now)
                    try insertDEK(box, handle: handle, generation: 1, now: now)
                    return true
                }
                if inserted { created?.pointee = true }
            }
            guard let keys = try loadCustomer(box, blindIndex: index) else {
                throw StoreError.unavailable("the customer was erased while its keys were being made; nothing was changed, retry")
            }
            cache.put(keys)
            return keys
        }
        return keys
    }

    /// The keys of the customer named by `handle` (nil: none, or erased), not cached: for
    /// the start-up upgrade, which meets customers through their sessions' rows.
    func lookup(handle: [UInt8]) throws -> CustomerKeys? {
        try database.withLock { box in
            guard let index = try box.db.customerBlindIndex(handle: handle) else { return nil }
            return try loadCustomer(box, blindIndex: index)
        }
    }

    /// Forces a new DEK generation for an existing customer (`keys.rotate {target: customer}`).
    public func rotateDEK(_ customer: CustomerID) throws -> CustomerKeys? {
        let index = blindIndex(of: customer)
        let keys = try database.withLock { box -> CustomerKeys? in
            guard let existing = try loadCustomer(box, blindIndex: index) else { return nil }
            try addGeneration(box, handle: existing.handle, onlyIfNewestIs: nil)
            let keys = try loadCustomer(box, blindIndex: index)
            if let keys { cache.put(keys) }
            return keys
        }
        return keys
    }

    private func isDue(_ keys: CustomerKeys, _ days: Int?) -> Bool {
        guard let days, days > 0 else { return false }
        return keys.newestCreatedAt.adding(days: days) <= clock.now()
    }

    /// Adds the customer's next DEK generation, numbered inside the keyring transaction:
    /// another daemon may have added one, or shredded the customer, since this one read it
    /// (on PostgreSQL the keyring transactions of all daemons take turns, `Transactional`).
    /// `onlyIfNewestIs`: a rotation that fell due adds nothing when the newest generation is
    /// no longer that one (another daemon's rotation made it). Nothing either when the
    /// customer has no keys any more (shredded meanwhile).
    private func addGeneration(_ box: DatabaseBox, handle: [UInt8], onlyIfNewestIs expected: Int?) throws {
        try box.db.inTransaction {
            guard let newest = try box.db.deks(handle: handle).last?.generation else { return }
            if let expected, newest != expected { return }
            try loadActiveKEK(box)
            try insertDEK(box, handle: handle, generation: newest + 1, now: clock.now())
            try box.db.bumpCustomerVersion(handle: handle)
        }
    }

    /// Wraps a new DEK under the active KEK, as loaded: callers first `loadActiveKEK`, in the
    /// same keyring transaction.
    func insertDEK(_ box: DatabaseBox, handle: [UInt8], generation: Int, now: Timestamp) throws {
        guard let (version, kek) = keks.withLock({ set in set.keys[set.activeVersion].map { (set.activeVersion, $0) } }) else {
            throw StoreError.internal("the active KEK version is not loaded")
        }
        let wrapped = try wrap(try SecretKey.random(), with: kek,
                               associatedData: AssociatedData.dek(handle: handle, generation: generation, kekVersion: version))
        try box.db.insertDEK(handle: handle, generation: generation, kekVersion: version, wrapped: wrapped, at: now)
    }

    /// Loads the KEK versions again when the keyring's store has a newer active one than
    /// this daemon: another daemon may have rotated since. One query, inside the keyring
    /// transaction that wraps new DEKs next (so a rotation cannot slip in between on
    /// PostgreSQL, whose keyring transactions take turns; see `Transactional`).
    func loadActiveKEK(_ box: DatabaseBox) throws {
        if try box.db.newestKEKVersion() != keks.withLock({ $0.activeVersion }) { try reloadKEKs(box) }
    }

    /// Reads a customer and unwraps all its DEK generations. Caller holds the database lock.
    func loadCustomer(_ box: DatabaseBox, blindIndex: [UInt8]) throws -> CustomerKeys? {
        guard let row = try box.db.customer(blindIndex: blindIndex) else { return nil }
        let rows = try box.db.deks(handle: row.handle).map { (gen: $0.generation, kek: $0.kekVersion, wrapped: $0.wrapped, created: $0.createdAt) }
        guard let newest = rows.last else { return nil }  // keys destroyed: the customer is erased
        var deks: [Int: SecretKey] = [:]
        // A version this daemon has not loaded: another daemon rotated and re-wrapped since.
        if rows.contains(where: { r in keks.withLock { $0.keys[r.kek] == nil } }) { try reloadKEKs(box) }
        for r in rows {
            guard let kek = keks.withLock({ $0.keys[r.kek] }) else {
                throw StoreError.integrity("data key generation \(r.gen) is wrapped by KEK version \(r.kek), which is not loaded")
            }
            do {
                deks[r.gen] = try XChaCha20Poly1305.openKey(r.wrapped, key: kek, associatedData:
                    AssociatedData.dek(handle: row.handle, generation: r.gen, kekVersion: r.kek))
            } catch { throw StoreError.integrity("a wrapped data key failed authentication") }
        }
        return CustomerKeys(blindIndex: blindIndex, handle: row.handle, auditRef: row.auditRef, deks: deks,
                            newestGeneration: newest.gen, newestCreatedAt: Timestamp(milliseconds: newest.created),
                            version: row.version)
    }

    /// Checkpoints keys.db's WAL into the main file and truncates it.
    func checkpoint() { database.withLock { box in _ = try? box.db.emptyLog() } }

    /// Lets go of what the engine holds for this daemon (`HoldsStore`), at close.
    func letGoOfStore() { database.withLock { _ in heldStore?.letGoOfStore() } }

    /// See `HoldsStore.lostTheStore`.
    var lostTheStore: Bool { heldStore?.lostTheStore ?? false }

    /// Drops a customer from the in-memory cache. Callers that changed the customer hold
    /// `database`'s lock, so no lookup can refill the entry from before the change.
    func forget(blindIndex: [UInt8]) { cache.remove(blindIndex) }

    /// Deletes a customer that a failed write created and nothing else uses: its keys, its
    /// row and the cached keys, unless it is held (a hold is a decision about the customer,
    /// kept even with no data) or `holdsNoData` says the data store has some of it. The
    /// caller has checked that no write of it is in flight in this process. Not an erasure:
    /// nothing of the customer was ever stored, so there is nothing to record or audit.
    ///
    /// Decided inside the transaction, with the customer's row locked first: a hold another
    /// daemon committed before keeps the customer, and so does a session another daemon's
    /// write of it committed (its writer group held the row `FOR SHARE` until then, so the
    /// lock waits for it and `holdsNoData`, asked after, sees its session). A write of it that
    /// comes later waits for this transaction and then finds the customer gone (its version
    /// check fails, and it runs again, creating the customer anew).
    func undoCreation(blindIndex: [UInt8], handle: [UInt8], holdsNoData: () throws -> Bool) throws {
        legalGate.lock()
        defer { legalGate.unlock() }
        try database.withLock { box in
            try box.db.inTransaction {
                guard let row = try box.db.lockedCustomer(blindIndex: blindIndex), row.handle == handle, row.heldSince == nil,
                      try holdsNoData() else { return }
                try box.db.deleteCustomerKeys(handle: row.handle)
            }
            forget(blindIndex: blindIndex)
        }
    }

    /// Refuses a read that would hand out plaintext of a customer erased since the read
    /// began: called after the ciphertext was opened, before anything is returned. When
    /// the erasure is committing at this very moment, waits for its outcome.
    func ensureReadable(_ keys: CustomerKeys) throws(StoreError) {
        var state = fence.readState(keys.handle)
        if state == .committing {
            database.withLock { _ in }  // the erasure holds the lock until its outcome is known
            state = fence.readState(keys.handle)
        }
        if state == .erased { throw .notFound("customer (erased)") }
    }

    /// `ensureReadable`, and also against the keyring's store: an erasure committed through
    /// another daemon over the same keyring, which this process's fence never sees (no
    /// customer row with the handle any more). One query; for a read that hands data out
    /// long after its audit entry checked the customer (an export, session by session).
    func ensureStillReadable(_ keys: CustomerKeys) throws(StoreError) {
        try ensureReadable(keys)
        let exists: Bool
        do { exists = try holdState(handle: keys.handle).exists } catch { throw StoreError(error) }
        guard exists else { throw .notFound("customer (erased)") }
    }

    /// A count that changes whenever an erasure commits. Read under the keyring's lock, so
    /// an erasure committing at this moment is counted: two equal readings mean no erasure
    /// point fell between them. For replies that go out after several reads (a batch).
    public func erasureEpoch() -> UInt64 { database.withLock { _ in fence.erasures } }

    /// Refuses a write of a customer whose erasure has begun (called on the writer thread,
    /// inside the write's transaction, so nothing lands after the shred's first write).
    func ensureWritable(_ keys: CustomerKeys) throws(StoreError) {
        guard fence.isWritable(keys.handle) else { throw .notFound("customer (erased)") }
    }

    /// The audit public key, for `confide keys public` and offline verification.
    public var auditPublicKey: SigningPublicKey { auditSigningKey.publicKey }

    /// The audit public key recorded in the keys.db at `keysFile`, opened read-only: no
    /// master key needed (`confide keys public`). Nil when the file holds no keyring.
    public static func auditPublicKey(keysFile: String) throws -> [UInt8]? {
        try SQLiteEngine.openForReading(keysFile).keyringAuditPublicKey()
    }
}

/// Seals `key`'s bytes under `wrappingKey`: the one key-wrap construction (AEAD with
/// associated data naming the wrapped key's place).
func wrap(_ key: SecretKey, with wrappingKey: SecretKey, associatedData: [UInt8]) throws -> [UInt8] {
    try key.withUnsafeBytes { try XChaCha20Poly1305.seal($0, key: wrappingKey, associatedData: associatedData) }
}

/// The keys.db connection together with the master key, used only under the keyring's lock.
final class DatabaseBox: @unchecked Sendable {
    let db: any KeyringRecords
    let master: SecretKey
    init(db: any KeyringRecords, master: SecretKey) { self.db = db; self.master = master }
}
