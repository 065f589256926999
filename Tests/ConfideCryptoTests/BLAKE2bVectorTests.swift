import Foundation
import XCTest

import ConfideCrypto
import TestSupport

private struct RFC7693File: Decodable {
    let appendix_a: AppendixA
    let appendix_e_selftest: AppendixE
    struct AppendixA: Decodable {
        let `in`: String
        let key: String
        let outlen: Int
        let out: String
    }
    struct AppendixE: Decodable {
        let md_len: [Int]
        let in_len: [Int]
        let grand_hash: String
    }
}

private struct KATEntry: Decodable {
    let hash: String
    let `in`: String
    let key: String
    let out: String
}

/// BLAKE2b (`crypto_generichash`) against RFC 7693 and the BLAKE2 team's KAT.
final class BLAKE2bVectorTests: XCTestCase {
    private let hex = TestEnvironment.hex

    func testRFC7693AppendixAHashOfABC() throws {
        let a = try loadVectors(RFC7693File.self, from: "rfc7693_blake2b_vectors.json").appendix_a
        XCTAssertEqual(a.key, "", "Appendix A is unkeyed")
        XCTAssertEqual(hex(a.in), Array("abc".utf8))
        XCTAssertEqual(hexString(BLAKE2b.hash(hex(a.in), outputLength: a.outlen)), a.out)
    }

    /// RFC 7693 Appendix E: `selftest_seq` and the grand hash over unkeyed and keyed digests.
    func testRFC7693AppendixESelfTestGrandHash() throws {
        let e = try loadVectors(RFC7693File.self, from: "rfc7693_blake2b_vectors.json").appendix_e_selftest

        func selftestSeq(_ length: Int, seed: Int) -> [UInt8] {
            var a = UInt32(0xDEAD4BAD) &* UInt32(truncatingIfNeeded: seed)
            var b: UInt32 = 1
            var out = [UInt8]()
            out.reserveCapacity(length)
            for _ in 0..<length {
                let t = a &+ b
                a = b
                b = t
                out.append(UInt8(truncatingIfNeeded: t >> 24))
            }
            return out
        }

        let grand = BLAKE2b.Hasher(outputLength: 32)
        var fed = 0
        for outlen in e.md_len {
            for inlen in e.in_len {
                let input = selftestSeq(inlen, seed: inlen)
                grand.update(BLAKE2b.hash(input, outputLength: outlen))
                let key = selftestSeq(outlen, seed: outlen)
                grand.update(BLAKE2b.hash(input, outputLength: outlen, rawKey: key))
                fed += 2
            }
        }
        XCTAssertEqual(fed, 4 * 6 * 2)
        XCTAssertEqual(hexString(grand.finalize()), e.grand_hash)
    }

    /// All 512 BLAKE2b entries of `blake2-kat.json`: 256 unkeyed, 256 keyed with 00..3f.
    /// An empty `key` means unkeyed (libsodium treats a key of length 0 as none).
    func testBLAKE2ReferenceKATAllEntries() throws {
        let entries = try JSONDecoder().decode([KATEntry].self, from: TestEnvironment.testData("blake2b_kat.json"))
        var unkeyed = 0, keyed = 0
        for (n, entry) in entries.enumerated() {
            XCTAssertEqual(entry.hash, "blake2b")
            let input = hex(entry.in), key = hex(entry.key), expected = hex(entry.out)
            XCTAssertEqual(expected.count, 64)
            if key.isEmpty {
                unkeyed += 1
                XCTAssertEqual(hexString(BLAKE2b.hash(input, outputLength: 64)), entry.out, "unkeyed entry \(n), \(input.count)-byte input")
            } else {
                keyed += 1
                XCTAssertEqual(hexString(BLAKE2b.hash(input, outputLength: 64, rawKey: key)), entry.out,
                               "keyed entry \(n), \(input.count)-byte input (raw key)")
                // The production path: the same key held in guarded memory.
                XCTAssertEqual(hexString(BLAKE2b.hash(input, outputLength: 64, key: try secretKey(key))), entry.out,
                               "keyed entry \(n), \(input.count)-byte input (SecretKey)")
            }
        }
        XCTAssertEqual(entries.count, 512)
        XCTAssertEqual(unkeyed, 256)
        XCTAssertEqual(keyed, 256)
    }

    /// The incremental hasher (used for the audit chain) equals the one-shot hash, however
    /// the input is split.
    func testIncrementalHasherEqualsOneShotHash() {
        let input = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let oneShot = BLAKE2b.hash(input, outputLength: 32)
        for split in [0, 1, 127, 128, 129, 300] {
            let h = BLAKE2b.Hasher(outputLength: 32)
            h.update(Array(input[..<split]))
            h.update(Array(input[split...]))
            XCTAssertEqual(h.finalize(), oneShot, "split at \(split)")
        }
        XCTAssertNotEqual(BLAKE2b.hash(input, outputLength: 32), BLAKE2b.hash(input.dropLast(), outputLength: 32))
    }

    func testOutputLengthIsHonouredAndNotATruncation() {
        let input = Array("confide".utf8)
        let h32 = BLAKE2b.hash(input, outputLength: 32)
        let h64 = BLAKE2b.hash(input, outputLength: 64)
        XCTAssertEqual(h32.count, 32)
        XCTAssertEqual(h64.count, 64)
        // BLAKE2b mixes the output length into its parameter block.
        XCTAssertNotEqual(Array(h64.prefix(32)), h32)
        XCTAssertEqual(BLAKE2b.hash(input), h32, "the default output length is 32")
    }
}
