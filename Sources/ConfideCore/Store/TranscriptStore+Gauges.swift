
/// Levels of the store for monitoring (`system.stats` `store`, the Prometheus gauges):
/// counts, never ids or content.
public struct StoreGauges: Sendable {
    /// Seq of the newest audit entry (entries ever written, pruned ones included).
    public var auditSeq: Int
    /// Sessions whose `expires_at` has passed but that are still stored: not yet reached by
    /// the retention job, or kept by a legal hold.
    public var retentionBacklog: Int
    public var customers: Int
    /// Customers under legal hold.
    public var holds: Int
    /// Erased customers with a stored erasure record (one per customer id).
    public var erasures: Int
    /// DEKs still wrapped by a non-active KEK version.
    public var rewrapPending: Int
    /// When the active KEK version was created.
    public var activeKEKCreatedAt: Timestamp
}

extension Keyring {
    /// Customers on hold and erasure records: two counts in keys.db (each a scan of its
    /// table, like `keys.status`'s customer count).
    func holdAndErasureCounts() throws -> (holds: Int, erasures: Int) {
        try database.withLock { box in
            (try box.db.holdCount(), try box.db.erasureCount())
        }
    }
}

extension TranscriptStore {
    /// Reads the gauges: a data.db reader snapshot (audit head, expired sessions by the
    /// `session_by_expiry` index) and keys.db counts. Not audited: it reads no customer.
    public func gauges() throws(StoreError) -> StoreGauges {
        let now = clock.now()
        let (seq, backlog) = try storeCall {
            try readers.read { db in
                (try db.auditLog(chain: auditChainID).newestAuditEntry()?.seq ?? 0, try db.dueSessionCount(at: now))
            }
        }
        let status = try storeCall { try keyring.status() }
        let (holds, erasures) = try storeCall { try keyring.holdAndErasureCounts() }
        return StoreGauges(auditSeq: seq, retentionBacklog: backlog, customers: status.customers, holds: holds, erasures: erasures,
                           rewrapPending: status.rewrapPending, activeKEKCreatedAt: status.activeCreatedAt)
    }
}
