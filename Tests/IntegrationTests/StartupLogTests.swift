import Foundation
import TestSupport
import XCTest

/// What the daemon's start line tells an operator.
final class StartupLogTests: DaemonTestCase {
    /// On PostgreSQL the start says whether requests check that no other daemon changed a
    /// cached customer (issue 21): on, since the harness keeps the keyring beside the data.
    /// The embedded store, which one process owns, says nothing of it.
    func testTheStartSaysWhetherCustomerVersionsAreChecked() throws {
        let harness = try startDaemon()
        let line = harness.log.split(separator: "\n").first { $0.contains("\"store.version_check\"") }
        if harness.usesPostgres {
            XCTAssertTrue(line?.contains("\"state\":\"on\"") == true, harness.log)
        } else {
            XCTAssertNil(line, harness.log)
        }
    }
}
