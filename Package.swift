// swift-tools-version: 6.2
import PackageDescription

/// The upcoming-language features Hummingbird 2 and swift-log build with, on every target of ours.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ocopsync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ocopsync", targets: ["ocopsync"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The canonical catalog: producers, products, variants, ratings, eligibility.
        .target(name: "OCOPCatalog"),
        // Catalog files: CSV and JSON import (validated, with line numbers) and export.
        .target(name: "CatalogFiles", dependencies: ["OCOPCatalog"]),
        // The SQLite store: migrations, catalog tables, the stock ledger.
        .target(
            name: "OCOPStore",
            dependencies: [
                "OCOPCatalog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The daemon's configuration: YAML file, environment overrides, secrets from files.
        .target(
            name: "OCOPConfig",
            dependencies: [
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // What a platform's manifest declares: limits, required fields, categories and, for platforms
        // without a published API, the HTTP protocol ocopsync speaks to them.
        .target(
            name: "PlatformManifest",
            dependencies: ["OCOPCatalog", .product(name: "Yams", package: "Yams")]
        ),
        // Local marketplaces that speak each platform's protocol, strictly, for tests, demos and training.
        .target(
            name: "MarketplaceSimulators",
            dependencies: [
                "OCOPCatalog", "PlatformManifest", "Pictures",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The adapter contract: one required protocol, optional capabilities, the shared transport discipline.
        .target(
            name: "MarketplaceAdapter",
            dependencies: [
                "OCOPCatalog", "PlatformManifest",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The adapter of platforms without a published API: it speaks the protocol their manifest declares.
        .target(
            name: "ManifestAdapter",
            dependencies: ["MarketplaceAdapter", "PlatformManifest"]
        ),
        // The adapters of platforms with a published seller API: code beside each platform's manifest.
        adapter("ShopeeAdapter", folder: "shopee"),
        adapter("LazadaAdapter", folder: "lazada"),
        adapter("TikiAdapter", folder: "tiki"),
        adapter("SendoAdapter", folder: "sendo"),
        adapter("TikTokShopAdapter", folder: "tiktokshop"),
        // Every adapter, by platform.
        .target(
            name: "AdapterRegistry",
            dependencies: ["MarketplaceAdapter", "ManifestAdapter", "PlatformManifest", "ShopeeAdapter", "LazadaAdapter", "TikiAdapter", "SendoAdapter", "TikTokShopAdapter"]
        ),
        // Catalog pictures fetched once into the state directory, checked by their first bytes.
        .target(
            name: "Pictures",
            dependencies: [
                "OCOPCatalog",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The catalog as platforms see it: variants by SKU and barcode, and each platform's listing of a variant.
        .target(name: "Listings", dependencies: ["OCOPCatalog", "OCOPStore", "MarketplaceAdapter", "PlatformManifest"]),
        // A marketplace in memory with every capability, for engine tests without HTTP.
        .target(name: "MarketplaceTesting", dependencies: ["MarketplaceAdapter", "OCOPCatalog", "PlatformManifest"]),
        // A platform's simulator on a loopback port with an adapter for its seeded account, and a receiver of
        // pushed events: what the conformance suite and the engine's integration suites run against.
        .target(
            name: "SimulatedAccounts",
            dependencies: [
                "AdapterRegistry", "MarketplaceAdapter", "MarketplaceSimulators", "PlatformManifest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Keeping platforms in step with the catalog: account sessions, bindings and their first link, the plan, the outbox.
        .target(
            name: "SyncEngine",
            dependencies: [
                "OCOPCatalog", "OCOPStore", "OCOPConfig", "MarketplaceAdapter", "PlatformManifest", "Listings", "Pictures",
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // What operators read: the coverage report in its formats and the report page.
        .target(
            name: "Reports",
            dependencies: ["OCOPCatalog", "OCOPConfig", "OCOPStore", "PlatformManifest", "Listings", "CQRencode"]
        ),
        // libqrencode from Debian, for the QR codes of connect links.
        .systemLibrary(name: "CQRencode", path: "Sources/CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Shops connected by their owner's consent: connect links, consent requests, the OAuth callback.
        .target(
            name: "Connections",
            dependencies: [
                "AdapterRegistry", "MarketplaceAdapter", "OCOPConfig", "OCOPStore", "PlatformManifest", "Reports", "SyncEngine",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The daemon: a loop per account, the admin API, systemd notifications, reload and shutdown.
        .target(
            name: "OCOPDaemon",
            dependencies: [
                "OCOPConfig", "OCOPStore", "SyncEngine", "Listings", "MarketplaceAdapter", "OCOPCatalog", "Reports", "PlatformManifest", "Connections",
                "Pictures",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The commands behind the `ocopsync` executable.
        .target(
            name: "OCOPSyncCLI",
            dependencies: [
                "OCOPCatalog", "CatalogFiles", "OCOPStore", "OCOPConfig", "PlatformManifest", "MarketplaceSimulators",
                "MarketplaceAdapter", "AdapterRegistry", "SyncEngine", "Listings", "OCOPDaemon", "Reports", "Connections", "Pictures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "ocopsync", dependencies: ["OCOPSyncCLI"]),
        // The benchmarks behind BENCHMARKS.md: the daemon and the simulators in one process.
        .executableTarget(
            name: "ocopsync-bench",
            dependencies: [
                "OCOPDaemon", "MarketplaceSimulators", "AdapterRegistry", "MarketplaceAdapter", "OCOPStore", "CatalogFiles", "Listings",
                "OCOPCatalog", "OCOPConfig", "PlatformManifest", "SyncEngine", "Pictures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/OCOPBench"
        ),

        .testTarget(name: "OCOPCatalogTests", dependencies: ["OCOPCatalog"]),
        .testTarget(name: "CatalogFilesTests", dependencies: ["CatalogFiles", "OCOPStore"]),
        .testTarget(
            name: "OCOPStoreTests",
            dependencies: [
                "OCOPStore", "CatalogFiles",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "OCOPConfigTests", dependencies: ["OCOPConfig"]),
        .testTarget(
            name: "OCOPDaemonTests",
            dependencies: [
                "OCOPDaemon", "MarketplaceTesting", "MarketplaceAdapter", "ShopeeAdapter", "OCOPStore", "OCOPCatalog", "OCOPConfig", "PlatformManifest",
                "Connections", "SyncEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "OCOPStore", "Listings", "OCOPCatalog", "OCOPConfig"]),
        .testTarget(
            name: "SimulatorTests",
            dependencies: [
                "MarketplaceSimulators", "PlatformManifest", "CatalogFiles", "OCOPCatalog",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "SyncEngineTests", dependencies: ["SyncEngine", "Listings", "MarketplaceTesting", "OCOPCatalog", "OCOPConfig", "OCOPStore", "MarketplaceAdapter", "PlatformManifest"]),
        .testTarget(name: "AdapterSigningTests", dependencies: ["MarketplaceAdapter", "ShopeeAdapter", "LazadaAdapter", "TikTokShopAdapter"]),
        // The adapters' wire types: what they read from the platforms' answers and what they send.
        .testTarget(
            name: "AdapterWireTests",
            dependencies: ["MarketplaceAdapter", "PlatformManifest", "ManifestAdapter", "ShopeeAdapter", "LazadaAdapter", "TikiAdapter", "SendoAdapter", "TikTokShopAdapter"]
        ),
        .testTarget(
            name: "PicturesTests",
            dependencies: ["Pictures", "OCOPCatalog", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: [
                "SimulatedAccounts", "AdapterRegistry", "MarketplaceAdapter", "MarketplaceSimulators", "PlatformManifest", "OCOPCatalog",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // The sync engine against the simulators: passes, the first link, the outbox drain, orders fanned out.
        .testTarget(
            name: "EngineTests",
            dependencies: [
                "SimulatedAccounts", "AdapterRegistry", "MarketplaceAdapter", "MarketplaceSimulators", "PlatformManifest", "SyncEngine", "Listings", "OCOPStore",
                "OCOPCatalog", "OCOPConfig", "CatalogFiles", "Reports", "Pictures",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "ConnectionTests",
            dependencies: [
                "Connections", "SimulatedAccounts", "MarketplaceSimulators", "MarketplaceAdapter", "AdapterRegistry", "OCOPStore", "OCOPConfig",
                "OCOPCatalog", "PlatformManifest", "Reports", "SyncEngine", "Listings",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "ocopsync", "OCOPSyncCLI", "CatalogFiles", "MarketplaceSimulators", "PlatformManifest", "OCOPStore", "OCOPCatalog", "MarketplaceAdapter", "SyncEngine",
                "SimulatedAccounts",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}

/// A platform's code adapter: the Swift files in `adapters/<folder>/`, beside its manifest and API notes.
func adapter(_ name: String, folder: String) -> Target {
    .target(
        name: name,
        dependencies: ["MarketplaceAdapter", "PlatformManifest"],
        path: "adapters/\(folder)",
        exclude: ["manifest.yaml", "API.md"]
    )
}
