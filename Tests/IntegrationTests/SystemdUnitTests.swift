import Foundation
import TestSupport
import XCTest

/// dist/systemd as systemd's own tools read it: the unit verifies, its exposure score is
/// what docs/operations.md states, and the sysusers and tmpfiles files create what the
/// unit expects, applied into a scratch root.
final class SystemdUnitTests: XCTestCase {
    let dist = TestEnvironment.packageRoot.appendingPathComponent("dist/systemd")

    func tool(_ name: String) throws -> String {
        for dir in ["/usr/bin", "/bin", "/usr/sbin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        throw XCTSkip("\(name) is not installed (Debian package systemd); the unit files were not checked")
    }

    /// Runs a command; returns status and stdout + stderr.
    func run(_ command: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    /// The unit with ExecStart pointing at the built binary (verify checks that it exists).
    func unitCopy(in dir: TemporaryDirectory) throws -> String {
        let unit = try String(contentsOf: dist.appendingPathComponent("confide.service"), encoding: .utf8)
        XCTAssertTrue(unit.contains("ExecStart=/usr/bin/confide serve"), "the unit runs the packaged binary")
        let path = dir.path + "/confide.service"
        try unit.replacingOccurrences(of: "/usr/bin/confide", with: try DaemonHarness.binaryPath()).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testUnitVerifiesAndIsTypeNotifyWithTheKeyAsACredential() throws {
        let analyze = try tool("systemd-analyze")
        let dir = try TemporaryDirectory(prefix: "cfunit")
        defer { dir.remove() }
        let path = try unitCopy(in: dir)
        let (status, output) = try run([analyze, "verify", path])
        XCTAssertEqual(status, 0, output)
        XCTAssertEqual(output.trimmingCharacters(in: .whitespacesAndNewlines), "", "verify must print no warning")
        let unit = try String(contentsOfFile: path, encoding: .utf8)
        for line in ["Type=notify", "WatchdogSec=", "LoadCredential=master.key:/etc/confide/master.key", "--key-file %d/master.key",
                     "ProtectSystem=strict", "NoNewPrivileges=yes", "LimitCORE=0", "Environment=SWIFT_BACKTRACE=enable=no",
                     "RestrictAddressFamilies=AF_UNIX", "SystemCallFilter=@system-service"] {
            XCTAssertTrue(unit.contains(line), "the unit lacks \(line)")
        }
        XCTAssertFalse(unit.split(separator: "\n").contains { $0.hasPrefix("PrivateUsers=yes") }, "a user namespace hides every peer's uid")
    }

    /// The score printed in docs/operations.md is the one systemd computes today.
    func testSecurityExposureMatchesTheDocs() throws {
        let analyze = try tool("systemd-analyze")
        let dir = try TemporaryDirectory(prefix: "cfunit")
        defer { dir.remove() }
        let (_, output) = try run([analyze, "security", "--offline=true", try unitCopy(in: dir)])
        let score = try XCTUnwrap(output.range(of: #"Overall exposure level for confide.service: [0-9.]+ [A-Z]+"#, options: .regularExpression)
            .map { String(output[$0]).replacingOccurrences(of: "Overall exposure level for confide.service: ", with: "") }, output)
        let docs = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("docs/operations.md"), encoding: .utf8)
        XCTAssertTrue(docs.contains("Overall exposure level: \(score)"), "docs/operations.md should state \(score)")
    }

    func testSysusersAndTmpfilesCreateTheUserGroupAndFolders() throws {
        let sysusers = try tool("systemd-sysusers"), tmpfiles = try tool("systemd-tmpfiles")
        let root = try TemporaryDirectory(prefix: "cfroot")
        defer { root.remove() }
        try FileManager.default.createDirectory(atPath: root.path + "/etc", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root.path + "/var/lib", withIntermediateDirectories: true)
        let (s1, o1) = try run([sysusers, "--root=\(root.path)", dist.appendingPathComponent("confide.sysusers").path])
        XCTAssertEqual(s1, 0, o1)
        let passwd = try String(contentsOfFile: root.path + "/etc/passwd", encoding: .utf8)
        let group = try String(contentsOfFile: root.path + "/etc/group", encoding: .utf8)
        let user = try XCTUnwrap(passwd.split(separator: "\n").first { $0.hasPrefix("confide:") }, passwd)
        XCTAssertTrue(user.hasSuffix(":/var/lib/confide:/usr/sbin/nologin"), String(user))
        XCTAssertTrue(group.split(separator: "\n").contains { $0.hasPrefix("confide-clients:") && $0.hasSuffix(":confide") },
                      "confide is a member of confide-clients (socket_group): \(group)")
        let (s2, o2) = try run([tmpfiles, "--root=\(root.path)", "--create", dist.appendingPathComponent("confide.tmpfiles").path])
        XCTAssertEqual(s2, 0, o2)
        let uid = Int(user.split(separator: ":")[2])!
        for (folder, mode, owner) in [("/etc/confide", 0o750, 0), ("/var/lib/confide-ledger", 0o700, uid)] {
            let a = try FileManager.default.attributesOfItem(atPath: root.path + folder)
            XCTAssertEqual((a[.posixPermissions] as? NSNumber)?.intValue, mode, folder)
            XCTAssertEqual((a[.ownerAccountID] as? NSNumber)?.intValue, owner, folder)
        }
    }
}
