import Foundation
import XCTest

import ConfideCrypto
import TestSupport

private struct WycheproofEdDSAFile: Decodable {
    let numberOfTests: Int
    let testGroups: [Group]
    struct Group: Decodable {
        let publicKey: PublicKey
        let tests: [Case]
    }
    struct PublicKey: Decodable {
        let curve: String
        let pk: String
    }
    struct Case: Decodable {
        let tcId: Int
        let comment: String
        let msg: String
        let sig: String
        let result: String
    }
}

/// Ed25519 verification against Wycheproof, and the signing key's behaviour.
final class Ed25519Tests: XCTestCase {
    private let hex = TestEnvironment.hex

    func testWycheproofEveryCaseVerifiesExactlyWhenValid() throws {
        let file = try loadVectors(WycheproofEdDSAFile.self, from: "wycheproof_ed25519_test.json")
        var total = 0, valid = 0, invalid = 0, wrongLength = 0
        for group in file.testGroups {
            XCTAssertEqual(group.publicKey.curve, "edwards25519")
            let key = try SigningPublicKey(bytes: hex(group.publicKey.pk))
            for tc in group.tests {
                total += 1
                let id = "tcId \(tc.tcId) (\(tc.comment))"
                let sig = hex(tc.sig), msg = hex(tc.msg)
                let verified = key.isValidSignature(sig, for: msg)
                switch tc.result {
                case "valid":
                    valid += 1
                    XCTAssertTrue(verified, "valid signature rejected: \(id)")
                case "invalid":
                    invalid += 1
                    if sig.count != 64 { wrongLength += 1 }
                    XCTAssertFalse(verified, "invalid signature accepted: \(id)")
                default:
                    XCTFail("unexpected result '\(tc.result)' in \(id)")
                }
            }
        }
        XCTAssertEqual(file.numberOfTests, 151)
        XCTAssertEqual(total, 151, "every Wycheproof case must run")
        XCTAssertEqual(valid, 88)
        XCTAssertEqual(invalid, 63)
        XCTAssertEqual(wrongLength, 12, "twelve invalid cases have a signature that is not 64 bytes")
    }

    func testSignThenVerifyRoundTripAndTamperingIsDetected() throws {
        let key = try SigningKey.generate()
        XCTAssertEqual(key.secret.count, 64)
        XCTAssertEqual(key.publicKey.bytes.count, 32)
        let message = Array("checkpoint seq=42 head=…".utf8)
        let sig = key.sign(message)
        XCTAssertEqual(sig.count, 64)
        XCTAssertTrue(key.publicKey.isValidSignature(sig, for: message))
        XCTAssertEqual(key.sign(message), sig, "Ed25519 signatures are deterministic")

        var otherMessage = message
        otherMessage[0] ^= 1
        XCTAssertFalse(key.publicKey.isValidSignature(sig, for: otherMessage), "changed message verified")
        for i in [0, 31, 32, 63] {
            var badSig = sig
            badSig[i] ^= 0x40
            XCTAssertFalse(key.publicKey.isValidSignature(badSig, for: message), "signature with byte \(i) changed verified")
        }
        XCTAssertFalse(key.publicKey.isValidSignature(Array(sig.dropLast()), for: message), "truncated signature verified")
        XCTAssertFalse(key.publicKey.isValidSignature(sig + [0], for: message), "padded signature verified")
        XCTAssertFalse(try SigningKey.generate().publicKey.isValidSignature(sig, for: message), "another key verified the signature")
    }

    func testEmptyMessageSignsAndVerifies() throws {
        let key = try SigningKey.generate()
        let sig = key.sign([UInt8]())
        XCTAssertTrue(key.publicKey.isValidSignature(sig, for: [UInt8]()))
        XCTAssertFalse(key.publicKey.isValidSignature(sig, for: [UInt8(0)]))
    }

    func testSigningKeyFromSecretRebuildsTheSamePublicKey() throws {
        let original = try SigningKey.generate()
        let rebuilt = try SigningKey(secret: try SecretKey(copying: bytes(of: original.secret)))
        XCTAssertEqual(rebuilt.publicKey, original.publicKey)
        let message = Array("erasure receipt".utf8)
        XCTAssertTrue(original.publicKey.isValidSignature(rebuilt.sign(message), for: message))
        XCTAssertNotEqual(try SigningKey.generate().publicKey, original.publicKey, "two generated keys must differ")
    }

    func testSigningKeyFromUnwrappedSecretWorks() throws {
        // The production path: the Ed25519 secret is stored wrapped and unwrapped with openKey.
        let master = try SecretKey.random()
        let original = try SigningKey.generate()
        let wrapped = try XChaCha20Poly1305.seal(bytes(of: original.secret), key: master, associatedData: Array("audit".utf8))
        let unwrapped = try XChaCha20Poly1305.openKey(wrapped, key: master, associatedData: Array("audit".utf8))
        XCTAssertEqual(try SigningKey(secret: unwrapped).publicKey, original.publicKey)
    }

    func testWrongLengthKeysAreRejected() throws {
        assertThrows(.invalidLength(what: "Ed25519 secret key", expected: 64, actual: 32)) {
            try SigningKey(secret: try SecretKey.random(count: 32))
        }
        assertThrows(.invalidLength(what: "Ed25519 public key", expected: 32, actual: 31)) {
            try SigningPublicKey(bytes: [UInt8](repeating: 1, count: 31))
        }
        assertThrows(.invalidLength(what: "Ed25519 public key", expected: 32, actual: 33)) {
            try SigningPublicKey(bytes: [UInt8](repeating: 1, count: 33))
        }
        let pk = try SigningKey.generate().publicKey.bytes
        XCTAssertEqual(try SigningPublicKey(bytes: pk).bytes, pk)
    }
}
