import ConfideCrypto
import ConfideJSON
import Foundation

/// The signed proof of a `customer.shred`, for a legal team to file as evidence.
///
/// The signature is Ed25519 by the daemon's audit key over the canonical encoding: the
/// receipt object without `signature` and `repeat`, members sorted by name at every level,
/// compact JSON. Anyone with the public key (`confide keys public`) can check it offline.
/// `repeat: true` marks the original receipt given again (a repeated shred); it is not
/// signed, so the signed fields stay exactly as first issued.
public struct ErasureReceipt: Sendable {
    /// Every field but the signature, as sent.
    public let body: JSONObject
    /// Base64 Ed25519 signature over `canonicalBytes(body)`.
    public let signature: String
    /// Whether this is a stored receipt given again.
    public var isRepeat = false

    /// Signs `body` with `key`.
    init(body: JSONObject, signingKey: SigningKey) {
        self.body = body
        signature = Data(signingKey.sign(ErasureReceipt.canonicalBytes(body))).base64EncodedString()
    }

    /// A receipt as stored (`stored`); nil when it is not one.
    init?(stored: JSONObject) {
        var o = stored
        guard let signature = o["signature"]?.stringValue else { return nil }
        o["signature"] = nil
        body = o
        self.signature = signature
    }

    /// The receipt with its signature, as kept in keys.db and the erasure ledger.
    var stored: JSONObject {
        var o = body
        o["signature"] = .string(signature)
        return o
    }

    /// The receipt as the reply's `result`.
    public var json: JSONValue {
        var o = stored
        if isRepeat { o["repeat"] = true }
        return .object(o)
    }

    /// The bytes the signature covers.
    public static func canonicalBytes(_ body: JSONObject) -> [UInt8] {
        JSONWriter.bytes(sortedMembers(.object(body)))
    }

    private static func sortedMembers(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let o):
            return .object(JSONObject(o.members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
                .map { ($0.key, sortedMembers($0.value)) }))
        case .array(let a): return .array(a.map(sortedMembers))
        default: return v
        }
    }

    /// Why a receipt does not verify.
    public enum VerificationFailure: Error, CustomStringConvertible, Equatable {
        case notAReceipt(String)
        case badSignature
        public var description: String {
            switch self {
            case .notAReceipt(let why): return "not an erasure receipt: \(why)"
            case .badSignature: return "the signature does not match the receipt: it was changed or signed by another key"
            }
        }
    }

    /// Checks a receipt (as JSON) against the audit public key.
    public static func verify(_ receipt: JSONValue, publicKey: SigningPublicKey) throws(VerificationFailure) {
        guard var o = receipt.objectValue else { throw .notAReceipt("not a JSON object") }
        guard let sig64 = o["signature"]?.stringValue, let sig = Data(base64Encoded: sig64) else {
            throw .notAReceipt("no base64 \"signature\" member")
        }
        o["signature"] = nil
        o["repeat"] = nil
        guard o["customer_ref"]?.stringValue != nil, o["shredded_at"]?.stringValue != nil else {
            throw .notAReceipt("missing customer_ref or shredded_at")
        }
        guard publicKey.isValidSignature([UInt8](sig), for: canonicalBytes(o)) else { throw .badSignature }
    }
}
