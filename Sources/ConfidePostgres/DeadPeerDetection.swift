/// How both ends of a TCP connection to PostgreSQL notice that the other went silent: a
/// network partition, a host that lost power, a firewall that drops instead of resetting.
///
/// Without it, nothing answers and nothing fails: the kernel retransmits unacknowledged
/// data for about 15 minutes (`tcp_retries2`) and probes an idle peer after 2 hours, so a
/// daemon's request waits that long for a reply that cannot come, and the server keeps the
/// silent daemon's session, with the store's advisory lock and the scheduler's lead, as
/// long. With it, the client's socket fails after `userTimeoutMilliseconds` of
/// unacknowledged data or `idleSeconds + intervalSeconds × count` without an answer to its
/// probes (a reply being waited for), and the request answers `-32005` like any other lost
/// connection; the server ends the session the same way.
///
/// Keepalive probes are answered by the peer's kernel, so a long statement on a healthy
/// link never trips them. libpq and the server ignore all of it on Unix sockets. A URI that
/// names its own `keepalives*` or `tcp_user_timeout` overrides the client's side.
public struct DeadPeerDetection: Sendable, Equatable {
    /// Seconds a connection may sit silent before the first probe.
    public var idleSeconds: Int
    /// Seconds between unanswered probes.
    public var intervalSeconds: Int
    /// Unanswered probes before the connection is declared dead.
    public var count: Int
    /// Milliseconds sent data may stay unacknowledged before the connection is declared dead.
    public var userTimeoutMilliseconds: Int

    /// About 10 s to notice either way: long enough for a busy network to catch up, short
    /// enough that a request behind it still answers.
    public static let standard = DeadPeerDetection(idleSeconds: 5, intervalSeconds: 2, count: 3, userTimeoutMilliseconds: 10_000)

    /// libpq connection parameters (`keepalives_idle`, …, `tcp_user_timeout`).
    var clientParameters: [(String, String)] {
        [("keepalives", "1"), ("keepalives_idle", String(idleSeconds)), ("keepalives_interval", String(intervalSeconds)),
         ("keepalives_count", String(count)), ("tcp_user_timeout", String(userTimeoutMilliseconds))]
    }

    /// The server's settings for the session (`tcp_user_timeout` exists from PostgreSQL 12).
    func serverSetting(serverVersion: Int) -> String? {
        guard serverVersion >= 120000 else { return nil }
        return "SET tcp_keepalives_idle = \(idleSeconds); SET tcp_keepalives_interval = \(intervalSeconds); "
            + "SET tcp_keepalives_count = \(count); SET tcp_user_timeout = \(userTimeoutMilliseconds)"
    }
}
