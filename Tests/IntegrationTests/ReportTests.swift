import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// `confide report`: the figures match what a daemon was made to do through known calls,
/// the report names no customer id and no text, and the HTML page renders in a real
/// browser as a page a person can read (banner, tiles, charts).
final class ReportTests: DaemonTestCase {
    private let email1 = "ana.report@example.com", email2 = "bob.report@example.org", phone = "+44 20 7946 0958"

    /// Drives a daemon: 3 customers, 2 redacting writes (EMAIL 2, PHONE 1, CARD 1), 5
    /// successful reads (4 support, 1 legal), a hold and its refused shred, one erasure,
    /// and (as root) one forbidden call from a peer with no role. Returns the harness
    /// (daemon still running), the customer ids and the erasure receipt.
    private func drive() throws -> (DaemonHarness, [String], JSONValue) {
        let h = try startDaemon()
        let c = h.client()
        let a = unique("cust-a"), b = unique("cust-b"), gone = unique("cust-c")
        try ok(c, "session.append", sessionParams(a, "s1", [message("write to \(email1) or \(email2), or call \(phone)")]).merging(["redact": true]))
        var put = sessionParams(b, "s1", [message("card 5555 5555 5555 4444")])
        put["redact"] = true
        put["retention_days"] = 30
        try ok(c, "session.put", put)
        var shortLived = sessionParams(a, "s2", [message("kept ten days")])
        shortLived["retention_days"] = 10
        try ok(c, "session.put", shortLived)
        try ok(c, "session.append", sessionParams(gone, "s1", [message("to be erased")]))
        for _ in 0..<2 { try ok(c, "session.get", ids(a, "s1").merging(["purpose": "support"])) }
        try ok(c, "session.get", ids(b, "s1").merging(["purpose": "fraud-check"]))
        try ok(c, "session.list", ["customer": .string(a)])
        try ok(c, "customer.export", ["customer": .string(a), "purpose": "subject-access"])
        try ok(c, "customer.hold", ["customer": .string(b), "reason": "LIT-9"])
        try expectError(c, "customer.shred", ["customer": .string(b), "reason": "GDPR-8"], code: -32007)
        let receipt = try ok(c, "customer.shred", ["customer": .string(gone), "reason": "GDPR-7"])
        if getuid() == 0, let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: FileManager.default.isExecutableFile) {
            let copy = h.root.path + "/confide"
            try FileManager.default.copyItem(atPath: h.binary, toPath: copy)
            chmod(copy, 0o755)
            let r = try h.runCLI(["rpc", #"{"jsonrpc":"2.0","id":1,"method":"session.get","params":{"customer":"x","session":"y"}}"#,
                                  "--socket", h.socketPath],
                                 wrapper: [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"], binary: copy)
            XCTAssertTrue(r.stdout.contains("-32003"), "\(r)")
        }
        try ok(c, "audit.verify")  // signs the head, so the live chain verifies offline
        return (h, [a, b, gone], receipt)
    }

    private func report(_ h: DaemonHarness, _ extra: [String] = []) throws -> JSONValue {
        let r = try h.runCLI(["report", "--state-dir", h.stateDir, "--json"] + extra)
        XCTAssertEqual(r.status, 0, "\(r.stdout) \(r.stderr)")
        return try JSONParser.parse(r.stdout)
    }

    func testReportFiguresMatchTheCallsTheDaemonServed() throws {
        let (h, customers, receipt) = try drive()
        let r = try report(h)
        let forbidden = getuid() == 0 ? 1 : 0

        XCTAssertEqual(r["audit_chain"]?["ok"], true, "\(r["audit_chain"] ?? .null)")
        XCTAssertEqual(r["daemon_running"], true)
        XCTAssertEqual(r["erasures"]?["count"], 1)
        XCTAssertEqual(r["erasures"]?["receipts_valid"], 1)
        let erasure = r["erasures"]?["items"]?.arrayValue?.first
        XCTAssertEqual(erasure?["reason"], "GDPR-7")
        XCTAssertEqual(erasure?["customer_ref"], receipt["customer_ref"])
        XCTAssertEqual(erasure?["shredded_at"], receipt["shredded_at"])
        XCTAssertEqual(erasure?["audit_seq"], receipt["audit_seq"])
        XCTAssertEqual(erasure?["receipt"], "signed")
        XCTAssertEqual(erasure?["messages"], 1)
        // The request is the shred's `customer.shred.prepare` entry, before the erasure point.
        let wait = erasure?["request_to_erasure_ms"]?.intValue ?? -1
        XCTAssertTrue(wait >= 0 && wait < 60_000, "\(erasure ?? .null)")
        XCTAssertEqual(r["erasures"]?["request_to_erasure_ms"]?["max"]?.intValue, wait)

        XCTAssertEqual(r["holds"]?["active"], 1)
        XCTAssertEqual(r["redactions"]?["by_type"], ["EMAIL": 2, "CARD": 1, "PHONE": 1])
        XCTAssertEqual(r["redactions"]?["writes"], 2)
        XCTAssertEqual(r["reads"]?["total"], 5)
        XCTAssertEqual(r["reads"]?["by_role"], ["support": 4, "legal": 1])
        XCTAssertEqual(r["reads"]?["by_purpose"]?["support"], 2)
        XCTAssertEqual(r["reads"]?["by_purpose"]?["fraud-check"], 1)
        XCTAssertEqual(r["reads"]?["by_purpose"]?["subject-access"], 1)
        XCTAssertEqual(r["reads"]?["without_purpose"], 1)
        XCTAssertEqual(r["refused"]?["legal_hold"], 1)
        XCTAssertEqual(r["refused"]?["forbidden"]?.intValue, forbidden)
        XCTAssertEqual(r["refused"]?["by_code"]?["-32007"], 1)
        // Nothing is past a cryptoperiod or its retention on a fresh daemon.
        XCTAssertEqual(r["keys"]?["kek_past_cryptoperiod"], 0)
        XCTAssertEqual(r["keys"]?["dek_past_cryptoperiod"], 0)
        XCTAssertEqual(r["keys"]?["customers"], 2)
        XCTAssertEqual(r["retention"]?["past_retention"], 0)
        XCTAssertEqual(r["retention"]?["with_retention"], 2)

        // No customer id and no text reaches the report.
        let text = JSONWriter.string(r)
        for secret in customers + [email1, email2, phone, "5555", "to be erased"] {
            XCTAssertFalse(text.contains(secret), "the report contains \(secret)")
        }
        // A `confide backup` folder reports the same figures (its files checked against the manifest).
        let backup = h.root.path + "/backup"
        try ok(h.client(), "system.backup", ["to": .string(backup)])
        let copy = try h.runCLI(["report", "--state-dir", backup, "--json"])
        XCTAssertEqual(copy.status, 0, "\(copy)")
        let fromBackup = try JSONParser.parse(copy.stdout)
        for section in ["erasures", "holds", "redactions", "refused"] { XCTAssertEqual(fromBackup[section], r[section], section) }
        XCTAssertEqual(fromBackup["reads"]?["by_role"], r["reads"]?["by_role"])
        XCTAssertEqual(fromBackup["daemon_running"], false)

        // --since after everything: no activity, no erasure; the state figures stay.
        let later = try report(h, ["--since", "2999-01-01"])
        XCTAssertEqual(later["reads"]?["total"], 0)
        XCTAssertEqual(later["erasures"]?["count"], 0)
        XCTAssertEqual(later["redactions"]?["writes"], 0)
        XCTAssertEqual(later["holds"]?["active"], 1)
    }

    /// Time passing, as a stopped daemon's clear timestamps show it 100 days on: both
    /// sessions with a retention are past it (the held customer's one kept under hold),
    /// the KEK and both live customers' DEKs past their cryptoperiods; a configuration
    /// with longer periods moves them back within.
    func testReportCountsSessionsPastRetentionAndKeysPastTheirCryptoperiod() throws {
        let (h, _, _) = try drive()
        _ = try h.terminate()
        let day = 86_400_000
        let shift = try python("""
            import sqlite3, sys
            d = sqlite3.connect(sys.argv[1] + '/data.db'); d.execute('UPDATE session SET expires_at = expires_at - ?', (100 * \(day),)); d.commit()
            k = sqlite3.connect(sys.argv[1] + '/keys.db')
            k.execute('UPDATE kek SET created_at = created_at - ?', (100 * \(day),)); k.execute('UPDATE dek SET created_at = created_at - ?', (100 * \(day),))
            k.commit()
            """, [h.stateDir])
        XCTAssertEqual(shift.status, 0, "\(shift)")
        let r = try report(h)
        XCTAssertEqual(r["daemon_running"], false)
        XCTAssertEqual(r["retention"]?["past_retention"], 1, "\(r["retention"] ?? .null)")
        XCTAssertEqual(r["retention"]?["past_retention_held"], 1)
        XCTAssertEqual(r["retention"]?["oldest_overdue_days"]?.intValue, 90)  // a 10-day retention, moved 100 days back
        XCTAssertEqual(r["keys"]?["kek_past_cryptoperiod"], 1)
        XCTAssertEqual(r["keys"]?["dek_past_cryptoperiod"], 2)

        let config = h.root.path + "/periods.json"
        try Data(#"{"kek_rotation_days": 365, "dek_rotation_days": 0}"#.utf8).write(to: URL(fileURLWithPath: config))
        let relaxed = try report(h, ["--config", config])
        XCTAssertEqual(relaxed["keys"]?["kek_past_cryptoperiod"], 0)
        XCTAssertEqual(relaxed["keys"]?["dek_past_cryptoperiod"], 0)
        XCTAssertEqual(relaxed["policy"]?["dek_rotation_days"], .null)
    }

    /// Other processes taking and dropping hundreds of locks (as SQLite does) make a single
    /// reading of /proc/locks skip lines now and then; the report must still see the daemon.
    func testReportSeesTheRunningDaemonWhileOtherProcessesTakeAndDropManyLocks() throws {
        let h = try startDaemon()
        let churn = Process()
        churn.executableURL = URL(fileURLWithPath: try XCTUnwrap(executablePath("python3")))
        churn.arguments = ["-c", """
            import fcntl, os, sys, time
            fds = [os.open(sys.argv[1] + '/lock-%d' % i, os.O_CREAT | os.O_RDWR) for i in range(400)]
            end = time.time() + 60
            while time.time() < end:
                for fd in fds: fcntl.flock(fd, fcntl.LOCK_EX)
                for fd in fds: fcntl.flock(fd, fcntl.LOCK_UN)
            """, h.root.path]
        try churn.run()
        defer { churn.terminate(); churn.waitUntilExit() }
        usleep(300_000)
        var missed = 0
        for _ in 0..<30 {
            let r = try h.runCLI(["report", "--state-dir", h.stateDir, "--json"])
            if (try? JSONParser.parse(r.stdout))?["daemon_running"] != true { missed += 1 }
        }
        XCTAssertEqual(missed, 0, "the report missed the running daemon's lock \(missed) times in 30")
    }

    func testReportRefusesBadArgumentsAndAFolderWithoutState() throws {
        let h = try DaemonHarness()
        defer { h.cleanup() }
        let bad = try h.runCLI(["report", "--state-dir", h.stateDir, "--since", "yesterday"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--since"), bad.stderr)
        let both = try h.runCLI(["report", "--state-dir", h.stateDir, "--json", "--html", h.root.path + "/r.html"])
        XCTAssertEqual(both.status, 2)
        let missing = try h.runCLI(["report", "--state-dir", h.root.path + "/nothing-here"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("keys.db"), missing.stderr)
    }
}

// MARK: HTML in a real browser

/// The HTML report in Debian's chromium (headless), by screenshot: a real page with the
/// verified-chain banner, tiles and the charts' bars, or the red banner for a broken chain.
final class ReportHTMLTests: DaemonTestCase {
    /// chromium's path, or a skip saying why the browser check cannot run here.
    private func chromium() throws -> String {
        guard let path = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(executablePath).first else {
            throw XCTSkip("chromium is not installed (scripts/install-deps installs Debian's chromium): the HTML report is not checked in a browser")
        }
        let probe = try runProgram([path, "--headless", "--no-sandbox", "--disable-gpu", "--version"], timeout: 30)
        guard probe.status == 0 else { throw XCTSkip("chromium cannot run here (\(probe.stderr.prefix(300))): the HTML report is not checked in a browser") }
        return path
    }

    /// Renders `html` to a PNG of 1280×1600 and returns its pixel statistics.
    private func screenshot(_ browser: String, _ html: String, colors: [String]) throws -> JSONValue {
        let shot = (html as NSString).deletingPathExtension + ".png"
        let r = try runProgram([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                                "--window-size=1280,1600", "--screenshot=\(shot)", "file://\(html)"],
                               environment: ProcessInfo.processInfo.environment.merging(["HOME": (html as NSString).deletingLastPathComponent]) { $1 },
                               timeout: 90)
        guard FileManager.default.fileExists(atPath: shot) else {
            throw XCTSkip("chromium made no screenshot (\(r.stderr.suffix(400))): the HTML report is not checked in a browser")
        }
        let stats = try python(Self.pngStatistics, [shot] + colors)
        XCTAssertEqual(stats.status, 0, "\(stats)")
        return try JSONParser.parse(stats.stdout)
    }

    func testHTMLReportIsOneSelfContainedPageThatRendersItsBannerTilesAndCharts() throws {
        let browser = try chromium()
        let h = try startDaemon()
        let c = h.client()
        let customer = unique("cust")
        try ok(c, "session.append", sessionParams(customer, "s", [message("mail ana@example.com, call +44 20 7946 0958")]).merging(["redact": true]))
        try ok(c, "session.get", ids(customer, "s").merging(["purpose": "support"]))
        try ok(c, "audit.verify")
        let html = h.root.path + "/report.html"
        let r = try h.runCLI(["report", "--state-dir", h.stateDir, "--html", html])
        XCTAssertEqual(r.status, 0, "\(r)")
        XCTAssertEqual(permissionBits(html), 0o600)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        // One file: no script, no external reference of any kind.
        for forbidden in ["<script", "http:", "https:", "src=", "href=", "url(", "@import"] {
            XCTAssertFalse(page.lowercased().contains(forbidden), "the page contains \(forbidden)")
        }
        XCTAssertTrue(page.contains("<svg"), "no inline chart")

        let stats = try screenshot(browser, html, colors: ["dcfce7", "7c3aed", "2563eb", "fee2e2"])
        XCTAssertEqual(stats["width"], 1280)
        XCTAssertEqual(stats["height"], 1600)
        // A real rendering: the page background, text and many colours, not a blank sheet.
        XCTAssertEqual(stats["background"], "f3f4f6", "\(stats)")
        XCTAssertGreaterThan(stats["colors"]?.intValue ?? 0, 100, "\(stats)")
        XCTAssertLessThan(stats["background_share"]?.doubleValue ?? 1, 0.9, "\(stats)")
        // The green "verified" banner and the redaction chart's violet bars are drawn; no red banner.
        XCTAssertGreaterThan(stats["shares"]?["dcfce7"]?.doubleValue ?? 0, 0.005, "\(stats)")
        XCTAssertGreaterThan(stats["shares"]?["7c3aed"]?.doubleValue ?? 0, 0.001, "\(stats)")
        XCTAssertLessThan(stats["shares"]?["fee2e2"]?.doubleValue ?? 1, 0.0005, "\(stats)")

        // A tampered audit chain turns the banner red.
        _ = try h.terminate()
        let edit = try python("""
            import sqlite3, sys
            d = sqlite3.connect(sys.argv[1] + '/data.db'); d.execute("UPDATE audit_entry SET purpose = 'edited' WHERE seq = 2"); d.commit()
            """, [h.stateDir])
        XCTAssertEqual(edit.status, 0, "\(edit)")
        let broken = h.root.path + "/broken.html"
        XCTAssertEqual(try h.runCLI(["report", "--state-dir", h.stateDir, "--html", broken]).status, 1)
        let red = try screenshot(browser, broken, colors: ["dcfce7", "fee2e2"])
        XCTAssertGreaterThan(red["shares"]?["fee2e2"]?.doubleValue ?? 0, 0.005, "\(red)")
        XCTAssertLessThan(red["shares"]?["dcfce7"]?.doubleValue ?? 1, 0.0005, "\(red)")
    }

    /// A PNG decoder (8-bit RGB/RGBA, all five filters) and colour statistics over every
    /// other pixel: size, distinct colours, the commonest colour and its share, and the
    /// share of pixels within 6 levels of each colour given.
    static let pngStatistics = """
        import struct, sys, zlib, json
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'not a PNG'
        pos, idat = 8, []
        while pos < len(data):
            n, kind = struct.unpack('>I4s', data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
            if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            elif kind == b'IDAT': idat.append(body)
        assert depth == 8 and ctype in (2, 6), (depth, ctype)
        bpp = 3 if ctype == 2 else 4
        raw, stride, rows, prev = zlib.decompress(b''.join(idat)), w * bpp, [], bytearray(w * bpp)
        for y in range(h):
            f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            if f == 1:
                for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
            elif f == 2:
                line = bytearray((a + b) & 255 for a, b in zip(line, prev))
            elif f == 3:
                for i in range(stride): line[i] = (line[i] + (((line[i - bpp] if i >= bpp else 0) + prev[i]) >> 1)) & 255
            elif f == 4:
                for i in range(stride):
                    a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(bytes(line)); prev = line
        counts = {}
        for r in rows:
            for x in range(0, w * bpp, bpp * 2):
                k = r[x:x + 3]; counts[k] = counts.get(k, 0) + 1
        total = sum(counts.values())
        bg, bgn = max(counts.items(), key=lambda kv: kv[1])
        def share(c):
            c = bytes.fromhex(c)
            return sum(n for k, n in counts.items() if max(abs(k[i] - c[i]) for i in range(3)) <= 6) / total
        print(json.dumps({"width": w, "height": h, "colors": len(counts), "background": bg.hex(), "background_share": bgn / total,
                          "shares": {c: share(c) for c in sys.argv[2:]}}))
        """
}
