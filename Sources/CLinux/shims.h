// Linux calls Swift's Glibc module does not expose (prctl lives outside it).
#include <sys/prctl.h>

/// Makes the process non-dumpable: no core file, no ptrace by other processes of the same uid.
static inline int confide_disable_dumping(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }
