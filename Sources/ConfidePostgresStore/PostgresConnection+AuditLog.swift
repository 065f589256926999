import ConfideCore
import ConfidePostgres

/// One audit chain's rows on PostgreSQL (`audit_entry`, `audit_checkpoint` of
/// Migrations/postgresql/data, where `chain` says whose; `audit_meta`, shared): the
/// PostgreSQL side of Core's `AuditLogStorage`, so `AuditChain` appends and `AuditVerifier`
/// checks a chain stored there exactly as on SQLite. Every daemon over a data schema
/// appends to a chain of its own (docs/scaling.md); every statement here reads or writes
/// `chain` only, in the connection's current transaction, if one is open.
public struct PostgresAuditLog: AuditLogStorage {
    public let connection: PostgresConnection
    public let chain: Int
    public init(_ connection: PostgresConnection, chain: Int) { (self.connection, self.chain) = (connection, chain) }

    public var auditChainID: Int { chain }
    private var c: PostgresValue { .int8(Int64(chain)) }

    public func newestAuditEntry() throws -> (seq: Int, hash: [UInt8], mac: [UInt8]?)? {
        try connection.queryOne("SELECT seq, hash, mac FROM audit_entry WHERE chain = $1 ORDER BY seq DESC LIMIT 1", [c]) { r in
            (try r.int(0), try r.bytea(1) ?? [], try r.bytea(2))
        }
    }

    public func oldestAuditSeq() throws -> Int? {
        try connection.queryOne("SELECT MIN(seq) FROM audit_entry WHERE chain = $1", [c]) { try $0.optionalInt(0) } ?? nil
    }

    public func newestCheckpointSeq() throws -> Int? {
        try connection.queryOne("SELECT MAX(seq) FROM audit_checkpoint WHERE chain = $1", [c]) { try $0.optionalInt(0) } ?? nil
    }

    public func auditCheckpoints() throws -> [(seq: Int, head: [UInt8], signature: [UInt8])] {
        try connection.query("SELECT seq, head, signature FROM audit_checkpoint WHERE chain = $1 ORDER BY seq", [c]) { r in
            (try r.int(0), try r.bytea(1) ?? [], try r.bytea(2) ?? [])
        }
    }

    public func storedAuditPublicKey() throws -> [UInt8]? {
        try connection.queryOne("SELECT public_key FROM audit_meta WHERE id = 1") { try $0.bytea(0) } ?? nil
    }

    public func storeAuditPublicKey(_ key: [UInt8]) throws {
        _ = try connection.run("INSERT INTO audit_meta (id, public_key) VALUES (1, $1)", .bytea(key))
    }

    public func insertAuditEntry(_ entry: AuditEntry) throws {
        try connection.write("""
            INSERT INTO audit_entry (chain, seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail)
            VALUES ($12, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, [.int8(Int64(entry.seq)), .int8(entry.timestamp.milliseconds), entry.uid.map { .int8(Int64($0)) } ?? .null,
            entry.pid.map { .int8(Int64($0)) } ?? .null, entry.role.map { .text($0) } ?? .null, .text(entry.method),
            entry.purpose.map { .text($0) } ?? .null, entry.customerRef.map { .bytea($0) } ?? .null, .text(entry.outcome),
            .bytea(entry.hash), entry.detail.map { .text($0) } ?? .null, c])
    }

    public func setAuditMAC(_ mac: [UInt8], seq: Int) throws {
        try connection.write("UPDATE audit_entry SET mac = $1 WHERE chain = $3 AND seq = $2", [.bytea(mac), .int8(Int64(seq)), c])
    }

    public func storeCheckpoint(seq: Int, head: [UInt8], at time: Timestamp, signature: [UInt8]) throws {
        try connection.write("""
            INSERT INTO audit_checkpoint (chain, seq, head, ts, signature) VALUES ($5, $1, $2, $3, $4)
            ON CONFLICT (chain, seq) DO UPDATE SET head = EXCLUDED.head, ts = EXCLUDED.ts, signature = EXCLUDED.signature
            """, [.int8(Int64(seq)), .bytea(head), .int8(time.milliseconds), .bytea(signature), c])
    }

    /// Reads the chain a page of 10,000 entries at a time (keyset pagination by seq), so a
    /// long chain is never held whole.
    public func forEachAuditEntry(_ body: (_ seq: Int, _ entry: Result<AuditEntry, StoreError>, _ mac: [UInt8]?) throws -> Bool) throws {
        var after = Int64.min
        while true {
            let page = try connection.query("SELECT \(Self.auditEntryColumns), mac FROM audit_entry WHERE chain = $2 AND seq > $1 ORDER BY seq LIMIT 10000",
                                            [.int8(after), c]) { r in (try r.int(0), try Self.entry(r), try r.bytea(11)) }
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
            rows = try connection.query("SELECT \(Self.auditEntryColumns) FROM audit_entry WHERE chain = $3 AND seq > $1 ORDER BY seq LIMIT $2",
                                        [.int8(Int64(afterSeq)), .int8(Int64(limit)), c]) { try Self.entry($0) }
        } else {
            rows = try connection.query("SELECT * FROM (SELECT \(Self.auditEntryColumns) FROM audit_entry WHERE chain = $2 ORDER BY seq DESC LIMIT $1) newest ORDER BY seq",
                                        [.int8(Int64(limit)), c]) { try Self.entry($0) }
        }
        return try rows.map { try $0.get() }
    }

    public func auditHash(seq: Int) throws -> [UInt8]? {
        try connection.queryOne("SELECT hash FROM audit_entry WHERE chain = $2 AND seq = $1", [.int8(Int64(seq)), c]) { try $0.bytea(0) } ?? nil
    }

    public func checkpointHead(seq: Int) throws -> [UInt8]? {
        try connection.queryOne("SELECT head FROM audit_checkpoint WHERE chain = $2 AND seq = $1", [.int8(Int64(seq)), c]) { try $0.bytea(0) } ?? nil
    }

    public func newestCheckpointBefore(_ cutoff: Timestamp) throws -> Int? {
        try connection.queryOne("""
            SELECT MAX(c.seq) FROM audit_checkpoint c JOIN audit_entry e ON e.chain = c.chain AND e.seq = c.seq WHERE c.chain = $2 AND e.ts < $1
            """, [.int8(cutoff.milliseconds), c]) { try $0.optionalInt(0) } ?? nil
    }

    public func pruneAudit(through anchor: Int) throws -> Int {
        let pruned = try connection.run("DELETE FROM audit_entry WHERE chain = $2 AND seq <= $1", .int8(Int64(anchor)), c)
        _ = try connection.run("DELETE FROM audit_checkpoint WHERE chain = $2 AND seq < $1", .int8(Int64(anchor)), c)
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

extension PostgresConnection {
    /// The audit chain `chain` of this data schema (see `PostgresAuditLog`).
    package func auditLog(chain: Int) -> any AuditLogStorage { PostgresAuditLog(self, chain: chain) }

    /// The chains that hold entries or checkpoints.
    package func storedAuditChains() throws -> [Int] {
        try query("SELECT chain FROM audit_entry UNION SELECT chain FROM audit_checkpoint ORDER BY 1") { try $0.int(0) }
    }
}
