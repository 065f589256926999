import ConfideCore

/// The session rows the writer's own committed groups left in the table, kept across
/// groups so that a group whose sessions are all here needs no read before its writes.
///
/// Why: a group was two round trips, `BEGIN` with the read of its sessions, then the
/// writes with `COMMIT`, and the first cost about a sixth of a group's time at 16 clients
/// (docs/benchmarks.md, "Session 14"). From this cache the group is one round trip: the
/// cached rows answer the jobs' lookups, and a check sent first in the same pipeline
/// (`PostgresConnection.readAhead(…, cached: true)`) finds each row in the table exactly as
/// cached, or fails the group before anything of it commits; the writer then runs it
/// again with the rows read. So a row changed behind the writer's back (another daemon,
/// another connection of this one, a restore) costs one rerun, never a stale write.
///
/// A row enters only as this connection wrote it (`pending`, from the statement's own
/// values), and only once its group committed; a rolled-back group clears the cache.
final class PostgresSessionCache {
    /// The rows as committed, by session and by row id.
    private(set) var rows: [SessionKey: SessionRow] = [:]
    private var keyOfID: [Int64: SessionKey] = [:]
    /// What the group in progress wrote: a row as its last write left it, or nil for a
    /// row it changed in a way not mirrored here (then forgotten at the commit).
    private var pending: [SessionKey: SessionRow?] = [:]
    private var pendingKeyOfID: [Int64: SessionKey] = [:]
    /// A savepoint of the group rolled back: some pending rows may not be in the table.
    private var pendingSpoiled = false
    /// Most rows kept; past it the cache starts again empty (a miss costs a read, as before).
    let capacity: Int

    init(capacity: Int = 16_384) { self.capacity = capacity }

    /// The row the group in progress last wrote for `id`, if mirrored here.
    func pendingRow(id: Int64) -> (key: SessionKey, row: SessionRow)? {
        guard let key = pendingKeyOfID[id], let row = pending[key] ?? nil else { return nil }
        return (key, row)
    }

    /// The group in progress wrote `row` for `key`, exactly as the table now holds it.
    func wrote(_ key: SessionKey, _ row: SessionRow) {
        pending[key] = .some(row)
        pendingKeyOfID[row.id] = key
    }

    /// The group in progress changed row `id` in a way not mirrored here (or deleted it):
    /// not cached, from now on.
    func forget(id: Int64) {
        if let key = pendingKeyOfID[id] ?? keyOfID[id] {
            pending[key] = .some(nil)
            if let old = rows.removeValue(forKey: key) { keyOfID.removeValue(forKey: old.id) }
        }
    }

    /// A savepoint of the group rolled back: its writes are not all in the table.
    func savepointRolledBack() { pendingSpoiled = true }

    /// The group committed: what it wrote is what the table holds.
    func groupCommitted() {
        defer { clearPending() }
        if pendingSpoiled {
            for key in pending.keys { remove(key) }
            return
        }
        if rows.count + pending.count > capacity { removeAll() }
        for (key, row) in pending {
            remove(key)
            if let row {
                rows[key] = row
                keyOfID[row.id] = key
            }
        }
    }

    /// The group rolled back (a failed check among the reasons): nothing cached is trusted.
    func groupRolledBack() { removeAll() }

    func removeAll() {
        rows.removeAll()
        keyOfID.removeAll()
        clearPending()
    }

    private func remove(_ key: SessionKey) {
        if let old = rows.removeValue(forKey: key) { keyOfID.removeValue(forKey: old.id) }
    }

    private func clearPending() {
        pending.removeAll(keepingCapacity: true)
        pendingKeyOfID.removeAll(keepingCapacity: true)
        pendingSpoiled = false
    }
}
