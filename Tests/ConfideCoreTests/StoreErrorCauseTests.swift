import ConfideCrypto
@_spi(Testing) import ConfideCore
import ConfideStorage
import ConfideSystem
import XCTest

/// Issue 19: a store error keeps the failure underneath it, and only tampering reads as
/// tampering: running out of guarded memory is a resource running out (-32005), not an
/// integrity failure (-32006), which before this change every `CryptoError` became.
final class StoreErrorCauseTests: XCTestCase {
    func testOutOfGuardedMemoryIsUnavailableAndKeepsItsCause() {
        for crypto in [CryptoError.outOfSecureMemory, .keyDerivationFailed] {
            let e = StoreError(crypto)
            XCTAssertEqual(e.code, -32005, "\(crypto)")
            guard case .crypto(let cause)? = e.cause else { return XCTFail("\(crypto): cause lost: \(e)") }
            XCTAssertEqual(cause, crypto)
        }
    }

    func testOnlyAFailedAuthenticationIsTampering() {
        let e = StoreError(CryptoError.authenticationFailed)
        XCTAssertEqual(e.code, -32006)
        guard case .crypto(.authenticationFailed)? = e.cause else { return XCTFail("cause lost: \(e)") }
        XCTAssertEqual(StoreError(CryptoError.invalidLength(what: "nonce", expected: 24, actual: 3)).code, -32006,
                       "a stored value of impossible length was edited")
    }

    func testStorageAndSystemErrorsKeepTheirCause() throws {
        let db = try Database(path: ":memory:")
        var sqlite: SQLiteError?
        do { try db.execute("SELECT * FROM no_such_table") } catch let e as SQLiteError { sqlite = e }
        let mapped = StoreError(try XCTUnwrap(sqlite))
        guard case .storage(let inner)? = mapped.cause, let back = inner as? SQLiteError else { return XCTFail("cause lost: \(mapped)") }
        XCTAssertEqual(back.message, sqlite?.message)
        XCTAssertEqual(mapped.code, -32603)

        let system = StoreError(SystemError("open", errno: ENOSPC))
        XCTAssertEqual(system.code, -32005)
        guard case .system(let s)? = system.cause else { return XCTFail("cause lost: \(system)") }
        XCTAssertEqual(s.errno, ENOSPC)
        XCTAssertTrue(system.description.contains("No space left on device"), system.description)
    }

    func testTheCauseIsNotPartOfEquality() {
        XCTAssertEqual(StoreError.unavailable("x", cause: .unexpected("A")), StoreError.unavailable("x"))
        XCTAssertNotEqual(StoreError.unavailable("x"), StoreError.integrity("x"))
    }
}
