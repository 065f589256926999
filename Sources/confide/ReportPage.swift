import ConfideJSON

/// The privacy report as one self-contained HTML page for a person to read at a glance:
/// inline CSS, charts as inline SVG, no script, no external URL (it can be mailed,
/// archived, or opened on an air-gapped machine). Built from `PrivacyReport`'s JSON only.
enum ReportPage {
    static func html(_ r: JSONObject) -> String {
        let chain = r["audit_chain"]?.objectValue ?? [:], erasures = r["erasures"]?.objectValue ?? [:]
        let keys = r["keys"]?.objectValue ?? [:], retention = r["retention"]?.objectValue ?? [:]
        let reads = r["reads"]?.objectValue ?? [:], refused = r["refused"]?.objectValue ?? [:]
        let redactions = r["redactions"]?.objectValue ?? [:], holds = r["holds"]?.objectValue ?? [:]
        let chainOK = chain["ok"]?.boolValue == true
        let keysPast = (keys["kek_past_cryptoperiod"]?.intValue ?? 0) + (keys["dek_past_cryptoperiod"]?.intValue ?? 0)
        let pending = erasures["receipts_pending"]?.intValue ?? 0
        let invalid = (erasures["receipts_signed"]?.intValue ?? 0) - (erasures["receipts_valid"]?.intValue ?? 0)

        var b = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Confide privacy report</title>
            <style>\(css)</style></head><body>
            <header><h1>Confide privacy report</h1>
            <p>\(e(r["state_dir"]?.stringValue ?? "")) · generated \(e(r["generated_at"]?.stringValue ?? "")) ·
            activity since \(e(r["since"]?.stringValue ?? "the oldest audit entry"))</p></header>

            """
        b += chainOK
            ? "<div class=\"banner ok\">Audit chain verified: \(n(chain["entries"])) entries, \(n(chain["checkpoints"])) signed checkpoints "
                + "(key \(e(String((chain["public_key"]?.stringValue ?? "").prefix(16))))…), \(n(chain["unsigned_tail"])) entries after the last signature.</div>\n"
            : "<div class=\"banner bad\">Audit chain BROKEN at entry \(n(chain["first_bad_seq"])): \(e(chain["problem"]?.stringValue ?? "")). "
                + "The figures below come from a log that cannot be trusted.</div>\n"
        b += "<section class=\"tiles\">\n"
        b += tile("Erasures", n(erasures["count"]), "\(n(erasures["receipts_valid"])) signed receipts", pending + invalid > 0 ? .warn : .ok)
        b += tile("Legal holds", n(holds["active"]), "active now", .neutral)
        b += tile("Keys past cryptoperiod", String(keysPast),
                  "\(n(keys["kek_past_cryptoperiod"])) KEK · \(n(keys["dek_past_cryptoperiod"])) customer DEKs", keysPast > 0 ? .warn : .ok)
        b += tile("Past retention", n(retention["past_retention"]), "+\(n(retention["past_retention_held"])) kept under hold",
                  (retention["past_retention"]?.intValue ?? 0) > 0 ? .warn : .ok)
        b += tile("Reads", n(reads["total"]), "\(n(reads["without_purpose"])) without a purpose", .neutral)
        b += tile("Redactions", String(sum(redactions["by_type"])), "in \(n(redactions["writes"])) writes", .neutral)
        b += tile("Refused / failed calls", n(refused["total"]), "\(n(refused["forbidden"])) forbidden · \(n(refused["legal_hold"])) legal hold",
                  (refused["forbidden"]?.intValue ?? 0) > 0 ? .warn : .neutral)
        b += "</section>\n<section class=\"charts\">\n"
        b += chart("Reads by role", reads["by_role"], color: "#2563eb")
        b += chart("Reads by purpose", reads["by_purpose"], color: "#0891b2")
        b += chart("Redactions by type", redactions["by_type"], color: "#7c3aed")
        b += chart("Refused or failed calls by error code", refused["by_code"], color: "#dc2626")
        b += "</section>\n"

        let items = erasures["items"]?.arrayValue ?? []
        b += "<h2>Erasures</h2>\n"
        if let t = erasures["request_to_erasure_ms"]?.objectValue {
            b += "<p>Time from the shred request to the erasure point: median \(ms(t["median"])), slowest \(ms(t["max"])).</p>\n"
            b += chart("Request to erasure point (ms), per erasure", .object(JSONObject(items.compactMap { i in
                i["request_to_erasure_ms"]?.intValue.map { (String((i["customer_ref"]?.stringValue ?? "").prefix(8)) + "…", JSONValue.int($0)) }
            })), color: "#059669", wide: true)
        }
        b += table(["Customer (pseudonym)", "Reason", "Erased at", "Sessions", "Messages", "Keys destroyed", "Request → erasure", "Receipt"],
                   items.map { i in
                       [String((i["customer_ref"]?.stringValue ?? "").prefix(16)) + "…", i["reason"]?.stringValue ?? "", i["shredded_at"]?.stringValue ?? "",
                        n(i["sessions"]), n(i["messages"]), n(i["keys_destroyed"]), ms(i["request_to_erasure_ms"]), i["receipt"]?.stringValue ?? ""]
                   }, empty: "No erasure in this period.")
        b += "<h2>Legal holds</h2>\n"
        b += table(["Customer (pseudonym)", "Held since", "Days"], (holds["items"]?.arrayValue ?? []).map {
            [String(($0["customer_ref"]?.stringValue ?? "").prefix(16)) + "…",
             ($0["held_since"]?.stringValue ?? "") + ($0["release_pending"]?.boolValue == true ? " (release pending: still held)" : ""), n($0["days"])]
        }, empty: "No customer is under legal hold.")
        b += "<h2>Keys</h2>\n<p>Cryptoperiods: KEK \(n(r["policy"]?["kek_rotation_days"])) days, customer DEK "
            + "\(r["policy"]?["dek_rotation_days"]?.intValue.map { "\($0) days" } ?? "no limit") (a DEK is replaced on its customer's next write). "
            + "\(n(keys["customers"])) customers; oldest newest-DEK \(n(keys["oldest_dek_age_days"])) days.</p>\n"
        b += table(["KEK version", "State", "Created", "Age (days)", "Past cryptoperiod"], (keys["kek"]?.arrayValue ?? []).map {
            [n($0["version"]), $0["state"]?.stringValue ?? "", $0["created_at"]?.stringValue ?? "", n($0["age_days"]),
             $0["past_cryptoperiod"]?.boolValue == true ? "yes" : "no"]
        }, empty: "No KEK.")
        b += "<h2>Retention</h2>\n<p>\(n(retention["sessions"])) sessions stored, \(n(retention["with_retention"])) with a retention period; "
            + "\(n(retention["past_retention"])) past it and not held (oldest \(n(retention["oldest_overdue_days"])) days overdue), "
            + "\(n(retention["past_retention_held"])) past it but kept under legal hold.</p>\n"
        b += "<footer>Read from keys.db and data.db without the master key: no transcript was decrypted to make this report. "
            + "Audit log from seq \(n(chain["first_seq"])) (\(e(chain["oldest_entry_at"]?.stringValue ?? "none"))) to "
            + "\(e(chain["newest_entry_at"]?.stringValue ?? "none")); pruned up to seq \(n(chain["pruned_to"])).</footer>\n</body></html>\n"
        return b
    }

    static let css = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#f3f4f6;margin:0;padding:24px 32px}
        header h1{margin:0 0 4px;font-size:26px}header p{margin:0 0 16px;color:#4b5563}
        h2{font-size:19px;margin:28px 0 8px}
        .banner{padding:12px 16px;border-radius:8px;font-weight:600;margin-bottom:18px}
        .banner.ok{background:#dcfce7;color:#14532d;border:1px solid #86efac}.banner.bad{background:#fee2e2;color:#7f1d1d;border:2px solid #dc2626}
        .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px}
        .tile{background:#fff;border-radius:8px;padding:12px 14px;border-top:5px solid #9ca3af;box-shadow:0 1px 2px #0000001a}
        .tile.ok{border-top-color:#16a34a}.tile.warn{border-top-color:#f59e0b}
        .tile .v{font-size:32px;font-weight:700}.tile .k{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#4b5563}
        .tile .s{font-size:13px;color:#6b7280}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px;margin-top:16px}
        figure{background:#fff;border-radius:8px;margin:0;padding:12px 14px;box-shadow:0 1px 2px #0000001a}
        figcaption{font-weight:600;margin-bottom:6px}
        table{border-collapse:collapse;background:#fff;width:100%;font-size:14px;box-shadow:0 1px 2px #0000001a}
        th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e5e7eb}th{background:#e5e7eb}
        .empty{color:#6b7280;font-style:italic}footer{margin-top:28px;color:#6b7280;font-size:13px}
        """

    enum Tone: String { case ok, warn, neutral }

    static func tile(_ title: String, _ value: String, _ sub: String, _ tone: Tone) -> String {
        "<div class=\"tile \(tone.rawValue)\"><div class=\"k\">\(e(title))</div><div class=\"v\">\(e(value))</div><div class=\"s\">\(e(sub))</div></div>\n"
    }

    /// A horizontal bar chart of a name → count object, as inline SVG.
    static func chart(_ title: String, _ values: JSONValue?, color: String, wide: Bool = false) -> String {
        let rows = (values?.objectValue?.members ?? []).map { ($0.key, $0.value.intValue ?? 0) }
        var s = "<figure\(wide ? " style=\"max-width:900px\"" : "")><figcaption>\(e(title))</figcaption>\n"
        guard !rows.isEmpty else { return s + "<p class=\"empty\">None.</p></figure>\n" }
        let width = 440, label = 150, bar = 20, gap = 8
        let height = rows.count * (bar + gap) + gap
        let largest = max(1, rows.map(\.1).max() ?? 1)
        s += "<svg width=\"\(width)\" height=\"\(height)\" style=\"max-width:100%;height:auto\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(e(title))\">\n"
        for (i, (name, value)) in rows.enumerated() {
            let y = gap + i * (bar + gap)
            let w = max(2, (width - label - 60) * value / largest)
            s += "<text x=\"\(label - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" font-size=\"13\" fill=\"#374151\">\(e(String(name.prefix(20))))</text>"
            s += "<rect x=\"\(label)\" y=\"\(y)\" width=\"\(w)\" height=\"\(bar)\" rx=\"3\" fill=\"\(color)\"/>"
            s += "<text x=\"\(label + w + 6)\" y=\"\(y + 15)\" font-size=\"13\" fill=\"#111827\">\(value)</text>\n"
        }
        return s + "</svg></figure>\n"
    }

    static func table(_ head: [String], _ rows: [[String]], empty: String) -> String {
        guard !rows.isEmpty else { return "<p class=\"empty\">\(e(empty))</p>\n" }
        var s = "<table><tr>" + head.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for r in rows { s += "<tr>" + r.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        return s + "</table>\n"
    }

    static func n(_ v: JSONValue?) -> String { v?.intValue.map(String.init) ?? "–" }
    static func ms(_ v: JSONValue?) -> String { v?.intValue.map { "\($0) ms" } ?? "–" }
    static func sum(_ v: JSONValue?) -> Int { (v?.objectValue?.members ?? []).reduce(0) { $0 + ($1.value.intValue ?? 0) } }

    /// HTML-escapes text for element content and attribute values.
    static func e(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
