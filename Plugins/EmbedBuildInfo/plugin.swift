import Foundation
import PackagePlugin

/// Bakes the git commit the binary is built from into the `confide` target (for
/// `confide --version`), or "unknown" outside a git checkout.
@main
struct EmbedBuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        // HEAD, and the reflog of HEAD that every commit, checkout and reset appends to, so
        // the tool runs again whenever the checked-out commit changes.
        var inputs: [URL] = []
        if let gitDirectory = Self.gitDirectory(package) {
            inputs = ["HEAD", "logs/HEAD"].map { gitDirectory.appendingPathComponent($0) }
                .filter { FileManager.default.fileExists(atPath: $0.path) }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo+Generated.swift")
        return [.buildCommand(
            displayName: "Embedding the build's git commit",
            executable: try context.tool(named: "BuildInfoEmbedder").url,
            arguments: [output.path, package.path],
            inputFiles: inputs,
            outputFiles: [output])]
    }

    /// `.git`, or the folder a worktree's `.git` file points to.
    static func gitDirectory(_ package: URL) -> URL? {
        let dotGit = package.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { return dotGit }
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir: ") else { return nil }
        let path = text.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appendingPathComponent(path)
    }
}
