/// A read-only view of UTF-8 bytes whose subscript returns 0 outside the buffer.
///
/// Detectors peek before and after candidates constantly; a total subscript removes
/// a whole class of edge-of-text bugs without branches at every call site.
struct PIIByteView {
    let base: UnsafeBufferPointer<UInt8>

    /// Number of bytes in the view.
    var count: Int { base.count }

    /// The byte at `index`, or 0 when `index` is outside the buffer.
    @inline(__always)
    subscript(_ index: Int) -> UInt8 {
        (index >= 0 && index < base.count) ? base[index] : 0
    }
}
