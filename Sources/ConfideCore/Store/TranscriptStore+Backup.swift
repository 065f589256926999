import ConfideCrypto
import ConfideJSON
import ConfideSystem
import Foundation
import Synchronization

/// Whether a `system.backup` is running: one at a time per daemon.
private let backupRunning = Mutex(false)

extension TranscriptStore {
    /// Which files an online backup copies.
    public struct BackupSelection: Sendable {
        public var keys: Bool
        public var data: Bool
        public init(keys: Bool, data: Bool) { self.keys = keys; self.data = data }
    }

    /// Copies keys.db and/or data.db into the new folder `folder` while the daemon serves,
    /// each by the engine's `OnlineBackup` from its own read snapshot (SQLite: its backup
    /// API), then writes `manifest.json`.
    /// data.db is copied first, so the keys.db copy is never older than the data.db copy.
    ///
    /// With data.db, the call's audit entry is written together with a signed checkpoint
    /// before the copy, so the copy's chain is signed up to (not including) that entry.
    /// `folder` must be absolute, must not exist, and must not be inside the state folder;
    /// it is created 0700, its files 0600. On failure what was created is removed and a
    /// second audit entry records the failure.
    public func backup(to folder: String, _ selection: BackupSelection, context: AuditContext) throws(StoreError) -> BackupManifest {
        guard let copier = engine.onlineBackup else {
            try audit(context, customerRef: nil, outcome: -32005)
            throw .unavailable("this store's engine has no online backup into a folder: back it up with the database's own tools "
                + "(PostgreSQL: pg_basebackup and WAL archiving; see docs/postgresql.md)")
        }
        if let problem = backupFolderProblem(folder) {
            try audit(context, customerRef: nil, outcome: -32602)
            throw .invalidParameter(field: "to", rule: problem)
        }
        guard backupRunning.withLock({ running in defer { running = true }; return !running }) else {
            try audit(context, customerRef: nil, outcome: -32005)
            throw .unavailable("another backup is running; retry when it is done")
        }
        defer { backupRunning.withLock { $0 = false } }
        guard mkdir(folder, 0o700) == 0 else {
            let reason = String(cString: strerror(errno))
            try audit(context, customerRef: nil, outcome: -32602)
            throw .invalidParameter(field: "to", rule: "cannot create \(folder): \(reason)")
        }
        // From here on the folder is used only through this descriptor (its /proc/self/fd path):
        // whoever owns the parent can rename the folder or put a symlink in its place, and a
        // name looked up again would then lead the copies, or their removal, elsewhere (the
        // state folder itself). The descriptor stays on the folder this daemon created.
        keyring.racePoints.reach(.backupFolderCreated)
        let dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        var st = stat()
        guard dirfd >= 0, fstat(dirfd, &st) == 0, st.st_uid == geteuid(), st.st_mode & 0o777 == 0o700 else {
            if dirfd >= 0 { Glibc.close(dirfd) }
            try audit(context, customerRef: nil, outcome: -32602)
            throw .invalidParameter(field: "to", rule: "\(folder) changed while it was being created (replaced or linked elsewhere)")
        }
        defer { Glibc.close(dirfd) }
        do {
            if selection.data { try writer.signCheckpoint(context) } else { try audit(context, customerRef: nil, outcome: nil) }
        } catch {
            rmdir(folder)  // the entry could not be written: the call changed nothing, so no folder either
            throw error
        }
        do {
            return try copyFiles(into: "/proc/self/fd/\(dirfd)", selection, copier: copier)
        } catch {
            for name in ["data.db", "keys.db", BackupManifest.fileName] { unlinkat(dirfd, name, 0) }
            rmdir(folder)  // only ever removes an empty folder
            let failure = StoreError.unavailable("backup failed: \(StoreError(error)); the partial copy was removed")
            try? audit(context, customerRef: nil, outcome: failure.code)
            throw failure
        }
    }

    /// A backup folder is an embedded state folder whatever the engine: the copies are
    /// keys.db and data.db, read back here through `SQLiteEngine`.
    private func copyFiles(into folder: String, _ selection: BackupSelection, copier: any OnlineBackup) throws -> BackupManifest {
        var files: [BackupManifest.File] = []
        var auditSeq: Int? = nil, auditHead: String? = nil
        for (name, part, chosen) in [("data.db", StorePart.data, selection.data), ("keys.db", StorePart.keys, selection.keys)] where chosen {
            let destination = folder + "/" + name
            let version = try copier.copy(part, to: destination)
            if part == .data, let last = try SQLiteEngine.openForReading(destination).newestAuditEntry() {
                (auditSeq, auditHead) = (last.seq, encodeHex(last.hash))
            }
            let (bytes, sum) = try BackupManifest.checksum(destination)
            files.append(.init(name: name, bytes: bytes, blake2b256: sum, schemaVersion: version))
        }
        let manifest = BackupManifest(createdAt: clock.now().rfc3339, files: files, auditSeq: auditSeq, auditHead: auditHead,
                                      masterFingerprint: keyring.masterFingerprint, auditPublicKey: encodeHex(keyring.auditPublicKey.bytes))
        try BackupFiles.writeSynced(JSONWriter.bytes(manifest.json) + [0x0a], to: folder + "/" + BackupManifest.fileName)
        try BackupFiles.syncFolder(folder)
        return manifest
    }

    /// Why `folder` cannot receive a backup, or nil.
    private func backupFolderProblem(_ folder: String) -> String? {
        guard folder.hasPrefix("/") else { return "must be an absolute path" }
        let parent = (folder as NSString).deletingLastPathComponent
        var st = stat()
        guard stat(parent, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { return "its parent folder \(parent) does not exist" }
        guard lstat(folder, &st) != 0 else { return "\(folder) already exists: give a new folder (a backup never overwrites)" }
        let resolvedParent = Self.resolved(parent), resolvedState = Self.resolved(state.path)
        if resolvedParent == resolvedState || resolvedParent.hasPrefix(resolvedState + "/") {
            return "must not be inside the state folder \(state.path)"
        }
        return nil
    }

    /// `path` with symbolic links and `..` resolved (`realpath`), or as given.
    private static func resolved(_ path: String) -> String {
        guard let r = realpath(path, nil) else { return path }
        defer { free(r) }
        return String(cString: r)
    }
}

/// File steps shared by backup and restore: private synced files, synced folders.
public enum BackupFiles {
    /// Writes `bytes` to the new file `path` (mode 0600, never an existing file) and syncs it.
    public static func writeSynced(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw BackupManifest.Problem("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = retryingOnInterrupt { bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) } }
            guard n > 0 else { throw BackupManifest.Problem("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += n
        }
        guard fsync(fd) == 0 else { throw BackupManifest.Problem("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }

    /// Copies `source` to the new file `destination` (mode 0600) and syncs it.
    public static func copySynced(_ source: String, to destination: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw BackupManifest.Problem("cannot read \(source): \(String(cString: strerror(errno)))") }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard output >= 0 else { throw BackupManifest.Problem("cannot create \(destination): \(String(cString: strerror(errno)))") }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = retryingOnInterrupt { buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) } }
            guard n >= 0 else { throw BackupManifest.Problem("cannot read \(source): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            var offset = 0
            while offset < n {
                let w = retryingOnInterrupt { buffer.withUnsafeBytes { write(output, $0.baseAddress! + offset, n - offset) } }
                guard w > 0 else { throw BackupManifest.Problem("cannot write \(destination): \(String(cString: strerror(errno)))") }
                offset += w
            }
        }
        guard fsync(output) == 0 else { throw BackupManifest.Problem("cannot sync \(destination): \(String(cString: strerror(errno)))") }
    }

    /// Syncs a folder, so the names created or renamed in it are durable.
    public static func syncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw BackupManifest.Problem("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw BackupManifest.Problem("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }
}
