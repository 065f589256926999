import ConfideJSON

/// Reads one reply line as it arrives and hands over the elements of one array of its
/// result one at a time, so a reply of any size is never held whole (`customer.export`,
/// which the daemon writes as it reads, members in the order `jsonrpc`, `id`, `result`).
///
/// This reader only finds where each value begins and ends (strings, escapes, nesting);
/// every value it cuts out, element or member, is then parsed by the strict `JSONParser`.
struct StreamedReplyReader {
    let connection: ConfideConnection
    /// The longest wait for more bytes, in seconds.
    let timeout: Double

    /// Reads the reply to request `id`, calling `handler` with each element of
    /// `result[member]`; returns the other members of `result`.
    mutating func read(id: JSONValue, streaming member: String,
                       _ handler: (JSONValue) throws -> Void) throws(ConfideClientError) -> JSONObject {
        var top = JSONObject()
        var rest = JSONObject()
        var streamed = false
        try expect(UInt8(ascii: "{"))
        var first = true
        while let key = try nextMember(&first) {
            if key == "result", try peek() == UInt8(ascii: "{") {
                guard top["id"] == nil || top["id"] == id else { throw .malformedReply("reply for another id") }
                rest = try readResult(streaming: member, handler, streamed: &streamed)
                top["result"] = .object([:])
            } else {
                top[key] = try parse(try captureValue())
            }
        }
        // The rest of the line: whitespace, then the newline.
        while true {
            guard let b = try next() else { throw .malformedReply("the reply line ended without its newline") }
            if b == 0x0a { break }
            guard b == 0x20 || b == 0x09 || b == 0x0d else { throw .malformedReply("bytes after the reply object") }
        }
        let outcome = try ReplyDecoder.decode(top, id: id)
        if case .failure(let e) = outcome { throw .rpc(e) }
        if !streamed, case .success(let result) = outcome, result.objectValue == nil {
            throw .malformedReply("the result is not an object with \(member)")
        }
        return rest
    }

    /// The members of `result`, handing `member`'s elements to `handler`.
    private mutating func readResult(streaming member: String, _ handler: (JSONValue) throws -> Void,
                                     streamed: inout Bool) throws(ConfideClientError) -> JSONObject {
        var rest = JSONObject()
        try expect(UInt8(ascii: "{"))
        var first = true
        while let key = try nextMember(&first) {
            guard key == member, try peek() == UInt8(ascii: "[") else {
                rest[key] = try parse(try captureValue())
                continue
            }
            streamed = true
            advance()
            var firstElement = true
            while true {
                try skipWhitespace()
                if try peek() == UInt8(ascii: "]") { advance(); break }
                if !firstElement { try expect(UInt8(ascii: ",")); try skipWhitespace() }
                firstElement = false
                let element = try parse(try captureValue())
                do { try handler(element) } catch { throw .handlerFailed(error) }
            }
        }
        return rest
    }

    /// Inside an object whose `{` was read: the next member's key, with the reader left at
    /// its value; nil after the closing `}` (consumed). `first` tracks the comma rule.
    private mutating func nextMember(_ first: inout Bool) throws(ConfideClientError) -> String? {
        try skipWhitespace()
        if try peek() == UInt8(ascii: "}") { advance(); return nil }
        if !first { try expect(UInt8(ascii: ",")); try skipWhitespace() }
        first = false
        let key = try parse(try captureValue()).stringValue ?? ""
        try skipWhitespace()
        try expect(UInt8(ascii: ":"))
        try skipWhitespace()
        return key
    }

    // MARK: Bytes

    private func peek() throws(ConfideClientError) -> UInt8 {
        guard let b = try next(consuming: false) else { throw cutShort }
        return b
    }

    private func advance() { connection.skipByte() }

    private func next(consuming: Bool = true) throws(ConfideClientError) -> UInt8? {
        let b: UInt8?
        do throws(ConfideConnection.ReadEnd) { b = try connection.peekByte(timeout: timeout) } catch {
            throw ConfideClient.readFailure(error, timeout: timeout)
        }
        if b != nil && consuming { connection.skipByte() }
        return b
    }

    private var cutShort: ConfideClientError {
        .malformedReply("the reply line ended before its JSON did; the call failed")
    }

    private func expect(_ byte: UInt8) throws(ConfideClientError) {
        let b = try peek()
        guard b == byte else { throw .malformedReply("expected \(Character(Unicode.Scalar(byte))) in the reply, found byte \(b)") }
        advance()
    }

    private func skipWhitespace() throws(ConfideClientError) {
        while true {
            let b = try peek()
            guard b == 0x20 || b == 0x09 || b == 0x0d || b == 0x0a else { return }
            if b == 0x0a { throw .malformedReply("the reply line ended inside its JSON") }
            advance()
        }
    }

    /// The bytes of one JSON value starting here: a string, a container (to its matching
    /// close, strings skipped), or a scalar (to the next delimiter).
    private func captureValue() throws(ConfideClientError) -> [UInt8] {
        var out: [UInt8] = []
        var depth = 0
        var inString = false
        var escaped = false
        while true {
            if inString && !escaped { connection.takeStringRun(into: &out) }
            let b = try peek()
            if inString {
                if b == 0x0a { throw .malformedReply("the reply line ended inside a string") }
                out.append(b)
                advance()
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return out }
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return out }  // a scalar ended by its container's close
                depth -= 1
                if depth == 0 { out.append(b); advance(); return out }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0d:
                if depth == 0 { return out }
            case 0x0a:
                throw .malformedReply("the reply line ended inside its JSON")
            default:
                break
            }
            out.append(b)
            advance()
        }
    }

    private func parse(_ bytes: [UInt8]) throws(ConfideClientError) -> JSONValue {
        do { return try JSONParser.parse(bytes) } catch {
            throw .malformedReply("\(error) in \(String(decoding: bytes.prefix(120), as: UTF8.self))")
        }
    }
}
