import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// The socket is created in a private folder and renamed into place: it appears with its
/// configured mode, nothing is left beside it, and the daemon's umask stays 077.
final class SocketCreationTests: DaemonTestCase {
    func testSocketAppearsWithItsModeNothingBesideItAndTheUmaskUntouched() throws {
        let harness = try startDaemon(["socket_mode": "0640"])
        XCTAssertEqual(permissionBits(harness.socketPath).map { String($0, radix: 8) }, "640")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: harness.root.path + "/sock"), ["confide.sock"])
        XCTAssertEqual(procStatus(try XCTUnwrap(harness.pid), "Umask"), "0077")
        // A restart replaces the socket the same way.
        try harness.restart()
        XCTAssertEqual(permissionBits(harness.socketPath).map { String($0, radix: 8) }, "640")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: harness.root.path + "/sock"), ["confide.sock"])
    }

    func testAStaleSocketFileIsReplaced() throws {
        let harness = try DaemonHarness()
        defer { harness.cleanup() }
        XCTAssertTrue(FileManager.default.createFile(atPath: harness.socketPath, contents: Data("stale".utf8)))
        try harness.start()
        var st = stat()
        XCTAssertEqual(lstat(harness.socketPath, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFSOCK, "the stale file was replaced by the socket")
        XCTAssertEqual(try harness.client().reply("system.health").result?["status"], "ok")
    }
}
