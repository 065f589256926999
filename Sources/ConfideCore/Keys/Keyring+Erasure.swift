import ConfideCrypto
import ConfideStorage

/// What destroying a customer's keys removed, for the erasure receipt.
public struct DestroyedKeys: Sendable {
    public let handle: [UInt8]
    public let auditRef: [UInt8]
    public let dekCount: Int
    /// Every KEK version that ever wrapped one of the destroyed DEKs.
    public let kekVersions: [Int]
    /// Whether the keys.db WAL was checkpointed and truncated right after the commit (false
    /// when a reader held it, e.g. a backup: the freed frames then linger until the next one).
    public let walTruncated: Bool
}

extension Keyring {
    /// Deletes every DEK generation, the handle and the audit pseudonym of a customer in
    /// one keys.db transaction (secure_delete zeroes the freed pages), then checkpoints the
    /// WAL with TRUNCATE so no copy lingers there. The commit is the erasure point: from
    /// it on, nothing — this daemon included — can open the customer's ciphertext.
    func destroyCustomer(blindIndex: [UInt8]) throws -> DestroyedKeys? {
        // Whatever happens after the commit, this process must stop serving the customer.
        defer { forget(blindIndex: blindIndex) }
        return try database.withLock { box -> DestroyedKeys? in
            guard let row = try box.db.queryOne("SELECT handle, audit_ref FROM customer WHERE blind_index = ?", [.blob(blindIndex)], row: {
                (handle: $0.blob(0), ref: $0.blob(1))
            }) else { return nil }
            let result = try box.db.transaction { () throws -> (handle: [UInt8], ref: [UInt8], count: Int, versions: [Int]) in
                let count = try box.db.queryOne("SELECT COUNT(*) FROM dek WHERE customer_handle = ?", [.blob(row.handle)]) { $0.int(0) } ?? 0
                let versions = try box.db.query("SELECT kek_version FROM dek_kek_history WHERE customer_handle = ? ORDER BY kek_version",
                                                [.blob(row.handle)]) { $0.int(0) }
                try box.db.run("DELETE FROM dek WHERE customer_handle = ?", .blob(row.handle))
                try box.db.run("DELETE FROM dek_kek_history WHERE customer_handle = ?", .blob(row.handle))
                try box.db.run("DELETE FROM customer WHERE handle = ?", .blob(row.handle))
                return (row.handle, row.ref, count, versions)
            }
            // Past the erasure point: a failed checkpoint is reported, never thrown.
            let truncated = (try? box.db.checkpoint(truncate: true)) != nil
            return DestroyedKeys(handle: result.handle, auditRef: result.ref, dekCount: result.count, kekVersions: result.versions,
                                 walTruncated: truncated)
        }
    }

    /// True when keys.db holds no customer row and no DEK for `handle` (receipt `verified`).
    func isErased(handle: [UInt8]) throws -> Bool {
        try database.withLock { box in
            let deks = try box.db.queryOne("SELECT COUNT(*) FROM dek WHERE customer_handle = ?", [.blob(handle)]) { $0.int(0) } ?? 0
            let rows = try box.db.queryOne("SELECT COUNT(*) FROM customer WHERE handle = ?", [.blob(handle)]) { $0.int(0) } ?? 0
            return deks == 0 && rows == 0
        }
    }

    /// Whether a customer (by handle) still exists and, if so, since when it is held.
    func holdState(handle: [UInt8]) throws -> (exists: Bool, heldSince: Timestamp?) {
        try database.withLock { box in
            guard let held = try box.db.queryOne("SELECT held_since FROM customer WHERE handle = ?", [.blob(handle)], row: { $0.optionalInt(0) }) else {
                return (false, nil)
            }
            return (true, held.map { Timestamp(milliseconds: Int64($0)) })
        }
    }

    /// Sets or clears the legal hold; returns the hold time now in force, or nil if the
    /// customer does not exist.
    func setHold(blindIndex: [UInt8], held: Bool) throws -> (held: Bool, since: Timestamp?)? {
        let now = clock.now()
        let state = try database.withLock { box -> (held: Bool, since: Timestamp?)? in
            guard let current = try box.db.queryOne("SELECT held_since FROM customer WHERE blind_index = ?", [.blob(blindIndex)], row: {
                $0.optionalInt(0)
            }) else { return nil }
            if held {
                if let since = current { return (true, Timestamp(milliseconds: Int64(since))) }
                try box.db.transaction { try box.db.run("UPDATE customer SET held_since = ? WHERE blind_index = ?", .integer(now.milliseconds), .blob(blindIndex)) }
                return (true, now)
            }
            try box.db.transaction { try box.db.run("UPDATE customer SET held_since = NULL WHERE blind_index = ?", .blob(blindIndex)) }
            return (false, nil)
        }
        forget(blindIndex: blindIndex)
        return state
    }

    /// The keys.db state of a KEK version: its creation time and state, for receipts.
    func kekInfo() throws -> [(version: Int, state: String, createdAt: Timestamp, deks: Int)] {
        try database.withLock { box in
            try box.db.query("""
                SELECT k.version, k.state, k.created_at, (SELECT COUNT(*) FROM dek d WHERE d.kek_version = k.version)
                FROM kek k ORDER BY k.version
                """) { (version: $0.int(0), state: $0.text(1) ?? "", createdAt: Timestamp(milliseconds: $0.int64(2)), deks: $0.int(3)) }
        }
    }
}
