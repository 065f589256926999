import ConfideCore
import ConfideJSON

/// Typed access to a method's by-name parameters, each failure naming the field and the
/// rule (-32602). Unknown members are refused, so a misspelt option is never silently ignored.
struct Params {
    let object: JSONObject

    init(_ object: JSONObject, allowed: [String]) throws(RPCError) {
        for key in object.keys where !allowed.contains(key) {
            throw RPCError.invalidParams(String(key.prefix(64)), "unknown parameter (allowed: \(allowed.joined(separator: ", ")))")
        }
        self.object = object
    }

    func string(_ key: String) throws(RPCError) -> String {
        guard let v = object[key] else { throw RPCError.invalidParams(key, "required") }
        guard let s = v.stringValue else { throw RPCError.invalidParams(key, "must be a string") }
        return s
    }

    func optionalString(_ key: String) throws(RPCError) -> String? {
        guard let v = object[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw RPCError.invalidParams(key, "must be a string") }
        return s
    }

    func optionalBool(_ key: String) throws(RPCError) -> Bool? {
        guard let v = object[key], !v.isNull else { return nil }
        guard let b = v.boolValue else { throw RPCError.invalidParams(key, "must be true or false") }
        return b
    }

    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(RPCError) -> Int? {
        guard let v = object[key], !v.isNull else { return nil }
        guard let i = v.intValue, range.contains(i) else {
            throw RPCError.invalidParams(key, "must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return i
    }

    func optionalObject(_ key: String) throws(RPCError) -> JSONObject? {
        guard let v = object[key], !v.isNull else { return nil }
        guard let o = v.objectValue else { throw RPCError.invalidParams(key, "must be an object") }
        return o
    }

    func array(_ key: String, count range: ClosedRange<Int>) throws(RPCError) -> [JSONValue] {
        guard let v = object[key] else { throw RPCError.invalidParams(key, "required") }
        guard let a = v.arrayValue else { throw RPCError.invalidParams(key, "must be an array") }
        guard range.contains(a.count) else { throw RPCError.invalidParams(key, "must hold \(range.lowerBound)...\(range.upperBound) items (got \(a.count))") }
        return a
    }

    func customer() throws(RPCError) -> CustomerID {
        let s = try string("customer")
        return try mapped { () throws(StoreError) in try CustomerID(s) }
    }
    func session() throws(RPCError) -> SessionID {
        let s = try string("session")
        return try mapped { () throws(StoreError) in try SessionID(s) }
    }
    func purpose() throws(RPCError) -> Purpose? {
        guard let p = try optionalString("purpose") else { return nil }
        return try mapped { () throws(StoreError) in try Purpose(p) }
    }

    /// The `messages` array parsed as protocol Messages.
    func messages(count range: ClosedRange<Int>, receivedAt: Timestamp) throws(RPCError) -> [Message] {
        let items = try array("messages", count: range)
        var out: [Message] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            out.append(try mapped { () throws(StoreError) in try Message(json: item, field: "messages[\(i)]", receivedAt: receivedAt) })
        }
        return out
    }

    private func mapped<T>(_ body: () throws(StoreError) -> T) throws(RPCError) -> T {
        do { return try body() } catch { throw RPCError(error) }
    }
}

