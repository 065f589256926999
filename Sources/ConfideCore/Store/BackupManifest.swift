import ConfideCrypto
import ConfideJSON
import Foundation

/// `manifest.json` of a `confide backup` folder: when it was taken, what it holds, and how
/// to check it. Written by the daemon after the copies; read by `confide restore` and
/// `confide audit verify --offline`, which refuse files whose checksums differ.
public struct BackupManifest: Sendable {
    /// The manifest's format name, checked on read.
    public static let format = "confide-backup-1"
    /// The manifest's file name in a backup folder.
    public static let fileName = "manifest.json"

    /// One copied file.
    public struct File: Sendable, Equatable {
        public let name: String            // "keys.db" or "data.db"
        public let bytes: Int
        public let blake2b256: String      // hex
        public let schemaVersion: Int
    }

    public let createdAt: String
    public let files: [File]
    /// The last audit entry in the data.db copy (nil without data.db).
    public let auditSeq: Int?
    public let auditHead: String?
    /// The fingerprint of the master key that opens the keys.db copy (as `keys status` shows it).
    public let masterFingerprint: String
    /// The audit public key of the keyring at backup time (hex).
    public let auditPublicKey: String

    public var json: JSONValue {
        var filesObject = JSONObject()
        for f in files {
            filesObject[f.name] = ["bytes": .int(f.bytes), "blake2b_256": .string(f.blake2b256), "schema_version": .int(f.schemaVersion)]
        }
        return ["format": .string(Self.format), "created_at": .string(createdAt), "files": .object(filesObject),
                "audit": auditSeq.map { ["seq": .int($0), "head": .string(auditHead ?? "")] } ?? .null,
                "master_fingerprint": .string(masterFingerprint), "audit_public_key": .string(auditPublicKey)]
    }

    /// Why a backup folder cannot be used.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Reads `<folder>/manifest.json`.
    public static func load(folder: String) throws -> BackupManifest {
        let path = folder + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem("\(path) is missing or unreadable: not a `confide backup` folder?") }
        let value: JSONValue
        do { value = try JSONParser.parse([UInt8](data).filter { $0 != 0x0a }) } catch { throw Problem("\(path) is not valid JSON: \(error)") }
        guard let o = value.objectValue, o["format"]?.stringValue == format, let files = o["files"]?.objectValue,
              let createdAt = o["created_at"]?.stringValue, let fingerprint = o["master_fingerprint"]?.stringValue,
              let publicKey = o["audit_public_key"]?.stringValue else {
            throw Problem("\(path) is not a \(format) manifest")
        }
        var list: [File] = []
        for (name, f) in files.members {
            guard ["keys.db", "data.db"].contains(name), let bytes = f["bytes"]?.intValue, let sum = f["blake2b_256"]?.stringValue,
                  let version = f["schema_version"]?.intValue else { throw Problem("\(path): entry \(name.debugDescription) is malformed") }
            list.append(File(name: name, bytes: bytes, blake2b256: sum, schemaVersion: version))
        }
        guard !list.isEmpty else { throw Problem("\(path) lists no files") }
        let audit = o["audit"]?.objectValue
        return BackupManifest(createdAt: createdAt, files: list.sorted { $0.name > $1.name }, auditSeq: audit?["seq"]?.intValue,
                              auditHead: audit?["head"]?.stringValue, masterFingerprint: fingerprint, auditPublicKey: publicKey)
    }

    /// Checks the listed files of `folder` (those named in `only`, or all) against their
    /// sizes and checksums.
    public func verifyFiles(folder: String, only: Set<String>? = nil) throws {
        for f in files where only?.contains(f.name) ?? true {
            let path = folder + "/" + f.name
            let (bytes, sum) = try Self.checksum(path)
            guard bytes == f.bytes, sum == f.blake2b256 else {
                throw Problem("\(path) does not match manifest.json (\(bytes) bytes, BLAKE2b-256 \(sum.prefix(16))…; "
                    + "the manifest says \(f.bytes) bytes, \(f.blake2b256.prefix(16))…): the copy was changed or damaged")
            }
        }
    }

    /// The size and hex BLAKE2b-256 of a file, read in 1 MiB pieces.
    public static func checksum(_ path: String) throws -> (bytes: Int, hex: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Problem("cannot read \(path)") }
        defer { try? handle.close() }
        let hasher = BLAKE2b.Hasher(outputLength: 32)
        var total = 0
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
            hasher.update(piece)
            total += piece.count
        }
        return (total, encodeHex(hasher.finalize()))
    }
}
