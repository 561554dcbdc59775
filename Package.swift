// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vernier",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Vernier", targets: ["Vernier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-service-context.git", from: "1.1.0"),
    ],
    targets: [
        .target(
            name: "Vernier",
            dependencies: [
                .product(name: "ServiceContextModule", package: "swift-service-context"),
            ]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .testTarget(name: "VernierTests", dependencies: ["Vernier"]),
    ]
)
