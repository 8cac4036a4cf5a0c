// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "batchrun",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BatchEngine", targets: ["BatchEngine"]),
        .library(name: "BatchSQLite", targets: ["BatchSQLite"]),
        .library(name: "BatchPostgres", targets: ["BatchPostgres"]),
        .library(name: "PostgresClient", targets: ["PostgresClient"]),
        .executable(name: "batchrun", targets: ["batchrun"]),
        .executable(name: "batch-tui", targets: ["batch-tui"]),
        .executable(name: "batch-bench", targets: ["batch-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "BatchEngine", swiftSettings: strict),
        .target(
            name: "BatchSQLite",
            dependencies: [
                "BatchEngine", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BatchPostgres",
            dependencies: ["BatchEngine", "PostgresClient"],
            swiftSettings: strict
        ),
        .target(
            name: "BatchCLI",
            dependencies: [
                "BatchEngine", "BatchSQLite", "BatchPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "batchrun",
            dependencies: [
                "BatchEngine", "BatchCLI", "BatchSQLite", "BatchPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "batch-bench",
            dependencies: [
                "BatchEngine", "BatchSQLite", "BatchCLI", "ChildProcesses", "PostgresClient", "ThrowawayPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Dashboard",
            dependencies: ["BatchEngine"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "batch-tui",
            dependencies: [
                "BatchEngine", "BatchCLI", "Dashboard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "PostgresClient",
            dependencies: ["CLibPQ"],
            swiftSettings: strict
        ),
        .target(name: "CSpawn"),
        .target(name: "ChildProcesses", dependencies: ["CSpawn"], swiftSettings: strict),
        .target(
            name: "ThrowawayPostgres",
            dependencies: ["PostgresClient", "ChildProcesses"],
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "PostgresClient", "ChildProcesses", "ThrowawayPostgres", "BatchEngine", "BatchSQLite", "BatchPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "PostgresClientTests",
            dependencies: ["ChildProcesses", "PostgresClient", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BatchEngineTests",
            dependencies: [
                "BatchEngine", "BatchSQLite", "BatchPostgres", "ChildProcesses", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BatchrunTests",
            dependencies: [
                "batchrun", "batch-bench", "batch-tui", "BatchEngine", "BatchSQLite", "ChildProcesses", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "BatchEngine", "BatchSQLite", "ChildProcesses", "TestSupport", "batch-tui", "batchrun",
            ],
            swiftSettings: strict
        ),
    ]
)
