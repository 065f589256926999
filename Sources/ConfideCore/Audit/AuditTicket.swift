import Synchronization

/// The promise "every request gets exactly one audit entry", carried by the request.
///
/// The dispatcher opens a ticket per request and puts it in the request's `AuditContext`.
/// A store operation whose effect must commit together with its entry (a write, a read's
/// entry committed before the data is returned, a shred's receipt) writes the entry itself;
/// the writer marks the ticket once that entry is committed. When the request ends, the
/// dispatcher's `TranscriptStore.closeAudit` writes the entry of every request whose
/// ticket is still open — calls that did not reach the store, calls the store answered
/// without an entry (status, statistics), and failures before the store's write — with its
/// outcome. So a request is audited by exactly one of the two, and by at least one.
///
/// Only entries of the request's own method close it: a shred's `customer.shred.prepare`
/// entry, written on the way, does not. One request is covered by an earlier entry instead
/// (`coveredByEarlierEntry`): a poll of an `audit.tail` follow.
public final class AuditTicket: Sendable {
    /// The method whose entry closes this ticket.
    public let method: String
    private let recorded = Atomic<Bool>(false)

    public init(method: String) { self.method = method }

    /// Whether the request's entry has been committed.
    public var isRecorded: Bool { recorded.load(ordering: .acquiring) }

    /// Closes the ticket without an entry of its own, because an earlier entry stands for
    /// this request: an `audit.tail` poll of a follow, whose start was audited once (a
    /// follow polls every second; an entry per poll would flood the chain it reads).
    public func coveredByEarlierEntry() { recorded.store(true, ordering: .releasing) }

    /// Called by the writer after the commit that holds an entry for `method`.
    func committed(method: String) {
        if method == self.method { recorded.store(true, ordering: .releasing) }
    }
}
