@_spi(Testing) @testable import ConfideCore
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// The erasure ledger file on its own (issue 18; the break was found by an attack on it).
final class ErasureLedgerFileTests: XCTestCase {
    private func entry(_ n: UInt8) -> ErasureLedger.Entry {
        ErasureLedger.Entry(customerTag: [n, 1], handleTag: [n, 2], shreddedAt: Timestamp(milliseconds: Int64(n) * 1000),
                            number: Int(n), draft: ["customer_ref": .string("0\(n)")], receipt: nil)
    }

    func testAnAppendAfterALineCutShortByACrashLeavesAReadableLedger() throws {
        let dir = try TemporaryDirectory(prefix: "confide-ledger")
        defer { dir.remove() }
        let ledger = ErasureLedger(path: dir.path + "/erasures.jsonl")
        try ledger.append(entry(1))
        // A crash in the middle of the next line.
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: ledger.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"customer_tag":"0301","handle_tag":"03"#.utf8))
        try handle.close()
        XCTAssertEqual(try ledger.entries().count, 1, "a cut last line is ignored")
        try ledger.append(entry(2))
        let entries = try ledger.entries()
        XCTAssertEqual(entries.map(\.customerTag), [[1, 1], [2, 1]], "the line after the cut one glued onto it")
    }

    /// Each line carries its erasure's number (session 24); a line written before erasures
    /// were numbered is still read, without one; a number that is not a positive integer makes
    /// the line unreadable (an edited ledger), not "unnumbered".
    func testTheErasureNumberRoundTripsAndALineWithoutOneIsStillRead() throws {
        let dir = try TemporaryDirectory(prefix: "confide-ledger")
        defer { dir.remove() }
        let ledger = ErasureLedger(path: dir.path + "/erasures.jsonl")
        try ledger.append(entry(3))
        let old = #"{"customer_tag":"0401","handle_tag":"0402","shredded_at":4000,"draft":{},"receipt":null}"#
        try Data((old + "\n").utf8).append(to: ledger.path)
        XCTAssertEqual(try ledger.entries().map(\.number), [3, nil])
        for bad in [#""number":0,"#, #""number":"2","#, #""number":-1,"#] {
            let edited = dir.path + "/edited.jsonl"
            try Data((old.replacingOccurrences(of: #""draft""#, with: bad + #""draft""#) + "\n" + old + "\n").utf8).write(to: URL(fileURLWithPath: edited))
            XCTAssertThrowsError(try ErasureLedger(path: edited).entries(), bad) { error in
                XCTAssertTrue("\(error)".contains("unreadable line 1"), "\(error)")
            }
        }
    }
}

private extension Data {
    func append(to path: String) throws {
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(self)
        try handle.close()
    }
}
