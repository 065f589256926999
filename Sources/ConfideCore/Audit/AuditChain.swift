import ConfideCrypto
import ConfideStorage

/// Appends entries to the hash chain in data.db. Owned by the single writer thread, so
/// the head lives in memory; `snapshot`/`restore` undo it when a transaction rolls back.
final class AuditChain {
    private(set) var nextSeq: Int
    private(set) var head: [UInt8]
    private var entriesSinceCheckpoint = 0
    private let signingKey: SigningKey
    /// Sign the head every this many entries.
    let checkpointInterval: Int

    /// Resumes the chain from the last row of `db`.
    init(db: Database, signingKey: SigningKey, checkpointInterval: Int) throws {
        self.signingKey = signingKey
        self.checkpointInterval = max(1, checkpointInterval)
        let last = try db.queryOne("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1") { ($0.int(0), $0.blob(1)) }
        let lastCheckpoint = try db.queryOne("SELECT MAX(seq) FROM audit_checkpoint") { $0.optionalInt(0) } ?? nil
        // Seqs come from the file: one edited past any real count is refused here, with the
        // rest of the start-up checks, instead of overflowing later in the writer.
        let limit = Int(Int32.max) * 1024
        guard (last?.0 ?? 0) >= 0, (last?.0 ?? 0) < limit, (lastCheckpoint ?? 0) >= 0, (lastCheckpoint ?? 0) < limit else {
            throw StoreError.integrity("the audit chain's last seq is out of range (data.db edited outside confide)")
        }
        nextSeq = (last?.0 ?? 0) + 1
        head = last?.1 ?? AuditEntry.genesisHash
        entriesSinceCheckpoint = nextSeq - 1 - (lastCheckpoint ?? 0)
        if try db.queryOne("SELECT 1 FROM audit_meta WHERE id = 1", row: { _ in true }) == nil {
            try db.run("INSERT INTO audit_meta (id, public_key) VALUES (1, ?)", .blob(signingKey.publicKey.bytes))
        }
    }

    struct Snapshot { let nextSeq: Int; let head: [UInt8]; let sinceCheckpoint: Int }
    func snapshot() -> Snapshot { Snapshot(nextSeq: nextSeq, head: head, sinceCheckpoint: entriesSinceCheckpoint) }
    func restore(_ s: Snapshot) { nextSeq = s.nextSeq; head = s.head; entriesSinceCheckpoint = s.sinceCheckpoint }

    /// Inserts one entry inside the caller's transaction and advances the head.
    @discardableResult
    func append(_ context: AuditContext, customerRef: [UInt8]?, outcome: String, at time: Timestamp, in db: Database) throws -> AuditEntry {
        // Empty values are stored as NULL: both hash alike, so the verifier rejects stored empties.
        let role = context.role?.isEmpty == true ? nil : context.role
        let customerRef = customerRef?.isEmpty == true ? nil : customerRef
        var entry = AuditEntry(seq: nextSeq, timestamp: time, uid: context.uid, pid: context.pid, role: role,
                               method: context.method, purpose: context.purpose?.value, customerRef: customerRef,
                               outcome: outcome, hash: [], detail: context.detail?.isEmpty == true ? nil : context.detail)
        entry.hash = entry.chainHash(previous: head)
        try db.run("""
            INSERT INTO audit_entry (seq, ts, peer_uid, peer_pid, role, method, purpose, customer_ref, outcome, hash, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .int(entry.seq), .integer(time.milliseconds), entry.uid.map { .integer(Int64($0)) } ?? .null,
            entry.pid.map { .integer(Int64($0)) } ?? .null, entry.role.map { .text($0) } ?? .null, .text(entry.method),
            entry.purpose.map { .text($0) } ?? .null, entry.customerRef.map { .blob($0) } ?? .null, .text(outcome), .blob(entry.hash),
            entry.detail.map { .text($0) } ?? .null)
        nextSeq += 1
        head = entry.hash
        entriesSinceCheckpoint += 1
        return entry
    }

    /// Signs the current head if `checkpointInterval` entries passed (or `force`).
    func checkpointIfDue(at time: Timestamp, in db: Database, force: Bool = false) throws {
        guard entriesSinceCheckpoint >= checkpointInterval || (force && entriesSinceCheckpoint > 0) else { return }
        let seq = nextSeq - 1
        let signature = signingKey.sign(AuditEntry.checkpointMessage(seq: seq, head: head))
        try db.run("INSERT OR REPLACE INTO audit_checkpoint (seq, head, ts, signature) VALUES (?, ?, ?, ?)",
                   .int(seq), .blob(head), .integer(time.milliseconds), .blob(signature))
        entriesSinceCheckpoint = 0
    }
}
