import ConfideCrypto

/// The keyed part of the audit chain: a MAC over (seq, head) at the end of every commit,
/// under a key derived from the audit signing key, which lives only in keys.db (wrapped by
/// the master key). Whoever can write data.db but holds no key can recompute the unkeyed
/// hashes of a rewritten chain, but not its MACs.
public struct AuditMAC: Sendable {
    private let key: SecretKey
    /// The first seq written with MACs; older entries predate the keyed chain.
    public let keyedFrom: Int

    init(signingKey: SigningKey, keyedFrom: Int) throws {
        var raw = BLAKE2b.hash(Array("confide.audit.mac.v1".utf8), outputLength: 32, key: signingKey.secret)
        defer { wipe(&raw) }
        key = try SecretKey(copying: raw)
        self.keyedFrom = keyedFrom
    }

    private init(key: SecretKey, keyedFrom: Int) { (self.key, self.keyedFrom) = (key, keyedFrom) }

    /// The same key for a chain whose MACs start at `seq` (another daemon's chain).
    func keyed(from seq: Int) -> AuditMAC { AuditMAC(key: key, keyedFrom: seq) }

    /// The MAC of keys.db's audit anchor (its every field).
    func mac(anchor: AuditAnchor) -> [UInt8] {
        var input = [UInt8]()
        appendLengthPrefixed(Array("confide.audit.anchor.v1".utf8), to: &input)
        for v in [Int64(anchor.keyedFrom), Int64(anchor.seq ?? -1), Int64(anchor.prunedTo), anchor.sessionsBound ? 1 : 0] {
            appendLengthPrefixed(withUnsafeBytes(of: v.bigEndian) { Array($0) }, to: &input)
        }
        appendLengthPrefixed(anchor.head ?? [], to: &input)
        // Chain 0's anchor of a store with one chain is MACed as it always was; another
        // chain's row also covers its number and name, and chain 0's row the count of chains.
        if anchor.chain != 0 {
            appendLengthPrefixed(withUnsafeBytes(of: Int64(anchor.chain).bigEndian) { Array($0) }, to: &input)
            appendLengthPrefixed(Array((anchor.name ?? "").utf8), to: &input)
        }
        if anchor.chains > 1 {
            appendLengthPrefixed(Array("chains".utf8), to: &input)
            appendLengthPrefixed(withUnsafeBytes(of: Int64(anchor.chains).bigEndian) { Array($0) }, to: &input)
        }
        return BLAKE2b.hash(input, outputLength: 32, key: key)
    }

    /// The MAC of the chain head `head` at `seq`.
    func mac(seq: Int, head: [UInt8]) -> [UInt8] {
        var input = [UInt8]()
        appendLengthPrefixed(Array("confide.audit.head.v1".utf8), to: &input)
        appendLengthPrefixed(withUnsafeBytes(of: Int64(seq).bigEndian) { Array($0) }, to: &input)
        appendLengthPrefixed(head, to: &input)
        return BLAKE2b.hash(input, outputLength: 32, key: key)
    }
}

/// Appends entries to the hash chain (`AuditLogStorage`: data.db on SQLite). Owned by the single writer thread, so
/// the head lives in memory; `snapshot`/`restore` undo it when a transaction rolls back.
package final class AuditChain {
    /// The chain this daemon appends to (`AuditLogStorage.auditChainID`).
    package let chainID: Int
    private(set) var nextSeq: Int
    private(set) var head: [UInt8]
    private var entriesSinceCheckpoint = 0
    /// Whether an entry was appended since the head's MAC was last written.
    private var unsealed = false
    private let signingKey: SigningKey
    let keyed: AuditMAC
    /// Sign the head every this many entries.
    let checkpointInterval: Int
    /// The newest signed checkpoint written by this process, for keys.db's anchor.
    private(set) var lastCheckpoint: (seq: Int, head: [UInt8])?

    /// Resumes the chain from the last row of `db`, after checking that row's MAC: a chain
    /// whose head does not authenticate was rewritten outside confide, and nothing is
    /// appended to it or signed over it. `storeName`: how messages name `db` (the engine's
    /// `dataName`: data.db's path, or a PostgreSQL URI without its password).
    init(db: any AuditLogStorage, signingKey: SigningKey, checkpointInterval: Int, keyedFrom: Int?, storeName: String = "data.db") throws {
        self.signingKey = signingKey
        self.checkpointInterval = max(1, checkpointInterval)
        let last = try db.newestAuditEntry()
        let lastCheckpoint = try db.newestCheckpointSeq()
        // Seqs come from the file: one edited past any real count is refused here, with the
        // rest of the start-up checks, instead of overflowing later in the writer.
        let limit = Int(Int32.max) * 1024
        guard (last?.0 ?? 0) >= 0, (last?.0 ?? 0) < limit, (lastCheckpoint ?? 0) >= 0, (lastCheckpoint ?? 0) < limit else {
            throw StoreError.integrity("the audit chain's last seq is out of range (\(storeName) edited outside confide)")
        }
        nextSeq = (last?.0 ?? 0) + 1
        head = last?.1 ?? AuditEntry.genesisHash(chain: db.auditChainID)
        chainID = db.auditChainID
        keyed = try AuditMAC(signingKey: signingKey, keyedFrom: keyedFrom ?? nextSeq)
        if let last, last.0 >= keyed.keyedFrom, last.2 != keyed.mac(seq: last.0, head: last.1) {
            throw StoreError.integrity("the audit chain in \(storeName) ends at seq \(last.0), whose MAC \(last.2 == nil ? "is missing" : "fails"): "
                + "the audit log was rewritten or edited outside confide (restore the data store from a backup; `confide audit verify --offline` "
                + "shows the chain as it is)")
        }
        entriesSinceCheckpoint = nextSeq - 1 - (lastCheckpoint ?? 0)
        // The copy of the public key that `audit verify --offline` trusts by default: one that is
        // not keys.db's audit key was put there to make a forged chain verify offline. A
        // missing one is written again (the same key: nothing is lost).
        if let stored = try db.storedAuditPublicKey() {
            guard stored == signingKey.publicKey.bytes else {
                throw StoreError.integrity("the audit public key in \(storeName) (table audit_meta) is not the keyring's audit key: it was "
                    + "replaced outside confide, so an offline verification of this store would trust the wrong key (restore the data store "
                    + "from a backup)")
            }
        } else {
            try db.storeAuditPublicKey(signingKey.publicKey.bytes)
        }
    }

    /// The seq of the newest entry (0: none).
    var lastSeq: Int { nextSeq - 1 }

    struct Snapshot {
        let nextSeq: Int, head: [UInt8], sinceCheckpoint: Int, unsealed: Bool
        let lastCheckpoint: (seq: Int, head: [UInt8])?
    }
    func snapshot() -> Snapshot {
        Snapshot(nextSeq: nextSeq, head: head, sinceCheckpoint: entriesSinceCheckpoint, unsealed: unsealed, lastCheckpoint: lastCheckpoint)
    }
    func restore(_ s: Snapshot) {
        nextSeq = s.nextSeq; head = s.head; entriesSinceCheckpoint = s.sinceCheckpoint; unsealed = s.unsealed; lastCheckpoint = s.lastCheckpoint
    }

    /// Writes the head's MAC into the last entry: once per commit, right before it.
    func sealHead(in db: any AuditLogStorage) throws {
        guard unsealed else { return }
        try db.setAuditMAC(keyed.mac(seq: nextSeq - 1, head: head), seq: nextSeq - 1)
        unsealed = false
    }

    /// Inserts one entry inside the caller's transaction and advances the head.
    @discardableResult
    func append(_ context: AuditContext, customerRef: [UInt8]?, outcome: String, at time: Timestamp, in db: any AuditLogStorage) throws -> AuditEntry {
        // Empty values are stored as NULL: both hash alike, so the verifier rejects stored empties.
        let role = context.role?.isEmpty == true ? nil : context.role
        let customerRef = customerRef?.isEmpty == true ? nil : customerRef
        var entry = AuditEntry(seq: nextSeq, timestamp: time, uid: context.uid, pid: context.pid, role: role,
                               method: context.method, purpose: context.purpose?.value, customerRef: customerRef,
                               outcome: outcome, hash: [], detail: context.detail?.isEmpty == true ? nil : context.detail)
        entry.hash = entry.chainHash(previous: head)
        try db.insertAuditEntry(entry)
        nextSeq += 1
        head = entry.hash
        entriesSinceCheckpoint += 1
        unsealed = true
        return entry
    }

    /// Signs the current head if `checkpointInterval` entries passed (or `force`).
    func checkpointIfDue(at time: Timestamp, in db: any AuditLogStorage, force: Bool = false) throws {
        guard entriesSinceCheckpoint >= checkpointInterval || (force && entriesSinceCheckpoint > 0) else { return }
        let seq = nextSeq - 1
        let signature = signingKey.sign(AuditEntry.checkpointMessage(seq: seq, head: head))
        try db.storeCheckpoint(seq: seq, head: head, at: time, signature: signature)
        entriesSinceCheckpoint = 0
        lastCheckpoint = (seq, head)
    }
}
