// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "batch-job",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "batch-job", targets: ["BatchJob"]),
    ],
    dependencies: [
        .package(name: "vernier", path: "../.."),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "BatchJob",
            dependencies: [
                .product(name: "Vernier", package: "vernier"),
                .product(name: "VernierBootstrap", package: "vernier"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
