import Foundation
import PackagePlugin

/// Embeds the package's `Migrations/<db>/*.sql` into the target as generated Swift,
/// so the SQL files stay the single source and the binary needs nothing beside it.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let migrations = context.package.directoryURL.appendingPathComponent("Migrations")
        // The folders are inputs too: adding a file changes its folder, which re-runs the
        // embedder (which lists the folders itself) even when the plugin is not re-run.
        var inputs: [URL] = [migrations]
        let databases = (try? FileManager.default.contentsOfDirectory(atPath: migrations.path)) ?? []
        for database in databases.sorted() {
            let folder = migrations.appendingPathComponent(database)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            inputs.append(folder)
            inputs += files.filter { $0.hasSuffix(".sql") }.sorted().map { folder.appendingPathComponent($0) }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedMigrations+Generated.swift")
        return [.buildCommand(
            displayName: "Embedding SQL migrations",
            executable: try context.tool(named: "MigrationEmbedder").url,
            arguments: [output.path, migrations.path],
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
