import ConfideCrypto
import Foundation

/// `confide restore`: puts a `confide backup` folder's files into a stopped daemon's state
/// folder, after checking them: every checksum against `manifest.json`, and the data.db
/// copy's audit chain against the audit key of the keys.db copy (else the manifest's).
/// Nothing is replaced unless every check passes. A restore puts files back, so it is the
/// embedded engine's (a store on PostgreSQL restores with the database's own tools).
public enum BackupRestore {
    /// What a restore did.
    public struct Outcome: Sendable {
        public let manifest: BackupManifest
        /// The files put in place, e.g. ["data.db", "keys.db"].
        public let restored: [String]
        /// The verification of the restored data.db's audit chain (nil without data.db).
        public let audit: AuditVerifier.Report?
    }

    /// Verifies `folder`, then, under the state folder's lock (so never beside a running
    /// daemon), replaces each file it holds: the old file's `-wal` and `-shm` are removed
    /// first (SQLite would otherwise replay the old WAL into the restored file), the copy
    /// is written beside it and renamed over it, and the folder is synced.
    public static func restore(from folder: String, into state: StateDirectory) throws -> Outcome {
        let manifest = try BackupManifest.load(folder: folder)
        try manifest.verifyFiles(folder: folder)
        let names = manifest.files.map(\.name)
        var report: AuditVerifier.Report? = nil
        if names.contains("data.db") {
            let key = try auditKey(folder: folder, manifest: manifest, hasKeys: names.contains("keys.db"))
            let r = try AuditVerifier.verify(dataFile: folder + "/data.db", publicKey: key)
            guard r.ok else {
                throw BackupManifest.Problem("the audit chain of \(folder)/data.db does not verify (\(r.problem ?? "not ok")); nothing was restored")
            }
            if let head = manifest.auditHead, head != r.head {
                throw BackupManifest.Problem("the audit head of \(folder)/data.db is not the one manifest.json records; nothing was restored")
            }
            report = r
        }
        var st = stat()
        if stat(state.path, &st) != 0 {
            guard mkdir(state.path, 0o700) == 0 else {
                throw BackupManifest.Problem("cannot create \(state.path): \(String(cString: strerror(errno)))")
            }
        }
        let lock = try state.lock(purpose: "restoring a backup into it")
        defer { close(lock) }
        for name in names {
            let target = state.path + "/" + name, staging = target + ".restoring"
            unlink(staging)
            try BackupFiles.copySynced(folder + "/" + name, to: staging)
            for suffix in ["-wal", "-shm", "-journal"] { unlink(target + suffix) }
            guard rename(staging, target) == 0 else {
                throw BackupManifest.Problem("cannot put \(name) in place: \(String(cString: strerror(errno)))")
            }
        }
        try BackupFiles.syncFolder(state.path)
        return Outcome(manifest: manifest, restored: names, audit: report)
    }

    /// The audit public key the restored chain must verify against: the keyring's in the
    /// keys.db copy when there is one (the key that signed), else the manifest's.
    private static func auditKey(folder: String, manifest: BackupManifest, hasKeys: Bool) throws -> SigningPublicKey {
        if hasKeys, let stored = try Keyring.auditPublicKey(keysFile: folder + "/keys.db") {
            return try SigningPublicKey(bytes: stored)
        }
        guard let bytes = decodeHex(Array(manifest.auditPublicKey.utf8)) else {
            throw BackupManifest.Problem("manifest.json's audit_public_key is not hex")
        }
        return try SigningPublicKey(bytes: bytes)
    }
}
