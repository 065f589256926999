import ConfideCore
import ConfideJSON

/// `system.backup`: an online, consistent copy of keys.db and/or data.db made by the
/// daemon, which owns the connections and the state folder's lock (admin).
enum BackupMethods {
    static func table(store: TranscriptStore) -> [String: MethodSpec] {
        [
            "system.backup": MethodSpec(roles: [.admin]) { call in
                let p = try Params(call.params, allowed: ["to", "keys", "data"])
                let to = try p.string("to")
                let selection = TranscriptStore.BackupSelection(keys: try p.optionalBool("keys") ?? true, data: try p.optionalBool("data") ?? true)
                guard selection.keys || selection.data else { throw RPCError.invalidParams("keys", "keys and data are both false: nothing to copy") }
                var result = try store.backup(to: to, selection, context: call.context).json.objectValue ?? [:]
                result["to"] = .string(to)
                return .object(result)
            },
        ]
    }
}
