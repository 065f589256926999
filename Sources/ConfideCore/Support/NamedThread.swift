import CLinux
import Foundation

/// Starts a thread the operating system knows by `name`, so `top -H`, `ps -L`, perf and
/// gdb tell the writer from a connection (Foundation's `Thread.name` is not passed to the
/// kernel on Linux). Names are cut to the kernel's 15 bytes. A positive `niceness` lowers the
/// thread's share of a busy CPU, for background work that must not slow requests down.
@discardableResult
public func startNamedThread(_ name: String, stackSize: Int? = nil, niceness: Int32 = 0,
                             _ body: @escaping @Sendable () -> Void) -> Thread {
    let thread = Thread {
        _ = confide_name_this_thread(name)
        if niceness != 0 { _ = confide_renice_this_thread(niceness) }
        body()
    }
    thread.name = name
    if let stackSize { thread.stackSize = stackSize }
    thread.start()
    return thread
}
