import Foundation
import XCTest

import ConfideCrypto

/// `NonceSource` after `fork`: the child must not hand out the nonces its parent holds
/// (a copied pool would make both seal under the same nonces).
final class NonceSourceForkTests: XCTestCase {
    func testChildOfForkDrawsNoncesItsParentDoesNotAlsoDraw() throws {
        var warm = [UInt8](repeating: 0, count: 24)
        warm.withUnsafeMutableBytes { NonceSource.fill($0.baseAddress!, count: 24) }  // the pool is filled and in use
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let child = fork()
        if child == 0 {
            // Only async-signal-safe work besides the fill: no allocation, no locks but the pool's.
            var nonce: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &nonce) { b in
                NonceSource.fill(b.baseAddress!, count: 24)
                _ = write(fds[1], b.baseAddress!, 24)
            }
            _exit(0)
        }
        XCTAssertGreaterThan(child, 0, "fork failed: errno \(errno)")
        close(fds[1])
        var parent = [UInt8](repeating: 0, count: 24)
        parent.withUnsafeMutableBytes { NonceSource.fill($0.baseAddress!, count: 24) }
        var fromChild = [UInt8](repeating: 0, count: 24)
        let n = fromChild.withUnsafeMutableBytes { read(fds[0], $0.baseAddress!, 24) }
        close(fds[0])
        var status: Int32 = 0
        waitpid(child, &status, 0)
        XCTAssertEqual(n, 24, "the child wrote its nonce")
        XCTAssertNotEqual(fromChild, parent, "parent and child drew the same nonce after fork")
    }
}
