import ConfideClient
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
                    options: [customer.required, .init(name: "--redacted", value: nil, help: "De-identified export"), ClientCommands.purpose,
                              .init(name: "--out", value: "FILE", help: "Write the export to FILE (mode 0600) instead of stdout")] + connection,
                    example: "confide export --customer c-42 --purpose subject-access --out c-42.json") { a in
                var p: JSONObject = ["customer": .string(try a.required("--customer"))]
                if a.flag("--redacted") { p["view"] = "redacted" }
                if let v = a.value("--purpose") { p["purpose"] = .string(v) }
                guard let out = a.value("--out") else { return try ClientCommands.call(a, "customer.export", p) }
                switch try ClientCommands.client(a).reply("customer.export", p) {
                case .success(let export):
                    try PrivateFile.write(JSONWriter.bytes(export) + [0x0a], to: out)
                    return 0
                case .failure(let e):
                    note("confide: error \(e.code): \(e.message)")
                    return 1
                }
            },
            Command(name: "shred", abstract: "Erase a customer for good (crypto-shred) and print the signed erasure receipt.",
                    options: [customer.required, .init(name: "--reason", value: "TICKET", help: "Why (e.g. the erasure request's ticket id)", use: .required),
                              .init(name: "--receipt-out", value: "FILE", help: "Also write the receipt to FILE, mode 0600 (to file as evidence)"),
                              .init(name: "--yes", value: nil, help: "Do not ask for confirmation (required when stdin or stderr is not a terminal)")] + connection,
                    example: "confide shred --customer c-42 --reason GDPR-2026-0117 --receipt-out c-42.receipt.json") { a in
                let id = try a.required("--customer")
                let reason = try a.required("--reason")
                _ = try ClientCommands.socketPath(a)
                if !a.flag("--yes") { try confirmShred(id) }
                let client = try ClientCommands.client(a)
                switch try client.reply("customer.shred", ["customer": .string(id), "reason": .string(reason)]) {
                case .success(let receipt):
                    let bytes = JSONWriter.bytes(receipt) + [0x0a]
                    if let out = a.value("--receipt-out") { try PrivateFile.write(bytes, to: out) }
                    FileHandle.standardOutput.write(Data(bytes))
                    return 0
                case .failure(let e):
                    note("confide: error \(e.code): \(e.message)")
                    return 1
                }
            },
            Command(name: "hold", abstract: "Place a customer under legal hold: not erasable, not expired by retention.",
                    options: [customer.required, .init(name: "--reason", value: "CASE", help: "Case reference", use: .required)] + connection,
                    example: "confide hold --customer c-42 --reason LIT-2026-009") { a in
                try ClientCommands.call(a, "customer.hold", ["customer": .string(try a.required("--customer")), "reason": .string(try a.required("--reason"))])
            },
            Command(name: "release", abstract: "Lift a customer's legal hold.",
                    options: [customer.required, .init(name: "--reason", value: "CASE", help: "Why the hold ends (e.g. the closed case's reference)", use: .required)] + connection,
                    example: "confide release --customer c-42 --reason LIT-2026-009-closed") { a in
                try ClientCommands.call(a, "customer.release", ["customer": .string(try a.required("--customer")), "reason": .string(try a.required("--reason"))])
            },
            Command(name: "receipt", abstract: "Print the stored erasure receipt of a customer erased before (legal, admin).",
                    options: [customer.required] + connection,
                    example: "confide receipt --customer c-42 > c-42.receipt.json") { a in
                try ClientCommands.call(a, "customer.receipt", ["customer": .string(try a.required("--customer"))])
            },
            Command(name: "verify-receipt", abstract: "Check an erasure receipt's signature offline against the audit public key.",
                    options: [.init(name: "--public-key", value: "HEX", help: "The daemon's audit key (`confide keys public`)", use: .required)], positionals: ["FILE"],
                    example: "confide verify-receipt c-42.receipt.json --public-key $(confide keys public --state-dir /var/lib/confide)") { a in
                let path = a.positionals[0]
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

    /// Asks for the customer id on the terminal before a shred, saying what it cannot
    /// erase: keys.db backups taken before it. Without a terminal to ask on (stdin or
    /// stderr redirected) it refuses: `--yes` is required, and nothing is changed.
    static func confirmShred(_ id: String) throws {
        guard isatty(0) != 0 && isatty(2) != 0 else {
            throw UsageError("not confirmed: stdin or stderr is not a terminal, so there is no one to ask; pass --yes to shred without asking. Nothing was changed")
        }
        note("""
            This destroys every key of customer \(id.debugDescription): its sessions in the live store become unreadable for ever.
            It does not reach backups: a keys.db backup taken before now, with the master key in force when it was taken,
            can still open this customer's data until that backup is destroyed or the master key is rekeyed. The receipt's
            backup_horizon says until when (from keys_backup_retention_days); see docs/operations.md, "Shredding and backups".
            """)
        FileHandle.standardError.write(Data("Type the customer id to confirm: ".utf8))
        guard readLine() == id else { throw CommandFailure("not confirmed; nothing was changed") }
    }
}
