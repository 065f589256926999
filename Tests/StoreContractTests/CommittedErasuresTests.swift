@_spi(Testing) @testable import ConfideCore
import ConfideCrypto
import ConfidePostgres
@testable import ConfidePostgresStore
import XCTest

/// `CommittedErasures.missing`, the count every keyring check rests on, against a real
/// keyring: what it holds is found, what it lacks is counted, and a list longer than one
/// statement takes (the whole late set of session 25's third review, S25C-2) is asked in
/// parts of `askedAtOnce` without losing or double-counting any.
final class CommittedErasuresTests: PostgresStoreTestCase {
    func testMissingCountsWhatTheKeyringLacksAcrossStatements() throws {
        let (keysURI, _) = try schemaURI("keys")
        let (dataURI, _) = try schemaURI("data")
        let daemon = try sharedDaemon("a", keysURI: keysURI, dataURI: dataURI)
        defer { daemon.close() }
        for name in ["ada", "bo", "cy"] {
            try append(daemon, name, "s1", "hello")
            _ = try daemon.shred(customer: CustomerID(name), reason: "gdpr", context: context("customer.shred"))
        }
        let held = try daemon.keyring.erasures().map { (customer: $0.customerTag, handle: $0.handleTag, number: $0.number, at: $0.shreddedAt.milliseconds) }
        XCTAssertEqual(held.count, 3)
        let unknown = (0..<(2 * CommittedErasures.askedAtOnce + 7)).map { _ in
            (customer: SecureRandom.bytes(32), handle: SecureRandom.bytes(32), number: Optional(1), at: Int64(0))
        }
        let keyring = try PostgresConnection(uri: keysURI)
        XCTAssertEqual(try CommittedErasures.missing(held, on: keyring), 0, "every erasure the keyring holds is found")
        // The held ones at both ends and across a part boundary.
        var list = held + Array(unknown[0..<(CommittedErasures.askedAtOnce - 4)]) + held + Array(unknown[(CommittedErasures.askedAtOnce - 4)...]) + held
        XCTAssertEqual(try CommittedErasures.missing(list, on: keyring), unknown.count)
        list.removeAll { erasure in unknown.prefix(10).contains { $0.customer == erasure.customer } }
        XCTAssertEqual(try CommittedErasures.missing(list, on: keyring), unknown.count - 10)
    }
}
