// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vernier-demo",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vernier-demo", targets: ["VernierDemo"]),
    ],
    dependencies: [
        .package(name: "vernier", path: "../.."),
        .package(url: "https://github.com/apple/swift-service-context.git", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "VernierDemo",
            dependencies: [
                .product(name: "Vernier", package: "vernier"),
                .product(name: "VernierBootstrap", package: "vernier"),
                .product(name: "ServiceContextModule", package: "swift-service-context"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)
