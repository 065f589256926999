// Linux calls Swift cannot reach directly: prctl (outside the Glibc module), setvbuf on stdout.
#include <sys/prctl.h>

/// Makes the process non-dumpable: no core file, no ptrace by other processes of the same uid.
static inline int confide_disable_dumping(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }

/// Names the calling thread for the kernel (top -H, ps -L, perf); at most 15 bytes are kept.
static inline int confide_name_this_thread(const char *name) { return prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0); }

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/// Sets the calling thread's nice value (Linux schedules threads, not processes, so this
/// touches no other thread). Raising it needs no privilege.
static inline int confide_renice_this_thread(int nice) { return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice); }

#include <stdio.h>

/// Line-buffers stdout, so each JSON line reaches a pipe at once (Swift cannot touch the
/// `stdout` global under strict concurrency).
static inline void confide_line_buffer_stdout(void) { setvbuf(stdout, NULL, _IOLBF, 0); }

#include <sys/socket.h>

/// glibc declares accept4 only under _GNU_SOURCE, which the system headers Swift imports
/// were not built with; the prototype is stable (glibc 2.10+, Linux 2.6.28+).
extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// accept4 with SOCK_CLOEXEC (hidden from Swift behind _GNU_SOURCE): the connection's
/// descriptor is close-on-exec from its first instant, with no window for an exec to inherit it.
static inline int confide_accept_cloexec(int fd) { return accept4(fd, NULL, NULL, SOCK_CLOEXEC); }
