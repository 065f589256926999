import Foundation
import XCTest

import ConfideCrypto
import TestSupport

private struct WycheproofAEADFile: Decodable {
    let numberOfTests: Int
    let testGroups: [Group]
    struct Group: Decodable {
        let ivSize: Int
        let keySize: Int
        let tagSize: Int
        let tests: [Case]
    }
    struct Case: Decodable {
        let tcId: Int
        let comment: String
        let key: String
        let iv: String
        let aad: String
        let msg: String
        let ct: String
        let tag: String
        let result: String
    }
}

private struct DraftXChaChaFile: Decodable {
    let aead_xchacha20_poly1305: AEAD
    struct AEAD: Decodable {
        let plaintext: String
        let aad: String
        let key: String
        let iv: String
        let ciphertext: String
        let tag: String
    }
}

private struct LibsodiumKATFile: Decodable {
    let key: String
    let nonce: String
    let msg: String
    let tests: [Test]
    struct Test: Decodable {
        let name: String
        let ad: String
        let ct_and_tag: String
    }
}

/// XChaCha20-Poly1305 against external known-answer vectors (Wycheproof, the CFRG draft,
/// libsodium's own test).
final class XChaCha20Poly1305VectorTests: XCTestCase {
    private let hex = TestEnvironment.hex

    func testWycheproofEveryCaseOpensAndSealsOrIsRejected() throws {
        let file = try loadVectors(WycheproofAEADFile.self, from: "wycheproof_xchacha20_poly1305_test.json")
        var total = 0, valid = 0, invalid = 0
        var rejectedForNonceLength = 0, rejectedByAuthentication = 0

        for group in file.testGroups {
            XCTAssertEqual(group.tagSize, 128, "unexpected tag size in group")
            for tc in group.tests {
                total += 1
                let id = "tcId \(tc.tcId) (\(tc.comment))"
                let key = try secretKey(hex(tc.key))
                let nonce = hex(tc.iv), aad = hex(tc.aad), msg = hex(tc.msg)
                let ctAndTag = hex(tc.ct) + hex(tc.tag)
                XCTAssertEqual(nonce.count * 8, group.ivSize, id)
                XCTAssertEqual(key.count * 8, group.keySize, id)

                switch tc.result {
                case "valid":
                    valid += 1
                    do {
                        let opened = try XChaCha20Poly1305.open(ciphertextAndTag: ctAndTag, nonce: nonce, key: key, associatedData: aad)
                        XCTAssertEqual(opened, msg, "open gave the wrong plaintext: \(id)")
                    } catch {
                        XCTFail("valid vector failed to open: \(id): \(error)")
                    }
                    do {
                        let sealed = try XChaCha20Poly1305.seal(msg, nonce: nonce, key: key, associatedData: aad)
                        XCTAssertEqual(hexString(sealed), hexString(ctAndTag), "seal gave the wrong ct‖tag: \(id)")
                    } catch {
                        XCTFail("valid vector failed to seal: \(id): \(error)")
                    }
                    // The combined on-disk form nonce ‖ ct ‖ tag opens the same way.
                    XCTAssertEqual(try? XChaCha20Poly1305.open(nonce + ctAndTag, key: key, associatedData: aad), msg,
                                   "combined box failed to open: \(id)")

                case "invalid":
                    invalid += 1
                    if nonce.count != XChaCha20Poly1305.nonceBytes {
                        rejectedForNonceLength += 1
                        let expected = CryptoError.invalidLength(what: "nonce", expected: 24, actual: nonce.count)
                        assertThrows(expected, id) {
                            try XChaCha20Poly1305.open(ciphertextAndTag: ctAndTag, nonce: nonce, key: key, associatedData: aad)
                        }
                        assertThrows(expected, id) {
                            try XChaCha20Poly1305.seal(msg, nonce: nonce, key: key, associatedData: aad)
                        }
                    } else {
                        rejectedByAuthentication += 1
                        assertThrows(.authenticationFailed, id) {
                            try XChaCha20Poly1305.open(ciphertextAndTag: ctAndTag, nonce: nonce, key: key, associatedData: aad)
                        }
                    }

                default:
                    XCTFail("unexpected result '\(tc.result)' in \(id)")
                }
            }
        }

        XCTAssertEqual(file.numberOfTests, 315)
        XCTAssertEqual(total, 315, "every Wycheproof case must run")
        XCTAssertEqual(valid, 246)
        XCTAssertEqual(invalid, 69)
        XCTAssertEqual(rejectedForNonceLength, 9, "nine groups have a nonce that is not 192 bits")
        XCTAssertEqual(rejectedByAuthentication, 60)
    }

    func testDraftIrtfCfrgXChacha03SectionA31VectorSealsAndOpens() throws {
        let v = try loadVectors(DraftXChaChaFile.self, from: "xchacha20_poly1305_draft_irtf_cfrg_xchacha_03.json")
            .aead_xchacha20_poly1305
        let key = try secretKey(hex(v.key))
        let expected = hex(v.ciphertext) + hex(v.tag)
        XCTAssertEqual(expected.count, hex(v.plaintext).count + XChaCha20Poly1305.tagBytes)

        let sealed = try XChaCha20Poly1305.seal(hex(v.plaintext), nonce: hex(v.iv), key: key, associatedData: hex(v.aad))
        XCTAssertEqual(hexString(sealed), hexString(expected))
        let opened = try XChaCha20Poly1305.open(ciphertextAndTag: expected, nonce: hex(v.iv), key: key, associatedData: hex(v.aad))
        XCTAssertEqual(opened, hex(v.plaintext))
        XCTAssertEqual(String(decoding: opened, as: UTF8.self).prefix(21), "Ladies and Gentlemen ")
    }

    func testLibsodiumKATProducesItsThreeExpectedOutputsAndOpensThem() throws {
        let kat = try loadVectors(LibsodiumKATFile.self, from: "libsodium_aead_xchacha20poly1305_kat.json")
        let key = try secretKey(hex(kat.key))
        let nonce = hex(kat.nonce), msg = hex(kat.msg)
        XCTAssertEqual(kat.tests.count, 3)
        for t in kat.tests {
            let expected = hex(t.ct_and_tag)
            XCTAssertEqual(expected.count, 130, t.name)
            let sealed = try XChaCha20Poly1305.seal(msg, nonce: nonce, key: key, associatedData: hex(t.ad))
            XCTAssertEqual(hexString(sealed), t.ct_and_tag, t.name)
            XCTAssertEqual(try XChaCha20Poly1305.open(ciphertextAndTag: expected, nonce: nonce, key: key, associatedData: hex(t.ad)),
                           msg, t.name)
        }
    }

    func testLibsodiumKATEveryOneByteChangeFailsToOpen() throws {
        let kat = try loadVectors(LibsodiumKATFile.self, from: "libsodium_aead_xchacha20poly1305_kat.json")
        let key = try secretKey(hex(kat.key))
        let nonce = hex(kat.nonce)
        var tried = 0
        for t in kat.tests {
            let good = hex(t.ct_and_tag), ad = hex(t.ad)
            for i in good.indices {
                var bad = good
                bad[i] ^= UInt8(truncatingIfNeeded: i + 1)
                tried += 1
                assertThrows(.authenticationFailed, "\(t.name): byte \(i) changed") {
                    try XChaCha20Poly1305.open(ciphertextAndTag: bad, nonce: nonce, key: key, associatedData: ad)
                }
            }
        }
        XCTAssertEqual(tried, 3 * 130)
    }

    func testLibsodiumKATRejectsShortCiphertextAndAnotherKey() throws {
        let kat = try loadVectors(LibsodiumKATFile.self, from: "libsodium_aead_xchacha20poly1305_kat.json")
        let key = try secretKey(hex(kat.key))
        let nonce = hex(kat.nonce)
        let good = hex(kat.tests[0].ct_and_tag), ad = hex(kat.tests[0].ad)
        for length in [0, 1, 15] {
            assertThrows(.authenticationFailed, "ciphertext of \(length) bytes") {
                try XChaCha20Poly1305.open(ciphertextAndTag: Array(good.prefix(length)), nonce: nonce, key: key, associatedData: ad)
            }
        }
        assertThrows(.authenticationFailed) {
            try XChaCha20Poly1305.open(ciphertextAndTag: good, nonce: nonce, key: try SecretKey.random(), associatedData: ad)
        }
    }
}
