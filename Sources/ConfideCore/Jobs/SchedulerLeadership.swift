import Foundation

/// Which daemon runs the scheduler's jobs (KEK rotation, re-wrap, KEK destruction,
/// retention, purges, audit pruning) when several could: exactly one at a time, so no two
/// daemons rotate at once or re-wrap the same DEK. The embedded store has one daemon per
/// state folder, which always leads (`SoleSchedulerLeader`); on PostgreSQL the leader holds
/// an advisory lock on a session of its own (`PostgresSchedulerLeadership`), which the
/// server ends with the leader's process, so another daemon takes over within seconds of a
/// crash.
package protocol SchedulerLeadership: AnyObject, Sendable {
    /// Takes the lead, or confirms that this daemon still holds it; false when another
    /// daemon leads or the store cannot be asked (then this daemon runs no job). Called by
    /// the scheduler thread only, before every run.
    func holdLead() -> SchedulerRole
    /// Gives the lead back (at close), so another daemon takes over at once.
    func resign()
    /// How often a daemon that does not lead tries again, in seconds: how long a crashed
    /// leader's jobs wait at most beyond the moment the server ends its session.
    var followerPollSeconds: Double { get }
}

/// What `keys.status` says about the scheduler's leadership.
public struct SchedulerRole: Sendable, Equatable {
    /// Whether this daemon runs the jobs.
    public var leads: Bool
    /// Who leads, as the store knows it ("confide on host pid 1234"); nil when nobody
    /// does or the store cannot be asked.
    public var leader: String?
    /// Why this daemon does not lead when nobody else is known to (the store is away).
    public var problem: String?

    package init(leads: Bool, leader: String?, problem: String? = nil) {
        self.leads = leads
        self.leader = leader
        self.problem = problem
    }

    /// How this daemon names itself to the store and to operators: host and process id.
    package static let thisDaemon: String = {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count) == 0 ? String(cString: name) : "unknown-host"
        return "confide on \(host) pid \(getpid())"
    }()
}

/// The embedded store's leadership: one daemon per state folder (its lock), which leads.
package final class SoleSchedulerLeader: SchedulerLeadership {
    package init() {}
    package func holdLead() -> SchedulerRole { SchedulerRole(leads: true, leader: SchedulerRole.thisDaemon) }
    package func resign() {}
    package var followerPollSeconds: Double { 60 }
}
