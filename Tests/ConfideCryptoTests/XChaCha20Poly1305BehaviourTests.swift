import Dispatch
import Synchronization
import XCTest

import ConfideCrypto

/// The AEAD as production code uses it: random nonces, combined `nonce ‖ ct ‖ tag` boxes.
final class XChaCha20Poly1305BehaviourTests: XCTestCase {
    private let ad = Array("customer=7;session=3;seq=0;gen=1".utf8)

    func testSealThenOpenRoundTripsAndAddsOverhead() throws {
        let key = try SecretKey.random()
        for length in [0, 1, 63, 64, 65, 4096] {
            let plaintext = SecureRandom.bytes(length)
            let box = try XChaCha20Poly1305.seal(plaintext, key: key, associatedData: ad)
            XCTAssertEqual(box.count, length + XChaCha20Poly1305.overhead)
            XCTAssertEqual(XChaCha20Poly1305.overhead, 24 + 16)
            XCTAssertEqual(try XChaCha20Poly1305.open(box, key: key, associatedData: ad), plaintext, "\(length) bytes")
        }
    }

    func testOpenWithDifferentAssociatedDataFailsAuthentication() throws {
        let key = try SecretKey.random()
        let box = try XChaCha20Poly1305.seal(Array("hello".utf8), key: key, associatedData: ad)
        assertThrows(.authenticationFailed) {
            try XChaCha20Poly1305.open(box, key: key, associatedData: Array("customer=7;session=3;seq=1;gen=1".utf8))
        }
        assertThrows(.authenticationFailed) {
            try XChaCha20Poly1305.open(box, key: key, associatedData: [UInt8]())
        }
    }

    func testFlippedByteAnywhereInTheBoxFailsAuthentication() throws {
        let key = try SecretKey.random()
        let box = try XChaCha20Poly1305.seal(Array("transcript line".utf8), key: key, associatedData: ad)
        for i in box.indices {  // nonce, ciphertext and tag alike
            var bad = box
            bad[i] ^= 0x01
            assertThrows(.authenticationFailed, "byte \(i) flipped") {
                try XChaCha20Poly1305.open(bad, key: key, associatedData: ad)
            }
        }
    }

    func testOpenWithAnotherKeyFails() throws {
        let box = try XChaCha20Poly1305.seal(Array("x".utf8), key: try SecretKey.random(), associatedData: ad)
        assertThrows(.authenticationFailed) { try XChaCha20Poly1305.open(box, key: try SecretKey.random(), associatedData: ad) }
    }

    func testTruncatedBoxesFailAuthentication() throws {
        let key = try SecretKey.random()
        let box = try XChaCha20Poly1305.seal(Array("abc".utf8), key: key, associatedData: ad)
        for length in [0, 1, 23, 24, 39, 40, box.count - 1] {
            assertThrows(.authenticationFailed, "\(length) bytes") {
                try XChaCha20Poly1305.open(Array(box.prefix(length)), key: key, associatedData: ad)
            }
        }
    }

    func testTwoSealsOfTheSamePlaintextDifferBecauseNoncesAreRandom() throws {
        let key = try SecretKey.random()
        let plaintext = Array("same message".utf8)
        let a = try XChaCha20Poly1305.seal(plaintext, key: key, associatedData: ad)
        let b = try XChaCha20Poly1305.seal(plaintext, key: key, associatedData: ad)
        XCTAssertNotEqual(a, b)
        XCTAssertNotEqual(Array(a.prefix(24)), Array(b.prefix(24)), "nonces must differ")
        XCTAssertEqual(try XChaCha20Poly1305.open(a, key: key, associatedData: ad), plaintext)
        XCTAssertEqual(try XChaCha20Poly1305.open(b, key: key, associatedData: ad), plaintext)
    }

    /// Nonces come from a buffered pool refilled from the CSPRNG: across many refills, from
    /// several threads at once, no nonce repeats and none is the pool's wiped (zero) state.
    func testNoncesNeverRepeatAcrossPoolRefillsAndThreads() throws {
        let key = try SecretKey.random()
        let perThread = 2_000, threads = 4   // 4 x 2,000 x 24 bytes: dozens of 4 KiB refills
        let nonces = Mutex<[[UInt8]]>([])
        let ad = self.ad
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var mine: [[UInt8]] = []
            for _ in 0..<perThread { mine.append(Array((try! XChaCha20Poly1305.seal([1], key: key, associatedData: ad)).prefix(24))) }
            nonces.withLock { $0 += mine }
        }
        let all = nonces.withLock { $0 }
        XCTAssertEqual(all.count, perThread * threads)
        XCTAssertEqual(Set(all).count, all.count, "a nonce was handed out twice")
        XCTAssertFalse(all.contains([UInt8](repeating: 0, count: 24)), "a wiped pool slot was handed out")
    }

    func testKeysOfTheWrongSizeAreRejected() throws {
        let nonce = [UInt8](repeating: 0, count: 24)
        for size in [0, 16, 31, 33, 64] {
            let key = try SecretKey.random(count: size)
            let expected = CryptoError.invalidLength(what: "key", expected: 32, actual: size)
            assertThrows(expected, "seal, \(size)-byte key") { try XChaCha20Poly1305.seal([UInt8(1)], key: key, associatedData: ad) }
            assertThrows(expected, "seal(nonce:), \(size)-byte key") {
                try XChaCha20Poly1305.seal([UInt8(1)], nonce: nonce, key: key, associatedData: ad)
            }
            assertThrows(expected, "open, \(size)-byte key") {
                try XChaCha20Poly1305.open([UInt8](repeating: 0, count: 64), key: key, associatedData: ad)
            }
            assertThrows(expected, "openKey, \(size)-byte key") {
                try XChaCha20Poly1305.openKey([UInt8](repeating: 0, count: 72), key: key, associatedData: ad)
            }
        }
    }

    func testOpenKeyRoundTripYieldsAGuardedKeyWithTheWrappedBytes() throws {
        let kek = try SecretKey.random()
        let dek = try SecretKey.random()
        let wrapped = try XChaCha20Poly1305.seal(bytes(of: dek), key: kek, associatedData: ad)
        let unwrapped: SecretKey = try XChaCha20Poly1305.openKey(wrapped, key: kek, associatedData: ad)
        XCTAssertEqual(unwrapped.count, 32)
        XCTAssertEqual(bytes(of: unwrapped), bytes(of: dek))
        XCTAssertEqual(unwrapped.description, "SecretKey(32 bytes, redacted)")

        // The unwrapped key works as a key: what one seals, the other opens.
        let box = try XChaCha20Poly1305.seal(Array("chunk".utf8), key: dek, associatedData: ad)
        XCTAssertEqual(try XChaCha20Poly1305.open(box, key: unwrapped, associatedData: ad), Array("chunk".utf8))
    }

    func testOpenKeyRejectsTamperingWrongAssociatedDataAndWrongKek() throws {
        let kek = try SecretKey.random()
        let wrapped = try XChaCha20Poly1305.seal(SecureRandom.bytes(32), key: kek, associatedData: ad)
        var tampered = wrapped
        tampered[30] ^= 0x80
        assertThrows(.authenticationFailed) { try XChaCha20Poly1305.openKey(tampered, key: kek, associatedData: ad) }
        assertThrows(.authenticationFailed) { try XChaCha20Poly1305.openKey(wrapped, key: kek, associatedData: [UInt8(1)]) }
        assertThrows(.authenticationFailed) { try XChaCha20Poly1305.openKey(wrapped, key: try SecretKey.random(), associatedData: ad) }
        assertThrows(.authenticationFailed) {
            try XChaCha20Poly1305.openKey(Array(wrapped.prefix(XChaCha20Poly1305.overhead)), key: kek, associatedData: ad)
        }
    }
}
