import ConfideRedaction
import ConfideCrypto
import ConfideJSON

/// The sealed session header: the only place the customer and session ids exist, inside
/// ciphertext, with the session's metadata and its placeholder numbering state.
struct SessionHeader {
    var customer: String
    var session: String
    var metadata: JSONObject?
    var numbering: PlaceholderNumbering?

    func json() -> JSONValue {
        var o = JSONObject()
        o["customer"] = .string(customer)
        o["session"] = .string(session)
        if let metadata { o["metadata"] = .object(metadata) }
        if let numbering {
            var a = JSONObject(), c = JSONObject()
            for (k, v) in numbering.assignments.sorted(by: { $0.key < $1.key }) { a[k] = .int(v) }
            for (k, v) in numbering.counters.sorted(by: { $0.key < $1.key }) { c[k] = .int(v) }
            o["numbering"] = .object(["assignments": .object(a), "counters": .object(c)])
        }
        return .object(o)
    }

    init(customer: String, session: String, metadata: JSONObject? = nil, numbering: PlaceholderNumbering? = nil) {
        self.customer = customer
        self.session = session
        self.metadata = metadata
        self.numbering = numbering
    }

    /// A header from its decrypted bytes.
    init(decrypted plain: [UInt8]) throws(StoreError) {
        do { try self.init(json: JSONParser.parse(plain)) }
        catch let e as StoreError { throw e }
        catch { throw .integrity("session header decrypted to malformed data") }
    }

    init(json: JSONValue) throws(StoreError) {
        guard let o = json.objectValue, let c = o["customer"]?.stringValue, let s = o["session"]?.stringValue else {
            throw .integrity("session header has an unexpected shape")
        }
        customer = c
        session = s
        metadata = o["metadata"]?.objectValue
        if let n = o["numbering"]?.objectValue, let a = n["assignments"]?.objectValue, let c = n["counters"]?.objectValue {
            numbering = PlaceholderNumbering(
                assignments: Dictionary(uniqueKeysWithValues: a.members.compactMap { m in m.value.intValue.map { (m.key, $0) } }),
                counters: Dictionary(uniqueKeysWithValues: c.members.compactMap { m in m.value.intValue.map { (m.key, $0) } }))
        }
    }
}

/// The fields of a session row that its seal authenticates (with the customer handle and
/// session index, which address the row). Everything a read reports comes from these.
package struct SessionRowFields: Equatable {
    /// Random per version of the session: a new session or a `put` draws a new one.
    package var epoch: [UInt8]
    /// DEK generation of the header and of this seal.
    package var generation: Int
    package var count: Int
    /// Tag of the newest chunk (empty while the session has none).
    package var lastTag: [UInt8]
    package var createdAt: Int64
    package var updatedAt: Int64
    package var retentionDays: Int?
    package var expiresAt: Int64?
    /// The row's id (a copy of the row under another id is not this session) and the tag of
    /// its sealed header (an older header put back is not this header); not written by
    /// `values`: they are the `id` and `header` columns.
    package var rowID: Int64 = 0
    package var headerTag: [UInt8] = []

    package init(epoch: [UInt8], generation: Int, count: Int, lastTag: [UInt8], createdAt: Int64, updatedAt: Int64, retentionDays: Int?,
                 expiresAt: Int64?, rowID: Int64 = 0, headerTag: [UInt8] = []) {
        (self.epoch, self.generation, self.count, self.lastTag) = (epoch, generation, count, lastTag)
        (self.createdAt, self.updatedAt, self.retentionDays, self.expiresAt) = (createdAt, updatedAt, retentionDays, expiresAt)
        (self.rowID, self.headerTag) = (rowID, headerTag)
    }

    /// Bytes of a new epoch.
    static let epochBytes = 16

    /// A new session version: a fresh epoch, no messages yet.
    static func newVersion(generation: Int, now: Timestamp, retentionDays: Int?, expiresAt: Int64?, createdAt: Int64? = nil) -> SessionRowFields {
        SessionRowFields(epoch: SecureRandom.bytes(epochBytes), generation: generation, count: 0, lastTag: [],
                         createdAt: createdAt ?? now.milliseconds, updatedAt: now.milliseconds, retentionDays: retentionDays, expiresAt: expiresAt)
    }
}

/// A session row as read from data.db, still sealed.
package struct SessionRow {
    package let id: Int64
    package let sealedHeader: [UInt8]
    package let generation: Int
    package let count: Int
    package let createdAt: Timestamp
    package let updatedAt: Timestamp
    /// The newest chunk's id, where `ChunkChain` starts (nil while the session is empty).
    package let lastChunk: Int64?
    package let retentionDays: Int?
    package let expiresAt: Int64?
    /// nil for a row written before sessions were bound to their history that the start-up
    /// upgrade could not authenticate (and so did not re-seal): it reads as tampering.
    package let epoch: [UInt8]?
    package let lastTag: [UInt8]
    package let seal: [UInt8]?

    /// A row as the engine read it back; plaintext columns out of any range confide writes
    /// (an edited file) are `integrity`, never a value that traps later (issue 16: a
    /// `created_at` of `Int64.min` brought the daemon down in `session.list`).
    package init(id: Int64, sealedHeader: [UInt8], generation: Int, count: Int, createdAt: Int64, updatedAt: Int64, lastChunk: Int64?,
         retentionDays: Int?, expiresAt: Int64?, epoch: [UInt8]?, lastTag: [UInt8], seal: [UInt8]?) throws(StoreError) {
        guard Timestamp.storable.contains(createdAt), Timestamp.storable.contains(updatedAt),
              (0...Int(Int32.max)).contains(count), (0...Int(Int32.max)).contains(generation),
              (0...Int(Int32.max)).contains(retentionDays ?? 0), Timestamp.storable.contains(expiresAt ?? 0) else {
            throw .integrity("a session row holds an impossible time, count or generation (edited outside confide)")
        }
        self.id = id
        self.sealedHeader = sealedHeader
        self.generation = generation
        self.count = count
        self.createdAt = Timestamp(milliseconds: createdAt)
        self.updatedAt = Timestamp(milliseconds: updatedAt)
        self.lastChunk = lastChunk
        self.retentionDays = retentionDays
        self.expiresAt = expiresAt
        self.epoch = epoch
        self.lastTag = lastTag
        self.seal = seal
    }

    /// The sealed fields; nil for a row the upgrade could not bind (no epoch).
    var fields: SessionRowFields? {
        epoch.map { SessionRowFields(epoch: $0, generation: generation, count: count, lastTag: lastTag, createdAt: createdAt.milliseconds,
                                     updatedAt: updatedAt.milliseconds, retentionDays: retentionDays, expiresAt: expiresAt,
                                     rowID: id, headerTag: SessionSealer.tag(of: sealedHeader)) }
    }
}

/// Sealing and opening of a session's header, chunks and row seal with a customer's keys:
/// the one place that knows which associated data goes with which ciphertext.
///
/// A session version is a chain: its header and chunks carry the version's random epoch in
/// their associated data, each chunk also the tag of the chunk before it, and the row's seal
/// covers the epoch, count and newest tag. A reader that checks the seal, then each chunk in
/// order, then that the last tag is the sealed one, has read exactly what was written.
struct SessionSealer {
    let keys: CustomerKeys
    let sessionIndex: [UInt8]

    /// A session row that is not what confide wrote: `name` says which session.
    static func tampered(_ name: String, _ what: String) -> StoreError {
        .integrity("session \(name): \(what)")
    }

    // MARK: Row seal

    /// The seal of `fields`: an AEAD tag over them (empty plaintext) under the DEK of
    /// `fields.generation`.
    func seal(_ fields: SessionRowFields) throws -> [UInt8] {
        try XChaCha20Poly1305.seal([UInt8](), key: keys.dek(fields.generation),
                                   associatedData: AssociatedData.sessionRow(handle: keys.handle, sessionIndex: sessionIndex, fields))
    }

    /// The row's fields, once its seal authenticates them. `name` names the session in the error.
    func checkSeal(_ row: SessionRow, name: @autoclosure () -> String) throws(StoreError) -> SessionRowFields {
        guard let fields = row.fields, let seal = row.seal else {
            throw Self.tampered(name(), "its row has no seal: it failed authentication when the store was upgraded to bound sessions")
        }
        guard let key = try? keys.dek(fields.generation) else {
            throw Self.tampered(name(), "its row names data key generation \(fields.generation), which this customer never had")
        }
        do {
            _ = try XChaCha20Poly1305.open(seal, key: key,
                                           associatedData: AssociatedData.sessionRow(handle: keys.handle, sessionIndex: sessionIndex, fields))
        } catch {
            throw Self.tampered(name(), "its row was edited outside confide (count, times, retention or newest message changed)")
        }
        return fields
    }

    // MARK: Header

    func sealHeader(_ header: SessionHeader, epoch: [UInt8]) throws -> (sealed: [UInt8], generation: Int) {
        let generation = keys.newestGeneration
        let sealed = try XChaCha20Poly1305.seal(JSONWriter.bytes(header.json()), key: keys.newestDEK,
            associatedData: AssociatedData.sessionHeader(handle: keys.handle, sessionIndex: sessionIndex, generation: generation, epoch: epoch))
        return (sealed, generation)
    }

    /// The header of a row whose seal was checked (`fields`).
    func openHeader(_ row: SessionRow, _ fields: SessionRowFields, name: @autoclosure () -> String) throws(StoreError) -> SessionHeader {
        let plain = try open(row.sealedHeader, generation: row.generation, what: "session \(name()): its header",
            associatedData: AssociatedData.sessionHeader(handle: keys.handle, sessionIndex: sessionIndex, generation: row.generation,
                                                         epoch: fields.epoch))
        return try SessionHeader(decrypted: plain)
    }

    /// Checks the row's seal, then opens its header: what every read of a session starts with.
    func openRow(_ row: SessionRow, name: @autoclosure () -> String) throws(StoreError) -> (SessionRowFields, SessionHeader) {
        let fields = try checkSeal(row, name: name())
        return (fields, try openHeader(row, fields, name: name()))
    }

    // MARK: Chunks

    /// Seals `plaintexts` as seqs `firstSeq`… of the version `epoch`, chained after the
    /// chunk whose tag is `previousTag`; returns them and the newest tag.
    func sealChunks(_ plaintexts: [[UInt8]], firstSeq: Int, epoch: [UInt8], after previousTag: [UInt8])
        throws -> (chunks: [(sealed: [UInt8], generation: Int)], lastTag: [UInt8]) {
        let generation = keys.newestGeneration
        var tag = previousTag
        var chunks: [(sealed: [UInt8], generation: Int)] = []
        chunks.reserveCapacity(plaintexts.count)
        for (i, plaintext) in plaintexts.enumerated() {
            let sealed = try XChaCha20Poly1305.seal(plaintext, key: keys.newestDEK, associatedData: AssociatedData.chunk(
                handle: keys.handle, sessionIndex: sessionIndex, epoch: epoch, seq: firstSeq + i, generation: generation, previousTag: tag))
            tag = Self.tag(of: sealed)
            chunks.append((sealed, generation))
        }
        return (chunks, tag)
    }

    /// Opens a whole chain, oldest first, of the session version `fields` describes: each
    /// chunk with its predecessor's tag, and the last tag must be the sealed one (a tail
    /// cut off with the count, or a chain ending in another version's chunk, fails).
    func openChunks(_ chunks: [ChunkChain.Chunk], _ fields: SessionRowFields, name: @autoclosure () -> String) throws(StoreError) -> [TranscriptMessage] {
        var tag: [UInt8] = []
        var messages: [TranscriptMessage] = []
        messages.reserveCapacity(chunks.count)
        for c in chunks {
            let plain = try open(c.sealed, generation: c.generation, what: "session \(name()): message \(c.seq)",
                associatedData: AssociatedData.chunk(handle: keys.handle, sessionIndex: sessionIndex, epoch: fields.epoch, seq: c.seq,
                                                     generation: c.generation, previousTag: tag))
            messages.append(try TranscriptMessage(seq: c.seq, storedForm: plain))
            tag = Self.tag(of: c.sealed)
        }
        guard tag == fields.lastTag else {
            throw Self.tampered(name(), "its newest message is not the one its row was sealed with (messages cut off or replaced)")
        }
        return messages
    }

    /// How many of `chunks` (any order, duplicates allowed) authenticate as a chain from seq
    /// 1 of the version `epoch`: what a receipt can prove was erased. A chunk counts when it
    /// opens after some counted chunk of the seq before it.
    func authenticChainLength(_ chunks: [ChunkChain.Chunk], epoch: [UInt8]) -> Int {
        let bySeq = Dictionary(grouping: chunks, by: \.seq)
        var tags: [[UInt8]] = [[]]
        var seq = 1
        while let candidates = bySeq[seq], !tags.isEmpty {
            tags = candidates.compactMap { c in
                tags.contains { previous in
                    guard let key = try? keys.dek(c.generation) else { return false }
                    return (try? XChaCha20Poly1305.open(c.sealed, key: key, associatedData: AssociatedData.chunk(
                        handle: keys.handle, sessionIndex: sessionIndex, epoch: epoch, seq: seq, generation: c.generation, previousTag: previous))) != nil
                } ? Self.tag(of: c.sealed) : nil
            }
            if tags.isEmpty { break }
            seq += 1
        }
        return seq - 1
    }

    /// The Poly1305 tag of a sealed box (`nonce ‖ ciphertext ‖ tag`): its last bytes.
    static func tag(of sealed: [UInt8]) -> [UInt8] { Array(sealed.suffix(XChaCha20Poly1305.tagBytes)) }

    // MARK: -

    /// The authenticated plaintext; `what` names the record in the error (built only then).
    private func open(_ sealed: [UInt8], generation: Int, what: @autoclosure () -> String,
                      associatedData: [UInt8]) throws(StoreError) -> [UInt8] {
        guard let key = try? keys.dek(generation) else {
            throw .integrity("\(what()) names data key generation \(generation), which this customer never had")
        }
        do { return try XChaCha20Poly1305.open(sealed, key: key, associatedData: associatedData) }
        catch { throw .integrity("\(what()) failed authentication (tampered or misplaced row)") }
    }

    /// The plaintext of each message's chunk. Encoded before a write is queued, on the
    /// caller's thread, so the single writer only seals and inserts.
    static func plaintexts(_ messages: [Message]) -> [[UInt8]] { messages.map { $0.storedForm() } }

    /// Seals `plaintexts` after the session version's newest chunk and links them into its
    /// chain; returns the row's new fields (count, newest tag, `updatedAt`) and newest chunk id.
    func appendChunks(_ plaintexts: [[UInt8]], to fields: SessionRowFields, after last: Int64?, sessionID: Int64,
                      in db: any TranscriptRecords) throws -> (fields: SessionRowFields, lastChunk: Int64?) {
        let sealed = try sealChunks(plaintexts, firstSeq: fields.count + 1, epoch: fields.epoch, after: fields.lastTag)
        let lastChunk = try ChunkChain.append(sealed.chunks, firstSeq: fields.count + 1, after: last, session: sessionID, in: db)
        var next = fields
        next.count += plaintexts.count
        next.lastTag = sealed.lastTag
        return (next, lastChunk)
    }
}
