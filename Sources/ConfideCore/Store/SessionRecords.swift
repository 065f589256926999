import ConfideRedaction
import ConfideCrypto
import ConfideJSON
import ConfideStorage

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

/// A session row as read from data.db, still sealed.
struct SessionRow {
    let id: Int64
    let sealedHeader: [UInt8]
    let generation: Int
    let count: Int
    let createdAt: Timestamp
    let updatedAt: Timestamp
    /// The newest chunk's id, where `ChunkChain` starts (nil while the session is empty).
    let lastChunk: Int64?

    static let columns = "id, header, generation, message_count, created_at, updated_at, last_chunk"

    /// Reads the row; plaintext columns out of any range confide writes (an edited file)
    /// are `integrity`, never a value that traps later (issue 16: a `created_at` of
    /// `Int64.min` brought the daemon down in `session.list`).
    init(_ s: Statement) throws(StoreError) {
        id = s.int64(0)
        sealedHeader = s.blob(1)
        generation = s.int(2)
        count = s.int(3)
        createdAt = Timestamp(milliseconds: s.int64(4))
        updatedAt = Timestamp(milliseconds: s.int64(5))
        lastChunk = s.isNull(6) ? nil : s.int64(6)
        guard Timestamp.storable.contains(createdAt.milliseconds), Timestamp.storable.contains(updatedAt.milliseconds),
              (0...Int(Int32.max)).contains(count), (0...Int(Int32.max)).contains(generation) else {
            throw .integrity("a session row holds an impossible time, count or generation (edited outside confide)")
        }
    }

    static func find(_ db: Database, handle: [UInt8], sessionIndex: [UInt8]) throws -> SessionRow? {
        try db.queryOne("SELECT \(columns) FROM session WHERE customer_handle = ? AND blind_index = ?",
                        [.blob(handle), .blob(sessionIndex)], row: SessionRow.init)
    }
}

/// Sealing and opening of headers and chunks with a customer's keys: the one place
/// that knows which associated data goes with which ciphertext.
struct SessionSealer {
    let keys: CustomerKeys
    let sessionIndex: [UInt8]

    func sealHeader(_ header: SessionHeader) throws -> (sealed: [UInt8], generation: Int) {
        let generation = keys.newestGeneration
        let sealed = try XChaCha20Poly1305.seal(JSONWriter.bytes(header.json()), key: keys.newestDEK,
            associatedData: AssociatedData.sessionHeader(handle: keys.handle, sessionIndex: sessionIndex, generation: generation))
        return (sealed, generation)
    }

    func openHeader(_ row: SessionRow) throws(StoreError) -> SessionHeader {
        let plain = try open(row.sealedHeader, generation: row.generation, what: "session header",
            associatedData: AssociatedData.sessionHeader(handle: keys.handle, sessionIndex: sessionIndex, generation: row.generation))
        do { return try SessionHeader(json: JSONParser.parse(plain)) }
        catch let e as StoreError { throw e }
        catch { throw .integrity("session header decrypted to malformed data") }
    }

    func sealChunk(_ plaintext: [UInt8], seq: Int) throws -> (sealed: [UInt8], generation: Int) {
        let generation = keys.newestGeneration
        let sealed = try XChaCha20Poly1305.seal(plaintext, key: keys.newestDEK,
            associatedData: AssociatedData.chunk(handle: keys.handle, sessionIndex: sessionIndex, seq: seq, generation: generation))
        return (sealed, generation)
    }

    func openChunk(_ sealed: [UInt8], seq: Int, generation: Int) throws(StoreError) -> TranscriptMessage {
        let plain = try open(sealed, generation: generation, what: "message \(seq)",
            associatedData: AssociatedData.chunk(handle: keys.handle, sessionIndex: sessionIndex, seq: seq, generation: generation))
        return try TranscriptMessage(seq: seq, storedForm: plain)
    }

    /// The authenticated plaintext; `what` names the record in the error (built only then).
    private func open(_ sealed: [UInt8], generation: Int, what: @autoclosure () -> String,
                      associatedData: [UInt8]) throws(StoreError) -> [UInt8] {
        let key = try keys.dek(generation)
        do { return try XChaCha20Poly1305.open(sealed, key: key, associatedData: associatedData) }
        catch { throw .integrity("\(what()) failed authentication (tampered or misplaced row)") }
    }

    /// The plaintext of each message's chunk. Encoded before a write is queued, on the
    /// caller's thread, so the single writer only seals and inserts.
    static func plaintexts(_ messages: [Message]) -> [[UInt8]] { messages.map { $0.storedForm() } }

    /// Seals `plaintexts` as seqs `firstSeq`… and links them into the session's chain after
    /// its newest chunk `last`; returns the new newest chunk's id.
    func appendChunks(_ plaintexts: [[UInt8]], firstSeq: Int, after last: Int64?, sessionID: Int64, in db: Database) throws -> Int64? {
        let sealed = try plaintexts.enumerated().map { i, plaintext in try sealChunk(plaintext, seq: firstSeq + i) }
        return try ChunkChain.append(sealed, firstSeq: firstSeq, after: last, session: sessionID, in: db)
    }
}
