/// What the keyring needs from its store, in Core's terms: the keyring row, KEK versions,
/// customers, DEK generations, erasure records and the audit anchor — all wrapped or keyed
/// values, never a key in the clear. The rules — wrapping and its associated data, the
/// cache's one truth, the hold decided inside the erasure's transaction, the anchor's MAC —
/// stay in `Keyring`; an implementation stores and returns rows inside the transaction its
/// caller opened (`inTransaction`).
///
/// SQLite implements it on a `Database` (`Store/SQLite/Database+Keyring.swift`).
package protocol KeyringRecords: Transactional {
    /// See the default implementation.
    func erasureCommitted(customerTag: [UInt8], handleTag: [UInt8], number: Int, at time: Timestamp)
    /// See the default implementation.
    func erasuresLostAtStart() throws -> String?

    // MARK: The keyring row

    func keyringRow() throws -> KeyringRow?
    func insertKeyring(_ row: KeyringRow, auditPublicKey: [UInt8], at time: Timestamp) throws
    /// Replaces the master-key columns and the keys wrapped under it (a rekey).
    func updateKeyring(_ row: KeyringRow) throws
    func setWrappedAuditKey(_ wrapped: [UInt8]) throws
    /// The audit public key kept in the clear beside the keyring (offline verification).
    func keyringAuditPublicKey() throws -> [UInt8]?

    // MARK: KEK versions

    /// Every KEK version not destroyed, by version.
    func liveKEKs() throws -> [(version: Int, state: String, wrapped: [UInt8])]
    func newestKEKVersion() throws -> Int
    /// Inserts `version` as the active KEK; the previous active one becomes retiring.
    func activateKEK(version: Int, wrapped: [UInt8], at time: Timestamp) throws
    func setKEKWrapped(version: Int, wrapped: [UInt8]) throws
    /// Retiring versions that no DEK uses any more.
    func unusedRetiringKEKs() throws -> [Int]
    /// Marks `version` destroyed and deletes its wrapped key.
    func destroyKEK(version: Int, at time: Timestamp) throws
    /// Every version with its state, creation time and the DEKs it wraps.
    func kekSummary() throws -> [(version: Int, state: String, createdAt: Timestamp, deks: Int)]

    // MARK: Customers

    func customer(blindIndex: [UInt8]) throws -> CustomerRow?
    /// `customer(blindIndex:)`, locking the row until the transaction ends: no other
    /// transaction can change it, or lock it to rely on it (a writer group's `FOR SHARE`),
    /// meanwhile (PostgreSQL `FOR UPDATE`; SQLite's write transaction already excludes all).
    func lockedCustomer(blindIndex: [UInt8]) throws -> CustomerRow?
    func customerBlindIndex(handle: [UInt8]) throws -> [UInt8]?
    func insertCustomer(blindIndex: [UInt8], handle: [UInt8], auditRef: [UInt8], at time: Timestamp) throws
    /// Bumps the row's `version` (a change other daemons' caches must notice).
    func bumpCustomerVersion(handle: [UInt8]) throws
    /// `held_since` of the customer with this handle: nil when there is no such customer. A
    /// customer whose release is pending is still held: its `held_since` stays set until the
    /// release completes.
    func heldSince(handle: [UInt8]) throws -> Int64??
    /// `held_since` and `hold_changes` of the customer with this handle, nil when there is no
    /// such customer: what holds were frozen at (`Keyring.withHoldsFrozen`), for the writer
    /// to compare inside the data's transaction (`TranscriptRecords.lockedCustomerHoldChanges`).
    func holdState(handle: [UInt8]) throws -> (heldSince: Int64?, holdChanges: Int64)?
    /// Sets `held_since` and `release_pending` and counts the call in `hold_changes`
    /// (confirmations too); the row's `version` stays: no request relies on a cached hold state.
    func setHoldState(blindIndex: [UInt8], heldSince: Int64?, releasePending: Int64?) throws
    func allCustomers() throws -> [(blindIndex: [UInt8], handle: [UInt8], auditRef: [UInt8])]
    func customerCount() throws -> Int
    /// The customers under legal hold, oldest hold first, those whose release is pending
    /// (not completed: still held) included and marked.
    func heldCustomers() throws -> [(handle: [UInt8], auditRef: [UInt8], heldSince: Timestamp, releasePending: Bool)]
    func holdCount() throws -> Int
    /// Deletes the customer's DEKs, their KEK history and its row (handle and audit pseudonym).
    func deleteCustomerKeys(handle: [UInt8]) throws
    /// DEK rows and customer rows still naming `handle` (a receipt's `verified`).
    func remainingKeys(handle: [UInt8]) throws -> (deks: Int, customers: Int)

    // MARK: Holds and releases in flight

    /// Takes, for this connection's session, the customer's "hold or release in flight" lock
    /// (`handle`), unless another session holds it (false, nothing taken). A hold or release
    /// keeps it from before its keyring commit until it has been audited and answered, so no
    /// other daemon's hold or release of the customer commits in between (issue 21): their
    /// audit entries and answers come in the order of their keyring commits. It ends with the
    /// session (a crash, a lost connection). Never waited for inside a transaction: the
    /// holder's undo or second step needs one. SQLite: always true, nothing taken (one
    /// process per keys.db, whose legal gate already serializes).
    func tryLockHoldChange(handle: [UInt8]) throws -> Bool
    /// Lets go of the lock of `tryLockHoldChange`; false when this session did not hold it
    /// (the session that took it ended meanwhile, and the lock with it). SQLite: true.
    func unlockHoldChange(handle: [UInt8]) throws -> Bool

    // MARK: DEK generations

    /// Inserts a wrapped DEK and records its KEK version in the customer's history.
    func insertDEK(handle: [UInt8], generation: Int, kekVersion: Int, wrapped: [UInt8], at time: Timestamp) throws
    func deks(handle: [UInt8]) throws -> [(generation: Int, kekVersion: Int, wrapped: [UInt8], createdAt: Int64)]
    /// Up to `limit` DEKs wrapped by a version other than `active`.
    func deksToRewrap(notUnder active: Int, limit: Int) throws -> [(handle: [UInt8], generation: Int, kekVersion: Int, wrapped: [UInt8])]
    /// Stores a DEK re-wrapped from `oldVersion` to `kekVersion` and records it in the
    /// history, only if the row is still wrapped by `oldVersion`: false (and nothing
    /// written) when something else re-wrapped it first, so no DEK is re-wrapped twice even
    /// if two schedulers ever overlapped.
    func rewrapDEK(handle: [UInt8], generation: Int, from oldVersion: Int, to kekVersion: Int, wrapped: [UInt8]) throws -> Bool
    /// When each customer's newest DEK generation was created (one time per customer).
    func newestDEKTimes() throws -> [Timestamp]
    /// Every KEK version that ever wrapped a DEK of the customer.
    func kekHistory(handle: [UInt8]) throws -> [Int]

    // MARK: Erasures

    /// Records an erasure without its receipt (replacing an older one of the same id) and
    /// returns its number (1 when the id was never erased, else one more than the erasure it
    /// replaces, an unnumbered one counting as 1) and its ordinal (one more than the highest
    /// recorded; `ErasureRecord`).
    @discardableResult
    func recordErasure(customerTag: [UInt8], handleTag: [UInt8], at time: Timestamp, draft: [UInt8]) throws -> (number: Int, ordinal: Int64)
    func erasure(customerTag: [UInt8]) throws -> ErasureRecord?
    /// Every erasure, oldest first.
    func allErasures() throws -> [ErasureRecord]
    /// Up to `limit` erasures still without their receipt (their completion failed, or is
    /// under way), newest first by ordinal, those at or below `ordinal` when it is given
    /// (a page of a sweep through them all).
    func erasuresWithoutReceipt(limit: Int, atOrBelow ordinal: Int64?) throws -> [ErasureRecord]
    /// Stores the receipt of the erasure (`customerTag`, `handleTag`) unless it has one.
    func setErasureReceipt(_ receipt: [UInt8], customerTag: [UInt8], handleTag: [UInt8]) throws
    /// Records a ledger entry unless keys.db holds the same erasure with a receipt, or the
    /// entry is not a later erasure of the id than keys.db's (a higher number; where either
    /// has none, a later time: the rule every comparison of two erasures of one customer uses). A row it writes takes the entry's
    /// number (none for an entry written before erasures were numbered) and a new ordinal.
    func mergeErasure(customerTag: [UInt8], handleTag: [UInt8], at time: Timestamp, number: Int?, draft: [UInt8], receipt: [UInt8]?) throws
    func erasureCount() throws -> Int

    // MARK: The audit anchor

    /// The anchor of audit chain `chain` (0: the store's first chain), with its MAC.
    func auditAnchorRow(chain: Int) throws -> (anchor: AuditAnchor, mac: [UInt8]?)?
    /// Every chain's anchor row: the registry of chains (one row on an engine with one chain).
    func auditAnchorRows() throws -> [(anchor: AuditAnchor, mac: [UInt8]?)]
    /// Writes the anchor row of `anchor.chain`. An engine that keeps one chain (SQLite)
    /// throws for any chain but 0.
    func storeAuditAnchor(_ anchor: AuditAnchor, mac: [UInt8]) throws
}

extension KeyringRecords {
    /// Told after an erasure's transaction committed, with its tags (`Keyring.erasureTag`),
    /// number and time: an engine whose database can be swapped under a running daemon checks
    /// that every new session still finds it (PostgreSQL). Nothing to do by default.
    package func erasureCommitted(customerTag: [UInt8], handleTag: [UInt8], number: Int, at time: Timestamp) {}

    /// Once the start has re-applied the erasure ledger: why the keyring must not be served
    /// (it lacks erasures the data store recorded: PostgreSQL's `keyring_mirror`), or nil.
    /// Nothing to check by default.
    package func erasuresLostAtStart() throws -> String? { nil }
}

extension KeyringRecords {
    /// The anchor of chain 0.
    package func auditAnchorRow() throws -> (anchor: AuditAnchor, mac: [UInt8]?)? { try auditAnchorRow(chain: 0) }
}

extension KeyringRecords {
    /// `setHoldState` with no release pending: a hold, or a release completed at once.
    package func setHeldSince(blindIndex: [UInt8], _ value: Int64?) throws {
        try setHoldState(blindIndex: blindIndex, heldSince: value, releasePending: nil)
    }
}

/// The keyring row: the master key's source, the key check, and the keys wrapped under it.
package struct KeyringRow {
    package var source: String
    /// Argon2id salt and cost, for a passphrase source only.
    package var salt: [UInt8]?
    package var opsLimit: Int64?
    package var memLimit: Int?
    package var keyCheck: [UInt8]
    package var indexKey: [UInt8]
    package var auditKey: [UInt8]

    package init(source: String, salt: [UInt8]?, opsLimit: Int64?, memLimit: Int?, keyCheck: [UInt8], indexKey: [UInt8], auditKey: [UInt8]) {
        (self.source, self.salt, self.opsLimit, self.memLimit) = (source, salt, opsLimit, memLimit)
        (self.keyCheck, self.indexKey, self.auditKey) = (keyCheck, indexKey, auditKey)
    }
}

/// A customer row: its random handle and audit pseudonym, its hold, its version (bumped by
/// every change of its keys), how many holds and releases it has had, and the release of
/// its hold that is pending, if any.
package struct CustomerRow {
    package let handle: [UInt8]
    package let auditRef: [UInt8]
    package let heldSince: Int64?
    package let version: Int64
    package let holdChanges: Int64
    /// A release committed but not yet completed (its audit entry not yet written, or the
    /// daemon stopped before its second step): the `hold_changes` count of the release that
    /// set the mark. The customer stays held (`heldSince` is set) until a release completes it.
    package let releasePending: Int64?

    package init(handle: [UInt8], auditRef: [UInt8], heldSince: Int64?, version: Int64, holdChanges: Int64, releasePending: Int64? = nil) {
        (self.handle, self.auditRef, self.heldSince, self.version, self.holdChanges) = (handle, auditRef, heldSince, version, holdChanges)
        self.releasePending = releasePending
    }
}
