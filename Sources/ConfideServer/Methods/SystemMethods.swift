import ConfideCore
import ConfideJSON

/// `system.*`: health for anyone, statistics for admins.
public enum SystemMethods {
    /// The release version, reported by `system.health` and `confide --version`.
    public static let version = "0.1.0"

    static func table(dispatcher: Dispatcher, startedAt: Timestamp, extraStats: @escaping @Sendable () -> JSONObject) -> [String: MethodSpec] {
        [
            "system.health": MethodSpec(roles: [], audited: false) { call in
                _ = try Params(call.params, allowed: [])
                let uptime = Int((Timestamp.now().milliseconds - startedAt.milliseconds) / 1000)
                return ["status": "ok", "version": .string(version), "uptime_s": .int(uptime)]
            },
            "system.stats": MethodSpec(roles: [.admin]) { call in
                _ = try Params(call.params, allowed: [])
                var o = dispatcher.stats.json()
                o["unmapped_refusals"] = .object(dispatcher.unmappedRefusals.json())
                for (k, v) in extraStats().members { o[k] = v }
                try dispatcher.store.audit(call.context, customerRef: nil, outcome: nil)
                return .object(o)
            },
        ]
    }
}
