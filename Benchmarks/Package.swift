// swift-tools-version:6.1
import PackageDescription

/// swift-otel's exporter dependencies (SwiftNIO, BoringSSL, AsyncHTTPClient, SwiftProtobuf) take long to build on
/// a small machine. `VERNIER_BENCH_WITHOUT_OTEL=1 make bench` leaves swift-otel out of the build and of the table.
let measuresSwiftOTel = Context.environment["VERNIER_BENCH_WITHOUT_OTEL"] == nil

/// Measures Vernier against swift-prometheus and swift-otel in one process, one run; and `VernierLoadServer`, the
/// HTTP server `make load` loads with wrk, bare and instrumented.
let package = Package(
    name: "vernier-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "vernier", path: ".."),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-service-context.git", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
    ],
    targets: [
        .target(name: "CAllocationCounter"),
        .executableTarget(
            name: "VernierBenchmarks",
            dependencies: [
                "CAllocationCounter",
                .product(name: "Vernier", package: "vernier"),
                .product(name: "VernierPrometheus", package: "vernier"),
                .product(name: "VernierOTLP", package: "vernier"),
                .product(name: "VernierRemoteWrite", package: "vernier"),
                .product(name: "VernierBootstrap", package: "vernier"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceContextModule", package: "swift-service-context"),
            ]
        ),
        .executableTarget(
            name: "VernierLoadServer",
            dependencies: [
                .product(name: "Vernier", package: "vernier"),
                .product(name: "VernierBootstrap", package: "vernier"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceContextModule", package: "swift-service-context"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

if measuresSwiftOTel {
    // Only its metrics SDK is measured; its sources need one OTLP trait to compile, and OTLP/HTTP is the lighter.
    package.dependencies.append(
        .package(url: "https://github.com/swift-otel/swift-otel.git", exact: "1.6.0", traits: ["OTLPHTTP"]))
    package.targets.first { $0.name == "VernierBenchmarks" }?.dependencies.append(
        .product(name: "OTel", package: "swift-otel"))
}
