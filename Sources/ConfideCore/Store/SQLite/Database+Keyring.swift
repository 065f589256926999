import ConfideJSON
import ConfideStorage

/// The keyring's rows in keys.db (`keyring`, `kek`, `customer`, `dek`, `dek_kek_history`,
/// `erasure`, `audit_anchor`; Migrations/keys): the SQLite side of `KeyringRecords`.
extension Database: KeyringRecords {
    package func keyringRow() throws -> KeyringRow? {
        try queryOne("SELECT master_source, kdf_salt, kdf_ops_limit, kdf_mem_limit, key_check, index_key, audit_signing_key FROM keyring WHERE id = 1") {
            KeyringRow(source: $0.text(0) ?? "", salt: $0.isNull(1) ? nil : $0.blob(1), opsLimit: $0.isNull(2) ? nil : $0.int64(2),
                       memLimit: $0.isNull(3) ? nil : $0.int(3), keyCheck: $0.blob(4), indexKey: $0.blob(5), auditKey: $0.blob(6))
        }
    }

    package func insertKeyring(_ row: KeyringRow, auditPublicKey: [UInt8], at time: Timestamp) throws {
        try run("""
            INSERT INTO keyring (id, master_source, kdf_salt, kdf_ops_limit, kdf_mem_limit, key_check, index_key,
                                 audit_signing_key, audit_public_key, created_at)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .text(row.source), row.salt.map(SQLValue.blob) ?? .null, row.opsLimit.map(SQLValue.integer) ?? .null,
            row.memLimit.map(SQLValue.int) ?? .null, .blob(row.keyCheck), .blob(row.indexKey), .blob(row.auditKey),
            .blob(auditPublicKey), .integer(time.milliseconds))
    }

    package func updateKeyring(_ row: KeyringRow) throws {
        try run("""
            UPDATE keyring SET master_source = ?, kdf_salt = ?, kdf_ops_limit = ?, kdf_mem_limit = ?, key_check = ?,
                               index_key = ?, audit_signing_key = ? WHERE id = 1
            """, .text(row.source), row.salt.map(SQLValue.blob) ?? .null, row.opsLimit.map(SQLValue.integer) ?? .null,
            row.memLimit.map(SQLValue.int) ?? .null, .blob(row.keyCheck), .blob(row.indexKey), .blob(row.auditKey))
    }

    package func setWrappedAuditKey(_ wrapped: [UInt8]) throws {
        try run("UPDATE keyring SET audit_signing_key = ? WHERE id = 1", .blob(wrapped))
    }

    package func liveKEKs() throws -> [(version: Int, state: String, wrapped: [UInt8])] {
        try query("SELECT version, state, wrapped FROM kek WHERE state != 'destroyed' ORDER BY version") {
            (version: $0.int(0), state: $0.text(1) ?? "", wrapped: $0.blob(2))
        }
    }

    package func newestKEKVersion() throws -> Int {
        try queryOne("SELECT MAX(version) FROM kek") { $0.int(0) } ?? 0
    }

    package func activateKEK(version: Int, wrapped: [UInt8], at time: Timestamp) throws {
        try run("UPDATE kek SET state = 'retiring' WHERE state = 'active'")
        try run("INSERT INTO kek (version, state, wrapped, created_at) VALUES (?, 'active', ?, ?)", .int(version), .blob(wrapped), .integer(time.milliseconds))
    }

    package func setKEKWrapped(version: Int, wrapped: [UInt8]) throws {
        try run("UPDATE kek SET wrapped = ? WHERE version = ?", .blob(wrapped), .int(version))
    }

    package func unusedRetiringKEKs() throws -> [Int] {
        try query("SELECT version FROM kek WHERE state = 'retiring' AND NOT EXISTS (SELECT 1 FROM dek WHERE dek.kek_version = kek.version)") { $0.int(0) }
    }

    package func destroyKEK(version: Int, at time: Timestamp) throws {
        try run("UPDATE kek SET state = 'destroyed', wrapped = NULL, destroyed_at = ? WHERE version = ?", .integer(time.milliseconds), .int(version))
    }

    package func kekSummary() throws -> [(version: Int, state: String, createdAt: Timestamp, deks: Int)] {
        try query("""
            SELECT k.version, k.state, k.created_at, (SELECT COUNT(*) FROM dek d WHERE d.kek_version = k.version) FROM kek k ORDER BY k.version
            """) { (version: $0.int(0), state: $0.text(1) ?? "", createdAt: Timestamp(milliseconds: $0.int64(2)), deks: $0.int(3)) }
    }

    package func customer(blindIndex: [UInt8]) throws -> CustomerRow? {
        try queryOne("SELECT handle, audit_ref, held_since, version, hold_changes, release_pending FROM customer WHERE blind_index = ?",
                     [.blob(blindIndex)]) {
            CustomerRow(handle: $0.blob(0), auditRef: $0.blob(1), heldSince: $0.isNull(2) ? nil : $0.int64(2), version: $0.int64(3), holdChanges: $0.int64(4),
                        releasePending: $0.isNull(5) ? nil : $0.int64(5))
        }
    }

    package func lockedCustomer(blindIndex: [UInt8]) throws -> CustomerRow? { try customer(blindIndex: blindIndex) }

    package func customerBlindIndex(handle: [UInt8]) throws -> [UInt8]? {
        try queryOne("SELECT blind_index FROM customer WHERE handle = ?", [.blob(handle)]) { $0.blob(0) }
    }

    package func insertCustomer(blindIndex: [UInt8], handle: [UInt8], auditRef: [UInt8], at time: Timestamp) throws {
        try run("INSERT INTO customer (blind_index, handle, audit_ref, created_at) VALUES (?, ?, ?, ?)",
                .blob(blindIndex), .blob(handle), .blob(auditRef), .integer(time.milliseconds))
    }

    package func bumpCustomerVersion(handle: [UInt8]) throws {
        try run("UPDATE customer SET version = version + 1 WHERE handle = ?", .blob(handle))
    }

    package func heldSince(handle: [UInt8]) throws -> Int64?? {
        try queryOne("SELECT held_since FROM customer WHERE handle = ?", [.blob(handle)]) { $0.isNull(0) ? nil : $0.int64(0) }
    }

    package func holdState(handle: [UInt8]) throws -> (heldSince: Int64?, holdChanges: Int64)? {
        try queryOne("SELECT held_since, hold_changes FROM customer WHERE handle = ?", [.blob(handle)]) {
            ($0.isNull(0) ? nil : $0.int64(0), $0.int64(1))
        }
    }

    package func setHoldState(blindIndex: [UInt8], heldSince: Int64?, releasePending: Int64?) throws {
        try run("UPDATE customer SET held_since = ?, release_pending = ?, hold_changes = hold_changes + 1 WHERE blind_index = ?",
                heldSince.map(SQLValue.integer) ?? .null, releasePending.map(SQLValue.integer) ?? .null, .blob(blindIndex))
    }

    /// Nothing to take: one process per keys.db, and its legal gate serializes holds and releases.
    package func tryLockHoldChange(handle: [UInt8]) throws -> Bool { true }
    package func unlockHoldChange(handle: [UInt8]) throws -> Bool { true }

    package func allCustomers() throws -> [(blindIndex: [UInt8], handle: [UInt8], auditRef: [UInt8])] {
        try query("SELECT blind_index, handle, audit_ref FROM customer") { (blindIndex: $0.blob(0), handle: $0.blob(1), auditRef: $0.blob(2)) }
    }

    package func keyringAuditPublicKey() throws -> [UInt8]? {
        try queryOne("SELECT audit_public_key FROM keyring WHERE id = 1") { $0.blob(0) }
    }

    package func heldCustomers() throws -> [(handle: [UInt8], auditRef: [UInt8], heldSince: Timestamp, releasePending: Bool)] {
        try query("SELECT handle, audit_ref, held_since, release_pending IS NOT NULL FROM customer WHERE held_since IS NOT NULL ORDER BY held_since") {
            (handle: $0.blob(0), auditRef: $0.blob(1), heldSince: Timestamp(milliseconds: $0.int64(2)), releasePending: $0.int(3) != 0)
        }
    }

    package func newestDEKTimes() throws -> [Timestamp] {
        try query("SELECT MAX(created_at) FROM dek GROUP BY customer_handle") { Timestamp(milliseconds: $0.int64(0)) }
    }

    package func customerCount() throws -> Int { try queryOne("SELECT COUNT(*) FROM customer") { $0.int(0) } ?? 0 }
    package func holdCount() throws -> Int { try queryOne("SELECT COUNT(*) FROM customer WHERE held_since IS NOT NULL") { $0.int(0) } ?? 0 }

    package func deleteCustomerKeys(handle: [UInt8]) throws {
        try run("DELETE FROM dek WHERE customer_handle = ?", .blob(handle))
        try run("DELETE FROM dek_kek_history WHERE customer_handle = ?", .blob(handle))
        try run("DELETE FROM customer WHERE handle = ?", .blob(handle))
    }

    package func remainingKeys(handle: [UInt8]) throws -> (deks: Int, customers: Int) {
        (try queryOne("SELECT COUNT(*) FROM dek WHERE customer_handle = ?", [.blob(handle)]) { $0.int(0) } ?? 0,
         try queryOne("SELECT COUNT(*) FROM customer WHERE handle = ?", [.blob(handle)]) { $0.int(0) } ?? 0)
    }

    package func insertDEK(handle: [UInt8], generation: Int, kekVersion: Int, wrapped: [UInt8], at time: Timestamp) throws {
        try run("INSERT INTO dek (customer_handle, generation, kek_version, wrapped, created_at) VALUES (?, ?, ?, ?, ?)",
                .blob(handle), .int(generation), .int(kekVersion), .blob(wrapped), .integer(time.milliseconds))
        try run("INSERT OR IGNORE INTO dek_kek_history (customer_handle, kek_version) VALUES (?, ?)", .blob(handle), .int(kekVersion))
    }

    package func deks(handle: [UInt8]) throws -> [(generation: Int, kekVersion: Int, wrapped: [UInt8], createdAt: Int64)] {
        try query("SELECT generation, kek_version, wrapped, created_at FROM dek WHERE customer_handle = ? ORDER BY generation", [.blob(handle)]) {
            (generation: $0.int(0), kekVersion: $0.int(1), wrapped: $0.blob(2), createdAt: $0.int64(3))
        }
    }

    /// `kek_version IN (other versions)`, not `kek_version != active`: SQLite cannot use the
    /// dek_by_kek index for `!=`, so every batch scanned the table from the start past the
    /// DEKs already moved.
    package func deksToRewrap(notUnder active: Int, limit: Int) throws -> [(handle: [UInt8], generation: Int, kekVersion: Int, wrapped: [UInt8])] {
        try query("""
            SELECT customer_handle, generation, kek_version, wrapped FROM dek
            WHERE kek_version IN (SELECT version FROM kek WHERE version != ?) LIMIT ?
            """, [.int(active), .int(limit)]) { (handle: $0.blob(0), generation: $0.int(1), kekVersion: $0.int(2), wrapped: $0.blob(3)) }
    }

    package func rewrapDEK(handle: [UInt8], generation: Int, from oldVersion: Int, to kekVersion: Int, wrapped: [UInt8]) throws -> Bool {
        try run("UPDATE dek SET kek_version = ?, wrapped = ? WHERE customer_handle = ? AND generation = ? AND kek_version = ?",
                .int(kekVersion), .blob(wrapped), .blob(handle), .int(generation), .int(oldVersion))
        guard changes == 1 else { return false }
        try run("INSERT OR IGNORE INTO dek_kek_history (customer_handle, kek_version) VALUES (?, ?)", .blob(handle), .int(kekVersion))
        return true
    }

    package func kekHistory(handle: [UInt8]) throws -> [Int] {
        try query("SELECT kek_version FROM dek_kek_history WHERE customer_handle = ? ORDER BY kek_version", [.blob(handle)]) { $0.int(0) }
    }

    package func recordErasure(customerTag: [UInt8], handleTag: [UInt8], at time: Timestamp, draft: [UInt8]) throws -> (number: Int, ordinal: Int64) {
        let place = try queryOne("""
            INSERT INTO erasure (customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal)
            VALUES (?, ?, ?, ?, NULL, 1, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM erasure))
            ON CONFLICT (customer_tag) DO UPDATE SET handle_tag = excluded.handle_tag, shredded_at = excluded.shredded_at,
                draft = excluded.draft, receipt = NULL, number = COALESCE(erasure.number, 1) + 1, ordinal = excluded.ordinal
            RETURNING number, ordinal
            """, [.blob(customerTag), .blob(handleTag), .integer(time.milliseconds), .blob(draft)]) { (number: $0.int(0), ordinal: $0.int64(1)) }
        guard let place else { throw StoreError.internal("recording an erasure returned no row") }
        return place
    }

    package func erasure(customerTag: [UInt8]) throws -> ErasureRecord? {
        try queryOne("SELECT customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal FROM erasure WHERE customer_tag = ?",
                     [.blob(customerTag)], row: ErasureRecord.init)
    }

    package func allErasures() throws -> [ErasureRecord] {
        try query("SELECT customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal FROM erasure ORDER BY shredded_at", row: ErasureRecord.init)
    }

    package func erasuresWithoutReceipt(limit: Int, atOrBelow ordinal: Int64?) throws -> [ErasureRecord] {
        try query("""
            SELECT customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal FROM erasure
            WHERE receipt IS NULL AND (?1 IS NULL OR ordinal <= ?1) ORDER BY ordinal DESC LIMIT ?2
            """, [ordinal.map { .integer($0) } ?? .null, .int(limit)], row: ErasureRecord.init)
    }

    package func setErasureReceipt(_ receipt: [UInt8], customerTag: [UInt8], handleTag: [UInt8]) throws {
        try run("UPDATE erasure SET receipt = ? WHERE customer_tag = ? AND handle_tag = ? AND receipt IS NULL", .blob(receipt), .blob(customerTag), .blob(handleTag))
    }

    package func mergeErasure(customerTag: [UInt8], handleTag: [UInt8], at time: Timestamp, number: Int?, draft: [UInt8], receipt: [UInt8]?) throws {
        // `?6`: the entry's number, NULL for an entry written before erasures were numbered.
        try run("""
            INSERT INTO erasure (customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM erasure))
            ON CONFLICT (customer_tag) DO UPDATE SET handle_tag = excluded.handle_tag, shredded_at = excluded.shredded_at,
                draft = excluded.draft, receipt = excluded.receipt,
                ordinal = CASE WHEN erasure.handle_tag = excluded.handle_tag THEN erasure.ordinal ELSE excluded.ordinal END,
                number = CASE WHEN erasure.handle_tag = excluded.handle_tag THEN COALESCE(erasure.number, ?6) ELSE ?6 END
            WHERE (erasure.handle_tag = excluded.handle_tag AND erasure.receipt IS NULL)
               OR (erasure.handle_tag <> excluded.handle_tag
                   AND \(ErasureRecord.isLaterSQL(number: "?6", at: "excluded.shredded_at", than: "erasure.number", at: "erasure.shredded_at")))
            """, .blob(customerTag), .blob(handleTag), .integer(time.milliseconds), .blob(draft), receipt.map(SQLValue.blob) ?? .null,
            number.map { .integer(Int64($0)) } ?? .null)
    }

    package func erasureCount() throws -> Int { try queryOne("SELECT COUNT(*) FROM erasure") { $0.int(0) } ?? 0 }

    /// keys.db keeps chain 0 only: one daemon per state folder, one chain.
    package func auditAnchorRow(chain: Int) throws -> (anchor: AuditAnchor, mac: [UInt8]?)? {
        guard chain == 0 else { return nil }
        return try queryOne("SELECT keyed_from, seq, head, pruned_to, sessions_bound, mac FROM audit_anchor WHERE id = 1") {
            (AuditAnchor(keyedFrom: $0.int(0), seq: $0.optionalInt(1), head: $0.isNull(2) ? nil : $0.blob(2), prunedTo: $0.int(3),
                         sessionsBound: $0.int(4) != 0), $0.isNull(5) ? nil : $0.blob(5))
        }
    }

    package func auditAnchorRows() throws -> [(anchor: AuditAnchor, mac: [UInt8]?)] {
        try auditAnchorRow(chain: 0).map { [$0] } ?? []
    }

    package func storeAuditAnchor(_ anchor: AuditAnchor, mac: [UInt8]) throws {
        guard anchor.chain == 0 else {
            throw StoreError.unavailable("audit chains per daemon need the PostgreSQL engine: the embedded store has one daemon and one chain")
        }
        try run("""
            INSERT OR REPLACE INTO audit_anchor (id, keyed_from, seq, head, pruned_to, sessions_bound, mac) VALUES (1, ?, ?, ?, ?, ?, ?)
            """, .int(anchor.keyedFrom), anchor.seq.map { .int($0) } ?? .null, anchor.head.map { .blob($0) } ?? .null,
            .int(anchor.prunedTo), .int(anchor.sessionsBound ? 1 : 0), .blob(mac))
    }
}

extension ErasureRecord {
    /// From a row `customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal`.
    init(_ s: Statement) throws {
        try self.init(customerTag: s.blob(0), handleTag: s.blob(1), shreddedAt: Timestamp(milliseconds: s.int64(2)),
                      number: s.isNull(5) ? nil : s.int(5), ordinal: s.int64(6),
                      draftBytes: s.blob(3), receiptBytes: s.isNull(4) ? nil : s.blob(4))
    }
}
