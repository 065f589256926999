import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// The daemon on PostgreSQL over TLS (`store` = a `sslmode=verify-full` URI on the test
/// cluster's loopback port, `scripts/pg-cluster start --tls`): it serves as on the socket,
/// and it refuses to start against a server whose certificate it cannot verify.
final class PostgresTLSDaemonTests: DaemonTestCase {
    private func tlsURI() throws -> String {
        guard let uri = PostgresTestStore.ownerTLSURI else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_TLS_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start --tls)\" first")
        }
        return uri
    }

    func testTheDaemonServesAnAppendAndAGetFromAStoreOverVerifyFullTLS() throws {
        let store = try PostgresTestStore.freshSchemaURI(label: "tls", over: try tlsURI())
        let daemon = try startDaemon(["store": .string(store)])
        XCTAssertTrue(daemon.log.contains("sslmode=verify-full"), "the start-up log names the store it serves from:\n\(daemon.log)")
        let c = daemon.client()
        try ok(c, "session.append", sessionParams("cust-tls", "s1", [message("over TLS"), message("second", role: "agent")]))
        XCTAssertEqual(texts(try ok(c, "session.get", ids("cust-tls", "s1"))), ["over TLS", "second"])

        // And after a restart, from the same store.
        try daemon.restart()
        XCTAssertEqual(texts(try ok(daemon.client(), "session.get", ids("cust-tls", "s1"))), ["over TLS", "second"])
    }

    func testTheDaemonRefusesToStartWhenTheServersCertificateIsNotSignedByItsCA() throws {
        let tls = try tlsURI()
        guard let otherCA = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_TLS_OTHER_CA"] else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_TLS_OTHER_CA is not set: scripts/pg-cluster start --tls exports it")
        }
        let good = try PostgresTestStore.freshSchemaURI(label: "tls", over: tls)
        let bad = good.replacingOccurrences(of: #"sslrootcert=[^&]*"#, with: "sslrootcert=\(otherCA)", options: .regularExpression)
        XCTAssertNotEqual(bad, good)
        let harness = try DaemonHarness(config: ["store": .string(bad)])
        defer { harness.cleanup() }
        let result = try harness.expectStartupRefusal(harness.devServeArguments)
        XCTAssertEqual(result.status, 1, "a store that cannot be reached is a failure, not a usage error: \(result)")
        XCTAssertTrue(result.stderr.contains("certificate verify failed"), "says why: \(result.stderr)")
        XCTAssertFalse(result.stderr.range(of: #":[0-9a-f]{32}@"#, options: .regularExpression) != nil,
                       "the password stays out of the message: \(result.stderr)")
    }
}
