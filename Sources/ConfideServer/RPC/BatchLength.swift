/// Counts the elements of a batch line without parsing it, so a batch over
/// `max_batch_requests` is refused before a single value is built: a line of `[0,0,…]`
/// would otherwise become a million values and a million error replies.
enum BatchLength {
    /// The number of top-level elements if `line` starts (after whitespace) with `[`,
    /// counting no further than `limit + 1`; nil for anything else. Strings and nested
    /// containers are skipped; the line is not validated (the parser does that after).
    static func count(_ line: ArraySlice<UInt8>, upTo limit: Int) -> Int? {
        var i = line.startIndex
        while i < line.endIndex, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0a || line[i] == 0x0d { i += 1 }
        guard i < line.endIndex, line[i] == 0x5b else { return nil }  // [
        var depth = 0
        var inString = false
        var escaped = false
        var elements = 0
        var sawValue = false
        while i < line.endIndex {
            let b = line[i]
            i += 1
            if inString {
                if escaped { escaped = false } else if b == 0x5c { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x22: inString = true; if depth == 1 { sawValue = true }
            case 0x5b, 0x7b:
                depth += 1
                if depth == 2 { sawValue = true }
            case 0x5d, 0x7d:
                depth -= 1
                if depth == 0 { return elements + (sawValue ? 1 : 0) }
            case 0x2c where depth == 1:
                elements += 1
                if elements > limit { return elements }
            case 0x20, 0x09, 0x0a, 0x0d: break
            default: if depth == 1 { sawValue = true }
            }
        }
        return elements + (sawValue ? 1 : 0)
    }
}
