import ConfideCrypto

/// Who made a call and why: the part of an audit entry the server knows before the store
/// runs. Holds no customer id, session id or text: only peer credentials and labels.
public struct AuditContext: Sendable {
    public var uid: UInt32?
    public var pid: Int32?
    /// The role the call was authorized under (nil when refused for lack of one).
    public var role: String?
    /// The JSON-RPC method, or an internal event name ("daemon.start", "job.kek-rotation").
    public var method: String
    /// The caller's stated purpose on reads.
    public var purpose: Purpose?
    /// What the call records beyond the fixed fields: a shred's reason, as given.
    public var detail: String?
    /// The request's promise of exactly one entry (nil for the daemon's own entries).
    public var ticket: AuditTicket?

    public init(uid: UInt32? = nil, pid: Int32? = nil, role: String? = nil, method: String, purpose: Purpose? = nil,
                detail: String? = nil, ticket: AuditTicket? = nil) {
        self.ticket = ticket
        self.uid = uid
        self.pid = pid
        self.role = role
        self.method = method
        self.purpose = purpose
        self.detail = detail
    }

    /// An entry for the daemon's own actions (start-up, shutdown, scheduler jobs).
    public static func daemon(_ event: String) -> AuditContext { AuditContext(role: "daemon", method: event) }
}

/// One row of the audit chain.
public struct AuditEntry: Equatable, Sendable {
    public var seq: Int
    public var timestamp: Timestamp
    public var uid: UInt32?
    public var pid: Int32?
    public var role: String?
    public var method: String
    public var purpose: String?
    /// The customer's random audit pseudonym (16 bytes), never its id.
    public var customerRef: [UInt8]?
    /// "ok" or the JSON-RPC error code.
    public var outcome: String
    /// BLAKE2b(previous hash ‖ canonical encoding of this entry).
    public var hash: [UInt8]
    /// A shred's reason (ticket), as given; nil for every other entry.
    public var detail: String? = nil

    /// The canonical encoding that is hashed: every field length-prefixed in a fixed
    /// order, absent fields as empty, so no two different entries encode the same. An
    /// entry with a `detail` is encoded as v2: the v1 fields, then the detail.
    public var canonicalBytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(128)
        func int(_ v: Int64) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
        appendLengthPrefixed(Array((detail == nil ? "confide.audit.v1" : "confide.audit.v2").utf8), to: &out)
        appendLengthPrefixed(int(Int64(seq)), to: &out)
        appendLengthPrefixed(int(timestamp.milliseconds), to: &out)
        appendLengthPrefixed(uid.map { int(Int64($0)) } ?? [], to: &out)
        appendLengthPrefixed(pid.map { int(Int64($0)) } ?? [], to: &out)
        appendLengthPrefixed(Array((role ?? "").utf8), to: &out)
        appendLengthPrefixed(Array(method.utf8), to: &out)
        appendLengthPrefixed(Array((purpose ?? "").utf8), to: &out)
        appendLengthPrefixed(customerRef ?? [], to: &out)
        appendLengthPrefixed(Array(outcome.utf8), to: &out)
        if let detail { appendLengthPrefixed(Array(detail.utf8), to: &out) }
        return out
    }

    /// The chain hash of an entry with this content following `previous`.
    public func chainHash(previous: [UInt8]) -> [UInt8] {
        var input = previous
        input.append(contentsOf: canonicalBytes)
        return BLAKE2b.hash(input, outputLength: 32)
    }

    /// The hash before the first entry of chain 0, the store's first chain.
    public static let genesisHash = [UInt8](repeating: 0, count: 32)

    /// The hash before the first entry of `chain`: zeros for chain 0 (every store's first
    /// chain, as it always was); for the chain of another daemon, a hash of its number, so
    /// every hash of a chain depends on which chain it is, and entries, checkpoints and
    /// MACs (which cover the head) cannot be moved from one chain to another.
    public static func genesisHash(chain: Int) -> [UInt8] {
        guard chain != 0 else { return genesisHash }
        var input = [UInt8]()
        appendLengthPrefixed(Array("confide.audit.chain.v1".utf8), to: &input)
        appendLengthPrefixed(withUnsafeBytes(of: Int64(chain).bigEndian) { Array($0) }, to: &input)
        return BLAKE2b.hash(input, outputLength: 32)
    }

    /// The bytes a checkpoint signature covers: the seq and head it vouches for.
    public static func checkpointMessage(seq: Int, head: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        appendLengthPrefixed(Array("confide.audit.checkpoint.v1".utf8), to: &out)
        appendLengthPrefixed(withUnsafeBytes(of: Int64(seq).bigEndian) { Array($0) }, to: &out)
        appendLengthPrefixed(head, to: &out)
        return out
    }
}

extension StoreError {
    /// The JSON-RPC error code of the protocol for this error.
    public var code: Int {
        switch self {
        case .invalidParameter: return -32602
        case .notFound, .erased: return -32004
        case .unavailable: return -32005
        case .integrity: return -32006
        case .legalHold: return -32007
        case .internal: return -32603
        }
    }
}
