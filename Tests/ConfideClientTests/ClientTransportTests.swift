import ConfideClient
import ConfideJSON
import ConfideSystem
import Foundation
import TestSupport
import XCTest

/// The transport rules of `ConfideClient` against a scripted listener: timeouts, the resend
/// rule (again only when the daemon cannot have run the line), malformed and cut-short replies.
final class ClientTransportTests: XCTestCase {
    /// The request line's id, from what the listener read.
    private static func requestID(_ line: [UInt8]) -> JSONValue { (try? JSONParser.parse(line))?["id"] ?? .null }

    func testConnectingToAMissingSocketNamesThePathAndTheErrno() throws {
        let dir = try TemporaryDirectory(prefix: "cfcl")
        defer { dir.remove() }
        let client = ConfideClient(socketPath: dir.path + "/none.sock")
        XCTAssertThrowsError(try client.call("system.health")) { error in
            guard case let .connectFailed(path, e)? = error as? ConfideClientError else { return XCTFail("got \(error)") }
            XCTAssertEqual(path, dir.path + "/none.sock")
            XCTAssertEqual(e, ENOENT)
            XCTAssertTrue("\(error)".contains("none.sock"), "\(error)")
        }
    }

    /// Several daemons: a new connection goes to the first socket whose daemon is there
    /// (a missing socket, ENOENT, and a socket with nobody listening, ECONNREFUSED, are
    /// skipped), and back to the first once it is up again. None there: the first's error.
    func testSeveralSocketsConnectToTheFirstDaemonThatIsThereAndBackToTheFirstWhenItReturns() throws {
        let dir = try TemporaryDirectory(prefix: "cfcl")
        defer { dir.remove() }
        let missing = dir.path + "/gone.sock"
        // A socket file whose daemon died: bound, never listening (connect: ECONNREFUSED).
        let dead = dir.path + "/dead.sock"
        let deadFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(deadFD) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { dst in Array(dead.utf8).withUnsafeBytes { dst.copyMemory(from: $0) } }
        XCTAssertEqual(withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(deadFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }, 0)
        let listener = try ScriptedListener()
        let script = listener.run { l in
            for _ in 0..<2 {
                guard let c = l.accept(timeout: 10), let line = l.readLine(c) else { return }
                l.write(c, #"{"jsonrpc":"2.0","result":{"status":"ok"},"id":\#(JSONWriter.string(Self.requestID(line)))}"# + "\n")
                _ = l.waitReadable(c, timeout: 10)
                close(c)
            }
        }
        let client = ConfideClient(socketPaths: [missing, dead, listener.path])
        XCTAssertEqual(try client.call("system.health")["status"], "ok")
        XCTAssertEqual(client.connectedSocketPath, listener.path)
        XCTAssertEqual(client.socketPath, missing, "socketPath is the first choice")
        client.close()

        // The first daemon is back: the next connection goes to it.
        let back = try ScriptedListener()
        let backScript = back.run { l in
            guard let c = l.accept(timeout: 10), let line = l.readLine(c) else { return }
            l.write(c, #"{"jsonrpc":"2.0","result":{"status":"first"},"id":\#(JSONWriter.string(Self.requestID(line)))}"# + "\n")
            _ = l.waitReadable(c, timeout: 10)
            close(c)
        }
        let preferring = ConfideClient(socketPaths: [back.path, listener.path])
        XCTAssertEqual(try preferring.call("system.health")["status"], "first")
        XCTAssertEqual(preferring.connectedSocketPath, back.path)
        preferring.close()
        XCTAssertTrue(backScript.finish())
        XCTAssertEqual(try client.call("system.health")["status"], "ok", "the second connection of the first client")
        client.close()
        XCTAssertTrue(script.finish())

        let none = ConfideClient(socketPaths: [missing, dead])
        XCTAssertThrowsError(try none.call("system.health")) { error in
            guard case let .connectFailed(path, e)? = error as? ConfideClientError else { return XCTFail("got \(error)") }
            XCTAssertEqual(path, missing, "the first socket's failure is the one reported")
            XCTAssertEqual(e, ENOENT)
        }
    }

    func testAConnectWhileTheBacklogIsFullTimesOut() throws {
        let listener = try ScriptedListener(backlog: 0)
        // Never accepted: this one fills the backlog of 0 (one waiting connection).
        let first = try ConfideConnection(socketPath: listener.path, connectTimeout: 1, writeTimeout: 1)
        defer { first.close() }
        let client = ConfideClient(socketPath: listener.path, connectTimeout: .milliseconds(300))
        XCTAssertThrowsError(try client.connect()) { error in
            guard case .timedOut(.connect, _)? = error as? ConfideClientError else { return XCTFail("got \(error)") }
        }
    }

    func testADaemonThatAcceptsAndNeverAnswersTimesOutTheCall() throws {
        let listener = try ScriptedListener()
        let script = listener.run { l in
            guard let c = l.accept(timeout: 10) else { return }
            _ = l.readLine(c)
            _ = l.waitReadable(c, timeout: 10)  // until the client gives up and closes
            close(c)
        }
        let client = ConfideClient(socketPath: listener.path, callTimeout: .milliseconds(300))
        XCTAssertThrowsError(try client.call("system.health")) { error in
            guard case .timedOut(.call, _)? = error as? ConfideClientError else { return XCTFail("got \(error)") }
        }
        XCTAssertTrue(script.finish(), "the timed-out call left its connection open")
    }

    func testARequestTheDaemonClosedUnreadIsSentAgainOnANewConnection() throws {
        let listener = try ScriptedListener()
        let seen = Locked<[JSONValue]>([])
        let script = listener.run { l in
            // First connection: the request arrives and is never read (the idle close racing
            // a send): closing with unread data resets the client's side.
            guard let first = l.accept(timeout: 10), l.waitReadable(first, timeout: 10) else { return }
            close(first)
            guard let second = l.accept(timeout: 10), let line = l.readLine(second) else { return }
            let id = Self.requestID(line)
            seen.withLock { $0.append(id) }
            l.write(second, #"{"jsonrpc":"2.0","result":{"status":"ok"},"id":\#(JSONWriter.string(id))}"# + "\n")
            _ = l.waitReadable(second, timeout: 10)
            close(second)
        }
        let client = ConfideClient(socketPath: listener.path)
        XCTAssertEqual(try client.call("system.health")["status"], "ok")
        XCTAssertEqual(client.connectionsOpened, 2)
        client.close()
        XCTAssertTrue(script.finish())
        XCTAssertEqual(seen.snapshot.count, 1, "the request was read once, on the second connection")
    }

    func testARequestTheDaemonReadIsNotSentAgainWhenTheReplyIsLost() throws {
        let listener = try ScriptedListener()
        let reads = Locked(0)
        let script = listener.run { l in
            guard let c = l.accept(timeout: 10), l.readLine(c) != nil else { return }
            reads.withLock { $0 += 1 }
            close(c)  // read, maybe run, never answered
            if let again = l.accept(timeout: 1) {  // a resend would arrive here
                if l.readLine(again) != nil { reads.withLock { $0 += 1 } }
                close(again)
            }
        }
        let client = ConfideClient(socketPath: listener.path)
        XCTAssertThrowsError(try client.call("session.append", ["customer": "c", "session": "s"])) { error in
            guard case .connectionClosed? = error as? ConfideClientError else { return XCTFail("got \(error)") }
        }
        XCTAssertTrue(script.finish())
        XCTAssertEqual(reads.snapshot, 1, "a request the daemon may have run was sent again")
        XCTAssertEqual(client.connectionsOpened, 1)
    }

    func testAConnectionTheDaemonClosedWhileIdleIsReplacedBeforeSending() throws {
        let listener = try ScriptedListener()
        let script = listener.run { l in
            for _ in 0..<2 {
                guard let c = l.accept(timeout: 10), let line = l.readLine(c) else { return }
                l.write(c, #"{"jsonrpc":"2.0","result":1,"id":\#(JSONWriter.string(Self.requestID(line)))}"# + "\n")
                close(c)  // the idle close, before the next request
            }
        }
        let client = ConfideClient(socketPath: listener.path)
        XCTAssertEqual(try client.call("system.health"), 1)
        usleep(200_000)
        XCTAssertEqual(try client.call("system.health"), 1)
        XCTAssertEqual(client.connectionsOpened, 2)
        XCTAssertTrue(script.finish())
    }

    func testRepliesThatAreNotJSONRPCToThisRequestAreMalformed() throws {
        let replies = [
            "not json",
            #"{"jsonrpc":"2.0","result":1,"id":999}"#,  // another request's id
            #"{"jsonrpc":"1.0","result":1,"id":1}"#,
            #"{"jsonrpc":"2.0","error":{"code":"x","message":"m"},"id":null}"#,
            #"{"jsonrpc":"2.0","result":1}"#,
        ]
        for reply in replies {
            let listener = try ScriptedListener()
            let script = listener.run { l in
                guard let c = l.accept(timeout: 10), l.readLine(c) != nil else { return }
                l.write(c, reply + "\n")
                _ = l.waitReadable(c, timeout: 10)
                close(c)
            }
            let client = ConfideClient(socketPath: listener.path)
            XCTAssertThrowsError(try client.call("system.health"), reply) { error in
                guard case .malformedReply? = error as? ConfideClientError else { return XCTFail("\(reply): got \(error)") }
            }
            XCTAssertTrue(script.finish(), "\(reply): the connection was kept after a malformed reply")
        }
    }

    func testAnErrorReplyIsTypedWithItsCodeMessageAndData() throws {
        let listener = try ScriptedListener()
        let script = listener.run { l in
            guard let c = l.accept(timeout: 10), let line = l.readLine(c) else { return }
            let id = JSONWriter.string(Self.requestID(line))
            l.write(c, #"{"jsonrpc":"2.0","error":{"code":-32099,"message":"Something new","data":{"k":1}},"id":\#(id)}"# + "\n")
            _ = l.waitReadable(c, timeout: 10)
            close(c)
        }
        let client = ConfideClient(socketPath: listener.path)
        XCTAssertThrowsError(try client.call("x.y")) { error in
            guard case .rpc(let e)? = error as? ConfideClientError else { return XCTFail("got \(error)") }
            XCTAssertEqual(e.code.rawValue, -32099, "an unknown code is kept as it came")
            XCTAssertEqual(e.message, "Something new")
            XCTAssertEqual(e.data, ["k": 1])
        }
        client.close()
        XCTAssertTrue(script.finish())
    }

    func testAStreamedReplyCutShortIsAFailedCallAfterTheElementsThatArrived() throws {
        let listener = try ScriptedListener()
        let script = listener.run { l in
            guard let c = l.accept(timeout: 10), let line = l.readLine(c) else { return }
            let id = JSONWriter.string(Self.requestID(line))
            l.write(c, #"{"jsonrpc":"2.0","id":\#(id),"result":{"customer":"c","sessions":[{"session":"a"},{"session":"#)
            close(c)  // the export stopped by a shred: the line ends unfinished
        }
        let client = ConfideClient(socketPath: listener.path)
        var got: [JSONValue] = []
        XCTAssertThrowsError(try client.stream("customer.export", ["customer": "c"], elementsOf: "sessions") { got.append($0) }) { error in
            guard case .malformedReply? = error as? ConfideClientError else { return XCTFail("got \(error)") }
        }
        XCTAssertEqual(got, [["session": "a"]])
        XCTAssertTrue(script.finish())
    }

    func testAHandlerThatThrowsEndsTheStreamAndClosesTheConnection() throws {
        struct Stop: Error {}
        let listener = try ScriptedListener()
        let script = listener.run { l in
            guard let c = l.accept(timeout: 10), let line = l.readLine(c) else { return }
            let id = JSONWriter.string(Self.requestID(line))
            l.write(c, #"{"jsonrpc":"2.0","id":\#(id),"result":{"sessions":[1,2,3]}}"# + "\n")
            _ = l.waitReadable(c, timeout: 10)
            close(c)
        }
        let client = ConfideClient(socketPath: listener.path)
        var got: [JSONValue] = []
        XCTAssertThrowsError(try client.stream("customer.export", elementsOf: "sessions") { got.append($0); if got.count == 2 { throw Stop() } }) { error in
            guard case .handlerFailed(let e)? = error as? ConfideClientError, e is Stop else { return XCTFail("got \(error)") }
        }
        XCTAssertEqual(got, [1, 2])
        XCTAssertTrue(script.finish(), "the connection was kept with the rest of the reply unread")
    }
}
