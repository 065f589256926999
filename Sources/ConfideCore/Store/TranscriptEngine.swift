/// The three parts of a transcript store's engine that `TranscriptStore` drives, each a
/// protocol so a second engine brings its own: the writer that groups commits, the reader
/// of consistent snapshots, and the scrubber that keeps deleted ciphertext from lingering in
/// the engine's log. SQLite's are `GroupCommitWriter`, `ReaderPool` and `WALCheckpointer`.
///
/// What they hand a body is the connection as `any TranscriptRecords`: the body speaks in
/// Core's terms, never in SQL.

/// The single writer: every write runs inside a group's transaction with its audit entry.
package protocol TranscriptWriter: AnyObject, Sendable {
    /// Runs `body` in the next group, audited as `context` ("ok" or the error's code), and
    /// returns its value with its own audit entry once committed and durable. `replayable`:
    /// `body` touches nothing outside the store and may run more than once. `readsSession`:
    /// the session `body` will look up, if any (`TranscriptRecords.readAhead`). `reliesOn`:
    /// the customer whose cached keys the request used; the write fails with
    /// `StoreError.customerChanged`, unrun and unaudited, when another daemon changed it.
    /// `locksCustomers`: more customers (by handle) whose rows the group locks where the
    /// engine checks, for `body` to compare (`TranscriptRecords.lockedCustomerHoldChanges`).
    func writeRecordingEntry<T>(_ context: AuditContext, customerRef: [UInt8]?, replayable: Bool, readsSession: SessionKey?, reliesOn: CustomerVersion?,
                                locksCustomers: [[UInt8]],
                                _ body: @escaping (any TranscriptRecords, Timestamp) throws -> T) throws(StoreError) -> (value: T, entry: AuditEntry)
    /// Signs a checkpoint over the current head in the next group (audited as `context`).
    @discardableResult
    func signCheckpoint(_ context: AuditContext) throws(StoreError) -> AuditEntry
    /// The newest signed checkpoint committed, for keys.db's anchor.
    var latestCheckpoint: (seq: Int, head: [UInt8])? { get }
    /// The seq of the newest audit entry committed.
    var lastCommittedSeq: Int { get }
    /// The chain's keyed MAC (for the daemon's own verification).
    var auditMAC: AuditMAC { get }
    func snapshotStats() -> WriterStatistics
    /// Writes waiting for the next group.
    var queued: Int { get }
    func start()
    /// Finishes the queued writes, signs a final checkpoint, and stops.
    func stop()
}

extension TranscriptWriter {
    /// `writeRecordingEntry` without the entry.
    func write<T>(_ context: AuditContext, customerRef: [UInt8]?, replayable: Bool = false, readsSession: SessionKey? = nil,
                  reliesOn: CustomerVersion? = nil, locksCustomers: [[UInt8]] = [],
                  _ body: @escaping (any TranscriptRecords, Timestamp) throws -> T) throws(StoreError) -> T {
        try writeRecordingEntry(context, customerRef: customerRef, replayable: replayable, readsSession: readsSession, reliesOn: reliesOn,
                                locksCustomers: locksCustomers, body).value
    }
}

/// A customer as a request found it: its handle and the version of its keyring row.
package struct CustomerVersion: Sendable {
    package let handle: [UInt8]
    package let version: Int64
    /// Relied on by a read's audit job (`TranscriptStore.audit(…reliesOn:)`), whose success
    /// lets plaintext out: withheld, not relabelled, when the keyring guard lapsed
    /// (`GroupCommitConnection.endGroup`).
    package var byARead = false
    package init(handle: [UInt8], version: Int64) { (self.handle, self.version) = (handle, version) }
}

/// Reads from one consistent snapshot, beside the writer.
package protocol SnapshotReader: Sendable {
    func read<T>(_ body: (any TranscriptRecords) throws -> T) throws -> T
    /// `read` on a connection kept apart from the pool, for a caller that holds the keyring
    /// (`Keyring.database`): the erasure point's count, an undone creation's look. Pooled
    /// readers may be borrowed by callers that go on to wait for the keyring (`audit.verify`
    /// reads the chain registry inside its snapshot), so a keyring holder waiting for the
    /// pool could wait for ever. The keyring's lock serializes the callers of this one.
    func readHoldingTheKeyring<T>(_ body: (any TranscriptRecords) throws -> T) throws -> T
}

/// Keeps deleted ciphertext from lingering in the engine's log after a delete, a shred or
/// a purge (SQLite: a TRUNCATE checkpoint of the WAL), within a bounded time.
package protocol LogScrubber: Sendable {
    func requestScrub()
    func start()
    func stop()
}
