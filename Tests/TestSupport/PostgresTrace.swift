import CLibPQ
import ConfidePostgres
import Foundation

extension PostgresConnection {
    /// The protocol messages the client sent to the server while `body` ran (libpq's own
    /// trace, `PQtrace`), one line each, e.g. `…\tF\t…\tBind\t…`.
    public func messagesSent(_ body: () throws -> Void) throws -> [Substring] {
        let path = NSTemporaryDirectory() + "confide-pqtrace-\(UUID().uuidString)"
        defer { unlink(path) }
        guard let file = fopen(path, "w") else { throw PostgresTraceError(message: "cannot open \(path)") }
        PQtrace(handle, file)
        defer { PQuntrace(handle); fclose(file) }
        try body()
        fflush(file)
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { $0.contains("F\t") }
    }

    /// How many times the client waited for the server while `body` ran: the `Sync` and
    /// simple `Query` messages it sent.
    public func roundTrips(_ body: () throws -> Void) throws -> Int {
        try messagesSent(body).filter { $0.contains("\tSync") || $0.contains("\tQuery\t") }.count
    }
}

public struct PostgresTraceError: Error { public let message: String }
