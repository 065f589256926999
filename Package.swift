// swift-tools-version:6.0
// Confide: per-customer envelope-encrypted transcript store with crypto-shredding.
import PackageDescription

let package = Package(
    name: "Confide",
    products: [
        .executable(name: "confide", targets: ["confide"]),
        // The Swift client of the daemon's socket, for support apps and the CLI alike.
        .library(name: "ConfideClient", targets: ["ConfideClient"]),
    ],
    targets: [
        // System libraries (apt: libsodium-dev, libsqlite3-dev, libpq-dev).
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // Linux-only calls outside Swift's Glibc module (prctl, thread names).
        .systemLibrary(name: "CLinux"),

        // Build tool that turns Migrations/<db>/NNNN_name.sql into Swift source.
        .executableTarget(name: "MigrationEmbedder"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["MigrationEmbedder"]),
        // Build tool that bakes the checkout's git commit into the binary (`confide --version`).
        .executableTarget(name: "BuildInfoEmbedder"),
        .plugin(name: "EmbedBuildInfo", capability: .buildTool(), dependencies: ["BuildInfoEmbedder"]),

        // Layers, each importing only downward.
        .target(name: "ConfideJSON"),
        // Glibc helpers every layer shares: SystemError, the EINTR retry, the monotonic
        // clock, the latency histogram, the process hardening of key-holding commands.
        .target(name: "ConfideSystem", dependencies: ["CLinux"]),
        // PII detection and placeholder redaction: standard library only, no Core dependency.
        .target(name: "ConfideRedaction", exclude: ["Gazetteers/README.md"]),
        .target(name: "ConfideCrypto", dependencies: ["CSodium"]),
        .target(name: "ConfideStorage", dependencies: ["CSQLite"]),
        // The PostgreSQL engine: libpq wrapped like ConfideStorage wraps SQLite, with the
        // schema of Migrations/postgresql. Not yet used by Core (see docs/postgresql.md).
        .target(name: "ConfidePostgres", dependencies: ["CLibPQ"], plugins: ["EmbedMigrations"]),
        .target(name: "ConfideCore", dependencies: ["ConfideCrypto", "ConfideStorage", "ConfideJSON", "ConfideRedaction", "ConfideSystem", "CLinux"],
                plugins: ["EmbedMigrations"]),  // the SQLite schema (Migrations/keys, Migrations/data) as `StoreSchema`
        // The PostgreSQL engine behind Core's storage protocols (`PostgresEngine`), and the
        // copy of an embedded store into it (`confide migrate`, which reads SQLite).
        .target(name: "ConfidePostgresStore", dependencies: ["ConfideCore", "ConfideCrypto", "ConfidePostgres", "ConfideStorage"]),
        // The client of the daemon's socket: JSON and Glibc only, no server or core types.
        .target(name: "ConfideClient", dependencies: ["ConfideJSON", "ConfideSystem"]),
        .target(name: "ConfideServer", dependencies: ["ConfideCore", "ConfideCrypto", "ConfideJSON", "ConfideRedaction", "ConfideSystem", "CLinux"]),
        // `confide bench`: load scenarios against a real daemon (started from the calling
        // binary), in-process scenarios, and the raw SQLite and libpq ceilings.
        .target(name: "ConfideBench", dependencies: ["ConfideClient", "ConfideServer", "ConfideCore", "ConfideCrypto", "ConfideStorage", "ConfidePostgres",
                                                     "ConfideJSON", "ConfideRedaction", "ConfideSystem"]),
        .executableTarget(name: "confide", dependencies: ["ConfideServer", "ConfideBench", "ConfideClient", "ConfideCore", "ConfideCrypto", "ConfideJSON",
                                                          "ConfidePostgresStore",
                                                          "ConfideRedaction", "ConfideSystem", "CLinux"],
                          plugins: ["EmbedBuildInfo"]),

        // Shared by the test targets: the test vectors in Tests/TestSupport/Vectors (read
        // from disk by path, not bundled), temporary folders, and the one harness that runs
        // the real daemon (DaemonHarness, DaemonTestCase).
        .target(name: "TestSupport", dependencies: ["CLibPQ", "ConfideClient", "ConfideJSON", "ConfidePostgres", "ConfideSystem"],
                path: "Tests/TestSupport", exclude: ["Vectors"]),
        .testTarget(name: "ConfideJSONTests", dependencies: ["ConfideJSON", "TestSupport"]),
        .testTarget(name: "ConfideSystemTests", dependencies: ["ConfideSystem"]),
        .testTarget(name: "ConfideCryptoTests", dependencies: ["ConfideCrypto", "TestSupport"]),
        .testTarget(name: "ConfideStorageTests", dependencies: ["ConfideStorage", "ConfideCore", "TestSupport"]),  // Core owns the schema it migrates
        .testTarget(name: "ConfidePostgresTests", dependencies: ["CLibPQ", "ConfidePostgres", "ConfideStorage", "ConfideCore", "TestSupport"]),
        .testTarget(name: "ConfideRedactionTests", dependencies: ["ConfideRedaction", "TestSupport"]),
        .testTarget(name: "ConfideCoreTests", dependencies: ["ConfideCore", "ConfideCrypto", "ConfideJSON", "ConfideStorage", "ConfideSystem", "TestSupport"],
                    exclude: ["Fixtures"]),  // a store written before sessions were bound (data.db 0007), read by path (Fixtures/README.md)
        // Core's storage contracts, one test source run against SQLite and PostgreSQL.
        .testTarget(name: "StoreContractTests", dependencies: ["ConfideCore", "ConfideCrypto", "ConfideJSON", "ConfidePostgres", "ConfidePostgresStore",
                                                               "ConfideStorage", "TestSupport"]),
        .testTarget(name: "ConfideClientTests", dependencies: ["ConfideClient", "ConfideJSON", "ConfideSystem", "TestSupport"]),
        .testTarget(name: "IntegrationTests", dependencies: ["ConfideClient", "ConfideJSON", "ConfideSystem", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
