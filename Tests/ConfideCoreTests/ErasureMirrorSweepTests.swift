@testable import ConfideCore
import XCTest

/// The place the erasure-mirror job's sweep reads from next (`TranscriptStore.sweepPlace`):
/// it re-reads the last ordinal of a full page (rows may share it) but always moves down,
/// so neither the start's pass nor the scheduler's sweep can loop on one page.
final class ErasureMirrorSweepTests: XCTestCase {
    func testAFirstPageGoesOnAtItsLastOrdinal() {
        XCTAssertEqual(TranscriptStore.sweepPlace(afterAFullPageEndingAt: 500, readFrom: nil), 500)
    }

    func testALaterPageGoesOnAtItsLastOrdinalBelowWhereItWasRead() {
        XCTAssertEqual(TranscriptStore.sweepPlace(afterAFullPageEndingAt: 500, readFrom: 900), 500)
    }

    /// A page whose rows all had the ordinal it was read from would be read again for ever.
    func testAPageThatEndedWhereItWasReadMovesBelowIt() {
        XCTAssertEqual(TranscriptStore.sweepPlace(afterAFullPageEndingAt: 900, readFrom: 900), 899)
    }

    /// Read through pages of a list with runs of equal ordinals, the sweep reaches the bottom.
    func testASweepOverRunsOfEqualOrdinalsEnds() {
        // Runs of 1–4 equal ordinals, some longer than a page once adjacent runs share one.
        var ordinals: [Int64] = []
        for n in 0..<30 {
            let ordinal = Int64(100 - (n / 3) * 3)
            ordinals += Array(repeating: ordinal, count: n % 4 + 1)
        }
        ordinals.sort(by: >)
        let pageSize = 4
        var from: Int64?, pages = 0, seen = Set<Int64>()
        while pages < 100 {
            let page = Array(ordinals.filter { from == nil || $0 <= from! }.prefix(pageSize))
            pages += 1
            seen.formUnion(page)
            guard page.count == pageSize, let last = page.last else { break }
            from = TranscriptStore.sweepPlace(afterAFullPageEndingAt: last, readFrom: from)
        }
        XCTAssertLessThan(pages, 100)
        XCTAssertEqual(seen, Set(ordinals))
    }
}
