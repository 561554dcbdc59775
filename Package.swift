// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vernier",
    platforms: [.macOS(.v15)],
    products: [
        // The API: instruments, views, readers and exporters' contract. No SwiftNIO; what a library author needs.
        .library(name: "Vernier", targets: ["Vernier"]),
        // Prometheus scrapes: the exposition formats, a scrape handler for any HTTP framework, and a /metrics server.
        .library(name: "VernierPrometheus", targets: ["VernierPrometheus", "VernierServer"]),
        // OTLP push of metrics and spans, over HTTP or gRPC.
        .library(name: "VernierOTLP", targets: ["VernierOTLP"]),
        // Prometheus push: remote-write with an on-disk queue, and the Pushgateway for batch jobs.
        .library(name: "VernierRemoteWrite", targets: ["VernierRemoteWrite"]),
        // A service's one-call set-up and what it wires in: the tracer, the runtime sampler, the swift-metrics
        // backend, swift-log correlation and HTTP server instrumentation.
        .library(
            name: "VernierBootstrap",
            targets: ["VernierBootstrap", "VernierTracing", "VernierRuntime", "VernierSwiftMetrics", "VernierLogging", "VernierHTTP", "VernierHTTPNIO"]
        ),
        // Prometheus exposition in: scraping /metrics endpoints and bridging a swift-prometheus registry, so their metrics
        // leave through OTLP or remote-write. Opt-in: the only product that depends on swift-prometheus.
        .library(name: "VernierPrometheusBridge", targets: ["VernierPrometheusBridge"]),
        // Assertions on metrics and spans in a user's own unit tests.
        .library(name: "VernierTesting", targets: ["VernierTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-service-context.git", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        .target(name: "VernierConcurrency"),
        .target(
            name: "Vernier",
            dependencies: [
                "VernierConcurrency",
                .product(name: "ServiceContextModule", package: "swift-service-context"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CProtobufC",
            pkgConfig: "libprotobuf-c",
            providers: [.apt(["libprotobuf-c-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CSnappy",
            pkgConfig: "snappy",
            providers: [.apt(["libsnappy-dev"])]
        ),
        .target(name: "VernierProto", dependencies: ["CProtobufC"]),
        .target(name: "VernierProtoArena", dependencies: ["VernierProto", "CProtobufC"]),
        .target(name: "VernierTransport", dependencies: ["Vernier", "VernierConcurrency", "CCurl", "CZlib"]),
        .target(
            name: "VernierOTLP",
            dependencies: [
                "Vernier", "VernierConcurrency", "VernierTracing", "VernierTransport", "VernierProto", "VernierProtoArena", "CProtobufC",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        .target(name: "VernierPrometheus", dependencies: ["Vernier", "VernierConcurrency", "VernierProto", "VernierProtoArena", "CProtobufC", "CZlib"]),
        .target(
            name: "VernierRemoteWrite",
            dependencies: [
                "Vernier", "VernierConcurrency", "VernierPrometheus", "VernierTransport", "VernierProto", "VernierProtoArena", "CProtobufC", "CSnappy", "CZlib",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "VernierPrometheusBridge",
            dependencies: [
                "Vernier", "VernierConcurrency", "VernierPrometheus", "VernierTransport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Parsers of outside input as libFuzzer targets (`make fuzz`); their saved inputs are replayed by the tests.
        .target(
            name: "VernierFuzzTargets",
            dependencies: [
                "Vernier", "VernierPrometheus", "VernierTracing", "VernierBootstrap", "VernierHTTP", "VernierRemoteWrite", "VernierOTLP",
                "VernierTransport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "vernier-fuzz", dependencies: ["VernierFuzzTargets"]),
        .executableTarget(
            name: "vernier-bridge",
            dependencies: [
                "Vernier", "VernierPrometheusBridge", "VernierBootstrap", "VernierOTLP", "VernierRemoteWrite", "VernierServer", "VernierPrometheus",
                "VernierTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "VernierServer",
            dependencies: [
                "VernierConcurrency",
                "VernierPrometheus",
                "VernierHTTPNIO",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "VernierSwiftMetrics",
            dependencies: ["Vernier", "VernierConcurrency", .product(name: "CoreMetrics", package: "swift-metrics")]
        ),
        .target(
            name: "VernierBootstrap",
            dependencies: [
                "VernierConcurrency", "Vernier",
                "VernierPrometheus",
                "VernierServer",
                "VernierOTLP",
                "VernierRemoteWrite",
                "VernierRuntime",
                "VernierTracing",
                "VernierLogging",
                "VernierSwiftMetrics",
                "VernierTransport",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "CVernierRuntimeShims"),
        .target(
            name: "VernierRuntime",
            dependencies: [
                "VernierConcurrency", "Vernier",
                "CVernierRuntimeShims",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "VernierTracing",
            dependencies: [
                "Vernier",
                "VernierConcurrency",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "ServiceContextModule", package: "swift-service-context"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "VernierLogging",
            dependencies: [
                "Vernier",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "VernierHTTP", dependencies: ["Vernier"]),
        .target(
            name: "VernierHTTPNIO",
            dependencies: [
                "Vernier",
                "VernierConcurrency",
                "VernierHTTP",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "ServiceContextModule", package: "swift-service-context"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "VernierTesting", dependencies: ["Vernier", "VernierConcurrency", "VernierTracing"]),
        .testTarget(name: "VernierTests", dependencies: ["Vernier", "VernierConcurrency", "VernierTesting", "CVernierRuntimeShims"]),
        .testTarget(name: "VernierTestingTests", dependencies: ["VernierTesting", .product(name: "ServiceContextModule", package: "swift-service-context")]),
        .testTarget(
            name: "DocumentationExamplesTests",
            dependencies: [
                "Vernier", "VernierBootstrap", "VernierPrometheus", "VernierServer", "VernierOTLP", "VernierRemoteWrite", "VernierRuntime",
                "VernierTracing", "VernierLogging", "VernierHTTP", "VernierHTTPNIO", "VernierSwiftMetrics", "VernierPrometheusBridge",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "VernierPrometheusTests", dependencies: ["VernierPrometheus", "VernierRemoteWrite", "VernierTesting", "VernierProto", "CProtobufC", "CZlib"], exclude: ["Golden"]),
        .testTarget(
            name: "VernierPrometheusBridgeTests",
            dependencies: ["VernierPrometheusBridge", "VernierTesting", .product(name: "Prometheus", package: "swift-prometheus")]
        ),
        .testTarget(name: "VernierServerTests", dependencies: ["VernierServer", "VernierHTTPNIO"]),
        .target(
            name: "SwiftMetricsOnlyLibrary",
            dependencies: [.product(name: "CoreMetrics", package: "swift-metrics")],
            path: "Tests/SwiftMetricsOnlyLibrary"
        ),
        .testTarget(
            name: "VernierSwiftMetricsTests",
            dependencies: ["VernierSwiftMetrics", "VernierTesting", "SwiftMetricsOnlyLibrary", .product(name: "CoreMetrics", package: "swift-metrics")]
        ),
        .testTarget(
            name: "VernierBootstrapTests",
            dependencies: [
                "VernierTesting", "VernierBootstrap", "VernierServer", "VernierPrometheus",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "VernierTesting", "VernierBootstrap",
                "VernierSwiftMetrics",
                "SwiftMetricsOnlyLibrary",
                "Vernier",
                "VernierRuntime",
                "VernierOTLP",
                "VernierTransport",
                "VernierPrometheus",
                "VernierRemoteWrite",
                "VernierServer",
                "VernierTracing",
                .product(name: "ServiceContextModule", package: "swift-service-context"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            exclude: ["Peers"]
        ),
        .testTarget(name: "VernierFuzzRegressionTests", dependencies: ["VernierFuzzTargets"]),
        .testTarget(name: "VernierTransportTests", dependencies: ["VernierTransport", "Vernier", "CZlib"]),
        .testTarget(name: "VernierRemoteWriteTests", dependencies: ["VernierRemoteWrite", "VernierTesting", "VernierProto", "CProtobufC"]),
        .testTarget(
            name: "VernierOTLPTests",
            dependencies: [
                "VernierOTLP", "VernierTracing", "VernierTesting", "VernierProto", "CProtobufC",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceContextModule", package: "swift-service-context"),
            ]
        ),
        .testTarget(
            name: "VernierRuntimeTests",
            dependencies: [
                "VernierRuntime",
                "VernierTesting",
                "VernierPrometheus",
                "CVernierRuntimeShims",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "VernierTracingTests", dependencies: ["VernierTracing", "VernierTesting", "VernierConcurrency"]),
        .testTarget(name: "VernierLoggingTests", dependencies: ["VernierLogging", "VernierTracing", "VernierConcurrency", "VernierTesting"]),
        .testTarget(
            name: "VernierHTTPTests",
            dependencies: ["VernierHTTP", "VernierHTTPNIO", "VernierTracing", "VernierTesting", .product(name: "NIOEmbedded", package: "swift-nio")]
        ),
    ]
)
