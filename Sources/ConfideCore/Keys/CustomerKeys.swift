import ConfideCrypto

/// A customer's keys as the daemon holds them in memory: its random handle and audit
/// pseudonym, and every DEK generation unwrapped into guarded memory. Immutable; the
/// keyring replaces the cached value when a generation is added or the customer erased.
public final class CustomerKeys: Sendable {
    /// Keyed hash of the customer id: the customer's primary key in keys.db.
    public let blindIndex: [UInt8]
    /// Random 16 bytes naming the customer's rows in data.db.
    public let handle: [UInt8]
    /// Random 16 bytes: the customer's pseudonym in the audit chain and receipts.
    public let auditRef: [UInt8]
    /// Unwrapped DEKs by generation.
    let deks: [Int: SecretKey]
    /// The generation new writes use.
    public let newestGeneration: Int
    /// When the newest generation was created (drives DEK rotation).
    public let newestCreatedAt: Timestamp
    /// The customer row's `version` these keys were loaded at (bumped by every change of its
    /// keys). No hold state is kept here: a cached one could be stale, and the decisions
    /// that need it (a shred, retention) read it afresh under the keyring's lock.
    public let version: Int64

    init(blindIndex: [UInt8], handle: [UInt8], auditRef: [UInt8], deks: [Int: SecretKey],
         newestGeneration: Int, newestCreatedAt: Timestamp, version: Int64) {
        self.blindIndex = blindIndex
        self.handle = handle
        self.auditRef = auditRef
        self.deks = deks
        self.newestGeneration = newestGeneration
        self.newestCreatedAt = newestCreatedAt
        self.version = version
    }

    /// The DEK of `generation`; a chunk naming a generation the customer lacks was
    /// tampered with or misplaced.
    func dek(_ generation: Int) throws(StoreError) -> SecretKey {
        guard let key = deks[generation] else { throw .integrity("no data key of generation \(generation) for this customer") }
        return key
    }

    /// The key new writes are sealed with.
    var newestDEK: SecretKey { deks[newestGeneration]! }

    /// The audit pseudonym as hex, as it appears in audit entries and receipts.
    public var auditRefHex: String { encodeHex(auditRef) }
}

extension CustomerKeys {
    /// The customer as these keys were loaded: what a request relying on them checks.
    var customerVersion: CustomerVersion { CustomerVersion(handle: handle, version: version) }
}
