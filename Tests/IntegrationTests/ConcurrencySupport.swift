import ConfideJSON
import Foundation
import TestSupport

/// Runs `body(i)` for i in 0..<count, each on its own thread (blocking socket I/O needs
/// real threads, not a pool sized by the core count), all released together. Returns
/// false if they did not all finish within `timeout` seconds.
func runOnThreads(_ count: Int, timeout: Double = 120, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
    let group = DispatchGroup()
    let gate = DispatchSemaphore(value: 0)
    for i in 0..<count {
        group.enter()
        let thread = Thread {
            gate.wait()
            body(i)
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    for _ in 0..<count { gate.signal() }
    return group.wait(timeout: .now() + timeout) == .success
}

/// One acknowledged append: who sent it, where, the seq the daemon gave it, and its texts.
struct Ack: Sendable {
    let client: Int
    let order: Int
    let customer: String
    let session: String
    let firstSeq: Int
    let texts: [String]
}

/// Appends of a load run: acknowledged ones, and ones whose outcome the client never learned.
struct LoadRecord: Sendable {
    var acks: [Ack] = []
    var inDoubt: [String: [String]] = [:]  // "customer/session" -> texts sent without a reply
    var failures: [String] = []
}

/// Checks a session read back after a load run: every acknowledged text exactly once at the
/// seq its reply gave, texts in doubt at most once, nothing else, and `count` consistent.
/// Returns problems as text (empty when all is well).
func verifySession(_ transcript: JSONValue, acks: [Ack], inDoubt: [String]) -> [String] {
    var problems: [String] = []
    let messages = transcript["messages"]?.arrayValue ?? []
    if transcript["count"]?.intValue != messages.count { problems.append("count \(transcript["count"].map { "\($0)" } ?? "nil") != \(messages.count) messages") }
    var seqOf: [String: Int] = [:]
    var seqs: [Int] = []
    for m in messages {
        guard let text = m["text"]?.stringValue, let seq = m["seq"]?.intValue else { problems.append("malformed message \(m)"); continue }
        if seqOf[text] != nil { problems.append("\(text) stored twice") }
        seqOf[text] = seq
        seqs.append(seq)
    }
    if seqs != Array(stride(from: 1, through: seqs.count, by: 1)) { problems.append("seqs are not 1...n in order") }
    var expected = Set<String>()
    for ack in acks {
        for (k, text) in ack.texts.enumerated() {
            expected.insert(text)
            if seqOf[text] != ack.firstSeq + k {
                problems.append("\(text): acknowledged at seq \(ack.firstSeq + k), found at \(seqOf[text].map(String.init) ?? "nowhere")")
            }
        }
    }
    let doubtful = Set(inDoubt)
    for text in seqOf.keys where !expected.contains(text) && !doubtful.contains(text) { problems.append("unexpected message \(text)") }
    return problems
}
