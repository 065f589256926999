@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import ConfideStorage
import Foundation
import TestSupport
import XCTest

private typealias TS = CoreTestSupport

/// Session 24's attack review (attack24) of a44d194 on the embedded engine (SQLite: one
/// daemon, no data-side record; the erasure ledger re-applied at start is the only thing that
/// brings back erasures a restored keys.db lacks). See
/// Tests/StoreContractTests/Session24AttackTests.swift for PostgreSQL.
final class Session24AttackSQLiteTests: XCTestCase {
    /// Held. A customer shredded twice counts 2; the state folder restored from a backup taken
    /// between her two erasures (her second incarnation's keys in it, her first erasure
    /// recorded) and the ledger (numbered lines) re-applied at start: her keys go again, keys.db's
    /// row for her is her second erasure (number 2), and a repeated shred answers the second
    /// erasure's receipt.
    func testHeldShredTwiceThenARestoreBetweenThemReappliesTheSecond() throws {
        let t = try CoreTestState()
        defer { t.remove() }
        var options = TS.options()
        options.erasureLedgerPath = t.root.path + "/ledger.jsonl"
        var store: TranscriptStore? = try t.open(options: options)
        defer { store?.close() }
        try store!.testAppend("xena", "s1", [TS.message("one")])
        Thread.sleep(forTimeInterval: 0.01)
        _ = try store!.testShred("xena")
        try store!.testAppend("xena", "s2", [TS.message("two")])
        store!.close()
        let backup = t.root.path + "/backup"
        try FileManager.default.copyItem(atPath: t.state.path, toPath: backup)
        store = try t.open(options: options)
        let second = try store!.testShred("xena")
        store!.close()
        try FileManager.default.removeItem(atPath: t.state.path)
        try FileManager.default.copyItem(atPath: backup, toPath: t.state.path)
        store = try t.open(options: options)
        XCTAssertNil(try store!.keyring.lookup(TS.customer("xena")), "her second incarnation's keys are gone again")
        XCTAssertEqual(try store!.keyring.erasure(blindIndex: store!.keyring.blindIndex(of: TS.customer("xena")))?.number, 2)
        let repeated = try store!.receipt(customer: TS.customer("xena"), context: TS.context("customer.receipt"))
        XCTAssertEqual(repeated.body, second.body, "the second erasure's receipt")
    }

    /// S24-2 on SQLite (wrong receipt after a restore; low). The ledger's lines written
    /// before the upgrade count one more each on re-apply (`COALESCE(number, e.number + 1)`)
    /// while the migration counted every erasure before the upgrade as 1: xena erased twice
    /// before the upgrade and once after (number 2) has, after the state folder is restored
    /// from before her first erasure and the ledger re-applied, her SECOND erasure as keys.db's
    /// row (her third, number 2, is not "later" than the re-applied second, counted 2). A
    /// repeated shred (`customer.receipt`) then answers her second erasure's receipt, signed,
    /// for an erasure that is not her latest; and her third erasure's receipt is nowhere in
    /// keys.db. What should happen: keys.db's row is her third erasure, and its receipt is
    /// the answer.
    func testAMixedLedgerReappliedToAnOlderKeysDatabaseAnswersAnOlderReceipt() throws {
        let t = try CoreTestState()
        defer { t.remove() }
        var options = TS.options()
        let ledger = t.root.path + "/ledger.jsonl"
        options.erasureLedgerPath = ledger
        var store: TranscriptStore? = try t.open(options: options)
        defer { store?.close() }
        try store!.testAppend("xena", "s1", [TS.message("one")])
        store!.close()
        let backup = t.root.path + "/backup"
        try FileManager.default.copyItem(atPath: t.state.path, toPath: backup)
        store = try t.open(options: options)
        Thread.sleep(forTimeInterval: 0.01)
        _ = try store!.testShred("xena")
        try store!.testAppend("xena", "s2", [TS.message("two")])
        Thread.sleep(forTimeInterval: 0.01)
        _ = try store!.testShred("xena")
        store!.close()
        store = nil
        // As keys migration 0008 and a ledger written before it leave them.
        try StoreTestKit.withRawDatabase(t.state.keysPath) { db in try db.execute("UPDATE erasure SET number = NULL") }
        try Self.stripNumbers(ledger)
        store = try t.open(options: options)
        try store!.testAppend("xena", "s3", [TS.message("three")])
        let third = try store!.testShred("xena")
        XCTAssertEqual(try store!.keyring.erasure(blindIndex: store!.keyring.blindIndex(of: TS.customer("xena")))?.number, 2)
        store!.close()
        try FileManager.default.removeItem(atPath: t.state.path)
        try FileManager.default.copyItem(atPath: backup, toPath: t.state.path)
        store = try t.open(options: options)
        XCTAssertNil(try store!.keyring.lookup(TS.customer("xena")), "her first incarnation's keys are gone again")
        let repeated = try store!.receipt(customer: TS.customer("xena"), context: TS.context("customer.receipt"))
        XCTAssertEqual(repeated.body["shredded_at"], third.body["shredded_at"], "the receipt of her latest erasure")
    }

    /// Takes the `number` member off every line of the erasure ledger at `path`.
    static func stripNumbers(_ path: String) throws {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        var out: [UInt8] = []
        for line in [UInt8](data).split(separator: 0x0a) where !line.isEmpty {
            guard case .object(let o) = try JSONParser.parse(Array(line)) else { XCTFail("a ledger line"); continue }
            out += JSONWriter.bytes(.object(JSONObject(o.members.filter { $0.key != "number" }.map { ($0.key, $0.value) })))
            out.append(0x0a)
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(out), attributes: [.posixPermissions: 0o600]))
    }
}
