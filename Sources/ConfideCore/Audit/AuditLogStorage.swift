/// What the audit chain needs from the data store: the records behind `AuditChain` (the
/// writer's side, inside the group's transaction) and `AuditVerifier` (the auditor's side,
/// on a read-only copy). The chain's rules — hashes, MACs, signatures, what counts as
/// tampering — live in those two types; an implementation only stores and returns rows.
///
/// SQLite implements it on a `Database` (`Store/SQLite/Database+AuditLog.swift`); a second
/// engine implements the same operations on its own connection, and the chain and its
/// verifier run unchanged.
protocol AuditLogStorage {
    /// The newest entry: its seq, hash and MAC (nil when it carries none). Nil: no entry.
    func newestAuditEntry() throws -> (seq: Int, hash: [UInt8], mac: [UInt8]?)?
    /// The smallest seq still stored (entries before it were pruned). Nil: no entry.
    func oldestAuditSeq() throws -> Int?
    /// The seq of the newest signed checkpoint. Nil: none.
    func newestCheckpointSeq() throws -> Int?
    /// The signed checkpoints, by seq.
    func auditCheckpoints() throws -> [(seq: Int, head: [UInt8], signature: [UInt8])]
    /// The copy of the audit public key kept beside the chain, for offline verification.
    func storedAuditPublicKey() throws -> [UInt8]?
    func storeAuditPublicKey(_ key: [UInt8]) throws
    /// Appends `entry` (its seq is the next one; an absent field is stored as absent, never empty).
    func insertAuditEntry(_ entry: AuditEntry) throws
    /// Sets the MAC of the entry `seq` (the last of a commit).
    func setAuditMAC(_ mac: [UInt8], seq: Int) throws
    /// Records (or replaces) the signed checkpoint at `seq`.
    func storeCheckpoint(seq: Int, head: [UInt8], at time: Timestamp, signature: [UInt8]) throws
    /// Every entry in seq order with its MAC, until `body` returns false. A row that holds
    /// values no entry can have is passed as a `StoreError.integrity` failure for its seq.
    func forEachAuditEntry(_ body: (_ seq: Int, _ entry: Result<AuditEntry, StoreError>, _ mac: [UInt8]?) throws -> Bool) throws
    /// The entries after `afterSeq` (at most `limit`), or the newest `limit` when nil, oldest first.
    func auditEntries(after afterSeq: Int?, limit: Int) throws -> [AuditEntry]
}
