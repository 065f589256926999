import ConfideCore
import ConfidePostgres
import Synchronization

/// The keyring's rows on PostgreSQL (`keyring`, `kek`, `customer`, `dek`, `dek_kek_history`,
/// `erasure`, `audit_anchor` of Migrations/postgresql/keys): the PostgreSQL side of Core's
/// `KeyringRecords`, statement for statement what `Database+Keyring.swift` does on keys.db,
/// so `Keyring` runs unchanged on either (`KeyringRecordsContractTests` checks both from one
/// source). Every key, handle, tag and receipt is a bytea parameter in binary format; every
/// statement runs in the transaction the caller opened (`inTransaction`).
extension PostgresConnection: KeyringRecords {
    // MARK: The keyring row

    package func keyringRow() throws -> KeyringRow? {
        try queryOne("""
            SELECT master_source, kdf_salt, kdf_ops_limit, kdf_mem_limit, key_check, index_key, audit_signing_key FROM keyring WHERE id = 1
            """) { r in
            KeyringRow(source: try r.text(0) ?? "", salt: try r.bytea(1), opsLimit: try r.optionalInt64(2), memLimit: try r.optionalInt(3),
                       keyCheck: try r.bytea(4) ?? [], indexKey: try r.bytea(5) ?? [], auditKey: try r.bytea(6) ?? [])
        }
    }

    package func insertKeyring(_ row: KeyringRow, auditPublicKey: [UInt8], at time: Timestamp) throws {
        try run("""
            INSERT INTO keyring (id, master_source, kdf_salt, kdf_ops_limit, kdf_mem_limit, key_check, index_key,
                                 audit_signing_key, audit_public_key, created_at)
            VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, .text(row.source), .optionalBytea(row.salt), row.opsLimit.map(PostgresValue.int8) ?? .null, .optionalInt(row.memLimit),
            .bytea(row.keyCheck), .bytea(row.indexKey), .bytea(row.auditKey), .bytea(auditPublicKey), .int8(time.milliseconds))
    }

    package func updateKeyring(_ row: KeyringRow) throws {
        try run("""
            UPDATE keyring SET master_source = $1, kdf_salt = $2, kdf_ops_limit = $3, kdf_mem_limit = $4, key_check = $5,
                               index_key = $6, audit_signing_key = $7 WHERE id = 1
            """, .text(row.source), .optionalBytea(row.salt), row.opsLimit.map(PostgresValue.int8) ?? .null, .optionalInt(row.memLimit),
            .bytea(row.keyCheck), .bytea(row.indexKey), .bytea(row.auditKey))
    }

    package func setWrappedAuditKey(_ wrapped: [UInt8]) throws {
        try run("UPDATE keyring SET audit_signing_key = $1 WHERE id = 1", .bytea(wrapped))
    }

    package func keyringAuditPublicKey() throws -> [UInt8]? {
        try queryOne("SELECT audit_public_key FROM keyring WHERE id = 1") { try $0.bytea(0) } ?? nil
    }

    // MARK: KEK versions

    package func liveKEKs() throws -> [(version: Int, state: String, wrapped: [UInt8])] {
        try query("SELECT version, state, wrapped FROM kek WHERE state <> 'destroyed' ORDER BY version") { r in
            (version: try r.int(0), state: try r.text(1) ?? "", wrapped: try r.bytea(2) ?? [])
        }
    }

    package func newestKEKVersion() throws -> Int {
        try queryOne("SELECT MAX(version) FROM kek") { try $0.optionalInt(0) }.flatMap { $0 } ?? 0
    }

    /// The UPDATE runs first: `kek_one_active` (a unique index on the active state) is
    /// checked per statement on PostgreSQL, so two active rows never exist even for a moment.
    package func activateKEK(version: Int, wrapped: [UInt8], at time: Timestamp) throws {
        try run("UPDATE kek SET state = 'retiring' WHERE state = 'active'")
        try run("INSERT INTO kek (version, state, wrapped, created_at) VALUES ($1, 'active', $2, $3)",
                .int(version), .bytea(wrapped), .int8(time.milliseconds))
    }

    package func setKEKWrapped(version: Int, wrapped: [UInt8]) throws {
        try run("UPDATE kek SET wrapped = $1 WHERE version = $2", .bytea(wrapped), .int(version))
    }

    package func unusedRetiringKEKs() throws -> [Int] {
        try query("""
            SELECT version FROM kek WHERE state = 'retiring' AND NOT EXISTS (SELECT 1 FROM dek WHERE dek.kek_version = kek.version) ORDER BY version
            """) { try $0.int(0) }
    }

    package func destroyKEK(version: Int, at time: Timestamp) throws {
        try run("UPDATE kek SET state = 'destroyed', wrapped = NULL, destroyed_at = $1 WHERE version = $2", .int8(time.milliseconds), .int(version))
    }

    package func kekSummary() throws -> [(version: Int, state: String, createdAt: Timestamp, deks: Int)] {
        try query("""
            SELECT k.version, k.state, k.created_at, (SELECT COUNT(*) FROM dek d WHERE d.kek_version = k.version) FROM kek k ORDER BY k.version
            """) { r in
            (version: try r.int(0), state: try r.text(1) ?? "", createdAt: Timestamp(milliseconds: try r.int64(2)), deks: try r.int(3))
        }
    }

    // MARK: Customers

    package func customer(blindIndex: [UInt8]) throws -> CustomerRow? {
        try queryOne("SELECT handle, audit_ref, held_since, version, hold_changes, release_pending FROM customer WHERE blind_index = $1",
                            [.bytea(blindIndex)]) { r in
            CustomerRow(handle: try r.bytea(0) ?? [], auditRef: try r.bytea(1) ?? [], heldSince: try r.optionalInt64(2), version: try r.int64(3),
                        holdChanges: try r.int64(4), releasePending: try r.optionalInt64(5))
        }
    }

    /// The advisory lock a customer's keyring row is changed under, by its handle (the first
    /// four bytes, in the two-key space of namespace `customerLockNamespace`, apart from every
    /// one-key lock of confide). A writer group takes it shared before locking the row `FOR
    /// SHARE` for its version check (`readAhead(sessions:customers:)`); a keyring change takes
    /// it exclusively before it changes or deletes the row. PostgreSQL queues a new shared
    /// request behind a waiting exclusive one, which a row's `FOR SHARE` does not: without it,
    /// overlapping groups of two daemons kept a shred waiting for as long as they overlapped,
    /// and it held the keyring's database-wide lock meanwhile. Two customers sharing four bytes
    /// only wait for each other.
    package static func customerLockSQL(_ function: String, handleColumn: String) -> String {
        "\(function)(\(customerLockNamespace), \(customerKeySQL(handleColumn: handleColumn)))"
    }
    /// A customer's key in a two-key advisory lock namespace: the first four bytes of its handle.
    private static func customerKeySQL(handleColumn: String) -> String {
        "('x' || encode(substring(\(handleColumn) from 1 for 4), 'hex'))::bit(32)::int"
    }
    /// "CFCU".
    static let customerLockNamespace: Int32 = 0x4346_4355
    private static let lockCustomerByHandleSQL = "SELECT \(customerLockSQL("pg_advisory_xact_lock", handleColumn: "handle")) FROM customer WHERE handle = $1"
    private static let lockCustomerByIndexSQL = "SELECT \(customerLockSQL("pg_advisory_xact_lock", handleColumn: "handle")) FROM customer WHERE blind_index = $1"

    /// Takes the customer's change lock (see `customerLockSQL`), inside the keyring transaction.
    private func lockCustomerForChange(handle: [UInt8]) throws { _ = try run(Self.lockCustomerByHandleSQL, .bytea(handle)) }
    private func lockCustomerForChange(blindIndex: [UInt8]) throws { _ = try run(Self.lockCustomerByIndexSQL, .bytea(blindIndex)) }

    package func lockedCustomer(blindIndex: [UInt8]) throws -> CustomerRow? {
        try lockCustomerForChange(blindIndex: blindIndex)
        return try queryOne("SELECT handle, audit_ref, held_since, version, hold_changes, release_pending FROM customer WHERE blind_index = $1 FOR UPDATE",
                            [.bytea(blindIndex)]) { r in
            CustomerRow(handle: try r.bytea(0) ?? [], auditRef: try r.bytea(1) ?? [], heldSince: try r.optionalInt64(2), version: try r.int64(3),
                        holdChanges: try r.int64(4), releasePending: try r.optionalInt64(5))
        }
    }

    package func customerBlindIndex(handle: [UInt8]) throws -> [UInt8]? {
        try queryOne("SELECT blind_index FROM customer WHERE handle = $1", [.bytea(handle)]) { try $0.bytea(0) } ?? nil
    }

    package func insertCustomer(blindIndex: [UInt8], handle: [UInt8], auditRef: [UInt8], at time: Timestamp) throws {
        try run("INSERT INTO customer (blind_index, handle, audit_ref, created_at) VALUES ($1, $2, $3, $4)",
                .bytea(blindIndex), .bytea(handle), .bytea(auditRef), .int8(time.milliseconds))
    }

    package func bumpCustomerVersion(handle: [UInt8]) throws {
        try lockCustomerForChange(handle: handle)
        try run("UPDATE customer SET version = version + 1 WHERE handle = $1", .bytea(handle))
    }

    package func heldSince(handle: [UInt8]) throws -> Int64?? {
        try queryOne("SELECT held_since FROM customer WHERE handle = $1", [.bytea(handle)]) { try $0.optionalInt64(0) }
    }

    package func holdState(handle: [UInt8]) throws -> (heldSince: Int64?, holdChanges: Int64)? {
        try queryOne("SELECT held_since, hold_changes FROM customer WHERE handle = $1", [.bytea(handle)]) {
            (try $0.optionalInt64(0), try $0.int64(1))
        }
    }

    package func setHoldState(blindIndex: [UInt8], heldSince: Int64?, releasePending: Int64?) throws {
        try lockCustomerForChange(blindIndex: blindIndex)
        try run("UPDATE customer SET held_since = $1, release_pending = $2, hold_changes = hold_changes + 1 WHERE blind_index = $3",
                heldSince.map(PostgresValue.int8) ?? .null, releasePending.map(PostgresValue.int8) ?? .null, .bytea(blindIndex))
    }

    /// "CFHR": the namespace of the "hold or release in flight" session locks, apart from the
    /// change lock's (`customerLockNamespace`). The hold's own audit entry is written by a
    /// writer group that may take the change lock shared on the writer's session: were the
    /// in-flight lock that one, held exclusively by the keyring's session, the group would
    /// wait for the hold that waits for the group.
    static let holdChangeLockNamespace: Int32 = 0x4346_4852
    private static let tryLockHoldChangeSQL = "SELECT pg_try_advisory_lock(\(holdChangeLockNamespace), \(customerKeySQL(handleColumn: "$1::bytea")))"
    private static let unlockHoldChangeSQL = "SELECT pg_advisory_unlock(\(holdChangeLockNamespace), \(customerKeySQL(handleColumn: "$1::bytea")))"

    /// A session-level advisory lock (`pg_try_advisory_lock`), not waited for on the server:
    /// the keyring's one connection serves every request of the daemon, which must not all
    /// stand behind another daemon's hold (`Keyring.beginHoldChange` waits between tries).
    package func tryLockHoldChange(handle: [UInt8]) throws -> Bool {
        try queryOne(Self.tryLockHoldChangeSQL, [.bytea(handle)]) { try $0.bool(0) } == true
    }

    package func unlockHoldChange(handle: [UInt8]) throws -> Bool {
        try queryOne(Self.unlockHoldChangeSQL, [.bytea(handle)]) { try $0.bool(0) } == true
    }

    package func allCustomers() throws -> [(blindIndex: [UInt8], handle: [UInt8], auditRef: [UInt8])] {
        try query("SELECT blind_index, handle, audit_ref FROM customer") { r in
            (blindIndex: try r.bytea(0) ?? [], handle: try r.bytea(1) ?? [], auditRef: try r.bytea(2) ?? [])
        }
    }

    package func customerCount() throws -> Int { try countRows("SELECT COUNT(*) FROM customer") }
    package func holdCount() throws -> Int { try countRows("SELECT COUNT(*) FROM customer WHERE held_since IS NOT NULL") }

    package func heldCustomers() throws -> [(handle: [UInt8], auditRef: [UInt8], heldSince: Timestamp, releasePending: Bool)] {
        try query("SELECT handle, audit_ref, held_since, release_pending IS NOT NULL FROM customer WHERE held_since IS NOT NULL ORDER BY held_since") { r in
            (handle: try r.bytea(0) ?? [], auditRef: try r.bytea(1) ?? [], heldSince: Timestamp(milliseconds: try r.int64(2)), releasePending: try r.bool(3) ?? false)
        }
    }

    /// Deletes the children first, as on SQLite (the foreign keys would cascade, but the
    /// statements say what an erasure removes).
    package func deleteCustomerKeys(handle: [UInt8]) throws {
        try lockCustomerForChange(handle: handle)
        try run("DELETE FROM dek WHERE customer_handle = $1", .bytea(handle))
        try run("DELETE FROM dek_kek_history WHERE customer_handle = $1", .bytea(handle))
        try run("DELETE FROM customer WHERE handle = $1", .bytea(handle))
    }

    package func remainingKeys(handle: [UInt8]) throws -> (deks: Int, customers: Int) {
        (try countRows("SELECT COUNT(*) FROM dek WHERE customer_handle = $1", [.bytea(handle)]),
         try countRows("SELECT COUNT(*) FROM customer WHERE handle = $1", [.bytea(handle)]))
    }

    // MARK: DEK generations

    package func insertDEK(handle: [UInt8], generation: Int, kekVersion: Int, wrapped: [UInt8], at time: Timestamp) throws {
        try run("INSERT INTO dek (customer_handle, generation, kek_version, wrapped, created_at) VALUES ($1, $2, $3, $4, $5)",
                .bytea(handle), .int(generation), .int(kekVersion), .bytea(wrapped), .int8(time.milliseconds))
        try recordKEKHistory(handle: handle, kekVersion: kekVersion)
    }

    package func deks(handle: [UInt8]) throws -> [(generation: Int, kekVersion: Int, wrapped: [UInt8], createdAt: Int64)] {
        try query("SELECT generation, kek_version, wrapped, created_at FROM dek WHERE customer_handle = $1 ORDER BY generation",
                  [.bytea(handle)]) { r in
            (generation: try r.int(0), kekVersion: try r.int(1), wrapped: try r.bytea(2) ?? [], createdAt: try r.int64(3))
        }
    }

    /// `kek_version < active OR kek_version > active`, not `<>`: a B-tree cannot serve `<>`,
    /// but serves each half of the OR (a bitmap OR over `dek_by_kek`), so a batch does not
    /// scan past the DEKs already moved.
    package func deksToRewrap(notUnder active: Int, limit: Int) throws -> [(handle: [UInt8], generation: Int, kekVersion: Int, wrapped: [UInt8])] {
        try query("""
            SELECT customer_handle, generation, kek_version, wrapped FROM dek WHERE kek_version < $1 OR kek_version > $1 LIMIT $2
            """, [.int(active), .int(limit)]) { r in
            (handle: try r.bytea(0) ?? [], generation: try r.int(1), kekVersion: try r.int(2), wrapped: try r.bytea(3) ?? [])
        }
    }

    package func rewrapDEK(handle: [UInt8], generation: Int, from oldVersion: Int, to kekVersion: Int, wrapped: [UInt8]) throws -> Bool {
        guard try run("UPDATE dek SET kek_version = $1, wrapped = $2 WHERE customer_handle = $3 AND generation = $4 AND kek_version = $5",
                      .int(kekVersion), .bytea(wrapped), .bytea(handle), .int(generation), .int(oldVersion)) == 1 else { return false }
        try recordKEKHistory(handle: handle, kekVersion: kekVersion)
        return true
    }

    package func newestDEKTimes() throws -> [Timestamp] {
        try query("SELECT MAX(created_at) FROM dek GROUP BY customer_handle") { Timestamp(milliseconds: try $0.int64(0)) }
    }

    package func kekHistory(handle: [UInt8]) throws -> [Int] {
        try query("SELECT kek_version FROM dek_kek_history WHERE customer_handle = $1 ORDER BY kek_version", [.bytea(handle)]) { try $0.int(0) }
    }

    /// SQLite's `INSERT OR IGNORE`: a version already in the customer's history stays once.
    private func recordKEKHistory(handle: [UInt8], kekVersion: Int) throws {
        try run("INSERT INTO dek_kek_history (customer_handle, kek_version) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                .bytea(handle), .int(kekVersion))
    }

    // MARK: Erasures

    /// The ordinal is one more than the highest in the keyring, and not below the floor the
    /// start took from the data's record (`CommittedErasures.ordinalFloor`): a keyring put
    /// back, whose erasures the start re-applied, goes on above the ordinals the record
    /// already holds.
    package func recordErasure(customerTag: [UInt8], handleTag: [UInt8], at time: Timestamp, draft: [UInt8]) throws -> (number: Int, ordinal: Int64) {
        let floor = (attachment as? CommittedErasures)?.ordinalFloor ?? 0
        let place = try queryOne("""
            INSERT INTO erasure AS e (customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal)
            VALUES ($1, $2, $3, $4, NULL, 1, GREATEST((SELECT COALESCE(MAX(ordinal), 0) + 1 FROM erasure), $5::int8))
            ON CONFLICT (customer_tag) DO UPDATE SET handle_tag = EXCLUDED.handle_tag, shredded_at = EXCLUDED.shredded_at,
                draft = EXCLUDED.draft, receipt = NULL, number = COALESCE(e.number, 1) + 1, ordinal = EXCLUDED.ordinal
            RETURNING number, ordinal
            """, [.bytea(customerTag), .bytea(handleTag), .int8(time.milliseconds), .bytea(draft), .int8(floor)]) {
            (number: try $0.int(0), ordinal: try $0.int64(1))
        }
        guard let place else { throw PostgresError(message: "recording an erasure returned no row") }
        return place
    }

    package func erasuresLostAtStart() throws -> String? {
        try (attachment as? CommittedErasures)?.checkAtStart?(self)
    }

    package func erasureCommitted(customerTag: [UInt8], handleTag: [UInt8], number: Int, at time: Timestamp) {
        (attachment as? CommittedErasures)?.add(customerTag: customerTag, handleTag: handleTag, number: number, at: time)
    }

    package func erasure(customerTag: [UInt8]) throws -> ErasureRecord? {
        try queryOne("SELECT \(Self.erasureColumns) FROM erasure WHERE customer_tag = $1", [.bytea(customerTag)], row: Self.erasureRecord)
    }

    package func allErasures() throws -> [ErasureRecord] {
        try query("SELECT \(Self.erasureColumns) FROM erasure ORDER BY shredded_at", row: Self.erasureRecord)
    }

    /// Through the partial index `erasure_without_receipt` (keys migration 0005).
    package func erasuresWithoutReceipt(limit: Int, atOrBelow ordinal: Int64?) throws -> [ErasureRecord] {
        try query("""
            SELECT \(Self.erasureColumns) FROM erasure WHERE receipt IS NULL AND ($2::int8 IS NULL OR ordinal <= $2)
            ORDER BY ordinal DESC LIMIT $1
            """, [.int(limit), ordinal.map { .int8($0) } ?? .null], row: Self.erasureRecord)
    }

    package func setErasureReceipt(_ receipt: [UInt8], customerTag: [UInt8], handleTag: [UInt8]) throws {
        try run("UPDATE erasure SET receipt = $1 WHERE customer_tag = $2 AND handle_tag = $3 AND receipt IS NULL", .bytea(receipt), .bytea(customerTag), .bytea(handleTag))
    }

    /// The ledger's entry replaces the stored one when it is a later erasure of the customer
    /// (a higher number; where either has none, a later time), or when it is the same erasure
    /// (same handle tag) and the stored one still lacks its receipt.
    /// A row it writes takes an ordinal above the floor too (`recordErasure`).
    package func mergeErasure(customerTag: [UInt8], handleTag: [UInt8], at time: Timestamp, number: Int?, draft: [UInt8], receipt: [UInt8]?) throws {
        let floor = (attachment as? CommittedErasures)?.ordinalFloor ?? 0
        try run("""
            INSERT INTO erasure AS e (customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal)
            VALUES ($1, $2, $3, $4, $5, $6::int8, GREATEST((SELECT COALESCE(MAX(ordinal), 0) + 1 FROM erasure), $7::int8))
            ON CONFLICT (customer_tag) DO UPDATE SET handle_tag = EXCLUDED.handle_tag, shredded_at = EXCLUDED.shredded_at,
                draft = EXCLUDED.draft, receipt = EXCLUDED.receipt,
                ordinal = CASE WHEN e.handle_tag = EXCLUDED.handle_tag THEN e.ordinal ELSE EXCLUDED.ordinal END,
                number = CASE WHEN e.handle_tag = EXCLUDED.handle_tag THEN COALESCE(e.number, $6::int8) ELSE $6::int8 END
            WHERE (e.handle_tag = EXCLUDED.handle_tag AND e.receipt IS NULL)
               OR (e.handle_tag <> EXCLUDED.handle_tag
                   AND \(ErasureRecord.isLaterSQL(number: "$6::int8", at: "EXCLUDED.shredded_at", than: "e.number", at: "e.shredded_at")))
            """, .bytea(customerTag), .bytea(handleTag), .int8(time.milliseconds), .bytea(draft), .optionalBytea(receipt),
            number.map { .int($0) } ?? .null, .int8(floor))
    }

    package func erasureCount() throws -> Int { try countRows("SELECT COUNT(*) FROM erasure") }

    private static let erasureColumns = "customer_tag, handle_tag, shredded_at, draft, receipt, number, ordinal"

    /// An erasure from a row selecting `erasureColumns`.
    private static func erasureRecord(_ r: PostgresRow) throws -> ErasureRecord {
        try ErasureRecord(customerTag: r.bytea(0) ?? [], handleTag: r.bytea(1) ?? [], shreddedAt: Timestamp(milliseconds: r.int64(2)),
                          number: r.optionalInt(5), ordinal: r.int64(6),
                          draftBytes: r.bytea(3) ?? [], receiptBytes: r.bytea(4))
    }

    // MARK: The audit anchor

    private static let anchorColumns = "keyed_from, seq, head, pruned_to, sessions_bound, mac, chain, name, chains"

    /// An anchor from a row selecting `anchorColumns`.
    private static func anchor(_ r: PostgresRow) throws -> (anchor: AuditAnchor, mac: [UInt8]?) {
        (AuditAnchor(keyedFrom: try r.int(0), seq: try r.optionalInt(1), head: try r.bytea(2), prunedTo: try r.int(3),
                     sessionsBound: try r.int(4) != 0, chain: try r.int(6), name: try r.text(7), chains: try r.optionalInt(8) ?? 1),
         try r.bytea(5))
    }

    package func auditAnchorRow(chain: Int) throws -> (anchor: AuditAnchor, mac: [UInt8]?)? {
        try queryOne("SELECT \(Self.anchorColumns) FROM audit_anchor WHERE chain = $1", [.int8(Int64(chain))], row: Self.anchor)
    }

    package func auditAnchorRows() throws -> [(anchor: AuditAnchor, mac: [UInt8]?)] {
        try query("SELECT \(Self.anchorColumns) FROM audit_anchor ORDER BY chain", row: Self.anchor)
    }

    package func storeAuditAnchor(_ anchor: AuditAnchor, mac: [UInt8]) throws {
        try run("""
            INSERT INTO audit_anchor (chain, keyed_from, seq, head, pruned_to, sessions_bound, mac, name, chains)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (chain) DO UPDATE SET keyed_from = EXCLUDED.keyed_from, seq = EXCLUDED.seq, head = EXCLUDED.head,
                pruned_to = EXCLUDED.pruned_to, sessions_bound = EXCLUDED.sessions_bound, mac = EXCLUDED.mac,
                name = EXCLUDED.name, chains = EXCLUDED.chains
            """, .int(anchor.chain), .int(anchor.keyedFrom), .optionalInt(anchor.seq), .optionalBytea(anchor.head), .int(anchor.prunedTo),
            .int(anchor.sessionsBound ? 1 : 0), .bytea(mac), anchor.name.map { .text($0) } ?? .null,
            anchor.chains > 1 ? .int(anchor.chains) : .null)
    }

    // MARK: -

    /// The single integer a `COUNT(*)` returns.
    func countRows(_ sql: String, _ values: [PostgresValue] = []) throws -> Int {
        try queryOne(sql, values) { try $0.int(0) } ?? 0
    }
}

/// The erasures the keyring's connection committed (the newest `kept`), which every new session
/// of that connection must find in the `erasure` table (`PostgresEngine.openKeyring`). A copy
/// of the keyring's cluster put in place on the same WAL timeline (a file-system snapshot, a
/// base backup started without archive recovery) keeps every identifier `databaseIdentity`
/// compares; one taken before an erasure of this daemon's lacks its row, and is refused for
/// good instead of serving the customer's keys again (`PhysicalCopyTests`). Erasures made
/// through other daemons of a shared store are seen through the data's record of them
/// (`PostgresEngine.keyringHoldsTheErasuresTheDataRecorded`, whose start check this carries).
final class CommittedErasures: @unchecked Sendable {
    static let kept = 256
    /// Most erasures `missing` asks the keyring about in one statement.
    static let askedAtOnce = 1_000
    private let erasures = Mutex<[Erasure]>([])

    /// An erasure by the keyring's tags for it, its number (`ErasureRecord.number`, nil on a
    /// record row written before erasures were numbered) and its time in ms.
    typealias Erasure = (customer: [UInt8], handle: [UInt8], number: Int?, at: Int64)

    /// The lowest ordinal a new erasure takes (`recordErasure`): above every ordinal the
    /// data's record held when the start checked the keyring against it.
    var ordinalFloor: Int64 { floor.withLock { $0 } }
    private let floor = Mutex<Int64>(0)
    func raiseOrdinalFloor(to value: Int64) { floor.withLock { $0 = max($0, value) } }

    func add(customerTag: [UInt8], handleTag: [UInt8], number: Int, at time: Timestamp) {
        erasures.withLock { list in
            list.removeAll { $0.customer == customerTag }
            list.append((customerTag, handleTag, number, time.milliseconds))
            if list.count > Self.kept { list.removeFirst(list.count - Self.kept) }
        }
    }

    /// The engine's check of the erasures the data store recorded, run once the start has
    /// re-applied the erasure ledger (`KeyringRecords.erasuresLostAtStart`).
    var checkAtStart: ((PostgresConnection) throws -> String?)?

    /// A reason to refuse the session `c` for good when its `erasure` table lacks any of the
    /// erasures kept, else nil.
    func refusal(on c: PostgresConnection, name: String) throws -> String? {
        let list = erasures.withLock { $0 }
        guard !list.isEmpty else { return nil }
        let missing = try Self.missing(list, on: c)
        guard missing > 0 else { return nil }
        return "\(name) lacks \(missing) of the \(list.count) erasures this daemon committed there: a copy of the "
            + "keyring from before them (a file-system snapshot, or a base backup started without archive recovery) is not served "
            + "by a running daemon; restart this daemon, whose start re-applies the erasure ledger"
    }

    /// How many of `erasures` the keyring on `c` lacks. A customer's row holds her newest
    /// erasure: found means that row, or a later erasure of hers (another handle, a higher
    /// number), as when she was created again and another daemon erased her again. Numbers,
    /// not times: the times are the erasing daemons' clocks, and with clocks apart a copy
    /// holding her first erasure passed for her second (session 23's attack review, S23B-2)
    /// and her second, stamped earlier, refused a keyring nobody restored (S23B-3). Where
    /// either row was written before erasures were numbered, by time, as before (S24-1: the
    /// upgrade numbering both 1 refused a keyring nobody restored). Asked `askedAtOnce` at a
    /// time (a statement's parameters are bounded).
    static func missing(_ erasures: [Erasure], on c: PostgresConnection) throws -> Int {
        guard erasures.count <= Self.askedAtOnce else {
            return try stride(from: 0, to: erasures.count, by: Self.askedAtOnce).reduce(0) { sum, start in
                sum + (try missing(Array(erasures[start..<min(start + Self.askedAtOnce, erasures.count)]), on: c))
            }
        }
        let rows = (0..<erasures.count).map { i in (1...4).map { "$\(i * 4 + $0)" } }
            .map { "(\($0[0])::bytea, \($0[1])::bytea, \($0[2])::int8, \($0[3])::int8)" }.joined(separator: ", ")
        let found = try c.queryOne("""
            SELECT COUNT(*) FROM erasure e JOIN (VALUES \(rows)) AS w (customer_tag, handle_tag, number, shredded_at)
              ON e.customer_tag = w.customer_tag
             AND (e.handle_tag = w.handle_tag
                  OR \(ErasureRecord.isLaterSQL(number: "e.number", at: "e.shredded_at", than: "w.number", at: "w.shredded_at", orAtTheSameTime: true)))
            """, erasures.flatMap { [PostgresValue.bytea($0.customer), .bytea($0.handle), $0.number.map { .int($0) } ?? .null, .int8($0.at)] }) {
            try $0.int64(0)
        } ?? 0
        return erasures.count - Int(found)
    }
}
