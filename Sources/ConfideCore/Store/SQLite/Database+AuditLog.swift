import ConfideStorage

/// The audit chain's rows in data.db (`audit_entry`, `audit_checkpoint`, `audit_meta`;
/// Migrations/data 0002, 0005, 0006): the SQLite side of `AuditLogStorage`.
extension Database: AuditLogStorage {
    /// data.db keeps one chain: the store's first, chain 0.
    public var auditChainID: Int { 0 }

    /// data.db itself: it holds chain 0 only (one daemon per state folder).
    package func auditLog(chain: Int) -> any AuditLogStorage {
        precondition(chain == 0, "data.db keeps audit chain 0 only")
        return self
    }

    package func storedAuditChains() throws -> [Int] {
        try queryOne("SELECT EXISTS (SELECT 1 FROM audit_entry) OR EXISTS (SELECT 1 FROM audit_checkpoint)") { $0.int(0) != 0 } == true ? [0] : []
    }

    // Public only because the protocol is: Core is the one caller.
    /// The columns `AuditEntry(row:)` reads, in its order.
    static let auditEntryColumns = "seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail"

    public func newestAuditEntry() throws -> (seq: Int, hash: [UInt8], mac: [UInt8]?)? {
        try queryOne("SELECT seq, hash, mac FROM audit_entry ORDER BY seq DESC LIMIT 1") {
            ($0.int(0), $0.blob(1), $0.isNull(2) ? nil : $0.blob(2))
        }
    }

    public func oldestAuditSeq() throws -> Int? {
        try queryOne("SELECT MIN(seq) FROM audit_entry") { $0.optionalInt(0) } ?? nil
    }

    public func newestCheckpointSeq() throws -> Int? {
        try queryOne("SELECT MAX(seq) FROM audit_checkpoint") { $0.optionalInt(0) } ?? nil
    }

    public func auditCheckpoints() throws -> [(seq: Int, head: [UInt8], signature: [UInt8])] {
        try query("SELECT seq, head, signature FROM audit_checkpoint ORDER BY seq") { ($0.int(0), $0.blob(1), $0.blob(2)) }
    }

    public func storedAuditPublicKey() throws -> [UInt8]? {
        try queryOne("SELECT public_key FROM audit_meta WHERE id = 1") { $0.blob(0) }
    }

    public func storeAuditPublicKey(_ key: [UInt8]) throws {
        try run("INSERT INTO audit_meta (id, public_key) VALUES (1, ?)", .blob(key))
    }

    public func insertAuditEntry(_ entry: AuditEntry) throws {
        try run("""
            INSERT INTO audit_entry (seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .int(entry.seq), .integer(entry.timestamp.milliseconds), entry.uid.map { .integer(Int64($0)) } ?? .null,
            entry.pid.map { .integer(Int64($0)) } ?? .null, entry.role.map { .text($0) } ?? .null, .text(entry.method),
            entry.purpose.map { .text($0) } ?? .null, entry.customerRef.map { .blob($0) } ?? .null, .text(entry.outcome),
            .blob(entry.hash), entry.detail.map { .text($0) } ?? .null)
    }

    public func setAuditMAC(_ mac: [UInt8], seq: Int) throws {
        try run("UPDATE audit_entry SET mac = ? WHERE seq = ?", .blob(mac), .int(seq))
    }

    public func storeCheckpoint(seq: Int, head: [UInt8], at time: Timestamp, signature: [UInt8]) throws {
        try run("INSERT OR REPLACE INTO audit_checkpoint (seq, head, ts, signature) VALUES (?, ?, ?, ?)",
                .int(seq), .blob(head), .integer(time.milliseconds), .blob(signature))
    }

    public func forEachAuditEntry(_ body: (_ seq: Int, _ entry: Result<AuditEntry, StoreError>, _ mac: [UInt8]?) throws -> Bool) throws {
        let statement = try cachedStatement("SELECT \(Database.auditEntryColumns), mac FROM audit_entry ORDER BY seq")
        defer { statement.reset() }
        while try statement.step() {
            let s = statement
            let entry = Result { () throws(StoreError) in try AuditEntry(row: s) }
            guard try body(s.int(0), entry, s.isNull(11) ? nil : s.blob(11)) else { return }
        }
    }

    public func auditHash(seq: Int) throws -> [UInt8]? {
        try queryOne("SELECT hash FROM audit_entry WHERE seq = ?", [.int(seq)]) { $0.blob(0) }
    }

    public func checkpointHead(seq: Int) throws -> [UInt8]? {
        try queryOne("SELECT head FROM audit_checkpoint WHERE seq = ?", [.int(seq)]) { $0.blob(0) }
    }

    public func newestCheckpointBefore(_ cutoff: Timestamp) throws -> Int? {
        try queryOne("SELECT MAX(c.seq) FROM audit_checkpoint c JOIN audit_entry e ON e.seq = c.seq WHERE e.ts < ?",
                     [.integer(cutoff.milliseconds)]) { $0.optionalInt(0) } ?? nil
    }

    public func pruneAudit(through anchor: Int) throws -> Int {
        try run("DELETE FROM audit_entry WHERE seq <= ?", .int(anchor))
        let pruned = changes
        try run("DELETE FROM audit_checkpoint WHERE seq < ?", .int(anchor))
        return pruned
    }

    public func auditEntries(after afterSeq: Int?, limit: Int) throws -> [AuditEntry] {
        let sql = afterSeq == nil
            ? "SELECT * FROM (SELECT \(Database.auditEntryColumns) FROM audit_entry ORDER BY seq DESC LIMIT ?) ORDER BY seq"
            : "SELECT \(Database.auditEntryColumns) FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?"
        let params: [SQLValue] = afterSeq.map { [.int($0), .int(limit)] } ?? [.int(limit)]
        return try query(sql, params) { try AuditEntry(row: $0) }
    }
}

extension AuditEntry {
    /// An entry from a row selecting `Database.auditEntryColumns` (checked by `stored`).
    init(row s: Statement) throws(StoreError) {
        self = try .stored(seq: s.int(0), milliseconds: s.int64(1), uid: s.optionalInt(2), pid: s.optionalInt(3), role: s.text(4),
                           method: s.text(5) ?? "", purpose: s.text(6), customerRef: s.isNull(7) ? nil : s.blob(7),
                           outcome: s.text(8) ?? "", hash: s.blob(9), detail: s.text(10))
    }
}
