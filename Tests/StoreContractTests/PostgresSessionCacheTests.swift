@_spi(Testing) @testable import ConfideCore
import ConfidePostgres
@testable import ConfidePostgresStore
import Foundation
import TestSupport
import XCTest

/// The writer's session cache on PostgreSQL (`PostgresSessionCache`): a group whose
/// sessions its own earlier groups wrote is one round trip, and a row or a customer changed
/// behind its back (another daemon, another connection) fails the group before anything of
/// it commits, instead of being written over from the stale copy. Driven through the
/// writer's own connection type (`PostgresGroupConnection`), as the group-commit writer
/// drives it: begin, read ahead, the jobs' writes, commit or roll back.
final class PostgresSessionCacheTests: XCTestCase {
    private var schema: PostgresContractSchema!
    private var writer: PostgresGroupConnection!
    private var db: PostgresConnection { writer.connection }
    private let handle = blob(1, count: 16), index = blob(10)
    private var key: SessionKey { SessionKey(handle: handle, index: index) }

    override func setUpWithError() throws {
        try super.setUpWithError()
        schema = try PostgresContractSchema(.data)
        // The keyring's tables beside the data's, as with no `--keys-store` elsewhere.
        try PostgresMigrator.embedded(.keys).migrate(schema.owner)
        writer = try PostgresGroupConnection(schema.records)
    }

    override func tearDown() {
        writer = nil
        schema?.drop()
        super.tearDown()
    }

    private func fields(count: Int, updatedAt: Int64) -> SessionRowFields {
        SessionRowFields(epoch: blob(3, count: 16), generation: 1, count: count, lastTag: blob(UInt8(count), count: 16),
                         createdAt: 1_767_225_600_000, updatedAt: updatedAt, retentionDays: 30, expiresAt: 1_769_817_600_000)
    }

    /// One group: the writer's steps around `body` (the jobs), reading ahead `key` from the
    /// cache when it can, relying on `customers`.
    private func group(cached: Bool = true, customers: [CustomerVersion] = [], _ body: () throws -> Void) throws {
        try writer.beginGroup()
        do {
            try db.readAhead(sessions: [key], customers: customers, cached: cached)
            try body()
            try writer.commitGroup()
        } catch {
            writer.rollbackGroup()
            throw error
        }
    }

    /// An append's write to the session: the row as looked up, one message more.
    private func appendOne(updatedAt: Int64) throws {
        let row = try XCTUnwrap(try db.session(handle: handle, index: index))
        try db.updateSession(id: row.id, fields: fields(count: row.count + 1, updatedAt: updatedAt), seal: blob(UInt8(row.count + 1), count: 40),
                             lastChunk: (row.lastChunk ?? 0) + 1)
    }

    /// The session as the table holds it, read by the owner.
    private func tableRow() throws -> (count: Int, updatedAt: Int64)? {
        try schema.owner.queryOne("SELECT message_count, updated_at FROM session WHERE customer_handle = $1 AND blind_index = $2",
                                  [.bytea(handle), .bytea(index)]) { (try $0.int(0), try $0.int64(1)) }
    }

    /// The session inserted and written once through the writer: its row is cached.
    private func createSession() throws {
        try group {
            let id = try db.insertSession(handle: handle, index: index, header: blob(4, count: 60), generation: 1,
                                          fields: fields(count: 0, updatedAt: 1_767_225_600_000))
            try db.updateSession(id: id, fields: fields(count: 1, updatedAt: 1_767_225_600_001), seal: blob(1, count: 40), lastChunk: 1)
        }
    }

    func testAGroupOfSessionsTheWriterWroteBeforeIsOneRoundTrip() throws {
        try createSession()
        try group { try appendOne(updatedAt: 1_767_225_600_002) }  // every statement prepared, as in a running writer
        let trips = try db.roundTrips {
            try group { try appendOne(updatedAt: 1_767_225_600_003) }
        }
        XCTAssertEqual(trips, 1, "BEGIN, the check of the cached row, the write and COMMIT in one pipeline")
        XCTAssertEqual(try tableRow()?.count, 3)
        XCTAssertEqual(try tableRow()?.updatedAt, 1_767_225_600_003)

        let read = try db.roundTrips {
            try group(cached: false) { try appendOne(updatedAt: 1_767_225_600_004) }
        }
        XCTAssertEqual(read, 2, "without the cache: BEGIN with the read ahead, then the write with COMMIT")
        XCTAssertEqual(try tableRow()?.count, 4)
    }

    func testARowChangedBehindTheWritersBackFailsTheGroupAndIsNotWrittenOver() throws {
        try createSession()
        try group { try appendOne(updatedAt: 1_767_225_600_002) }
        // Another writer appends to the session: its count and time move on.
        try schema.owner.execute("UPDATE session SET message_count = message_count + 1, updated_at = 1767225609999")

        XCTAssertThrowsError(try group { try appendOne(updatedAt: 1_767_225_600_003) }) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "22P02", "the check's own failure: \(error)")
        }
        XCTAssertEqual(try tableRow()?.count, 3, "the other writer's row stands")
        XCTAssertEqual(try tableRow()?.updatedAt, 1_767_225_609_999)

        // The writer runs the group again: the rolled-back group emptied the cache, so it reads.
        let trips = try db.roundTrips { try group { try appendOne(updatedAt: 1_767_225_600_005) } }
        XCTAssertEqual(trips, 2, "read ahead, not taken from the cache")
        XCTAssertEqual(try tableRow()?.count, 4, "written on top of the other writer's row")
        XCTAssertEqual(try tableRow()?.updatedAt, 1_767_225_600_005)
    }

    func testADeletedRowFailsTheGroup() throws {
        try createSession()
        try schema.owner.execute("DELETE FROM session")
        XCTAssertThrowsError(try group { try appendOne(updatedAt: 1_767_225_600_003) })
        XCTAssertNil(try tableRow(), "nothing written for a session that is gone")
    }

    func testACustomerChangedSinceTheJobTookItsKeysFailsTheCachedGroup() throws {
        let customer = blob(7, count: 32)
        try schema.owner.run("INSERT INTO customer (blind_index, handle, audit_ref, created_at, version) VALUES ($1, $2, $3, 0, 4)",
                             .bytea(blob(8, count: 32)), .bytea(customer), .bytea(blob(9, count: 16)))
        db.keyringCustomers = "customer"
        try createSession()
        let relied = [CustomerVersion(handle: customer, version: 4)]
        try group(customers: relied) { try appendOne(updatedAt: 1_767_225_600_001) }  // its statements prepared
        let trips = try db.roundTrips { try group(customers: relied) { try appendOne(updatedAt: 1_767_225_600_002) } }
        XCTAssertEqual(trips, 1, "the customer's lock and version check ride in the same pipeline")
        XCTAssertEqual(db.lockedCustomerVersion(handle: customer), nil, "nothing read ahead outlives its group")

        // Another daemon rotates the customer's DEK (a new version) or shreds it.
        try schema.owner.execute("UPDATE customer SET version = 5")
        XCTAssertThrowsError(try group(customers: relied) { try appendOne(updatedAt: 1_767_225_600_003) }) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "22P02", "\(error)")
        }
        XCTAssertEqual(try tableRow()?.count, 3, "nothing of the group committed")
        // Read ahead, the job sees the version the keyring holds (and the store retries it with fresh keys).
        try writer.beginGroup()
        try db.readAhead(sessions: [key], customers: relied, cached: true)
        XCTAssertEqual(db.lockedCustomerVersion(handle: customer), .some(5))
        writer.rollbackGroup()

        // Read ahead again (the failure emptied the cache) and cached again by the commit.
        let current = [CustomerVersion(handle: customer, version: 5)]
        try group(customers: current) { try appendOne(updatedAt: 1_767_225_600_004) }
        XCTAssertEqual(try tableRow()?.count, 4)
        try schema.owner.execute("DELETE FROM customer")
        XCTAssertThrowsError(try group(customers: current) { try appendOne(updatedAt: 1_767_225_600_005) },
                             "an erased customer fails the check as well")
        XCTAssertEqual(try tableRow()?.count, 4)
    }

    func testASavepointThatRolledBackKeepsItsRowOutOfTheCache() throws {
        try createSession()
        try writer.beginGroup()
        try db.readAhead(sessions: [key], customers: [], cached: true)
        XCTAssertThrowsError(try writer.savepoint {
            try appendOne(updatedAt: 1_767_225_600_002)
            throw StoreError.notFound("the job failed after its write")
        })
        try writer.commitGroup()
        XCTAssertEqual(try tableRow()?.count, 1, "the savepoint undid the write")
        let trips = try db.roundTrips { try group { try appendOne(updatedAt: 1_767_225_600_003) } }
        XCTAssertEqual(trips, 2, "the row the savepoint undid was not cached: read ahead")
        XCTAssertEqual(try tableRow()?.count, 2)
    }
}
