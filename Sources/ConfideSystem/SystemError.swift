import Glibc

/// A failed system call: the call's name and `errno`, with the C library's text.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    public let call: String
    public let errno: Int32
    public let context: String?

    public init(_ call: String, errno: Int32 = Glibc.errno, context: String? = nil) {
        self.call = call
        self.errno = errno
        self.context = context
    }

    public var description: String {
        "\(context.map { $0 + ": " } ?? "")\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// Calls `body` again while it fails with EINTR: the one place interrupted calls are retried.
/// `body` returns the call's result; -1 with `errno == EINTR` means "interrupted, call again".
@inline(__always)
public func retryingOnInterrupt<T: FixedWidthInteger>(_ body: () -> T) -> T {
    while true {
        let r = body()
        if r == -1 && errno == EINTR { continue }
        return r
    }
}
