import XCTest
import ConfideRedaction

/// Prints redaction throughput on 2 KiB chat messages. No timing assertions: run it in a
/// release build (`swift test -c release --filter RedactorThroughput`) for a real figure.
///
/// Time is the test thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), i.e. one core, so other
/// processes on the machine disturb the figure less than wall-clock time would.
final class RedactorThroughputTests: XCTestCase {
    /// About 2 KiB messages made of corpus messages back to back.
    private func denseMessages() -> [String] {
        let corpus = RedactionCorpus.generate(seed: 2024, count: 6000)
        var out: [String] = []
        var current = ""
        for message in corpus {
            current += message.text + "\n"
            if current.utf8.count >= 2048 {
                out.append(current)
                current = ""
            }
        }
        return out
    }

    private func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// MB/s of `body` over `batch`, repeated for at least one CPU second.
    private func rate(_ batch: [String], _ body: ([String]) -> Void) -> Double {
        let bytes = batch.reduce(0) { $0 + $1.utf8.count }
        let start = cpuSeconds()
        var passes = 0
        repeat {
            body(batch)
            passes += 1
        } while cpuSeconds() - start < 1.0
        return Double(bytes * passes) / (cpuSeconds() - start) / 1_000_000
    }

    private func report(_ name: String, _ batch: [String]) {
        let redactor = Redactor()
        let spans = batch.reduce(0) { $0 + redactor.findSpans(in: $1).count }
        let find = rate(batch) { texts in
            for text in texts { _ = redactor.findSpans(in: text) }
        }
        let redact = rate(batch) { texts in
            var numbering = PlaceholderNumbering()
            for text in texts { _ = redactor.redact(text, numbering: &numbering) }
        }
        let average = batch.reduce(0) { $0 + $1.utf8.count } / max(batch.count, 1)
        print(String(format: "RedactorThroughput %@: %d messages of ~%d bytes, %.1f spans each: "
                     + "findSpans %.1f MB/s, redact %.1f MB/s (one core, CPU time)",
                     name, batch.count, average, Double(spans) / Double(max(batch.count, 1)), find, redact))
        XCTAssertGreaterThan(spans, 0)
    }

    /// Ordinary support-chat lines without PII, in the corpus locales.
    private static let prose = [
        "Thanks for waiting, I'm checking with the warehouse now.",
        "I understand, that must be frustrating. Let me look into it.",
        "Could you tell me when you placed the order and what you ordered?",
        "Danke für Ihre Geduld, ich prüfe das gerade mit der Buchhaltung.",
        "Merci pour votre message, je transmets votre demande au service concerné.",
        "Gracias por escribirnos, revisamos su caso en las próximas 24 horas.",
        "ご不便をおかけして申し訳ございません。確認いたします。",
        "The package left our depot on Monday and should arrive in 2-3 days.",
        "Is there anything else I can help you with today? 😊",
        "I've applied a 10% discount to your next purchase as an apology.",
    ]

    /// About 2 KiB messages of chat prose with one corpus message in six.
    private func typicalMessages() -> [String] {
        let corpus = RedactionCorpus.generate(seed: 77, count: 3000)
        var rng = RedactionRNG(seed: 77)
        var out: [String] = []
        var current = ""
        var next = 0
        while out.count < 300 {
            if rng.chance(1.0 / 6.0) {
                current += corpus[next % corpus.count].text + "\n"
                next += 1
            } else {
                current += rng.pick(Self.prose) + "\n"
            }
            if current.utf8.count >= 2048 {
                out.append(current)
                current = ""
            }
        }
        return out
    }

    func testThroughputOnTwoKiBMessages() {
        // Dense: every corpus message back to back (the corpus is PII-heavy by design).
        report("dense", denseMessages())
        // Typical: chat prose with a PII-bearing corpus message now and then.
        report("typical", typicalMessages())
    }
}
