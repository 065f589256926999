@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// Which `customer` table a writer locks for its version check (issue 21, "no stale trust"):
/// the keyring's, named by its schema, whatever else the data's search path holds (found by
/// session 16's attack review: a stray table, or one created after start, was taken for it,
/// and a read after another daemon's shred returned the plaintext).
final class PostgresKeyringTableTests: PostgresStoreTestCase {
    /// Starts once on the keyring's and the data's own schemas (each migrated), then stops,
    /// as `PostgresStaleTrustTests.testAKeyringInAnotherSchemaIsCheckedOnlyWhereTheWriterReachesIt` does.
    private func migrateApart(keysURI: String, dataURI: String) throws {
        let store = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: keysURI, dataURI: dataURI), masterKey: masterKey, options: options())
        store.close()
    }

    /// The keyring in its own schema, the data's search path `data, keys` (documented as
    /// checked). The data schema also holds a stray `customer` table (left behind when the
    /// keyring was moved out of it, say). The start-time check finds `customer` in the data
    /// schema, not the keyring's. (Before: the check was turned off without a word, and A
    /// served alice's plaintext after B's shred. Now the writer names the keyring's table by
    /// its schema.)
    func testAStrayCustomerTableEarlierOnTheDataSearchPathIsNotTakenForTheKeyrings() throws {
        let (keysURI, keysSchema) = try schemaURI("keys")
        let (plainDataURI, dataSchema) = try schemaURI("data")
        try migrateApart(keysURI: keysURI, dataURI: plainDataURI)
        let o = try owner()
        try o.execute("CREATE TABLE \(dataSchema).customer (blind_index bytea PRIMARY KEY, handle bytea, version bigint)")
        let dataURI = ownerURI + (ownerURI.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(dataSchema)%2C\(keysSchema)"
        let a: TranscriptStore
        do {
            a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: keysURI, dataURI: dataURI), masterKey: masterKey, options: options())
        } catch {
            print("refused at start: \(error)")
            return  // refused at start, naming the stray table: fine
        }
        defer { a.close() }
        let b = try Keyring(records: try PostgresConnection(uri: keysURI), name: "keyring", source: masterKey)
        try append(a, "alice", "s1", "my card is 4111 1111 1111 1111")
        XCTAssertEqual(try texts(a, "alice", "s1"), ["my card is 4111 1111 1111 1111"])
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))
        XCTAssertEqual(try XCTUnwrap(a.writer as? GroupCommitWriter).checksCustomerVersions, true,
                       "the keyring's customer table is on the data's search path, in its database: checked (or refused at start)")
        XCTAssertThrowsError(try texts(a, "alice", "s1"), "a read on A after B's erasure point returned the plaintext")
    }

    /// Checked at start (search path `data, keys`, nothing else there). Then a `customer` table
    /// appears in the data schema, which the data role owns (a copy made for a report or a
    /// migration, or planted by anyone allowed to create tables there: no access to the
    /// keyring's schema needed). The check stays on, decided once; but the writer's read-ahead
    /// names `customer` unqualified, so every statement prepared from then on (a new group
    /// shape, or any statement after a reconnect) locked and compared the copy's rows, and B's
    /// shred changed the keyring's row, not the copy's: A served alice's plaintext (before
    /// the writer named the keyring's table by its schema).
    func testACustomerTableCreatedOnTheDataSearchPathAfterStartIsNotTakenForTheKeyrings() throws {
        let (keysURI, keysSchema) = try schemaURI("keys")
        let (plainDataURI, dataSchema) = try schemaURI("data")
        try migrateApart(keysURI: keysURI, dataURI: plainDataURI)
        let dataURI = ownerURI + (ownerURI.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(dataSchema)%2C\(keysSchema)"
        let a = try TranscriptStore(state: state, engine: PostgresEngine(keysURI: keysURI, dataURI: dataURI), masterKey: masterKey, options: options())
        defer { a.close() }
        XCTAssertEqual(try XCTUnwrap(a.writer as? GroupCommitWriter).checksCustomerVersions, true, "checked at start")
        let b = try Keyring(records: try PostgresConnection(uri: keysURI), name: "keyring", source: masterKey)
        try append(a, "alice", "s1", "my card is 4111 1111 1111 1111")
        let o = try owner()
        try o.execute("CREATE TABLE \(dataSchema).customer AS SELECT * FROM \(keysSchema).customer")
        // The writer's session is cut (a network blip, a failover, a pooler restart): it reconnects
        // by itself and prepares its statements again, now naming the copy.
        // Only A's writer: the session holding A's data store lock ("cfdd", the data schema's OID).
        let cut = try o.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                              + "AND classid::int8 = \(PostgresEngine.dataLockTag) AND objid = (SELECT oid FROM pg_namespace WHERE nspname = '\(dataSchema)')") { try $0.bool(0) }
        XCTAssertEqual(cut, [true], "A's writer session was cut")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(try textsOnceServing(a, "alice", "s1"), ["my card is 4111 1111 1111 1111"], "A has alice's keys cached")
        let keys = try XCTUnwrap(b.lookup(CustomerID("alice")))
        XCTAssertNotNil(try b.destroyCustomer(blindIndex: keys.blindIndex, handle: keys.handle, draft: { _, _, _, _ in [:] }))
        XCTAssertThrowsError(try texts(a, "alice", "s1"), "a read on A after B's erasure point returned the plaintext (the read-ahead locked the copy)")
    }

    /// `texts`, retried for a few seconds while the store answers -32005 (connections finding their drop).
    private func textsOnceServing(_ store: TranscriptStore, _ customer: String, _ session: String) throws -> [String] {
        let deadline = ProcessInfo.processInfo.systemUptime + 15
        while true {
            do { return try texts(store, customer, session) } catch let e as StoreError where e.code == -32005 && ProcessInfo.processInfo.systemUptime < deadline {
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }
}
