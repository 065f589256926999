import Foundation
import PackagePlugin

/// Embeds the package's `Migrations/<db>/*.sql` into the target as generated Swift,
/// so the SQL files stay the single source and the binary needs nothing beside it.
///
/// SQLite's migrations sit at `Migrations/<db>`; another engine's at
/// `Migrations/<engine>/<db>`, embedded only into that engine's target under prefixed type
/// names (the SQLite target sees the engine folder, holding no .sql file, as no database).
@main
struct EmbedMigrations: BuildToolPlugin {
    /// Engine targets: the folder under Migrations/ and the prefix of the generated types.
    static let engines: [String: (folder: String, typePrefix: String)] = [
        "ConfidePostgres": ("postgresql", "Postgres"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let engine = Self.engines[target.name]
        var migrations = context.package.directoryURL.appendingPathComponent("Migrations")
        if let engine { migrations = migrations.appendingPathComponent(engine.folder) }
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
            arguments: [output.path, migrations.path] + (engine.map { [$0.typePrefix] } ?? []),
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
