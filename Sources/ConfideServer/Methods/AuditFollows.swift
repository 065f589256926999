import ConfideCrypto
import ConfideCore
import ConfideSystem
import Foundation
import Synchronization

/// The open `audit.tail` follows: a follow is audited once, when it starts, and its polls
/// present the token it returned instead of adding an audit entry each (one a second
/// would be 86,400 entries a day). A token is good for the uid that opened it, until
/// `idleSeconds` pass without a poll or the daemon restarts.
final class AuditFollows: Sendable {
    /// The daemon's follows.
    static let shared = AuditFollows()
    /// A follow not polled for this long is closed (the CLI polls every second).
    static let idleSeconds = 60.0
    /// Most follows open at once; the least recently polled is closed beyond it.
    static let maxOpen = 256

    private struct Follow { let uid: UInt32; var lastPoll: Double }
    private let follows = Mutex<[String: Follow]>([:])

    /// Opens a follow for `uid` and returns its token (32 hex characters).
    func open(uid: UInt32) -> String {
        let token = encodeHex(SecureRandom.bytes(16))
        let now = MonotonicClock.seconds()
        follows.withLock { open in
            open = open.filter { !Self.expired($0.value, now: now) }
            if open.count >= Self.maxOpen, let oldest = open.min(by: { $0.value.lastPoll < $1.value.lastPoll }) {
                open[oldest.key] = nil
            }
            open[token] = Follow(uid: uid, lastPoll: now)
        }
        return token
    }

    /// Whether `token` is an open follow of `uid`; if so, counts this as its latest poll.
    func poll(_ token: String, uid: UInt32) -> Bool {
        let now = MonotonicClock.seconds()
        return follows.withLock { open in
            guard let f = open[token], f.uid == uid else { return false }
            guard !Self.expired(f, now: now) else {
                open[token] = nil
                return false
            }
            open[token]?.lastPoll = now
            return true
        }
    }

    private static func expired(_ f: Follow, now: Double) -> Bool {
        now - f.lastPoll > idleSeconds
    }
}
