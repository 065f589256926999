import XCTest

@_spi(Testing) import ConfideCrypto

/// SecretKey, blind indexes, Argon2id and the small helpers around key material.
final class KeyMaterialTests: XCTestCase {
    func testSecretKeyDescriptionNeverShowsTheBytes() throws {
        let key = try SecretKey(copying: [UInt8](repeating: 0xA7, count: 32))
        XCTAssertEqual(key.description, "SecretKey(32 bytes, redacted)")
        for rendered in ["\(key)", String(describing: key), String(reflecting: key), "\([key])"] {
            XCTAssertFalse(rendered.lowercased().contains("a7a7"), rendered)
            XCTAssertFalse(rendered.contains("167"), rendered)  // 0xA7 in decimal
            XCTAssertTrue(rendered.contains("redacted"), rendered)
        }
    }

    func testSecretKeyHoldsWhatItWasGivenAndRandomKeysDiffer() throws {
        let raw: [UInt8] = (0..<40).map { UInt8($0) }
        XCTAssertEqual(bytes(of: try SecretKey(copying: raw)), raw)
        let a = try SecretKey.random(), b = try SecretKey.random()
        XCTAssertEqual(a.count, 32)
        XCTAssertNotEqual(bytes(of: a), bytes(of: b))
        XCTAssertEqual(try SecretKey.random(count: 64).count, 64)
    }

    func testSecretKeyFillErrorPropagates() {
        struct FillFailed: Error {}
        XCTAssertThrowsError(try SecretKey(count: 32) { _ in throw FillFailed() }) { error in
            XCTAssertTrue(error is FillFailed, "\(error)")
        }
    }

    func testWipeZeroesAndConstantTimeEqualsCompares() {
        var secret: [UInt8] = [1, 2, 3, 4]
        wipe(&secret)
        XCTAssertEqual(secret, [0, 0, 0, 0])
        XCTAssertTrue(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2]))
        XCTAssertTrue(constantTimeEquals([], []))
        XCTAssertEqual(SecureRandom.bytes(16).count, 16)
        XCTAssertNotEqual(SecureRandom.bytes(32), SecureRandom.bytes(32))
    }

    // MARK: Blind index

    func testBlindIndexIsDeterministicPerDomainAndParts() throws {
        let raw = SecureRandom.bytes(32)
        let a = try BlindIndexKey(SecretKey(copying: raw))
        let b = try BlindIndexKey(SecretKey(copying: raw))
        let id = Array("cust-0042".utf8)
        let index = a.index(domain: "customer", id)
        XCTAssertEqual(index.count, 32)
        XCTAssertEqual(a.index(domain: "customer", id), index)
        XCTAssertEqual(b.index(domain: "customer", id), index, "the same key bytes give the same index")
        XCTAssertNotEqual(a.index(domain: "customer", Array("cust-0043".utf8)), index)
    }

    func testBlindIndexDiffersAcrossDomainsAndKeys() throws {
        let id = Array("abc".utf8)
        let key = try BlindIndexKey(try SecretKey.random())
        XCTAssertNotEqual(key.index(domain: "customer", id), key.index(domain: "session", id))
        XCTAssertNotEqual(key.index(domain: "customer", id), try BlindIndexKey(try SecretKey.random()).index(domain: "customer", id))
    }

    func testBlindIndexLengthPrefixingPreventsBoundaryShiftCollisions() throws {
        let key = try BlindIndexKey(try SecretKey.random())
        let u = { (s: String) in Array(s.utf8) }
        XCTAssertNotEqual(key.index(domain: "session", u("ab"), u("c")), key.index(domain: "session", u("a"), u("bc")))
        XCTAssertNotEqual(key.index(domain: "session", u("abc")), key.index(domain: "session", u("ab"), u("c")))
        XCTAssertNotEqual(key.index(domain: "session", u("x")), key.index(domain: "session", u("x"), []))
        // The domain is framed too: ("ab" | "c") differs from ("a" | "bc").
        XCTAssertNotEqual(key.index(domain: "ab", u("c")), key.index(domain: "a", u("bc")))
    }

    func testBlindIndexIsKeyedBLAKE2bOverLengthPrefixedFields() throws {
        // Indexes are stored on disk, so their definition must not drift.
        let raw = SecureRandom.bytes(32)
        let key = try BlindIndexKey(SecretKey(copying: raw))
        var framed: [UInt8] = []
        appendLengthPrefixed(Array("customer".utf8), to: &framed)
        appendLengthPrefixed([9, 8, 7], to: &framed)
        XCTAssertEqual(Array(framed.prefix(4)), [0, 0, 0, 8])
        XCTAssertEqual(key.index(domain: "customer", [9, 8, 7]), BLAKE2b.hash(framed, outputLength: 32, rawKey: raw))
    }

    func testAppendLengthPrefixedWritesBigEndianLength() {
        var out: [UInt8] = [0xFF]
        appendLengthPrefixed([1, 2, 3], to: &out)
        XCTAssertEqual(out, [0xFF, 0, 0, 0, 3, 1, 2, 3])
        var big: [UInt8] = []
        appendLengthPrefixed([UInt8](repeating: 0, count: 0x1_0203), to: &big)
        XCTAssertEqual(Array(big.prefix(4)), [0, 1, 2, 3])
        var empty: [UInt8] = []
        appendLengthPrefixed([], to: &empty)
        XCTAssertEqual(empty, [0, 0, 0, 0])
    }

    func testBlindIndexKeyRejectsKeysThatAreNot32Bytes() {
        assertThrows(.invalidLength(what: "index key", expected: 32, actual: 16)) { try BlindIndexKey(try SecretKey.random(count: 16)) }
        assertThrows(.invalidLength(what: "index key", expected: 32, actual: 64)) { try BlindIndexKey(try SecretKey.random(count: 64)) }
    }

    // MARK: Argon2id

    func testArgon2idIsDeterministicAndDependsOnSaltAndPassphrase() throws {
        let passphrase = Array("correct horse battery staple".utf8)
        let salt = [UInt8](repeating: 0x11, count: Argon2id.saltBytes)
        XCTAssertEqual(Argon2id.saltBytes, 16)
        let k1 = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: .interactive)
        let k2 = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, parameters: .interactive)
        XCTAssertEqual(k1.count, 32)
        XCTAssertEqual(bytes(of: k1), bytes(of: k2), "same passphrase and salt must give the same key")

        var otherSalt = salt
        otherSalt[15] ^= 1
        let k3 = try Argon2id.deriveKey(passphrase: passphrase, salt: otherSalt, parameters: .interactive)
        XCTAssertNotEqual(bytes(of: k3), bytes(of: k1), "another salt must give another key")

        let k4 = try Argon2id.deriveKey(passphrase: Array("correct horse battery stapler".utf8), salt: salt, parameters: .interactive)
        XCTAssertNotEqual(bytes(of: k4), bytes(of: k1), "another passphrase must give another key")
        XCTAssertNotEqual(bytes(of: k1), [UInt8](repeating: 0, count: 32))
    }

    func testArgon2idRejectsWrongLengthSalt() {
        for length in [0, 15, 17, 32] {
            assertThrows(.invalidLength(what: "Argon2id salt", expected: 16, actual: length)) {
                try Argon2id.deriveKey(passphrase: Array("pw".utf8), salt: [UInt8](repeating: 0, count: length), parameters: .interactive)
            }
        }
    }

    func testArgon2idInteractiveParametersAreLibsodiumsInteractiveLimits() {
        // crypto_pwhash_OPSLIMIT_INTERACTIVE = 2, crypto_pwhash_MEMLIMIT_INTERACTIVE = 64 MiB.
        XCTAssertEqual(Argon2id.Parameters.interactive, Argon2id.Parameters(opsLimit: 2, memLimit: 64 << 20))
        XCTAssertEqual(Argon2id.Parameters.moderate, Argon2id.Parameters(opsLimit: 3, memLimit: 256 << 20))
    }
}
