import Foundation
import XCTest

import CLibPQ
import ConfidePostgres
import Glibc

/// The binding over TLS with `sslmode=verify-full`, against the test cluster's loopback
/// port (`scripts/pg-cluster start --tls`: a throwaway CA signed the server's certificate
/// for localhost and 127.0.0.1, and pg_hba.conf admits TCP only through `hostssl`). What an
/// operator relies on: the connection is encrypted, and a server whose certificate another
/// CA signed, or that names another host, is refused before a password is sent.
final class PostgresTLSTests: XCTestCase {
    /// `CONFIDE_TEST_POSTGRES_TLS_URI`: the owner at localhost:PORT, verify-full against the CA.
    private var uri: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let uri = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_TLS_URI"], !uri.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_TLS_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start --tls)\" first")
        }
        self.uri = uri
    }

    /// `uri` with the value of one query parameter replaced.
    private func replacing(_ name: String, with value: String) throws -> String {
        var parts = URLComponents(string: uri)!
        let items = try XCTUnwrap(parts.queryItems)
        XCTAssertTrue(items.contains { $0.name == name }, "the TLS URI names \(name)")
        parts.queryItems = items.map { $0.name == name ? URLQueryItem(name: name, value: value) : $0 }
        return parts.string!
    }

    /// The message of the connection error `body` throws.
    private func refusal(_ uri: String, file: StaticString = #filePath, line: UInt = #line) -> PostgresError? {
        do {
            _ = try PostgresConnection(uri: uri, connectTimeoutSeconds: 5)
            XCTFail("connected, but must be refused: \(uri.replacingOccurrences(of: #":[0-9a-f]{32}@"#, with: "@", options: .regularExpression))",
                    file: file, line: line)
        } catch let e as PostgresError {
            return e
        } catch {
            XCTFail("expected a PostgresError, got \(error)", file: file, line: line)
        }
        return nil
    }

    func testVerifyFullConnectsToTheServerItsCASignedAndTheSessionIsEncrypted() throws {
        XCTAssertTrue(uri.contains("sslmode=verify-full"), "CONFIDE_TEST_POSTGRES_TLS_URI asks for sslmode=verify-full")
        let db = try PostgresConnection(uri: uri)
        let session = try XCTUnwrap(try db.queryOne("""
            SELECT s.ssl, s.version, host(inet_server_addr()) FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()
            """) { (try $0.bool(0), try $0.text(1), try $0.text(2)) })
        XCTAssertEqual(session.0, true, "the session is TLS")
        XCTAssertTrue(session.1?.hasPrefix("TLSv1.") ?? false, "\(String(describing: session.1))")
        XCTAssertEqual(session.2, "127.0.0.1", "over TCP on loopback, not the socket")
        // A statement and a prepared, binary bind round trip work as on the socket.
        XCTAssertEqual(try db.queryOne("SELECT length($1::bytea)", [.bytea([0, 1, 2, 0xFF])]) { try $0.int(0) }, 4)
    }

    func testVerifyFullRefusesAServerCertificateAnotherCASigned() throws {
        let otherCA = try XCTUnwrap(ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_TLS_OTHER_CA"])
        let e = try XCTUnwrap(refusal(try replacing("sslrootcert", with: otherCA)))
        XCTAssertTrue(e.message.hasPrefix("cannot connect:"), e.message)
        XCTAssertTrue(e.message.contains("certificate verify failed"), "says why: \(e.message)")
        XCTAssertTrue(e.isConnectionLoss && e.isUnavailable, "a refused connection is unavailable: \(e)")
        XCTAssertNil(e.sqlState, "libpq refused it before any server answer: \(e)")
    }

    func testVerifyFullRefusesACertificateThatDoesNotNameTheHost() throws {
        // Same address (hostaddr=127.0.0.1), another host name: what a DNS or routing
        // mistake, or a man in the middle with a certificate for some other host, looks like.
        var parts = URLComponents(string: uri)!
        XCTAssertEqual(parts.host, "localhost")
        parts.host = "db.example.invalid"
        let e = try XCTUnwrap(refusal(parts.string!))
        XCTAssertTrue(e.message.contains("does not match host name \"db.example.invalid\""), "says why: \(e.message)")
    }

    func testTheServerAdmitsNoUnencryptedConnectionOnItsTCPPort() throws {
        // The set-up docs/postgresql.md recommends: only `hostssl` lines, so a client
        // configured with sslmode=disable (or prefer, against a stripped handshake) is refused.
        let e = try XCTUnwrap(refusal(try replacing("sslmode", with: "disable")))
        XCTAssertTrue(e.message.contains("no pg_hba.conf entry") && e.message.contains("no encryption"), e.message)
    }

    /// Over TCP both ends give up on a silent peer within seconds (`DeadPeerDetection`): the
    /// client's socket has keepalives and a user timeout, and the server's side of the session
    /// the same, also after a reconnect; a URI that sets its own value wins on the client.
    func testBothEndsOfATCPSessionGiveUpOnASilentPeerWithinSeconds() throws {
        let standard = DeadPeerDetection.standard
        func serverSide(_ db: PostgresConnection) throws -> [String] {
            try db.query("""
                SELECT setting FROM pg_settings WHERE name IN ('tcp_keepalives_idle', 'tcp_keepalives_interval', 'tcp_keepalives_count',
                'tcp_user_timeout') ORDER BY name
                """) { try $0.text(0) ?? "" }
        }
        let expected = [standard.count, standard.idleSeconds, standard.intervalSeconds, standard.userTimeoutMilliseconds].map(String.init)
        func socketOption(_ db: PostgresConnection, _ level: Int32, _ name: Int32) -> Int32 {
            var value: Int32 = -1
            var length = socklen_t(MemoryLayout<Int32>.size)
            XCTAssertEqual(getsockopt(PQsocket(db.handle), level, name, &value, &length), 0, "getsockopt errno \(errno)")
            return value
        }
        let db = try PostgresConnection(uri: uri)
        XCTAssertEqual(try serverSide(db), expected, "the server's side of the session")
        XCTAssertEqual(socketOption(db, SOL_SOCKET, SO_KEEPALIVE), 1)
        XCTAssertEqual(socketOption(db, Int32(IPPROTO_TCP), TCP_KEEPIDLE), Int32(standard.idleSeconds))
        XCTAssertEqual(socketOption(db, Int32(IPPROTO_TCP), TCP_KEEPCNT), Int32(standard.count))
        XCTAssertEqual(socketOption(db, Int32(IPPROTO_TCP), TCP_USER_TIMEOUT), Int32(standard.userTimeoutMilliseconds))

        // A new session after a drop is set up the same way.
        let killer = try PostgresConnection(uri: uri)
        let first = db.backendPID
        XCTAssertEqual(try killer.queryOne("SELECT pg_terminate_backend($1::int4, 5000)", [.int(Int(first))], row: { try $0.bool(0) }), true)
        let deadline = Date().addingTimeInterval(10)
        while true {  // the next statement finds the session gone and makes a new one
            do { _ = try db.run("SELECT 1"); break } catch where Date() < deadline { usleep(50_000) }
        }
        XCTAssertNotEqual(db.backendPID, first, "a new session")
        XCTAssertEqual(try serverSide(db), expected, "the server's side of the new session")
        XCTAssertEqual(socketOption(db, Int32(IPPROTO_TCP), TCP_USER_TIMEOUT), Int32(standard.userTimeoutMilliseconds))

        let own = try PostgresConnection(uri: uri + "&tcp_user_timeout=3000")
        XCTAssertEqual(socketOption(own, Int32(IPPROTO_TCP), TCP_USER_TIMEOUT), 3000, "the URI's own value wins on the client")
    }
}
