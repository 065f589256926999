import CLinux
import Glibc

/// Process-wide safety settings for any process that will hold key material: `confide
/// serve`, `init` and `keys rekey` call `apply()` before loading a key (and before starting
/// threads, so none runs with the old umask).
public enum ProcessHardening {
    public static func apply() {
        umask(0o077)  // everything the process creates is private to its user
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(Int32(RLIMIT_CORE.rawValue), &none)  // no core dumps holding keys
        _ = confide_disable_dumping()  // prctl(PR_SET_DUMPABLE, 0): no ptrace/core by other same-uid processes
        // A write past RLIMIT_FSIZE must fail with EFBIG (SQLite reports it, the writer answers
        // -32005) instead of SIGXFSZ killing the daemon mid-commit.
        signal(SIGXFSZ, SIG_IGN)
    }
}
