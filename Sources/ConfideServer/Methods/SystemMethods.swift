import ConfideCore
import ConfideJSON

/// `system.*`: health for anyone, statistics for admins.
public enum SystemMethods {
    /// The release version, reported by `system.health` and `confide --version`.
    public static let version = "0.1.0"

    static func table(stats: ServerStats, unmappedRefusals: UnmappedRefusals, startedAt: Timestamp,
                      storeLost: @escaping @Sendable () -> Bool, storeUnreachable: @escaping @Sendable () -> String?,
                      extraStats: @escaping @Sendable () throws(StoreError) -> JSONObject) -> [String: MethodSpec] {
        [
            "system.health": MethodSpec(roles: [], audited: false) { call in
                _ = try Params(call.params, allowed: [])
                let uptime = Int((Timestamp.now().milliseconds - startedAt.milliseconds) / 1000)
                // Up, but serving nothing: a probe must take it out of rotation. For good (the
                // store lost to another daemon), or until the store answers again.
                let reason = storeLost() ? Self.storeLostReason : storeUnreachable()
                guard let reason else { return ["status": "ok", "version": .string(version), "uptime_s": .int(uptime)] }
                return ["status": "unavailable", "reason": .string(reason), "version": .string(version), "uptime_s": .int(uptime)]
            },
            "system.stats": MethodSpec(roles: [.admin]) { call in
                _ = try Params(call.params, allowed: [])
                return .object(try Self.stats(stats, unmappedRefusals, startedAt: startedAt, extraStats: extraStats))
            },
        ]
    }

    static let storeLostReason = "another confide daemon took this store while this daemon's connections were down; "
        + "this one serves nothing from it again: restart it once the other has stopped"

    /// The `system.stats` result, also what the metrics textfile is made from (not audited
    /// there: it names no customer, and a write every few seconds would flood the chain).
    static func stats(_ stats: ServerStats, _ unmappedRefusals: UnmappedRefusals, startedAt: Timestamp,
                      extraStats: @Sendable () throws(StoreError) -> JSONObject) throws(StoreError) -> JSONObject {
        var o = stats.json()
        o["unmapped_refusals"] = .object(unmappedRefusals.json())
        for (k, v) in try extraStats().members { o[k] = v }
        o["uptime_s"] = .double(Double(Timestamp.now().milliseconds - startedAt.milliseconds) / 1000)
        return o
    }
}
