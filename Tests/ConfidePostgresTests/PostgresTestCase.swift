import CLibPQ
import Foundation
import XCTest

import ConfidePostgres

/// A test case against the real PostgreSQL named by `CONFIDE_TEST_POSTGRES_URI` (started by
/// scripts/test through scripts/pg-cluster), with a fresh schema per test, dropped
/// afterwards. Skips with a message saying how to get a server when the variable is unset.
class PostgresTestCase: XCTestCase {
    /// The owner role's URI: may create schemas and tables.
    private(set) var uri: String!
    /// This test's schema, first on every connection's search_path.
    private(set) var schema: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let uri = ProcessInfo.processInfo.environment["CONFIDE_TEST_POSTGRES_URI"], !uri.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        self.uri = uri
        schema = "test_" + UUID().uuidString.prefix(8).lowercased()
        try PostgresConnection(uri: uri).execute("CREATE SCHEMA \(schema!)")
    }

    override func tearDown() {
        if let uri, let schema { try? PostgresConnection(uri: uri).execute("DROP SCHEMA \(schema) CASCADE") }
        super.tearDown()
    }

    /// A new connection (as the owner, or to `uri`) working in this test's schema.
    func connect(_ uri: String? = nil, statementTimeoutMilliseconds: Int? = nil) throws -> PostgresConnection {
        let c = try PostgresConnection(uri: uri ?? self.uri, statementTimeoutMilliseconds: statementTimeoutMilliseconds)
        try c.execute("SET search_path TO \(schema!)")
        return c
    }

    /// The error `body` throws, which must be a `PostgresError`.
    func postgresError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> PostgresError? {
        do {
            try body()
            XCTFail("expected a PostgresError, got success", file: file, line: line)
        } catch let e as PostgresError {
            return e
        } catch {
            XCTFail("expected a PostgresError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
