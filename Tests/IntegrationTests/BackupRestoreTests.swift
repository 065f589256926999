import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// `confide backup` copies keys.db and data.db through the daemon while it serves, with a
/// manifest; `confide restore` checks a backup folder and puts it into a stopped daemon's
/// state folder; `confide audit verify --offline` reads a backup folder.
final class BackupRestoreTests: DaemonTestCase {
    /// `confide <arguments>` against `harness`'s socket (client verbs) or as given (offline).
    private func cli(_ harness: DaemonHarness, _ arguments: [String], socket: Bool = true) throws -> DaemonHarness.CLIResult {
        try harness.runCLI(arguments + (socket ? ["--socket", harness.socketPath] : []), timeout: 60)
    }

    /// The hex BLAKE2b-256 of a file, computed by python3's hashlib (not by confide).
    private func blake2b(_ path: String) throws -> String {
        let r = try python("import hashlib,sys\nprint(hashlib.blake2b(open(sys.argv[1],'rb').read(),digest_size=32).hexdigest())", [path])
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testBackupWhileServingRestoresToTheDataAsOfTheBackup() throws {
        let harness = try startDaemon()
        let c = harness.client()
        let before = unique("before"), after = unique("after")
        try ok(c, "session.put", sessionParams(before, "s", [message("backed up")]))

        // Writes keep coming on another connection while the copy is made.
        let running = Locked(true), written = Locked(0), socket = harness.socketPath
        let done = DispatchSemaphore(value: 0)
        Thread {
            do { let writer = ConfideClient(socketPath: socket)
                while running.snapshot {
                    if (try? writer.reply("session.append", sessionParams(unique("busy"), "s", [message("load")])))?.result != nil {
                        written.withLock { $0 += 1 }
                    }
                }
            }
            done.signal()
        }.start()
        let warm = MonotonicClock.seconds() + 10
        while written.snapshot == 0 && MonotonicClock.seconds() < warm { usleep(1000) }
        let folder = harness.root.path + "/backup-1"
        let backup = try cli(harness, ["backup", "--to", folder])
        running.withLock { $0 = false }
        done.wait()
        XCTAssertEqual(backup.status, 0, "\(backup)")
        XCTAssertGreaterThan(written.snapshot, 0, "the daemon should have served writes around the backup")
        XCTAssertFalse(backup.stderr.contains("\r"), "no progress redrawing off a terminal: \(backup.stderr.debugDescription)")

        // The folder and its files are private; the manifest describes the copies.
        XCTAssertEqual(permissionBits(folder), 0o700)
        for name in ["keys.db", "data.db", "manifest.json"] { XCTAssertEqual(permissionBits(folder + "/" + name), 0o600, name) }
        let manifest = try JSONParser.parse(String(contentsOfFile: folder + "/manifest.json", encoding: .utf8).trimmingCharacters(in: .newlines))
        XCTAssertTrue(isRFC3339Millis(manifest["created_at"]), "\(manifest)")
        let status = try ok(c, "keys.status")
        XCTAssertEqual(manifest["master_fingerprint"], status["master"]?["fingerprint"])
        XCTAssertNotNil(manifest["audit"]?["seq"]?.intValue, "\(manifest)")
        XCTAssertEqual(manifest["audit"]?["head"]?.stringValue?.count, 64, "\(manifest)")
        for name in ["keys.db", "data.db"] {
            XCTAssertEqual(manifest["files"]?[name]?["blake2b_256"]?.stringValue, try blake2b(folder + "/" + name), name)
            XCTAssertGreaterThan(manifest["files"]?[name]?["schema_version"]?.intValue ?? 0, 0, name)
            XCTAssertEqual(try sqliteIntegrity(folder + "/" + name, readOnly: true), "ok", name)
        }
        XCTAssertEqual(fileSize(folder + "/keys.db-wal"), 0, "a copy is one self-contained file")

        // Offline verification reads the backup folder as it is.
        let verify = try cli(harness, ["audit", "verify", "--offline", "--state-dir", folder], socket: false)
        XCTAssertEqual(verify.status, 0, "\(verify)")
        XCTAssertEqual(try JSONParser.parse(verify.stdout.trimmingCharacters(in: .newlines))["head"], manifest["audit"]?["head"])

        // Later writes, then a restore: the state is the backup's again.
        try ok(c, "session.put", sessionParams(after, "s", [message("after the backup")]))
        try harness.terminate()
        let restore = try cli(harness, ["restore", "--from", folder, "--state-dir", harness.stateDir], socket: false)
        XCTAssertEqual(restore.status, 0, "\(restore)")
        XCTAssertTrue(restore.stderr.contains("restored"), restore.stderr)
        XCTAssertTrue(restore.stderr.contains("audit chain"), restore.stderr)
        try harness.start()
        let c2 = harness.client()
        XCTAssertEqual(texts(try ok(c2, "session.get", ids(before, "s"))), ["backed up"])
        try expectError(c2, "session.get", ids(after, "s"), code: -32004)
        XCTAssertEqual(try ok(c2, "audit.verify")["ok"], true)
    }

    func testRestoreRefusesAChangedCopyAndARunningDaemonAndChangesNothing() throws {
        let harness = try startDaemon()
        let c = harness.client()
        let customer = unique("kept")
        try ok(c, "session.put", sessionParams(customer, "s", [message("live")]))
        let folder = harness.root.path + "/backup-2"
        XCTAssertEqual(try cli(harness, ["backup", "--to", folder]).status, 0)

        let running = try cli(harness, ["restore", "--from", folder, "--state-dir", harness.stateDir], socket: false)
        XCTAssertEqual(running.status, 1, "\(running)")
        XCTAssertTrue(running.stderr.contains("running confide daemon"), running.stderr)

        try harness.terminate()
        // One byte of the data.db copy changed (in the last page, outside the header).
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: folder + "/data.db"))
        let size = handle.seekToEndOfFile()
        handle.seek(toFileOffset: size - 100)
        let old = handle.readData(ofLength: 1)
        handle.seek(toFileOffset: size - 100)
        handle.write(Data([old[0] ^ 0xff]))
        try handle.close()
        let dataBefore = try Data(contentsOf: URL(fileURLWithPath: harness.stateDir + "/data.db"))
        let changed = try cli(harness, ["restore", "--from", folder, "--state-dir", harness.stateDir], socket: false)
        XCTAssertEqual(changed.status, 1, "\(changed)")
        XCTAssertTrue(changed.stderr.contains("does not match manifest.json"), changed.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: harness.stateDir + "/data.db")), dataBefore, "nothing may be replaced")
        let verify = try cli(harness, ["audit", "verify", "--offline", "--state-dir", folder], socket: false)
        XCTAssertEqual(verify.status, 1, "offline verify of a changed backup: \(verify)")
        XCTAssertTrue(verify.stderr.contains("does not match manifest.json"), verify.stderr)
        try harness.start()
        XCTAssertEqual(texts(try ok(harness.client(), "session.get", ids(customer, "s"))), ["live"])
    }

    func testBackupShowsProgressOnATerminal() throws {
        let harness = try startDaemon()
        let folder = harness.root.path + "/on-a-terminal"
        let r = try runOnTerminal([try DaemonHarness.binaryPath(), "backup", "--to", folder, "--socket", harness.socketPath])
        XCTAssertEqual(r.status, 0, "\(r)")
        XCTAssertTrue(r.stdout.contains("backup: done"), "progress on a terminal: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("\"format\":\"confide-backup-1\""), r.stdout)
    }

    func testBackupCopiesOnlyWhatIsAskedIntoANewFolderOutsideTheState() throws {
        let harness = try startDaemon()
        let keysOnly = harness.root.path + "/keys-only", dataOnly = harness.root.path + "/data-only"
        XCTAssertEqual(try cli(harness, ["backup", "--to", keysOnly, "--keys"]).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: keysOnly).sorted(), ["keys.db", "manifest.json"])
        XCTAssertEqual(try cli(harness, ["backup", "--to", dataOnly, "--data"]).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dataOnly).sorted(), ["data.db", "manifest.json"])

        let both = try cli(harness, ["backup", "--to", harness.root.path + "/x", "--keys", "--data"])
        XCTAssertEqual(both.status, 2, "\(both)")
        XCTAssertTrue(both.stderr.contains("--data"), both.stderr)
        let existing = try cli(harness, ["backup", "--to", keysOnly])
        XCTAssertEqual(existing.status, 1, "\(existing)")
        XCTAssertTrue(existing.stderr.contains("already exists"), existing.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: keysOnly).sorted(), ["keys.db", "manifest.json"])
        let inside = try cli(harness, ["backup", "--to", harness.stateDir + "/copy"])
        XCTAssertEqual(inside.status, 1, "\(inside)")
        XCTAssertTrue(inside.stderr.contains("inside the state folder"), inside.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: harness.stateDir + "/copy"))
    }
}
