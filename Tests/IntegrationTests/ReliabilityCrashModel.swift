import ConfideJSON
import Foundation
import TestSupport

// The model of the crash-consistency test: each load thread owns one customer at a time
// (and every session of it), so what the daemon must hold for it is known exactly, up to
// the one operation the thread sent but never saw answered when the daemon was killed.

/// One session as the model expects it: message texts in seq order, and the put's metadata.
struct ModelSession: Sendable, Equatable, CustomStringConvertible {
    var texts: [String]
    var metadata: Int?
    var description: String {
        "\(texts.count) messages [\(texts.first ?? "")…\(texts.last ?? "")]" + (metadata.map { " v\($0)" } ?? "")
    }
}

/// A session that was deleted, or a customer that was shredded (with its sessions then).
struct ErasedRef: Sendable, Equatable {
    let customer: String
    let sessions: [String]
}

/// One operation a load thread sends.
enum LoadOp: Sendable, CustomStringConvertible {
    case append(session: String, texts: [String])
    case put(session: String, texts: [String], version: Int)
    case get(session: String)
    case delete(session: String)
    case shred
    case rotateKEK
    case rotateCustomer

    var description: String {
        switch self {
        case let .append(s, t): return "append(\(s), \(t.count) messages from \(t.first ?? ""))"
        case let .put(s, t, v): return "put(\(s), \(t.count) messages, v\(v))"
        case let .get(s): return "get(\(s))"
        case let .delete(s): return "delete(\(s))"
        case .shred: return "shred"
        case .rotateKEK: return "keys.rotate kek"
        case .rotateCustomer: return "keys.rotate customer"
        }
    }
}

/// Everything one load thread owns, and what the daemon must answer for it.
struct OwnedState: Sendable, Equatable {
    let thread: Int
    /// The current customer is `rc-t<thread>-g<generation>`; a shred moves to the next one.
    var generation = 0
    /// True once a write to the current customer was acknowledged (its keys exist).
    var created = false
    var sessions: [String: ModelSession] = [:]
    var deleted: [ErasedRef] = []
    var shredded: [ErasedRef] = []
    /// Highest KEK version a `keys.rotate` acknowledged.
    var maxKEK = 0
    /// Counters for unique texts and session names (advanced even for ops left in doubt).
    var counter = 0

    init(thread: Int) { self.thread = thread }

    var customer: String { "rc-t\(thread)-g\(generation)" }

    /// Chooses the next operation (weights: append 40, put 15, get 10, delete 10, shred 3,
    /// rotations 3 + 3), advancing the counters.
    mutating func nextOp(_ rng: inout SeededRandom) -> LoadOp {
        counter += 1
        let live = sessions.keys.sorted()
        func target() -> String {
            if let s = live.randomElement(using: &rng), Int.random(in: 0..<10, using: &rng) < 7 { return s }
            counter += 1
            return "s\(counter)"
        }
        func texts(_ n: Int) -> [String] {
            (0..<n).map { k in
                let pad = Int.random(in: 0..<20, using: &rng) == 0 ? " " + String(repeating: "x", count: Int.random(in: 500...6000, using: &rng)) : ""
                return "t\(thread)-o\(counter)-\(k)\(pad)"
            }
        }
        let r = Int.random(in: 0..<84, using: &rng)
        switch r {
        case 40..<55: return .put(session: target(), texts: texts(Int.random(in: 0...12, using: &rng)), version: counter)
        case 55..<65 where !live.isEmpty: return .get(session: live.randomElement(using: &rng)!)
        case 65..<75 where !live.isEmpty: return .delete(session: live.randomElement(using: &rng)!)
        case 75..<78 where created: return .shred
        case 78..<81: return .rotateKEK
        case 81..<84 where created: return .rotateCustomer
        default: return .append(session: target(), texts: texts(Int.random(in: 1...5, using: &rng)))
        }
    }

    /// The method and params of `op` for the current customer.
    func request(_ op: LoadOp) -> (String, JSONObject) {
        let c = customer
        func msgs(_ t: [String]) -> [JSONValue] { t.enumerated().map { message($0.element, role: $0.offset % 2 == 0 ? "customer" : "agent") } }
        switch op {
        case let .append(s, t): return ("session.append", sessionParams(c, s, msgs(t)))
        case let .put(s, t, v):
            var p = sessionParams(c, s, msgs(t))
            p["metadata"] = ["v": .int(v)]
            return ("session.put", p)
        case let .get(s): return ("session.get", ids(c, s))
        case let .delete(s): return ("session.delete", ids(c, s))
        case .shred: return ("customer.shred", ["customer": .string(c), "reason": .string("crash-test \(c)")])
        case .rotateKEK: return ("keys.rotate", ["target": "kek"])
        case .rotateCustomer: return ("keys.rotate", ["target": "customer", "customer": .string(c)])
        }
    }

    /// Why `reply` is not the answer the model expects for `op` (nil when it is).
    func problem(with reply: Reply, for op: LoadOp) -> String? {
        guard let r = reply.result else { return "error reply \(reply)" }
        switch op {
        case let .append(s, t):
            let before = sessions[s]?.texts.count ?? 0
            if r["first_seq"]?.intValue != before + 1 || r["count"]?.intValue != before + t.count {
                return "append acknowledged as \(r), model has \(before) messages before it"
            }
        case let .put(_, t, _):
            if r["count"]?.intValue != t.count { return "put of \(t.count) acknowledged as \(r)" }
        case let .get(s):
            guard let observed = ObservedSession(r) else { return "malformed transcript \(r)" }
            if observed.session != sessions[s] { return "get(\(s)) read \(observed.session), model \(sessions[s].map { "\($0)" } ?? "absent")" }
        case .delete:
            if r["deleted"] != .bool(true) { return "delete answered \(r)" }
        case .shred:
            let messages = sessions.values.reduce(0) { $0 + $1.texts.count }
            if r["sessions"]?.intValue != sessions.count || r["messages"]?.intValue != messages || r["signature"]?.stringValue == nil {
                return "shred receipt \(r) but the model has \(sessions.count) sessions, \(messages) messages"
            }
        case .rotateKEK:
            if (r["version"]?.intValue ?? 0) < 2 { return "kek rotation answered \(r)" }
        case .rotateCustomer:
            if (r["generation"]?.intValue ?? 0) < 2 { return "customer rotation answered \(r)" }
        }
        return nil
    }

    /// The state after `op` took effect.
    func applying(_ op: LoadOp, reply: Reply? = nil) -> OwnedState {
        var s = self
        switch op {
        case let .append(name, t):
            s.sessions[name, default: ModelSession(texts: [], metadata: nil)].texts += t
            s.created = true
        case let .put(name, t, v):
            s.sessions[name] = ModelSession(texts: t, metadata: v)
            s.created = true
        case let .delete(name):
            s.sessions[name] = nil
            s.deleted.append(ErasedRef(customer: customer, sessions: [name]))
        case .shred:
            s.shredded.append(ErasedRef(customer: customer, sessions: sessions.keys.sorted() + s.deleted.filter { $0.customer == customer }.flatMap(\.sessions)))
            s.sessions = [:]
            s.generation += 1
            s.created = false
        case .rotateKEK:
            s.maxKEK = max(s.maxKEK, reply?.result?["version"]?.intValue ?? 0)
        case .get, .rotateCustomer:
            break
        }
        return s
    }
}

/// A session as read back: texts in seq order (seqs checked to be 1...n) and metadata.
struct ObservedSession {
    let name: String
    let session: ModelSession
    init?(_ transcript: JSONValue) {
        guard let name = transcript["session"]?.stringValue, let messages = transcript["messages"]?.arrayValue,
              transcript["count"]?.intValue == messages.count else { return nil }
        var texts: [String] = []
        for (i, m) in messages.enumerated() {
            guard m["seq"]?.intValue == i + 1, let t = m["text"]?.stringValue else { return nil }
            texts.append(t)
        }
        var version: Int? = nil
        if let meta = transcript["metadata"], !meta.isNull {
            guard let v = meta["v"]?.intValue else { return nil }
            version = v
        }
        self.name = name
        session = ModelSession(texts: texts, metadata: version)
    }
}

/// What `customer.export` showed of a customer: gone (-32004) or its sessions.
struct ObservedCustomer: CustomStringConvertible {
    var gone: Bool
    var sessions: [String: ModelSession]
    var description: String {
        gone ? "customer not found" : "{" + sessions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// Whether this observation is what `candidate` predicts for the customer `before` used.
    func matches(_ candidate: OwnedState, before: OwnedState) -> Bool {
        if candidate.generation != before.generation { return gone }  // the shred took effect
        if gone { return candidate.sessions.isEmpty && !candidate.created }
        return sessions == candidate.sessions
    }
}
