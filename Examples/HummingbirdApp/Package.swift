// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "hummingbird-example",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hummingbird-example", targets: ["HummingbirdExample"]),
    ],
    dependencies: [
        .package(name: "vernier", path: "../.."),
        // No traits: the example needs neither swift-configuration nor full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0", traits: []),
        .package(url: "https://github.com/apple/swift-service-context.git", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdExample",
            dependencies: [
                .product(name: "Vernier", package: "vernier"),
                .product(name: "VernierBootstrap", package: "vernier"),
                .product(name: "VernierPrometheus", package: "vernier"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceContextModule", package: "swift-service-context"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
