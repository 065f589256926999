import ConfideCrypto

/// The associated data of every AEAD in Confide, in one place: each binds a ciphertext to
/// its kind, format version and position, so a row moved anywhere else fails to open.
enum AssociatedData {
    static func keyCheck() -> [UInt8] { frame("confide.keycheck.v1") }
    static func indexKey() -> [UInt8] { frame("confide.indexkey.v1") }
    static func auditKey() -> [UInt8] { frame("confide.auditkey.v1") }
    static func kek(version: Int) -> [UInt8] { frame("confide.kek.v1", int(version)) }
    static func dek(handle: [UInt8], generation: Int, kekVersion: Int) -> [UInt8] {
        frame("confide.dek.v1", handle, int(generation), int(kekVersion))
    }
    /// A session version's header: bound to its epoch, so a header of an earlier version
    /// (before a `put` replaced the session) does not open in a later one.
    static func sessionHeader(handle: [UInt8], sessionIndex: [UInt8], generation: Int, epoch: [UInt8]) -> [UInt8] {
        frame("confide.session.v2", handle, sessionIndex, int(generation), epoch)
    }
    /// A message: bound to its session version (epoch), its position, and the tag of the
    /// message before it (empty for the first), so chunks cannot be spliced across versions,
    /// dropped or reordered.
    static func chunk(handle: [UInt8], sessionIndex: [UInt8], epoch: [UInt8], seq: Int, generation: Int, previousTag: [UInt8]) -> [UInt8] {
        frame("confide.chunk.v2", handle, sessionIndex, epoch, int(seq), int(generation), previousTag)
    }
    /// The session row's seal: every column that says what the session holds and when, so
    /// cutting the tail together with the count, or editing a time, reads as tampering.
    static func sessionRow(handle: [UInt8], sessionIndex: [UInt8], _ fields: SessionRowFields) -> [UInt8] {
        frame("confide.session-row.v1", handle, sessionIndex, fields.epoch, int(fields.generation), int(fields.count),
              fields.lastTag, int64(fields.createdAt), int64(fields.updatedAt), int64(fields.retentionDays.map(Int64.init) ?? -1),
              int64(fields.expiresAt ?? -1))
    }

    /// The format before sessions were bound to their history (data.db migration 0007):
    /// read only by the start-up upgrade that re-seals such sessions.
    enum Unbound {
        static func sessionHeader(handle: [UInt8], sessionIndex: [UInt8], generation: Int) -> [UInt8] {
            frame("confide.session.v1", handle, sessionIndex, int(generation))
        }
        static func chunk(handle: [UInt8], sessionIndex: [UInt8], seq: Int, generation: Int) -> [UInt8] {
            frame("confide.chunk.v1", handle, sessionIndex, int(seq), int(generation))
        }
    }

    private static func int(_ v: Int) -> [UInt8] { int64(Int64(v)) }
    private static func int64(_ v: Int64) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
    private static func frame(_ kind: String, _ parts: [UInt8]...) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(96)
        appendLengthPrefixed(Array(kind.utf8), to: &out)
        for p in parts { appendLengthPrefixed(p, to: &out) }
        return out
    }
}
