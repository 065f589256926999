import ConfideCrypto

/// The associated data of every AEAD in Confide, in one place: each binds a ciphertext to
/// its kind, format version and position, so a row moved anywhere else fails to open.
enum AssociatedData {
    static func keyCheck() -> [UInt8] { frame("confide.keycheck.v1") }
    static func indexKey() -> [UInt8] { frame("confide.indexkey.v1") }
    /// The audit key's wrap. `anchored`: the keyring keeps an authenticated audit anchor
    /// (keys.db 0005); the wrap's AD says so where only the master key can change it, so a
    /// keys.db taken back to an older schema cannot pass for one that never had an anchor.
    static func auditKey(anchored: Bool) -> [UInt8] { frame(anchored ? "confide.auditkey.v2" : "confide.auditkey.v1") }
    static func kek(version: Int) -> [UInt8] { frame("confide.kek.v1", int(version)) }
    static func dek(handle: [UInt8], generation: Int, kekVersion: Int) -> [UInt8] {
        frame("confide.dek.v1", handle, int(generation), int(kekVersion))
    }
    /// A session version's header: bound to its epoch, so a header of an earlier version
    /// (before a `put` replaced the session) does not open in a later one.
    static func sessionHeader(handle: [UInt8], sessionIndex: [UInt8], generation: Int, epoch: [UInt8]) -> [UInt8] {
        var f = Frame("confide.session.v2")
        f.bytes(handle); f.bytes(sessionIndex); f.int(generation); f.bytes(epoch)
        return f.out
    }
    /// A message: bound to its session version (epoch), its position, and the tag of the
    /// message before it (empty for the first), so chunks cannot be spliced across versions,
    /// dropped or reordered.
    static func chunk(handle: [UInt8], sessionIndex: [UInt8], epoch: [UInt8], seq: Int, generation: Int, previousTag: [UInt8]) -> [UInt8] {
        var f = Frame("confide.chunk.v2")
        f.bytes(handle); f.bytes(sessionIndex); f.bytes(epoch); f.int(seq); f.int(generation); f.bytes(previousTag)
        return f.out
    }
    /// The session row's seal: every column that says what the session holds and when, so
    /// cutting the tail together with the count, or editing a time, reads as tampering.
    static func sessionRow(handle: [UInt8], sessionIndex: [UInt8], _ fields: SessionRowFields) -> [UInt8] {
        var f = Frame("confide.session-row.v1")
        f.bytes(handle); f.bytes(sessionIndex); f.bytes(fields.epoch); f.int(fields.generation); f.int(fields.count)
        f.bytes(fields.lastTag); f.int(fields.createdAt); f.int(fields.updatedAt); f.int(fields.retentionDays ?? -1); f.int(fields.expiresAt ?? -1)
        f.int(fields.rowID); f.bytes(fields.headerTag)
        return f.out
    }

    /// Length-prefixed fields written straight into one buffer: the AD of every append is
    /// built on the writer thread, so no field gets an array of its own. The same bytes as
    /// `frame` (a 4-byte big-endian length, then the field; integers as 8 bytes big-endian).
    private struct Frame {
        var out: [UInt8] = []
        init(_ kind: StaticString) {
            out.reserveCapacity(160)
            kind.withUTF8Buffer { k in length(k.count); out.append(contentsOf: k) }
        }
        private mutating func length(_ n: Int) {
            let n = UInt32(n)
            out.append(UInt8(n >> 24)); out.append(UInt8((n >> 16) & 0xff)); out.append(UInt8((n >> 8) & 0xff)); out.append(UInt8(n & 0xff))
        }
        mutating func bytes(_ b: [UInt8]) { length(b.count); out.append(contentsOf: b) }
        mutating func int<I: FixedWidthInteger>(_ v: I) {
            length(8)
            let v = Int64(v).bigEndian
            withUnsafeBytes(of: v) { out.append(contentsOf: $0) }
        }
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
