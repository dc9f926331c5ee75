// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode (strict concurrency) plus the
/// upcoming features the project opts into early.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// Tests keep Swift 6 mode but import freely (MemberImportVisibility would make every test
/// file list each module whose members it touches).
let testSwiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Loa",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loa", targets: ["loa"]),
        .executable(name: "loa-bench", targets: ["loa-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", .upToNextMinor(from: "1.33.0")),
    ],
    targets: [
        // Domain values and pure decisions. No I/O.
        .target(name: "LoaCore", swiftSettings: swiftSettings),
        // Template catalog: load, validate, render per locale.
        .target(
            name: "LoaTemplates",
            dependencies: [
                "LoaCore",
                // SHA-256 binds a native speaker's review to the exact text reviewed.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // Layered settings (file < environment < command line) and the error that names a bad key:
        // what the gateway's configuration and each provider factory read their keys with.
        .target(
            name: "LoaSettings",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Configuration read once at the edge, typed and validated.
        .target(
            name: "LoaConfig",
            dependencies: ["LoaCore", "LoaSettings", "LoaStore", "LoaProviders", "LoaHTTPProviders", "LoaSMPP", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // The Store protocol and the embedded SQLite driver.
        .target(
            name: "LoaStore",
            dependencies: [
                "LoaCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL driver (`database.url: postgres://…`) behind the same Store protocols,
        // for several Loa nodes sharing one database.
        .target(
            name: "LoaPostgres",
            dependencies: [
                "LoaCore", "LoaStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The store conformance suite: every behaviour the gateway relies on, run against each
        // driver by the test targets. Depended on by test targets only.
        .target(
            name: "LoaStoreConformance",
            dependencies: ["LoaCore", "LoaStore", "LoaTestSupport"],
            swiftSettings: testSwiftSettings
        ),
        // A small HTTP/1.1 client for one origin with keep-alive connections (providers, peers).
        .target(
            name: "LoaHTTPClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The SMSProvider protocol and its adapters.
        .target(
            name: "LoaProviders",
            dependencies: [
                "LoaCore", "LoaHTTPClient", "LoaSettings",
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                // The sandbox keeps its scheduled reports in a SQLite file of its own.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The SMPP 3.4 provider (`type: smpp`): PDU codec, session on SwiftNIO, receipts.
        .target(
            name: "LoaSMPP",
            dependencies: [
                "LoaCore", "LoaProviders", "LoaSettings",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // The part → message map for receipts, in a SQLite file of the provider's own.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTPS providers (`type: http`) described by configuration and presets, on AsyncHTTPClient.
        .target(
            name: "LoaHTTPProviders",
            dependencies: [
                "LoaCore", "LoaProviders", "LoaSettings",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Long-running services: ingest, dispatcher, receipts, janitor.
        .target(
            name: "LoaWorker",
            dependencies: [
                "LoaCore", "LoaTemplates", "LoaSettings", "LoaConfig", "LoaStore", "LoaProviders",
                .product(name: "Logging", package: "swift-log"),
                // Submission timings, into whichever MetricsFactory the gateway passes.
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP API.
        .target(
            name: "LoaServer",
            dependencies: [
                "LoaCore", "LoaTemplates", "LoaSettings", "LoaConfig", "LoaStore", "LoaPostgres", "LoaProviders", "LoaWorker",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                // The dashboard: its HTML templates and the HMAC of its session cookies.
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                // /metrics: a Prometheus registry per gateway, fed through swift-metrics.
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // Compiled into the binary, so that `loa` needs no files beside it.
            resources: [.embedInCode("Dashboard/Templates")],
            swiftSettings: swiftSettings
        ),
        // The command line.
        .executableTarget(
            name: "loa",
            dependencies: [
                "LoaCore", "LoaTemplates", "LoaSettings", "LoaConfig", "LoaStore", "LoaPostgres", "LoaProviders", "LoaWorker", "LoaServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `loa providers` asks the running gateway, over HTTPS when it serves TLS.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Peers for tests and benchmarks: real Kannel through scripts/peers/kannel.sh, a
        // stand-in for Kannel's smsbox (sendsms + dlr-url callbacks) with faults on demand, and
        // stand-ins for the HTTPS presets' APIs (HTTPStandIns/). Independent of Loa's own modules
        // but for the HTTP client.
        .target(
            name: "LoaPeers",
            dependencies: [
                "LoaHTTPClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What tests and benchmarks share: the real `loa` binary as a harness, JSON over HTTP,
        // peer availability, a seeded generator, temporary folders.
        .target(
            name: "LoaTestSupport",
            dependencies: [
                "LoaPeers", "LoaHTTPClient",
                // StatisticsSeed: messages with known fates through the store's own operations.
                "LoaCore", "LoaStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The provider conformance suite (issue 10): the checks every adapter passes against its
        // peer, the rig protocol each adapter's tests implement, Loa's receipt endpoint for
        // providers that call back. Depended on by test targets only.
        .target(
            name: "LoaProviderConformance",
            dependencies: [
                "LoaCore", "LoaProviders", "LoaPeers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks that print figures: `swift run -c release loa-bench text`.
        .executableTarget(
            name: "loa-bench",
            dependencies: [
                "LoaCore", "LoaTemplates", "LoaPeers", "LoaHTTPClient", "LoaTestSupport", "LoaProviders",
                // loa-bench dashboard seeds a million messages straight into the SQLite file.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Sources/LoaBenchmarks",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoaCoreTests",
            dependencies: ["LoaCore"],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "LoaHTTPClientTests",
            dependencies: ["LoaHTTPClient", "LoaPeers", .product(name: "NIOHTTP1", package: "swift-nio")],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "LoaProvidersTests",
            dependencies: [
                "LoaCore", "LoaProviders", "LoaPeers", "LoaHTTPClient", "LoaProviderConformance", "LoaTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: testSwiftSettings
        ),
        // Each HTTPS preset against a loopback stand-in written from the provider's documentation.
        .testTarget(
            name: "LoaHTTPProvidersTests",
            dependencies: [
                "LoaCore", "LoaProviders", "LoaSettings", "LoaHTTPProviders", "LoaPeers", "LoaProviderConformance",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "LoaConfigTests",
            dependencies: ["LoaCore", "LoaConfig", "LoaSettings", "LoaProviders", "LoaStore"],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "LoaStoreTests",
            dependencies: ["LoaCore", "LoaStore", "LoaStoreConformance", "LoaTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: testSwiftSettings
        ),
        // The PostgreSQL driver against a throwaway cluster (scripts/peers/postgres.sh).
        .testTarget(
            name: "LoaPostgresTests",
            dependencies: [
                "LoaCore", "LoaStore", "LoaPostgres", "LoaStoreConformance", "LoaTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "LoaTemplatesTests",
            dependencies: ["LoaCore", "LoaTemplates"],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "LoaServerTests",
            dependencies: [
                "LoaCore", "LoaTemplates", "LoaSettings", "LoaConfig", "LoaStore", "LoaProviders", "LoaWorker", "LoaServer", "LoaTestSupport",
                // Stand-ins for the HTTPS presets' APIs, calling Loa's callback routes.
                "LoaPeers",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            // Inputs that once found a bug, read by the fuzz tests at run time.
            exclude: ["Fuzz/Corpus"],
            swiftSettings: testSwiftSettings
        ),
        .testTarget(
            name: "LoaWorkerTests",
            dependencies: ["LoaCore", "LoaTemplates", "LoaConfig", "LoaStore", "LoaProviders", "LoaWorker", "LoaTestSupport"],
            swiftSettings: testSwiftSettings
        ),
        // The SMPP provider against the smpp34 simulator (scripts/peers/smpp_smsc.py) and a fake SMSC.
        .testTarget(
            name: "LoaSMPPTests",
            dependencies: [
                "LoaCore", "LoaProviders", "LoaSMPP", "LoaSettings", "LoaTestSupport", "LoaPeers", "LoaProviderConformance",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: testSwiftSettings
        ),
        // The dossier watcher against real source tables in a PostgreSQL cluster of its own
        // (scripts/peers/postgres.sh on another port), stopped and started under it.
        .testTarget(
            name: "LoaWatcherTests",
            dependencies: [
                "LoaCore", "LoaConfig", "LoaStore", "LoaPostgres", "LoaServer", "LoaTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: testSwiftSettings
        ),
        // Runs the real `loa` binary (and real peers such as Kannel) over loopback.
        .testTarget(
            name: "LoaEndToEndTests",
            dependencies: [
                "loa", "LoaCore", "LoaStore", "LoaPostgres", "LoaPeers", "LoaHTTPClient", "LoaTestSupport", "LoaProviders", "LoaProviderConformance",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: testSwiftSettings
        ),
    ]
)
