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
    static func sessionHeader(handle: [UInt8], sessionIndex: [UInt8], generation: Int) -> [UInt8] {
        frame("confide.session.v1", handle, sessionIndex, int(generation))
    }
    static func chunk(handle: [UInt8], sessionIndex: [UInt8], seq: Int, generation: Int) -> [UInt8] {
        frame("confide.chunk.v1", handle, sessionIndex, int(seq), int(generation))
    }

    private static func int(_ v: Int) -> [UInt8] { withUnsafeBytes(of: Int64(v).bigEndian) { Array($0) } }
    private static func frame(_ kind: String, _ parts: [UInt8]...) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(96)
        appendLengthPrefixed(Array(kind.utf8), to: &out)
        for p in parts { appendLengthPrefixed(p, to: &out) }
        return out
    }
}
