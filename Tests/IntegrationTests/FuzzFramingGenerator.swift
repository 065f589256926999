import ConfideJSON
import Foundation
import TestSupport

/// Seeded random request lines: JSON-RPC shapes from a small grammar with a random type for
/// each field, raw bytes (valid and invalid UTF-8), mutations of valid lines, batches, deep
/// nesting, huge numbers and long strings. Never a newline byte inside a line.
struct FuzzLineGenerator {
    var rng: SeededRandom
    static let methods = ["session.append", "session.put", "session.get", "session.list", "session.delete", "customer.export",
                          "customer.shred", "customer.hold", "customer.release", "keys.status", "keys.rotate", "audit.verify",
                          "audit.tail", "system.health", "system.stats"]
    static let fields = ["customer", "session", "messages", "metadata", "retention_days", "redact", "view", "purpose", "limit",
                         "after", "reason", "target"]
    static let words = ["fz-c0", "fz-c1", "fz-c2", "s0", "s1", "kek", "customer", "full", "redacted", "support", "ticket-1",
                        "agent", "bot", "system", "2024-05-01T10:00:00Z", "2024-02-30T25:00:00Z", "", " ", "é", "e\u{301}", "🙂",
                        "\u{7}", "null", "1", "[EMAIL_1]", "alice@example.com", "+1 415 555 0100"]
    static let numbers = ["0", "-0", "1", "7", "100", "1001", "-1", "1.5", "1e3", "1E+400", "-1e-400", "123456789012345678901234567890",
                          "9223372036854775807", "9223372036854775808", "0.000000000000000000001", "36500", "36501"]

    init(seed: UInt64, stream: Int) { rng = SeededRandom.derived(seed, stream) }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }
    mutating func pick<T>(_ list: [T]) -> T { list[int(0..<list.count)] }

    /// One line of the fuzz run.
    mutating func line() -> [UInt8] {
        switch int(0..<100) {
        case 0..<8: return rawBytes(int(0..<300))
        case 8..<20: return mutate(request())
        case 20..<27: return batch()
        case 27..<30: return deep()
        default: return request()
        }
    }

    mutating func rawBytes(_ n: Int) -> [UInt8] {
        (0..<n).map { _ in
            let b = UInt8(int(0..<256))
            return b == 0x0a ? 0x20 : b
        }
    }

    /// A byte flipped, dropped, inserted or a slice repeated, a few times.
    mutating func mutate(_ line: [UInt8]) -> [UInt8] {
        var b = line
        for _ in 0..<int(1..<4) where !b.isEmpty {
            let i = int(0..<b.count)
            switch int(0..<4) {
            case 0: b[i] ^= UInt8(1 << int(0..<8))
            case 1: b.remove(at: i)
            case 2: b.insert(UInt8(int(0..<256)), at: i)
            default: b.insert(contentsOf: b[i..<min(b.count, i + int(1..<20))], at: i)
            }
        }
        return b.map { $0 == 0x0a ? 0x0d : $0 }
    }

    mutating func batch() -> [UInt8] {
        let n = chance(10) ? 0 : int(1..<6)
        return Array("[".utf8) + (0..<n).map { _ in chance(85) ? request() : value(depth: 2) }.joined(separator: Array(",".utf8)) + Array("]".utf8)
    }

    /// Deep nesting, either bare or inside a request's params.
    mutating func deep() -> [UInt8] {
        let n = pick([10, 100, 511, 512, 513, 1000, 5000])
        let open = chance(50) ? "[" : #"{"a":"#
        let close = open == "[" ? "]" : "}"
        let nest = String(repeating: open, count: n) + "1" + String(repeating: close, count: n)
        if chance(50) { return Array(nest.utf8) }
        return Array(#"{"jsonrpc":"2.0","method":"session.append","id":1,"params":{"customer":"fz-c0","session":"s0","messages":[{"role":"agent","text":"deep","meta":"#.utf8)
            + Array(nest.utf8) + Array("}]}}".utf8)
    }

    /// A JSON-RPC-shaped object; each member present or not, each of a random type.
    mutating func request() -> [UInt8] {
        var members: [(String, [UInt8])] = []
        if chance(85) { members.append(("jsonrpc", chance(85) ? Array(#""2.0""#.utf8) : value(depth: 1))) }
        if chance(90) { members.append(("method", chance(75) ? quoted(pick(Self.methods)) : chance(50) ? string() : value(depth: 1))) }
        if chance(75) { members.append(("params", chance(75) ? params() : value(depth: 2))) }
        if chance(80) {
            let id: [UInt8]
            switch int(0..<6) {
            case 0: id = Array("null".utf8)
            case 1: id = string()
            case 2: id = Array(pick(Self.numbers).utf8)
            case 3: id = value(depth: 1)
            default: id = Array(String(int(0..<1_000_000)).utf8)
            }
            members.append(("id", id))
        }
        if chance(8) { members.append((pick(["extra", "ID", "Method", "jsonrpc", "id"]), value(depth: 1))) }  // may duplicate a name
        members.shuffle(using: &rng)
        return object(members)
    }

    /// Params of the methods' fields with random values (often plausible ones).
    mutating func params() -> [UInt8] {
        var members: [(String, [UInt8])] = []
        for f in Self.fields where chance(f == "customer" || f == "session" || f == "messages" ? 80 : 15) {
            let common = f == "customer" || f == "session"
            members.append((f, f == "messages" && chance(85) ? messages() : chance(common ? 90 : 60) ? plausible() : value(depth: 2)))
        }
        if chance(5) { members.append((pick(["unknown", "customer"]), value(depth: 1))) }
        return object(members)
    }

    mutating func messages() -> [UInt8] {
        let items = (0..<int(0..<5)).map { _ -> [UInt8] in
            var m: [(String, [UInt8])] = [("role", chance(80) ? quoted(pick(["customer", "agent", "bot", "system"])) : value(depth: 1)),
                                          ("text", chance(85) ? string() : value(depth: 1))]
            if chance(20) { m.append(("ts", chance(50) ? quoted(pick(Self.words)) : value(depth: 1))) }
            if chance(15) { m.append(("author", string())) }
            if chance(15) { m.append(("meta", value(depth: 3))) }
            return object(m)
        }
        return Array("[".utf8) + items.joined(separator: Array(",".utf8)) + Array("]".utf8)
    }

    mutating func plausible() -> [UInt8] {
        chance(70) ? quoted(pick(Self.words)) : chance(50) ? Array(pick(Self.numbers).utf8) : Array(pick(["true", "false", "null", "{}", "[]"]).utf8)
    }

    /// Any JSON value (sometimes not quite JSON: bad numbers, bare words, trailing commas).
    mutating func value(depth: Int) -> [UInt8] {
        switch int(0..<(depth > 0 ? 20 : 14)) {
        case 0, 1: return Array(pick(["null", "true", "false"]).utf8)
        case 2, 3, 4: return Array(pick(Self.numbers).utf8)
        case 5: return Array(pick(["01", "1.", ".5", "+1", "NaN", "Infinity", "-", "1e", "0x10", "tru", "nul"]).utf8)
        case 6..<14: return string()
        case 14..<17: return object((0..<int(0..<4)).map { _ in (pick(Self.fields + ["a", ""]), value(depth: depth - 1)) })
        case 17..<19: return Array("[".utf8) + (0..<int(0..<4)).map { _ in value(depth: depth - 1) }.joined(separator: Array(",".utf8)) + Array("]".utf8)
        default: return Array(pick(["[1,]", #"{"a":1,}"#, "[1 2]", #"{"a" 1}"#, "{'a':1}", "/*c*/1"]).utf8)
        }
    }

    /// A quoted string: words, escapes, long text, or broken encodings now and then.
    mutating func string() -> [UInt8] {
        switch int(0..<100) {
        case 0: return Array("\"".utf8) + rawBytes(int(1..<20)).map { $0 == 0x22 || $0 == 0x5c ? 0x41 : $0 } + Array("\"".utf8)  // raw bytes, maybe invalid UTF-8
        case 1: return Array(pick([#""\ud800""#, #""\udc00\ud800""#, #""\ud83d\ude00""#, #""\u0000""#, #""\x41""#, #""\u12""#, "\"tab\there\"", #""\/\b\f\n\r\t""#]).utf8)
        case 2: return quoted(String(repeating: pick(["a", "é", "🙂", "x "]), count: pick([1000, 50_000, 200_000])))
        case 3: return Array("\"".utf8) + [0xEF, 0xBB, 0xBF] + Array("bom\"".utf8)
        case 4: return Array("\"unterminated".utf8)
        default: return quoted(pick(Self.words) + (chance(30) ? String(int(0..<100)) : ""))
        }
    }

    func quoted(_ s: String) -> [UInt8] { JSONWriter.bytes(.string(s)) }

    /// An object text from members, with random whitespace between tokens now and then.
    mutating func object(_ members: [(String, [UInt8])]) -> [UInt8] {
        let ws: [UInt8] = chance(10) ? Array(pick([" ", "\t", "\r", " \r\t "]).utf8) : []
        var out = Array("{".utf8) + ws
        for (i, (k, v)) in members.enumerated() {
            if i > 0 { out += Array(",".utf8) + ws }
            out += quoted(k) + ws + Array(":".utf8) + ws + v
        }
        return out + ws + Array("}".utf8)
    }
}
