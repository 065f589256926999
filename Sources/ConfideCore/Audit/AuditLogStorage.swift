/// What the audit chain needs from the data store: the records behind `AuditChain` (the
/// writer's side, inside the group's transaction) and `AuditVerifier` (the auditor's side,
/// on a read-only copy). The chain's rules — hashes, MACs, signatures, what counts as
/// tampering — live in those two types; an implementation only stores and returns rows.
///
/// SQLite implements it on a `Database` (`Store/SQLite/Database+AuditLog.swift`),
/// PostgreSQL on a `PostgresConnection` (module `ConfidePostgresStore`); the chain and its
/// verifier run unchanged on either, which `AuditLogContractTests` checks from one source.
///
/// A store may keep several chains (PostgreSQL: one per daemon, `TranscriptRecords.auditLog(chain:)`);
/// an `AuditLogStorage` is one of them, and every method reads and writes that chain only.
public protocol AuditLogStorage {
    /// Which chain this is (0: the store's first chain, the only one on SQLite). Its first
    /// entry hashes from `AuditEntry.genesisHash(chain:)`.
    var auditChainID: Int { get }
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
    /// The stored hash of entry `seq`, and the head signed at `seq` (nil: none).
    func auditHash(seq: Int) throws -> [UInt8]?
    func checkpointHead(seq: Int) throws -> [UInt8]?
    /// The newest signed checkpoint whose entry is older than `cutoff`: how far pruning may go.
    func newestCheckpointBefore(_ cutoff: Timestamp) throws -> Int?
    /// Deletes the entries up to `anchor` and the checkpoints before it; returns the entries deleted.
    func pruneAudit(through anchor: Int) throws -> Int
}

extension AuditEntry {
    /// An entry as an engine read it back. Numbers no entry can hold (an edited row) are
    /// `integrity`: read as they are, a uid of -2^63 would wrap to 0 and hash as root.
    public static func stored(seq: Int, milliseconds ts: Int64, uid: Int?, pid: Int?, role: String?, method: String, purpose: String?,
                              customerRef: [UInt8]?, outcome: String, hash: [UInt8], detail: String?) throws(StoreError) -> AuditEntry {
        guard seq >= 1, Timestamp.storable.contains(ts), (0...Int(UInt32.max)).contains(uid ?? 0),
              (Int(Int32.min)...Int(Int32.max)).contains(pid ?? 0) else {
            throw .integrity("audit entry \(seq) holds an impossible seq, time, uid or pid (edited outside confide)")
        }
        return AuditEntry(seq: seq, timestamp: Timestamp(milliseconds: ts), uid: uid.map { UInt32($0) }, pid: pid.map { Int32($0) },
                          role: role, method: method, purpose: purpose, customerRef: customerRef, outcome: outcome, hash: hash, detail: detail)
    }
}
