import ConfideJSON
import Glibc

extension ConfideClient {
    /// Follows the audit chain (role admin): hands each entry with `seq > after` to
    /// `handler`, oldest first, then each new one as it is written, until `handler` returns
    /// false. Polls `audit.tail` every `pollInterval` with a follow token, so the daemon
    /// audits the follow once, not every poll (docs/protocol.md, audit.tail). A token the
    /// daemon no longer knows (it restarted, or the follow was not polled for 60 s) is
    /// renewed from the last entry seen: nothing is lost or repeated.
    ///
    /// Calls are made one by one between pauses, so other calls on this client may run in
    /// between; `handler` runs outside the client's lock and may use it.
    public func followAudit(after: Int = 0, pollInterval: Duration = .seconds(1),
                            _ handler: (JSONValue) throws -> Bool) throws(ConfideClientError) {
        var last = after
        var token: JSONValue = true
        while true {
            let page: JSONValue
            do { page = try call("audit.tail", ["limit": 1000, "after": .int(last), "follow": token]) } catch {
                if let e = error.rpcError, e.code == .invalidParams, e.field == "follow", token != true {
                    token = true  // expired or unknown: open a new follow, audited once more
                    continue
                }
                throw error
            }
            guard let entries = page["entries"]?.arrayValue, let next = page["follow"] else {
                throw .malformedReply("audit.tail returned no entries or no follow token")
            }
            token = next
            for entry in entries {
                guard let seq = entry["seq"]?.intValue else { throw .malformedReply("an audit entry without seq") }
                last = seq
                let more: Bool
                do { more = try handler(entry) } catch { throw .handlerFailed(error) }
                if !more { return }
            }
            if entries.count < 1000 {
                let pause = Self.seconds(pollInterval)
                if pause > 0 { usleep(useconds_t(min(pause, 3600) * 1e6)) }
            }
        }
    }
}
