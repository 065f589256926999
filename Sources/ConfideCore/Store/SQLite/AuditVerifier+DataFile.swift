import ConfideCrypto

extension AuditVerifier {
    /// Verifies the chain of the data.db at `dataFile`, opened read-only, against
    /// `publicKey` (default: the key recorded in data.db; pass the key from `confide keys
    /// public` to not trust the file's own copy).
    public static func verify(dataFile: String, publicKey: SigningPublicKey? = nil) throws -> Report {
        try verify(log: SQLiteEngine.openForReading(dataFile), publicKey: publicKey)
    }

    /// The entries after `afterSeq` (at most `limit`), or the newest `limit`, oldest first,
    /// of the data.db at `dataFile`, opened read-only.
    public static func tail(dataFile: String, limit: Int, afterSeq: Int? = nil) throws -> [AuditEntry] {
        try tail(SQLiteEngine.openForReading(dataFile), limit: limit, afterSeq: afterSeq)
    }
}
