import XCTest
import ConfideRedaction

/// Forms added in the eighth session of issue 22, from the misses and false positives of split G
/// (a development split since then). Each positive case was checked to be missed (or each
/// look-alike to be taken) by the detector the session started from (commit 116d2d9 plus split H,
/// no detector change); the negative cases are look-alikes the new rules must leave visible.
/// The sentences, names and numbers are written for these tests, not copied from a corpus; the
/// names are made up so that no gazetteer knows them (G's misses are rare names).
final class RedactionSplitGFormsTests: XCTestCase {
    private func values(_ text: String, _ type: PIIType) -> [String] { RedactionTestHelpers.values(text, type) }

    /// Contract, complaint, policy, serial, loyalty and flight nouns label the number after them:
    /// no phone, SSN or card (`Contract number 781 204 553`, `Reclamación 412-67-1893`).
    func testIdentifierNounsBeforePhoneAndSSNShapes() {
        XCTAssertEqual(values("Contract number 781204553612", .phone), [])
        XCTAssertEqual(values("Contract 671 204 553", .phone), [])
        XCTAssertEqual(values("Numéro de contrat 41-7720936-18", .phone), [])
        XCTAssertEqual(values("Número de contrato 623 118 940", .phone), [])
        XCTAssertEqual(values("Vertragsnummer 915 204 381", .phone), [])
        XCTAssertEqual(values("Contractnummer 640 117 283", .phone), [])
        XCTAssertEqual(values("Reclamación 412-67-1893", .ssn), [])
        XCTAssertEqual(values("Réclamation 412-67-1893", .ssn), [])
        XCTAssertEqual(values("Klachtnummer 412-67-1893", .ssn), [])
        XCTAssertEqual(values("Complaint reference 412-67-1893", .ssn), [])
        XCTAssertEqual(values("Reclamación 817-204-926", .phone), [])
        XCTAssertEqual(values("Póliza 7994281770", .phone), [])
        XCTAssertEqual(values("Numéro de série SN 552604936713", .phone), [])
        XCTAssertEqual(values("Loyalty number 5318427701936487", .card), [])
        XCTAssertEqual(values("Número de serie 5318.4277.0193.6487", .card), [])
        XCTAssertEqual(values("Seriennummer 4556 0123 8874 1022", .card), [])
        // Still found: the keyword of the number's own kind, or an SSN keyword in the sentence.
        XCTAssertEqual(values("My SSN for the contract is 412-67-1893", .ssn), ["412-67-1893"])
        XCTAssertEqual(values("Loyalty card 5318427701936487", .card), ["5318427701936487"])
        XCTAssertEqual(values("My Mastercard 5318 4277 0193 6487", .card), ["5318 4277 0193 6487"])
        XCTAssertEqual(values("Call me on 0612 345 678 about the contract", .phone), ["0612 345 678"])
        XCTAssertEqual(values("The new contract is fine. Reach me at 415 555 0199", .phone), ["415 555 0199"])
    }

    /// A relation phrase and a comma, then the name (`On behalf of my mum, Name`,
    /// `pour le compte de mon père, Name`, `Im Auftrag meines Vaters, Name`); `Im Auftrag` names no one.
    func testNameAfterRelationAndComma() {
        XCTAssertEqual(values("On behalf of my mum, Brelinda Quorsby.", .person), ["Brelinda Quorsby"])
        XCTAssertEqual(values("J'écris pour le compte de mon père, Tavien Orlesque.", .person), ["Tavien Orlesque"])
        XCTAssertEqual(values("Ik schrijf namens mijn moeder, Zorvina Keltjes.", .person), ["Zorvina Keltjes"])
        XCTAssertEqual(values("Escribo en nombre de mi madre, Yulisa Brevonte.", .person), ["Yulisa Brevonte"])
        XCTAssertEqual(values("Im Auftrag meines Vaters, Dariusz Quellmann, schreibe ich Ihnen.", .person), ["Dariusz Quellmann"])
        XCTAssertEqual(values("Im Auftrag der Firma schreibe ich Ihnen.", .person), [])
        XCTAssertEqual(values("My mum, Tuesday is fine for the delivery.", .person), [])
    }

    /// Card holder in Dutch, a forwarded or quoted mail header (`From: Name <e-mail>`).
    func testCardholderAndMailHeaders() {
        XCTAssertEqual(values("Kaarthouder: Ilvar Drossaert, kaart 4556 0123 8874 1022", .person), ["Ilvar Drossaert"])
        XCTAssertEqual(values("---------- Forwarded message ---------\nFrom: Merivel Stanquist <e.brandtner@example.org>", .person), ["Merivel Stanquist"])
        XCTAssertEqual(values("Von: Dariusz Quellmann <gw@example.de>", .person), ["Dariusz Quellmann"])
        XCTAssertEqual(values("From: Support Team <help@example.com>", .person), [])
    }

    /// A delivery request, then the addressee's name on its own line and a `c/o`, `chez`,
    /// `t.a.v.` or `A/A` line before the street.
    func testAddresseeLineBeforeCareOfLine() {
        XCTAssertEqual(values("Lieferung bitte an:\nDariusz Quellmann\nc/o Brakel\nLindenweg 4\n10115 Berlin", .person), ["Dariusz Quellmann", "Brakel"])
        XCTAssertEqual(values("Please ship to:\nBrelinda Quorsby\nc/o Lemaistre\n12 Oak Street\nSpringfield, IL 62704", .person), ["Brelinda Quorsby", "Lemaistre"])
        XCTAssertEqual(values("Please redirect the parcel to:\nBrelinda Quorsby\n12 Oak Street\nSpringfield, IL 62704", .person), ["Brelinda Quorsby"])
        XCTAssertEqual(values("Please ship to:\n12 Oak Street\nSpringfield, IL 62704", .person), [])
    }

    /// A signature after a dash closing its line; a ship's name after `USS` is no person; `t.a.v.`
    /// and a line holding a number after the addressee's line.
    func testDashSignatureShipsAndAttentionLines() {
        XCTAssertEqual(values("Thanks for the quick reply.\n— Tavien", .person), ["Tavien"])
        XCTAssertEqual(values("Works now — Brelinda Quorsby", .person), ["Brelinda Quorsby"])
        XCTAssertEqual(values("Works now — Order 4411 arrived", .person), [])
        XCTAssertEqual(values("Correct SSN — 412-67-1893", .person), [])
        XCTAssertEqual(values("Mail goes to USS Gerald R. Ford (CVN 78), FPO AE 09501", .person), [])
        XCTAssertEqual(values("Mail goes to USS Gerald R. Ford (CVN 78), FPO AE 09501", .address), ["USS Gerald R. Ford (CVN 78), FPO AE 09501"])
        XCTAssertEqual(values("Mail goes to USS Gerald R. Ford", .person), [])
        XCTAssertEqual(values("Graag bezorgen bij:\nZorvina Keltjes\nt.a.v. Quellmann\nLindelaan 4\n1234 AB Utrecht", .person), ["Zorvina Keltjes", "Quellmann"])
        XCTAssertEqual(values("Please redirect the parcel to:\nBrelinda Quorsby\nThe Granary, 300 Bloom Street\nLeeds\nLS1 4AB", .person), ["Brelinda Quorsby"])
    }

    /// The detector over every prefix of lines that end in trigger words, labels and separators:
    /// no crash (an index out of range on text ending with a trigger word trapped before).
    func testEveryPrefixOfTrickyLines() {
        let lines = [
            "On behalf of my mum, Rosalind Hartigan.", "Im Auftrag meines Vaters, Gerhard Winterstein, schreibe",
            "From: Eulalia Brandtner <e.brandtner@example.org>", "Kaarthouder: Jozef Verbruggen, kaart 4556 0123 8874 1022",
            "Lieferung bitte an:\nGerhard Winterstein\nc/o Brakel\nLindenweg 4\n10115 Berlin",
            "Merci de livrer chez :\nGérard Lemaistre\nchez Brakel\n4 rue des Lilas\n75002 Paris",
            "Envíenlo a:\nRemedios Alcaraz\nA/A Brakel\nCalle Mayor 4\n28013 Madrid",
            "Graag bezorgen bij:\nWillemijn Brakel\nt.a.v. Jansen\nLindelaan 4\n1234 AB Utrecht",
            "Numéro de série SN 552604936713 Réclamation 412-67-1893 Contract number 781204553612 from",
            "Please ship to:\nBrelinda Quorsby\nc/o Lemaistre\n12 Oak Street\nSpringfield, IL 62704", "Shipping address:", "Adresse :",
            "— Kavita", "Mail goes to USS Gerald R. Ford (CVN 78),\nFPO AE 09501", "Thanks a lot Rosalind! Rosalind Hartigan (customer since 2019) Mr. Dr. von",
        ]
        for line in lines {
            let scalars = Array(line.unicodeScalars)
            for end in 0...scalars.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[0..<end])
                _ = Redactor().findSpans(in: String(view))
            }
        }
    }
}
