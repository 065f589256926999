@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
import ConfideStorage
import Foundation
import TestSupport
import XCTest

/// A fresh schema of the test cluster for one contract test, migrated by the owner role:
/// tests never see each other's rows. The records connection logs in as the least-privilege
/// role (`CONFIDE_TEST_POSTGRES_APP_URI`: SELECT, INSERT, UPDATE, DELETE only) when the
/// cluster has one, so the contract also proves a daemon needs no more than that.
struct PostgresContractSchema {
    /// The connection the records under test run on.
    let records: PostgresConnection
    /// Which role `records` logs in as, for failure messages.
    let role: String
    /// The owner's connection, for what a test checks or edits behind the records' back.
    let owner: PostgresConnection
    let drop: () -> Void

    /// Skips the test (with how to run it) when `CONFIDE_TEST_POSTGRES_URI` is unset.
    init(_ component: PostgresSchema) throws {
        let environment = ProcessInfo.processInfo.environment
        guard let uri = environment["CONFIDE_TEST_POSTGRES_URI"], !uri.isEmpty else {
            throw XCTSkip("CONFIDE_TEST_POSTGRES_URI is not set: run scripts/test, or eval \"$(scripts/pg-cluster start)\" first")
        }
        let schema = "contract_" + UUID().uuidString.prefix(8).lowercased()
        let owner = try PostgresConnection(uri: uri)
        try owner.execute("CREATE SCHEMA \(schema); SET search_path TO \(schema)")
        try PostgresMigrator.embedded(component).migrate(owner)
        if let appURI = environment["CONFIDE_TEST_POSTGRES_APP_URI"], !appURI.isEmpty {
            try owner.execute("GRANT USAGE ON SCHEMA \(schema) TO confide_app")
            records = try PostgresConnection(uri: appURI)
            role = "PostgreSQL as confide_app"
        } else {
            records = try PostgresConnection(uri: uri)
            role = "PostgreSQL as the owner"
        }
        try records.execute("SET search_path TO \(schema)")
        self.owner = owner
        let recordsURI = environment["CONFIDE_TEST_POSTGRES_APP_URI"].flatMap { $0.isEmpty ? nil : $0 } ?? uri
        connectAgain = {
            let c = try PostgresConnection(uri: recordsURI)
            try c.execute("SET search_path TO \(schema)")
            return c
        }
        drop = { try? PostgresConnection(uri: uri).execute("DROP SCHEMA \(schema) CASCADE") }
    }

    /// Another connection to the same schema as the same role as `records` (another daemon).
    let connectAgain: () throws -> PostgresConnection

    /// The integer the owner's `sql` returns (a `COUNT(*)`).
    func count(_ sql: String) throws -> Int {
        try owner.queryOne(sql) { try $0.int(0) } ?? 0
    }
}

extension Database {
    /// The integer `sql` returns (a `COUNT(*)`), for what a test checks behind the records' back.
    func count(_ sql: String) throws -> Int {
        try queryOne(sql) { $0.int(0) } ?? 0
    }
}

/// Bytes that no text encoding would carry unchanged: a NUL, a 0xFF and a pattern from `seed`.
func blob(_ seed: UInt8, count: Int = 32) -> [UInt8] {
    [0, seed, 0xFF] + (0..<max(0, count - 3)).map { UInt8(truncatingIfNeeded: Int(seed) &* 37 &+ $0) }
}

/// True when `error` is the store's integrity failure (a row confide never writes).
func isIntegrityFailure(_ error: Error) -> Bool {
    if case .integrity? = error as? StoreError { return true }
    return false
}
