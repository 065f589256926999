import ConfideSystem
import Foundation

/// Progress for people on stderr: one line redrawn in place on a terminal, plain lines
/// (only when the text changes) anywhere else, so a log or a pipe never holds `\r`.
final class ProgressLine {
    private let terminal = isatty(2) != 0
    private var last: String? = nil

    /// Shows `text` as the current state.
    func update(_ text: String) {
        guard text != last else { return }
        last = text
        // ESC [K clears what a longer previous state left on the line.
        write(terminal ? "\r\(text)\u{1B}[K" : "\(text)\n")
    }

    /// Shows the final state and ends the line.
    func finish(_ text: String) {
        write(terminal ? "\r\(text)\u{1B}[K\n" : "\(text)\n")
        last = nil
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

/// Files the CLI writes (receipts, exports): created or truncated with mode 0600, whatever
/// the umask, and synced, since they hold evidence or customer data.
enum PrivateFile {
    /// Writes `bytes` to `path` (mode 0600; an existing file is truncated and made 0600).
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw CommandFailure("cannot make \(path) private (chmod 0600): \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < bytes.count {
            let n = retryingOnInterrupt { bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) } }
            guard n > 0 else { throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += n
        }
        guard fsync(fd) == 0 else { throw CommandFailure("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }
}
