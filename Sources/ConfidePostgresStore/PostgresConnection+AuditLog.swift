import ConfideCore
import ConfidePostgres

/// The audit chain's rows on PostgreSQL (`audit_entry`, `audit_checkpoint`, `audit_meta` of
/// Migrations/postgresql/data): the PostgreSQL side of Core's `AuditLogStorage`, so
/// `AuditChain` appends and `AuditVerifier` checks a chain stored there exactly as on SQLite.
/// Every statement runs in the connection's current transaction, if one is open.
extension PostgresConnection: AuditLogStorage {
    public func newestAuditEntry() throws -> (seq: Int, hash: [UInt8], mac: [UInt8]?)? {
        try queryOne("SELECT seq, hash, mac FROM audit_entry ORDER BY seq DESC LIMIT 1") { r in
            (try r.int(0), try r.bytea(1) ?? [], try r.bytea(2))
        }
    }

    public func oldestAuditSeq() throws -> Int? {
        try queryOne("SELECT MIN(seq) FROM audit_entry") { try $0.optionalInt(0) } ?? nil
    }

    public func newestCheckpointSeq() throws -> Int? {
        try queryOne("SELECT MAX(seq) FROM audit_checkpoint") { try $0.optionalInt(0) } ?? nil
    }

    public func auditCheckpoints() throws -> [(seq: Int, head: [UInt8], signature: [UInt8])] {
        try query("SELECT seq, head, signature FROM audit_checkpoint ORDER BY seq") { r in
            (try r.int(0), try r.bytea(1) ?? [], try r.bytea(2) ?? [])
        }
    }

    public func storedAuditPublicKey() throws -> [UInt8]? {
        try queryOne("SELECT public_key FROM audit_meta WHERE id = 1") { try $0.bytea(0) } ?? nil
    }

    public func storeAuditPublicKey(_ key: [UInt8]) throws {
        _ = try run("INSERT INTO audit_meta (id, public_key) VALUES (1, $1)", .bytea(key))
    }

    public func insertAuditEntry(_ entry: AuditEntry) throws {
        try write("""
            INSERT INTO audit_entry (seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, [.int8(Int64(entry.seq)), .int8(entry.timestamp.milliseconds), entry.uid.map { .int8(Int64($0)) } ?? .null,
            entry.pid.map { .int8(Int64($0)) } ?? .null, entry.role.map { .text($0) } ?? .null, .text(entry.method),
            entry.purpose.map { .text($0) } ?? .null, entry.customerRef.map { .bytea($0) } ?? .null, .text(entry.outcome),
            .bytea(entry.hash), entry.detail.map { .text($0) } ?? .null])
    }

    public func setAuditMAC(_ mac: [UInt8], seq: Int) throws {
        try write("UPDATE audit_entry SET mac = $1 WHERE seq = $2", [.bytea(mac), .int8(Int64(seq))])
    }

    public func storeCheckpoint(seq: Int, head: [UInt8], at time: Timestamp, signature: [UInt8]) throws {
        try write("""
            INSERT INTO audit_checkpoint (seq, head, ts, signature) VALUES ($1, $2, $3, $4)
            ON CONFLICT (seq) DO UPDATE SET head = EXCLUDED.head, ts = EXCLUDED.ts, signature = EXCLUDED.signature
            """, [.int8(Int64(seq)), .bytea(head), .int8(time.milliseconds), .bytea(signature)])
    }

    /// Reads the chain a page of 10,000 entries at a time (keyset pagination by seq), so a
    /// long chain is never held whole.
    public func forEachAuditEntry(_ body: (_ seq: Int, _ entry: Result<AuditEntry, StoreError>, _ mac: [UInt8]?) throws -> Bool) throws {
        var after = Int64.min
        while true {
            let page = try query("SELECT \(Self.auditEntryColumns), mac FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT 10000",
                                 [.int8(after)]) { r in (try r.int(0), try Self.entry(r), try r.bytea(11)) }
            for (seq, entry, mac) in page {
                guard try body(seq, entry, mac) else { return }
            }
            guard let last = page.last else { return }
            after = Int64(last.0)
        }
    }

    public func auditEntries(after afterSeq: Int?, limit: Int) throws -> [AuditEntry] {
        let rows: [Result<AuditEntry, StoreError>]
        if let afterSeq {
            rows = try query("SELECT \(Self.auditEntryColumns) FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT $2",
                             [.int8(Int64(afterSeq)), .int8(Int64(limit))]) { try Self.entry($0) }
        } else {
            rows = try query("SELECT * FROM (SELECT \(Self.auditEntryColumns) FROM audit_entry ORDER BY seq DESC LIMIT $1) newest ORDER BY seq",
                             [.int8(Int64(limit))]) { try Self.entry($0) }
        }
        return try rows.map { try $0.get() }
    }

    public func auditHash(seq: Int) throws -> [UInt8]? {
        try queryOne("SELECT hash FROM audit_entry WHERE seq = $1", [.int8(Int64(seq))]) { try $0.bytea(0) } ?? nil
    }

    public func checkpointHead(seq: Int) throws -> [UInt8]? {
        try queryOne("SELECT head FROM audit_checkpoint WHERE seq = $1", [.int8(Int64(seq))]) { try $0.bytea(0) } ?? nil
    }

    public func newestCheckpointBefore(_ cutoff: Timestamp) throws -> Int? {
        try queryOne("SELECT MAX(c.seq) FROM audit_checkpoint c JOIN audit_entry e ON e.seq = c.seq WHERE e.ts < $1",
                     [.int8(cutoff.milliseconds)]) { try $0.optionalInt(0) } ?? nil
    }

    public func pruneAudit(through anchor: Int) throws -> Int {
        let pruned = try run("DELETE FROM audit_entry WHERE seq <= $1", .int8(Int64(anchor)))
        _ = try run("DELETE FROM audit_checkpoint WHERE seq < $1", .int8(Int64(anchor)))
        return pruned
    }

    static let auditEntryColumns = "seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail"

    /// An entry from a row selecting `auditEntryColumns` (checked by Core's `AuditEntry.stored`).
    private static func entry(_ r: PostgresRow) throws -> Result<AuditEntry, StoreError> {
        let (seq, ts, uid, pid) = (try r.int(0), try r.int64(1), try r.optionalInt(2), try r.optionalInt(3))
        let (role, method, purpose) = (try r.text(4), try r.text(5) ?? "", try r.text(6))
        let (ref, outcome, hash, detail) = (try r.bytea(7), try r.text(8) ?? "", try r.bytea(9) ?? [], try r.text(10))
        return Result { () throws(StoreError) in
            try AuditEntry.stored(seq: seq, milliseconds: ts, uid: uid, pid: pid, role: role, method: method, purpose: purpose,
                                  customerRef: ref, outcome: outcome, hash: hash, detail: detail)
        }
    }
}
