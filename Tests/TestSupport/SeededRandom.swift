import Foundation

/// SplitMix64: a small deterministic generator, the same sequence for the same seed on
/// every platform, so randomized tests (corpora, fuzzing, crash schedules) are reproducible.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator derived from this seed and some indexes (per cycle, per thread).
    public static func derived(_ seed: UInt64, _ parts: Int...) -> SeededRandom {
        var g = SeededRandom(seed: seed)
        for p in parts { g = SeededRandom(seed: g.next() ^ UInt64(bitPattern: Int64(p)) &* 0x2545_F491_4F6C_DD1D) }
        return g
    }
}

/// Runs `body(i)` for i in 0..<count, each on its own real thread (all at once), and
/// waits for all of them: for tests that need true concurrency, not a task pool.
public func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        let t = Thread { body(i); group.leave() }
        t.stackSize = 1 << 20
        t.start()
    }
    group.wait()
}
