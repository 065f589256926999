import ConfideRedaction
import Foundation

extension BenchScenarios {
    /// Redaction throughput on one core: 2 KiB support messages with a realistic mix of PII
    /// (e-mail, phone, card, IBAN, SSN, IP, names, addresses) and lookalikes, redacted with a fresh numbering per message, for `seconds`.
    func redactionRun() -> [(String, String)] {
        let fillers = ["Thanks for waiting, I checked the order status and it shipped yesterday. ",
                       "Could you confirm the delivery address and the time slot that works for you? ",
                       "Your invoice INV-2024-00042 of $1,299.99 is attached; version 10.0.19045 is fine. ",
                       "Ticket #A-123456 was escalated on 2024-03-15 at 14:30 to the billing team. "]
        let pii = ["write to ana.perez@example.com please", "call me at +44 20 7946 0958", "card 4111 1111 1111 1111",
                   "IBAN DE89 3704 0044 0532 0130 00", "SSN 123-45-6789", "from 203.0.113.42", "or 2001:db8::1",
                   "Hi, this is Priya Raman from Leeds", "Mr. Okafor asked about it", "ship to 221B Baker Street, London NW1 6XE",
                   "Ich bin Jürgen Weber, Hauptstraße 12, 10115 Berlin", "je m'appelle Léa Dubois",
                   "Thanks,\nAna Souza", "the SSN on file ends in 12. Please confirm 123456789"]
        let messages: [String] = (0..<64).map { i in
            var s = ""
            var k = i
            while s.utf8.count < settings.chunkBytes {
                s += fillers[k % fillers.count]
                if k % 3 == 0 { s += pii[(k / 3) % pii.count] + ". " }
                k += 1
            }
            return String(decoding: s.utf8.prefix(settings.chunkBytes), as: UTF8.self)
        }
        let redactor = Redactor()
        var bytes = 0, count = 0, placeholders = 0
        let start = threadCPUSeconds()
        while threadCPUSeconds() - start < settings.seconds {
            for m in messages {
                var numbering = PlaceholderNumbering()
                placeholders += redactor.redact(m, numbering: &numbering).spans.count
                bytes += m.utf8.count
                count += 1
            }
        }
        let elapsed = threadCPUSeconds() - start
        return [("redaction", String(format: "%.1f MB/s on one core (%d messages of %d bytes, %.1f PII spans each, %.1f s CPU)",
                                     Double(bytes) / elapsed / 1e6, count, settings.chunkBytes, Double(placeholders) / Double(max(count, 1)), elapsed))]
    }

}
