import Foundation
import XCTest

/// Issue 19: every module a target imports is declared as its dependency in Package.swift
/// (SwiftPM builds a target that imports an undeclared sibling when the sibling happens to
/// be built first, so a missing line shows up only in some build orders). Reads
/// Package.swift and every source file's `import` lines.
final class PackageImportsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The toolchain's and the system's modules, which need no declaration.
    static let system: Set<String> = ["Foundation", "Glibc", "Dispatch", "Synchronization", "XCTest", "Testing", "PackagePlugin",
                                      "PackageDescription"]

    /// Target name → (folder, declared dependencies), from Package.swift.
    private func targets() throws -> [String: (path: String, dependencies: Set<String>)] {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"\.(target|testTarget|executableTarget)\(name: "([A-Za-z]+)"(?:, dependencies: \[([^\]]*)\])?(?:, path: "([^"]+)")?"#)
        var out: [String: (String, Set<String>)] = [:]
        for m in pattern.matches(in: manifest, range: NSRange(manifest.startIndex..., in: manifest)) {
            func group(_ i: Int) -> String? { Range(m.range(at: i), in: manifest).map { String(manifest[$0]) } }
            let kind = group(1)!, name = group(2)!
            let deps = Set((group(3) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }.filter { !$0.isEmpty })
            let path = group(4) ?? (kind == "testTarget" ? "Tests/\(name)" : "Sources/\(name)")
            out[name] = (path, deps)
        }
        return out
    }

    func testEveryImportedModuleIsADeclaredDependency() throws {
        let targets = try targets()
        XCTAssertGreaterThan(targets.count, 10, "Package.swift was not read: \(targets.keys.sorted())")
        let importLine = try NSRegularExpression(pattern: #"^(?:@[A-Za-z_]+(?:\([A-Za-z]+\))? )*import ([A-Za-z_]+)"#, options: [.anchorsMatchLines])
        var problems: [String] = []
        for (name, target) in targets.sorted(by: { $0.key < $1.key }) {
            let folder = Self.root.appendingPathComponent(target.path)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            var imported = Set<String>()
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for m in importLine.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    imported.insert(String(text[Range(m.range(at: 1), in: text)!]))
                }
            }
            let missing = imported.subtracting(Self.system).subtracting(target.dependencies).subtracting([name])
            if !missing.isEmpty { problems.append("\(name) imports \(missing.sorted()) without declaring them") }
        }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }
}
