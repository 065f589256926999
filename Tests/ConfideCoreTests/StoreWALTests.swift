@_spi(Testing) import ConfideCore
import Foundation
import XCTest

private typealias TS = CoreTestSupport

/// data.db's WAL stays bounded under a steady stream of writes. SQLite starts the WAL over
/// only once every frame in it is checkpointed, which a background checkpoint racing the
/// writer may never manage; the writer finishes the checkpoint itself past a size.
final class StoreWALTests: XCTestCase {
    private var dir: CoreTestState!

    override func setUpWithError() throws { dir = try CoreTestState() }
    override func tearDown() { dir?.remove() }

    /// Appends `count` 2 KiB messages one commit at a time, returning the largest size the
    /// WAL file reached. The background checkpointer is slowed to once an hour, so only the
    /// writer's own bound (`walCheckpointFrames`) can start the WAL over.
    private func largestWAL(appends count: Int, walCheckpointFrames: Int) throws -> (bytes: Int, catchUps: Int) {
        var options = TS.options()
        options.walCheckpointFrames = walCheckpointFrames
        options.walCheckpointIntervalSeconds = 3600
        let store = try dir.open(options: options)
        defer { store.close() }
        let text = String(repeating: "x", count: 2048)
        var largest = 0
        for i in 0..<count {
            try store.testAppend("alice", "s\(i % 4)", [TS.message(text)])
            let size = (try? FileManager.default.attributesOfItem(atPath: dir.state.dataPath + "-wal")[.size] as? Int) ?? 0
            largest = max(largest, size)
        }
        XCTAssertEqual(try store.testGet("alice", "s0").messages.count, count / 4, "every append is readable")
        return (largest, store.writerStatistics.walCatchUps)
    }

    func testWriterStartsTheWALOverOncePastItsBound() throws {
        let frame = 8192 + 24
        let bounded = try largestWAL(appends: 400, walCheckpointFrames: 64)
        // The bound, plus up to 16 commits of a few pages each before the writer checks again.
        XCTAssertLessThan(bounded.bytes, 200 * frame, "WAL reached \(bounded.bytes) bytes with a 64-page bound")
        XCTAssertGreaterThan(bounded.catchUps, 0, "the writer's own checkpoints are counted (system.stats writer.wal_catch_ups)")
        dir.remove()
        dir = try CoreTestState()
        let unbounded = try largestWAL(appends: 400, walCheckpointFrames: Int.max)
        XCTAssertGreaterThan(unbounded.bytes, 800 * frame, "control: without the bound the WAL keeps growing (\(unbounded.bytes) bytes)")
        XCTAssertEqual(unbounded.catchUps, 0)
    }
}
