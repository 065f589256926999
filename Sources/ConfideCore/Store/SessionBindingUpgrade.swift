import ConfideCrypto
import Dispatch

/// Binds sessions written before data.db migration 0007 to their history, once, at start-up:
/// each such session is read in the old format (every chunk authenticated), gets an epoch,
/// and is re-sealed in the bound format (header, chained chunks, row seal) under the
/// customer's newest DEK. Runs on the writer's connection before the writer starts.
///
/// A session that does not authenticate in the old format was edited outside confide: it
/// is marked (empty seal, no epoch) and reads as tampering, never re-sealed into looking
/// whole. Sessions of customers without keys (erased, awaiting their purge; or a keys.db
/// older than data.db) are left for a later start.
enum SessionBindingUpgrade {
    struct Outcome: Equatable {
        var bound = 0
        var unreadable = 0
        var waiting = 0
    }

    /// Sessions per transaction: short transactions, so a crash loses little work and the
    /// WAL stays small; each batch is durable before the next starts.
    static let batchSize = 200

    static func run(_ db: any TranscriptRecords & Transactional, keyring: Keyring, progress: ((_ done: Int, _ total: Int) -> Void)?) throws -> Outcome {
        let total = try db.unsealedSessionCount()
        var outcome = Outcome()
        guard total > 0 else { return outcome }
        var keysByHandle: [[UInt8]: CustomerKeys?] = [:]
        var after: Int64 = 0
        // Progress at the start, every few seconds, and at the end: a line per batch would
        // flood the log on a store of millions of sessions.
        let reportInterval: UInt64 = 5_000_000_000
        var nextReport: UInt64 = 0
        while true {
            let rows = try db.unsealedSessions(afterID: after, limit: batchSize)
            guard let last = rows.last else { break }
            after = last.1
            try db.inTransaction {
                for (row, id, handle, index) in rows {
                    if keysByHandle[handle] == nil { keysByHandle[handle] = .some(try keyring.lookup(handle: handle)) }
                    guard let keys = keysByHandle[handle] ?? nil else { outcome.waiting += 1; continue }
                    if let row, try bind(row, sealer: SessionSealer(keys: keys, sessionIndex: index), in: db) {
                        outcome.bound += 1
                    } else {
                        try db.markSessionUnbound(id: id)
                        outcome.unreadable += 1
                    }
                }
            }
            // Customers seen in this batch rarely come back in the next: keep memory flat.
            if keysByHandle.count > 10_000 { keysByHandle.removeAll() }
            // Nothing else has the file open yet: empty the WAL as we go, or it would grow to
            // the size of everything rewritten (automatic checkpoints are off in this daemon).
            try db.emptyLog()
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= nextReport {
                progress?(outcome.bound + outcome.unreadable + outcome.waiting, total)
                nextReport = now + reportInterval
            }
        }
        progress?(outcome.bound + outcome.unreadable + outcome.waiting, total)
        return outcome
    }

    /// Re-seals one session in the bound format; false when it does not authenticate in the
    /// old one (nothing written).
    private static func bind(_ row: SessionRow, sealer: SessionSealer, in db: any TranscriptRecords) throws -> Bool {
        let keys = sealer.keys
        guard let headerKey = try? keys.dek(row.generation),
              let header = try? XChaCha20Poly1305.open(row.sealedHeader, key: headerKey, associatedData: AssociatedData.Unbound.sessionHeader(
                  handle: keys.handle, sessionIndex: sealer.sessionIndex, generation: row.generation)),
              let chunks = try? ChunkChain.read(session: row.id, last: row.lastChunk, count: row.count, in: db)
        else { return false }
        var plaintexts: [[UInt8]] = []
        plaintexts.reserveCapacity(chunks.count)
        for c in chunks {
            guard let key = try? keys.dek(c.generation),
                  let plain = try? XChaCha20Poly1305.open(c.sealed, key: key, associatedData: AssociatedData.Unbound.chunk(
                      handle: keys.handle, sessionIndex: sealer.sessionIndex, seq: c.seq, generation: c.generation))
            else { return false }
            plaintexts.append(plain)
        }
        var fields = SessionRowFields.newVersion(generation: keys.newestGeneration, now: row.updatedAt, retentionDays: row.retentionDays,
                                                 expiresAt: row.expiresAt, createdAt: row.createdAt.milliseconds)
        let sealedHeader = try sealer.sealHeader(SessionHeader(decrypted: header), epoch: fields.epoch)
        let sealed = try sealer.sealChunks(plaintexts, firstSeq: 1, epoch: fields.epoch, after: [])
        for (c, new) in zip(chunks, sealed.chunks) {
            try db.rewriteChunk(id: c.id, sealed: new.sealed, generation: new.generation)
        }
        fields.count = chunks.count
        fields.lastTag = sealed.lastTag
        fields.rowID = row.id
        fields.headerTag = SessionSealer.tag(of: sealedHeader.sealed)
        try db.rewriteSessionHeader(id: row.id, header: sealedHeader.sealed)
        try db.updateSession(id: row.id, fields: fields, seal: sealer.seal(fields), lastChunk: row.lastChunk)
        return true
    }
}
