// Issue 5: offline master-key rekey (key file → key file → passphrase).
@_spi(Testing) import ConfideCore
@_spi(Testing) import ConfideCrypto
import ConfideStorage
import Foundation
import XCTest

final class RotationRekeyTests: XCTestCase {
    private let session = CoreTestSupport.session("chat")
    private let customers = (0..<30).map { CoreTestSupport.customer("rekey-\($0)") }

    private func open(_ t: CoreTestState, _ source: MasterKeySource) throws -> TranscriptStore {
        try TranscriptStore(state: t.state, masterKey: source, options: CoreTestSupport.options())
    }

    private func assertEverythingReadable(_ store: TranscriptStore, file: StaticString = #filePath, line: UInt = #line) throws {
        for (i, c) in customers.enumerated() {
            XCTAssertEqual(try RAKit.texts(store, c, session), ["m\(i)"], file: file, line: line)
        }
    }

    private func openError(_ t: CoreTestState, _ source: MasterKeySource) -> MasterKeyError? {
        do { try open(t, source).close(); return nil } catch { return error as? MasterKeyError }
    }

    /// A store whose keyring has a destroyed, a retiring (still wrapping DEKs) and an active KEK.
    private func populatedState() throws -> CoreTestState {
        let t = try CoreTestState()
        let store = try t.open()
        for (i, c) in customers.enumerated() { try RAKit.append(store, c, session, "m\(i)") }
        try store.keyring.rotateKEK()
        store.scheduler!.runOnce()
        try store.keyring.rotateKEK()
        _ = try store.keyring.rewrapBatch(limit: 10)
        XCTAssertEqual(try store.keyring.status().keks.map(\.state), ["destroyed", "retiring", "active"])
        store.close()
        return t
    }

    func testRekeyToNewKeyFileLocksOutOldKeyAndKeepsAllData() throws {
        let t = try populatedState(); defer { t.remove() }
        let newKeyPath = t.root.path + "/new.key"
        try CoreTestSupport.writeKeyFile(at: newKeyPath)
        let auditKeyBefore = try RAKit.raw(t.state.keysPath) { try $0.queryOne("SELECT audit_public_key FROM keyring") { $0.blob(0) } }

        try Keyring.rekey(path: t.state.keysPath, old: t.masterKey, new: .keyFile(path: newKeyPath))

        XCTAssertEqual(openError(t, t.masterKey), .wrongKey(keysPath: t.state.keysPath), "the old key opens nothing")
        let store = try open(t, .keyFile(path: newKeyPath))
        try assertEverythingReadable(store)
        XCTAssertEqual(store.keyring.auditPublicKey.bytes, auditKeyBefore, "the audit key survives the rekey")
        store.scheduler!.runOnce()  // the retiring KEK (re-wrapped under the new master) finishes its re-wrap
        XCTAssertEqual(try store.keyring.status().keks.map(\.state), ["destroyed", "destroyed", "active"])
        try assertEverythingReadable(store)
        let report = try store.verifyAudit(context: RAKit.context("audit.verify", role: "admin"))
        XCTAssertTrue(report.ok, report.problem ?? "")
        store.close()
        // Destroyed versions stay destroyed: the rekey did not resurrect a wrapped key.
        XCTAssertEqual(try RAKit.kekRows(t.state.keysPath).map(\.wrappedIsNull), [true, true, false])
    }

    func testRekeyWithWrongOldKeyChangesNothing() throws {
        let t = try populatedState(); defer { t.remove() }
        let wrongPath = t.root.path + "/wrong.key", newPath = t.root.path + "/new.key"
        try CoreTestSupport.writeKeyFile(at: wrongPath)
        try CoreTestSupport.writeKeyFile(at: newPath)
        XCTAssertThrowsError(try Keyring.rekey(path: t.state.keysPath, old: .keyFile(path: wrongPath), new: .keyFile(path: newPath))) {
            XCTAssertEqual($0 as? MasterKeyError, .wrongKey(keysPath: t.state.keysPath))
        }
        XCTAssertEqual(openError(t, .keyFile(path: newPath)), .wrongKey(keysPath: t.state.keysPath))
        let store = try open(t, t.masterKey)
        defer { store.close() }
        try assertEverythingReadable(store)
    }

    func testRekeyFromKeyFileToPassphrase() throws {
        let t = try populatedState(); defer { t.remove() }
        let passPath = t.root.path + "/pass.txt", wrongPassPath = t.root.path + "/wrong-pass.txt"
        try CoreTestSupport.writeFile(at: passPath, contents: Array("correct horse battery staple\n".utf8))
        try CoreTestSupport.writeFile(at: wrongPassPath, contents: Array("correct horse battery stapler\n".utf8))
        let parameters = Argon2id.Parameters.interactive

        try Keyring.rekey(path: t.state.keysPath, old: t.masterKey, new: .passphraseFile(path: passPath), passphraseParameters: parameters)

        let kdf = try RAKit.raw(t.state.keysPath) { db in
            try db.queryOne("SELECT master_source, length(kdf_salt), kdf_ops_limit, kdf_mem_limit FROM keyring") {
                ($0.text(0), $0.int(1), UInt64($0.int64(2)), $0.int(3))
            }
        }
        XCTAssertEqual(kdf?.0, "passphrase")
        XCTAssertEqual(kdf?.1, Argon2id.saltBytes)
        XCTAssertEqual(kdf?.2, parameters.opsLimit)
        XCTAssertEqual(kdf?.3, parameters.memLimit)

        XCTAssertEqual(openError(t, t.masterKey), .sourceMismatch(keysPath: t.state.keysPath, stored: "passphrase", given: "key-file"))
        XCTAssertEqual(openError(t, .passphraseFile(path: wrongPassPath)), .wrongKey(keysPath: t.state.keysPath))
        let store = try open(t, .passphraseFile(path: passPath))
        defer { store.close() }
        try assertEverythingReadable(store)
    }
}
