@_spi(Testing) @testable import ConfideCore
import ConfideStorage
import Foundation
import Synchronization
import XCTest

private typealias TS = CoreTestSupport

/// The writer's group commit with jobs that fail: a failing job undoes only itself, its
/// neighbours commit, every job gets its audit entry, whether the group ran optimistically
/// (replayable jobs, no savepoints) or one savepoint per job.
final class GroupCommitWriterTests: XCTestCase {
    private var dir: CoreTestState!
    private var store: TranscriptStore!

    override func setUpWithError() throws {
        dir = try CoreTestState()
        store = try dir.open()
        let _: Void = try store.writer.write(TS.context("test.setup"), customerRef: nil) { db, _ in
            try sqlite(db).execute("CREATE TABLE scratch (job INTEGER NOT NULL, part INTEGER NOT NULL)")
        }
    }

    override func tearDown() {
        store?.close()
        dir?.remove()
    }

    /// Holds the writer inside one job until `jobs` are queued behind it, so they run as
    /// one group; returns each job's result (its number, or the error it threw) and how
    /// many times each job's body ran.
    private func oneGroup(_ jobs: Int, replayable: Bool, failing: Int?) throws -> (results: [Int: Result<Int, StoreError>], runs: [Int: Int]) {
        let runs = Mutex<[Int: Int]>([:])
        let gate = DispatchSemaphore(value: 0), holding = DispatchSemaphore(value: 0)
        Thread { [store] in
            let _: Void? = try? store!.writer.write(TS.context("test.hold"), customerRef: nil) { _, _ in holding.signal(); gate.wait() }
        }.start()
        holding.wait()  // the writer is inside the holding job: the jobs below queue behind it
        let results = Mutex<[Int: Result<Int, StoreError>]>([:])
        let done = DispatchGroup()
        for job in 0..<jobs {
            done.enter()
            Thread { [store] in
                let r = Result { () throws(StoreError) -> Int in
                    try store!.writer.write(TS.context("test.job\(job)"), customerRef: nil, replayable: replayable) { db, _ in
                        runs.withLock { $0[job, default: 0] += 1 }
                        // Two statements per job: a failing job has written half of itself.
                        try sqlite(db).run("INSERT INTO scratch (job, part) VALUES (?, 1)", .int(job))
                        if job == failing { throw StoreError.invalidParameter(field: "job", rule: "test failure after a write") }
                        try sqlite(db).run("INSERT INTO scratch (job, part) VALUES (?, 2)", .int(job))
                        return job
                    }
                }
                results.withLock { $0[job] = r }
                done.leave()
            }.start()
        }
        let deadline = Date().addingTimeInterval(20)
        while store.writer.queued < jobs && Date() < deadline { usleep(1000) }
        XCTAssertEqual(store.writer.queued, jobs, "every job queued behind the held one")
        gate.signal()
        done.wait()
        return (results.withLock { $0 }, runs.withLock { $0 })
    }

    private func storedRows() throws -> [[Int]] {
        try store.readers.read { db in try sqlite(db).query("SELECT job, part FROM scratch ORDER BY job, part") { [$0.int(0), $0.int(1)] } }
    }

    private func outcomes(jobs: Int) throws -> [String: String] {
        let tail = try store.auditTail(limit: 100, context: TS.context("test.tail"))
        return Dictionary(tail.filter { $0.method.hasPrefix("test.job") }.map { ($0.method, $0.outcome) }) { a, _ in a }
    }

    func testAFailingReplayableJobUndoesOnlyItselfAfterTheGroupRunsAgainWithSavepoints() throws {
        let (results, runs) = try oneGroup(8, replayable: true, failing: 3)
        XCTAssertGreaterThanOrEqual(store.writerStatistics.largestGroup, 8, "the jobs did not run as one group")
        for job in 0..<8 where job != 3 { XCTAssertEqual(try results[job]?.get(), job, "job \(job)") }
        guard case .failure(let e)? = results[3] else { return XCTFail("job 3 did not fail: \(String(describing: results[3]))") }
        XCTAssertEqual(e.code, -32602)
        XCTAssertEqual(try storedRows(), (0..<8).filter { $0 != 3 }.flatMap { [[$0, 1], [$0, 2]] },
                       "the failing job's first write stays undone, every other job is stored whole and once")
        // The optimistic pass stopped at job 3 (the jobs queued before it ran too); the second
        // pass, one savepoint per job, ran every job once more.
        XCTAssertEqual(runs[3], 2, "the failing job ran without a savepoint, then with one")
        XCTAssertTrue(runs.values.allSatisfy { $0 == 1 || $0 == 2 } && runs.count == 8, "\(runs)")
        let audited = try outcomes(jobs: 8)
        XCTAssertEqual(audited, Dictionary(uniqueKeysWithValues: (0..<8).map { ("test.job\($0)", $0 == 3 ? "-32602" : "ok") }),
                       "one entry per job, with its outcome")
        XCTAssertTrue(try store.verifyAudit(context: TS.context("test.verify")).ok, "the undone first pass left no trace in the chain")
    }

    func testAReplayableGroupThatSucceedsRunsEachJobOnce() throws {
        let (results, runs) = try oneGroup(8, replayable: true, failing: nil)
        XCTAssertGreaterThanOrEqual(store.writerStatistics.largestGroup, 8, "the jobs did not run as one group")
        for job in 0..<8 { XCTAssertEqual(try results[job]?.get(), job, "job \(job)") }
        XCTAssertEqual(runs, Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, 1) }))
        XCTAssertEqual(try storedRows().count, 16)
    }

    func testAFailingJobThatIsNotReplayableRunsOnceInItsOwnSavepoint() throws {
        let (results, runs) = try oneGroup(8, replayable: false, failing: 5)
        XCTAssertEqual(runs, Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, 1) }), "no job ran twice")
        XCTAssertEqual(results.compactMap { job, r in r.failureCode.map { [job, $0] } }, [[5, -32602]])
        XCTAssertEqual(try storedRows(), (0..<8).filter { $0 != 5 }.flatMap { [[$0, 1], [$0, 2]] })
        XCTAssertEqual(try outcomes(jobs: 8)["test.job5"], "-32602")
    }
}

private extension Result where Failure == StoreError {
    var failureCode: Int? { if case .failure(let e) = self { e.code } else { nil } }
}
