// swift-tools-version: 6.2
import PackageDescription

/// Strict settings for the project's own targets: Swift 6 language mode (complete concurrency
/// checking) plus the upcoming features the style guide asks for; release builds also optimise
/// across our modules (the graph runtime's and the JSON reader's generics are specialised where
/// the orchestrator uses them; docs/performance.md has the measurement).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let wsClient = Target.Dependency.product(name: "WSClient", package: "swift-websocket")
let wsCore = Target.Dependency.product(name: "WSCore", package: "swift-websocket")

let package = Package(
    name: "product-search",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gateway", targets: ["GatewayMain"]),
        .executable(name: "orchestrator", targets: ["OrchestratorMain"]),
        .executable(name: "media-service", targets: ["MediaServiceMain"]),
        .executable(name: "catalog-service", targets: ["CatalogServiceMain"]),
        .executable(name: "understanding-bench", targets: ["UnderstandingBench"]),
        .executable(name: "plumbing-bench", targets: ["PlumbingBench"]),
        .executable(name: "catalog-bench", targets: ["CatalogBench"]),
        .executable(name: "media-image-bench", targets: ["MediaImageBench"]),
        .executable(name: "media-bench", targets: ["MediaBench"]),
        .executable(name: "shopping-lm", targets: ["ShoppingLM"]),
        .executable(name: "chat", targets: ["ChatClient"]),
        .executable(name: "loadgen", targets: ["LoadGenerator"]),
        .executable(name: "gateway-bench", targets: ["GatewayBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0",
                 traits: [.defaults, "CommandLineArguments"]),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // C libraries from Debian, through pkg-config.
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // Image decoders for the media-service (issue 8, images).
        .systemLibrary(
            name: "CTurboJPEG", path: "Sources/CTurboJPEG", pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(
            name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(
            name: "CWebP", path: "Sources/CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),
        // Speech to text for the media-service.
        .systemLibrary(
            name: "CPocketSphinx", path: "Sources/CPocketSphinx", pkgConfig: "pocketsphinx",
            providers: [.apt(["libpocketsphinx-dev", "libsphinxbase-dev"])]),

        // The shared library: protocol models, configuration, logging, errors, Redis, HTTP, metrics.
        .target(
            name: "Shared",
            dependencies: [
                logging, metrics, serviceLifecycle, hummingbird,
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Sources/Shared", swiftSettings: strict),

        // The state-graph runtime (the role LangGraph plays in Python); it knows nothing of Redis.
        .target(name: "GraphRuntime", path: "Sources/GraphRuntime", swiftSettings: strict),

        // One library and one thin executable per process.
        .target(name: "Gateway",
                dependencies: ["Shared", hummingbird, serviceLifecycle, logging, metrics,
                               .product(name: "CoreMetrics", package: "swift-metrics"),
                               .product(name: "HummingbirdCore", package: "hummingbird"),
                               .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "NIOWebSocket", package: "swift-nio"),
                               .product(name: "NIOHTTP1", package: "swift-nio"),
                               .product(name: "HTTPTypes", package: "swift-http-types"),
                               .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                               .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                               .product(name: "Crypto", package: "swift-crypto")],
                path: "Sources/Gateway", exclude: ["Main"], swiftSettings: strict),
        // The terminal chat client and the gateway benchmark.
        .executableTarget(name: "ChatClient",
                          dependencies: ["Shared", wsClient, logging,
                                         .product(name: "NIOCore", package: "swift-nio"),
                                         .product(name: "NIOWebSocket", package: "swift-nio"),
                                         .product(name: "NIOPosix", package: "swift-nio")],
                          path: "Sources/ChatClient", swiftSettings: strict),
        .target(name: "BenchSupport",
                dependencies: [.product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "NIOPosix", package: "swift-nio")],
                path: "Sources/BenchSupport", swiftSettings: strict),
        .executableTarget(name: "GatewayBench",
                          dependencies: ["BenchSupport", .product(name: "NIOCore", package: "swift-nio"),
                                         .product(name: "NIOPosix", package: "swift-nio")],
                          path: "Sources/GatewayBench", swiftSettings: strict),
        .executableTarget(name: "GatewayMain", dependencies: ["Gateway", "Shared"],
                          path: "Sources/Gateway/Main", swiftSettings: strict),
        .target(name: "Orchestrator", dependencies: ["Shared", "GraphRuntime", "Understanding", hummingbird, serviceLifecycle,
                                                    .product(name: "NIOCore", package: "swift-nio"),
                                                    .product(name: "NIOHTTP1", package: "swift-nio")],
                path: "Sources/Orchestrator", exclude: ["Main"], swiftSettings: strict),
        .executableTarget(name: "OrchestratorMain", dependencies: ["Orchestrator", "Shared"],
                          path: "Sources/Orchestrator/Main", swiftSettings: strict),
        .target(name: "MediaService",
                dependencies: ["Shared", "CPocketSphinx", "CTurboJPEG", "CPNG", "CWebP", hummingbird, serviceLifecycle,
                               logging, metrics,
                               .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "NIOPosix", package: "swift-nio"),
                               .product(name: "NIOHTTP1", package: "swift-nio")],
                path: "Sources/MediaService", exclude: ["Main"], swiftSettings: strict),
        .executableTarget(name: "MediaServiceMain", dependencies: ["MediaService", "Shared"],
                          path: "Sources/MediaService/Main", swiftSettings: strict),
        .executableTarget(name: "MediaImageBench",
                          dependencies: ["MediaService", "Shared", "TestSupport",
                                         .product(name: "AsyncHTTPClient", package: "async-http-client")],
                          path: "Sources/MediaImageBench", swiftSettings: strict),
        .target(name: "CatalogService",
                dependencies: ["Shared", "CSQLite", "CZlib", hummingbird, serviceLifecycle, logging, metrics,
                               .product(name: "AsyncHTTPClient", package: "async-http-client"),
                               .product(name: "Prometheus", package: "swift-prometheus"),
                               .product(name: "HummingbirdCore", package: "hummingbird"),
                               .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "NIOPosix", package: "swift-nio"),
                               .product(name: "NIOHTTP1", package: "swift-nio"),
                               .product(name: "HTTPTypes", package: "swift-http-types"),
                               .product(name: "NIOHTTPTypes", package: "swift-nio-extras")],
                path: "Sources/CatalogService", exclude: ["Main"],
                resources: [.copy("Resources/demo-catalog.jsonl")], swiftSettings: strict),
        .executableTarget(name: "CatalogServiceMain", dependencies: ["CatalogService", "Shared"],
                          path: "Sources/CatalogService/Main", swiftSettings: strict),
        .executableTarget(name: "CatalogBench",
                          dependencies: ["CatalogService", "Shared", hummingbird, logging, serviceLifecycle,
                                         .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                         .product(name: "NIOHTTP1", package: "swift-nio"),
                                         .product(name: "Prometheus", package: "swift-prometheus")],
                          path: "Sources/CatalogBench", swiftSettings: strict),

        // A SwiftNIO echo server: the cost of a message before any work (scripts/plumbing-floor.py).
        .executableTarget(name: "PlumbingBench",
                          dependencies: [.product(name: "NIOCore", package: "swift-nio"),
                                         .product(name: "NIOPosix", package: "swift-nio")],
                          path: "Sources/PlumbingBench", swiftSettings: strict),

        // Closed-loop load generator for the whole stack (docs/performance.md).
        .executableTarget(name: "LoadGenerator",
                          dependencies: ["BenchSupport", .product(name: "NIOCore", package: "swift-nio"),
                                         .product(name: "NIOPosix", package: "swift-nio")],
                          path: "Sources/LoadGenerator", swiftSettings: strict),

        // Understanding engines for the orchestrator's agent nodes: embedded (default), OpenAI, Bedrock.
        .target(name: "Understanding",
                dependencies: ["Shared", logging, metrics,
                               .product(name: "Crypto", package: "swift-crypto"),
                               .product(name: "AsyncHTTPClient", package: "async-http-client"),
                               .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "NIOHTTP1", package: "swift-nio")],
                path: "Sources/Understanding", resources: [.copy("Prompts"), .copy("Words")], swiftSettings: strict),
        .target(name: "UnderstandingFixtures", dependencies: ["Understanding", "Shared"],
                path: "Tests/UnderstandingFixtures", swiftSettings: strict),
        .executableTarget(name: "UnderstandingBench", dependencies: ["Understanding", "UnderstandingFixtures", "Shared"],
                          path: "Sources/UnderstandingBench", swiftSettings: strict),

        // Media tools: the shopping language model generator and the speech benchmark.
        .executableTarget(name: "ShoppingLM", dependencies: ["MediaService"],
                          path: "Sources/Tools/ShoppingLM", swiftSettings: strict),
        .executableTarget(name: "MediaBench", dependencies: ["MediaService", "Shared", hummingbird,
                                                            .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                                            .product(name: "NIOHTTP1", package: "swift-nio")],
                          path: "Sources/Tools/MediaBench", swiftSettings: strict),

        // Test support: a private redis-server per test, free ports, deadlines.
        .target(name: "TestSupport", dependencies: ["Shared", logging],
                path: "Tests/TestSupport", swiftSettings: strict),
        // A real catalog service for the tests of the services that call it.
        .target(name: "StackTestSupport", dependencies: ["CatalogService", "Shared", "TestSupport", hummingbird, logging,
                                                         serviceLifecycle, .product(name: "NIOHTTP1", package: "swift-nio")],
                path: "Tests/StackTestSupport", swiftSettings: strict),
        .testTarget(name: "SharedTests",
                    dependencies: ["Shared", "TestSupport", hummingbird, hummingbirdTesting,
                                   .product(name: "NIOCore", package: "swift-nio")],
                    path: "Tests/SharedTests", swiftSettings: strict),
        .testTarget(name: "GraphRuntimeTests", dependencies: ["GraphRuntime"],
                    path: "Tests/GraphRuntimeTests", swiftSettings: strict),
        .executableTarget(name: "TestWorker", dependencies: ["Orchestrator", "Shared", logging, .product(name: "NIOCore", package: "swift-nio"),
                                                            .product(name: "NIOPosix", package: "swift-nio")],
                          path: "Tests/TestWorker", swiftSettings: strict),
        .testTarget(name: "OrchestratorTests",
                    dependencies: ["Orchestrator", "GraphRuntime", "Shared", "TestSupport", "StackTestSupport", "Understanding",
                                   "CatalogService",
                                   hummingbird, hummingbirdTesting],
                    path: "Tests/OrchestratorTests", swiftSettings: strict),
        .testTarget(name: "GatewayTests",
                    // Orchestrator and StackTestSupport (the catalog) for `WholeStackTests`: every service together.
                    dependencies: ["Gateway", "Orchestrator", "Shared", "TestSupport", "StackTestSupport", hummingbird,
                                   hummingbirdTesting, wsClient, wsCore, serviceLifecycle, logging,
                                   .product(name: "HTTPTypes", package: "swift-http-types"),
                                   .product(name: "NIOCore", package: "swift-nio"),
                                   .product(name: "NIOEmbedded", package: "swift-nio"),
                                   .product(name: "NIOHTTP1", package: "swift-nio"),
                                   .product(name: "NIOWebSocket", package: "swift-nio"),
                                   .product(name: "AsyncHTTPClient", package: "async-http-client")],
                    path: "Tests/GatewayTests", swiftSettings: strict),
        .testTarget(name: "ServiceTests",
                    dependencies: ["Gateway", "Orchestrator", "MediaService", "CatalogService",
                                   "TestSupport", hummingbird, hummingbirdTesting,
                                   .product(name: "Prometheus", package: "swift-prometheus")],
                    path: "Tests/ServiceTests", swiftSettings: strict),
        .testTarget(name: "UnderstandingTests",
                    dependencies: ["Understanding", "UnderstandingFixtures", "Shared", "TestSupport",
                                   hummingbird, hummingbirdTesting,
                                   .product(name: "Crypto", package: "swift-crypto"),
                                   .product(name: "AsyncHTTPClient", package: "async-http-client")],
                    path: "Tests/UnderstandingTests", swiftSettings: strict),
        .testTarget(name: "CatalogServiceTests",
                    dependencies: ["CatalogService", "Shared", "TestSupport", hummingbird, hummingbirdTesting,
                                   .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                   .product(name: "NIOCore", package: "swift-nio"),
                                   .product(name: "NIOPosix", package: "swift-nio"),
                                   .product(name: "NIOEmbedded", package: "swift-nio"),
                                   .product(name: "NIOHTTP1", package: "swift-nio"),
                                   .product(name: "HTTPTypes", package: "swift-http-types"),
                                   .product(name: "NIOHTTPTypes", package: "swift-nio-extras")],
                    path: "Tests/CatalogServiceTests", swiftSettings: strict),
        .testTarget(name: "MediaServiceTests",
                    dependencies: ["MediaService", "Shared", "TestSupport", hummingbird, hummingbirdTesting, logging,
                                   .product(name: "AsyncHTTPClient", package: "async-http-client")],
                    path: "Tests/MediaServiceTests", swiftSettings: strict),
    ]
)
