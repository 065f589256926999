// libsodium marks its pointer parameters `nonnull` and types them `unsigned char *`,
// while Swift's raw buffers have optional base addresses (nil when empty). These adapters
// are the one place that bridges the two: an empty buffer yields a valid pointer to a
// byte that is never read, since every call passes the length alongside.

nonisolated(unsafe) private let emptyByte = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 16)

extension UnsafeRawBufferPointer {
    /// The base address as `const unsigned char *`, never nil.
    var u8: UnsafePointer<UInt8> { UnsafePointer((baseAddress ?? UnsafeRawPointer(emptyByte)).assumingMemoryBound(to: UInt8.self)) }
    /// The base address as `const char *`, never nil.
    var cchar: UnsafePointer<CChar> { UnsafePointer((baseAddress ?? UnsafeRawPointer(emptyByte)).assumingMemoryBound(to: CChar.self)) }
    /// The base address as `const void *`, never nil.
    var raw: UnsafeRawPointer { baseAddress ?? UnsafeRawPointer(emptyByte) }
}

extension UnsafeMutableRawBufferPointer {
    /// The base address as `unsigned char *`, never nil.
    var u8: UnsafeMutablePointer<UInt8> { (baseAddress ?? emptyByte).assumingMemoryBound(to: UInt8.self) }
    /// The base address as `void *`, never nil.
    var raw: UnsafeMutableRawPointer { baseAddress ?? emptyByte }
}
