import Foundation
import TestSupport
import XCTest

/// `dist/build-deb`: the package builds (a release build with the Swift runtime linked
/// statically), installs on this machine with `dpkg -i`, runs from /usr/bin without any
/// Swift library, ships its completion, man page, docs (and the systemd files when the
/// checkout has them), and removes cleanly. Runs as root only (it installs a package);
/// costs one release build (see the timing it prints).
final class DebianPackageTests: XCTestCase {
    func testPackageBuildsInstallsRunsWithoutSwiftLibrariesAndRemoves() throws {
        guard getuid() == 0 else { throw XCTSkip("installing a package needs root (these tests run as uid \(getuid()))") }
        for tool in ["dpkg", "dpkg-deb", "ldd"] where executablePath(tool) == nil { throw XCTSkip("\(tool) is not installed") }
        // Never replace a confide someone installed on this machine.
        let installed = try runProgram(["dpkg-query", "-W", "-f=${Status}", "confide"])
        if installed.stdout.contains("installed") && !installed.stdout.contains("not-installed") {
            throw XCTSkip("a confide package is installed on this machine already; not replacing it")
        }
        guard !FileManager.default.fileExists(atPath: "/usr/bin/confide") else {
            throw XCTSkip("/usr/bin/confide exists outside any package; not replacing it")
        }

        let out = try TemporaryDirectory(prefix: "cfdeb")
        defer { out.remove() }
        let root = TestEnvironment.packageRoot.path
        let started = Date()
        let build = try runProgram([root + "/dist/build-deb", "--out", out.path, "--compression", "gzip"], timeout: 1500)
        print("dist/build-deb took \(Int(Date().timeIntervalSince(started))) s")
        XCTAssertEqual(build.status, 0, "\(build)")
        let deb = build.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let version = try runProgram([try DaemonHarness.binaryPath(), "--version"]).stdout.split(separator: " ")[1]
        XCTAssertTrue(deb.hasSuffix("/confide_\(version)_amd64.deb"), deb)
        guard FileManager.default.fileExists(atPath: deb) else { return XCTFail("no package at \(deb): \(build)") }

        let info = try runProgram(["dpkg-deb", "--field", deb, "Depends"]).stdout
        for dependency in ["libsodium23", "libsqlite3-0", "libpq5"] { XCTAssertTrue(info.contains(dependency), info) }
        XCTAssertFalse(info.lowercased().contains("swift"), info)

        let install = try runProgram(["dpkg", "-i", deb], timeout: 300)
        defer {
            let remove = try? runProgram(["dpkg", "--purge", "confide"], timeout: 300)
            XCTAssertEqual(remove?.status, 0, "\(remove.map(String.init(describing:)) ?? "dpkg --purge did not run")")
            XCTAssertFalse(FileManager.default.fileExists(atPath: "/usr/bin/confide"), "dpkg --purge left /usr/bin/confide")
        }
        XCTAssertEqual(install.status, 0, "\(install)")

        let run = try runProgram(["/usr/bin/confide", "--version"])
        XCTAssertEqual(run.status, 0, "\(run)")
        XCTAssertTrue(run.stdout.hasPrefix("confide \(version) "), run.stdout)
        let ldd = try runProgram(["ldd", "/usr/bin/confide"])
        XCTAssertEqual(ldd.status, 0, "\(ldd)")
        XCTAssertFalse(ldd.stdout.contains("libswift"), "the installed binary links a Swift library: \(ldd.stdout)")
        XCTAssertFalse(ldd.stdout.contains("not found"), ldd.stdout)
        XCTAssertTrue(ldd.stdout.contains("libsodium") && ldd.stdout.contains("libsqlite3"), ldd.stdout)

        var files = ["/usr/share/bash-completion/completions/confide", "/usr/share/zsh/vendor-completions/_confide",
                     "/usr/share/man/man1/confide.1.gz", "/usr/share/doc/confide/README.Debian", "/usr/share/doc/confide/operations.md"]
        if FileManager.default.fileExists(atPath: root + "/dist/systemd/confide.service") { files.append("/lib/systemd/system/confide.service") }
        let listed = try runProgram(["dpkg", "-L", "confide"]).stdout
        for f in files { XCTAssertTrue(listed.contains(f) && FileManager.default.fileExists(atPath: f), "not installed: \(f)") }
        // The man page is made from the binary's own help: every command has its section.
        let man = try runProgram(["bash", "-c", "gzip -dc /usr/share/man/man1/confide.1.gz"]).stdout
        for section in [".SS report", ".SS completion", ".SS keys", "confide audit verify:"] { XCTAssertTrue(man.contains(section), "man page lacks \(section)") }
        // The installed completion offers the installed binary's verbs.
        let offers = try runProgram(["bash", "-c", "source /usr/share/bash-completion/completions/confide; COMP_WORDS=(confide audit ''); COMP_CWORD=2; _confide; echo ${COMPREPLY[*]}"])
        XCTAssertEqual(offers.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "verify tail export --help", "\(offers)")
    }
}
