import ConfideCore
import ConfideCrypto
import ConfideJSON
import ConfideServer
import Foundation

/// The legal team's subcommands: export, shred, hold, release, verify-receipt.
enum LegalCommands {
    static let customer = ClientCommands.customer
    static let connection = ClientCommands.connection

    static var commands: [Command] {
        [
            Command(name: "export", abstract: "Export everything stored about a customer (GDPR subject access) as JSON.",
                    usage: "export --customer ID [--redacted] [--purpose LABEL] > customer.json",
                    options: [customer, .init(name: "--redacted", value: nil, help: "De-identified export"), ClientCommands.purpose] + connection,
                    example: "confide export --customer c-42 --purpose subject-access > c-42.json") { a in
                var p: JSONObject = ["customer": .string(try a.required("--customer"))]
                if a.flag("--redacted") { p["view"] = "redacted" }
                if let v = a.value("--purpose") { p["purpose"] = .string(v) }
                return try ClientCommands.call(a, "customer.export", p)
            },
            Command(name: "shred", abstract: "Erase a customer for good (crypto-shred) and print the signed erasure receipt.",
                    usage: "shred --customer ID --reason TICKET [--receipt-out FILE] [--yes]",
                    options: [customer, .init(name: "--reason", value: "TEXT", help: "Why (e.g. the erasure request's ticket id); required"),
                              .init(name: "--receipt-out", value: "FILE", help: "Also write the receipt to FILE (to file as evidence)"),
                              .init(name: "--yes", value: nil, help: "Do not ask for confirmation on a terminal")] + connection,
                    example: "confide shred --customer c-42 --reason GDPR-2026-0117 --receipt-out c-42.receipt.json") { a in
                let id = try a.required("--customer")
                let reason = try a.required("--reason")
                if isatty(0) != 0 && !a.flag("--yes") {
                    note("This destroys every key of customer \(id.debugDescription): all its sessions become unreadable for ever, backups included.")
                    FileHandle.standardError.write(Data("Type the customer id to confirm: ".utf8))
                    guard readLine() == id else { throw CommandFailure("not confirmed; nothing was changed") }
                }
                let client = try SocketClient(path: ClientCommands.socketPath(a))
                switch try client.call("customer.shred", ["customer": .string(id), "reason": .string(reason)]) {
                case .result(let receipt):
                    let bytes = JSONWriter.bytes(receipt) + [0x0a]
                    if let out = a.value("--receipt-out") {
                        guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else { throw CommandFailure("cannot write \(out)") }
                    }
                    FileHandle.standardOutput.write(Data(bytes))
                    return 0
                case let .error(code, message, _):
                    note("confide: error \(code): \(message)")
                    return 1
                }
            },
            Command(name: "hold", abstract: "Place a customer under legal hold: not erasable, not expired by retention.",
                    usage: "hold --customer ID --reason CASE", options: [customer, .init(name: "--reason", value: "TEXT", help: "Case reference; required")] + connection,
                    example: "confide hold --customer c-42 --reason LIT-2026-009") { a in
                try ClientCommands.call(a, "customer.hold", ["customer": .string(try a.required("--customer")), "reason": .string(try a.required("--reason"))])
            },
            Command(name: "release", abstract: "Lift a customer's legal hold.",
                    usage: "release --customer ID --reason CASE", options: [customer, .init(name: "--reason", value: "TEXT", help: "Why; required")] + connection,
                    example: "confide release --customer c-42 --reason LIT-2026-009-closed") { a in
                try ClientCommands.call(a, "customer.release", ["customer": .string(try a.required("--customer")), "reason": .string(try a.required("--reason"))])
            },
            Command(name: "verify-receipt", abstract: "Check an erasure receipt's signature offline against the audit public key.",
                    usage: "verify-receipt FILE --public-key HEX",
                    options: [.init(name: "--public-key", value: "HEX", help: "The daemon's audit key (`confide keys public`)")],
                    example: "confide verify-receipt c-42.receipt.json --public-key $(confide keys public --state-dir /var/lib/confide)") { a in
                guard let path = a.positionals.first else { throw UsageError("give the receipt file") }
                let key = try AdminCommands.publicKey(try a.required("--public-key"))
                guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
                let receipt: JSONValue
                do { receipt = try JSONParser.parse([UInt8](data).filter { $0 != 0x0a }) } catch { throw CommandFailure("\(path) is not JSON: \(error)") }
                do { try ErasureReceipt.verify(receipt, publicKey: key) } catch {
                    note("INVALID: \(error)")
                    return 1
                }
                note("OK: the receipt is signed by this audit key and unchanged.")
                return 0
            },
        ]
    }
}
