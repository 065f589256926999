import ConfideClient
import ConfideCore
import ConfideJSON
import ConfideServer
import ConfideSystem
import Foundation

/// The socket-client subcommands: each builds params, calls one method, prints the result.
enum ClientCommands {
    /// How a client verb finds the daemon: `--socket`, else `$CONFIDE_SOCKET`; nothing else.
    static let connection: [Command.Option] = [
        .init(name: "--socket", value: "PATH", help: "Daemon socket (default: $CONFIDE_SOCKET)"),
    ]
    static let customer = Command.Option(name: "--customer", value: "ID", help: "Customer id")
    static let session = Command.Option(name: "--session", value: "ID", help: "Session id")
    static let purpose = Command.Option(name: "--purpose", value: "LABEL", help: "Why you read (recorded in the audit log), e.g. support")

    static var commands: [Command] {
        [
            Command(name: "append", abstract: "Append messages to a session (created if absent).",
                    options: [customer.required, session.required, .init(name: "--messages", value: "FILE", help: "JSON array of messages (default: stdin)"),
                              .init(name: "--redact", value: nil, help: "Replace PII by placeholders before storing")] + connection,
                    example: #"echo '[{"role":"customer","text":"hello"}]' | confide append --customer c-42 --session s-1"#) { a in
                var p: JSONObject = ["customer": .string(try a.required("--customer")), "session": .string(try a.required("--session")),
                                     "messages": .array(try readMessages(a.value("--messages")))]
                if a.flag("--redact") { p["redact"] = true }
                return try call(a, "session.append", p)
            },
            Command(name: "put", abstract: "Create or replace a whole session atomically.",
                    options: [customer.required, session.required, .init(name: "--messages", value: "FILE", help: "JSON array of messages (default: stdin)"),
                              .init(name: "--metadata", value: "JSON", help: "Session metadata object"),
                              .init(name: "--retention-days", value: "N", help: "Delete the session N days after its last write"),
                              .init(name: "--redact", value: nil, help: "Replace PII by placeholders before storing")] + connection,
                    example: "confide put --customer c-42 --session s-1 --messages transcript.json --retention-days 365") { a in
                var p: JSONObject = ["customer": .string(try a.required("--customer")), "session": .string(try a.required("--session")),
                                     "messages": .array(try readMessages(a.value("--messages")))]
                if let m = a.value("--metadata") {
                    guard let o = try? JSONParser.parse(m).objectValue else { throw UsageError("--metadata must be a JSON object") }
                    p["metadata"] = .object(o)
                }
                if let d = try a.int("--retention-days", in: 0...36_500) { p["retention_days"] = .int(d) }
                if a.flag("--redact") { p["redact"] = true }
                return try call(a, "session.put", p)
            },
            Command(name: "get", abstract: "Print one session with its messages.",
                    options: [customer.required, session.required, .init(name: "--redacted", value: nil, help: "De-identified view (stored data unchanged)"), purpose] + connection,
                    example: "confide get --customer c-42 --session s-1 --purpose support") { a in
                var p: JSONObject = ["customer": .string(try a.required("--customer")), "session": .string(try a.required("--session"))]
                if a.flag("--redacted") { p["view"] = "redacted" }
                if let v = a.value("--purpose") { p["purpose"] = .string(v) }
                return try call(a, "session.get", p)
            },
            Command(name: "list", abstract: "List a customer's sessions, a page at a time.",
                    options: [customer.required, .init(name: "--limit", value: "N", help: "1...1000 (default 100)"),
                              .init(name: "--after", value: "CURSOR", help: "The `next` of the previous page"), purpose] + connection,
                    example: "confide list --customer c-42 --limit 20") { a in
                var p: JSONObject = ["customer": .string(try a.required("--customer"))]
                if let l = try a.int("--limit", in: 1...1000) { p["limit"] = .int(l) }
                if let c = a.value("--after") { p["after"] = .string(c) }
                if let v = a.value("--purpose") { p["purpose"] = .string(v) }
                return try call(a, "session.list", p)
            },
            Command(name: "delete", abstract: "Delete one session.",
                    options: [customer.required, session.required] + connection, example: "confide delete --customer c-42 --session s-1") { a in
                try call(a, "session.delete", ["customer": .string(try a.required("--customer")), "session": .string(try a.required("--session"))])
            },
            Command(name: "health", abstract: "Ask the daemon whether it is up and serving (allowed for any peer); exits 1 unless its status is ok.",
                    options: connection, example: "confide health --socket /run/confide/confide.sock") { a in
                switch try client(a).reply("system.health", [:]) {
                case .success(let r):
                    FileHandle.standardOutput.write(Data(JSONWriter.bytes(r) + [0x0a]))
                    guard r.objectValue?["status"]?.stringValue == "ok" else {
                        note("confide: the daemon is up but not serving: \(r.objectValue?["reason"]?.stringValue ?? "status is not ok")")
                        return 1
                    }
                    return 0
                case .failure(let e):
                    note("confide: error \(e.code): \(e.message)")
                    return 1
                }
            },
            Command(name: "stats", abstract: "Print the daemon's counters and latency percentiles (admin).",
                    options: connection, example: "confide stats") { a in
                try call(a, "system.stats", [:])
            },
            Command(name: "metrics", abstract: "Print the daemon's metrics in the Prometheus text format, from system.stats (admin).",
                    options: connection,
                    example: "confide metrics --socket /run/confide/confide.sock | grep confide_kek_age_seconds   # for scraping: metrics_textfile") { a in
                switch try client(a).reply("system.stats") {
                case .success(let stats):
                    FileHandle.standardOutput.write(Data(PrometheusText.render(stats).utf8))
                    return 0
                case .failure(let e):
                    note("confide: error \(e.code): \(e.message)")
                    return 1
                }
            },
            Command(name: "rpc", abstract: "Send one raw JSON-RPC line to the daemon and print its reply (for client authors).",
                    options: connection, positionals: ["JSON"],
                    example: #"confide rpc '{"jsonrpc":"2.0","id":1,"method":"system.health"}'"#, run: rpc),
        ]
    }

    /// `confide rpc`: the line goes out as given; the reply line (none for notifications)
    /// is printed as received. Exit 1 when the reply is a single error object.
    static func rpc(_ a: ParsedArguments) throws -> Int32 {
        let line = a.positionals[0]
        guard !line.contains("\n") && !line.contains("\r") else { throw UsageError("JSON must be one line (no line breaks)") }
        let path = try socketPath(a)
        let connection: ConfideConnection
        do { connection = try ConfideConnection(socketPath: path, connectTimeout: 5, writeTimeout: .infinity) } catch {
            throw unreachable(path, errno: error.errno)
        }
        try connection.send(line: Array(line.utf8))
        // Half-close: the daemon answers what it got, then sees the end and closes, so a
        // notification (no reply) ends the wait instead of hanging.
        connection.finishSending()
        guard let reply = try connection.readLine(until: .infinity) else { return 0 }
        FileHandle.standardOutput.write(Data(reply + [0x0a]))
        if case .object(let o)? = try? JSONParser.parse(reply), o["error"] != nil { return 1 }
        return 0
    }

    /// The socket to use: --socket, else $CONFIDE_SOCKET; neither is a usage error.
    static func socketPath(_ a: ParsedArguments) throws -> String {
        if let s = a.value("--socket") { return s }
        if let e = ProcessInfo.processInfo.environment["CONFIDE_SOCKET"], !e.isEmpty { return e }
        throw UsageError("no daemon socket: give --socket PATH or set CONFIDE_SOCKET (with ./scripts/run-dev: ./confide-dev/confide.sock)")
    }

    /// A client of the daemon at `socketPath(a)`, connected now so a missing daemon is
    /// reported before any work. No call timeout: a backup or a big export takes as long
    /// as it takes, and the person at the terminal can interrupt it.
    static func client(_ a: ParsedArguments) throws -> ConfideClient {
        let path = try socketPath(a)
        let client = ConfideClient(socketPath: path, callTimeout: nil)
        do { try client.connect() } catch {
            if case .connectFailed(_, let e) = error { throw unreachable(path, errno: e) }
            throw error
        }
        return client
    }

    /// The error for a socket nothing answers on, with the hint for the command line.
    static func unreachable(_ path: String, errno: Int32) -> SystemError {
        SystemError("connect", errno: errno, context: "cannot reach the confide daemon at \(path) (is `confide serve` running? set --socket or CONFIDE_SOCKET)")
    }

    /// Calls `method`, prints the result as JSON on stdout; an error reply goes to stderr, exit 1.
    static func call(_ a: ParsedArguments, _ method: String, _ params: JSONObject) throws -> Int32 {
        switch try client(a).reply(method, params) {
        case .success(let r):
            FileHandle.standardOutput.write(Data(JSONWriter.bytes(r) + [0x0a]))
            return 0
        case .failure(let e):
            note("confide: error \(e.code): \(e.message)")
            return 1
        }
    }

    /// Messages from a file or stdin: a JSON array of Message objects, or one object.
    static func readMessages(_ path: String?) throws -> [JSONValue] {
        let data: Data
        if let path, path != "-" {
            guard let d = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
            data = d
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        let value: JSONValue
        do { value = try JSONParser.parse([UInt8](data)) } catch { throw UsageError("messages are not valid JSON: \(error)") }
        if let a = value.arrayValue { return a }
        if value.objectValue != nil { return [value] }
        throw UsageError("messages must be a JSON array of message objects")
    }
}
