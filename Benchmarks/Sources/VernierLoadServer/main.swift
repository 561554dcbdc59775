import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Vernier
import VernierBootstrap
import VernierHTTP
import VernierHTTPNIO

/// `VernierLoadServer`: one SwiftNIO HTTP server, bare or instrumented by Vernier (see `LoadServerOptions`), for
/// `Scripts/load.py` to load with wrk. Prints "api=PORT metrics=PORT" (metrics 0 when there is no `/metrics`)
/// and serves on 127.0.0.1 until its standard input closes.
let options: LoadServerOptions
do {
    options = try LoadServerOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("VernierLoadServer: \(error)\n".utf8))
    exit(2)
}

var environment = ProcessInfo.processInfo.environment
environment["OTEL_TRACES_EXPORTER"] = "none"
environment["OTEL_SDK_DISABLED"] = options.mode == .disabled ? "true" : "false"
var configuration = VernierConfiguration(resource: Resource(serviceName: "vernier-load-server"))
configuration.metrics.prometheus = .init(host: "127.0.0.1", port: 0)
let vernier = VernierService.bootstrap(configuration, environment: environment)
let metricsPort = options.mode == .bare ? 0 : try await vernier.metricsServer?.start() ?? 0
let serving = Task { try await vernier.run() }

let api = vernier.meter("vernier-load-server", version: "1.0.0")
let instrumentation = HTTPServerInstrumentationHandler.Configuration(
    metrics: try HTTPServerMetrics(meter: api), routes: HTTPRouteTemplates(["/products/{id}"]),
    headerCapture: HTTPHeaderCapture(requestHeaders: ["x-request-id"]), tracer: vernier.tracer)
let products: [Substring: LoadAnswer] = [
    "espresso-beans": LoadAnswer(.ok, json: #"{"id":"espresso-beans","price":14.5}"#),
    "grinder": LoadAnswer(.ok, json: #"{"id":"grinder","price":129.0}"#),
]
// Bound once per product, as a hot path should; left out when the SDK is disabled and nothing would be recorded.
let views = try api.counter("shop.product.views", unit: "{view}", description: "Product pages shown.")
let boundViews: [Substring: BoundCounter<Int>] = views.isEnabled
    ? Dictionary(uniqueKeysWithValues: products.keys.map { ($0, views.bind(["product.id": .string(String($0))])) }) : [:]
let bareShared = LoadAPIHandler<HTTPServerRequestPart>.Shared(products: products, views: [:]) { ($0, .topLevel) }
let tracedShared = LoadAPIHandler<TracedHTTPRequestPart>.Shared(products: products, views: boundViews) { ($0.part, $0.context) }
let mode = options.mode

let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .serverChannelOption(.backlog, value: 1024)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.configureHTTPServerPipeline()
            if mode == .bare {
                try pipeline.addHandler(LoadAPIHandler(bareShared))
            } else {
                try pipeline.addHandler(HTTPServerInstrumentationHandler(configuration: instrumentation))
                try pipeline.addHandler(LoadAPIHandler(tracedShared))
            }
        }
    }
    .bind(host: "127.0.0.1", port: 0).get()

let hammered = try api.histogram("load.hammered", unit: "s").bind(["hammer": "on"])
for index in 0..<options.hammerThreads {
    Thread.detachNewThread {
        var value = Double(index)
        while true {
            hammered.record(value)
            value = value < 10 ? value + 0.001 : 0
        }
    }
}

FileHandle.standardOutput.write(Data("api=\(channel.localAddress?.port ?? 0) metrics=\(metricsPort)\n".utf8))
while readLine() != nil {}
serving.cancel()
try? await channel.close().get()
