import Foundation
import TestSupport
import XCTest

/// The master key file as the binary reads it: opened without following a symbolic link,
/// and checked (regular file, owner, mode) on the open descriptor.
final class MasterKeyFileTests: XCTestCase {
    func testMasterKeyFileThatIsASymbolicLinkIsRefused() throws {
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        let key = try writeKeyFile(harness, "real.key")
        let link = harness.root.path + "/link.key"
        XCTAssertEqual(symlink(key, link), 0)
        let r = try harness.runCLI(["init", "--state-dir", harness.stateDir, "--key-file", link])
        XCTAssertEqual(r.status, 1, "a linked key file must be refused: \(r.stdout) \(r.stderr)")
        XCTAssertTrue(r.stderr.contains(link) && r.stderr.contains("symbolic link"), r.stderr)
        let direct = try harness.runCLI(["init", "--state-dir", harness.stateDir, "--key-file", key])
        XCTAssertEqual(direct.status, 0, direct.stderr)
    }

    func testMasterKeyFileOwnedByAnotherUserIsRefused() throws {
        guard getuid() == 0 else { throw XCTSkip("chown to another uid needs root") }
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        let key = try writeKeyFile(harness, "other.key")
        XCTAssertEqual(chown(key, 65534, 65534), 0)
        let r = try harness.runCLI(["init", "--state-dir", harness.stateDir, "--key-file", key])
        XCTAssertEqual(r.status, 1, "a key file owned by uid 65534 must be refused: \(r.stdout) \(r.stderr)")
        XCTAssertTrue(r.stderr.contains(key) && r.stderr.contains("owned by uid 65534"), r.stderr)
    }

    /// systemd's credential folder (LoadCredential=, `%d`): on tmpfs (systemd 255 and later)
    /// systemd leaves the file root's and grants the service user read through an ACL, so
    /// there a root-owned file with group read (the ACL mask) is accepted; anywhere else,
    /// and with any access for others, it is not. Group 65534 stands in for the ACL here.
    func testRootOwnedKeyIsAcceptedOnlyAsASystemdCredential() throws {
        guard getuid() == 0 else { throw XCTSkip("files owned by root read by uid 65534 need root") }
        guard let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("setpriv (util-linux) is not installed")
        }
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        let binary = harness.root.path + "/confide"
        try FileManager.default.copyItem(atPath: harness.binary, toPath: binary)
        chmod(binary, 0o755)
        let credentials = harness.root.path + "/credentials"
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        let key = try writeKeyFile(harness, "credentials/master.key")
        XCTAssertEqual(chown(key, 0, 65534), 0)
        XCTAssertEqual(chmod(key, 0o440), 0)
        let state = harness.root.path + "/nobody-state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        XCTAssertEqual(chown(state, 65534, 65534), 0)
        let asNobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/env"]
        let initKey = ["init", "--state-dir", state, "--key-file", key]

        let plain = try harness.runCLI(initKey, wrapper: asNobody, binary: binary)
        XCTAssertEqual(plain.status, 1, "outside $CREDENTIALS_DIRECTORY a root-owned key is refused: \(plain.stderr)")
        XCTAssertTrue(plain.stderr.contains("owned by uid 0"), plain.stderr)
        let elsewhere = try harness.runCLI(initKey, wrapper: asNobody + ["CREDENTIALS_DIRECTORY=\(harness.root.path)/sock"], binary: binary)
        XCTAssertEqual(elsewhere.status, 1, "a key outside the credential folder named: \(elsewhere.stderr)")

        XCTAssertEqual(chmod(key, 0o444), 0)
        let open = try harness.runCLI(initKey, wrapper: asNobody + ["CREDENTIALS_DIRECTORY=\(credentials)"], binary: binary)
        XCTAssertEqual(open.status, 1, "readable by others: \(open.stderr)")
        XCTAssertTrue(open.stderr.contains("accessible by group or others"), open.stderr)

        XCTAssertEqual(chmod(key, 0o440), 0)
        let credential = try harness.runCLI(initKey, wrapper: asNobody + ["CREDENTIALS_DIRECTORY=\(credentials)"], binary: binary)
        XCTAssertEqual(credential.status, 0, credential.stderr)
        XCTAssertTrue(credential.stdout.contains("master_fingerprint"), credential.stdout)
    }

    /// A valid 0400 key file in the harness folder.
    func writeKeyFile(_ harness: DaemonHarness, _ name: String) throws -> String {
        let path = harness.root.path + "/" + name
        try Data((0..<32).map { String(format: "%02x", $0 * 11 & 0xff) }.joined().utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(chmod(path, 0o400), 0)
        return path
    }

}
