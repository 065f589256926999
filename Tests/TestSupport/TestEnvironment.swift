import Foundation

/// Where the package and the external test vectors live, found from this file's path
/// so tests work from any working directory.
public enum TestEnvironment {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `Tests/TestSupport/Vectors`: the external test vectors (Wycheproof, IETF and RFC
    /// vectors, libsodium and BLAKE2 KATs, JSONTestSuite, JSON-RPC examples), kept in the
    /// repository. Their sources and licences are in Vectors/README.md.
    public static let vectors: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .appendingPathComponent("Vectors", isDirectory: true)

    /// The bytes of one file of `Tests/TestSupport/Vectors`.
    public static func testData(_ name: String) throws -> Data {
        try Data(contentsOf: vectors.appendingPathComponent(name))
    }

    /// Decodes lowercase or uppercase hex; traps on malformed input since vectors are trusted data.
    public static func hex(_ string: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count / 2)
        var high: UInt8? = nil
        for c in string.utf8 {
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 97...102: v = c - 87
            case 65...70: v = c - 55
            default: preconditionFailure("bad hex in test vector")
            }
            if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
        }
        precondition(high == nil, "odd hex length in test vector")
        return bytes
    }
}

/// A fresh folder under the system temporary directory, removed when `remove()` is called.
public struct TemporaryDirectory: Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "confide-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
        url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
