import ConfideClient
import ConfideJSON
import Foundation
import TestSupport
import XCTest

/// A message that ends right after a redaction trigger (`Ship to:`, `Lieferadresse:`, …)
/// once made the redactor read past its last token: a trap that brought the whole daemon
/// down, from any support app that asked for redaction (or for every write, with
/// `redact_on_write`), and from any reader asking for the redacted view of such a message.
/// The daemon must answer, and go on answering.
final class RedactionInputEndTests: DaemonTestCase {
    /// Texts ending at a point where a rule looks for what follows (an address after a
    /// delivery label, a name after a greeting or a sign-off, a number after its keyword).
    static let endings = ["Ship to:", "Please send it. Ship to:", "Lieferadresse:", "Dirección de envío:", "Adresse de livraison :",
                          "Afleveradres:", "Calling from", "Hi", "Thanks,", "My name is", "My SSN is", "Card number:", "Text the code to",
                          "Name:", "c/o", "PO Box", "From:", "Sincerely,\n"]

    func testMessagesEndingAtATriggerAreRedactedOnWriteAndOnReadWithoutBringingTheDaemonDown() throws {
        let daemon = try startDaemon()
        let c = daemon.client()
        for (i, text) in Self.endings.enumerated() {
            let session = "s\(i)"
            let written = try c.reply("session.append", sessionParams("cust-end", session, [message(text)]).merging(["redact": true]))
            XCTAssertNotNil(written.result, "append with redaction of \(text.debugDescription): \(written)")
            try ok(c, "session.append", sessionParams("cust-end", session + "-plain", [message(text)]))
            let read = try c.reply("session.get", ids("cust-end", session + "-plain").merging(["view": "redacted"]))
            XCTAssertNotNil(read.result, "redacted view of \(text.debugDescription): \(read)")
        }
        XCTAssertEqual(try ok(c, "system.health")["status"], .string("ok"), "the daemon is still up")
    }

    /// A `×` opening a word, in a session whose redaction numbering already knows a name, made
    /// the search for that name's parts spin without end: the request never answered and its
    /// thread took a core for good, from any support app that asked for redaction. Each call
    /// must answer (a hang fails it after 20 s), on write and on a redacted read.
    func testAMultiplicationSignAfterAKnownNameIsRedactedWithoutHanging() throws {
        let daemon = try startDaemon()
        let c = daemon.client(timeout: 20)
        let sent = ["I am Ana Souza.", "price 3 \u{D7} Ana", "size: \u{D7} 2, \u{D7}Souza"]
        for text in sent {
            let written = try c.reply("session.append", sessionParams("cust-times", "s1", [message(text)]).merging(["redact": true]))
            XCTAssertNotNil(written.result, "append with redaction of \(text.debugDescription): \(written)")
            try ok(c, "session.append", sessionParams("cust-times", "plain", [message(text)]))
        }
        let redacted = texts(try ok(c, "session.get", ids("cust-times", "s1")))
        XCTAssertEqual(redacted, ["I am [PERSON_1].", "price 3 \u{D7} [PERSON_1]", "size: \u{D7} 2, \u{D7}[PERSON_1]"])
        let view = texts(try ok(c, "session.get", ids("cust-times", "plain").merging(["view": "redacted"])))
        XCTAssertEqual(view, redacted, "the redacted view of the plain session numbers the same way")
        XCTAssertEqual(try ok(c, "system.health")["status"], .string("ok"), "the daemon is still up")
    }
}
