import ConfideCrypto
import ConfideJSON
import Foundation

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
    /// The erasure point: when the keys.db transaction committed (taken inside it).
    public let shreddedAt: Timestamp
    /// Which erasure of the customer id this was (`ErasureRecord.number`).
    public let number: Int
    /// Its place in the keyring's order of erasures (`ErasureRecord.ordinal`).
    public let ordinal: Int64
}

/// A customer's erasure as keys.db records it (table `erasure`), for a repeated shred and
/// `customer.receipt`.
public struct ErasureRecord: Sendable {
    /// Keyed hash of the customer's blind index (`Keyring.erasureTag(blindIndex:)`).
    public let customerTag: [UInt8]
    /// Keyed hash of the erased customer's former handle (`Keyring.erasureTag(handle:)`).
    public let handleTag: [UInt8]
    public let shreddedAt: Timestamp
    /// Which erasure of the customer id this is: 1 for her first, one more for each erasure
    /// after she was created again. "A later erasure of her" is decided by this number, not
    /// by `shreddedAt`, the erasing daemon's wall clock (daemons' clocks disagree). Nil for an
    /// erasure recorded before erasures were numbered: compared by time
    /// (`KeyringRecords.mergeErasure` states the rule).
    public let number: Int?
    /// Its place in the order the keyring recorded erasures (one more than the highest so
    /// far, each time its row was written): which erasures are the newest, for the checks
    /// that look at the newest few (PostgreSQL's `keyring_mirror`).
    public let ordinal: Int64
    /// The receipt's facts fixed at the erasure point (no audit fields, no signature).
    public let draft: JSONObject
    /// The signed receipt, once its audit entry committed.
    public let receipt: JSONObject?
}

extension Keyring {
    /// Deletes every DEK generation, the handle and the audit pseudonym of a customer in
    /// one keys.db transaction (secure_delete zeroes the freed pages), then checkpoints the
    /// WAL with TRUNCATE so no copy lingers there. The commit is the erasure point: from
    /// it on, nothing — this daemon included — can open the customer's ciphertext.
    ///
    /// Whether the customer is held is decided inside that transaction: a hold committed
    /// before it wins (`legalHold`, nothing changed), whatever the caller saw earlier. The
    /// customer must still be the one the caller prepared (`handle`); one shredded and
    /// created again meanwhile is another customer (`unavailable`, retry). Nil when the
    /// customer does not exist.
    ///
    /// The same transaction records the erasure (table `erasure`) with `draft(auditRef,
    /// dekCount, kekVersions, shreddedAt)`: the receipt's facts, so the receipt can be given
    /// again, or completed after a crash, without the keys. The customer's row is locked
    /// first (`lockedCustomer`), so `draft` runs once every write of the customer through
    /// any daemon sharing the store has committed (its writer group held the row `FOR SHARE`
    /// until then: PostgreSQL, keyring beside the data) or will find the row gone: what the
    /// data store holds of the customer then is all the erasure erases. A `draft` that
    /// throws changes nothing.
    func destroyCustomer(blindIndex: [UInt8], handle: [UInt8],
                         draft: (_ auditRef: [UInt8], _ dekCount: Int, _ kekVersions: [Int], _ at: Timestamp) throws -> JSONObject) throws -> DestroyedKeys? {
        try destroyCustomer(blindIndex: blindIndex, handle: handle, settling: { ref, count, versions, at, _ in try draft(ref, count, versions, at) })
    }

    /// `destroyCustomer`, whose `draft` may also load the customer's keys as they are inside
    /// the transaction (`keysNow`): a shred that finds a generation added since it read the
    /// keys counts with every generation the erasure destroys.
    func destroyCustomer(blindIndex: [UInt8], handle: [UInt8],
                         settling draft: (_ auditRef: [UInt8], _ dekCount: Int, _ kekVersions: [Int], _ at: Timestamp,
                                          _ keysNow: () throws -> CustomerKeys?) throws -> JSONObject) throws -> DestroyedKeys? {
        try database.withLock { box -> DestroyedKeys? in
            var committing = false
            let now = clock.now()
            let result: (ref: [UInt8], count: Int, versions: [Int], place: (number: Int, ordinal: Int64))?
            do {
                result = try box.db.inTransaction { () throws -> (ref: [UInt8], count: Int, versions: [Int], place: (number: Int, ordinal: Int64))? in
                    guard let row = try box.db.lockedCustomer(blindIndex: blindIndex) else {
                        forget(blindIndex: blindIndex)  // erased meanwhile (maybe by another daemon): not cached any more
                        return nil
                    }
                    racePoints.reach(.erasurePointLocked)
                    guard row.handle == handle else {
                        forget(blindIndex: blindIndex)  // so that the retry meets the customer as it is now
                        throw StoreError.unavailable("the customer was erased and created again while this shred ran; nothing was changed, retry")
                    }
                    if row.heldSince != nil { throw StoreError.legalHold }
                    let count = try box.db.remainingKeys(handle: handle).deks
                    let versions = try box.db.kekHistory(handle: handle)
                    // Before the keys go: `keysNow` reads them.
                    let drafted = try draft(row.auditRef, count, versions, now) { try self.loadCustomer(box, blindIndex: blindIndex) }
                    try box.db.deleteCustomerKeys(handle: handle)
                    let place = try box.db.recordErasure(customerTag: erasureTag(blindIndex: blindIndex), handleTag: erasureTag(handle: handle),
                                                          at: now, draft: JSONWriter.bytes(.object(drafted)))
                    // From here until the outcome is known, a read finishing with these keys waits.
                    fence.beginCommit(handle)
                    committing = true
                    return (row.auditRef, count, versions, place)
                }
            } catch {
                if committing { fence.endCommit(handle, committed: false) }
                throw error
            }
            guard let result else { return nil }
            fence.endCommit(handle, committed: true)
            box.db.erasureCommitted(customerTag: erasureTag(blindIndex: blindIndex), handleTag: erasureTag(handle: handle),
                                    number: result.place.number, at: now)
            forget(blindIndex: blindIndex)
            // Past the erasure point: a failed checkpoint is reported, never thrown.
            let truncated = (try? box.db.emptyLog()) != nil && box.db.emptyLogScrubsDeletedRows
            return DestroyedKeys(handle: handle, auditRef: result.ref, dekCount: result.count, kekVersions: result.versions,
                                 walTruncated: truncated, shreddedAt: now, number: result.place.number, ordinal: result.place.ordinal)
        }
    }

    /// What the erasure table keeps instead of a customer's blind index: a keyed hash, so
    /// the id still finds its erasure while the blind index itself dies with the shred.
    func erasureTag(blindIndex: [UInt8]) -> [UInt8] { indexKey.index(domain: "erasure.customer", blindIndex) }
    /// What it keeps instead of the erased customer's handle.
    func erasureTag(handle: [UInt8]) -> [UInt8] { indexKey.index(domain: "erasure.handle", handle) }

    /// The newest erasure of the customer with this blind index, if it was ever erased.
    func erasure(blindIndex: [UInt8]) throws -> ErasureRecord? {
        try erasure(customerTag: erasureTag(blindIndex: blindIndex))
    }

    /// The newest erasure of the customer with this tag (`erasureTag(blindIndex:)`).
    func erasure(customerTag: [UInt8]) throws -> ErasureRecord? {
        try database.withLock { box in try box.db.erasure(customerTag: customerTag) }
    }

    /// Every erasure keys.db records, oldest first.
    func erasures() throws -> [ErasureRecord] {
        try database.withLock { box in
            try box.db.allErasures()
        }
    }

    /// Up to `limit` erasures still without their receipt, newest first, at or below
    /// `ordinal` when given (`KeyringRecords.erasuresWithoutReceipt`).
    func erasuresWithoutReceipt(limit: Int, atOrBelow ordinal: Int64? = nil) throws -> [ErasureRecord] {
        try database.withLock { box in try box.db.erasuresWithoutReceipt(limit: limit, atOrBelow: ordinal) }
    }

    /// Stores the signed receipt of the erasure `record` unless it has one, and returns the
    /// one it has: an erasure has one receipt, the first stored, though two completions (two
    /// `customer.receipt` calls, two daemons) each signed one. A newer erasure of the same id
    /// is left alone (this call's receipt is returned unstored). A stored receipt is handed on
    /// only if the audit key signed it for this erasure: one written into keys.db outside
    /// confide (forged, or another erasure's) is `integrity`, not served or put in the ledger.
    func storeReceipt(_ receipt: JSONObject, for record: ErasureRecord) throws -> JSONObject {
        try database.withLock { box in
            try box.db.inTransaction { () throws -> JSONObject in
                try box.db.setErasureReceipt(JSONWriter.bytes(.object(receipt)), customerTag: record.customerTag, handleTag: record.handleTag)
                guard let stored = try box.db.erasure(customerTag: record.customerTag), stored.handleTag == record.handleTag,
                      let first = stored.receipt else { return receipt }
                guard first == receipt || isSignedReceipt(first, of: record) else {
                    throw StoreError.integrity("the erasure's stored receipt (shredded at \(record.shreddedAt.rfc3339)) is not one the audit key "
                        + "signed for it: keys.db was edited outside confide")
                }
                return first
            }
        }
    }

    /// Whether `receipt` verifies under the audit key and names the erasure of `record`.
    private func isSignedReceipt(_ receipt: JSONObject, of record: ErasureRecord) -> Bool {
        guard (try? ErasureReceipt.verify(.object(receipt), publicKey: auditPublicKey)) != nil else { return false }
        return receipt["customer_ref"] == record.draft["customer_ref"] && receipt["shredded_at"] == record.draft["shredded_at"]
    }

    /// Makes keys.db agree with the erasures of the ledger file: destroys the keys of every
    /// customer an older keys.db brought back (same handle; a hold it had is from before
    /// the erasure), and records each erasure where keys.db lacks it or holds an older one.
    /// Returns the customers whose keys it destroyed (handle, audit pseudonym).
    ///
    /// Each customer brought back is erased in a transaction of its own (with its erasure
    /// record), so no transaction holds one customer's change lock while it waits for
    /// another's: on a database several daemons share, a writer group holding two of them
    /// would otherwise close a deadlock cycle, and PostgreSQL would fail one side. `erased`
    /// runs right after each commit (the caller audits the erasure and records its purge), so
    /// a reapply that fails part-way leaves every customer it erased audited and purged: the
    /// next start no longer sees them as brought back. The other erasures are recorded
    /// together afterwards.
    func reapply(_ entries: [ErasureLedger.Entry],
                 erased: (_ handle: [UInt8], _ auditRef: [UInt8], _ entry: ErasureLedger.Entry) throws -> Void = { _, _, _ in })
        throws -> [(handle: [UInt8], auditRef: [UInt8], entry: ErasureLedger.Entry)] {
        try database.withLock { box in
            func merge(_ entry: ErasureLedger.Entry) throws {
                try box.db.mergeErasure(customerTag: entry.customerTag, handleTag: entry.handleTag, at: entry.shreddedAt, number: entry.number,
                                        draft: JSONWriter.bytes(.object(entry.draft)), receipt: entry.receipt.map { JSONWriter.bytes(.object($0)) })
            }
            var byHandleTag: [[UInt8]: (index: [UInt8], handle: [UInt8])] = [:]
            var byCustomerTag: [[UInt8]: (index: [UInt8], handle: [UInt8])] = [:]
            for c in try box.db.allCustomers() {
                byHandleTag[erasureTag(handle: c.handle)] = (c.blindIndex, c.handle)
                byCustomerTag[erasureTag(blindIndex: c.blindIndex)] = (c.blindIndex, c.handle)
            }
            /// Whether `entry` is a later erasure of its customer than any keys.db records.
            func laterThanKeysDB(_ entry: ErasureLedger.Entry) throws -> Bool {
                guard let recorded = try box.db.erasure(customerTag: entry.customerTag) else { return true }
                return recorded.handleTag != entry.handleTag
                    && ErasureRecord.isLater(number: entry.number, at: entry.shreddedAt, than: recorded.number, at: recorded.shreddedAt)
            }
            var revived: [(handle: [UInt8], auditRef: [UInt8], entry: ErasureLedger.Entry)] = []
            for entry in entries {
                // The customer the entry erased, brought back by an older keys.db (same handle);
                // or, under the same id, a customer older than the entry's erasure: keys.db
                // records no erasure of the id as late as the entry's, so the customer it
                // holds was created before that erasure, which erased her or one after her
                // (session 24's third review, S24C-1: a keyring copy from her first life and
                // a ledger holding only her second erasure served her first-life keys).
                let olderLife: Bool
                let c: (index: [UInt8], handle: [UInt8])
                if let same = byHandleTag[entry.handleTag] {
                    (c, olderLife) = (same, false)
                } else if let other = byCustomerTag[entry.customerTag] {
                    (c, olderLife) = (other, true)
                } else {
                    continue
                }
                defer { forget(blindIndex: c.index) }
                var erasedRef: [UInt8]?
                try box.db.inTransaction {
                    erasedRef = nil
                    // Read again inside, under the customer's lock: a shred another daemon
                    // committed meanwhile is not a customer this keyring brought back.
                    guard let row = try box.db.lockedCustomer(blindIndex: c.index), row.handle == c.handle else { return }
                    if olderLife { guard try laterThanKeysDB(entry) else { return } }
                    try box.db.deleteCustomerKeys(handle: c.handle)
                    try merge(entry)
                    erasedRef = row.auditRef
                }
                guard let ref = erasedRef else { continue }
                revived.append((c.handle, ref, entry))
                try erased(c.handle, ref, entry)
            }
            let merged = Set(revived.map(\.entry.handleTag))
            try box.db.inTransaction { for entry in entries where !merged.contains(entry.handleTag) { try merge(entry) } }
            if !revived.isEmpty { _ = try? box.db.emptyLog() }
            return revived
        }
    }

    /// Why this keyring must not be served once the start has re-applied the erasure ledger
    /// (it lacks erasures the data store recorded; `KeyringRecords.erasuresLostAtStart`), or nil.
    func erasuresLostAtStart() throws -> String? {
        try database.withLock { box in try box.db.erasuresLostAtStart() }
    }

    /// Checkpoints keys.db's WAL and truncates it; whether that succeeded and left no copy of
    /// deleted rows behind (never on an engine whose log a client cannot empty).
    func truncateWAL() -> Bool { database.withLock { box in (try? box.db.emptyLog()) != nil && box.db.emptyLogScrubsDeletedRows } }

    /// True when keys.db holds no customer row and no DEK for `handle` (receipt `verified`).
    func isErased(handle: [UInt8]) throws -> Bool {
        try database.withLock { box in
            let left = try box.db.remainingKeys(handle: handle)
            return left.deks == 0 && left.customers == 0
        }
    }

    /// Whether a customer (by handle) still exists and, if so, since when it is held.
    func holdState(handle: [UInt8]) throws -> (exists: Bool, heldSince: Timestamp?) {
        try database.withLock { box in
            guard let held = try box.db.heldSince(handle: handle) else { return (false, nil) }
            return (true, held.map { Timestamp(milliseconds: $0) })
        }
    }

    /// How long a hold or release waits for another daemon's hold or release of the same
    /// customer to be audited and answered (`beginHoldChange`) before it gives up.
    static let holdChangeWaitSeconds = 30.0

    /// Marks a hold or release of the customer `handle` in flight on this daemon, first
    /// waiting while another daemon's is (issue 21, session 17's attack review): from before
    /// its keyring commit until it has been audited and answered (`endHoldChange`), no other
    /// daemon's hold or release of the customer commits. Otherwise one daemon's release could
    /// run whole between another's hold commit and that hold's audit entry, which then said
    /// "held" (and its client was told so) for a customer who was not held.
    ///
    /// The keyring's session lock (`tryLockHoldChange`), tried under the keyring's lock and
    /// waited for outside it, at most `holdChangeWaitSeconds` (`unavailable`, nothing
    /// changed): the daemon's other keyring calls go on meanwhile. Never called inside a
    /// keyring transaction (it holds the database's write lock the holder needs). Nothing on
    /// SQLite. Call it under the legal gate, so no two calls of this daemon hold it at once.
    func beginHoldChange(handle: [UInt8]) throws {
        let deadline = Date().addingTimeInterval(Self.holdChangeWaitSeconds)
        var pause: UInt32 = 1_000  // µs, doubling to 20 ms: a hold in flight takes a few commits
        while try !database.withLock({ box in try box.db.tryLockHoldChange(handle: handle) }) {
            guard Date() < deadline else {
                throw StoreError.unavailable("another daemon's hold or release of this customer has been in flight for "
                    + "\(Int(Self.holdChangeWaitSeconds)) s; nothing was changed, retry")
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    /// Ends what `beginHoldChange` began. False when the keyring's session ended meanwhile (a
    /// lost connection) and the lock with it, or when letting go failed (the session is then
    /// lost, and the lock ends with it): another daemon's hold or release may have run inside
    /// the span, and the caller checks `holdChanges`.
    func endHoldChange(handle: [UInt8]) -> Bool {
        database.withLock { box in (try? box.db.unlockHoldChange(handle: handle)) ?? false }
    }

    /// The customer's `hold_changes` count, or nil when the customer does not exist (or is
    /// another one now): whether any hold or release came after a call's own.
    func holdChanges(blindIndex: [UInt8], handle: [UInt8]) throws -> Int64? {
        try database.withLock { box in
            guard let row = try box.db.customer(blindIndex: blindIndex), row.handle == handle else { return nil }
            return row.holdChanges
        }
    }

    /// Places the legal hold of the customer `handle` names, or takes the first step of its
    /// release; returns what the call did, or nil if the customer does not exist. Commits and
    /// evicts its cached keys under the keyring's lock, so no request can act on the old hold
    /// state after.
    ///
    /// A release takes effect in two steps (issue 21, finding F3): this call only marks it
    /// pending (`release_pending`), `held_since` still set, so every reader of the hold — a
    /// shred's erasure point and retention on this daemon or any other over the same keyring,
    /// an undone creation — still finds the customer held; `completeRelease`, once the
    /// release's audit entry has committed, clears both. (Before: the release cleared
    /// `held_since` at once, and another daemon shredded the customer in the window where the
    /// release could still be undone.) A release of a customer whose release is already
    /// pending (one in flight, or one a crash left between its steps) confirms that mark, and
    /// its own completion completes it. A hold cancels a pending release: the customer stays
    /// held since it was first held, and the release's completion then finds no mark of its own.
    ///
    /// The customer is read inside the transaction that changes it, which on a database
    /// several daemons share waits for any other keyring transaction (`inTransaction`): a
    /// shred another daemon committed meanwhile leaves no customer to hold (nil), where a
    /// read before the transaction saw it still there and the hold was reported in force
    /// on an erased customer. A customer erased and created again since the caller looked it
    /// up is another customer (`unavailable`, retry): its audit entry would name the old one.
    ///
    /// Every call counts in the row's `hold_changes`, a confirmation that changes nothing too,
    /// so that `undoHold` can tell whether any hold or release came after the one it undoes.
    /// The row's `version` stays: no request relies on a cached hold state, so a hold through
    /// one daemon does not fail another daemon's requests of the customer.
    func setHold(blindIndex: [UInt8], handle: [UInt8], held: Bool) throws -> HoldChange? {
        try database.withLock { box -> HoldChange? in
            defer { forget(blindIndex: blindIndex) }
            return try box.db.inTransaction { () throws -> HoldChange? in
                let now = clock.now()  // under the locks: a hold that waited (for retention, another daemon) is in force from now
                guard let row = try box.db.customer(blindIndex: blindIndex) else { return nil }
                guard row.handle == handle else {
                    throw StoreError.unavailable("the customer was erased and created again while this call ran; nothing was changed, retry")
                }
                let (current, pending) = (row.heldSince, row.releasePending)
                let since: Int64?
                let mark: Int64?
                if held {
                    (since, mark) = (current ?? now.milliseconds, nil)
                } else if current == nil {
                    (since, mark) = (nil, nil)  // nothing to release: a confirmation
                } else {
                    (since, mark) = (current, pending ?? row.holdChanges + 1)  // step 1: still held, release pending
                }
                try box.db.setHoldState(blindIndex: blindIndex, heldSince: since, releasePending: mark)  // counts the call in hold_changes
                return HoldChange(held: since != nil, since: since.map { Timestamp(milliseconds: $0) }, changed: since != current || mark != pending,
                                  previous: current, previousRelease: pending, holdChanges: row.holdChanges + 1, pendingRelease: mark)
            }
        }
    }

    /// The second step of a release (see `setHold`), once its audit entry has committed:
    /// clears `held_since` and the mark, if the mark is still `mark`, the one the release set
    /// or confirmed. Returns the hold now in force: not held, or, when a hold came after the
    /// release's first step (and cancelled it), that hold; nil if the customer does not exist.
    func completeRelease(blindIndex: [UInt8], handle: [UInt8], mark: Int64) throws -> (held: Bool, since: Timestamp?)? {
        try database.withLock { box in
            defer { forget(blindIndex: blindIndex) }
            return try box.db.inTransaction { () throws -> (held: Bool, since: Timestamp?)? in
                guard let row = try box.db.customer(blindIndex: blindIndex), row.handle == handle else { return nil }
                guard row.releasePending == mark else {
                    // A hold overtook this release. Counted all the same (`hold_changes`), so
                    // that hold's undo, should its audit entry fail, cannot put this release's
                    // mark back after this call has answered (session 17's attack review).
                    try box.db.setHoldState(blindIndex: blindIndex, heldSince: row.heldSince, releasePending: row.releasePending)
                    return (row.heldSince != nil, row.heldSince.map { Timestamp(milliseconds: $0) })
                }
                try box.db.setHoldState(blindIndex: blindIndex, heldSince: nil, releasePending: nil)
                return (false, nil)
            }
        }
    }

    /// Puts `held_since` and the pending release back to `previous` and `previousRelease`: a
    /// hold or release whose audit entry could not be written must change nothing (a
    /// release's undo drops the mark its first step set: the customer stays held). Only when
    /// the row is still the one `change` left (same customer, same `hold_changes`): a hold or
    /// release committed after it, through this daemon or another, was answered and audited,
    /// and undoing would take that back. False when it did not undo.
    func undoHold(blindIndex: [UInt8], handle: [UInt8], holdChanges: Int64, previous: Int64?, previousRelease: Int64?) throws -> Bool {
        try database.withLock { box in
            defer { forget(blindIndex: blindIndex) }
            return try box.db.inTransaction { () throws -> Bool in
                guard let row = try box.db.customer(blindIndex: blindIndex), row.handle == handle, row.holdChanges == holdChanges else { return false }
                try box.db.setHoldState(blindIndex: blindIndex, heldSince: previous, releasePending: previousRelease)
                return true
            }
        }
    }

    /// Runs `body` with the customers of `handles` that exist and are not held, while no
    /// hold can commit: `body` deletes their data (retention), and a hold that commits
    /// before that delete must keep it. Holds wait for `body`, so keep it short (one group
    /// commit). The decision and `body` run inside a keyring transaction, which on a
    /// database several daemons share holds the keyring's write lock (`inTransaction`):
    /// another daemon's hold waits for the delete too, not only this daemon's. It also takes
    /// this process's legal gate first, as holds, releases and erasure points do: a release
    /// committed but not yet audited may still be undone, and its customer must not be taken
    /// for "not held" meanwhile. (Found by session 16's attack review: retention between a
    /// release's commit and its undo deleted the sessions of a customer every audited call
    /// said was held.) Since a release's first step leaves `held_since` set (see `setHold`),
    /// that customer is found held anyway, by another daemon's retention too.
    func withHoldsFrozen<T: Sendable>(_ handles: Set<[UInt8]>, _ body: (_ notHeld: Set<[UInt8]>) throws -> T) throws -> T {
        try withHoldStatesFrozen(handles) { states in try body(Set(states.filter { !$0.value.held }.keys)) }
    }

    /// `withHoldsFrozen` for one customer (a session's delete or replacement): `frozen` is
    /// nil when the customer has no keyring row (erased meanwhile).
    func withHoldFrozen<T: Sendable>(_ handle: [UInt8], _ body: (_ frozen: FrozenHold?) throws -> T) throws -> T {
        try withHoldStatesFrozen([handle]) { states in try body(states[handle]) }
    }

    /// The hold state of each of `handles` that has a keyring row, read and acted on as
    /// `withHoldsFrozen` says. `body`'s data write must also name these customers to the
    /// writer and compare `hold_changes` there (`TranscriptRecords.lockedCustomerHoldChanges`):
    /// the keyring's write lock is held by the keyring's session, not the writer's, and if
    /// that session is lost before the data commits (a terminated backend, a cut link), the
    /// lock goes with it, so another daemon's hold can commit before the delete does. The
    /// writer's group locks the customers' rows where it can (the keyring beside the data),
    /// so such a hold either committed before and is seen, or waits for the delete.
    func withHoldStatesFrozen<T: Sendable>(_ handles: Set<[UInt8]>, _ body: (_ states: [[UInt8]: FrozenHold]) throws -> T) throws -> T {
        legalGate.lock()
        defer { legalGate.unlock() }
        return try database.withLock { box in
            var result: T?
            do {
                try box.db.inTransaction {
                    var states: [[UInt8]: FrozenHold] = [:]
                    for handle in handles {
                        if let state = try box.db.holdState(handle: handle) {
                            states[handle] = FrozenHold(held: state.heldSince != nil, holdChanges: state.holdChanges)
                        }
                    }
                    racePoints.reach(.holdsFrozen)
                    result = try body(states)
                }
            } catch where result != nil {
                // `body` committed; only the freeze's own transaction failed to end (its
                // session lost). That transaction wrote nothing, and the writer compared the
                // hold states inside the data's transaction, so what `body` did stands and is
                // answered as done: answering a failure would say "nothing changed" of a
                // delete that committed.
            }
            return result!
        }
    }

    /// The keys.db state of a KEK version: its creation time and state, for receipts.
    func kekInfo() throws -> [(version: Int, state: String, createdAt: Timestamp, deks: Int)] {
        try database.withLock { box in
            try box.db.kekSummary()
        }
    }
}

/// A customer's hold as `Keyring.withHoldStatesFrozen` read it.
struct FrozenHold: Sendable {
    /// Held (a pending release included).
    let held: Bool
    /// The row's `hold_changes` then: a data write acting on `held` compares it inside its
    /// own transaction (`TranscriptRecords.lockedCustomerHoldChanges`).
    let holdChanges: Int64
}

/// What a hold or release did (`Keyring.setHold`).
struct HoldChange {
    /// The hold now in force: still true after a release's first step.
    let held: Bool
    let since: Timestamp?
    /// Whether the call changed `held_since` or the pending release.
    let changed: Bool
    /// `held_since` before the call, for `undoHold`.
    let previous: Int64?
    /// The pending release before the call, for `undoHold`.
    let previousRelease: Int64?
    /// The customer's `hold_changes` after the call: `undoHold` changes nothing unless it is
    /// still this one (no hold or release, not even a confirmation, came after).
    let holdChanges: Int64
    /// For a release of a held customer: the mark its first step set or confirmed, which
    /// `completeRelease` clears once the release's audit entry has committed.
    let pendingRelease: Int64?
}

extension ErasureRecord {
    /// The erased customer's audit pseudonym, from the draft.
    var auditRef: [UInt8]? { draft["customer_ref"]?.stringValue.flatMap { decodeHex(Array($0.utf8)) } }

    /// SQL, the same on every engine, for "the erasure numbered `number` at time `at` is a
    /// later erasure of the customer than the one numbered `other` at `otherAt`" (the
    /// arguments are SQL expressions). Numbers decide where both have one; an erasure with a
    /// number is later than one without (rows and ledger lines from before erasures were
    /// numbered: everything numbered came after the upgrade; session 24's second review,
    /// S24B-1/2, where time decided it and clocks apart broke it); where neither has one, the
    /// later time (`orAtTheSameTime`: or the same), as every comparison was before.
    package static func isLaterSQL(number: String, at: String, than other: String, at otherAt: String, orAtTheSameTime: Bool = false) -> String {
        "CASE WHEN \(number) IS NOT NULL AND \(other) IS NOT NULL THEN \(number) > \(other) WHEN \(number) IS NOT NULL THEN TRUE "
            + "WHEN \(other) IS NOT NULL THEN FALSE ELSE \(at) \(orAtTheSameTime ? ">=" : ">") \(otherAt) END"
    }

    /// `isLaterSQL`'s rule in Swift, for the erasure ledger's re-apply.
    static func isLater(number: Int?, at: Timestamp, than other: Int?, at otherAt: Timestamp) -> Bool {
        switch (number, other) {
        case let (number?, other?): number > other
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): at > otherAt
        }
    }

    /// A record as the store returns it: the draft and receipt as stored JSON.
    package init(customerTag: [UInt8], handleTag: [UInt8], shreddedAt: Timestamp, number: Int?, ordinal: Int64, draftBytes: [UInt8],
                 receiptBytes: [UInt8]?) throws {
        func object(_ bytes: [UInt8]) throws -> JSONObject {
            guard let o = try JSONParser.parse(bytes).objectValue else { throw StoreError.integrity("an erasure record is not a JSON object") }
            return o
        }
        self.init(customerTag: customerTag, handleTag: handleTag, shreddedAt: shreddedAt, number: number, ordinal: ordinal,
                  draft: try object(draftBytes),
                  receipt: try receiptBytes.map(object))
    }
}

/// What keys.db knows of data.db's audit chain (table `audit_anchor`).
public struct AuditAnchor: Sendable, Equatable {
    /// The first seq written with commit MACs.
    public var keyedFrom: Int
    /// The newest signed checkpoint recorded (seq and head), if any.
    public var seq: Int?
    public var head: [UInt8]?
    /// The last seq the audit-prune job removed (0: none).
    public var prunedTo: Int
    /// Every session of data.db is bound to its history (the start-up upgrade finished).
    public var sessionsBound = false
    /// Which chain this anchor vouches for (0: the store's first chain; see
    /// `Keyring.registerAuditChain`), and the name a daemon registered it under (nil for 0).
    public var chain = 0
    public var name: String?
    /// On chain 0's anchor: how many chains the store has (the registry's count). 1 elsewhere.
    public var chains = 1

    package init(keyedFrom: Int, seq: Int?, head: [UInt8]?, prunedTo: Int, sessionsBound: Bool = false,
                 chain: Int = 0, name: String? = nil, chains: Int = 1) {
        (self.keyedFrom, self.seq, self.head, self.prunedTo, self.sessionsBound) = (keyedFrom, seq, head, prunedTo, sessionsBound)
        (self.chain, self.name, self.chains) = (chain, name, chains)
    }

    /// This anchor and `stored` together: the newer checkpoint, the higher prune, sessions
    /// bound once either says so, and the larger count of chains. Recorded facts only ever
    /// move forward.
    func merged(with stored: AuditAnchor) -> AuditAnchor {
        var m = self
        if (stored.seq ?? 0) > (seq ?? 0) { (m.seq, m.head) = (stored.seq, stored.head) }
        m.prunedTo = max(prunedTo, stored.prunedTo)
        m.sessionsBound = sessionsBound || stored.sessionsBound
        m.chains = max(chains, stored.chains)
        return m
    }
}

extension Keyring {
    /// The anchor, or nil before the first start of a daemon that keeps one. Throws
    /// `integrity` when the row fails its MAC, or is missing or unauthenticated in a keyring
    /// that has had an authenticated anchor (see `anchorAuthenticated`).
    /// `chain`: which chain's anchor (0, the store's first chain, unless this daemon
    /// registered another: `registerAuditChain`).
    func auditAnchor(chain: Int = 0) throws -> AuditAnchor? {
        try checkedAnchor(try database.withLock { box in try box.db.auditAnchorRow(chain: chain) }, chain: chain)
    }

    /// The stored anchor row, if it is one confide wrote (see `auditAnchor`).
    private func checkedAnchor(_ stored: (anchor: AuditAnchor, mac: [UInt8]?)?, chain: Int = 0) throws -> AuditAnchor? {
        let authenticated = anchorAuthenticated || chain != 0
        guard let (anchor, mac) = stored else {
            if authenticated {
                throw StoreError.integrity("keys.db's audit anchor\(chain == 0 ? "" : " of audit chain \(chain)") is missing: it was deleted outside confide")
            }
            return nil
        }
        guard anchor.chain == chain else {
            throw StoreError.integrity("keys.db's audit anchor of chain \(chain) names chain \(anchor.chain): it was edited outside confide")
        }
        if let mac {
            guard constantTimeEquals(mac, anchorMAC.mac(anchor: anchor)) else {
                throw StoreError.integrity("keys.db's audit anchor (seq \(anchor.seq ?? 0), keyed from \(anchor.keyedFrom)) fails its MAC: "
                    + "it was edited outside confide")
            }
        } else if authenticated {
            throw StoreError.integrity("keys.db's audit anchor has no MAC: it was edited outside confide")
        }
        return anchor
    }

    /// Writes the anchor (one small keys.db transaction) and returns the anchor now in
    /// force. The first write with a MAC also re-wraps the audit key under the anchored AD,
    /// in the same transaction: from then on this keyring must have an authenticated anchor,
    /// whatever its schema version says.
    ///
    /// Merged with the stored anchor inside the transaction, unless `replacing`: the newer
    /// checkpoint and the higher `pruned_to` win. The anchor is shared by every daemon of a
    /// keyring, and one writing what it last saw (a follower at shutdown, after the leader
    /// pruned) would move `pruned_to` back, and every later start would be refused as
    /// tampering. `replacing` is for start-up, which decides the anchor (the first one, or
    /// starting over on restored data the operator accepted).
    @discardableResult
    func setAuditAnchor(_ anchor: AuditAnchor, replacing: Bool = false) throws -> AuditAnchor {
        try database.withLock { box in
            let written = try box.db.inTransaction { () throws -> AuditAnchor in
                var next = anchor
                // Checked as a start checks it: merging must not launder an edited, MAC-less or
                // deleted row into one with a valid MAC.
                if !replacing, let stored = try checkedAnchor(try box.db.auditAnchorRow(chain: anchor.chain), chain: anchor.chain) {
                    next = anchor.merged(with: stored)
                } else if replacing {
                    // Starting a chain over keeps the registry it counts (chain 0's `chains`):
                    // the stored count when its row still checks, and never fewer than the
                    // chains registered beside it (a lost or edited chain-0 row rewritten on
                    // restored data the operator accepted would otherwise count 1, and every
                    // other chain would read as unregistered: session 18's review, F3).
                    let stored = try? checkedAnchor(try box.db.auditAnchorRow(chain: anchor.chain), chain: anchor.chain)
                    next.chains = max(next.chains, stored?.chains ?? 1)
                    if anchor.chain == 0 {
                        // Only rows that pass their MAC: a junk row must not become an
                        // authenticated count (session 19's review). The caller adds the
                        // chains the data holds.
                        let authentic = try box.db.auditAnchorRows().filter { (try? checkedAnchor($0, chain: $0.anchor.chain)) != nil }
                        next.chains = max(next.chains, (authentic.map(\.anchor.chain).max() ?? 0) + 1)
                    }
                }
                if !anchorAuthenticated {
                    try box.db.setWrappedAuditKey(try wrap(auditSigningKey.secret, with: box.master, associatedData: AssociatedData.auditKey(anchored: true)))
                }
                try box.db.storeAuditAnchor(next, mac: anchorMAC.mac(anchor: next))
                return next
            }
            anchorState.withLock { $0 = true }
            return written
        }
    }
}

extension Keyring {
    /// The chain registered under `name`, registering it if it is new (one keyring
    /// transaction, so two daemons registering at once get two numbers): its anchor, as
    /// `auditAnchor(chain:)` returns it. A new chain takes the next number (chain 0's count of
    /// chains), starts empty and unpruned, and inherits `sessionsBound` from chain 0 (the
    /// sessions are the store's, not a chain's). Engines that keep one chain (SQLite) refuse.
    ///
    /// The registry is checked whole first (every row's MAC, then the count), and any fault
    /// refuses the start, naming the chains whose rows fail. With `acceptingRestored` (the
    /// operator's `--accept-restored-data`) the row that names this daemon's chain is taken as
    /// it is, even if it fails its MAC (the start then rewrites it under the name: session 18's
    /// review, F3), so the daemon of each failing row can repair its own.
    func registerAuditChain(name: String, acceptingRestored: Bool = false) throws -> AuditAnchor {
        try database.withLock { box in
            try box.db.inTransaction { () throws -> AuditAnchor in
                let rows = try box.db.auditAnchorRows()
                if acceptingRestored, let own = rows.first(where: { $0.anchor.name == name }) {
                    return (try? checkedAnchor(own, chain: own.anchor.chain)) ?? own.anchor
                }
                let failing = rows.filter { (try? checkedAnchor($0, chain: $0.anchor.chain)) == nil }.map(\.anchor.chain).sorted()
                if !failing.isEmpty {
                    throw StoreError.integrity("keys.db's audit anchors of chains \(failing) fail their MAC: they were edited outside confide. "
                        + "If you restored the keyring on purpose, start the daemon of each of those chains once with --accept-restored-data "
                        + "(the choice is audited)")
                }
                let all = try checkedAnchors(box.db)
                if let found = all.first(where: { $0.name == name }) { return found }
                guard var first = all.first(where: { $0.chain == 0 }) else {
                    throw StoreError.unavailable("the keyring (\(name)) has no audit anchor of its first chain yet: start the daemon once "
                        + "without an audit chain name, then again with it")
                }
                let chain = AuditAnchor(keyedFrom: 1, seq: nil, head: nil, prunedTo: 0, sessionsBound: first.sessionsBound,
                                        chain: first.chains, name: name)
                first.chains += 1
                try box.db.storeAuditAnchor(chain, mac: anchorMAC.mac(anchor: chain))
                try box.db.storeAuditAnchor(first, mac: anchorMAC.mac(anchor: first))
                return chain
            }
        }
    }

    /// Every chain's anchor, by chain: the registry `audit verify` walks. Throws `integrity`
    /// when a row fails its MAC, or the rows are not exactly chains 0 to chain 0's count
    /// (a chain's anchor deleted, or one added, outside confide).
    func auditAnchors() throws -> [AuditAnchor] {
        try database.withLock { box in try checkedAnchors(box.db) }
    }

    private func checkedAnchors(_ db: any KeyringRecords) throws -> [AuditAnchor] {
        let rows = try db.auditAnchorRows()
        let anchors = try rows.compactMap { try checkedAnchor($0, chain: $0.anchor.chain) }.sorted { $0.chain < $1.chain }
        guard let first = anchors.first(where: { $0.chain == 0 }) else {
            if anchorAuthenticated || !anchors.isEmpty {
                throw StoreError.integrity("keys.db's audit anchor is missing: it was deleted outside confide")
            }
            return []
        }
        let numbers = anchors.map(\.chain)
        guard numbers == Array(0..<first.chains) else {
            let missing = Set(0..<first.chains).subtracting(numbers).sorted()
            let extra = Set(numbers).subtracting(0..<first.chains).sorted()
            throw StoreError.integrity("keys.db's registry of audit chains counts \(first.chains), but "
                + (missing.isEmpty ? "" : "the anchors of chains \(missing) are missing") + (missing.isEmpty || extra.isEmpty ? "" : " and ")
                + (extra.isEmpty ? "" : "chains \(extra) are not counted") + ": the keyring was edited outside confide")
        }
        return anchors
    }
}
