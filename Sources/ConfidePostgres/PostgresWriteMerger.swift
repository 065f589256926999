/// Deferred writes to different tables, joined into one statement
/// (`WITH w1 AS (write 1), w2 AS (write 2) write 3`).
///
/// Why: on the group-commit writer's connection an append is three writes (its chunk, its
/// session row, its audit entry), and PostgreSQL spends more on each statement's bind,
/// portal and executor start than on the row itself. One statement per append is what the
/// raw-libpq baseline does (`bench --scenario postgresql-baseline --statements one,per-row`
/// measures the difference); this gives the daemon the same without Core knowing SQL.
///
/// When a join means the same as the writes one after another: every data-modifying part of
/// a statement sees the snapshot taken before the statement, so a part never sees another
/// part's rows, and the same row changed twice in one statement is undefined. So a write
/// joins only when it is a plain `INSERT INTO`, `UPDATE` or `DELETE FROM` of a table no other
/// part of the statement touches, with no `RETURNING` (nobody reads a deferred write's
/// answer), no `ON CONFLICT` (whose outcome depends on rows other parts write) and no
/// `WITH` or string literal (the `$n` renumbering reads the text as plain tokens).
/// Anything else closes the statement being joined and goes out as it is. The rule assumes
/// that a write reads no other table: a trigger, a foreign key or a subquery that does would
/// see that table as it was before the statement, not after the parts before it.
struct PostgresWriteMerger {
    private(set) var sqls: [String] = []
    private(set) var values: [PostgresValue] = []
    private var parameterCounts: [Int] = []
    private var tables: Set<Substring> = []
    /// Joined SQL texts already built, by their parts.
    private var joined: [[String]: String] = [:]
    /// `joinableTable` of each SQL text seen (the writer's few), "" for none.
    private var tableOf: [String: Substring] = [:]

    var isEmpty: Bool { sqls.isEmpty }

    /// Adds the write when it can join the statement being built; false when it cannot
    /// (then `take` what is built, and add it again or send it as it is).
    mutating func add(_ sql: String, _ values: [PostgresValue]) -> Bool {
        guard let table = table(sql), !tables.contains(table) else { return false }
        tables.insert(table)
        sqls.append(sql)
        parameterCounts.append(values.count)
        self.values += values
        return true
    }

    /// The statement built so far (nil when empty), and a fresh start.
    mutating func take() -> (sql: String, values: [PostgresValue])? {
        guard !sqls.isEmpty else { return nil }
        defer { discard() }
        if sqls.count == 1 { return (sqls[0], values) }
        if let sql = joined[sqls] { return (sql, values) }
        let sql = Self.join(sqls, parameterCounts: parameterCounts)
        if joined.count < 256 { joined[sqls] = sql }  // the writer's few shapes; never unbounded
        return (sql, values)
    }

    /// Forgets what is built (a rollback: none of it was sent).
    mutating func discard() {
        sqls.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        parameterCounts.removeAll(keepingCapacity: true)
        tables.removeAll(keepingCapacity: true)
    }

    private mutating func table(_ sql: String) -> Substring? {
        if let known = tableOf[sql] { return known.isEmpty ? nil : known }
        let table = Self.joinableTable(sql)
        if tableOf.count < 256 { tableOf[sql] = table ?? "" }
        return table
    }

    /// The table a joinable write changes, or nil when the write may not join (see the type).
    static func joinableTable(_ sql: String) -> Substring? {
        let upper = sql.uppercased()
        guard !upper.contains("RETURNING"), !upper.contains("ON CONFLICT"), !upper.contains("WITH"),
              !sql.contains("'"), !sql.contains("\""), !sql.contains(";") else { return nil }
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" }).prefix(3)
        guard words.count == 3 else { return nil }
        switch (words[0].uppercased(), words[1].uppercased()) {
        case ("INSERT", "INTO"), ("DELETE", "FROM"): return words[2]
        case ("UPDATE", _): return words[1]
        default: return nil
        }
    }

    /// `WITH w1 AS (sqls[0]), … sqls.last`, each part's `$n` moved past the parameters of the
    /// parts before it (`parameterCounts`: how many each part is given).
    static func join(_ sqls: [String], parameterCounts: [Int]) -> String {
        var out = "WITH "
        var offset = 0
        for (i, sql) in sqls.enumerated() {
            let renumbered = renumbered(sql, by: offset)
            offset += parameterCounts[i]
            if i < sqls.count - 1 {
                out += (i > 0 ? ", " : "") + "w\(i + 1) AS (" + renumbered + ")"
            } else {
                out += " " + renumbered
            }
        }
        return out
    }

    /// `sql` with every `$n` written `$(n + offset)`.
    static func renumbered(_ sql: String, by offset: Int) -> String {
        var out = ""
        var i = sql.startIndex
        while i < sql.endIndex {
            let c = sql[i]
            out.append(c)
            i = sql.index(after: i)
            guard c == "$" else { continue }
            var j = i
            while j < sql.endIndex, sql[j].isASCII, sql[j].isNumber { j = sql.index(after: j) }
            guard j > i, let n = Int(sql[i..<j]) else { continue }
            out += String(n + offset)
            i = j
        }
        return out
    }
}
