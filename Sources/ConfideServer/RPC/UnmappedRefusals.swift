import ConfideJSON
import ConfideSystem
import Foundation
import Synchronization

/// Counts what peers with no role had refused, per uid, and decides which refusals reach
/// the audit chain and the log: the first of each uid, then at most one per uid per
/// interval, which says how many were refused since the previous one. So a role-less
/// flood costs a counter increment per line, not an fsync and a log line.
final class UnmappedRefusals: Sendable {
    private struct PerUID {
        var total = 0
        /// Refusals since the last audited one (that one included once audited).
        var unrecorded = 0
        var lastRecordedAt: Double? = nil
    }
    /// More uids than this are counted under `other` (a host has few local uids; the cap
    /// only keeps the table bounded whatever the kernel reports).
    static let maxTrackedUIDs = 1024
    private let interval: Double
    private struct State {
        var uids: [UInt32: PerUID] = [:]
        /// Every uid beyond `maxTrackedUIDs`, counted and audited together (at the same rate
        /// as one uid), so a peer that rotates through many uids is still on the record.
        var other = PerUID()
    }
    private let state = Mutex(State())

    init(interval: Double) { self.interval = interval }

    /// Counts one refusal of `uid`; returns how many refusals the audit entry written now
    /// stands for (1 for the first) and whether they are the untracked uids' (`other`: the
    /// entry must not name this uid for them), or nil when this one is only counted.
    func refused(uid: UInt32, now: Double = MonotonicClock.seconds()) -> (count: Int, other: Bool)? {
        state.withLock { s in
            let tracked = s.uids[uid] != nil || s.uids.count < UnmappedRefusals.maxTrackedUIDs
            var u = tracked ? s.uids[uid, default: PerUID()] : s.other
            defer { if tracked { s.uids[uid] = u } else { s.other = u } }
            u.total += 1
            u.unrecorded += 1
            if let last = u.lastRecordedAt, now - last < interval { return nil }
            let count = u.unrecorded
            u.unrecorded = 0
            u.lastRecordedAt = now
            return (count, !tracked)
        }
    }

    /// `system.stats` `unmapped_refusals`: refusals per uid since start (uid as a string key).
    func json() -> JSONObject {
        state.withLock { s in
            var o = JSONObject()
            for (uid, u) in s.uids.sorted(by: { $0.key < $1.key }) { o[String(uid)] = .int(u.total) }
            if s.other.total > 0 { o["other"] = .int(s.other.total) }
            return o
        }
    }

    /// The audit entry for `count` refusals of `uid` could not be written: they count as
    /// unrecorded again, and the next refusal tries again at once.
    func notRecorded(uid: UInt32, count: Int, other: Bool) {
        state.withLock { s in
            if !other, s.uids[uid] != nil {
                s.uids[uid]!.unrecorded += count
                s.uids[uid]!.lastRecordedAt = nil
            } else {
                s.other.unrecorded += count
                s.other.lastRecordedAt = nil
            }
        }
    }

    /// The refusals counted but not yet audited, per uid (`nil`: the uids beyond the table),
    /// now marked as recorded: written at shutdown, so no refusal goes unaccounted for.
    func drainUnrecorded() -> [(uid: UInt32?, count: Int)] {
        state.withLock { s in
            var out: [(uid: UInt32?, count: Int)] = []
            for (uid, u) in s.uids.sorted(by: { $0.key < $1.key }) where u.unrecorded > 0 {
                out.append((uid, u.unrecorded))
                s.uids[uid]?.unrecorded = 0
            }
            if s.other.unrecorded > 0 {
                out.append((nil, s.other.unrecorded))
                s.other.unrecorded = 0
            }
            return out
        }
    }

}
