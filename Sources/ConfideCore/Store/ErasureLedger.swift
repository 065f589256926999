import ConfideJSON
import Foundation
import Synchronization

/// The erasure ledger: one line per erasure, appended and fsynced before the shred replies,
/// to a file that lives apart from the state folder (`erasure_ledger_path`). A keys.db
/// restored from a backup taken before a shred still holds the customer's keys; at start-up
/// the daemon re-applies every ledger entry, so the customer stays erased (see
/// `TranscriptStore.reconcileErasures`).
///
/// Each line is compact JSON: `{"customer_tag": hex, "handle_tag": hex, "shredded_at": ms,
/// "number": n, "draft": {…}, "receipt": {…} | null}` (`number`, which erasure of the
/// customer id it is, since session 24; lines written before lack it). A shred writes a line at its erasure point
/// (receipt null) and another once its receipt is signed; the later line of the same
/// erasure wins. It holds no customer id, blind index or handle: the tags are keyed hashes
/// of them (see `Keyring.erasureTag`).
public final class ErasureLedger: Sendable {
    /// One erasure.
    public struct Entry: Sendable {
        public let customerTag: [UInt8]
        public let handleTag: [UInt8]
        public let shreddedAt: Timestamp
        /// `ErasureRecord.number`; nil on a line written before erasures were numbered.
        public let number: Int?
        public let draft: JSONObject
        public let receipt: JSONObject?
    }

    public let path: String
    private let appending = Mutex(())

    public init(path: String) { self.path = path }

    /// Appends `entry` and flushes it to disk (and, when the file is new, its folder entry).
    /// A last line cut short (a crash, a short write) is cut off first, so the new line never
    /// glues onto it; a write that comes up short is undone the same way.
    func append(_ entry: Entry) throws {
        var line = JSONWriter.bytes(.object([
            "customer_tag": .string(encodeHex(entry.customerTag)), "handle_tag": .string(encodeHex(entry.handleTag)),
            "shredded_at": .int(Int(entry.shreddedAt.milliseconds)), "number": entry.number.map { .int($0) } ?? .null,
            "draft": .object(entry.draft),
            "receipt": entry.receipt.map { .object($0) } ?? .null,
        ]))
        line.append(0x0a)
        try appending.withLock { _ in
            let existed = FileManager.default.fileExists(atPath: path)
            let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { throw StoreError.unavailable("cannot open the erasure ledger \(path): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let whole = try ErasureLedger.completeLength(fd)
            let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == line.count, fsync(fd) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = ftruncate(fd, off_t(whole))
                throw StoreError.unavailable("cannot write the erasure ledger \(path): \(reason)")
            }
            if !existed {
                let dir = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                               O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if dir >= 0 { fsync(dir); close(dir) }
            }
        }
    }

    /// The length of the file up to its last complete line, after cutting off anything
    /// behind it.
    private static func completeLength(_ fd: Int32) throws -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.unavailable("cannot read the erasure ledger: \(String(cString: strerror(errno)))") }
        var end = Int(st.st_size)
        var byte: UInt8 = 0
        while end > 0, pread(fd, &byte, 1, off_t(end - 1)) == 1, byte != 0x0a { end -= 1 }
        if end != Int(st.st_size) { guard ftruncate(fd, off_t(end)) == 0 else { throw StoreError.unavailable("cannot repair the erasure ledger") } }
        return end
    }

    /// Every erasure in the file, the latest line of each; none when the file does not
    /// exist. A last line cut short by a crash is ignored; any other unreadable line is
    /// an error naming it (the file was edited or damaged).
    func entries() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let bytes = [UInt8](data)
        var byKey: [[UInt8]: Entry] = [:]
        var order: [[UInt8]] = []
        let lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() where !line.isEmpty {
            let isLast = number == lines.count - 1  // no newline after it: cut short by a crash
            guard let entry = Entry(line: Array(line)) else {
                if isLast { continue }
                throw StoreError.integrity("the erasure ledger \(path) has an unreadable line \(number + 1) (edited or damaged)")
            }
            let key = entry.customerTag + entry.handleTag
            if byKey[key] == nil { order.append(key) }
            byKey[key] = entry
        }
        return order.compactMap { byKey[$0] }
    }
}

extension ErasureLedger.Entry {
    init(record: ErasureRecord) {
        self.init(customerTag: record.customerTag, handleTag: record.handleTag, shreddedAt: record.shreddedAt, number: record.number,
                  draft: record.draft, receipt: record.receipt)
    }

    /// Parses one ledger line; nil when it is not one.
    init?(line: [UInt8]) {
        guard let o = (try? JSONParser.parse(line))?.objectValue,
              let customerTag = o["customer_tag"]?.stringValue.flatMap({ decodeHex(Array($0.utf8)) }),
              let handleTag = o["handle_tag"]?.stringValue.flatMap({ decodeHex(Array($0.utf8)) }),
              let at = o["shredded_at"]?.intValue, let draft = o["draft"]?.objectValue else { return nil }
        let number: Int?
        switch o["number"] {
        case .null?, nil: number = nil
        case let n?: guard let n = n.intValue, n >= 1 else { return nil }; number = n
        }
        let receipt: JSONObject?
        switch o["receipt"] {
        case .object(let r)?: receipt = r
        case .null?, nil: receipt = nil
        default: return nil
        }
        self.init(customerTag: customerTag, handleTag: handleTag, shreddedAt: Timestamp(milliseconds: Int64(at)), number: number, draft: draft,
                  receipt: receipt)
    }
}
