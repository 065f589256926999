import Foundation

/// Milliseconds since the Unix epoch, the one time representation inside Confide;
/// RFC 3339 only at the edges (parameters and replies).
public struct Timestamp: Comparable, Hashable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// The times confide stores: 1970-01-01 up to the end of year 9999. A stored value
    /// outside is an edit of the file.
    public static let storable: ClosedRange<Int64> = 0...253_402_300_799_999

    /// The current wall-clock time.
    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(milliseconds: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    /// This time plus `days` days.
    /// Saturating: a time read from an edited file (`Int64.max`) must not trap the daemon.
    public func adding(days: Int) -> Timestamp { adding(Int64(clamping: days), unit: 86_400_000) }
    public func adding(seconds: Int) -> Timestamp { adding(Int64(clamping: seconds), unit: 1000) }

    private func adding(_ count: Int64, unit: Int64) -> Timestamp {
        let extreme: Int64 = count < 0 ? .min : .max
        let (delta, tooMany) = count.multipliedReportingOverflow(by: unit)
        guard !tooMany else { return Timestamp(milliseconds: extreme) }
        let (sum, overflow) = milliseconds.addingReportingOverflow(delta)
        return Timestamp(milliseconds: overflow ? extreme : sum)
    }

    /// RFC 3339 UTC with milliseconds, e.g. `2026-11-24T07:17:19.123Z`.
    public var rfc3339: String {
        // Floor division that cannot overflow, for any Int64 (even one read from an edited file).
        let remainder = milliseconds % 1000
        var seconds = time_t(milliseconds / 1000 - (remainder < 0 ? 1 : 0))
        let ms = Int(remainder < 0 ? remainder + 1000 : remainder)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        guard (0...9999).contains(year) else {
            func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
            return "\(pad(year, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
                + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(ms, 3))Z"
        }
        // Every reply message carries one: written digit by digit into one 24-byte string.
        return String(unsafeUninitializedCapacity: 24) { out in
            func put(_ value: Int, digits: Int, at offset: Int) {
                var v = value
                for i in stride(from: offset + digits - 1, through: offset, by: -1) { out[i] = UInt8(48 + v % 10); v /= 10 }
            }
            put(year, digits: 4, at: 0); out[4] = 45
            put(Int(parts.tm_mon) + 1, digits: 2, at: 5); out[7] = 45
            put(Int(parts.tm_mday), digits: 2, at: 8); out[10] = 84
            put(Int(parts.tm_hour), digits: 2, at: 11); out[13] = 58
            put(Int(parts.tm_min), digits: 2, at: 14); out[16] = 58
            put(Int(parts.tm_sec), digits: 2, at: 17); out[19] = 46
            put(ms, digits: 3, at: 20); out[23] = 90
            return 24
        }
    }

    /// Parses RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, `T` or `t` or space);
    /// fractions beyond milliseconds are truncated. Nil when malformed or out of range.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for i in from..<(from + len) { guard (48...57).contains(b[i]) else { return nil }; v = v * 10 + Int(b[i] - 48) }
            return v
        }
        guard let year = num(0, 4), b[4] == 45, let month = num(5, 2), b[7] == 45, let day = num(8, 2),
              [84, 116, 32].contains(b[10]), let hour = num(11, 2), b[13] == 58, let minute = num(14, 2),
              b[16] == 58, let second = num(17, 2) else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60 else { return nil }
        var i = 19
        var millis = 0
        if b[i] == 46 {  // '.'
            i += 1
            var digits = 0
            while i < b.count, (48...57).contains(b[i]) {
                if digits < 3 { millis = millis * 10 + Int(b[i] - 48) }
                digits += 1; i += 1
            }
            guard digits > 0 else { return nil }
            // Scale to milliseconds: ".5" is 500 ms; digits past the third were dropped above.
            if digits < 3 { for _ in digits..<3 { millis *= 10 } }
        }
        guard i < b.count else { return nil }
        var offsetMinutes = 0
        if b[i] == 90 || b[i] == 122 {  // Z
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            guard let oh = num(i + 1, 2), b.count > i + 3, b[i + 3] == 58, let om = num(i + 4, 2), oh < 24, om < 60 else { return nil }
            offsetMinutes = (oh * 60 + om) * (b[i] == 45 ? -1 : 1)
            i += 6
        } else { return nil }
        guard i == b.count else { return nil }
        // Days from civil (Howard Hinnant's algorithm): exact for the proleptic Gregorian calendar.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let secs = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offsetMinutes * 60)
        self.milliseconds = secs * 1000 + Int64(millis)
    }
}

/// The source of "now" for everything time-driven (timestamps, rotation, retention),
/// injectable so tests can move time forward without sleeping.
public protocol Clock: Sendable {
    /// The current time.
    func now() -> Timestamp
}

/// The real wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Timestamp { Timestamp.now() }
}
