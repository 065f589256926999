import ConfideCrypto
import XCTest

/// Re-wrapping moves a wrapped key under a new wrapping key and new associated data
/// without the key ever leaving guarded memory, and refuses what does not authenticate.
final class KeyRewrapperTests: XCTestCase {
    func testRewrappedKeyOpensUnderTheNewKeyOnlyAndIsTheSameKey() throws {
        let oldKEK = try SecretKey.random(), newKEK = try SecretKey.random()
        let dek = try SecretKey.random()
        let wrapped = try dek.withUnsafeBytes { try XChaCha20Poly1305.seal($0, key: oldKEK, associatedData: Array("old".utf8)) }
        let rewrapper = try KeyRewrapper()
        let rewrapped = try rewrapper.rewrap(wrapped, from: oldKEK, fromAD: Array("old".utf8), to: newKEK, toAD: Array("new".utf8))
        XCTAssertNotEqual(rewrapped, wrapped)
        let opened = try XChaCha20Poly1305.openKey(rewrapped, key: newKEK, associatedData: Array("new".utf8))
        XCTAssertEqual(opened.withUnsafeBytes { Array($0) }, dek.withUnsafeBytes { Array($0) })
        XCTAssertThrowsError(try XChaCha20Poly1305.openKey(rewrapped, key: oldKEK, associatedData: Array("new".utf8)))
        XCTAssertThrowsError(try XChaCha20Poly1305.openKey(rewrapped, key: newKEK, associatedData: Array("old".utf8)))
        // The same re-wrapper serves a whole batch.
        let second = try rewrapper.rewrap(wrapped, from: oldKEK, fromAD: Array("old".utf8), to: newKEK, toAD: Array("new".utf8))
        XCTAssertEqual(try XChaCha20Poly1305.openKey(second, key: newKEK, associatedData: Array("new".utf8)).withUnsafeBytes { Array($0) },
                       dek.withUnsafeBytes { Array($0) })
    }

    func testWrongKeyWrongDataOrTamperingIsRefused() throws {
        let kek = try SecretKey.random(), other = try SecretKey.random()
        let wrapped = try SecretKey.random().withUnsafeBytes { try XChaCha20Poly1305.seal($0, key: kek, associatedData: [1]) }
        let rewrapper = try KeyRewrapper()
        XCTAssertThrowsError(try rewrapper.rewrap(wrapped, from: other, fromAD: [1], to: kek, toAD: [2])) {
            XCTAssertEqual($0 as? CryptoError, .authenticationFailed)
        }
        XCTAssertThrowsError(try rewrapper.rewrap(wrapped, from: kek, fromAD: [9], to: kek, toAD: [2]))
        var tampered = wrapped
        tampered[30] ^= 1
        XCTAssertThrowsError(try rewrapper.rewrap(tampered, from: kek, fromAD: [1], to: kek, toAD: [2]))
        XCTAssertThrowsError(try rewrapper.rewrap(Array(wrapped.prefix(20)), from: kek, fromAD: [1], to: kek, toAD: [2]))
    }
}
