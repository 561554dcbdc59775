// swift-tools-version:6.0
// The core and its tests alone, for `make test-core-tsan`: ThreadSanitizer then instruments only the core and
// its small dependencies instead of every module of the root package. Both folders are links into the root package.
import PackageDescription

let package = Package(
    name: "vernier-core-tsan",
    dependencies: [
        .package(url: "https://github.com/apple/swift-service-context.git", from: "1.1.0"),
    ],
    targets: [
        .target(
            name: "Vernier",
            dependencies: [.product(name: "ServiceContextModule", package: "swift-service-context")],
            path: "Vernier"
        ),
        .testTarget(
            name: "VernierTests",
            dependencies: ["Vernier", .product(name: "ServiceContextModule", package: "swift-service-context")],
            path: "VernierTests"
        ),
    ]
)
