import Foundation
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

    /// A valid 0400 key file in the harness folder.
    func writeKeyFile(_ harness: DaemonHarness, _ name: String) throws -> String {
        let path = harness.root.path + "/" + name
        try Data((0..<32).map { String(format: "%02x", $0 * 11 & 0xff) }.joined().utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(chmod(path, 0o400), 0)
        return path
    }

}
