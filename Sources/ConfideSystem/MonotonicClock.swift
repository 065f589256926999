import Glibc

/// The one clock for durations and deadlines: `CLOCK_MONOTONIC`, which wall-clock changes
/// (NTP steps, an operator's `date -s`) never move. Wall time for records is `Timestamp`.
public enum MonotonicClock {
    /// Seconds since an arbitrary fixed point (boot), with nanosecond resolution.
    @inline(__always)
    public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
