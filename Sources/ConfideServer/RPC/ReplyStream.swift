/// A reply written to the socket piece by piece (for `customer.export`), so a customer
/// with 100,000 messages is never held in memory as a whole reply, let alone twice.
///
/// If the handler fails before any byte reached the socket (up to `flushAt` bytes are
/// buffered first), the dispatcher sends an ordinary error reply instead; if it fails after,
/// the connection is closed so the client sees a truncated line rather than a wrong answer.
final class ReplyStream {
    private let prefix: [UInt8]
    private let send: ([UInt8]) -> Bool
    private var buffer: [UInt8] = []
    private(set) var started = false
    private(set) var broken = false
    private(set) var bytesSent = 0
    private static let flushAt = 64 * 1024

    /// `prefix` is `{"jsonrpc":"2.0","id":ID,"result":`.
    init(prefix: [UInt8], send: @escaping ([UInt8]) -> Bool) {
        self.prefix = prefix
        self.send = send
    }

    /// Appends bytes of the result value.
    func write(_ bytes: [UInt8]) {
        if !started {
            started = true
            buffer = prefix
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= ReplyStream.flushAt { flush() }
    }

    /// Closes the reply object and line.
    func finish() {
        write(Array("}\n".utf8))
        flush()
    }

    private func flush() {
        guard !broken, !buffer.isEmpty else { return }
        if send(buffer) { bytesSent += buffer.count } else { broken = true }
        buffer.removeAll(keepingCapacity: true)
    }
}
