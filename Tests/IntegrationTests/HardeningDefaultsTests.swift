import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// Secure defaults of `confide serve`: private files (umask 077), refusal of a state folder
/// or key file open to others, no core dumps, not dumpable, the configured socket mode, and
/// a warning when run as root.
final class HardeningDefaultsTests: DaemonTestCase {
    static let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    func testEveryFileTheDaemonCreatesIs0600AndItsUmaskIs077() throws {
        let harness = try startDaemon()
        let c = harness.client()
        try ok(c, "session.append", sessionParams("cust-modes", "s", [message("x")]))
        try ok(c, "customer.shred", ["customer": "cust-modes", "reason": "modes"])
        let pid = try XCTUnwrap(harness.pid)
        XCTAssertEqual(procStatus(pid, "Umask"), "0077", "the daemon's umask")
        XCTAssertEqual(permissionBits(harness.stateDir), 0o700, "state folder")
        let names = try FileManager.default.contentsOfDirectory(atPath: harness.stateDir)
        for name in ["keys.db", "data.db", "data.db-wal", "data.db-shm", "confide.lock", "dev-master.key"] {
            XCTAssertTrue(names.contains(name), "\(name) exists while the daemon runs: \(names)")
        }
        for name in names {
            let path = harness.stateDir + "/" + name
            var st = stat()
            XCTAssertEqual(lstat(path, &st), 0)
            let expected = st.st_mode & S_IFMT == S_IFDIR ? 0o700 : 0o600
            XCTAssertEqual(permissionBits(path).map { String($0, radix: 8) }, String(expected, radix: 8), name)
        }
        // (SQLite creates database files 0644 minus the umask: only the umask makes them private.)
    }

    func testStateDirectoryOpenToOthersIsRefusedWithAChmodHint() throws {
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        try FileManager.default.createDirectory(atPath: harness.stateDir, withIntermediateDirectories: false)
        XCTAssertEqual(chmod(harness.stateDir, 0o755), 0)
        let r = try harness.expectStartupRefusal(harness.devServeArguments)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("chmod 0700 \(harness.stateDir)"), "the message says how to fix it: \(r.stderr)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: harness.stateDir), [], "nothing was created")
        XCTAssertEqual(permissionBits(harness.stateDir), 0o755, "the folder's mode was not changed behind the operator's back")
    }

    func testKeyFileReadableByOthersIsRefusedAnd0400IsAccepted() throws {
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        let keyFile = harness.root.path + "/master.key"
        try Data((0..<32).map { String(format: "%02x", $0 * 7 & 0xff) }.joined().utf8).write(to: URL(fileURLWithPath: keyFile))
        XCTAssertEqual(chmod(keyFile, 0o644), 0)
        let arguments = ["--key-file", keyFile, "--state-dir", harness.stateDir, "--socket", harness.socketPath, "--config", harness.configPath]
        let r = try harness.expectStartupRefusal(arguments)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains(keyFile) && r.stderr.contains("chmod 0400"), "names the file and the fix: \(r.stderr)")
        // Nothing was sealed under the leaked key (keys.db may exist, migrated but empty).
        if FileManager.default.fileExists(atPath: harness.stateDir + "/keys.db") {
            let rows = try python("import sqlite3,sys\nc=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro',uri=True)\n"
                                  + "print(c.execute('select count(*) from keyring').fetchone()[0]+c.execute('select count(*) from kek').fetchone()[0])",
                                  [harness.stateDir + "/keys.db"])
            XCTAssertEqual(rows.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0", "no keyring created with a leaked key: \(rows)")
        }
        // Control: the same key file with mode 0400 is accepted.
        XCTAssertEqual(chmod(keyFile, 0o400), 0)
        let p = try harness.launch(arguments)
        defer { stopProcess(p) }
        try harness.waitUntilAnswering(p)
        XCTAssertEqual(stopProcess(p), DaemonHarness.Exit.status(0))
    }

    func testCoreDumpsAreDisabledInTheDaemon() throws {
        let harness = try startDaemon()
        let pid = try XCTUnwrap(harness.pid)
        let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
        let fields = line.dropFirst("Max core file size".count).split(separator: " ", omittingEmptySubsequences: true)
        XCTAssertEqual(fields.prefix(2), ["0", "0"], "soft and hard core limits are 0: \(line)")
    }

    func testDaemonIsNotDumpable() throws {
        // PR_SET_DUMPABLE 0 makes /proc/PID/* owned by root instead of the process's uid, which is
        // only observable when the daemon runs as another user than root.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: Self.asNobody[0]) else {
            throw XCTSkip("dumpable is only observable here by running the daemon as another user (needs root and setpriv)")
        }
        let harness = try DaemonHarness()
        addTeardownBlock { harness.cleanup() }
        try FileManager.default.createDirectory(atPath: harness.stateDir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        XCTAssertEqual(try runProgram(["chown", "65534:65534", harness.stateDir, harness.root.path + "/sock"]).status, 0)
        let p = try harness.launch(wrapper: Self.asNobody)
        defer { stopProcess(p) }
        try harness.waitUntilAnswering(p)
        let pid = p.processIdentifier
        XCTAssertEqual(procStatus(pid, "Uid")?.split(separator: "\t").first, "65534", "the daemon runs as uid 65534")
        XCTAssertEqual(ownerUID("/proc/\(pid)/status"), 0, "a non-dumpable process's /proc files belong to root")
        // Control: an ordinary process of the same user owns its /proc files.
        let control = Process()
        control.executableURL = URL(fileURLWithPath: Self.asNobody[0])
        control.arguments = Array(Self.asNobody.dropFirst()) + ["sleep", "30"]
        try control.run()
        defer { kill(control.processIdentifier, SIGKILL); control.waitUntilExit() }
        let deadline = MonotonicClock.seconds() + 10
        while procStatus(control.processIdentifier, "Name") != "sleep" && MonotonicClock.seconds() < deadline { usleep(10_000) }
        XCTAssertEqual(ownerUID("/proc/\(control.processIdentifier)/status"), 65534, "control: a dumpable process of uid 65534")
    }

    func ownerUID(_ path: String) -> UInt32? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_uid : nil
    }

    func testSocketFileGetsTheConfiguredMode() throws {
        for mode in ["0660", "0600"] {
            let harness = try startDaemon(["socket_mode": .string(mode)])
            var st = stat()
            XCTAssertEqual(lstat(harness.socketPath, &st), 0)
            XCTAssertEqual(st.st_mode & S_IFMT, S_IFSOCK, "a socket file")
            XCTAssertEqual(permissionBits(harness.socketPath), Int(mode, radix: 8), "socket_mode \(mode)")
            assertAlive(harness)
        }
    }

    func testRunningAsRootWithoutAllowRootLogsAWarning() throws {
        guard getuid() == 0 else { throw XCTSkip("the test process is not root") }
        let harness = try startDaemon()
        XCTAssertTrue(harness.log.contains("running as root"), "warning expected in the log:\n\(harness.log.prefix(2000))")
        XCTAssertTrue(harness.log.contains("\"level\":\"warn\""), "logged at warn level")
        // Control: --allow-root silences it.
        let quiet = try DaemonHarness()
        addTeardownBlock { quiet.cleanup() }
        let p = try quiet.launch(quiet.devServeArguments + ["--allow-root"])
        defer { stopProcess(p) }
        try quiet.waitUntilAnswering(p)
        XCTAssertFalse(quiet.log.contains("running as root"), "no warning with --allow-root:\n\(quiet.log.prefix(2000))")
    }
}
