import ConfideCrypto

/// What `keys.status` reports: the keyring, the rotation policy in force, the jobs.
public struct KeyStatus: Sendable {
    public let keyring: KeyringStatus
    /// Fingerprint of the master key loaded (never the key).
    public let masterFingerprint: String
    public let masterLoadedAt: Timestamp
    public let kekRotationDays: Int
    public let dekRotationDays: Int?
    /// When the active KEK reaches `kekRotationDays`.
    public var nextRotationAt: Timestamp { keyring.activeCreatedAt.adding(days: kekRotationDays) }
    public let jobs: [String: Scheduler.JobState]
    /// Whether this daemon's scheduler leads, and who does (nil: no scheduler runs here).
    public let scheduler: SchedulerRole?
}

/// The admins' key operations, as the server needs them: nothing outside Core reaches
/// into the keyring or the scheduler.
extension TranscriptStore {
    /// Fingerprint of the master key loaded (safe to show; `confide init`, `serve` start-up).
    public var masterFingerprint: String { keyring.masterFingerprint }
    /// The key that verifies audit checkpoints and erasure receipts.
    public var auditPublicKey: SigningPublicKey { keyring.auditPublicKey }

    /// The keyring's state and the rotation policy. Not audited here: the request's entry
    /// is written when it ends (see `AuditTicket`).
    public func keyStatus() throws(StoreError) -> KeyStatus {
        let status = try storeCall { try keyring.status() }
        return KeyStatus(keyring: status, masterFingerprint: keyring.masterFingerprint, masterLoadedAt: keyring.loadedAt,
                         kekRotationDays: options.kekRotationDays, dekRotationDays: options.dekRotationDays, jobs: jobStates,
                         scheduler: schedulerRole)
    }

    /// Changes every time an erasure commits: a batch of reads compares it before and after,
    /// and withholds its reads if a shred committed in between.
    public func erasureEpoch() -> UInt64 { keyring.erasureEpoch() }

    /// Whether this daemon's scheduler leads, and who does (nil when no scheduler runs here).
    public var schedulerRole: SchedulerRole? { options.runsScheduler ? scheduler?.role : nil }

    /// The last run of each background job (empty when the scheduler does not run).
    public var jobStates: [String: Scheduler.JobState] { scheduler?.jobStates ?? [:] }

    /// `keys.rotate` `kek`: a new active KEK version now, audited; the re-wrap of existing
    /// DEKs starts at once on the scheduler. Returns the version and the DEKs left to re-wrap.
    public func rotateKEK(context: AuditContext) throws(StoreError) -> (version: Int, rewrapPending: Int) {
        let version = try storeCall { try keyring.rotateKEK() }
        do { try audit(context, customerRef: nil, outcome: nil) } catch {
            // keys.db and data.db commit apart, and a KEK version cannot be taken back once
            // the re-wrap may have used it: say what happened instead of "nothing was changed".
            scheduler?.wake()
            throw .unavailable("the KEK was rotated to version \(version), but its audit record could not be written (\(Self.reason(error))); "
                + "the re-wrap goes on in the background", cause: error.cause)
        }
        scheduler?.wake()
        return (version, try storeCall { try keyring.status().rewrapPending })
    }

    /// `keys.rotate` `customer`: a new DEK generation for the customer's next writes, audited.
    public func rotateDEK(customer: CustomerID, context: AuditContext) throws(StoreError) -> (generation: Int, rewrapPending: Int) {
        guard let keys = try storeCall({ try keyring.rotateDEK(customer) }) else {
            try audit(context, customerRef: nil, outcome: StoreError.notFound("").code)
            throw .notFound("customer")
        }
        do { try audit(context, customerRef: keys.auditRef, outcome: nil) } catch {
            throw .unavailable("the customer's new DEK generation \(keys.newestGeneration) was created, but its audit record could not "
                + "be written (\(Self.reason(error))); new writes use it", cause: error.cause)
        }
        return (keys.newestGeneration, try storeCall { try keyring.status().rewrapPending })
    }

    /// Why a write failed, without its "nothing was changed": said of a call that changed
    /// keys.db, it would be false.
    static func reason(_ error: StoreError) -> String {
        "\(error)".replacingOccurrences(of: "; nothing was changed", with: "")
    }
}
